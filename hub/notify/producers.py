"""Who hears about what: the machinery the features' producers use to make outbox deliveries.

The producers themselves belong to the features whose kinds they make (hub/<feature>/
notifications.py, declared in the feature's `declare()`, hub.features):
- event subscribers (`Feature.subscriptions`, hub.events) enqueue immediate deliveries
  (due_at = now) inside the emitting transaction, with `deliver(..., at_once=True)`;
- periodic producers (`Feature.periodic`, fn(now)) work out from the database what is due at
  `now`; `run_periodic(now)` runs them all (the sender's tick calls it). The daily ones
  (`Feature.daily`, fn(today)) run from `run_daily(today)` and also from every tick for the
  current local day — their occurrence key is the day, so they are made once per day whoever
  runs first (`existing` tells what was made); they are due at `daily_at(today)`, 09:00 local.

Every recipient user gets an in-app delivery (written to the notification centre at once when
it is due now: hub.notify.inapp); an email delivery too when the user has an email
address and has not turned email off for the kind. The preference is checked HERE, when the
delivery is made (not again at send time). Only active users of active parks receive anything
(`active_users`, `park_users`, `park_admins`, `zone_admins`, `merge`). Parks with an active group
robot get the kinds declared with `robot=True` (`deliver_robots`, channel robot).

A delivery's kind must be declared (hub.notify.kinds): `deliver` and `deliver_robots` raise
hub.notify.kinds.UnknownKind otherwise, inside the producer's transaction.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time

from sqlalchemy import update

from hub import permissions as perm
from hub.auth.models import User
from hub.extensions import db
from hub.notify import inapp, kinds, prefs
from hub.notify.models import Channel, Delivery, DeliveryState, ParkRobot
from hub.notify.outbox import enqueue, insert_many
from hub.parks.models import Park
from hub.timeutil import to_local, utcnow, zone

DAILY_AT = time(9, 0)  # local time the daily deliveries are due

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
def active_users(*conditions) -> list[User]:
    """Active users of active parks meeting `conditions`, by id."""
    return list(db.session.execute(
        db.select(User).join(Park, User.park_id == Park.id)
        .where(User.active.is_(True), Park.active.is_(True), *conditions)
        .order_by(User.id)).scalars())


def park_users(park_ids: Iterable[int]) -> list[User]:
    """The active users of those parks."""
    ids = sorted(set(park_ids))
    return active_users(User.park_id.in_(ids)) if ids else []


def park_admins(park_ids: Iterable[int]) -> list[User]:
    """The active park admins of those parks."""
    ids = sorted(set(park_ids))
    return active_users(User.park_id.in_(ids), perm.park_admin_accounts()) if ids else []


def zone_admins() -> list[User]:
    """The active zone admins (the zone office)."""
    return active_users(perm.admin_accounts())


def merge(*groups: Iterable[User]) -> list[User]:
    """The union of user groups (None and inactive users left out), by id."""
    seen: dict[int, User] = {}
    for group in groups:
        for user in group:
            if user is not None and user.active and user.park.active:
                seen.setdefault(user.id, user)
    return [seen[k] for k in sorted(seen)]


def robot_park_ids(park_ids: Iterable[int]) -> list[int]:
    """Of those parks, the active ones with an active group robot."""
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
    kinds.require(kind)
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
    """One robot delivery per park of `park_ids` that has an active robot; `kind` must be
    declared with robot=True. Returns the number of rows inserted."""
    if not kinds.require(kind).robot:
        raise kinds.UnknownKind(f"{kind} is not declared for the group robots")
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


def existing(of_kinds: Iterable[str], object_type: str, ids) -> set[tuple]:
    """(kind, object_id, occurrence_key, offset_minutes) of the deliveries of `of_kinds` made
    already for those objects (one query): what a periodic or daily producer must not make
    again."""
    if not ids:
        return set()
    rows = db.session.execute(
        db.select(Delivery.kind, Delivery.object_id, Delivery.occurrence_key,
                  Delivery.offset_minutes).distinct()
        .where(Delivery.kind.in_(list(of_kinds)), Delivery.object_type == object_type,
               Delivery.object_id.in_(list(ids)))).all()
    return {tuple(r) for r in rows}


def daily_at(today: date) -> datetime:
    """When the daily deliveries of local day `today` are due: DAILY_AT local time, aware UTC."""
    return datetime.combine(today, DAILY_AT, tzinfo=zone()).astimezone(UTC)


def week_key(today: date) -> str:
    """The occurrence key of a weekly reminder made by a daily producer: the ISO week of
    `today` ("2026-W49"), so it is made once a week."""
    year, week, _day = today.isocalendar()
    return f"{year}-W{week:02d}"


def plain(value):
    """`value` as JSON can hold it in a delivery's payload (datetimes as UTC ISO, dates as ISO,
    enums as their value)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        return value.value
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)
