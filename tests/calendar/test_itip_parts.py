"""Issue 10 (9): meeting mails name their recipient as ATTENDEE with their park's reply, and a
series change reaches park robots once, as text."""

from datetime import UTC, date, datetime, time
from email import message_from_bytes, policy
from pathlib import Path

from flask import current_app
from icalendar import Calendar

from hub.agenda import attendance
from hub.extensions import db
from hub.meetings import occurrences, services
from hub.notify import render, sender
from hub.notify.models import Channel, Delivery, DeliveryState, ParkRobot
from tests.agenda.factories import NOW, occurrence_on, series_input


def mails_to(user) -> list:
    outbox = Path(current_app.instance_path) / "outbox"
    out = []
    for path in sorted(outbox.glob("*.eml"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        if user.email in msg["To"]:
            out.append(msg)
    return out


def events_of(msg) -> list:
    part = next(p for p in msg.walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")


def test_invitation_and_change_name_the_recipient_with_the_parks_reply(app, world, make_one_off,
                                                                       clock):
    meeting = make_one_off(day=date(2026, 9, 10))
    sender.tick()
    [invite] = [m for m in mails_to(world.liling_user)
                if m["X-ParkHub-Kind"] == "meeting.created"]
    [event] = events_of(invite)
    assert str(event["ATTENDEE"]) == f"mailto:{world.liling_user.email}"
    assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert event["ATTENDEE"].params["CN"] == world.liling_user.display_name
    assert str(event["ORGANIZER"]).startswith("mailto:")

    attendance.reply(meeting, park_id=world.liling.id, attending=False, attendees="",
                     reason="同日另有检查", by=world.liling_user, now=NOW)
    occurrences.move(world.admin, meeting, occurrences.MoveInput(
        day=date(2026, 9, 11), start_time=time(14, 0), duration_minutes=60, location="田心",
        online_url=""), version=meeting.version)
    db.session.commit()
    sender.tick()
    [change] = [m for m in mails_to(world.liling_user)
                if m["X-ParkHub-Kind"] == "meeting.changed"]
    [event] = events_of(change)
    assert event["ATTENDEE"].params["PARTSTAT"] == "DECLINED"


def test_a_series_change_reaches_a_park_robot_once_as_text(app, world, make_series, clock):
    db.session.add(ParkRobot(park_id=world.liling.id, webhook_url="https://qyapi.example.test/x",
                             active=True))
    series = make_series()
    services.update_series(world.admin, series, series_input(world, start_time=time(15, 0)),
                           version=series.version, now=NOW)
    db.session.commit()
    robots = list(db.session.execute(db.select(Delivery).where(
        Delivery.kind == "meeting.series_changed", Delivery.channel == Channel.ROBOT,
        Delivery.state == DeliveryState.PENDING).order_by(Delivery.id)).scalars())
    assert [r.park_id for r in robots] == [world.liling.id, world.liling.id]  # created, edited
    rendered = render.render(robots[-1])
    assert rendered.calendars is None and rendered.ics is None
    first = occurrence_on(series, date(2026, 9, 8))
    assert first.starts_at == datetime(2026, 9, 8, 7, 0, tzinfo=UTC)
    assert "2026-09-08 09:30 → 2026-09-08 15:00" in rendered.text
    # a robot message lists the first six of a section, then how many more
    invitation = render.render(robots[0]).text
    assert "2026-09-08 09:30" in invitation and "另有" in invitation
    assert len(invitation.encode()) < 2000


def test_series_change_in_the_notification_centre_in_chinese(app, client, login, world,
                                                             make_series, clock):
    series = make_series()
    services.set_active(world.admin, series, False, version=series.version, now=NOW)
    db.session.commit()
    sender.tick()
    login(world.jkq_user)
    page = client.get("/notifications/").get_data(as_text=True)
    assert "新例会系列：一区三园联席会议" in page
    assert "例会系列已停止：一区三园联席会议" in page
    [mail] = [m for m in mails_to(world.jkq_user)
              if "例会系列已停止" in str(m["Subject"])]
    text = mail.get_body(("plain",)).get_content()
    assert "以下例会系列已停止，今后的会议已取消。" in text and "取消的会议" in text
    assert "2026-09-08 09:30" in text
