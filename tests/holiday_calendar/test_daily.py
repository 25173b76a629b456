"""The daily job fills the holiday table and re-plans when a year's data changed."""

from datetime import date

from hub.extensions import db
from hub.holidays import replan, sources
from hub.holidays.models import HolidayYear, Provenance, Source
from hub.meetings import queries
from hub.meetings.models import Meeting
from hub.notify.models import Delivery

TODAY = date(2026, 12, 1)


def spring_meeting(series) -> Meeting:
    return next(m for m in db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series.id)).scalars()
        if queries.local_date_of_original(m) == date(2027, 2, 9))


def shipped_2027(year: int):
    """chinese-calendar after an upgrade that ships the 2027 notice."""
    if year != 2027:
        return real(year)
    return sources.YearData(2027, Provenance.OFFICIAL, Source.CHINESE_CALENDAR, "9.9.9",
                            [sources.Range("春节", date(2027, 2, 5), date(2027, 2, 12))],
                            [(date(2027, 2, 20), "春节")])


real = sources.from_chinese_calendar


def test_daily_job_fills_the_horizon_and_is_idempotent(app, december):
    replan.daily(TODAY, now=december)
    years = {y.year: y for y in db.session.execute(db.select(HolidayYear)).scalars()}
    assert {2025, 2026, 2027, 2028} <= set(years)
    assert years[2026].provenance is Provenance.OFFICIAL
    assert years[2027].provenance is Provenance.PROVISIONAL
    assert all(y.planned_hash == y.data_hash for y in years.values())
    assert replan.daily(TODAY, now=december) == []


def test_a_library_upgrade_with_2027_re_plans_and_tells(make_series, make_user, parks,
                                                       december, monkeypatch):
    """Observation 1: when data for a year arrives, the daily job re-plans the existing
    occurrences (planned on 暂定 data) — and tells their participants."""
    staff = make_user(park=parks["高新区"])  # a participant park
    series = make_series(rule="FREQ=WEEKLY;BYDAY=TU;COUNT=8", start=date(2027, 1, 5),
                         now=december)
    replan.daily(TODAY, now=december)  # the years as the libraries give them today
    meeting = spring_meeting(series)
    assert queries.local_date(meeting) == date(2027, 2, 11) and meeting.holiday_provisional

    monkeypatch.setattr(sources, "from_chinese_calendar", shipped_2027)
    moves = replan.daily(TODAY, now=december)
    assert [(m.kind, m.meeting_id) for m in moves] == [("moved", meeting.id)]
    db.session.expire_all()
    year = db.session.get(HolidayYear, 2027)
    assert (year.provenance, year.source_version) == (Provenance.OFFICIAL, "9.9.9")
    assert year.planned_hash == year.data_hash
    meeting = spring_meeting(series)
    assert queries.local_date(meeting) == date(2027, 2, 15)  # after 春节 5–12 February
    assert not meeting.holiday_provisional
    assert db.session.execute(db.select(Delivery).where(
        Delivery.kind == "meeting.series_changed", Delivery.object_id == series.id,
        Delivery.user_id == staff.id)).first()
    assert replan.daily(TODAY, now=december) == []  # nothing changed since


def test_a_year_entered_by_an_admin_is_never_overwritten_by_a_library(admin, december,
                                                                     monkeypatch):
    data = sources.YearData(2027, None, None, "",
                            [sources.Range("春节", date(2027, 2, 5), date(2027, 2, 11))], [])
    replan.save(admin, 2027, data, "春节 2027-02-05 至 2027-02-11", now=december)
    db.session.commit()
    monkeypatch.setattr(sources, "from_chinese_calendar", shipped_2027)
    replan.daily(TODAY, now=december)
    year = db.session.get(HolidayYear, 2027)
    assert year.source is Source.ADMIN
    assert [(r.first_day, r.last_day) for r in year.ranges] == [(date(2027, 2, 5),
                                                                 date(2027, 2, 11))]
