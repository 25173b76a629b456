"""In Chromium: the series form. The admin switches the recurrence kind and sees only that
builder's fields, sees the next dates follow the rule, picks the rotating host parks in order
(moving one up), and saves; the series has that rule and that rotation."""

from datetime import date

import pytest

from hub.extensions import db
from hub.meetings.models import MeetingSeries
from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser


def preview_days(page) -> list[date]:
    items = page.get_by_test_id("preview-date")
    return [date.fromisoformat(items.nth(i).get_attribute("data-rule-date"))
            for i in range(items.count())]


def test_switch_kind_preview_pick_hosts_save(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/meetings/series/new"))
    page.fill("input[name=title]", "三园周例会")
    page.fill("input[name=start_time]", "15:00")

    page.get_by_label("每周指定日").check()
    assert page.get_by_test_id("panel-weekly").is_visible()
    for kind in ("monthly_nth", "monthly_day", "custom"):
        assert page.get_by_test_id(f"panel-{kind}").is_hidden()
    page.get_by_test_id("panel-weekly").get_by_label("星期四").check()
    page.wait_for_function(
        "() => { const d = document.querySelectorAll('[data-testid=preview-date]');"
        " return d.length === 8 && [...d].every(e => new Date("
        "e.dataset.ruleDate + 'T00:00:00Z').getUTCDay() === 4); }")
    assert all(d.weekday() == 3 for d in preview_days(page))  # Thursdays, holidays moved

    page.get_by_label("每月固定日期").check()
    assert page.get_by_test_id("panel-weekly").is_hidden()
    page.fill("input[name=monthday]", "15")
    page.wait_for_function(
        "() => { const d = document.querySelectorAll('[data-testid=preview-date]');"
        " return d.length === 8 && [...d].every(e => e.dataset.ruleDate.endsWith('-15')); }")

    # the help under the picker says how to pick, not how to type a list of names
    host_help = page.locator("[data-host-picker] .form-text").inner_text()
    assert "逗号" not in host_help and "↑" in host_help
    choice = page.get_by_test_id("host-choice")
    names = choice.locator("option").all_inner_texts()
    first, second = names[0], names[1]
    choice.select_option(first)
    page.get_by_test_id("host-add").click()
    choice.select_option(second)
    page.get_by_test_id("host-add").click()
    items = page.get_by_test_id("host-item")
    assert items.all_inner_texts()[0].startswith(first)
    items.nth(1).get_by_role("button", name=f"上移: {second}").click()
    assert [t.split("\n")[0] for t in items.all_inner_texts()] == [second, first]
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=preview-date]')"
        f" && document.querySelector('[data-testid=preview-date]').textContent"
        f".includes({second!r})")

    with page.expect_navigation():
        page.get_by_test_id("save-series").click()
    assert "/meetings/series/" in page.url and not page.url.endswith("/new")
    assert "每月15日 15:00" in page.get_by_test_id("series-rule").inner_text()
    with live_server.app.app_context():
        series = db.session.execute(
            db.select(MeetingSeries).where(MeetingSeries.title == "三园周例会")).scalar_one()
        assert series.rrule == "FREQ=MONTHLY;BYMONTHDAY=15"
        assert [h.park.short_name for h in series.hosts] == [second, first]
    assert page.console_errors == []
