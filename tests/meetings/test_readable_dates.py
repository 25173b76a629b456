"""Item 9 of issue 13: dates with weekday (Babel, per locale), month headings, 北京时间."""

import re
from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from hub.extensions import db
from hub.meetings.models import Meeting
from hub.timeutil import local_today, long_date, month_title, zone_label


@pytest.mark.parametrize(("locale", "expected"), [
    ("zh_CN", "2027年2月9日 星期二"), ("en", "Tue 9 Feb 2027")])
def test_long_date_has_the_weekday(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        assert long_date(date(2027, 2, 9)) == expected
        # 2027-02-08 17:00 UTC is already the 9th in Beijing
        assert long_date(datetime(2027, 2, 8, 17, 0, tzinfo=UTC)) == expected


@pytest.mark.parametrize(("locale", "expected"), [("zh_CN", "2027年2月"), ("en", "February 2027")])
def test_month_title(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        assert month_title(2027, 2) == expected


@pytest.mark.parametrize(("locale", "expected"), [("zh_CN", "北京时间"), ("en", "Beijing time")])
def test_zone_label_says_beijing_time_and_other_zones_by_name(app, locale, expected):
    with app.test_request_context(), force_locale(locale):
        assert zone_label("Asia/Shanghai") == expected
        assert zone_label("Europe/Berlin") == "Europe/Berlin"


def test_month_page_heading(client, login, make_user):
    login(make_user(role="admin"))
    html = client.get("/meetings/month?y=2027&m=2").get_data(as_text=True)
    assert 'data-testid="month-title">2027年2月<' in html
    assert "2027-02" not in html.split('data-testid="month-title"')[1][:30]
    client.post("/language", data={"locale": "en", "next": "/"})
    html = client.get("/meetings/month?y=2027&m=2").get_data(as_text=True)
    assert 'data-testid="month-title">February 2027<' in html


def test_lists_in_running_text_take_the_languages_separator(client, admin, login,
                                                            make_series):
    """The reminders and parks of a series and its meetings: 、 in Chinese, a comma in English
    (the English page read "1 day before、1 hour before")."""
    series = make_series()
    meeting = db.session.execute(db.select(Meeting).where(Meeting.series_id == series.id)
                                 .order_by(Meeting.starts_at)).scalars().first()
    login(admin)
    for url in (f"/meetings/series/{series.id}", f"/meetings/{meeting.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "提前 1 天、提前 1 小时" in html and "高新区、田心、经开区" in html
    client.post("/language", data={"locale": "en", "next": "/"})
    for url in (f"/meetings/series/{series.id}", f"/meetings/{meeting.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "1 day before, 1 hour before" in html and "高新区, 田心, 经开区" in html
        assert "、" not in html.split("<main")[1].split("</main>")[0].replace(
            series.description, "")


def test_the_dashboard_says_today_with_the_weekday(client, admin, login):
    login(admin)
    html = client.get("/").get_data(as_text=True)
    with force_locale("zh_CN"):
        today = long_date(local_today())
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 星期.", today)
    assert f"今天：{today}" in html


def test_the_series_page_gives_its_dates_with_the_weekday(client, admin, login, make_series):
    series = make_series(start=date(2026, 1, 1))
    login(admin)
    html = client.get(f"/meetings/series/{series.id}").get_data(as_text=True)
    assert "自 2026年1月1日 星期四 起" in html and "2026-01-01" not in html
    horizon = re.search(r'data-testid="series-horizon">([^<]+)<', html).group(1)
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日 星期.", horizon)
