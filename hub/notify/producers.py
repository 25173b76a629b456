"""Who hears about what: domain events and periodic checks turned into outbox deliveries.

- Event subscribers (hub.events) enqueue immediate deliveries (due_at = now) inside the emitting
  transaction: notice.published, meeting.created (an invitation with the .ics to the
  participants), meeting.changed, meeting.cancelled, series.changed (one message per person
  with the REQUEST / CANCEL parts of every occurrence a series change touched), minutes.sent,
  minutes.published, action.assigned. They are subscribed when this module is imported
  (hub.notify.views imports it, so at app start).
- Periodic producers (`register_periodic(fn)`, fn(now)) work out from the database what is due at
  `now`; `run_periodic(now)` runs them all (the sender's tick calls it). The daily ones
  (`register_daily(fn)`, fn(today): action items due soon / overdue, overdue land cases) run from
  `run_daily(today)` and also from every tick for the current local day — their occurrence key
  is the day, so they are made once per day whoever runs first; they are due at 09:00 local time.

Every recipient user gets an in-app delivery (written to the notification centre at once when
it is due now: hub.notify.inapp); an email delivery too when the user has an email
address and has not turned email off for the kind. The preference is checked HERE, when the
delivery is made (not again at send time). Only active users of active parks receive anything.
Parks with an active group robot get meeting reminders, series changes and new notices (channel
robot).
"""

import secrets
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from sqlalchemy import update

from hub.auth.models import Role, User
from hub.extensions import db
from hub.notify import inapp, prefs
from hub.notify.models import Channel, Delivery, DeliveryState, ParkRobot
from hub.notify.outbox import enqueue, insert_many
from hub.parks.models import Park
from hub.timeutil import to_local, utcnow

PeriodicFn = Callable[[datetime], object]
DailyFn = Callable[[date], object]
_periodic: list[PeriodicFn] = []
_daily: list[DailyFn] = []


def register_periodic(fn: PeriodicFn) -> PeriodicFn:
    if fn not in _periodic:
        _periodic.append(fn)
    return fn


def register_daily(fn: DailyFn) -> DailyFn:
    if fn not in _daily:
        _daily.append(fn)
    return fn


def run_periodic(now: datetime | None = None) -> int:
    """Enqueue everything due at `now` (no commit). Includes today's daily deliveries.
    Returns the number of deliveries made."""
    now = now or utcnow()
    made = sum(int(fn(now) or 0) for fn in list(_periodic))
    return made + run_daily(to_local(now).date())


def run_daily(today: date | None = None) -> int:
    """Enqueue the daily deliveries of local day `today` (no commit)."""
    today = today or to_local(utcnow()).date()
    return sum(int(fn(today) or 0) for fn in list(_daily))


# --- recipients -------------------------------------------------------------------------------
def _active_users(*conditions) -> list[User]:
    return list(db.session.execute(
        db.select(User).join(Park, User.park_id == Park.id)
        .where(User.active.is_(True), Park.active.is_(True), *conditions)
        .order_by(User.id)).scalars())


def park_users(park_ids: Iterable[int]) -> list[User]:
    ids = sorted(set(park_ids))
    return _active_users(User.park_id.in_(ids)) if ids else []


def park_admins(park_ids: Iterable[int]) -> list[User]:
    ids = sorted(set(park_ids))
    return _active_users(User.park_id.in_(ids), User.role == Role.PARK_ADMIN) if ids else []


def zone_admins() -> list[User]:
    return _active_users(User.role == Role.ADMIN)


def participant_park_ids(meeting) -> list[int]:
    ids = [p.id for p in meeting.parks]
    if meeting.host_park_id is not None and meeting.host_park_id not in ids:
        ids.append(meeting.host_park_id)
    return ids


def merge(*groups: Iterable[User]) -> list[User]:
    seen: dict[int, User] = {}
    for group in groups:
        for user in group:
            if user is not None and user.active and user.park.active:
                seen.setdefault(user.id, user)
    return [seen[k] for k in sorted(seen)]


def meeting_recipients(meeting) -> list[User]:
    """Users of the participant parks and the host park, and the extra people."""
    return merge(park_users(participant_park_ids(meeting)), meeting.people)


def action_recipients(item) -> list[User]:
    """The assignee; without one, the owner park's park admins (else its users)."""
    if item.assignee is not None and item.assignee.active:
        return merge([item.assignee])
    return park_admins([item.owner_park_id]) or park_users([item.owner_park_id])


def parks_with_topics(meeting_id: int) -> set[int]:
    from hub.agenda.models import AgendaTopic, TopicStatus

    return set(db.session.execute(
        db.select(AgendaTopic.park_id).where(AgendaTopic.meeting_id == meeting_id,
                                             AgendaTopic.status != TopicStatus.WITHDRAWN)
    ).scalars())


def robot_park_ids(park_ids: Iterable[int]) -> list[int]:
    ids = sorted(set(park_ids))
    if not ids:
        return []
    return list(db.session.execute(
        db.select(ParkRobot.park_id).join(Park, ParkRobot.park_id == Park.id)
        .where(ParkRobot.active.is_(True), Park.active.is_(True), ParkRobot.park_id.in_(ids))
        .order_by(ParkRobot.park_id)).scalars())


# --- making deliveries ------------------------------------------------------------------------
def deliver(kind: str, users: Iterable[User], *, object_type: str, object_id: int,
            due_at: datetime, occurrence_key: str = "", offset_minutes: int | None = None,
            payload: dict | None = None,
            state: DeliveryState = DeliveryState.PENDING, at_once: bool = False) -> int:
    """In-app for every user, email for those with an address and email on for `kind`.
    `at_once` (the event subscribers): the in-app rows due now get their notification in this
    transaction (hub.notify.inapp); the periodic producers' rows are the scheduler's.
    Returns the number of rows inserted."""
    users = list(users)
    email_off = prefs.email_off_users(kind, [u.id for u in users])
    common = {"object_type": object_type, "object_id": object_id, "due_at": due_at,
              "occurrence_key": occurrence_key, "offset_minutes": offset_minutes,
              "payload": payload, "state": state}
    rows = []
    for user in users:
        rows.append({"kind": kind, "channel": Channel.INAPP, "user_id": user.id, **common})
        if (user.email or "").strip() and user.id not in email_off:
            rows.append({"kind": kind, "channel": Channel.EMAIL, "user_id": user.id, **common})
    ids = insert_many(rows)  # one INSERT for them all (a fan-out has thousands)
    now = utcnow()
    if at_once and state is DeliveryState.PENDING and due_at <= now:
        inapp.write_now(ids, now)
    return len(ids)


def deliver_robots(kind: str, park_ids: Iterable[int], *, object_type: str, object_id: int,
                   due_at: datetime, occurrence_key: str = "", offset_minutes: int | None = None,
                   payload: dict | None = None,
                   state: DeliveryState = DeliveryState.PENDING) -> int:
    made = 0
    for park_id in robot_park_ids(park_ids):
        made += enqueue(kind, channel=Channel.ROBOT, park_id=park_id, object_type=object_type,
                        object_id=object_id, due_at=due_at, occurrence_key=occurrence_key,
                        offset_minutes=offset_minutes, payload=payload, state=state)
    return made


def skip_pending(object_type: str, object_id: int, kinds: Iterable[str], reason: str, *,
                 keep_occurrence: str | None = None) -> None:
    """Mark the object's pending deliveries of `kinds` skipped now (e.g. a cancelled meeting's
    reminders), except those of occurrence `keep_occurrence`."""
    stmt = (update(Delivery)
            .where(Delivery.object_type == object_type, Delivery.object_id == object_id,
                   Delivery.kind.in_(list(kinds)), Delivery.state == DeliveryState.PENDING)
            .values(state=DeliveryState.SKIPPED, last_error=reason, claimed_until=None)
            .execution_options(synchronize_session=False))
    if keep_occurrence is not None:
        stmt = stmt.where(Delivery.occurrence_key != keep_occurrence)
    db.session.execute(stmt)


def _plain(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


# --- event subscribers ------------------------------------------------------------------------
MEETING_FOLLOW_UPS = ("meeting.reminder", "meeting.created", "meeting.changed", "agenda.call",
                      "agenda.last_call")


def on_notice_published(notice, by=None, **_extra) -> None:
    now = utcnow()
    if notice.all_parks:
        park_ids = list(db.session.execute(
            db.select(Park.id).where(Park.active.is_(True))).scalars())
    else:
        park_ids = [p.id for p in notice.audience]
    key = _plain(notice.published_at or now)
    common = {"object_type": "notice", "object_id": notice.id, "due_at": now,
              "occurrence_key": key}
    deliver("notice.published", park_users(park_ids), **common, at_once=True)
    deliver_robots("notice.published", park_ids, **common)


def on_meeting_created(meeting, by=None, **_extra) -> None:
    """An invitation (with the .ics REQUEST) to every participant of a one-off meeting."""
    now = utcnow()
    if meeting.is_cancelled or meeting.starts_at <= now:
        return
    deliver("meeting.created", meeting_recipients(meeting), object_type="meeting",
            object_id=meeting.id, due_at=now, occurrence_key=f"s{meeting.sequence or 0}",
            at_once=True)


def on_meeting_changed(meeting, by=None, changes=None, **_extra) -> None:
    from hub.notify.render import meeting_key

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
                     "changes": {k: _plain(v) for k, v in (changes or {}).items()}},
            at_once=True)


def on_meeting_cancelled(meeting, by=None, reason="", **_extra) -> None:
    now = utcnow()
    skip_pending("meeting", meeting.id, MEETING_FOLLOW_UPS, "cancelled")
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
    people = _active_users(User.id.in_(person_ids)) if person_ids else []
    park_ids = sorted(change.park_ids())
    common = {"object_type": "meeting_series", "object_id": series.id, "due_at": now,
              # each change its own key (several may happen within one clock tick)
              "occurrence_key": f"c{int(now.timestamp())}-{secrets.token_hex(6)}",
              "payload": change.payload(series)}
    deliver("meeting.series_changed", merge(park_users(park_ids), people), **common,
            at_once=True)
    deliver_robots("meeting.series_changed", park_ids, **common)


def on_minutes_sent(minutes, by=None, **_extra) -> None:
    """To the participant parks asked to confirm (not the host park)."""
    meeting = minutes.meeting
    parks = [p.id for p in meeting.parks if p.id != meeting.host_park_id]
    deliver("minutes.sent", park_users(parks), object_type="minutes", object_id=minutes.id,
            due_at=utcnow(), occurrence_key=f"r{minutes.revision}", at_once=True)


def on_minutes_published(minutes, by=None, **_extra) -> None:
    deliver("minutes.published", meeting_recipients(minutes.meeting), object_type="minutes",
            object_id=minutes.id, due_at=utcnow(), at_once=True)


def on_action_assigned(item, by=None, **_extra) -> None:
    deliver("action.assigned", action_recipients(item), object_type="action_item",
            object_id=item.id, due_at=utcnow(),
            occurrence_key=f"u{item.assignee_id}" if item.assignee_id else "",
            at_once=True)


SUBSCRIBERS = {
    "notice.published": on_notice_published,
    "meeting.created": on_meeting_created,
    "meeting.changed": on_meeting_changed,
    "meeting.cancelled": on_meeting_cancelled,
    "series.changed": on_series_changed,
    "minutes.sent": on_minutes_sent,
    "minutes.published": on_minutes_published,
    "action.assigned": on_action_assigned,
}
