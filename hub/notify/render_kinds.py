"""The renderer of every delivery kind (see hub.notify.render for the contract).

Each runs inside the recipient's locale (render.render sets it) and raises Skip when the message
is no longer relevant at send time.
"""

from datetime import date, datetime

from flask_babel import gettext as _

from hub.notify.render import (
    Skip,
    compose,
    get,
    link,
    local_text,
    meeting_facts,
    meeting_ics,
    meeting_key,
    meeting_zone,
    now_utc,
    path,
    register,
    state_of,
)
from hub.timeutil import format_datetime


# --- meetings ---------------------------------------------------------------------------------
def _meeting(delivery, *, allow_cancelled: bool = False):
    from hub.meetings.models import Meeting

    meeting = get(Meeting, delivery.object_id)
    if meeting.is_cancelled and not allow_cancelled:
        raise Skip("cancelled")
    return meeting


def _not_started(meeting) -> None:
    if meeting.starts_at <= now_utc():
        raise Skip("started")


def starts_in(meeting, now) -> str:
    """How soon the meeting starts, worked out when the reminder is sent (a reminder sent late
    after downtime says so honestly, not its nominal offset)."""
    minutes = max(1, round((meeting.starts_at - now).total_seconds() / 60))
    if minutes < 60:
        return _("starts in %(n)d minutes", n=minutes)
    if minutes < 1440:
        hours, rest = divmod(minutes, 60)
        if rest == 0:
            return _("starts in %(n)d hour(s)", n=hours)
        return _("starts in %(h)d h %(m)d min", h=hours, m=rest)
    days, rest = divmod(minutes, 1440)
    hours = round(rest / 60)
    if hours == 0:
        return _("starts in %(n)d day(s)", n=days)
    if hours == 24:
        return _("starts in %(n)d day(s)", n=days + 1)
    return _("starts in %(d)d day(s) %(h)d hour(s)", d=days, h=hours)


@register("meeting.reminder")
def meeting_reminder(delivery):
    meeting = _meeting(delivery)  # read again after each of the sender's commits (render.get)
    if delivery.occurrence_key != meeting_key(meeting):
        raise Skip("moved")
    _not_started(meeting)
    facts = meeting_facts(meeting)
    soon = starts_in(meeting, now_utc())
    return compose(
        delivery, _("Reminder: %(when)s %(title)s", when=facts["when_short"],
                    title=meeting.title),
        path("meetings.detail", meeting_id=meeting.id),
        {**facts, "starts_in": soon},
        ics=None if delivery.user_id is None else meeting_ics(meeting, "REQUEST", delivery),
        ics_method=None if delivery.user_id is None else "REQUEST", shared=True,
        vary=(state_of(meeting), soon))


@register("meeting.created")
def meeting_created(delivery):
    meeting = _meeting(delivery)
    _not_started(meeting)
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Invitation: %(title)s, %(when)s", title=meeting.title, when=facts["when"]),
        path("meetings.detail", meeting_id=meeting.id), facts,
        ics=meeting_ics(meeting, "REQUEST", delivery), ics_method="REQUEST", shared=True)


def _change_lines(meeting, changes: dict) -> list[tuple[str, str, str]]:
    labels = {"starts_at": _("Start"), "ends_at": _("End"), "location": _("Place"),
              "online_url": _("Online link"), "status": _("Status"),
              "host_park": _("Host park"), "host_park_id": _("Host park")}
    tz = meeting_zone(meeting)
    lines = []
    for field, pair in changes.items():
        if field not in labels:
            continue
        old, new = pair
        if field in ("starts_at", "ends_at"):
            old = local_text(datetime.fromisoformat(old), tz) if old else ""
            new = local_text(datetime.fromisoformat(new), tz) if new else ""
        elif field == "status":
            old = _("cancelled") if old == "cancelled" else _("scheduled")
            new = _("cancelled") if new == "cancelled" else _("scheduled")
        lines.append((labels[field], str(old or "—"), str(new or "—")))
    return lines


@register("meeting.changed")
def meeting_changed(delivery):
    meeting = _meeting(delivery)
    payload = delivery.payload or {}
    if payload.get("sequence") is not None and payload["sequence"] != (meeting.sequence or 0):
        raise Skip("superseded by a later change")
    _not_started(meeting)
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Changed: %(title)s, now %(when)s", title=meeting.title, when=facts["when"]),
        path("meetings.detail", meeting_id=meeting.id),
        {**facts, "changes": _change_lines(meeting, payload.get("changes") or {})},
        ics=meeting_ics(meeting, "REQUEST", delivery), ics_method="REQUEST", shared=True)


@register("meeting.cancelled")
def meeting_cancelled(delivery):
    meeting = _meeting(delivery, allow_cancelled=True)
    if not meeting.is_cancelled:
        raise Skip("reinstated")
    facts = meeting_facts(meeting)
    reason = (delivery.payload or {}).get("reason") or meeting.cancel_reason
    return compose(
        delivery, _("Cancelled: %(title)s, %(when)s", title=meeting.title, when=facts["when"]),
        path("meetings.detail", meeting_id=meeting.id), {**facts, "reason": reason},
        ics=meeting_ics(meeting, "CANCEL", delivery), ics_method="CANCEL", shared=True)


# --- agenda -----------------------------------------------------------------------------------
def _agenda_open(delivery):
    from hub.agenda.services import cutoff_of

    meeting = _meeting(delivery)
    if cutoff_of(meeting) <= now_utc():
        raise Skip("agenda closed")
    return meeting


@register("agenda.call")
def agenda_call(delivery):
    meeting = _agenda_open(delivery)
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Agenda topics wanted: %(title)s, %(when)s", title=meeting.title,
                    when=facts["when"]),
        path("agenda.page", meeting_id=meeting.id), facts, shared=True)


@register("agenda.last_call")
def agenda_last_call(delivery):
    from hub.agenda.services import cutoff_of
    from hub.notify.producers import parks_with_topics

    meeting = _agenda_open(delivery)
    if delivery.occurrence_key != cutoff_of(meeting).isoformat():
        raise Skip("cut-off changed")
    park_id = delivery.user.park_id if delivery.user is not None else delivery.park_id
    if park_id in parks_with_topics(meeting.id):
        raise Skip("topic submitted")
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Last call for agenda topics: %(title)s (until %(cutoff)s)",
                    title=meeting.title, cutoff=facts["cutoff"]),
        path("agenda.page", meeting_id=meeting.id), facts, shared=True)


# --- minutes ----------------------------------------------------------------------------------
def _minutes(delivery, status: str):
    from hub.meetings.models import Minutes

    minutes = get(Minutes, delivery.object_id)
    if minutes.status.value != status:
        raise Skip(f"minutes no longer {status}")
    return minutes


def _minutes_mail(delivery, status: str, subject):
    """The minutes mails differ only in the state they need and their subject (a function of
    the meeting's title, so that the msgid stays a literal for extraction)."""
    minutes = _minutes(delivery, status)
    facts = meeting_facts(minutes.meeting)
    return compose(
        delivery, subject(minutes.meeting.title),
        path("minutes.page", meeting_id=minutes.meeting_id),
        {**facts, "minutes": minutes,
         "minutes_link": link("minutes.page", meeting_id=minutes.meeting_id)}, shared=True)


@register("minutes.sent")
def minutes_sent(delivery):
    return _minutes_mail(delivery, "consulting",
                         lambda title: _("Minutes for confirmation: %(title)s", title=title))


@register("minutes.published")
def minutes_published(delivery):
    return _minutes_mail(delivery, "published",
                         lambda title: _("Minutes published: %(title)s", title=title))


# --- action items -----------------------------------------------------------------------------
def _item(delivery):
    from hub.actions.models import ActionItem, ActionStatus

    item = get(ActionItem, delivery.object_id)
    if item.status is ActionStatus.DONE:
        raise Skip("done")
    return item


def _item_context(item) -> dict:
    return {"item": item, "owner_park": item.owner_park.name,
            "assignee": item.assignee.display_name if item.assignee else "",
            "due": item.due_date.isoformat() if item.due_date else "",
            "meeting_title": item.meeting.title,
            "item_link": link("actions.detail", item_id=item.id)}


def _short(text: str, size: int = 40) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= size else text[: size - 1] + "…"


@register("action.assigned")
def action_assigned(delivery):
    item = _item(delivery)
    return compose(delivery, _("Action item assigned: %(text)s", text=_short(item.text)),
                   path("actions.detail", item_id=item.id), _item_context(item))


@register("action.due_soon")
def action_due_soon(delivery):
    item = _item(delivery)
    due = (delivery.payload or {}).get("due")
    if due and (item.due_date is None or item.due_date.isoformat() != due):
        raise Skip("due date changed")
    return compose(delivery, _("Action item due on %(due)s: %(text)s",
                               due=item.due_date.isoformat(), text=_short(item.text)),
                   path("actions.detail", item_id=item.id), _item_context(item))


@register("action.overdue")
def action_overdue(delivery):
    item = _item(delivery)
    payload = delivery.payload or {}
    if item.due_date is None or item.due_date >= date.fromisoformat(delivery.occurrence_key):
        raise Skip("no longer overdue")
    days = payload.get("days") or 0
    escalated = bool(payload.get("escalated"))
    text = (_("Supervision (督办): action item %(days)d day(s) overdue: %(text)s", days=days,
              text=_short(item.text)) if escalated else
            _("Action item %(days)d day(s) overdue: %(text)s", days=days, text=_short(item.text)))
    return compose(delivery, text, path("actions.detail", item_id=item.id),
                   {**_item_context(item), "days": days, "escalated": escalated})


# --- notices and land cases -------------------------------------------------------------------
@register("notice.published")
def notice_published(delivery):
    from hub.notices.models import Notice, NoticeStatus

    notice = get(Notice, delivery.object_id)
    if notice.status is not NoticeStatus.PUBLISHED:
        raise Skip("withdrawn")
    excerpt = " ".join(notice.body.split())
    return compose(
        delivery, _("New notice: %(title)s", title=notice.title),
        path("notices.detail", notice_id=notice.id),
        {"notice": notice, "issuer": notice.park.name, "category": notice.category.name,
         "excerpt": excerpt[:200] + ("…" if len(excerpt) > 200 else ""),
         "published": format_datetime(notice.published_at),
         "notice_link": link("notices.detail", notice_id=notice.id)}, shared=True)


@register("case.overdue")
def case_overdue(delivery):
    from hub.land.models import LandCase

    case = get(LandCase, delivery.object_id)
    today = date.fromisoformat(delivery.occurrence_key)
    if not case.is_overdue(today):
        raise Skip("no longer overdue")
    return compose(
        delivery, _("Land case overdue: %(case)s (deadline %(deadline)s)", case=str(case),
                    deadline=case.deadline.isoformat()),
        path("cases.detail", case_id=case.id),
        {"case": case, "days": (today - case.deadline).days, "park_name": case.park.name,
         "deadline": case.deadline.isoformat(),
         "case_link": link("cases.detail", case_id=case.id)})


# --- the robot's test message -----------------------------------------------------------------
@register("robot.test")
def robot_test(delivery):
    return compose(delivery, _("Test message"), path("notify.robot"), {})
