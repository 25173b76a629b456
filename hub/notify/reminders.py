"""Periodic producers: what is due is worked out from the database on every tick.

Meeting reminders: for each scheduled meeting starting in (now − 24 h, now + 7 days + AHEAD], each
of its `reminder_offsets` whose moment (start − offset) comes by now + AHEAD is one reminder, keyed
by the meeting's CURRENT start (UTC ISO) and the offset. So a moved meeting gets fresh reminders
for its new time (those of the old start are skipped by the mover, hub.notify.producers, and by
the renderer), and a reminder is made once however often and in however many processes the tick
runs.
Moved and moved back: the reminders of a start are skipped ("moved") when the meeting leaves it
(or "cancelled"); when the meeting is at that start again (moved back, reinstated), those rows
are made pending again (`revive`), so it is reminded at each offset still ahead — once: a
reminder that went out before the first move stays sent.
Catch-up after downtime: a reminder whose moment passed while no tick ran is made at the next
tick and goes out at once if the meeting has not started; if it has, it is recorded as skipped
(never sent late). When several offsets of one meeting are due at once for a recipient, only the
nearest one goes out; the earlier ones — new rows and rows made before the downtime alike — are
recorded as skipped ("superseded", `supersede`). The reminder says how soon the meeting starts,
worked out when it is sent (hub.notify.render_kinds.starts_in), not its nominal offset.
Made ahead: a reminder is made up to AHEAD (two scheduler intervals) before its moment, with
due_at = the moment; the sender claims only rows that are due, and the scheduler wakes up at the
next due_at (hub.notify.sender.next_due). So the tick at the moment only sends — a fan-out of
thousands of rows is not produced while its recipients wait — and a reminder is not up to a
whole interval late because it came due just after a tick. A meeting moved or cancelled in the
meantime skips the pending rows (hub.notify.producers) and the renderer checks again.

Agenda calls (meetings with an agenda cut-off): when a meeting enters its agenda window
(AGENDA_WINDOW before the start), a call for topics to the users of the participant parks;
24 h before the cut-off a last call to those participant parks that have submitted nothing.

Daily (keyed by the local date, due at DAILY_AT local time): action items due in 3 days (once
per due date), overdue action items (every day until done; from the 3rd overdue day also to the
owner park's park admins and the zone admins: 督办), overdue land cases.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import exists, func, update
from sqlalchemy.orm import aliased, selectinload

from hub.agenda import services as agenda_services
from hub.extensions import db
from hub.notify.models import Delivery, DeliveryState
from hub.notify.producers import (
    action_recipients,
    deliver,
    deliver_robots,
    meeting_recipients,
    merge,
    park_admins,
    park_users,
    parks_with_topics,
    participant_park_ids,
    zone_admins,
)
from hub.notify.render import meeting_key
from hub.timeutil import zone

MAX_OFFSET = timedelta(days=7)
AHEAD = timedelta(seconds=60)  # reminders are made this long before they are due
MISSED_WINDOW = timedelta(hours=24)
AGENDA_WINDOW = agenda_services.CALL_WINDOW
LAST_CALL = timedelta(hours=24)
DUE_SOON_DAYS = 3
ESCALATE_AFTER_DAYS = 3
DAILY_AT = time(9, 0)


def _existing(kinds, object_type: str, ids) -> set[tuple]:
    """(kind, object_id, occurrence_key, offset) of the deliveries made already (one query)."""
    if not ids:
        return set()
    rows = db.session.execute(
        db.select(Delivery.kind, Delivery.object_id, Delivery.occurrence_key,
                  Delivery.offset_minutes).distinct()
        .where(Delivery.kind.in_(list(kinds)), Delivery.object_type == object_type,
               Delivery.object_id.in_(list(ids)))).all()
    return {tuple(r) for r in rows}


def _note_skipped(kind: str, object_id: int, occurrence_key: str, offset: int | None,
                  reason: str) -> None:
    db.session.execute(
        update(Delivery)
        .where(Delivery.kind == kind, Delivery.object_type == "meeting",
               Delivery.object_id == object_id, Delivery.occurrence_key == occurrence_key,
               Delivery.offset_minutes == offset, Delivery.state == DeliveryState.SKIPPED,
               Delivery.last_error == "")
        .values(last_error=reason).execution_options(synchronize_session=False))


def _meetings(*conditions):
    from hub.meetings.models import Meeting, MeetingStatus

    return list(db.session.execute(
        db.select(Meeting).where(Meeting.status == MeetingStatus.SCHEDULED, *conditions)
        .options(selectinload(Meeting.parks), selectinload(Meeting.people),
                 selectinload(Meeting.host_park))
        .order_by(Meeting.starts_at, Meeting.id)).scalars())


# --- meeting reminders ------------------------------------------------------------------------
REVIVABLE = ("moved", "cancelled")  # skip reasons that end when the meeting is back


def meeting_reminders(now: datetime) -> int:
    from hub.meetings.models import Meeting

    horizon = now + AHEAD
    meetings = _meetings(Meeting.starts_at > now - MISSED_WINDOW,
                         Meeting.starts_at <= horizon + MAX_OFFSET)
    revive(meetings, now)
    done = _existing(["meeting.reminder"], "meeting", [m.id for m in meetings])
    made = 0
    for meeting in meetings:
        key = meeting_key(meeting)
        due = sorted(
            (int(off), meeting.starts_at - timedelta(minutes=int(off)))
            for off in set(meeting.reminder_offsets or [])
            if int(off) > 0 and meeting.starts_at - timedelta(minutes=int(off)) <= horizon)
        if not due:
            continue
        # the nearest of the offsets due by now; those made ahead (due within AHEAD) wait
        nearest = min((off for off, at in due if at <= now), default=None)
        started = meeting.starts_at <= now
        for offset, due_at in due:
            if ("meeting.reminder", meeting.id, key, offset) in done:
                continue
            superseded = nearest is not None and offset > nearest and due_at <= now
            reason = "started" if started else ("superseded" if superseded else "")
            state = DeliveryState.SKIPPED if reason else DeliveryState.PENDING
            common = {"object_type": "meeting", "object_id": meeting.id, "due_at": due_at,
                      "occurrence_key": key, "offset_minutes": offset, "state": state}
            made += deliver("meeting.reminder", meeting_recipients(meeting), **common)
            made += deliver_robots("meeting.reminder", participant_park_ids(meeting), **common)
            if reason:
                _note_skipped("meeting.reminder", meeting.id, key, offset, reason)
    supersede(now)
    return made


def revive(meetings, now: datetime) -> int:
    """Reminders skipped because the meeting left their start ("moved", "cancelled") are made
    pending again when it is back at that start. One query, an UPDATE only when needed."""
    current = {m.id: meeting_key(m) for m in meetings if m.starts_at > now}
    if not current:
        return 0
    rows = db.session.execute(
        db.select(Delivery.object_id, Delivery.occurrence_key).distinct()
        .where(Delivery.kind == "meeting.reminder", Delivery.object_type == "meeting",
               Delivery.object_id.in_(list(current)), Delivery.state == DeliveryState.SKIPPED,
               Delivery.last_error.in_(REVIVABLE))).all()
    revived = 0
    for object_id, key in rows:
        if current.get(object_id) != key:
            continue
        revived += db.session.execute(
            update(Delivery)
            .where(Delivery.kind == "meeting.reminder", Delivery.object_type == "meeting",
                   Delivery.object_id == object_id, Delivery.occurrence_key == key,
                   Delivery.state == DeliveryState.SKIPPED,
                   Delivery.last_error.in_(REVIVABLE))
            .values(state=DeliveryState.PENDING, last_error="", attempts=0,
                    claimed_until=None, claimed_by="")
            .execution_options(synchronize_session=False)).rowcount
    return revived


def supersede(now: datetime) -> int:
    """Pending reminders due by `now` for which a nearer offset of the same meeting start,
    recipient and channel is due by now too (e.g. both came due during downtime) are skipped:
    only the nearest goes out. One grouped query over the due pending reminders; the UPDATE
    runs only for meetings that have such rows."""
    groups = db.session.execute(
        db.select(Delivery.object_id, Delivery.occurrence_key)
        .where(Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now,
               Delivery.kind == "meeting.reminder", Delivery.object_type == "meeting")
        .group_by(Delivery.object_id, Delivery.occurrence_key)
        .having(func.min(Delivery.offset_minutes) < func.max(Delivery.offset_minutes))).all()
    nearer = aliased(Delivery)
    skipped = 0
    for object_id, key in groups:
        skipped += db.session.execute(
            update(Delivery)
            .where(Delivery.kind == "meeting.reminder", Delivery.object_type == "meeting",
                   Delivery.object_id == object_id, Delivery.occurrence_key == key,
                   Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now,
                   exists().where(
                       nearer.kind == Delivery.kind, nearer.object_type == Delivery.object_type,
                       nearer.object_id == Delivery.object_id,
                       nearer.occurrence_key == Delivery.occurrence_key,
                       nearer.channel == Delivery.channel,
                       nearer.user_id.is_not_distinct_from(Delivery.user_id),
                       nearer.park_id.is_not_distinct_from(Delivery.park_id),
                       nearer.offset_minutes < Delivery.offset_minutes, nearer.due_at <= now,
                       nearer.state.in_([DeliveryState.PENDING, DeliveryState.SENDING,
                                         DeliveryState.SENT])))
            .values(state=DeliveryState.SKIPPED, last_error="superseded", claimed_until=None)
            .execution_options(synchronize_session=False)).rowcount
    return skipped


# --- agenda calls -----------------------------------------------------------------------------
def agenda_calls(now: datetime) -> int:
    from hub.agenda.services import cutoff_of
    from hub.meetings.models import Meeting

    meetings = [m for m in _meetings(Meeting.starts_at > now,
                                     Meeting.starts_at <= now + AGENDA_WINDOW)
                if m.agenda_cutoff is not None and cutoff_of(m) > now]
    done = _existing(["agenda.call", "agenda.last_call"], "meeting", [m.id for m in meetings])
    made = 0
    for meeting in meetings:
        cutoff = cutoff_of(meeting)
        parks = participant_park_ids(meeting)
        if now < cutoff - LAST_CALL:
            if ("agenda.call", meeting.id, "", None) not in done:
                made += deliver("agenda.call", park_users(parks), object_type="meeting",
                                object_id=meeting.id, due_at=now)
            continue
        key = cutoff.isoformat()
        if ("agenda.last_call", meeting.id, key, None) in done:
            continue
        silent = [p for p in parks if p not in parks_with_topics(meeting.id)]
        made += deliver("agenda.last_call", park_users(silent), object_type="meeting",
                        object_id=meeting.id, due_at=now, occurrence_key=key)
    return made


# --- daily: action items and land cases -------------------------------------------------------
def action_items(today: date) -> int:
    from hub.actions.models import ActionItem, ActionStatus
    from hub.actions.services import followed

    items = list(db.session.execute(
        db.select(ActionItem)
        .where(ActionItem.status != ActionStatus.DONE, ActionItem.due_date.is_not(None),
               ActionItem.due_date <= today + timedelta(days=DUE_SOON_DAYS), followed())
        .options(selectinload(ActionItem.assignee), selectinload(ActionItem.owner_park))
        .order_by(ActionItem.id)).scalars())
    done = _existing(["action.due_soon", "action.overdue"], "action_item", [i.id for i in items])
    made = 0
    due_at = _at(today)
    for item in items:
        common = {"object_type": "action_item", "object_id": item.id, "due_at": due_at}
        if item.due_date >= today:
            key = item.due_date.isoformat()
            if ("action.due_soon", item.id, key, None) not in done:
                made += deliver("action.due_soon", action_recipients(item),
                                occurrence_key=key, payload={"due": key}, **common)
            continue
        key = today.isoformat()
        if ("action.overdue", item.id, key, None) in done:
            continue
        days = (today - item.due_date).days
        escalated = days >= ESCALATE_AFTER_DAYS
        users = action_recipients(item)
        if escalated:  # 督办
            users = merge(users, park_admins([item.owner_park_id]), zone_admins())
        made += deliver("action.overdue", users, occurrence_key=key,
                        payload={"days": days, "escalated": escalated}, **common)
    return made


def land_cases(today: date) -> int:
    from hub.land.models import CaseStatus, LandCase

    cases = list(db.session.execute(
        db.select(LandCase)
        .where(LandCase.deleted_at.is_(None), LandCase.deadline.is_not(None),
               LandCase.deadline < today, LandCase.status != CaseStatus.DISPOSED)
        .options(selectinload(LandCase.assignee)).order_by(LandCase.id)).scalars())
    key = today.isoformat()
    done = {r[1] for r in _existing(["case.overdue"], "land_case", [c.id for c in cases])
            if r[2] == key}
    made = 0
    for case in cases:
        if case.id in done:
            continue
        if case.assignee is not None and case.assignee.active:
            users = merge([case.assignee])
        else:
            users = park_admins([case.park_id]) or park_users([case.park_id])
        made += deliver("case.overdue", users, object_type="land_case", object_id=case.id,
                        due_at=_at(today), occurrence_key=key,
                        payload={"days": (today - case.deadline).days})
    return made


def _at(today: date) -> datetime:
    """DAILY_AT local time of `today`, as an aware datetime."""
    return datetime.combine(today, DAILY_AT, tzinfo=zone()).astimezone(UTC)


__all__ = ["action_items", "agenda_calls", "land_cases", "meeting_reminders", "revive",
           "supersede"]
