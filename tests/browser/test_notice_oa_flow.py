"""In Chromium (issue 13 item 10): a park admin issues a notice with a 文号 and 紧急程度 特急 to two
parks; a staff user of 醴陵 sees it marked urgent and signs for the park (签收); the publisher sees
醴陵 signed and 茶陵 not, and reminds 茶陵 to sign (催签); 茶陵's staff user finds the reminder
in the bell."""

import pytest

from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

TITLE = "关于开展园区安全生产大检查的紧急通知"
DOC = "株高新管发〔2026〕31号"


def test_urgent_notice_sign_and_remind(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page

    # 1. 田心's park admin writes the notice with its 文号 and 紧急程度, and publishes it
    sign_in(page, live_server, "tianxin_admin")
    page.goto(live_server.url_for("/notices/new"))
    page.fill("input[name=title]", TITLE)
    page.fill("input[name=doc_number]", DOC)
    page.select_option("select[name=urgency]", label="特急")
    page.select_option("select[name=category_id]", label="环保")
    page.fill("textarea[name=body]", "请各园区于本周五前完成安全生产自查。")
    with page.expect_navigation():
        page.get_by_test_id("save-notice").click()
    notice_url = page.url
    assert page.get_by_test_id("notice-doc-number").inner_text() == DOC
    assert page.get_by_test_id("notice-urgency").inner_text() == "特急"
    panel = page.get_by_test_id("publish-panel")
    panel.locator("input[name=all_parks]").uncheck()
    for park in ("醴陵经开区", "茶陵经开区"):
        panel.get_by_test_id("picker-audience").get_by_label(park, exact=True).check()
    with page.expect_navigation():
        page.get_by_test_id("publish-notice").click()
    unsigned = page.get_by_test_id("park-unsigned").all_inner_texts()
    assert sorted(unsigned) == ["茶陵经开区", "醴陵经开区"]

    # 2. 醴陵's staff user sees it marked urgent in the list, opens it and signs for the park
    sign_in(page, live_server, "liling_staff1")
    page.goto(live_server.url_for("/notices/"))
    row = page.get_by_test_id("notice-row").filter(has_text=TITLE)
    assert row.get_by_test_id("urgency").inner_text() == "特急"
    assert DOC in row.get_by_test_id("doc-number").inner_text()
    with page.expect_navigation():
        row.get_by_role("link", name=TITLE).click()
    assert page.get_by_test_id("notice-urgency").inner_text() == "特急"
    with page.expect_navigation():
        page.get_by_test_id("sign-notice").click()
    assert page.get_by_test_id("signed-badge").is_visible()
    assert "醴陵经开区" in page.get_by_test_id("my-signoff").inner_text()
    assert page.get_by_test_id("sign-notice").count() == 0

    # 3. the publisher: 醴陵 signed, 茶陵 not; 催签 reaches only 茶陵
    sign_in(page, live_server, "tianxin_admin")
    page.goto(notice_url)
    assert page.get_by_test_id("park-unsigned").all_inner_texts() == ["茶陵经开区"]
    receipts = page.get_by_test_id("receipts")
    liling = receipts.locator("tr").filter(has_text="醴陵经开区")
    assert "已签收" in liling.get_by_test_id("signoff-cell").inner_text()
    chaling = receipts.locator("tr").filter(has_text="茶陵经开区")
    assert "未签收" in chaling.get_by_test_id("signoff-cell").inner_text()
    page.get_by_test_id("remind-form").locator("select[name=what]").select_option(label="催签")
    with page.expect_navigation():
        page.get_by_test_id("remind-notice").click()
    reminders = page.get_by_test_id("reminder-row").all_inner_texts()
    assert len(reminders) == 1 and "茶陵经开区" in reminders[0] and "催签" in reminders[0]

    # 4. 茶陵's staff user has the reminder in the bell; 醴陵's has not
    sign_in(page, live_server, "chaling_staff1")
    assert int(page.get_by_test_id("bell-count").inner_text().split()[0]) >= 1
    with page.expect_navigation():
        page.get_by_test_id("bell").click()
    texts = page.get_by_test_id("notification").all_inner_texts()
    reminded = [t for t in texts if f"请签收通知：{TITLE}" in t]
    assert reminded and "【特急】" in reminded[0], texts
    sign_in(page, live_server, "liling_staff1")
    page.goto(live_server.url_for("/notifications/"))
    assert not any("请签收" in t for t in page.get_by_test_id("notification").all_inner_texts())
    assert page.console_errors == []
