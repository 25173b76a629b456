"""In Chromium (issue 15): a park logs a 招商 visit, corrects it, deletes it after the browser's
confirmation, and the campaign's visit figure follows each step."""

import pytest

from hub.seed import seed_demo

from .test_projects_flow import DEMO_PASSWORD, campaign_figure, sign_in

pytestmark = pytest.mark.browser

DESTINATION = "苏州工业园区浏览器测试"


def test_log_correct_and_delete_a_visit(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "tianxin_staff1")
    before = campaign_figure(page, live_server, "visits")

    page.goto(live_server.url_for("/projects/visits"))
    form = page.get_by_test_id("visit-form")
    form.locator("input[name=visit_on]").fill("2026-09-18")
    form.locator("input[name=destination]").fill(DESTINATION)
    form.locator("input[name=people]").fill("王芳、李强")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert campaign_figure(page, live_server, "visits") == before + 1

    # correct it: a cleared date is refused with the rest kept, then moved out of the period
    page.goto(live_server.url_for("/projects/visits"))
    row = page.get_by_test_id("visit-list").locator("tr", has_text=DESTINATION)
    with page.expect_navigation():
        row.get_by_test_id("visit-edit").click()
    edit = page.get_by_test_id("visit-edit-form")
    edit.locator("input[name=visit_on]").fill("")
    edit.locator("textarea[name=leads]").fill("两家精密制造企业有意向")
    with page.expect_navigation():
        edit.locator("button[type=submit]").click()
    assert "请填写招商活动日期" in edit.inner_text()
    assert edit.locator("textarea[name=leads]").input_value() == "两家精密制造企业有意向"
    edit.locator("input[name=visit_on]").fill("2026-12-03")
    with page.expect_navigation():
        edit.locator("button[type=submit]").click()
    assert "两家精密制造企业有意向" in page.get_by_test_id("visit-list").inner_text()
    assert campaign_figure(page, live_server, "visits") == before

    # back into the period, then delete it (the browser asks first)
    page.goto(live_server.url_for("/projects/visits"))
    row = page.get_by_test_id("visit-list").locator("tr", has_text=DESTINATION)
    with page.expect_navigation():
        row.get_by_test_id("visit-edit").click()
    page.get_by_test_id("visit-edit-form").locator("input[name=visit_on]").fill("2026-10-09")
    with page.expect_navigation():
        page.get_by_test_id("visit-edit-form").locator("button[type=submit]").click()
    assert campaign_figure(page, live_server, "visits") == before + 1
    page.goto(live_server.url_for("/projects/visits"))
    row = page.get_by_test_id("visit-list").locator("tr", has_text=DESTINATION)
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        row.get_by_role("button").click()
    assert DESTINATION not in page.get_by_test_id("visit-list").inner_text()
    assert campaign_figure(page, live_server, "visits") == before
    assert [e for e in page.console_errors if "status of 422" not in e] == []
