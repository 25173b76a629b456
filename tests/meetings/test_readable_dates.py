"""Item 9 of issue 13: dates with weekday (Babel, per locale), month headings, 北京时间."""

from datetime import UTC, date, datetime

import pytest
from flask_babel import force_locale

from hub.timeutil import long_date, month_title, zone_label


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
