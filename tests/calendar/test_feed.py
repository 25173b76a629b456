"""The private feed /calendar/<token>.ics: exactly the occurrences the app shows, per user."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import recurring_ical_events
from icalendar import Calendar

from hub import permissions as perm
from hub.extensions import db
from hub.meetings import occurrences, services
from hub.meetings.models import CalendarFeed, Meeting, MeetingStatus
from tests.agenda.factories import occurrence_on

SHANGHAI = ZoneInfo("Asia/Shanghai")


def token_of(client, login, user) -> str:
    login(user)
    page = client.get("/calendar/")
    assert page.status_code == 200
    feed = db.session.get(CalendarFeed, user.id)
    assert feed is not None and f"/calendar/{feed.token}.ics" in page.get_data(as_text=True)
    assert f"http://localhost/calendar/{feed.token}.ics" in page.get_data(as_text=True)
    client.post("/logout")
    return feed.token


def rdates_of(event) -> set[datetime]:
    values = event.get("RDATE")
    if values is None:
        return set()
    values = values if isinstance(values, list) else [values]
    return {d.dt for v in values for d in v.dts}


def rdate_sets_hold_their_dtstart(cal) -> bool:
    """No VEVENT with RDATE whose DTSTART is not one of them (Mozilla's ical.js drops it)."""
    with_rdate = [e for e in cal.walk("VEVENT") if "RDATE" in e]
    return bool(with_rdate) and all(e.decoded("DTSTART") in rdates_of(e) for e in with_rdate)


def expanded_starts(body: bytes, start: date, end: date) -> list[datetime]:
    cal = Calendar.from_ical(body)
    events = recurring_ical_events.of(cal).between(start, end)
    return sorted(e.decoded("DTSTART").astimezone(UTC) for e in events
                  if str(e.get("STATUS", "")) != "CANCELLED")


def app_starts(user, start: date, end: date) -> list[datetime]:
    lo = datetime.combine(start, time(), SHANGHAI)
    hi = datetime.combine(end, time(), SHANGHAI)
    rows = db.session.execute(db.select(Meeting.starts_at).where(
        perm.meeting_visible(user), Meeting.status == MeetingStatus.SCHEDULED,
        Meeting.starts_at >= lo, Meeting.starts_at < hi)).scalars()
    return sorted(rows)


def test_feed_expands_to_exactly_the_meetings_the_app_shows(client, login, world, make_series,
                                                            make_one_off, clock):
    # monthly on the 1st: 2026-10-01 (国庆节) moves to 2026-10-08 by the holiday policy
    series = make_series(rrule="FREQ=MONTHLY;BYMONTHDAY=1", start_date=date(2026, 6, 1))
    holiday = occurrence_on(series, date(2026, 10, 8))
    assert holiday.original_start == datetime(2026, 10, 1, 9, 30, tzinfo=SHANGHAI)
    moved = occurrence_on(series, date(2026, 12, 1))
    occurrences.move(world.admin, moved, occurrences.MoveInput(
        day=date(2026, 12, 2), start_time=time(15, 0), duration_minutes=120,
        location="醴陵经开区会议中心", online_url=""), version=moved.version)
    cancelled = occurrence_on(series, date(2027, 2, 1))
    occurrences.cancel(world.admin, cancelled, "春节前调整", version=cancelled.version)
    one_off = make_one_off(day=date(2026, 9, 10))
    # meetings of other parks: a series and a one-off liling takes no part in
    make_series(title="茶陵园区内部例会", parks=[world.outsider_park],
                hosts=[world.outsider_park], rrule="FREQ=WEEKLY;BYDAY=WE")
    hidden = make_one_off(title="别园专题会", day=date(2026, 9, 11), parks=[world.jkq],
                          host_park_id=world.jkq.id)
    db.session.commit()

    token = token_of(client, login, world.liling_user)
    resp = client.get(f"/calendar/{token}.ics")  # no login: the token is the key
    assert resp.status_code == 200
    assert resp.mimetype == "text/calendar"
    body = resp.data
    cal = Calendar.from_ical(body)
    assert cal.walk("VTIMEZONE")
    assert "茶陵园区内部例会" not in body.decode() and "别园专题会" not in body.decode()

    masters = [e for e in cal.walk("VEVENT") if "RECURRENCE-ID" not in e
               and str(e["UID"]) == series.uid]
    assert len(masters) == 1 and "RRULE" not in masters[0]
    # every occurrence is its own VEVENT (its time, place, status and host), keyed by its
    # RECURRENCE-ID; the master's RDATE holds them all, its DTSTART included (ical.js)
    mine = [m for m in services.occurrences(series)
            if m.starts_at >= datetime(2026, 6, 3, tzinfo=UTC)]
    overrides = {e.decoded("RECURRENCE-ID") for e in cal.walk("VEVENT")
                 if "RECURRENCE-ID" in e}
    assert overrides == {m.rid for m in mine}
    assert {holiday.original_start, moved.original_start, cancelled.original_start} <= overrides
    assert rdate_sets_hold_their_dtstart(cal)
    assert rdates_of(masters[0]) == {m.rid for m in mine}

    start, end = date(2026, 7, 15), date(2027, 3, 15)
    got = expanded_starts(body, start, end)
    assert got == app_starts(world.liling_user, start, end)
    assert datetime(2026, 10, 8, 1, 30, tzinfo=UTC) in got  # holiday-moved
    assert datetime(2026, 10, 1, 1, 30, tzinfo=UTC) not in got
    assert datetime(2026, 12, 2, 7, 0, tzinfo=UTC) in got  # moved by hand
    assert datetime(2026, 12, 1, 1, 30, tzinfo=UTC) not in got
    assert datetime(2027, 2, 1, 1, 30, tzinfo=UTC) not in got  # cancelled
    assert one_off.starts_at in got and hidden.starts_at not in got
    # the past 90 days are in, older meetings are not
    assert datetime(2026, 8, 1, 1, 30, tzinfo=UTC) in expanded_starts(
        body, date(2026, 7, 1), date(2026, 8, 15))
    assert expanded_starts(body, date(2026, 5, 1), date(2026, 6, 15)) == []

    # the outsider's feed holds only its own series
    token2 = token_of(client, login, world.outsider)
    other = client.get(f"/calendar/{token2}.ics").data.decode()
    assert "茶陵园区内部例会" in other and "一区三园联席会议" not in other


def test_admin_feed_holds_every_meeting(client, login, world, make_series, make_one_off, clock):
    make_series(title="茶陵园区内部例会", parks=[world.outsider_park],
                hosts=[world.outsider_park], rrule="FREQ=WEEKLY;BYDAY=WE")
    make_one_off()
    token = token_of(client, login, world.admin)
    start, end = date(2026, 9, 1), date(2026, 12, 1)
    got = expanded_starts(client.get(f"/calendar/{token}.ics").data, start, end)
    assert got == app_starts(world.admin, start, end) and len(got) > 10


def test_renewing_the_token_invalidates_the_old_address(client, login, world, make_series,
                                                        clock):
    make_series()
    assert client.get("/calendar/nonsense-token.ics").status_code == 404
    login(world.jkq_user)
    assert db.session.get(CalendarFeed, world.jkq_user.id) is None  # created on first visit
    client.get("/calendar/")
    old = db.session.get(CalendarFeed, world.jkq_user.id).token
    client.get("/calendar/")
    db.session.expire_all()
    assert db.session.get(CalendarFeed, world.jkq_user.id).token == old  # stable
    assert client.get(f"/calendar/{old}.ics").status_code == 200
    resp = client.post("/calendar/renew")
    assert resp.status_code == 302
    db.session.expire_all()
    new = db.session.get(CalendarFeed, world.jkq_user.id).token
    assert new != old
    client.post("/logout")
    assert client.get(f"/calendar/{old}.ics").status_code == 404
    assert client.get(f"/calendar/{new}.ics").status_code == 200
    assert client.get("/calendar/").status_code == 302  # the page needs a login


def test_feed_of_a_deactivated_account_is_gone(client, login, world, clock):
    token = token_of(client, login, world.liling_user)
    world.liling_user.active = False
    db.session.commit()
    assert client.get(f"/calendar/{token}.ics").status_code == 404



def test_feed_names_the_host_on_every_instance_and_keeps_the_first(client, login, world,
                                                                  make_series, clock):
    """Issue 10 (9): the host park (轮值主持) was named only on occurrences differing from the
    series, and the DTSTART+RDATE set lost its first instance in ical.js."""
    series = make_series(rrule="FREQ=MONTHLY;BYDAY=2TU", hosts=[world.host_park, world.jkq])
    rows = services.occurrences(series)  # from 2026-07-14: all within the feed's past 90 days
    assert {m.host_park_id for m in rows} == {world.host_park.id, world.jkq.id}
    token = token_of(client, login, world.liling_user)
    cal = Calendar.from_ical(client.get(f"/calendar/{token}.ics").data)
    instances = {e.decoded("RECURRENCE-ID"): e for e in cal.walk("VEVENT")
                 if "RECURRENCE-ID" in e and str(e["UID"]) == series.uid}
    assert set(instances) == {m.rid for m in rows}
    for m in rows:
        assert m.host_park.name in str(instances[m.rid]["DESCRIPTION"])
    assert rdate_sets_hold_their_dtstart(cal)
    first = min(m.starts_at for m in rows)
    got = expanded_starts(client.get(f"/calendar/{token}.ics").data, date(2026, 7, 1),
                          date(2027, 9, 1))
    assert got[0] == first and got == app_starts(world.liling_user, date(2026, 7, 1),
                                                 date(2027, 9, 1))
