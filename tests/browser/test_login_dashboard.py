"""A demo staff user signs in in real Chromium and sees the Chinese dashboard."""

import pytest

from hub.seed import seed_demo

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "browser-demo-pw"


def test_demo_staff_logs_in_and_sees_chinese_dashboard(live_server, browser_page, artifacts):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page

    response = page.goto(live_server.url_for("/login"))
    assert response is not None and response.status == 200
    assert response.headers.get("content-security-policy", "").startswith("default-src 'self'")
    page.wait_for_load_state("load")
    login_lang = page.locator("html").get_attribute("lang")
    assert page.console_errors == [], "console errors on the login page"

    page.fill("input[name=username]", "gxq_staff1")
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    page.wait_for_load_state("load")

    assert page.url == live_server.url_for("/")
    heading = page.locator("main h1")
    assert "欢迎" in heading.inner_text()
    assert page.get_by_test_id("dashboard-park").inner_text().strip() == "株洲高新区"
    assert page.get_by_test_id("dashboard-role").inner_text().strip() == "园区工作人员"

    page.screenshot(path=artifacts / "login_dashboard.png", full_page=True)
    assert page.console_errors == [], "console errors on the dashboard"
    # the document language follows the UI language (screen readers, fonts, hyphenation)
    assert login_lang == "zh-CN"
    assert page.locator("html").get_attribute("lang") == "zh-CN"
