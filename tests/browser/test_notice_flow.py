"""In Chromium: a staff user drafts a notice, the park admin publishes it to two parks, a staff
user of one of them sees it unread and opens it, and the publisher's park admin sees the read."""

import pytest

from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

TITLE = "关于2025年度园区环保平台接入补助的通知"


def test_draft_publish_read_receipt(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page

    # 1. a staff user of 田心高科园 drafts the notice
    sign_in(page, live_server, "tianxin_staff1")
    page.goto(live_server.url_for("/notices/"))
    page.get_by_test_id("new-notice").click()
    page.fill("input[name=title]", TITLE)
    page.select_option("select[name=category_id]", label="环保")
    page.fill("textarea[name=body]", "请各园区于**月底前**完成环保平台接入。")
    with page.expect_navigation():
        page.get_by_test_id("save-notice").click()
    assert page.get_by_test_id("notice-title").inner_text() == TITLE
    assert page.get_by_test_id("publish-panel").count() == 0  # staff cannot publish
    notice_url = page.url

    # 2. the park admin publishes it to two parks
    sign_in(page, live_server, "tianxin_admin")
    page.goto(notice_url)
    panel = page.get_by_test_id("publish-panel")
    panel.locator("input[name=all_parks]").uncheck()
    for park in ("醴陵经开区", "茶陵经开区"):  # the audience picker: one checkbox per park
        panel.get_by_test_id("picker-audience").get_by_label(park, exact=True).check()
    with page.expect_navigation():
        page.get_by_test_id("publish-notice").click()
    assert "醴陵经开区" in page.get_by_test_id("notice-audience").inner_text()
    assert "茶陵经开区" in page.get_by_test_id("notice-audience").inner_text()

    # 3. a staff user of 醴陵 sees it unread in the list and opens it
    sign_in(page, live_server, "liling_staff1")
    page.goto(live_server.url_for("/notices/"))
    row = page.get_by_test_id("notice-row").filter(has_text=TITLE)
    assert row.get_by_test_id("unread").count() == 1
    with page.expect_navigation():
        row.get_by_role("link", name=TITLE).click()
    assert "月底前" in page.get_by_test_id("notice-body").inner_text()
    page.goto(live_server.url_for("/notices/"))
    row = page.get_by_test_id("notice-row").filter(has_text=TITLE)
    assert row.get_by_test_id("unread").count() == 0

    # 4. the publisher's park admin sees the read in the receipts; 茶陵 has no reader yet
    sign_in(page, live_server, "tianxin_admin")
    page.goto(notice_url)
    receipts = page.get_by_test_id("receipts")
    with live_server.app.app_context():
        from hub.auth.models import User
        from hub.extensions import db
        reader = db.session.execute(
            db.select(User).where(User.username == "liling_staff1")).scalar_one().display_name
    assert reader in receipts.get_by_test_id("receipt-reader").all_inner_texts()
    missing = page.get_by_test_id("parks-without-reader").inner_text()
    assert "茶陵经开区" in missing and "醴陵经开区" not in missing
    assert page.console_errors == []
