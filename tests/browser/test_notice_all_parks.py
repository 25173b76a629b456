"""In Chromium: on the notice form, 发送至全部园区 greys out and disables the park checkboxes (the
script is served from the app); unticking it gives them back as they were; a notice saved with it
ticked goes to all parks with no chosen parks. The publish panel behaves the same."""

import pytest

from hub.extensions import db
from hub.notices.models import Notice
from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in
from tests.browser.test_pickers import ticked

pytestmark = pytest.mark.browser


def _off(picker) -> bool:
    return picker.evaluate("el => el.disabled && parseFloat(getComputedStyle("
                           "el.querySelector('.picker-options')).opacity) < 1")


def test_all_parks_disables_the_park_checkboxes(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "tianxin_staff1")
    page.goto(live_server.url_for("/notices/new"))
    page.fill("input[name=title]", "关于全部园区报送数据的通知")
    all_parks = page.locator("input[name=all_parks]")
    picker = page.get_by_test_id("picker-audience")
    assert all_parks.is_checked()  # the default
    assert _off(picker)
    assert picker.locator("input[type=checkbox]").first.is_disabled()
    assert picker.get_by_role("button", name="全选").is_disabled()

    all_parks.uncheck()
    assert not _off(picker)
    first = picker.locator("input[type=checkbox]").first
    assert first.is_enabled()
    first.check()
    assert ticked(picker) == 1

    all_parks.check()
    assert _off(picker) and first.is_disabled()
    assert ticked(picker) == 1  # kept for when "all parks" is unticked again
    with page.expect_navigation():
        page.get_by_test_id("save-notice").click()
    with live_server.app.app_context():
        notice = db.session.execute(
            db.select(Notice).where(Notice.title == "关于全部园区报送数据的通知")).scalar_one()
        assert notice.all_parks and list(notice.audience) == []
        notice_id = notice.id

    sign_in(page, live_server, "tianxin_admin")
    page.goto(live_server.url_for(f"/notices/{notice_id}"))
    panel = page.get_by_test_id("publish-panel")
    assert panel.locator("input[name=all_parks]").is_checked()
    assert _off(panel.get_by_test_id("picker-audience"))
    panel.locator("input[name=all_parks]").uncheck()
    assert not _off(panel.get_by_test_id("picker-audience"))
    assert page.console_errors == []
