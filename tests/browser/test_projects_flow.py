"""In Chromium: a park records a project's stages and sees the campaign's progress move; the zone
office publishes the bulletin; a park records a handover with its signed document."""

import pytest

from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def campaign_figure(page, live_server, measure: str) -> int:
    page.goto(live_server.url_for("/projects/campaigns"))
    with page.expect_navigation():
        page.get_by_role("link", name="园区项目“百日攻坚”行动").click()
    return int(page.get_by_test_id(f"total-{measure}").inner_text())


def test_project_stages_campaign_bulletin_and_handover(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "tianxin_staff1")
    signed_before = campaign_figure(page, live_server, "signed")
    started_before = int(page.get_by_test_id("total-started").inner_text())

    # 1. a project signed in September; a 开工 date before the 签约 date is refused, typed kept
    page.goto(live_server.url_for("/projects/new"))
    form = page.get_by_test_id("project-form")
    form.locator("input[name=name]").fill("田心轨道交通浏览器测试项目")
    form.locator("input[name=investor]").fill("某装备集团")
    form.locator("input[name=total_investment]").fill("8800")
    form.locator("input[name=signed_on]").fill("2026-09-20")
    form.locator("input[name=started_on]").fill("2026-09-10")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "早于上一阶段" in page.content()
    assert form.locator("input[name=name]").input_value() == "田心轨道交通浏览器测试项目"
    form.locator("input[name=started_on]").fill("")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.get_by_test_id("project-stage").inner_text() == "签约"

    # 2. record 开工 from the project page
    advance = page.get_by_test_id("advance-form")
    advance.locator("input[name=on]").fill("2026-10-08")
    advance.locator("input[name=note]").fill("举行开工仪式")
    with page.expect_navigation():
        advance.locator("button[type=submit]").click()
    assert page.get_by_test_id("project-stage").inner_text() == "开工"
    assert "举行开工仪式" in page.get_by_test_id("timeline").inner_text()

    # 3. the campaign's figures moved by themselves
    assert campaign_figure(page, live_server, "signed") == signed_before + 1
    assert int(page.get_by_test_id("total-started").inner_text()) == started_before + 1

    # 4. the zone office publishes September's bulletin
    sign_in(page, live_server, "admin")
    campaign_figure(page, live_server, "signed")
    with page.expect_navigation():
        page.get_by_role("link", name="2026-09").click()
    with page.expect_navigation():
        page.get_by_test_id("bulletin-form").locator("button[type=submit]").click()
    assert "进度通报" in page.title() or "进度通报" in page.content()
    assert ".xlsx" in page.content()

    # 5. 田心 signs the handover of an item, with its document
    sign_in(page, live_server, "tianxin_staff1")
    page.goto(live_server.url_for("/powers/mine"))
    with page.expect_navigation():
        page.get_by_role("link", name="建筑工程施工许可证核发").click()
    form = page.get_by_test_id("handover-form")
    form.locator("select[name=to]").select_option("signed")
    form.locator("input[name=on]").fill("2026-11-02")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "请上传已签署的交接书或协议书" in page.content()
    form = page.get_by_test_id("handover-form")
    form.locator("select[name=to]").select_option("signed")
    form.locator("input[name=on]").fill("2026-11-02")
    form.locator("input[name=document]").set_input_files(
        {"name": "施工许可交接书.pdf", "mimeType": "application/pdf", "buffer": PDF})
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.get_by_test_id("handover-status").inner_text() == "已签交接书/协议书"
    assert "施工许可交接书.pdf" in page.content()
    # the refused forms answer 422, which Chromium logs; nothing else may appear
    assert [e for e in page.console_errors if "status of 422" not in e] == []
