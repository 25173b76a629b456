"""The meetings' notifications: invitations, changes, cancellations, reminders, series changes.

- meeting.created / .changed / .cancelled: event subscribers (hub.events) tell the participants
  of a one-off or single occurrence (the .ics REQUEST / CANCEL attached to the mail); a move
  skips the reminders made for the old start.
- meeting.series_changed: one message per person (and park robot) concerned by a series change
  (hub.meetings.changes; rendered by hub.meetings.series_message).
- meeting.reminder: made ahead by the periodic producer hub.meetings.reminders at each of the
  meeting's reminder offsets; to the participants and the participant parks' robots.

Recipients (`meeting_recipients`): the users of the participant parks and of the host park, and
the extra people. Declared in hub.meetings.declare().
"""

import secrets
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.auth.models import User
from hub.meetings import series_message
from hub.meetings.models import Meeting
from hub.notify.kinds import NotificationKind
from hub.notify.producers import (
    active_users,
    deliver,
    deliver_robots,
    merge,
    park_users,
    plain,
    skip_pending,
)
from hub.notify.render import (
    Skip,
    compose,
    get,
    local_text,
    meeting_facts,
    meeting_ics,
    meeting_key,
    meeting_zone,
    now_utc,
    path,
    state_of,
)
from hub.timeutil import utcnow

# what a cancelled meeting will not be followed by (agenda calls: hub.agenda.notifications)
FOLLOW_UPS = ("meeting.reminder", "meeting.created", "meeting.changed")


# --- recipients -------------------------------------------------------------------------------
def participant_park_ids(meeting) -> list[int]:
    ids = [p.id for p in meeting.parks]
    if meeting.host_park_id is not None and meeting.host_park_id not in ids:
        ids.append(meeting.host_park_id)
    return ids


def meeting_recipients(meeting) -> list[User]:
    """Users of the participant parks and the host park, and the extra people."""
    return merge(park_users(participant_park_ids(meeting)), meeting.people)


# --- event subscribers ------------------------------------------------------------------------
def on_meeting_created(meeting, by=None, **_extra) -> None:
    """An invitation (with the .ics REQUEST) to every participant of a one-off meeting."""
    now = utcnow()
    if meeting.is_cancelled or meeting.starts_at <= now:
        return
    deliver("meeting.created", meeting_recipients(meeting), object_type="meeting",
            object_id=meeting.id, due_at=now, occurrence_key=f"s{meeting.sequence or 0}",
            at_once=True)


def on_meeting_changed(meeting, by=None, changes=None, **_extra) -> None:
    now = utcnow()
    # reminders follow the occurrence: those made for an earlier start will never go out
    skip_pending("meeting", meeting.id, ("meeting.reminder",), "moved",
                 keep_occurrence=meeting_key(meeting))
    if meeting.is_cancelled or meeting.ends_at <= now:
        return
    seq = meeting.sequence or 0
    deliver("meeting.changed", meeting_recipients(meeting), object_type="meeting",
            object_id=meeting.id, due_at=now,
            occurrence_key=f"s{seq}-{int(now.timestamp() * 1000)}",
            payload={"sequence": seq,
                     "changes": {k: plain(v) for k, v in (changes or {}).items()}},
            at_once=True)


def on_meeting_cancelled(meeting, by=None, reason="", **_extra) -> None:
    now = utcnow()
    skip_pending("meeting", meeting.id, FOLLOW_UPS, "cancelled")
    if meeting.ends_at <= now:
        return
    deliver("meeting.cancelled", meeting_recipients(meeting), object_type="meeting",
            object_id=meeting.id, due_at=now, occurrence_key=f"s{meeting.sequence or 0}",
            payload={"reason": reason or ""}, at_once=True)


def on_series_changed(series, change, by=None, **_extra) -> None:
    """One message per person concerned by any changed, added or removed occurrence (and per
    park robot): hub.meetings.changes. The payload holds the whole change; the renderer keeps
    the recipient's part."""
    now = utcnow()
    person_ids = sorted(change.person_ids())
    people = active_users(User.id.in_(person_ids)) if person_ids else []
    park_ids = sorted(change.park_ids())
    common = {"object_type": "meeting_series", "object_id": series.id, "due_at": now,
              # each change its own key (several may happen within one clock tick)
              "occurrence_key": f"c{int(now.timestamp())}-{secrets.token_hex(6)}",
              "payload": change.payload(series)}
    deliver("meeting.series_changed", merge(park_users(park_ids), people), **common,
            at_once=True)
    deliver_robots("meeting.series_changed", park_ids, **common)


# --- renderers --------------------------------------------------------------------------------
def meeting_of(delivery, *, allow_cancelled: bool = False):
    """The delivery's meeting; Skip when it is gone, or cancelled (unless allowed)."""
    meeting = get(Meeting, delivery.object_id)
    if meeting.is_cancelled and not allow_cancelled:
        raise Skip("cancelled")
    return meeting


def not_started(meeting) -> None:
    """Skip when the meeting has started."""
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


def render_reminder(delivery):
    meeting = meeting_of(delivery)  # read again after each of the sender's commits (render.get)
    if delivery.occurrence_key != meeting_key(meeting):
        raise Skip("moved")
    not_started(meeting)
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


def render_created(delivery):
    meeting = meeting_of(delivery)
    not_started(meeting)
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


def render_changed(delivery):
    meeting = meeting_of(delivery)
    payload = delivery.payload or {}
    if payload.get("sequence") is not None and payload["sequence"] != (meeting.sequence or 0):
        raise Skip("superseded by a later change")
    not_started(meeting)
    facts = meeting_facts(meeting)
    return compose(
        delivery, _("Changed: %(title)s, now %(when)s", title=meeting.title, when=facts["when"]),
        path("meetings.detail", meeting_id=meeting.id),
        {**facts, "changes": _change_lines(meeting, payload.get("changes") or {})},
        ics=meeting_ics(meeting, "REQUEST", delivery), ics_method="REQUEST", shared=True)


def render_cancelled(delivery):
    meeting = meeting_of(delivery, allow_cancelled=True)
    if not meeting.is_cancelled:
        raise Skip("reinstated")
    facts = meeting_facts(meeting)
    reason = (delivery.payload or {}).get("reason") or meeting.cancel_reason
    return compose(
        delivery, _("Cancelled: %(title)s, %(when)s", title=meeting.title, when=facts["when"]),
        path("meetings.detail", meeting_id=meeting.id), {**facts, "reason": reason},
        ics=meeting_ics(meeting, "CANCEL", delivery), ics_method="CANCEL", shared=True)


KINDS = [
    NotificationKind("meeting.created", _l("Meeting invitation"), render_created, order=10),
    NotificationKind("meeting.reminder", _l("Meeting reminder"), render_reminder, robot=True,
                     order=11),
    NotificationKind("meeting.changed", _l("Meeting moved or changed"), render_changed,
                     order=12),
    NotificationKind("meeting.cancelled", _l("Meeting cancelled"), render_cancelled, order=13),
    NotificationKind("meeting.series_changed", _l("Meeting series changed or ended"),
                     series_message.render, robot=True, order=14),
]

SUBSCRIPTIONS = {
    "meeting.created": on_meeting_created,
    "meeting.changed": on_meeting_changed,
    "meeting.cancelled": on_meeting_cancelled,
    "series.changed": on_series_changed,
}
