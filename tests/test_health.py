"""GET /healthz: 200 JSON with the database status, no login needed; `status` is "ok" only with
a fresh scheduler heartbeat and no delivery failed in the last 24 h, else "degraded" with the
reasons (still 200); 503 only when the database is unreachable. Admin pages show a banner."""

from datetime import timedelta

from hub import create_app
from hub.auth.models import Role
from hub.extensions import db
from hub.notify import health, outbox, settle
from hub.notify.models import Channel, Delivery, DeliveryState
from hub.timeutil import utcnow
from tests.conftest import base_config


def test_healthz_reports_database_ok_and_no_scheduler_as_degraded(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.is_json
    body = resp.get_json()
    assert body["database"] == "ok"
    assert body["status"] == "degraded"
    assert body["reasons"] == [{"code": "no_heartbeat"}]
    assert body["scheduler"]["mode"] == "off"


def beat(ago: timedelta = timedelta(seconds=5)) -> None:
    health.beat("host:1", "process", sent=0, error="", now=utcnow() - ago)


def failed_delivery(user, object_id: int, failed_at) -> None:
    outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting",
                   object_id=object_id, due_at=utcnow() - timedelta(days=3), user_id=user.id)
    db.session.execute(db.update(Delivery).where(Delivery.object_id == object_id).values(
        state=DeliveryState.FAILED, failed_at=failed_at))
    db.session.commit()


def test_healthz_is_ok_only_with_a_fresh_heartbeat_and_no_recent_failures(client, make_user):
    beat()
    body = client.get("/healthz").get_json()
    assert (body["status"], body["reasons"]) == ("ok", [])
    assert body["scheduler"]["alive"] is True

    # a failure given up two days ago is history; one given up an hour ago is not
    user = make_user()
    failed_delivery(user, 1, utcnow() - timedelta(days=2))
    assert client.get("/healthz").get_json()["status"] == "ok"
    failed_delivery(user, 2, utcnow() - timedelta(hours=1))
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "degraded"
    assert body["reasons"] == [{"code": "failed_deliveries", "count": 1, "hours": 24}]
    assert body["outbox"]["failed"] == 2 and body["outbox"]["failed_24h"] == 1


def test_healthz_is_degraded_when_the_heartbeat_is_stale(client):
    beat(timedelta(minutes=10))
    resp = client.get("/healthz")
    assert resp.status_code == 200
    body = resp.get_json()
    assert body["status"] == "degraded"
    [reason] = body["reasons"]
    assert reason["code"] == "stale_heartbeat" and reason["age_seconds"] >= 600


def test_giving_up_a_delivery_records_when(make_user):
    user = make_user()
    outbox.enqueue("test.note", channel=Channel.INAPP, object_type="meeting", object_id=1,
                   due_at=utcnow(), user_id=user.id)
    db.session.commit()
    from hub.notify import sender

    [delivery_id] = sender.claim("w:1:a", utcnow())
    assert settle.settle(delivery_id, "w:1:a", DeliveryState.FAILED, utcnow(), error="550")
    assert health.failed_recently() == 1


def test_admin_pages_show_a_banner_when_delivery_is_degraded(app, client, login, make_user):
    admin = make_user(role=Role.ADMIN)
    staff_admin = make_user(role=Role.PARK_ADMIN)
    login(admin)
    page = client.get("/admin/users/").get_data(as_text=True)
    assert "消息提醒发送异常" in page and "定时任务从未运行" in page

    beat()
    failed_delivery(admin, 1, utcnow() - timedelta(hours=2))
    page = client.get("/admin/users/").get_data(as_text=True)
    assert "消息提醒发送异常" in page and "近 24 小时有 1 条消息发送失败" in page
    assert "定时任务从未运行" not in page

    db.session.execute(db.update(Delivery).values(state=DeliveryState.SKIPPED))
    db.session.commit()
    assert "消息提醒发送异常" not in client.get("/admin/users/").get_data(as_text=True)

    # a park admin's admin pages (accounts of the park) show no delivery banner
    other = app.test_client()
    login(staff_admin, use_client=other)
    db.session.execute(db.delete(health.SchedulerHeartbeat))
    db.session.commit()
    assert "消息提醒发送异常" in client.get("/admin/users/").get_data(as_text=True)
    page = other.get("/admin/users/")
    assert page.status_code == 200 and "消息提醒发送异常" not in page.get_data(as_text=True)


def test_healthz_reports_an_unreachable_database(tmp_path):
    uri = f"sqlite:///{tmp_path}/missing-dir/nowhere.sqlite3"
    app = create_app(base_config(uri, tmp_path))
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json()["database"] == "error"


def test_unknown_health_path_answers_json(client):
    resp = client.get("/healthz/nothing")
    assert resp.status_code == 404
    assert resp.is_json
