"""The text format of /admin/holidays/<year>: typed lines, lines pasted from the notice, errors."""

from datetime import date

import pytest

from hub.holidays import notice, sources


def test_typed_lines_and_notice_sentences():
    data = notice.parse(
        "春节 2027-02-05 至 2027-02-11\n"
        "端午节 2027/6/9\n"
        "# a comment line\n"
        "调休上班 2027-02-14、2027-02-20\n"
        "二、国庆节：10月1日（星期五）至7日（星期四）放假调休，共7天。9月26日（星期日）、10月9日（星期六）上班。\n"
        "一、元旦：2026年12月31日至2027年1月2日放假，共3天。\n", 2027)
    assert [(r.name, r.first, r.last) for r in data.ranges] == [
        ("元旦", date(2026, 12, 31), date(2027, 1, 2)),
        ("春节", date(2027, 2, 5), date(2027, 2, 11)),
        ("端午节", date(2027, 6, 9), date(2027, 6, 9)),
        ("国庆节", date(2027, 10, 1), date(2027, 10, 7)),
    ]
    assert data.workdays == [(date(2027, 2, 14), ""), (date(2027, 2, 20), ""),
                             (date(2027, 9, 26), "国庆节"), (date(2027, 10, 9), "国庆节")]


def test_written_back_the_same_way():
    official = sources.library_data(2026)
    again = notice.parse(notice.to_text(official), 2026)
    assert again.ranges == official.ranges and again.workdays == official.workdays
    assert "春节 2026-02-15 至 2026-02-23；调休上班 2026-02-14、2026-02-28" in \
        notice.to_text(official)


@pytest.mark.parametrize(("text", "code", "line"), [
    ("春节 2027-02-30", "bad_date", 1),
    ("\n清明节 2027-04-06 至 2027-04-03", "reversed", 2),
    ("春节", "no_date", 1),
    ("调休上班 2027-02-15", "workday_weekday", 1),  # a Monday
    ("国庆节 2028-10-01", "wrong_year", 1),
    ("2027-02-05 至 2027-02-11", "no_name", 1),
    ("春节 2027-02-05 2027-02-08 2027-02-11", "too_many_dates", 1),
    ("春节 2027-01-01 至 2027-03-01", "too_long", 1),
    ("春节 2027-02-05 至 2027-02-11\n元宵 2027-02-10", "overlap", 2),
    ("春节 2027-02-05 至 2027-02-11\n调休上班 2027-02-06", "workday_in_range", 2),
    ("# nothing but a comment", "empty", 0),
])
def test_each_mistake_is_named_with_its_line(text, code, line):
    with pytest.raises(notice.NoticeErrors) as caught:
        notice.parse(text, 2027)
    assert [(p.code, p.line) for p in caught.value.problems] == [(code, line)]


def test_every_problem_at_once():
    with pytest.raises(notice.NoticeErrors) as caught:
        notice.parse("春节 2027-02-30\n清明节 2027-04-05\nfoo\n调休上班 2027-02-15", 2027)
    assert [p.line for p in caught.value.problems] == [1, 3, 4]


def test_provisional_years_come_from_the_law_not_from_lunar_arithmetic_here():
    data = sources.library_data(2027)
    assert data.source.value == "holidays"
    spring = next(r for r in data.ranges if r.name == "春节")
    # 除夕 5 February + three days; the two falling on the weekend made up on 9 and 10 February
    assert (spring.first, spring.last) == (date(2027, 2, 5), date(2027, 2, 10))
    assert sources.english_name("中秋节、国庆节") == "Mid-autumn Festival, National Day"
