"""One scheduler tick: produce what is due, then claim, render, send and settle each delivery.

Exactly once, however many schedulers run:
- producers insert deliveries with a unique key (hub.notify.outbox.enqueue), so two schedulers
  producing the same reminder make one row;
- a batch of due rows is CLAIMED in its own short transaction (PostgreSQL: SELECT … FOR UPDATE
  SKIP LOCKED; SQLite: BEGIN IMMEDIATE, which serialises writers): state → sending,
  claimed_by = this worker, claimed_until = now + HUB_LEASE_SECONDS (default 30 s),
  attempts + 1. The claim is a LEASE (hub.notify.lease): renewed every third of its length
  while the batch runs, checked before each send; a worker that lost it stops sending. Nobody
  else takes a row while its lease runs; a dead worker's rows are claimable when it runs out,
  and the tick ends by telling the scheduler when that is (next_due), so another scheduler
  takes them over within about one lease;
- each delivery is SETTLED (state sent, committed: one guarded UPDATE and a commit) as soon as
  its transport accepted it, before the next one is sent. On PostgreSQL a mail's UPDATE goes out
  on the batch's autocommit connection right after the 250 and the sender opens the next mail's
  SMTP envelope (MAIL FROM, RCPT TO) while it runs; the next message is rendered and its DATA
  sent only once the UPDATE answered (hub.notify.settle_pg). In-app deliveries are settled in
  groups of INAPP_GROUP (they are exactly once anyway, below). A failure or skip is settled at
  once. Every
  settle is guarded by `state = sending AND claimed_by = me` (a worker that lost its claim
  changes nothing). In-app notifications are inserted in the same transaction as their settle
  (and notification.delivery_id is unique), so they are exactly once outright. An email or robot
  message is repeated only if the process dies (or loses the database) between the server's
  "250 OK" and that commit: at most the one message in flight, with the same Message-ID — one
  per sender: on PostgreSQL a tick runs HUB_SENDERS senders side by side (default SENDERS, 2),
  each its own worker with its own claims, lease and SMTP connection, like that many
  schedulers (hub.notify.parallel); their waits on the SMTP server and the database overlap.

A tick keeps claiming batches until nothing is due or it has run TICK_BUDGET seconds (below the
scheduler's 30 s interval: a large fan-out continues at the next tick instead of waiting a whole
interval per few thousand rows). It ends by telling the scheduler when the next delivery comes
due (TickResult.next_due: now when it stopped on the budget, else the earliest of the pending
first attempts and the running leases — indexed queries), so the scheduler wakes up then rather
than at its next 30-second slot (hub.notify.scheduler). Reminders are made ahead of time for
this (hub.meetings.reminders.AHEAD): the tick at their due instant only sends.

Failures retry with backoff (BACKOFF after attempt 1, 2, 3, 4); after MAX_ATTEMPTS the row is
failed, its last_error kept. A pending row whose claimed_until is in the future is waiting for
its next attempt. A 5xx SMTP reply fails at once (retrying cannot help; an admin may "retry now").
Email and robot messages go to a recipient that may have none: skipped with the reason.
"""

import logging
import os
import secrets
import socket
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, func, or_, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from hub.extensions import db
from hub.notify import mailer as mail
from hub.notify import outbox
from hub.notify import robot as robots
from hub.notify.lease import LEASE_SECONDS, Lease
from hub.notify.models import Channel, Delivery, DeliveryState, ParkRobot
from hub.notify.settle import ERROR_LENGTH, MAX_ATTEMPTS, Done, failed, settle, skip
from hub.timeutil import utcnow

log = logging.getLogger(__name__)

BATCH_SIZE = 100
TICK_BUDGET = 25.0  # seconds a tick goes on claiming batches; the next tick takes the rest
INAPP_GROUP = 20  # in-app deliveries settled together (exactly once anyway: see below)
AHEAD = 8  # how far the sender looks for the next mail whose envelope it opens early
SENDERS = 2  # sending threads (SMTP connections) of a tick on PostgreSQL: HUB_SENDERS


def lease_seconds() -> float:
    return float(current_app.config.get("HUB_LEASE_SECONDS") or LEASE_SECONDS)


@dataclass
class TickResult:
    produced: int = 0
    sent: int = 0
    failed: int = 0  # attempts that failed this tick (retrying + given up)
    gave_up: int = 0  # of those, now in state failed
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    next_due: datetime | None = None  # when the next delivery comes due (now: more are due)

    @property
    def retrying(self) -> int:
        return self.failed - self.gave_up

    @property
    def last_error(self) -> str:
        return self.errors[-1] if self.errors else ""

    def add(self, other: "TickResult") -> None:
        """Count in what another sender of the same tick did (hub.notify.parallel)."""
        for name in ("sent", "failed", "gave_up", "skipped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def summary(self) -> str:
        return (f"produced {self.produced}, sent {self.sent}, failed {self.failed} "
                f"(retrying {self.retrying}), skipped {self.skipped}")


def worker_name() -> str:
    """host:pid:random — one per tick, so even threads of one process never share a claim."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"[-100:]


def senders() -> int:
    """How many sending connections a tick runs side by side: HUB_SENDERS (default SENDERS) on
    PostgreSQL; one on SQLite, which serialises writers anyway."""
    if db.engine.dialect.name != "postgresql":
        return 1
    return max(1, int(current_app.config.get("HUB_SENDERS", SENDERS)))


def tick(now: datetime | None = None) -> TickResult:
    """Produce due deliveries, then send everything due, batch after batch, until none is left.

    `now` (aware UTC) pins the clock for tests; otherwise each batch reads the clock."""
    result = TickResult()
    result.produced = _produce(now or utcnow(), result)
    deadline = time.monotonic() + TICK_BUDGET
    count = senders()
    if count == 1:
        stopped = _send_due(now, deadline, result)
    else:
        from hub.notify.parallel import side_by_side

        stopped = side_by_side(count, lambda part: _send_due(now, deadline, part), result)
    # more may be due when a sender stopped on the budget: the next tick goes on at once
    result.next_due = (now or utcnow()) if stopped else next_due(now or utcnow())
    return result


def _send_due(now: datetime | None, deadline: float, result: TickResult) -> bool:
    """One sender: claim a batch under a worker name of its own, send it, again, until nothing
    is claimable (False) or the tick's budget is spent (True)."""
    worker = worker_name()
    size = int(current_app.config.get("HUB_SEND_BATCH", BATCH_SIZE))
    while True:
        started = time.monotonic()
        ids = claim(worker, now or utcnow(), size)
        if not ids:
            return False
        _send_batch(ids, worker, now, result, started)
        if time.monotonic() >= deadline:
            return True


def next_due(now: datetime) -> datetime | None:
    """The earliest of: the due time of the pending first attempts due after `now` (retries
    wait for the regular ticks: their backoff is a minute or more) and the end of the running
    leases (a dead worker's rows are taken over when its lease runs out). Ends its
    transaction."""
    due = db.session.execute(
        db.select(func.min(Delivery.due_at)).where(
            Delivery.state == DeliveryState.PENDING, Delivery.due_at > now,
            Delivery.claimed_until.is_(None))
    ).scalar()
    lease_end = db.session.execute(
        db.select(func.min(Delivery.claimed_until)).where(
            Delivery.state == DeliveryState.SENDING)
    ).scalar()
    db.session.commit()
    if lease_end is not None:
        lease_end = max(lease_end, now)
        due = lease_end if due is None else min(due, lease_end)
    return due


# --- producing --------------------------------------------------------------------------------
def _produce(now: datetime, result: TickResult) -> int:
    try:
        from hub.notify import producers
    except ModuleNotFoundError as exc:
        if exc.name == "hub.notify.producers":
            return 0
        raise
    run = getattr(producers, "run_periodic", None)
    if run is None:
        return 0
    outbox.count_made(reset=True)
    try:
        run(now)
        db.session.commit()
    except Exception as exc:  # a broken producer must not stop sending
        db.session.rollback()
        log.exception("producing deliveries failed")
        result.errors.append(f"producers: {type(exc).__name__}: {exc}"[:ERROR_LENGTH])
        return 0
    return outbox.count_made(reset=True)


# --- claiming ---------------------------------------------------------------------------------
def _claimable(now: datetime, limit: int) -> list[int]:
    """Up to `limit` due rows, oldest first: claims left by a crashed sender, then pending rows.
    Two statements, so each walks ix_outbox_state_due_at in order and stops at `limit` (one
    statement with an OR sorted every due row for every batch: 20,000 in a large fan-out)."""
    def take(state_is_due, n: int) -> list[int]:
        return list(db.session.execute(
            db.select(Delivery.id).where(state_is_due).order_by(Delivery.due_at).limit(n)
            .with_for_update(skip_locked=True)).scalars())

    ids = take(and_(Delivery.state == DeliveryState.SENDING,
                    or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now)), limit)
    if len(ids) < limit:
        ids += take(and_(Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now,
                         or_(Delivery.claimed_until.is_(None), Delivery.claimed_until <= now)),
                    limit - len(ids))
    return ids


def claim(worker: str, now: datetime, limit: int = BATCH_SIZE) -> list[int]:
    """Take up to `limit` due deliveries for `worker`, committed. Returns their ids."""
    db.session.commit()  # the claim runs in a transaction of its own
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(text("BEGIN IMMEDIATE"))
    try:
        # a delivery whose sender died MAX_ATTEMPTS times (a poison message?) is given up
        db.session.execute(
            update(Delivery).where(
                Delivery.state == DeliveryState.SENDING, Delivery.claimed_until < now,
                Delivery.attempts >= MAX_ATTEMPTS,
            ).values(state=DeliveryState.FAILED, claimed_until=None, failed_at=now,
                     last_error=f"gave up: its sender stopped {MAX_ATTEMPTS} times mid-send")
            .execution_options(synchronize_session=False)
        )
        ids = _claimable(now, limit)
        if ids:
            seconds = lease_seconds()
            db.session.execute(
                update(Delivery).where(Delivery.id.in_(ids)).values(
                    state=DeliveryState.SENDING,
                    claimed_by=worker,
                    claimed_until=now + timedelta(seconds=seconds),
                    attempts=Delivery.attempts + 1,
                ).execution_options(synchronize_session=False)
            )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return ids


# --- sending ----------------------------------------------------------------------------------
def _send_batch(ids: list[int], worker: str, fixed_now: datetime | None,
                result: TickResult, started: float) -> None:
    deliveries = list(db.session.execute(
        db.select(Delivery).where(Delivery.id.in_(ids)).order_by(Delivery.due_at, Delivery.id)
        .options(selectinload(Delivery.user), selectinload(Delivery.park))
    ).scalars())
    # Settles commit during the batch; reloading every object after each commit would double
    # the queries. The rows are ours while we hold the lease, so nothing expires meanwhile
    # (the objects a renderer reads are read again after each settle: render.refresh).
    from hub.notify import render

    session = db.session()
    expire_on_commit, session.expire_on_commit = session.expire_on_commit, False
    autocommit = None
    if db.engine.dialect.name == "postgresql":  # one round trip a settled mail (settle.Done)
        autocommit = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    mails, notes = Done(worker, result, autocommit), Done(worker, result)
    lease = Lease(db.engine, worker, ids, lease_seconds(),
                  lambda: fixed_now or utcnow(), started)

    def settle_group(done: Done) -> None:
        settled = done.ids()
        render.refresh(done.settle())  # what the next message is about is read again if changed
        for i in settled:
            lease.release(i)

    try:
        with lease, mail.Mailer() as mailer, render.batch():
            for number, delivery in enumerate(deliveries):
                if not lease.holds(delivery.id):
                    if not lease.alive():  # the lease ran down: stop, the rest is not ours
                        log.warning("%s: lease lost, %s stops sending", delivery.id, worker)
                        break
                    continue  # taken over by another worker
                try:
                    _deliver(delivery, mailer, worker, fixed_now or utcnow(), result,
                             mails, notes)
                except SQLAlchemyError as exc:  # settling failed: the lease expires, retried
                    db.session.rollback()
                    log.exception("settling delivery %s failed", delivery.id)
                    result.errors.append(f"database: {exc}"[:ERROR_LENGTH])
                if mails.items and mails.begin():  # settled before the next one is sent:
                    # its UPDATE is on the wire; the next envelope goes out meanwhile
                    _open_ahead(deliveries[number + 1:number + 1 + AHEAD], mailer, lease)
                    render.refresh(mails.finish())
                    lease.release(delivery.id)
                elif mails.items:
                    settle_group(mails)
                elif len(notes.items) >= INAPP_GROUP:
                    settle_group(notes)
                elif delivery.id not in notes.ids():
                    lease.release(delivery.id)  # skipped or failed: settled already
    finally:
        mails.settle()
        notes.settle()
        if autocommit is not None:
            autocommit.close()
        session.expire_on_commit = expire_on_commit
        session.expire_all()


def _open_ahead(coming: list[Delivery], mailer: mail.Mailer, lease: Lease) -> None:
    """The next mail's SMTP envelope (among the `coming` deliveries: in-app ones in between
    use no SMTP), sent while the previous mail's settle is on its way (hub.notify.settle_pg);
    its message is rendered and sent only once that settle answered."""
    delivery = next((d for d in coming if d.channel is Channel.EMAIL), None)
    if delivery is None or not lease.holds(delivery.id):
        return
    user = delivery.user
    if user is not None and user.active and (user.email or "").strip():
        mailer.open_envelope(delivery.id, user.display_name or "", user.email.strip())


def _deliver(delivery: Delivery, mailer: mail.Mailer, worker: str, now: datetime,
             result: TickResult, done: Done, notes: Done) -> None:
    from hub.notify import render

    delivery_id = delivery.id
    try:
        rendered = render.render(delivery)
    except render.Skip as reason:
        db.session.rollback()
        if settle(delivery_id, worker, DeliveryState.SKIPPED, now, error=reason.reason):
            result.skipped += 1
        return
    except Exception as exc:  # a renderer bug fails this delivery only
        db.session.rollback()
        log.exception("rendering delivery %s failed", delivery_id)
        failed(delivery_id, worker, now, f"render: {type(exc).__name__}: {exc}", result)
        return

    channel = delivery.channel
    try:
        if channel is Channel.INAPP:
            _send_inapp(delivery, rendered, worker, now, result, notes)
            return
        if channel is Channel.EMAIL:
            user = delivery.user
            if user is None or not (user.email or "").strip():
                skip(delivery_id, worker, now, "no email address", result)
                return
            if not user.active:
                skip(delivery_id, worker, now, "account deactivated", result)
                return
            try:
                msg = mail.build_message(delivery, rendered, to_email=user.email.strip(),
                                         to_name=user.display_name, now=now)
            except ValueError as exc:  # a malformed address
                failed(delivery_id, worker, now, f"message: {exc}", result, permanent=True)
                return
            mailer.send(msg, delivery_id=delivery_id, now=now)
        elif channel is Channel.ROBOT:
            robot = db.session.get(ParkRobot, delivery.park_id) if delivery.park_id else None
            if robot is None or not robot.active or not robot.webhook_url:
                skip(delivery_id, worker, now, "no active robot for this park", result)
                return
            robots.send(robot, rendered.text)  # checks host and addresses (hub.notify.outbound)
    except mail.MailError as exc:
        failed(delivery_id, worker, now, str(exc), result, permanent=exc.permanent)
        return
    except robots.RobotError as exc:  # a refused webhook (internal address…) fails at once
        failed(delivery_id, worker, now, str(exc), result, permanent=exc.permanent)
        return
    except Exception as exc:  # any other transport error: retry later
        db.session.rollback()
        log.exception("sending delivery %s failed", delivery_id)
        failed(delivery_id, worker, now, f"{type(exc).__name__}: {exc}", result)
        return
    done.add(delivery_id, now)


def _send_inapp(delivery, rendered, worker, now, result, done: Done) -> None:
    if delivery.user_id is None:
        skip(delivery.id, worker, now, "in-app delivery without a user", result)
        return
    from hub.notify.inapp import note_row

    done.add(delivery.id, now, note_row(delivery, rendered, now))
