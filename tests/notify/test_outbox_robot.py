"""The group-robot transport against a local server standing in for 企业微信 / 钉钉 (reached
through the test seam of hub.notify.outbound, see tests/notify/robot_fake.py)."""

from datetime import UTC, datetime, timedelta

import pytest

from hub.extensions import db
from hub.notify import outbox, sender
from hub.notify.models import Channel, Delivery, DeliveryState, ParkRobot
from tests.notify.conftest import TEST_TEXT

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)


@pytest.fixture
def webhook(fake_robot):
    return fake_robot


def robot_delivery(park) -> None:
    outbox.enqueue("test.note", channel=Channel.ROBOT, object_type="meeting", object_id=3,
                   due_at=NOW, park_id=park.id, occurrence_key="k", offset_minutes=60)
    db.session.commit()


def only_delivery() -> Delivery:
    db.session.expire_all()
    return db.session.execute(db.select(Delivery)).scalar_one()


def test_the_robot_receives_the_text_once(make_park, webhook):
    park = make_park()
    db.session.add(ParkRobot(park_id=park.id, webhook_url=webhook.url))
    robot_delivery(park)
    assert sender.tick(NOW).sent == 1
    assert sender.tick(NOW + timedelta(minutes=1)).sent == 0
    [got] = webhook.received
    assert got["path"] == "/cgi-bin/webhook/send?key=test-key"
    assert got["type"].startswith("application/json")
    assert got["json"]["msgtype"] == "text"
    assert TEST_TEXT in got["json"]["text"]["content"]
    assert only_delivery().state is DeliveryState.SENT


def test_an_errcode_reply_is_a_failure_retried_with_backoff(make_park, webhook):
    park = make_park()
    db.session.add(ParkRobot(park_id=park.id, webhook_url=webhook.url))
    robot_delivery(park)
    webhook.reply = {"errcode": 93000, "errmsg": "invalid webhook url"}
    result = sender.tick(NOW)
    assert (result.sent, result.failed) == (0, 1)
    row = only_delivery()
    assert row.state is DeliveryState.PENDING and "errcode 93000" in row.last_error
    assert row.claimed_until == NOW + timedelta(minutes=1)

    webhook.reply = {"errcode": 0, "errmsg": "ok"}
    assert sender.tick(NOW + timedelta(minutes=1)).sent == 1
    assert len(webhook.received) == 2
    assert only_delivery().state is DeliveryState.SENT


def test_an_http_error_is_a_failure(make_park, webhook):
    park = make_park()
    db.session.add(ParkRobot(park_id=park.id, webhook_url=webhook.url))
    robot_delivery(park)
    webhook.status = 502
    assert sender.tick(NOW).failed == 1
    assert "HTTP 502" in only_delivery().last_error


def test_no_active_robot_skips_the_delivery(make_park, webhook):
    park = make_park()
    db.session.add(ParkRobot(park_id=park.id, webhook_url=webhook.url, active=False))
    robot_delivery(park)
    assert sender.tick(NOW).skipped == 1
    row = only_delivery()
    assert row.state is DeliveryState.SKIPPED and "robot" in row.last_error
    assert webhook.received == []
