"""A series' rule in words (hub.meetings.rule_words), in Chinese and English, for every rule
the form's builder makes and for custom rules (never the raw rule alone)."""

from datetime import date, time

import pytest
from flask_babel import force_locale

from hub.meetings import recurrence, rule_words
from hub.meetings.recurrence import Kind, Spec

SH = "Asia/Shanghai"
AT = time(9, 30)


def words(spec_or_rule, locale="zh_CN", at=AT):
    rule = spec_or_rule if isinstance(spec_or_rule, str) else recurrence.build(spec_or_rule, SH)
    with force_locale(locale):
        return rule_words.describe(rule, at, SH)


@pytest.fixture(autouse=True)
def request_context(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize("spec, zh, en", [
    (Spec(kind=Kind.MONTHLY_NTH, nth=2, nth_weekday="TU"), "每月第二个星期二 09:30",
     "Monthly on the second Tuesday at 09:30"),
    (Spec(kind=Kind.MONTHLY_NTH, nth=-1, nth_weekday="FR"), "每月最后一个星期五 09:30",
     "Monthly on the last Friday at 09:30"),
    (Spec(kind=Kind.MONTHLY_NTH, nth=1, nth_weekday="MO"), "每月第一个星期一 09:30",
     "Monthly on the first Monday at 09:30"),
    (Spec(kind=Kind.MONTHLY_NTH, nth=3, nth_weekday="WE", interval=2),
     "每2个月的第三个星期三 09:30", "Every 2 months on the third Wednesday at 09:30"),
    (Spec(kind=Kind.WEEKLY, weekdays=("MO",)), "每周一 09:30", "Weekly on Mondays at 09:30"),
    (Spec(kind=Kind.WEEKLY, weekdays=("WE", "MO")), "每周一、周三 09:30",
     "Weekly on Mondays, Wednesdays at 09:30"),
    (Spec(kind=Kind.WEEKLY, weekdays=("TH",), interval=2), "每2周的周四 09:30",
     "Every 2 weeks on Thursdays at 09:30"),
    (Spec(kind=Kind.MONTHLY_DAY, monthday=15), "每月15日 09:30", "Monthly on day 15 at 09:30"),
    (Spec(kind=Kind.MONTHLY_DAY, monthday=1, interval=3), "每3个月的1日 09:30",
     "Every 3 months on day 1 at 09:30"),
])
def test_every_builder_kind_in_both_languages(spec, zh, en):
    assert words(spec) == zh
    assert words(spec, "en") == en


def test_the_end_is_said():
    assert words(Spec(kind=Kind.WEEKLY, weekdays=("MO",), count=10)) == "每周一 09:30，共10次"
    assert words(Spec(kind=Kind.WEEKLY, weekdays=("MO",), count=10), "en") == \
        "Weekly on Mondays at 09:30, 10 meetings in all"
    until = words(Spec(kind=Kind.MONTHLY_DAY, monthday=15, until=date(2027, 6, 30)))
    assert until.startswith("每月15日 09:30，至 ") and "2027年6月30日" in until


def test_custom_rules_are_described_not_just_shown():
    assert words("FREQ=DAILY") == "每天 09:30"
    assert words("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH") == "每2周的周四 09:30"  # the builder's own
    yearly = words("FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1")
    assert yearly == "每年（自定义规则：FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1） 09:30"
    english = words("FREQ=MONTHLY;BYMONTHDAY=-1", "en")
    assert english == "Every month (custom rule: FREQ=MONTHLY;BYMONTHDAY=-1) at 09:30"
    assert words("nonsense", at=None) == "自定义规则：nonsense"
