"""Statutory holidays in planning, from the holiday table: 2026 official (chinese-calendar's
State Council data), 2027 provisional (the `holidays` package, by law); MOVE, SKIP, KEEP; no two
occurrences of a series on one day (issue 10, observations 1 and 2)."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from hub.extensions import db
from hub.holidays.models import HolidayYear, Provenance, Source
from hub.meetings import occurrences, queries, services
from hub.meetings.models import HolidayPolicy, Meeting
from tests.meetings.conftest import NOW, series_input

DECEMBER = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # the horizon then reaches December 2027


def rows(series) -> list[Meeting]:
    return list(db.session.execute(db.select(Meeting).where(Meeting.series_id == series.id)
                                   .order_by(Meeting.original_start)).scalars())


def local_days(series) -> list[date]:
    return [queries.local_date(m) for m in rows(series)]


def test_package_data_this_test_relies_on():
    assert chinese_calendar.get_holiday_detail(date(2026, 10, 6)) == (True, "National Day")
    assert chinese_calendar.is_workday(date(2026, 10, 8))
    assert chinese_calendar.is_workday(date(2026, 10, 10))  # Saturday, 调休 working day
    assert chinese_calendar.get_holiday_detail(date(2026, 1, 1)) == (True, "New Year's Day")
    assert chinese_calendar.is_workday(date(2026, 1, 4))  # Sunday, 调休 working day
    assert chinese_calendar.get_holiday_detail(date(2026, 6, 6)) == (True, None)  # a weekend


def test_national_day_moves_to_the_next_working_day(make_series):
    series = make_series(rule="FREQ=MONTHLY;BYMONTHDAY=6;COUNT=1", start=date(2026, 10, 1))
    [meeting] = rows(series)
    assert queries.local_date(meeting) == date(2026, 10, 8)
    assert meeting.starts_at.astimezone(ZoneInfo("Asia/Shanghai")).time() == time(9, 30)
    assert queries.local_date_of_original(meeting) == date(2026, 10, 6)
    assert meeting.holiday_facts == {"kind": "moved", "holiday": "国庆节", "old": "2026-10-06",
                                     "new": "2026-10-08"}
    assert meeting.holiday_note == "国庆节：由 2026年10月6日 星期二 调整至 2026年10月8日 星期四"
    assert meeting.holiday_provisional is False


def test_move_lands_on_a_make_up_working_day(make_series):
    """New Year's Day 2026 (Thu): 2 and 3 January are holidays, Sunday 4 January is worked."""
    series = make_series(rule="FREQ=MONTHLY;BYMONTHDAY=1;COUNT=1", start=date(2026, 1, 1))
    [meeting] = rows(series)
    assert queries.local_date(meeting) == date(2026, 1, 4)
    assert meeting.holiday_facts["holiday"] == "元旦"
    assert meeting.holiday_facts["new"] == "2026-01-04"


def test_skip_leaves_the_holiday_out_but_keeps_the_rotation(make_series):
    series = make_series(rule="FREQ=WEEKLY;BYDAY=TU;COUNT=3", start=date(2026, 9, 29),
                         policy=HolidayPolicy.SKIP)
    found = rows(series)
    assert [queries.local_date(m) for m in found] == [date(2026, 9, 29), date(2026, 10, 13)]
    # 6 October was rule date number 1 (田心); 13 October is number 2
    assert [m.host_park.short_name for m in found] == ["高新区", "经开区"]


def test_keep_holds_it_on_the_holiday_with_a_note(make_series):
    series = make_series(rule="FREQ=WEEKLY;BYDAY=TU;COUNT=1", start=date(2026, 10, 6),
                         policy=HolidayPolicy.KEEP)
    [meeting] = rows(series)
    assert queries.local_date(meeting) == date(2026, 10, 6)
    assert "国庆节" in meeting.holiday_note


def test_plain_weekend_is_not_a_holiday(make_series):
    series = make_series(rule="FREQ=WEEKLY;BYDAY=SA;COUNT=1", start=date(2026, 6, 6))
    [meeting] = rows(series)
    assert queries.local_date(meeting) == date(2026, 6, 6)
    assert meeting.holiday_note == ""


def test_a_year_without_a_notice_is_planned_on_provisional_data(make_series):
    series = make_series(rule="FREQ=MONTHLY;BYDAY=2TU", start=date(2026, 11, 1))
    found = rows(series)
    by_year = {m.starts_at.year: m.holiday_provisional for m in found}
    assert by_year == {2026: False, 2027: True}
    assert [queries.local_date(m) for m in found][:3] == [date(2026, 11, 10),
                                                          date(2026, 12, 8), date(2027, 1, 12)]
    official, provisional = db.session.get(HolidayYear, 2026), db.session.get(HolidayYear, 2027)
    assert (official.provenance, official.source) == (Provenance.OFFICIAL,
                                                      Source.CHINESE_CALENDAR)
    assert (provisional.provenance, provisional.source) == (Provenance.PROVISIONAL,
                                                            Source.HOLIDAYS_LAW)


# observation 1: "2027-01-01, the Spring Festival days (2027-02-05…), 04-05, 05-01, 06-09, 09-15,
# 10-01/02 hold meetings" — the statutory holidays of 2027, by law
@pytest.mark.parametrize(("day", "name", "moved_to"), [
    (date(2027, 1, 1), "元旦", date(2027, 1, 4)),
    (date(2027, 2, 5), "春节", date(2027, 2, 11)),  # 除夕 + 3 days, 6 and 7 made up on 9, 10
    (date(2027, 2, 8), "春节", date(2027, 2, 11)),
    (date(2027, 4, 5), "清明节", date(2027, 4, 6)),
    (date(2027, 5, 1), "劳动节", date(2027, 5, 5)),
    (date(2027, 6, 9), "端午节", date(2027, 6, 10)),
    (date(2027, 9, 15), "中秋节", date(2027, 9, 16)),
    (date(2027, 10, 1), "国庆节", date(2027, 10, 6)),
    (date(2027, 10, 2), "国庆节", date(2027, 10, 6)),
])
def test_2027_statutory_holidays_hold_no_meeting(make_series, day, name, moved_to):
    series = make_series(rule="FREQ=DAILY;COUNT=1", start=day, now=DECEMBER)
    [meeting] = rows(series)
    assert queries.local_date(meeting) == moved_to
    assert meeting.holiday_facts["holiday"] == name
    assert meeting.holiday_facts["new"] == moved_to.isoformat()
    assert name in meeting.holiday_note
    assert meeting.holiday_provisional


def test_weekly_monday_series_never_double_books_the_spring_festival(make_series):
    """Observation 2: 2026-02-16 and 2026-02-23 (both in 春节 15–23 February) landed on Tue
    2026-02-24 09:00 together. The second takes the next FREE working day, with a note."""
    series = make_series(rule="FREQ=WEEKLY;BYDAY=MO;COUNT=4", start=date(2026, 2, 9))
    found = rows(series)
    days = [queries.local_date(m) for m in found]
    assert days == [date(2026, 2, 9), date(2026, 2, 24), date(2026, 2, 25), date(2026, 3, 2)]
    assert len({m.starts_at for m in found}) == len(found)
    second = found[2]
    assert queries.local_date_of_original(second) == date(2026, 2, 23)
    assert second.holiday_facts == {"kind": "moved_next_free", "holiday": "春节",
                                    "old": "2026-02-23", "new": "2026-02-25",
                                    "taken": "2026-02-24"}
    assert "已有本系列会议" in second.holiday_note


def test_move_never_lands_on_a_day_held_by_a_hand_moved_occurrence(make_series, admin):
    series = make_series(rule="FREQ=WEEKLY;BYDAY=MO;COUNT=5", start=date(2026, 2, 9))
    march = next(m for m in rows(series) if queries.local_date(m) == date(2026, 3, 2))
    occurrences.move(admin, march, occurrences.MoveInput(
        day=date(2026, 2, 25), start_time=time(9, 30), duration_minutes=120,
        location=march.location, online_url=""), version=march.version)
    db.session.commit()
    services.update_series(admin, series, series_input(series, location="新会议室"),
                           version=series.version, now=NOW.replace(year=2026, month=1, day=1))
    db.session.commit()
    days = sorted(queries.local_date(m) for m in rows(series))
    assert days == [date(2026, 2, 9), date(2026, 2, 24), date(2026, 2, 25), date(2026, 2, 26),
                    date(2026, 3, 9)]
    assert len(set(days)) == len(days)


def test_skip_policy_skips_a_clash_with_a_hand_moved_occurrence(make_series, admin):
    series = make_series(rule="FREQ=WEEKLY;BYDAY=WE;COUNT=3", start=date(2026, 3, 4),
                         policy=HolidayPolicy.SKIP)
    first = rows(series)[0]
    occurrences.move(admin, first, occurrences.MoveInput(
        day=date(2026, 3, 11), start_time=time(9, 30), duration_minutes=120,
        location=first.location, online_url=""), version=first.version)
    db.session.commit()
    services.update_series(admin, series, series_input(series, location="新会议室"),
                           version=series.version, now=NOW.replace(year=2026, month=1, day=1))
    db.session.commit()
    days = sorted(queries.local_date(m) for m in rows(series))
    assert days == [date(2026, 3, 11), date(2026, 3, 18)]


@pytest.mark.parametrize("policy", [HolidayPolicy.MOVE, HolidayPolicy.SKIP])
def test_policy_change_regenerates_future_holiday_dates(make_series, admin, policy):
    series = make_series(rule="FREQ=WEEKLY;BYDAY=TU;COUNT=3", start=date(2026, 9, 29),
                         policy=HolidayPolicy.KEEP)
    assert local_days(series)[1] == date(2026, 10, 6)
    services.update_series(admin, series, series_input(series, holiday_policy=policy),
                           version=series.version, now=NOW)
    db.session.commit()
    expected = {HolidayPolicy.MOVE: [date(2026, 9, 29), date(2026, 10, 8), date(2026, 10, 13)],
                HolidayPolicy.SKIP: [date(2026, 9, 29), date(2026, 10, 13)]}[policy]
    assert local_days(series) == expected
