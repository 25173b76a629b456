"""Meeting reminders, a periodic producer: what is due is worked out from the database on every
tick (hub.notify.producers.run_periodic).

Meeting reminders: for each scheduled meeting starting in (now − 24 h, now + 7 days + AHEAD], each
of its `reminder_offsets` whose moment (start − offset) comes by now + AHEAD is one reminder, keyed
by the meeting's CURRENT start (UTC ISO) and the offset. So a moved meeting gets fresh reminders
for its new time (those of the old start are skipped by the mover, hub.meetings.notifications, and
by the renderer), and a reminder is made once however often and in however many processes the tick
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
worked out when it is sent (hub.meetings.notifications.starts_in), not its nominal offset.
Made ahead: a reminder is made up to AHEAD (two scheduler intervals) before its moment, with
due_at = the moment; the sender claims only rows that are due, and the scheduler wakes up at the
next due_at (hub.notify.sender.next_due). So the tick at the moment only sends — a fan-out of
thousands of rows is not produced while its recipients wait — and a reminder is not up to a
whole interval late because it came due just after a tick. A meeting moved or cancelled in the
meantime skips the pending rows (hub.meetings.notifications) and the renderer checks again.
"""

from datetime import datetime, timedelta

from sqlalchemy import exists, func, update
from sqlalchemy.orm import aliased, selectinload

from hub.extensions import db
from hub.meetings.models import Meeting, MeetingStatus
from hub.meetings.notifications import meeting_recipients, participant_park_ids
from hub.notify.models import Delivery, DeliveryState
from hub.notify.producers import deliver, deliver_robots, existing
from hub.notify.render import meeting_key

MAX_OFFSET = timedelta(days=7)
AHEAD = timedelta(seconds=60)  # reminders are made this long before they are due
MISSED_WINDOW = timedelta(hours=24)


def _note_skipped(kind: str, object_id: int, occurrence_key: str, offset: int | None,
                  reason: str) -> None:
    db.session.execute(
        update(Delivery)
        .where(Delivery.kind == kind, Delivery.object_type == "meeting",
               Delivery.object_id == object_id, Delivery.occurrence_key == occurrence_key,
               Delivery.offset_minutes == offset, Delivery.state == DeliveryState.SKIPPED,
               Delivery.last_error == "")
        .values(last_error=reason).execution_options(synchronize_session=False))


def scheduled_meetings(*conditions) -> list:
    """The scheduled meetings meeting `conditions`, with their parks, people and host park, in
    start order (the periodic producers of meetings and agenda)."""
    return list(db.session.execute(
        db.select(Meeting).where(Meeting.status == MeetingStatus.SCHEDULED, *conditions)
        .options(selectinload(Meeting.parks), selectinload(Meeting.people),
                 selectinload(Meeting.host_park))
        .order_by(Meeting.starts_at, Meeting.id)).scalars())


# --- meeting reminders ------------------------------------------------------------------------
REVIVABLE = ("moved", "cancelled")  # skip reasons that end when the meeting is back


def meeting_reminders(now: datetime) -> int:
    """The periodic producer of meeting.reminder (hub.meetings.declare)."""
    horizon = now + AHEAD
    meetings = scheduled_meetings(Meeting.starts_at > now - MISSED_WINDOW,
                                  Meeting.starts_at <= horizon + MAX_OFFSET)
    revive(meetings, now)
    done = existing(["meeting.reminder"], "meeting", [m.id for m in meetings])
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
