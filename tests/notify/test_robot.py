"""A park's group robot: configured by its park admin (audited, the webhook URL never shown in the
log), receives meeting reminders and new notices, and a test message on request."""

import json
from datetime import timedelta

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notices import services as notices
from hub.notices.models import Notice, NoticeCategory
from hub.notify import sender
from hub.notify.models import Channel, ParkRobot, RobotProvider
from tests.notify.n2_world import (
    MEETING_AT,
    NOW,
    at,
    sent,
    tick_at,
)


@pytest.fixture
def robot_server(fake_robot):
    return fake_robot


def test_park_admin_sets_up_the_robot_and_sends_a_test(app, client, login, world,
                                                       robot_server):
    login(world.other_admin)
    assert client.get("/notifications/robot").status_code == 200
    bad = client.post("/notifications/robot", data={
        "provider": "wecom", "webhook_url": "http://qyapi.example.test/hook", "active": "y"})
    assert bad.status_code == 422
    assert db.session.get(ParkRobot, world.other.id) is None

    url = robot_server.url_for(path="/cgi-bin/webhook/send?key=s3cret")
    resp = client.post("/notifications/robot", data={
        "provider": "wecom", "webhook_url": url, "active": "y"})
    assert resp.status_code == 302
    robot = db.session.get(ParkRobot, world.other.id)
    assert robot.webhook_url == url and robot.provider is RobotProvider.WECOM
    page = client.get("/notifications/robot").text
    assert "s3cret" not in page
    entries = db.session.execute(db.select(AuditEntry)).scalars().all()
    assert entries and all("s3cret" not in json.dumps(e.changes) for e in entries)

    # the test goes out from the request itself, and the page says what the server answered
    page = client.post("/notifications/robot/test", follow_redirects=True).text
    assert len(robot_server.received) == 1
    assert robot_server.received[0]["json"]["msgtype"] == "text"
    assert robot_server.received[0]["path"] == "/cgi-bin/webhook/send?key=s3cret"
    assert "测试消息已送达" in page

    robot_server.reply = {"errcode": 93000, "errmsg": "invalid webhook url"}
    page = client.post("/notifications/robot/test", follow_redirects=True).text
    assert "测试消息未送达" in page and "errcode 93000: invalid webhook url" in page
    assert sender.tick().sent == 0  # nothing was queued


def test_only_the_park_admin_or_an_admin_configures_a_robot(app, client, login, world):
    login(world.other_staff)
    assert client.get("/notifications/robot").status_code == 403
    client.post("/logout")
    login(world.host_admin)
    assert client.get(f"/notifications/robot?park={world.other.id}").status_code == 403
    assert client.post(f"/notifications/robot?park={world.other.id}", data={
        "provider": "wecom", "webhook_url": "https://x.example/h", "active": "y"}
    ).status_code == 403
    client.post("/logout")
    login(world.admin)
    assert client.get(f"/notifications/robot?park={world.other.id}").status_code == 200


def test_robot_receives_meeting_reminders_and_new_notices(app, world, make_meeting,
                                                          robot_server):
    db.session.add(ParkRobot(park_id=world.other.id, provider=RobotProvider.DINGTALK,
                             webhook_url=robot_server.url, active=True))
    db.session.add(ParkRobot(park_id=world.outsider.id, provider=RobotProvider.WECOM,
                             webhook_url=robot_server.url + "&outsider", active=True))
    db.session.commit()
    meeting = make_meeting(offsets=(60,))
    tick_at(MEETING_AT - timedelta(minutes=60))
    assert [d.park_id for d in sent("meeting.reminder", Channel.ROBOT)] == [world.other.id]
    assert len(robot_server.received) == 1
    text = robot_server.texts()[0]
    assert meeting.title in text and "09:30" in text and "管委会三楼会议室" in text

    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=world.host, category=category, title="人才政策解读会通知",
                    body="……", author=world.host_admin)
    db.session.add(notice)
    db.session.commit()
    with at(NOW):
        notices.publish(world.host_admin, notice, all_parks=True, audience=[],
                        version=notice.version)
        db.session.commit()
    tick_at(NOW + timedelta(seconds=30))
    robots = sent("notice.published", Channel.ROBOT)
    assert {d.park_id for d in robots} == {world.other.id, world.outsider.id}
    assert sum("人才政策解读会通知" in t for t in robot_server.texts()) == 2
