"""The outbox: a delivery made twice is one row; states, claims and the admin helpers."""

from datetime import UTC, datetime, timedelta

import pytest

from hub.extensions import db
from hub.notify import outbox, sender, settle
from hub.notify.models import Channel, Delivery, DeliveryState, Notification

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)


def note(user, *, channel=Channel.INAPP, due_at=NOW, **extra) -> bool:
    return outbox.enqueue("test.note", channel=channel, object_type="meeting", object_id=7,
                          due_at=due_at, user_id=user.id, occurrence_key="2026-03-11T01:30",
                          offset_minutes=1440, **extra)


def rows() -> list[Delivery]:
    return list(db.session.execute(db.select(Delivery).order_by(Delivery.id)).scalars())


def test_enqueue_twice_makes_one_row(make_user):
    user = make_user()
    assert note(user) is True
    assert note(user) is False
    db.session.commit()
    assert note(user, payload={"subject": "changed"}) is False
    db.session.commit()
    [row] = rows()
    assert row.key == f"test.note|meeting:7|2026-03-11T01:30|1440|u{user.id}|inapp"
    assert row.state is DeliveryState.PENDING and row.attempts == 0
    assert row.payload == {}


def test_each_channel_recipient_and_offset_is_its_own_delivery(make_user, make_park):
    user, other = make_user(), make_user()
    park = make_park()
    assert note(user)
    assert note(user, channel=Channel.EMAIL)
    assert note(other)
    assert outbox.enqueue("test.note", channel=Channel.ROBOT, object_type="meeting",
                          object_id=7, due_at=NOW, park_id=park.id,
                          occurrence_key="2026-03-11T01:30", offset_minutes=1440)
    assert outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting",
                          object_id=7, due_at=NOW, user_id=user.id,
                          occurrence_key="2026-03-11T01:30", offset_minutes=60)
    db.session.commit()
    assert len(rows()) == 5


def test_enqueue_runs_in_the_callers_transaction(make_user):
    user = make_user()
    assert note(user)
    db.session.rollback()
    assert rows() == []
    assert note(user)  # made again after the rollback
    db.session.commit()
    assert len(rows()) == 1


def test_a_skipped_delivery_is_recorded_and_never_sent(make_user):
    user = make_user()
    assert note(user, state=DeliveryState.SKIPPED)
    db.session.commit()
    result = sender.tick(NOW)
    assert result.sent == 0
    assert rows()[0].state is DeliveryState.SKIPPED
    assert note(user) is False


def test_enqueue_needs_one_recipient_and_an_aware_time(make_user):
    user = make_user()
    with pytest.raises(ValueError):
        outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting", object_id=1,
                       due_at=NOW)
    with pytest.raises(ValueError):
        outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting", object_id=1,
                       due_at=NOW.replace(tzinfo=None), user_id=user.id)


def test_tick_twice_delivers_once(make_user):
    user = make_user()
    note(user)
    db.session.commit()
    first = sender.tick(NOW)
    second = sender.tick(NOW + timedelta(minutes=1))
    assert (first.sent, second.sent) == (1, 0)
    [row] = rows()
    assert row.state is DeliveryState.SENT and row.sent_at == NOW and row.attempts == 1
    [n] = db.session.execute(db.select(Notification)).scalars()
    assert n.delivery_id == row.id and n.user_id == user.id and n.url == "/meetings/7"


def test_nothing_goes_out_before_it_is_due(make_user):
    user = make_user()
    note(user, due_at=NOW + timedelta(hours=1))
    db.session.commit()
    assert sender.tick(NOW).sent == 0
    assert sender.tick(NOW + timedelta(hours=1)).sent == 1


def test_a_claim_left_by_a_crashed_process_is_taken_again(make_user):
    user = make_user()
    note(user)
    db.session.commit()
    ids = sender.claim("crashed-host:1234:abc", NOW)  # claimed, then the process died
    assert len(ids) == 1
    held = sender.tick(NOW + timedelta(seconds=20))
    assert held.sent == 0  # the lease (30 s) still holds
    # the scheduler is woken when the lease runs out, not at some later slot
    assert held.next_due == NOW + timedelta(seconds=30)
    row = rows()[0]
    assert row.state is DeliveryState.SENDING and row.claimed_by == "crashed-host:1234:abc"

    result = sender.tick(NOW + timedelta(seconds=31))  # the lease ran out: taken over
    assert result.sent == 1
    db.session.expire_all()
    row = rows()[0]
    assert row.state is DeliveryState.SENT and row.attempts == 2
    assert db.session.execute(db.select(db.func.count(Notification.id))).scalar() == 1


def test_a_worker_that_lost_its_claim_changes_nothing(make_user):
    user = make_user()
    note(user)
    db.session.commit()
    [delivery_id] = sender.claim("slow:1:aaa", NOW)
    sender.claim("fast:2:bbb", NOW + timedelta(minutes=6))  # took it over after the expiry
    assert settle.settle(delivery_id, "slow:1:aaa", DeliveryState.SENT, NOW) is False
    row = db.session.get(Delivery, delivery_id)
    assert row.state is DeliveryState.SENDING and row.claimed_by == "fast:2:bbb"


def test_renderer_skip_and_failure(make_user):
    user = make_user()
    note(user, payload={"skip": "meeting cancelled"})
    outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting", object_id=8,
                   due_at=NOW, user_id=user.id, payload={"boom": True})
    db.session.commit()
    result = sender.tick(NOW)
    assert (result.sent, result.skipped, result.failed) == (0, 1, 1)
    skipped, broken = rows()
    assert skipped.state is DeliveryState.SKIPPED and skipped.last_error == "meeting cancelled"
    assert broken.state is DeliveryState.PENDING and "renderer exploded" in broken.last_error
    assert broken.claimed_until == NOW + timedelta(minutes=1)  # next attempt after backoff


def test_unknown_kind_is_skipped(make_user):
    user = make_user()
    outbox.enqueue("test.nobody-renders-this", channel=Channel.INAPP, object_type="x",
                   object_id=1, due_at=NOW, user_id=user.id)
    db.session.commit()
    assert sender.tick(NOW).skipped == 1


def test_retry_now_and_mark_skipped(make_user):
    user = make_user()
    note(user)
    db.session.commit()
    row = rows()[0]
    row.state, row.attempts, row.last_error = DeliveryState.FAILED, 5, "451 Try again later"
    db.session.commit()
    outbox.retry_now(row)
    db.session.commit()
    assert (row.state, row.attempts, row.claimed_until) == (DeliveryState.PENDING, 0, None)
    assert row.last_error == "451 Try again later"  # kept until it is sent
    outbox.mark_skipped(row, "given up by hand")
    assert row.state is DeliveryState.SKIPPED
    row.state = DeliveryState.SENT
    with pytest.raises(outbox.NotRetryable):
        outbox.retry_now(row)


def test_counts_by_state(make_user):
    user = make_user()
    note(user)
    note(user, channel=Channel.EMAIL, state=DeliveryState.SKIPPED)
    db.session.commit()
    counts = outbox.counts_by_state()
    assert counts["pending"] == 1 and counts["skipped"] == 1 and counts["failed"] == 0
    assert outbox.pending_and_failed() == (1, 0)


def test_a_delivery_whose_sender_keeps_dying_is_given_up(make_user):
    user = make_user()
    note(user)
    db.session.commit()
    at = NOW
    for _ in range(settle.MAX_ATTEMPTS):  # claimed, then the process died, five times
        assert sender.claim("dying:1:x", at)
        at += timedelta(minutes=6)
    assert sender.tick(at).sent == 0
    db.session.expire_all()
    row = rows()[0]
    assert row.state is DeliveryState.FAILED and "gave up" in row.last_error
