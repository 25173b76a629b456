"""A park admin cannot point the group robot at an internal address: refused when saving (a form
error) and again when sending (the delivery fails at once, nothing is sent); the test button
shows what happened; signing secrets are stored and shown masked."""

import json
from datetime import UTC, datetime

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notify import outbox, sender
from hub.notify.models import Channel, Delivery, DeliveryState, ParkRobot, RobotProvider

HOSTILE = [
    "http://127.0.0.1:8080/cgi-bin/webhook/send",
    "http://localhost:6379/",
    "http://[::1]:5432/",
    "https://10.0.0.1/",
    "https://169.254.169.254/latest/meta-data/",
    "https://127.0.0.1/",
    "https://user:pw@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
]
NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)


def robot_row(park_id: int) -> ParkRobot | None:
    db.session.expire_all()
    return db.session.get(ParkRobot, park_id)


@pytest.mark.parametrize("url", HOSTILE)
def test_a_hostile_webhook_is_a_form_error(client, login, world, fake_robot, url):
    login(world.other_admin)
    resp = client.post("/notifications/robot", data={
        "provider": "wecom", "webhook_url": url, "active": "y"})
    assert resp.status_code == 422
    assert "is-invalid" in resp.text and url.replace("&", "&amp;") in resp.text  # kept
    assert robot_row(world.other.id) is None


def test_an_allowed_name_that_resolves_to_an_internal_address_is_a_form_error(
        client, login, world, fake_robot):
    fake_robot.resolve["qyapi.weixin.qq.com"] = ["42.1.2.3", "10.1.2.3"]
    login(world.other_admin)
    resp = client.post("/notifications/robot", data={
        "provider": "wecom", "webhook_url": fake_robot.url, "active": "y"})
    assert resp.status_code == 422
    assert "该地址指向内部网络，已拒绝。" in resp.text
    assert robot_row(world.other.id) is None


def test_operators_extend_the_allow_list(app, client, login, world, fake_robot):
    login(world.other_admin)
    url = fake_robot.url_for("hooks.example.org", "/send?key=k")
    fake_robot.resolve["hooks.example.org"] = ["42.1.2.5"]
    resp = client.post("/notifications/robot", data={
        "provider": "wecom", "webhook_url": url, "active": "y"})
    assert resp.status_code == 422 and "qyapi.weixin.qq.com" in resp.text
    app.config["HUB_ROBOT_HOSTS"] = "hooks.example.org"
    assert "hooks.example.org" in client.get("/notifications/robot").text
    resp = client.post("/notifications/robot", data={
        "provider": "wecom", "webhook_url": url, "active": "y"})
    assert resp.status_code == 302 and robot_row(world.other.id).webhook_url == url


@pytest.mark.parametrize("url", HOSTILE)
def test_a_stored_hostile_webhook_is_refused_when_sending(make_park, fake_robot, url):
    """A row saved before this check existed (or written around the form) sends nothing."""
    park = make_park()
    db.session.add(ParkRobot(park_id=park.id, webhook_url=url))
    outbox.enqueue("test.note", channel=Channel.ROBOT, object_type="meeting", object_id=3,
                   due_at=NOW, park_id=park.id, occurrence_key="k", offset_minutes=60)
    db.session.commit()
    result = sender.tick(NOW)
    assert (result.sent, result.gave_up) == (0, 1)
    db.session.expire_all()
    row = db.session.execute(db.select(Delivery)).scalar_one()
    assert row.state is DeliveryState.FAILED and "refused" in row.last_error
    assert fake_robot.received == [] and fake_robot.connected == []


def test_a_name_resolving_inside_at_send_time_is_refused(make_park, fake_robot):
    park = make_park()
    db.session.add(ParkRobot(park_id=park.id, webhook_url=fake_robot.url))
    outbox.enqueue("test.note", channel=Channel.ROBOT, object_type="meeting", object_id=3,
                   due_at=NOW, park_id=park.id, occurrence_key="k", offset_minutes=60)
    db.session.commit()
    fake_robot.resolve["qyapi.weixin.qq.com"] = ["169.254.169.254"]
    assert sender.tick(NOW).gave_up == 1
    assert fake_robot.received == []


def test_the_test_button_shows_a_refusal(client, login, world, fake_robot):
    db.session.add(ParkRobot(park_id=world.other.id, webhook_url="http://127.0.0.1:6379/"))
    db.session.commit()
    login(world.other_admin)
    page = client.post("/notifications/robot/test", follow_redirects=True).text
    assert "测试消息未发送：请输入 https:// 开头的地址。" in page
    assert "已保存的 Webhook 地址已不被允许" in client.get("/notifications/robot").text
    entry = db.session.execute(db.select(AuditEntry).where(
        AuditEntry.action == "robot_test")).scalar_one()
    assert entry.changes["result"][1].startswith("refused")


def test_the_test_button_shows_a_network_error(client, login, world, fake_robot):
    fake_robot.server.shutdown()
    fake_robot.server.server_close()  # nothing listens any more: connection refused
    db.session.add(ParkRobot(park_id=world.other.id, webhook_url=fake_robot.url))
    db.session.commit()
    login(world.other_admin)
    page = client.post("/notifications/robot/test", follow_redirects=True).text
    assert "测试消息未送达" in page and "ConnectionRefusedError" in page


def test_a_dingtalk_secret_is_stored_masked_and_used(client, login, world, fake_robot):
    secret = "SECabcdef0123456789abcdef0123456789wxyz"
    token = "5f3d0c9be1a24c7d8e6f5a4b3c2d1e0f"
    url = fake_robot.url_for("oapi.dingtalk.com", f"/robot/send?access_token={token}")
    login(world.other_admin)
    resp = client.post("/notifications/robot", data={
        "provider": "dingtalk", "webhook_url": url, "secret": secret, "active": "y"})
    assert resp.status_code == 302
    robot = robot_row(world.other.id)
    assert robot.secret == secret and robot.provider is RobotProvider.DINGTALK
    page = client.get("/notifications/robot").text
    assert secret not in page and "••••wxyz" in page and "robot-problem" not in page
    assert token not in page
    audit = json.dumps([e.changes for e in db.session.execute(db.select(AuditEntry)).scalars()])
    assert secret not in audit and token not in audit

    page = client.post("/notifications/robot/test", follow_redirects=True).text
    assert "测试消息已送达" in page
    assert "&sign=" in fake_robot.received[0]["path"]

    # saving without a secret keeps it; "remove" removes it
    client.post("/notifications/robot", data={"provider": "dingtalk", "active": "y"})
    assert robot_row(world.other.id).secret == secret
    client.post("/notifications/robot", data={"provider": "dingtalk", "active": "y",
                                              "clear_secret": "y"})
    assert robot_row(world.other.id).secret is None
    assert "••••" not in client.get("/notifications/robot").text


def test_feishu_is_a_provider_on_the_form(client, login, world, fake_robot):
    url = fake_robot.url_for("open.feishu.cn", "/open-apis/bot/v2/hook/abc")
    fake_robot.reply = {"code": 0, "msg": "success"}
    login(world.other_admin)
    assert "飞书群机器人" in client.get("/notifications/robot").text
    assert client.post("/notifications/robot", data={
        "provider": "feishu", "webhook_url": url, "active": "y"}).status_code == 302
    client.post("/notifications/robot/test")
    assert fake_robot.received[0]["json"]["msg_type"] == "text"
