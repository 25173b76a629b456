"""Settling one sent mail on PostgreSQL in two steps, on the sender's autocommit connection
(hub.notify.settle.Done): `begin` puts the guarded UPDATE on the wire right after the SMTP
server's 250 and returns without waiting; `finish` waits for its answer. The sender opens the
next mail's SMTP envelope (MAIL FROM, RCPT TO) in between, so the database's round trip and the
SMTP server's overlap; the next message is rendered and its DATA sent only after `finish`
(hub.notify.sender). So nothing about the delivery guarantee changes: at most one mail per
sender (hub.notify.parallel) is accepted and not yet known settled at any moment.

The statement is sent through libpq directly (psycopg's pgconn: text parameters, one
Parse/Bind/Describe/Execute/Sync; not a named prepared statement, since psycopg deallocates all
of a connection's prepared statements after a ROLLBACK on it): the UPDATE is its own implicit
transaction and commits when the server reaches the Sync, whether or not the sender is still
alive to read the answer. It is the statement hub.notify.settle.Done builds with SQLAlchemy,
written out in SQL once (building and compiling it per mail cost more CPU than the round trip).
"""

from __future__ import annotations

import select
from datetime import UTC, datetime

#: the guarded UPDATE of one delivery (the table outbox, hub.notify.models.Delivery; states are
#: stored by value, UTC columns as naive UTC: hub.dbtypes), synchronous_commit off for its own
#: transaction, RETURNING the meeting's version (tests/notify/test_settle_overlap.py)
SETTLE_ONE = (
    b"UPDATE outbox SET state = 'sent', claimed_until = NULL, sent_at = $1::timestamp "
    b"WHERE id = $2::integer AND state = 'sending' AND claimed_by = $3::varchar "
    b"AND set_config('synchronous_commit', 'off', true) IS NOT NULL "
    b"RETURNING id, object_id, CASE WHEN object_type = 'meeting' THEN "
    b"(SELECT version FROM meeting WHERE meeting.id = outbox.object_id) END")


class SettleError(Exception):
    """The database did not settle (connection lost, error): nothing was changed."""


def _pgconn(connection):
    """The libpq connection under a SQLAlchemy Connection (psycopg 3)."""
    return connection.connection.driver_connection


def _flush(pgconn) -> None:
    while pgconn.flush():  # 1: not everything went out yet (libpq: read what came meanwhile)
        readable, _, _ = select.select([pgconn.socket], [pgconn.socket], [])
        if readable:
            pgconn.consume_input()


def _results(pgconn) -> list:
    _flush(pgconn)
    while True:
        pgconn.consume_input()
        if not pgconn.is_busy():
            break
        select.select([pgconn.socket], [], [])
    results = []
    while (res := pgconn.get_result()) is not None:
        results.append(res)
    return results


def _check(results: list, expect) -> object:
    from psycopg import pq

    last = None
    for res in results:
        if res.status not in (expect, pq.ExecStatus.COMMAND_OK, pq.ExecStatus.TUPLES_OK):
            message = (res.error_message or b"").decode("utf-8", "replace").strip()
            raise SettleError(message or f"status {res.status}")
        last = res
    if last is None:
        raise SettleError("no answer")
    return last


class OneSettle:
    """One mail's settle in flight on `connection` (a SQLAlchemy Connection in autocommit)."""

    def __init__(self, connection, worker: str):
        self.raw = _pgconn(connection)
        self.worker = worker.encode()
        self.delivery_id: int | None = None

    def begin(self, delivery_id: int, at: datetime) -> None:
        """Send the UPDATE; raises SettleError when it could not be sent."""
        from psycopg import Error

        pgconn = self.raw.pgconn
        try:
            stamp = at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ").encode()
            pgconn.send_query_params(SETTLE_ONE, [stamp, str(delivery_id).encode(), self.worker])
            _flush(pgconn)
        except (Error, OSError) as exc:
            raise SettleError(f"{type(exc).__name__}: {exc}") from exc
        self.delivery_id = delivery_id

    def finish(self) -> tuple[bool, int | None, int | None]:
        """Wait for the answer: (settled, object id, meeting version or None). settled is False
        when the claim was lost. Raises SettleError."""
        from psycopg import Error, pq

        self.delivery_id = None
        try:
            res = _check(_results(self.raw.pgconn), pq.ExecStatus.TUPLES_OK)
        except (Error, OSError) as exc:
            raise SettleError(f"{type(exc).__name__}: {exc}") from exc
        if res.ntuples == 0:
            return False, None, None
        object_id, version = res.get_value(0, 1), res.get_value(0, 2)
        return True, int(object_id), None if version is None else int(version)
