"""In Chromium (issue 13 item 10), on the demo's signed-off minutes: 督办 of a decision owned by
高新区 — the owner park applies for completion (办结申请), the zone office finds it under "awaiting
my review" and sends it back (退回) with a reason, the owner reads the reason and applies again,
the office closes it (销号); 经开区 asks for a later due date (延期申请), the office grants it and
the item shows the new date; the 督办台账 page answers and its .xlsx downloads."""

import io

import pytest
from openpyxl import load_workbook

from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

GXQ_ITEM = "黄河南路闲置地块"  # owned by 高新区 (hub.minutes.demo.DECISIONS)
JKQ_ITEM = "联合招聘活动"  # owned by 经开区


def open_item(page, live_server, text: str, query: str = "") -> str:
    page.goto(live_server.url_for("/meetings/actions/" + query))
    row = page.locator("[data-testid^=action-item-]").filter(has_text=text)
    assert row.count() == 1, page.locator("main").inner_text()
    with page.expect_navigation():
        row.get_by_role("link").first.click()
    return page.url


def test_apply_return_apply_close(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page

    # 1. 高新区 applies for completion
    sign_in(page, live_server, "gxq_staff1")
    item_url = open_item(page, live_server, GXQ_ITEM)
    assert page.get_by_test_id("step-close").count() == 0
    page.get_by_test_id("step-apply").locator("textarea[name=note]").fill("已完成收回，见收回决定书")
    with page.expect_navigation():
        page.get_by_test_id("do-apply").click()
    assert page.get_by_test_id("action-status").inner_text() == "办结待审"
    assert page.get_by_test_id("pending-review").is_visible()
    assert page.get_by_test_id("step-apply").count() == 0

    # 2. the zone office finds it awaiting its review and sends it back with a reason
    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/meetings/actions/"))
    with page.expect_navigation():
        page.get_by_test_id("review-link").click()
    # the demo's own item awaiting review is listed too; ours is among them
    rows = page.locator("[data-testid^=action-item-]").filter(has_text=GXQ_ITEM)
    assert rows.count() == 1
    with page.expect_navigation():
        rows.get_by_role("link").first.click()
    assert page.url == item_url
    assert "已完成收回，见收回决定书" in page.get_by_test_id("timeline").inner_text()
    page.get_by_test_id("step-return").locator("textarea[name=reason]").fill("缺少地块现场照片")
    with page.expect_navigation():
        page.get_by_test_id("do-return").click()
    assert page.get_by_test_id("action-status").inner_text() == "进行中"

    # 3. the owner reads the reason and applies again
    sign_in(page, live_server, "gxq_staff1")
    page.goto(item_url)
    timeline = page.get_by_test_id("timeline").inner_text()
    assert "退回" in timeline and "缺少地块现场照片" in timeline
    page.get_by_test_id("step-apply").locator("textarea[name=note]").fill("已补充现场照片")
    with page.expect_navigation():
        page.get_by_test_id("do-apply").click()
    assert page.get_by_test_id("action-status").inner_text() == "办结待审"

    # 4. the office closes it (销号): done, no more steps
    sign_in(page, live_server, "admin")
    page.goto(item_url)
    with page.expect_navigation():
        page.get_by_test_id("do-close").click()
    status = page.get_by_test_id("action-status")
    assert status.get_attribute("data-status") == "done"
    assert status.inner_text() in ("已销号", "已完成")
    assert "销号" in page.get_by_test_id("timeline").inner_text()
    assert page.locator("[data-testid^=step-]").count() == 0
    page.goto(live_server.url_for("/meetings/actions/?review=1"))
    assert page.locator("[data-testid^=action-item-]").filter(has_text=GXQ_ITEM).count() == 0
    assert page.console_errors == []


def test_extension_granted_changes_the_due_date(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "jkq_staff1")
    item_url = open_item(page, live_server, JKQ_ITEM)
    before = page.get_by_test_id("due-date").inner_text()
    step = page.get_by_test_id("step-extension")
    step.locator("input[name=due_date]").fill("2031-03-31")
    step.locator("textarea[name=reason]").fill("招聘会场地档期调整")
    with page.expect_navigation():
        page.get_by_test_id("do-extension").click()
    assert "2031年3月31日 星期一" in page.get_by_test_id("extension-due").inner_text()
    assert page.get_by_test_id("due-date").inner_text() == before

    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/meetings/actions/?review=1"))
    assert page.locator("[data-testid^=action-item-]").filter(has_text=JKQ_ITEM).count() == 1
    page.goto(item_url)
    assert "招聘会场地档期调整" in page.get_by_test_id("timeline").inner_text()
    with page.expect_navigation():
        page.get_by_test_id("do-approve").click()
    due = page.get_by_test_id("due-date").inner_text()
    assert due == "2031年3月31日 星期一" != before
    assert page.get_by_test_id("extension-due").count() == 0

    # the owner park sees the new date too
    sign_in(page, live_server, "jkq_staff1")
    page.goto(item_url)
    assert page.get_by_test_id("due-date").inner_text() == due
    assert page.console_errors == []


def test_ledger_page_and_xlsx_download(live_server, browser_page, tmp_path):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/meetings/actions/"))
    with page.expect_navigation():
        page.get_by_test_id("ledger-link").click()
    summary = page.get_by_test_id("ledger-summary").inner_text()
    for park in ("高新区", "经开区"):
        assert park in summary
    assert page.get_by_test_id("ledger-total").is_visible()

    with page.expect_download() as info:
        page.get_by_test_id("ledger-xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    book = load_workbook(io.BytesIO(path.read_bytes()))
    text = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                    for c in row if c.value is not None)
    assert GXQ_ITEM in text and JKQ_ITEM in text
    assert page.console_errors == []
