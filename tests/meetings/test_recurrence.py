"""Recurrence rules in Asia/Shanghai (pure functions, no database)."""

from datetime import UTC, date, datetime, time

import pytest

from hub.meetings import recurrence
from hub.meetings.recurrence import Kind, RecurrenceError, Spec

SH = "Asia/Shanghai"


def dates(rule, start, n=50, through=date(2030, 1, 1), tz=SH, at=time(9, 30)):
    return [r.local_date for r in recurrence.expand(rule, start, at, tz, through=through)][:n]


def test_second_tuesday_monthly_at_0930_shanghai():
    rule = recurrence.build(Spec(kind=Kind.MONTHLY_NTH, nth=2, nth_weekday="TU"), SH)
    assert rule == "FREQ=MONTHLY;BYDAY=2TU"
    items = list(recurrence.expand(rule, date(2026, 1, 1), time(9, 30), SH,
                                   through=date(2026, 4, 30)))
    assert [i.local_date for i in items] == [date(2026, 1, 13), date(2026, 2, 10),
                                             date(2026, 3, 10), date(2026, 4, 14)]
    assert items[0].start_utc == datetime(2026, 1, 13, 1, 30, tzinfo=UTC)
    assert [i.index for i in items] == [0, 1, 2, 3]


def test_last_weekday_of_month():
    rule = recurrence.build(Spec(kind=Kind.MONTHLY_NTH, nth=-1, nth_weekday="FR"), SH)
    assert rule == "FREQ=MONTHLY;BYDAY=-1FR"
    assert dates(rule, date(2026, 1, 1), 2) == [date(2026, 1, 30), date(2026, 2, 27)]


def test_weekly_on_two_days_with_count():
    rule = recurrence.build(Spec(kind=Kind.WEEKLY, weekdays=("WE", "MO"), count=5), SH)
    assert rule == "FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5"
    assert dates(rule, date(2026, 3, 2)) == [date(2026, 3, 2), date(2026, 3, 4),
                                             date(2026, 3, 9), date(2026, 3, 11),
                                             date(2026, 3, 16)]


def test_monthly_day_with_interval_and_until_is_inclusive():
    rule = recurrence.build(Spec(kind=Kind.MONTHLY_DAY, monthday=15, interval=2,
                                 until=date(2026, 7, 15)), SH)
    # the end of 15 July in Shanghai, in UTC
    assert rule == "FREQ=MONTHLY;BYMONTHDAY=15;INTERVAL=2;UNTIL=20260715T155959Z"
    assert dates(rule, date(2026, 1, 1)) == [date(2026, 1, 15), date(2026, 3, 15),
                                             date(2026, 5, 15), date(2026, 7, 15)]
    assert recurrence.parse_until(rule, SH) == date(2026, 7, 15)


def test_custom_rule_accepted_and_normalized():
    rule = recurrence.build(Spec(kind=Kind.CUSTOM, custom="rrule:freq=weekly;interval=2;"
                                                         "byday=th;until=20260430"), SH)
    assert rule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;UNTIL=20260430T155959Z"
    assert dates(rule, date(2026, 4, 1)) == [date(2026, 4, 2), date(2026, 4, 16),
                                             date(2026, 4, 30)]


@pytest.mark.parametrize("text, code", [
    ("FREQ=HOURLY;INTERVAL=2", "too_often"),
    ("FREQ=MINUTELY", "too_often"),
    ("FREQ=SECONDLY", "too_often"),
    ("FREQ=WEEKLY;BYDAY=XX", "malformed"),
    ("this is not a rule", "malformed"),
    ("BYDAY=MO", "no_freq"),
    ("FREQ=DAILY;BYHOUR=9,14", "refused_part"),
    ("FREQ=DAILY;COUNT=3;UNTIL=20260101", "end_twice"),
    ("FREQ=FORTNIGHTLY", "malformed"),
])
def test_invalid_rules_refused(text, code):
    with pytest.raises(RecurrenceError) as error:
        recurrence.build(Spec(kind=Kind.CUSTOM, custom=text), SH)
    assert error.value.code == code


def test_builder_refuses_empty_weekdays_and_double_end():
    with pytest.raises(RecurrenceError) as error:
        recurrence.build(Spec(kind=Kind.WEEKLY, weekdays=()), SH)
    assert error.value.code == "weekdays"
    with pytest.raises(RecurrenceError) as error:
        recurrence.build(Spec(kind=Kind.CUSTOM, custom="FREQ=DAILY;COUNT=2", count=3), SH)
    assert error.value.code == "end_twice"


def test_parse_gives_the_builder_fields_back():
    spec = recurrence.parse("FREQ=MONTHLY;BYDAY=2TU")
    assert (spec.kind, spec.nth, spec.nth_weekday) == (Kind.MONTHLY_NTH, 2, "TU")
    spec = recurrence.parse("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5")
    assert (spec.kind, spec.weekdays, spec.count) == (Kind.WEEKLY, ("MO", "WE"), 5)
    assert recurrence.parse("FREQ=YEARLY;BYMONTH=3").kind == Kind.CUSTOM


def test_wall_clock_kept_across_dst():
    """A 09:30 Berlin meeting is 08:30 UTC in winter and 07:30 UTC in summer."""
    rule = "FREQ=WEEKLY;BYDAY=MO"
    items = list(recurrence.expand(rule, date(2026, 3, 23), time(9, 30), "Europe/Berlin",
                                   through=date(2026, 4, 1)))
    assert [i.start_utc.hour for i in items] == [8, 7]
