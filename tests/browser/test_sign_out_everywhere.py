"""在所有设备上退出 in real Chromium: one person signed in in two browsers (one with "keep me
signed in"); signing out everywhere in one ends the other, also after it restarts."""

import pytest

from hub.seed import seed_demo

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "browser-demo-pw"


def sign_in(page, live_server, *, remember=False):
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", "gxq_staff1")
    page.fill("input[name=password]", DEMO_PASSWORD)
    if remember:
        page.check("input[name=remember]")
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    assert page.url == live_server.url_for("/")


def test_sign_out_everywhere_ends_the_other_browser(live_server, chromium, browser_page,
                                                    artifacts):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    office = browser_page
    home = chromium.new_context()
    try:
        laptop = home.new_page()
        sign_in(laptop, live_server, remember=True)
        remembered = [c for c in home.cookies() if c["name"] == "parkhub_remember"]
        assert remembered

        sign_in(office, live_server)
        office.goto(live_server.url_for("/account/password"))
        card = office.get_by_test_id("sign-out-everywhere")
        assert "2" in card.inner_text()  # signed in twice
        office.screenshot(path=artifacts / "sign_out_everywhere.png", full_page=True)
        with office.expect_navigation():
            card.get_by_role("button", name="在所有设备上退出").click()
        assert office.url.startswith(live_server.url_for("/login"))
        assert "已在所有设备上退出" in office.content()

        laptop.goto(live_server.url_for("/"))
        assert laptop.url.startswith(live_server.url_for("/login"))
        # the browser restarted: only its remember-me cookie is left, and it no longer works
        restarted = chromium.new_context()
        restarted.add_cookies(remembered)
        page = restarted.new_page()
        page.goto(live_server.url_for("/"))
        assert page.url.startswith(live_server.url_for("/login"))
        restarted.close()
        assert office.console_errors == []
    finally:
        home.close()
