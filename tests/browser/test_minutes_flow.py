"""In Chromium: the host park drafts minutes with a decision for another park, sends them for
comment, the other park confirms, an admin signs off (confirming that the third park never
answered), and the action item appears on the owner
park's action-items list."""

from datetime import timedelta

import pytest

from hub.extensions import db
from hub.meetings.models import Meeting
from hub.parks.models import Park
from hub.seed import seed_demo
from hub.timeutil import utcnow

pytestmark = pytest.mark.browser

PASSWORD = "browser-demo-pw"
DECISION = "田心高科园牵头完成TXGK-2022-004地块置换方案"


def _one_off_meeting(app) -> int:
    with app.app_context():
        seed_demo(PASSWORD)
        parks = {p.short_name: p for p in db.session.execute(db.select(Park)).scalars()}
        start = utcnow().replace(microsecond=0) - timedelta(days=1)
        meeting = Meeting(title="三园土地处置专题会", starts_at=start,
                          ends_at=start + timedelta(hours=2), location="高新区管委会会议室",
                          host_park=parks["高新区"],
                          parks=[parks["高新区"], parks["田心"], parks["经开区"]])
        db.session.add(meeting)
        db.session.commit()
        return meeting.id


def _sign_in(page, live_server, username):
    page.context.clear_cookies()
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    assert page.url == live_server.url_for("/"), f"{username} could not sign in"


def test_minutes_flow_to_action_item(live_server, browser_page, artifacts):
    page = browser_page
    meeting_id = _one_off_meeting(live_server.app)
    minutes_url = live_server.url_for(f"/meetings/{meeting_id}/minutes")
    status = page.get_by_test_id("minutes-status")

    # the host park drafts the minutes and records a decision for 田心
    _sign_in(page, live_server, "gxq_staff1")
    page.goto(minutes_url)
    page.fill("textarea[name=body]", "## 会议听取的汇报\n\n会议听取了各园区土地清理处置进展汇报。")
    with page.expect_navigation():
        page.get_by_test_id("save-minutes").click()
    assert status.get_attribute("data-status") == "draft"
    text = page.get_by_test_id("minutes-text").inner_text()
    assert "会议听取了各园区土地清理处置进展汇报" in text

    form = page.get_by_test_id("decision-form")
    form.locator("textarea[name=text]").fill(DECISION)
    form.locator("select[name=owner_park_id]").select_option(label="田心高科园")
    form.locator("input[name=due_date]").fill((utcnow() + timedelta(days=30)).strftime("%Y-%m-%d"))
    with page.expect_navigation():
        page.get_by_test_id("add-decision").click()
    assert DECISION in page.get_by_test_id("decisions-table").inner_text()

    with page.expect_navigation():
        page.get_by_test_id("workflow").locator("button[type=submit]").click()
    assert status.get_attribute("data-status") == "consulting"

    # 田心 confirms
    _sign_in(page, live_server, "tianxin_staff1")
    page.goto(minutes_url)
    assert DECISION in page.get_by_test_id("decisions-table").inner_text()
    page.get_by_test_id("confirm-form").locator("input[value=confirmed]").check()
    with page.expect_navigation():
        page.get_by_test_id("send-answer").click()
    answers = page.get_by_test_id("answers").inner_text()
    assert "田心高科园" in answers

    # an admin signs off: 经开区 never answered, so the form lists it and asks for an explicit
    # confirmation; without the tick the minutes stay out for comment
    _sign_in(page, live_server, "admin")
    page.goto(minutes_url)
    outstanding = page.get_by_test_id("sign-off-outstanding")
    assert "经开区" in outstanding.inner_text()
    page.on("dialog", lambda dialog: dialog.accept())  # "sign off and publish?" each time
    with page.expect_navigation():
        page.get_by_test_id("sign-off").click()
    assert status.get_attribute("data-status") == "consulting"
    assert "请勾选" in page.get_by_test_id("sign-off-form").inner_text()
    page.get_by_test_id("confirm-outstanding").check()
    with page.expect_navigation():
        page.get_by_test_id("sign-off").click()
    assert status.get_attribute("data-status") == "published"
    assert page.get_by_test_id("minutes-editor").count() == 0
    page.screenshot(path=artifacts / "minutes_signed_off.png", full_page=True)

    # the action item is on the owner park's list
    _sign_in(page, live_server, "tianxin_staff2")
    page.goto(live_server.url_for("/meetings/actions/"))
    table = page.get_by_test_id("action-items")
    assert DECISION in table.inner_text()
    page.get_by_role("link", name=DECISION).click()
    page.wait_for_load_state("load")
    assert page.get_by_test_id("action-status").get_attribute("data-status") == "not_started"
    page.screenshot(path=artifacts / "action_item.png", full_page=True)

    # ...and not on another park's
    _sign_in(page, live_server, "jkq_staff1")
    page.goto(live_server.url_for("/meetings/actions/"))
    assert DECISION not in page.locator("main").inner_text()
    # the refused sign-off without the tick answered 422 (the form with its error): expected
    assert [e for e in page.console_errors if "sign-off" in e and "status of 422" in e] != []
    assert [e for e in page.console_errors if "status of 422" not in e] == []
