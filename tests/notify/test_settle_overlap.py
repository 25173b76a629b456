"""A mail's settle overlapped with the next mail's SMTP envelope (hub.notify.settle_pg, the
sender's loop): the settle commits once it is on the wire, even if the scheduler dies before it
reads the answer; the statement keeps the guard; envelopes opened ahead for a delivery that is
then not sent do not carry another delivery's message."""

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hub.extensions import db
from hub.meetings.models import Meeting
from hub.notify import outbox, sender
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.notify.settle_pg import OneSettle

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]


def enqueue(user, *, object_id=7, payload=None, object_type="meeting") -> None:
    outbox.enqueue("test.note", channel=Channel.EMAIL, object_type=object_type,
                   object_id=object_id, due_at=NOW, user_id=user.id,
                   occurrence_key="2026-03-11T01:30", offset_minutes=1440, payload=payload)
    db.session.commit()


def rows() -> list[Delivery]:
    db.session.expire_all()
    return list(db.session.execute(db.select(Delivery).order_by(Delivery.id)).scalars())


def postgres_only(app) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("the overlapped settle is PostgreSQL's")


def test_a_settle_on_the_wire_commits_though_the_scheduler_is_killed_before_the_answer(
        app, make_user):
    postgres_only(app)
    enqueue(make_user())
    [claimed] = sender.claim("worker-a", NOW)
    script = (
        "import os, signal, sys\n"
        "from datetime import datetime, UTC\n"
        "from sqlalchemy import create_engine\n"
        "from hub.notify.settle_pg import OneSettle\n"
        "conn = create_engine(sys.argv[1]).connect()"
        ".execution_options(isolation_level='AUTOCOMMIT')\n"
        "OneSettle(conn, 'worker-a').begin(int(sys.argv[2]), datetime.now(UTC))\n"
        "os.kill(os.getpid(), signal.SIGKILL)  # before reading the answer\n")
    proc = subprocess.run([sys.executable, "-c", script, app.config["SQLALCHEMY_DATABASE_URI"],
                           str(claimed)], cwd=ROOT, capture_output=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    # the killed client's backend may still be running the statement it received: wait for
    # its commit (a settle that never commits fails here after 10 s)
    deadline = time.monotonic() + 10
    while (row := rows()[0]).state is not DeliveryState.SENT and time.monotonic() < deadline:
        time.sleep(0.05)
    assert row.state is DeliveryState.SENT and row.claimed_until is None
    assert row.sent_at is not None and abs(row.sent_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_the_settle_changes_only_a_row_the_worker_holds_and_returns_the_meeting_version(
        app, make_user, make_meeting):
    postgres_only(app)
    meeting = make_meeting(offsets=(60,))
    version = db.session.get(Meeting, meeting.id).version
    user = make_user()
    enqueue(user, object_id=meeting.id)
    enqueue(user, object_id=99, object_type="notice")
    first, second = sender.claim("worker-a", NOW)
    conn = db.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        other = OneSettle(conn, "worker-b")  # not the holder: nothing changes
        other.begin(first, NOW)
        assert other.finish() == (False, None, None)
        mine = OneSettle(conn, "worker-a")
        mine.begin(first, NOW)
        assert mine.finish() == (True, meeting.id, version)
        mine.begin(first, NOW)  # settled already: not again
        assert mine.finish() == (False, None, None)
        mine.begin(second, NOW + timedelta(seconds=1))
        assert mine.finish() == (True, 99, None)  # not about a meeting
    finally:
        conn.close()
    a, b = (r for r in rows() if r.id in (first, second))
    assert (a.state, a.sent_at, a.claimed_until) == (DeliveryState.SENT, NOW, None)
    assert (b.state, b.sent_at) == (DeliveryState.SENT, NOW + timedelta(seconds=1))
    assert a.claimed_by == b.claimed_by == "worker-a"


def test_an_envelope_opened_for_a_skipped_delivery_carries_no_other_message(
        app, make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    app.config["HUB_SENDERS"] = 1  # one connection, in due order (two: test_senders_pg.py)
    resets = []

    async def handle_RSET(server, session, envelope):
        resets.append(session.peer)
        return "250 OK"

    smtp_sink.handle_RSET = handle_RSET
    first, skipped, third, fourth, fifth = (make_user() for _ in range(5))
    enqueue(first, object_id=1)
    enqueue(skipped, object_id=2, payload={"skip": "no longer relevant"})
    enqueue(third, object_id=3)
    enqueue(fourth, object_id=4, payload={"boom": True})  # rendering fails: retried later
    enqueue(first, object_id=5)
    enqueue(fifth, object_id=6)
    result = sender.tick(NOW)
    assert (result.sent, result.skipped, result.failed) == (4, 1, 1)
    assert [m["rcpt_tos"] for m in smtp_sink.messages] == [
        [first.email], [third.email], [first.email], [fifth.email]]
    states = [r.state for r in rows()]
    assert states == [DeliveryState.SENT, DeliveryState.SKIPPED, DeliveryState.SENT,
                      DeliveryState.PENDING, DeliveryState.SENT, DeliveryState.SENT]
    if db.engine.dialect.name == "postgresql":  # the envelopes opened ahead for #2 and #4
        assert len(resets) == 2
    else:  # SQLite settles on the session: nothing goes ahead
        assert not resets
    assert {m["message"]["Message-ID"] for m in smtp_sink.messages} == {
        r.message_id for r in rows() if r.state is DeliveryState.SENT}
    assert smtp_sink.sessions == 1
