"""GET /meetings/<id>.ics: one occurrence as an iTIP message, parsed back with icalendar."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar

from hub.calendar.services import meeting_ics
from hub.extensions import db
from hub.meetings import occurrences
from tests.agenda.factories import occurrence_on

SHANGHAI = ZoneInfo("Asia/Shanghai")


def parse(body: bytes):
    cal = Calendar.from_ical(body)
    [event] = cal.walk("VEVENT")
    return cal, event


def test_occurrence_ics(client, login, world, make_series, clock):
    series = make_series()
    meeting = occurrence_on(series, date(2026, 10, 13))
    occurrences.move(world.admin, meeting, occurrences.MoveInput(
        day=date(2026, 10, 14), start_time=datetime(2026, 1, 1, 14, 0).time(),
        duration_minutes=90, location="醴陵经开区会议中心", online_url="https://meet.example/1"),
        version=meeting.version)
    db.session.commit()
    login(world.liling_user)
    resp = client.get(f"/meetings/{meeting.id}.ics")
    assert resp.status_code == 200
    assert resp.mimetype == "text/calendar"
    assert "attachment" in resp.headers["Content-Disposition"]
    cal, event = parse(resp.data)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"series-{series.id}@parkhub"
    assert int(event["SEQUENCE"]) == meeting.sequence >= 1
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "Asia/Shanghai"
    rid = event.decoded("RECURRENCE-ID")
    assert rid == datetime(2026, 10, 13, 9, 30, tzinfo=SHANGHAI)
    assert event["RECURRENCE-ID"].params["TZID"] == "Asia/Shanghai"
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert event.decoded("DTSTART") == datetime(2026, 10, 14, 14, 0, tzinfo=SHANGHAI)
    assert event.decoded("DTEND") == datetime(2026, 10, 14, 15, 30, tzinfo=SHANGHAI)
    assert str(event["SUMMARY"]) == "一区三园联席会议"
    assert str(event["LOCATION"]) == "醴陵经开区会议中心"
    description = str(event["DESCRIPTION"])
    assert "https://meet.example/1" in description
    assert f"/meetings/{meeting.id}" in description and f"/meetings/{meeting.id}" in str(
        event["URL"])
    assert str(event["ORGANIZER"]) == "mailto:parkhub@localhost"
    # RFC 5546: a REQUEST names an ATTENDEE — the one who downloads it (issue 10, 9)
    assert str(event["ATTENDEE"]) == f"mailto:{world.liling_user.email}"
    assert event["ATTENDEE"].params["PARTSTAT"] == "NEEDS-ACTION"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert "DTSTAMP" in event


def test_cancelled_occurrence_is_a_cancel(client, login, world, make_series, clock):
    meeting = occurrence_on(make_series(), date(2026, 11, 10))
    before = meeting.sequence
    occurrences.cancel(world.admin, meeting, "与省里会议冲突", version=meeting.version)
    db.session.commit()
    login(world.jkq_user)
    resp = client.get(f"/meetings/{meeting.id}.ics")
    assert "method=CANCEL" in resp.headers["Content-Type"]
    cal, event = parse(resp.data)
    assert str(cal["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == before + 1
    assert event.decoded("RECURRENCE-ID") == datetime(2026, 11, 10, 9, 30, tzinfo=SHANGHAI)


def test_one_off_ics_and_permissions(client, login, world, make_one_off, clock):
    meeting = make_one_off()
    login(world.outsider)
    assert client.get(f"/meetings/{meeting.id}.ics").status_code == 403
    login(world.liling_user)
    _cal, event = parse(client.get(f"/meetings/{meeting.id}.ics").data)
    assert str(event["UID"]) == f"meeting-{meeting.id}@parkhub"
    assert "RECURRENCE-ID" not in event
    assert event.decoded("DTSTART") == datetime(2026, 9, 10, 14, 0, tzinfo=SHANGHAI)


def test_meeting_ics_works_without_a_request(app, world, make_series, clock):
    """Issue 5 attaches the same file to mails built by the scheduler (no request)."""
    meeting = occurrence_on(make_series(), date(2026, 9, 8))
    cal, event = parse(meeting_ics(meeting))
    assert str(cal["METHOD"]) == "REQUEST"
    assert f"/meetings/{meeting.id}" in str(event["URL"])
    cal, _ = parse(meeting_ics(meeting, method="CANCEL"))
    assert str(cal["METHOD"]) == "CANCEL"
