"""Email over a real SMTP server (aiosmtpd), .eml files without one, outages and recovery."""

import os
import socket
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import icalendar
import pytest

from hub.audit.models import AuditEntry
from hub.auth.models import Role
from hub.extensions import db
from hub.notify import outbox, sender
from hub.notify.models import Channel, Delivery, DeliveryState
from tests.notify.conftest import TEST_SUBJECT, TEST_TEXT

NOW = datetime(2026, 3, 10, 1, 0, tzinfo=UTC)


def mail(user, *, kind="test.note", object_id=7, due_at=NOW, payload=None) -> None:
    outbox.enqueue(kind, channel=Channel.EMAIL, object_type="meeting", object_id=object_id,
                   due_at=due_at, user_id=user.id, occurrence_key="2026-03-11T01:30",
                   offset_minutes=1440, payload=payload)
    db.session.commit()


def only_delivery() -> Delivery:
    db.session.expire_all()
    return db.session.execute(db.select(Delivery)).scalar_one()


def test_a_reminder_mail_arrives_once_with_chinese_subject_and_both_bodies(
        make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    user = make_user(display_name="张三")
    mail(user)
    assert sender.tick(NOW).sent == 1
    assert sender.tick(NOW + timedelta(minutes=1)).sent == 0

    [got] = smtp_sink.messages
    msg = got["message"]
    row = only_delivery()
    assert got["rcpt_tos"] == [user.email]
    assert got["mail_from"] == "parkhub@example.test"
    assert msg["Subject"] == TEST_SUBJECT
    assert b"=?utf-8?" in got["raw"].split(b"\r\n\r\n")[0]  # RFC 2047 on the wire
    assert msg["Message-ID"] == f"<outbox-{row.id}@parkhub>" == row.message_id
    assert msg["To"].addresses[0].display_name == "张三"
    assert TEST_TEXT in msg.get_body(("plain",)).get_content()
    assert TEST_TEXT in msg.get_body(("html",)).get_content()
    assert row.state is DeliveryState.SENT and row.sent_at == NOW


def test_a_meeting_mail_carries_the_calendar_part(make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    mail(make_user(), kind="test.meeting")
    sender.tick(NOW)
    msg = smtp_sink.messages[0]["message"]
    calendars = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert len(calendars) == 2  # the alternative calendar clients act on, and invite.ics
    inline, attachment = calendars
    assert inline.get_param("method") == "REQUEST" and inline.get_content_charset() == "utf-8"
    assert attachment.get_filename() == "invite.ics"
    cal = icalendar.Calendar.from_ical(inline.get_content())
    assert str(cal["METHOD"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "园区联席会议"


def test_one_smtp_connection_per_batch(app, make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    app.config["HUB_SENDERS"] = 1  # a connection per sender's batch (two: test_senders_pg.py)
    for i in range(5):
        mail(make_user(), object_id=i + 1)
    assert sender.tick(NOW).sent == 5
    assert len(smtp_sink.messages) == 5
    assert smtp_sink.sessions == 1


def test_a_user_without_email_is_skipped_with_the_reason(make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    user = make_user()
    user.email = ""
    db.session.commit()
    mail(user)
    assert sender.tick(NOW).skipped == 1
    row = only_delivery()
    assert row.state is DeliveryState.SKIPPED and row.last_error == "no email address"
    assert smtp_sink.messages == []


def test_451_outage_retries_with_backoff_then_sends_once(
        make_user, flaky_smtp_sink, mail_to, client, login):
    mail_to(flaky_smtp_sink)  # refuses the first two messages with 451
    admin = make_user(role=Role.ADMIN)
    mail(make_user())
    first = sender.tick(NOW)
    assert (first.sent, first.failed) == (0, 1)
    row = only_delivery()
    assert row.state is DeliveryState.PENDING and row.attempts == 1
    assert row.last_error.startswith("451")
    assert row.claimed_until == NOW + timedelta(minutes=1)

    login(admin)
    page = client.get("/notifications/admin/outbox?state=pending").get_data(as_text=True)
    assert "451 4.3.0 Try again later" in page and "next-attempt" in page

    assert sender.tick(NOW + timedelta(seconds=30)).failed == 0  # still waiting
    assert sender.tick(NOW + timedelta(minutes=1)).failed == 1  # second 451
    row = only_delivery()
    assert row.attempts == 2 and row.claimed_until == NOW + timedelta(minutes=6)

    third = sender.tick(NOW + timedelta(minutes=6))
    assert third.sent == 1
    row = only_delivery()
    assert row.state is DeliveryState.SENT and row.attempts == 3
    assert len(flaky_smtp_sink.messages) == 1
    assert sender.tick(NOW + timedelta(hours=2)).sent == 0
    assert len(flaky_smtp_sink.messages) == 1


def test_server_down_fails_after_five_attempts_then_retry_now_sends_it(
        make_user, smtp_sink, mail_to, client, login):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead_port = s.getsockname()[1]
    mail_to(port=dead_port)
    admin = make_user(role=Role.ADMIN)
    mail(make_user())
    mail(make_user(), object_id=8)
    at = NOW
    for attempt, wait in enumerate([1, 5, 15, 60, None], start=1):
        result = sender.tick(at)
        assert result.failed == 2, attempt
        if wait:
            at += timedelta(minutes=wait)
    assert result.gave_up == 2
    db.session.expire_all()
    rows = list(db.session.execute(db.select(Delivery).order_by(Delivery.id)).scalars())
    assert all(r.state is DeliveryState.FAILED and r.attempts == 5 for r in rows)
    assert "ConnectionRefusedError" in rows[0].last_error
    assert sender.tick(at + timedelta(days=1)).failed == 0  # failed stays failed

    login(admin)
    page = client.get("/notifications/admin/outbox?state=failed").get_data(as_text=True)
    assert "ConnectionRefusedError" in page
    assert f"/notifications/admin/outbox/{rows[0].id}/retry" in page
    mail_to(smtp_sink)  # the server is back
    resp = client.post(f"/notifications/admin/outbox/{rows[0].id}/retry",
                       data={"state": "failed"})
    assert resp.status_code == 302 and "state=failed" in resp.location
    entry = db.session.execute(db.select(AuditEntry)).scalar_one()
    assert (entry.action, entry.object_type, entry.object_id) == ("retry", "outbox", rows[0].id)

    assert sender.tick(at + timedelta(days=1)).sent == 1
    assert len(smtp_sink.messages) == 1
    db.session.expire_all()
    assert db.session.get(Delivery, rows[1].id).state is DeliveryState.FAILED


def test_a_permanent_refusal_fails_at_once(make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    smtp_sink.reject = "550 5.1.1 Mailbox unavailable"
    mail(make_user())
    result = sender.tick(NOW)
    assert (result.failed, result.gave_up) == (1, 1)
    row = only_delivery()
    assert row.state is DeliveryState.FAILED and row.last_error.startswith("550")


def test_a_slow_or_hanging_server_times_out(make_user, mail_to, app):
    listener = socket.socket()  # accepts the connection, never greets
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    try:
        mail_to(port=listener.getsockname()[1])
        app.config["HUB_SMTP_TIMEOUT"] = 0.5
        mail(make_user())
        assert sender.tick(NOW).failed == 1
        assert "timed out" in only_delivery().last_error.lower()
    finally:
        listener.close()


# --- without MAIL_SERVER: .eml files ----------------------------------------------------------
def test_without_mail_server_mails_become_eml_files(make_user, app, client, login):
    assert not app.config.get("MAIL_SERVER")
    admin = make_user(role=Role.ADMIN)
    user = make_user()
    mail(user, kind="test.meeting")
    assert sender.tick(NOW).sent == 1
    assert sender.tick(NOW + timedelta(minutes=1)).sent == 0
    folder = app.instance_path + "/outbox"
    [name] = os.listdir(folder)
    row = only_delivery()
    assert name == f"20260310-090000-{row.id}.eml"  # local time (Asia/Shanghai)
    with open(f"{folder}/{name}", "rb") as fh:
        msg = message_from_bytes(fh.read(), policy=policy.default)
    assert msg["Subject"] == TEST_SUBJECT
    assert msg["Message-ID"] == row.message_id
    assert msg["To"].addresses[0].addr_spec == user.email
    [inline, _attachment] = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    assert inline.get_param("method") == "REQUEST"
    assert "METHOD:REQUEST" in inline.get_content()

    login(admin)
    page = client.get("/notifications/admin/outbox").get_data(as_text=True)
    assert name in page and TEST_SUBJECT in page and user.email in page
    resp = client.get(f"/notifications/admin/outbox/files/{name}")
    assert resp.status_code == 200 and resp.mimetype == "message/rfc822"
    assert message_from_bytes(resp.data, policy=policy.default)["Subject"] == TEST_SUBJECT


def test_a_retried_eml_delivery_writes_no_second_file(make_user, app):
    user = make_user()
    mail(user)
    sender.claim("crashed:1:x", NOW)
    # the crashed process had written the file already, then died before marking it sent
    row = only_delivery()
    os.makedirs(app.instance_path + "/outbox", exist_ok=True)
    with open(app.instance_path + f"/outbox/20260310-090000-{row.id}.eml", "wb") as fh:
        fh.write(b"Subject: first\r\n\r\nbody\r\n")
    assert sender.tick(NOW + timedelta(minutes=6)).sent == 1
    assert len(os.listdir(app.instance_path + "/outbox")) == 1


@pytest.mark.parametrize("name", [
    "..%2Fparkhub.sqlite3", "..%2F..%2Fsecret_key", "secret_key", "20260310-090000-1.eml.bak",
    "%2Fetc%2Fpasswd",
])
def test_eml_download_cannot_leave_the_folder(make_user, client, login, app, name):
    with open(app.instance_path + "/secret_key", "w") as fh:
        fh.write("top secret")
    login(make_user(role=Role.ADMIN))
    resp = client.get(f"/notifications/admin/outbox/files/{name}")
    assert resp.status_code == 404
    assert b"top secret" not in resp.data


def test_a_malformed_address_fails_at_once(make_user, smtp_sink, mail_to):
    mail_to(smtp_sink)
    user = make_user()
    user.email = "not an address@example.test"
    db.session.commit()
    mail(user)
    assert sender.tick(NOW).gave_up == 1
    assert only_delivery().state is DeliveryState.FAILED
    assert smtp_sink.messages == []
