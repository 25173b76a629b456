"""The lease on one send batch's claims (hub.notify.sender).

A claim is a lease: `claimed_until = now + HUB_LEASE_SECONDS` (default 30 s). While the batch
runs, a renewer thread extends the lease of every row still held every third of the lease
(one guarded UPDATE … RETURNING on a connection of its own, so it also runs while the sending
thread waits for a slow SMTP server). The sender asks `holds(id)` before each send: the row must
still be ours (the last renewal returned it) and the lease must have more than a third of its
length left by this process's monotonic clock. A process that cannot renew (database gone) thus
stops sending before its lease runs out; a process that died stops renewing, and its rows are
claimable by any other scheduler when the lease expires (hub.notify.sender.next_due wakes the
others then).

Limits: the schedulers' clocks must agree to well within a third of the lease (claimed_until is
written with the writer's clock and compared with the reader's); a send that takes longer than
the lease while renewals also fail can still race a new holder.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.engine import Engine

from hub.notify.models import Delivery, DeliveryState

log = logging.getLogger("hub.notify.sender")

LEASE_SECONDS = 30.0


class Lease:
    def __init__(self, engine: Engine, worker: str, ids: list[int], seconds: float,
                 clock: Callable[[], datetime], started: float):
        """`started`: time.monotonic() read before the claim's `now` was taken."""
        self.engine, self.worker, self.seconds, self.clock = engine, worker, seconds, clock
        self._held = set(ids)
        self._lock = threading.Lock()
        self._valid_until = started + seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.renewals = 0

    # --- the sender's side ------------------------------------------------------------------
    def holds(self, delivery_id: int) -> bool:
        """May `delivery_id` be sent now?"""
        with self._lock:
            if delivery_id not in self._held:
                return False
            return self._valid_until - time.monotonic() > self.seconds / 3

    def alive(self) -> bool:
        """False once the lease as a whole ran down (the batch should stop)."""
        with self._lock:
            return bool(self._held) and self._valid_until - time.monotonic() > self.seconds / 3

    def release(self, delivery_id: int) -> None:
        """The row is settled (or given back): no longer renewed."""
        with self._lock:
            self._held.discard(delivery_id)

    # --- renewing -----------------------------------------------------------------------------
    def renew(self) -> None:
        with self._lock:
            ids = sorted(self._held)
        if not ids:
            return
        started = time.monotonic()
        try:
            with self.engine.begin() as conn:
                kept = set(conn.execute(
                    update(Delivery)
                    .where(Delivery.id.in_(ids), Delivery.state == DeliveryState.SENDING,
                           Delivery.claimed_by == self.worker)
                    .values(claimed_until=self.clock() + timedelta(seconds=self.seconds))
                    .returning(Delivery.id)).scalars())
        except Exception:
            log.exception("renewing the lease of %d deliveries failed", len(ids))
            return
        with self._lock:
            lost = set(ids) - kept
            if lost:  # settled meanwhile (released) or taken by another worker
                self._held -= {i for i in lost if i in self._held}
            self._valid_until = started + self.seconds
            self.renewals += 1

    def _run(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            self.renew()

    def __enter__(self) -> Lease:
        self._thread = threading.Thread(target=self._run, name=f"lease-{self.worker}",
                                        daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
