"""Statutory holidays (chinese-calendar 2026 data): MOVE, SKIP, KEEP, and years without data."""

from datetime import date, time
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from hub.extensions import db
from hub.meetings import queries, services
from hub.meetings.models import HolidayPolicy, Meeting
from tests.meetings.conftest import NOW, series_input


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
    note = meeting.holiday_note
    assert "国庆节" in note and "National Day" in note
    assert "2026-10-06" in note and "2026-10-08" in note
    assert meeting.holiday_unchecked is False


def test_move_lands_on_a_make_up_working_day(make_series):
    """New Year's Day 2026 (Thu): 2 and 3 January are holidays, Sunday 4 January is worked."""
    series = make_series(rule="FREQ=MONTHLY;BYMONTHDAY=1;COUNT=1", start=date(2026, 1, 1))
    [meeting] = rows(series)
    assert queries.local_date(meeting) == date(2026, 1, 4)
    assert "元旦" in meeting.holiday_note and "2026-01-04" in meeting.holiday_note


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


def test_year_without_data_stays_unchecked(make_series):
    series = make_series(rule="FREQ=MONTHLY;BYDAY=2TU", start=date(2026, 11, 1))
    found = rows(series)
    by_year = {m.starts_at.year: m.holiday_unchecked for m in found}
    assert by_year == {2026: False, 2027: True}
    assert [queries.local_date(m) for m in found][:3] == [date(2026, 11, 10),
                                                          date(2026, 12, 8), date(2027, 1, 12)]


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
