"""Two senders in one tick (HUB_SENDERS, hub.notify.parallel) on PostgreSQL, against a real SMTP
server (aiosmtpd): every mail and in-app notification exactly once, the work shared and sent
side by side; a connection the server breaks, or a sender that dies after claiming, loses and
repeats nothing of the other sender's (nor of its own: retried, taken over after the lease).
SQLite keeps one sender. The kill test with sender processes: test_multi_scheduler_pg.py."""

import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from hub.extensions import db
from hub.notify import outbox, sender
from hub.notify.models import Channel, Delivery, DeliveryState, Notification

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)
USERS, MEETINGS = 30, 3  # 90 mails and 90 in-app deliveries


def postgres_only() -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("several senders run on PostgreSQL only")


def fan_out(app, make_user, *, batch: int = 10) -> int:
    """USERS x MEETINGS reminders, each by mail and in-app, all due at NOW. Returns the mails."""
    app.config.update(HUB_SENDERS=2, HUB_SEND_BATCH=batch)
    for _ in range(USERS):
        user = make_user()
        for meeting in range(1, MEETINGS + 1):
            for channel in (Channel.EMAIL, Channel.INAPP):
                assert outbox.enqueue("test.note", channel=channel, object_type="meeting",
                                      object_id=meeting, due_at=NOW, user_id=user.id,
                                      occurrence_key="2026-03-11T01:30", offset_minutes=60)
    db.session.commit()
    return USERS * MEETINGS


def rows() -> list[Delivery]:
    db.session.expire_all()
    return list(db.session.execute(db.select(Delivery).order_by(Delivery.id)).scalars())


def mailed(smtp_sink) -> Counter:
    return Counter(m["message"]["Message-ID"] for m in smtp_sink.messages)


def assert_each_once(smtp_sink, mails: int) -> list[Delivery]:
    """Every delivery sent; each mail arrived once, each in-app notification exists once."""
    done = rows()
    assert {r.state for r in done} == {DeliveryState.SENT}
    per_message = mailed(smtp_sink)
    assert len(smtp_sink.messages) == mails and set(per_message.values()) == {1}
    assert set(per_message) == {r.message_id for r in done if r.channel is Channel.EMAIL}
    notes = db.session.execute(db.select(Notification.delivery_id)).scalars().all()
    assert sorted(notes) == [r.id for r in done if r.channel is Channel.INAPP]
    return done


def test_two_senders_send_each_mail_once_side_by_side(app, make_user, smtp_sink, mail_to):
    postgres_only()
    mail_to(smtp_sink)
    smtp_sink.delay = 0.01  # each DATA answered after 10 ms: the senders overlap
    mails = fan_out(app, make_user)
    result = sender.tick(NOW)
    assert (result.sent, result.failed, result.skipped) == (2 * mails, 0, 0)
    assert result.next_due is None  # nothing left

    done = assert_each_once(smtp_sink, mails)
    assert all(r.attempts == 1 for r in done)
    workers = Counter(r.claimed_by for r in done)
    assert len(workers) == 2, workers  # two senders, each under a worker name of its own
    # their mails went out side by side, each sender on connections of its own
    worker_of = {r.message_id: r.claimed_by for r in done}
    times: dict[str, list[float]] = {}
    for m in smtp_sink.messages:
        times.setdefault(worker_of[m["message"]["Message-ID"]], []).append(m["at"])
    first, second = times.values()
    assert max(min(first), min(second)) < min(max(first), max(second))
    assert smtp_sink.sessions >= 2


def test_a_connection_broken_by_the_server_loses_and_repeats_nothing(
        app, make_user, smtp_sink, mail_to):
    postgres_only()
    mail_to(smtp_sink)
    smtp_sink.delay = 0.005
    mails = fan_out(app, make_user)
    accept = smtp_sink.handle_DATA
    broken: list[str] = []

    async def handle_DATA(server, session, envelope):
        if not broken and len(smtp_sink.messages) >= 20:  # mid-fan-out, on one connection
            broken.append(envelope.rcpt_tos[0])
            server.transport.close()  # gone before answering: the message is not taken
            return "421 4.3.0 closing"
        return await accept(server, session, envelope)

    smtp_sink.handle_DATA = handle_DATA
    result = sender.tick(NOW)
    assert broken and result.failed == 1 and result.gave_up == 0
    assert result.sent == 2 * mails - 1
    [retrying] = [r for r in rows() if r.state is not DeliveryState.SENT]
    assert retrying.state is DeliveryState.PENDING and retrying.attempts == 1
    assert retrying.user.email == broken[0]
    per_message = mailed(smtp_sink)
    assert len(smtp_sink.messages) == mails - 1 and set(per_message.values()) == {1}
    assert retrying.message_id not in per_message
    # both senders sent; the one whose connection broke went on with a new one
    senders = Counter(r.claimed_by for r in rows() if r.state is DeliveryState.SENT)
    assert len(senders) == 2 and retrying.claimed_by in senders

    assert sender.tick(NOW + timedelta(minutes=2)).sent == 1  # its retry, after the backoff
    done = assert_each_once(smtp_sink, mails)
    assert [r.id for r in done if r.attempts != 1] == [retrying.id]


def test_a_sender_that_dies_after_claiming_leaves_its_rows_to_a_later_tick(
        app, make_user, smtp_sink, mail_to, monkeypatch):
    postgres_only()
    mail_to(smtp_sink)
    smtp_sink.delay = 0.005
    mails = fan_out(app, make_user)
    send_batch = sender._send_batch
    died: list[list[int]] = []
    lock = threading.Lock()

    def dies_once(ids, *args, **kwargs):
        with lock:
            first = not died
            if first:
                died.append(list(ids))
        if first:
            raise RuntimeError("sender thread crashed")
        return send_batch(ids, *args, **kwargs)

    monkeypatch.setattr(sender, "_send_batch", dies_once)
    with pytest.raises(RuntimeError, match="sender thread crashed"):
        sender.tick(NOW)  # raised again once the other sender finished
    [held] = died
    left = [r for r in rows() if r.state is not DeliveryState.SENT]
    assert sorted(r.id for r in left) == sorted(held)  # the other sender sent all the rest
    assert {r.state for r in left} == {DeliveryState.SENDING}
    assert set(mailed(smtp_sink).values()) == {1}
    assert not {r.message_id for r in left} & set(mailed(smtp_sink))

    lease = app.config["HUB_LEASE_SECONDS"]
    assert sender.tick(NOW + timedelta(seconds=lease / 2)).sent == 0  # still leased
    assert sender.tick(NOW + timedelta(seconds=lease + 1)).sent == len(held)  # taken over
    done = assert_each_once(smtp_sink, mails)
    assert sorted(r.id for r in done if r.attempts == 2) == sorted(held)


def test_sqlite_keeps_one_sender(app):
    app.config["HUB_SENDERS"] = 4
    assert sender.senders() == (4 if db.engine.dialect.name == "postgresql" else 1)
    app.config["HUB_SENDERS"] = 0
    assert sender.senders() == 1
