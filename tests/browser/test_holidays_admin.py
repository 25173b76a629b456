"""In Chromium: the zone office pastes 2027's arrangement on 节假日安排, previews which meetings
move, saves; the Spring Festival meeting moves and a participant sees the change."""

from datetime import date, time

import pytest

from hub.extensions import db
from hub.meetings import recurrence, services
from hub.meetings.models import HolidayPolicy, Meeting
from hub.parks.models import Park
from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

TITLE = "春节前后例会"
NOTICE = ("二、春节：2月5日（星期五）至13日（星期六）放假调休，共9天。"
          "2月14日（星期日）、2月20日（星期六）上班。")


def spring_meeting_id() -> int:
    series_id = db.session.execute(db.select(Meeting.series_id).where(
        Meeting.title == TITLE)).scalars().first()
    return next(m.id for m in db.session.execute(
        db.select(Meeting).where(Meeting.series_id == series_id)).scalars()
        if m.original_start.astimezone(recurrence.zone(m.timezone)).date() == date(2027, 2, 9))


def test_paste_preview_save(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
        parks = list(db.session.execute(db.select(Park).where(
            Park.short_name.in_(["田心", "高新区"]))).scalars())
        services.create_series(None, services.SeriesInput(
            title=TITLE, description="", rrule="FREQ=WEEKLY;BYDAY=TU;COUNT=8",
            start_date=date(2027, 1, 5), start_time=time(9, 30), timezone="Asia/Shanghai",
            duration_minutes=60, location="管委会", online_url="",
            holiday_policy=HolidayPolicy.MOVE, reminder_offsets=[60], agenda_cutoff_hours=24,
            parks=parks, people=[], hosts=[]))
        db.session.commit()
        meeting_id = spring_meeting_id()
    page = browser_page

    sign_in(page, live_server, "tianxin_staff1")
    page.goto(live_server.url_for(f"/meetings/{meeting_id}"))
    assert "2027年2月11日 星期四" in page.get_by_test_id("meeting-when").inner_text()
    assert "暂定" in page.get_by_test_id("holiday-provisional").inner_text()

    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/admin/holidays/"))
    row = page.locator("tr[data-year='2027']")
    assert "暂定" in row.inner_text()
    with page.expect_navigation():
        row.get_by_role("link").click()
    page.fill("textarea[name=text]", NOTICE)
    with page.expect_navigation():
        page.click("input[name=preview]")
    moves = page.get_by_test_id("preview-move").filter(has_text=TITLE)
    assert moves.count() == 1
    assert "2027年2月14日 星期日 09:30" in moves.inner_text()
    with page.expect_navigation():
        page.click("input[name=save]")
    assert "已保存为官方安排" in page.content()
    assert "官方" in page.get_by_test_id("provenance").inner_text()

    sign_in(page, live_server, "tianxin_staff1")
    page.goto(live_server.url_for(f"/meetings/{meeting_id}"))
    assert "2027年2月14日 星期日" in page.get_by_test_id("meeting-when").inner_text()
    assert page.get_by_test_id("holiday-provisional").count() == 0
    assert page.console_errors == []
