"""Settling what a send batch did, always guarded by `state = sending AND claimed_by = me`
(a worker that lost its claim changes nothing): a sent delivery at once (Done, with the in-app
deliveries before it: one UPDATE, one INSERT, one commit), a skip or a failure one by one at once
(retry with backoff, or failed after MAX_ATTEMPTS; failed_at records when). See sender.py.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import case, func, insert, literal, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from hub.extensions import db
from hub.notify.models import Delivery, DeliveryState, Notification
from hub.notify.settle_pg import OneSettle, SettleError

if TYPE_CHECKING:
    from hub.notify.sender import TickResult

log = logging.getLogger("hub.notify.sender")

MAX_ATTEMPTS = 5
BACKOFF = [timedelta(minutes=m) for m in (1, 5, 15, 60)]
ERROR_LENGTH = 2000


class Done:
    """Deliveries that went out, settled (sent) together: the sender settles each mail or robot
    message on its own right after the server accepted it (one guarded UPDATE … RETURNING and a
    commit; on PostgreSQL a mail is sent by `begin` and answered by `finish`, hub.notify.
    settle_pg), in-app deliveries in groups (the same UPDATE, one INSERT of their notifications —
    executemany, no ORM objects — and a commit). The UPDATE also returns the current version of
    each settled delivery's meeting (a subquery, same round trip), so the renderer knows whether
    the meeting changed since it read it (hub.notify.render.refresh). On PostgreSQL that commit
    does not wait for the disk (synchronous_commit off for this transaction only: ~0.5 ms
    instead of 5–7 ms of fsync on the loaded bench machine): it is visible to every other
    scheduler at once, so a killed scheduler loses nothing; only a crash of the database server
    itself can lose the last fraction of a second of settles, whose mails would go out again."""

    def __init__(self, worker: str, result: TickResult, autocommit=None):
        """`autocommit`: a PostgreSQL connection in autocommit mode, open for the batch: items
        without in-app notifications are settled on it in ONE round trip (the UPDATE is its
        own transaction) instead of BEGIN, UPDATE and COMMIT on the session."""
        self.worker, self.result, self.autocommit = worker, result, autocommit
        self.one = OneSettle(autocommit, worker) if autocommit is not None else None
        self.items: list[tuple[int, datetime, dict | None]] = []
        self.transported = 0  # mails and robot messages among the items

    def add(self, delivery_id: int, now: datetime, note: dict | None = None) -> None:
        self.items.append((delivery_id, now, note))
        if note is None:
            self.transported += 1

    def ids(self) -> list[int]:
        return [i for i, _, _ in self.items]

    def settle(self) -> dict[int, int]:
        """Settle the items; returns {meeting id: its version now} for those about meetings."""
        pending = self.finish()
        items, self.items, self.transported = self.items, [], 0
        if not items:
            return pending
        from hub.meetings.models import Meeting

        meeting_version = case(
            (Delivery.object_type == "meeting",
             db.select(Meeting.version).where(Meeting.id == Delivery.object_id)
             .scalar_subquery()), else_=None)
        sent_at = Delivery.__table__.c.sent_at
        stmt = (
            update(Delivery)
            .where(Delivery.id.in_([i for i, _, _ in items]),
                   Delivery.state == DeliveryState.SENDING,
                   Delivery.claimed_by == self.worker)
            .values(state=DeliveryState.SENT, claimed_until=None,
                    sent_at=case({i: literal(at, sent_at.type) for i, at, _ in items},
                                 value=Delivery.id))
            .returning(Delivery.id, Delivery.object_id, meeting_version)
            .execution_options(synchronize_session=False))
        with_notes = any(note is not None for _, _, note in items)
        if db.session.get_bind().dialect.name == "postgresql":
            # synchronous_commit off for this transaction, set by the statement itself (no
            # round trip of its own); set_config returns 'off', never NULL
            stmt = stmt.where(func.set_config("synchronous_commit", "off", True).is_not(None))
        try:
            if self.autocommit is not None and not with_notes:
                rows = self.autocommit.execute(stmt).all()
            else:
                rows = db.session.execute(stmt).all()
            changed = {row[0] for row in rows}
            versions = {row[1]: row[2] for row in rows if row[2] is not None}
            notes = [note for i, _, note in items if note is not None and i in changed]
            if notes:
                db.session.execute(insert(Notification.__table__), notes)
            db.session.commit()
        except SQLAlchemyError as exc:  # nothing settled: the claims expire, retried
            db.session.rollback()
            log.exception("settling %d deliveries failed", len(items))
            self.result.errors.append(f"database: {exc}"[:ERROR_LENGTH])
            return {}
        for i, _, _ in items:
            if i not in changed:
                log.warning("delivery %s: claim lost by %s, left to its new holder", i,
                            self.worker)
        self.result.sent += len(changed)
        return {**pending, **versions}

    # --- one mail, its settle overlapped with the next envelope (PostgreSQL) -----------------
    def begin(self) -> bool:
        """When the items are one mail or robot message and the batch has an autocommit
        connection: put its settle on the wire without waiting (hub.notify.settle_pg) and return
        True; `finish` (or `settle`) reads the answer. Otherwise False: call `settle`."""
        if self.one is None or len(self.items) != 1 or self.items[0][2] is not None:
            return False
        [(delivery_id, at, _)] = self.items
        self.items, self.transported = [], 0
        try:
            self.one.begin(delivery_id, at)
        except SettleError as exc:
            self._broken(delivery_id, exc)
        return True

    def finish(self) -> dict[int, int]:
        """The answer to `begin`: {meeting id: version} as settle() returns; {} when none is
        pending, the claim was lost or the settle failed (the claim then expires: retried)."""
        delivery_id = self.one.delivery_id if self.one is not None else None
        if delivery_id is None:
            return {}
        try:
            settled, object_id, version = self.one.finish()
        except SettleError as exc:
            self._broken(delivery_id, exc)
            return {}
        if not settled:
            log.warning("delivery %s: claim lost by %s, left to its new holder", delivery_id,
                        self.worker)
            return {}
        self.result.sent += 1
        return {} if version is None else {object_id: version}

    def _broken(self, delivery_id: int, exc: Exception) -> None:
        log.error("settling delivery %s failed: %s", delivery_id, exc)
        self.result.errors.append(f"database: {exc}"[:ERROR_LENGTH])
        self.one = self.autocommit = None  # the rest of the batch settles on the session


def skip(delivery_id, worker, now, reason, result) -> None:
    if settle(delivery_id, worker, DeliveryState.SKIPPED, now, error=reason):
        result.skipped += 1


def failed(delivery_id: int, worker: str, now: datetime, error: str, result: TickResult, *,
            permanent: bool = False) -> None:
    attempts = db.session.execute(
        db.select(Delivery.attempts).where(Delivery.id == delivery_id)
    ).scalar_one()
    result.failed += 1
    result.errors.append(f"#{delivery_id}: {error}"[:ERROR_LENGTH])
    if permanent or attempts >= MAX_ATTEMPTS:
        if settle(delivery_id, worker, DeliveryState.FAILED, now, error=error):
            result.gave_up += 1
        return
    wait = BACKOFF[min(attempts, len(BACKOFF)) - 1]
    settle(delivery_id, worker, DeliveryState.PENDING, now, error=error,
            next_attempt=now + wait)


def settle(delivery_id: int, worker: str, state: DeliveryState, now: datetime, *,
            error: str | None = None, next_attempt: datetime | None = None,
            extra=None) -> bool:
    """Move a delivery this worker holds to `state` and commit. False when the claim was lost
    (it expired and another worker took the row): then nothing is changed."""
    values: dict = {"state": state, "claimed_until": next_attempt}
    if error is not None:
        values["last_error"] = error[:ERROR_LENGTH]
    if state is DeliveryState.SENT:
        values["sent_at"] = now
    if state is DeliveryState.FAILED:
        values["failed_at"] = now
    changed = db.session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == DeliveryState.SENDING,
               Delivery.claimed_by == worker)
        .values(**values).execution_options(synchronize_session=False)
    ).rowcount
    if changed != 1:
        db.session.rollback()
        log.warning("delivery %s: claim lost by %s, left to its new holder", delivery_id, worker)
        return False
    if extra is not None:
        db.session.add(extra)
    try:
        db.session.commit()
    except IntegrityError:  # the in-app row exists already: it was delivered
        db.session.rollback()
        log.warning("delivery %s: notification exists already", delivery_id)
        return False
    return True
