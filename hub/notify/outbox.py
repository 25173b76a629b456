"""The outbox: one row per delivery (kind, object, occurrence, offset, recipient, channel).

`enqueue` is the only way rows are made. Its unique `key` makes a second enqueue of the same
delivery a no-op (INSERT … ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike), so producers
may run as often and in as many processes as they like. It works inside the caller's transaction
and never commits: the rows commit (or roll back) with the change that caused them.

States: pending → sending (claimed by one scheduler under a lease until `claimed_until`, renewed
while it sends: hub.notify.lease) → sent / failed (`failed_at`) /
skipped. A pending row whose `claimed_until` lies in the future is waiting for its next attempt
(backoff); see hub.notify.sender.
"""

import threading
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite

from hub.extensions import db
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.timeutil import utcnow

KEY_LENGTH = 255
_made = threading.local()  # rows inserted by this thread since count_made(reset=True)


def make_key(kind: str, *, channel: Channel, object_type: str, object_id: int,
             occurrence_key: str = "", offset_minutes: int | None = None,
             user_id: int | None = None, park_id: int | None = None) -> str:
    """kind|object_type:object_id|occurrence_key|offset|u<user_id> or p<park_id>|channel"""
    if (user_id is None) == (park_id is None):
        raise ValueError("a delivery goes to exactly one user or one park")
    recipient = f"u{user_id}" if user_id is not None else f"p{park_id}"
    offset = "" if offset_minutes is None else str(offset_minutes)
    key = "|".join([kind, f"{object_type}:{object_id}", occurrence_key or "", offset, recipient,
                    Channel(channel).value])
    if len(key) > KEY_LENGTH:
        raise ValueError(f"outbox key too long: {key!r}")
    return key


def _insert(table):
    name = db.session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"enqueue does not support {name}")


def enqueue(kind: str, *, channel: Channel, object_type: str, object_id: int, due_at: datetime,
            user_id: int | None = None, park_id: int | None = None, occurrence_key: str = "",
            offset_minutes: int | None = None, payload: dict | None = None,
            state: DeliveryState = DeliveryState.PENDING) -> bool:
    """Add one delivery unless the same one exists already. True when a row was inserted.

    Runs in the caller's transaction (no commit). `state=SKIPPED` records a delivery that was
    decided against (e.g. email off for this kind) so it is never made again."""
    return enqueue_many([{
        "kind": kind, "channel": channel, "object_type": object_type, "object_id": object_id,
        "due_at": due_at, "user_id": user_id, "park_id": park_id,
        "occurrence_key": occurrence_key, "offset_minutes": offset_minutes, "payload": payload,
        "state": state}]) == 1


def enqueue_many(deliveries: list[dict]) -> int:
    """`enqueue` for many deliveries (each a dict of enqueue's arguments): one INSERT … ON
    CONFLICT DO NOTHING RETURNING id executed for the list of rows, which SQLAlchemy sends as
    multi-row statements of up to 1,000 rows ("insertmanyvalues"; compiled once — building a
    multi-row .values() statement anew for every 500 rows made producing 20,000 rows take
    5–9 s). Returns how many rows were inserted. No commit."""
    return len(insert_many(deliveries))


def insert_many(deliveries: list[dict]) -> list[int]:
    """`enqueue_many`, returning the ids of the rows inserted. No commit."""
    rows = [_values(**d) for d in deliveries]
    if not rows:
        return []
    # flush first so a row the caller added through the ORM is visible to the conflict check
    db.session.flush()
    stmt = (_insert(Delivery.__table__).on_conflict_do_nothing(index_elements=["key"])
            .returning(Delivery.__table__.c.id))  # rowcount is unreliable with RETURNING
    inserted = [row[0] for row in db.session.execute(stmt, rows).all()]
    _made.n = getattr(_made, "n", 0) + len(inserted)
    return inserted


def _values(kind: str, *, channel: Channel, object_type: str, object_id: int, due_at: datetime,
            user_id: int | None = None, park_id: int | None = None, occurrence_key: str = "",
            offset_minutes: int | None = None, payload: dict | None = None,
            state: DeliveryState = DeliveryState.PENDING) -> dict:
    channel = Channel(channel)
    state = DeliveryState(state)
    key = make_key(kind, channel=channel, object_type=object_type, object_id=object_id,
                   occurrence_key=occurrence_key, offset_minutes=offset_minutes,
                   user_id=user_id, park_id=park_id)
    if due_at.tzinfo is None:
        raise ValueError("due_at must be an aware datetime")
    return {
        "key": key,
        "kind": kind,
        "channel": channel,
        "user_id": user_id,
        "park_id": park_id,
        "object_type": object_type,
        "object_id": object_id,
        "occurrence_key": occurrence_key or "",
        "offset_minutes": offset_minutes,
        "due_at": due_at,
        "state": state,
        "attempts": 0,
        "last_error": "",
        "claimed_by": "",
        "payload": payload or {},
        "created_at": utcnow(),
    }


def count_made(*, reset: bool = False) -> int:
    """How many rows enqueue() inserted in this thread (the sender's "produced" count)."""
    n = getattr(_made, "n", 0)
    if reset:
        _made.n = 0
    return n


# --- admin helpers ----------------------------------------------------------------------------
class NotRetryable(Exception):
    pass


def retry_now(delivery: Delivery) -> None:
    """A failed delivery (or one waiting for its next attempt) goes out at the next tick, with a
    fresh series of attempts; its last error stays visible until it is sent. No commit."""
    if delivery.state is DeliveryState.FAILED:
        delivery.attempts = 0
    elif delivery.state is not DeliveryState.PENDING:
        raise NotRetryable(delivery.state.value)
    delivery.state = DeliveryState.PENDING
    delivery.claimed_until = None
    delivery.claimed_by = ""


def mark_skipped(delivery: Delivery, reason: str) -> None:
    """Give up on a pending or failed delivery on purpose. No commit."""
    if delivery.state in (DeliveryState.SENT, DeliveryState.SENDING):
        raise NotRetryable(delivery.state.value)
    delivery.state = DeliveryState.SKIPPED
    delivery.last_error = reason
    delivery.claimed_until = None


def counts_by_state() -> dict[str, int]:
    rows = db.session.execute(
        db.select(Delivery.state, func.count()).group_by(Delivery.state)
    ).all()
    counts = {state.value: 0 for state in DeliveryState}
    counts.update({state.value: n for state, n in rows})
    return counts


def pending_and_failed() -> tuple[int, int]:
    """Pending includes rows being sent right now (they are not done yet)."""
    counts = counts_by_state()
    return counts["pending"] + counts["sending"], counts["failed"]
