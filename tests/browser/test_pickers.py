"""In Chromium: the park and people pickers. The platform admin picks a one-off meeting's parks
with 全选 / 全不选 and a park-type button, and all people of one park; a staff user sends a
notice draft to every park but the provincial ones. What was picked is what is saved."""

import pytest

from hub.auth.models import User
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.notices.models import Notice
from hub.parks.models import Park
from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser



def ticked(picker) -> int:
    return picker.locator("input[type=checkbox]:checked").count()


def test_meeting_participants_by_park_type_and_by_park(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
        parks = db.session.execute(db.select(Park).where(Park.active.is_(True))).scalars().all()
        national = {p.name for p in parks if p.kind.value == "national"}
        liling = {u.id for u in db.session.execute(
            db.select(User).join(Park).where(Park.name == "醴陵经开区", User.active.is_(True))
        ).scalars()}
    assert len(national) == 2 and liling
    page = browser_page
    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/meetings/new"))
    page.fill("input[name=title]", "园区用地专题协调会")
    page.fill("input[name=start_time]", "09:30")

    picker = page.get_by_test_id("picker-parks")
    picker.get_by_role("button", name="全选").click()
    assert ticked(picker) == len(parks)
    assert picker.locator(".picker-count").inner_text() == f"已选 {len(parks)} 项"
    picker.get_by_role("button", name="全不选").click()
    assert ticked(picker) == 0
    kind_button = picker.get_by_role("button", name="国家级园区")
    kind_button.click()
    assert ticked(picker) == 2 and kind_button.get_attribute("aria-pressed") == "true"

    people = page.get_by_test_id("picker-people")
    group = people.locator("[data-group-box]").filter(has_text="醴陵经开区")
    group.get_by_role("button", name="本园区全选").click()
    assert ticked(people) == len(liling)
    with page.expect_navigation():
        page.get_by_test_id("save-meeting").click()
    assert "/meetings/" in page.url and not page.url.endswith("/new")
    with live_server.app.app_context():
        meeting = db.session.execute(
            db.select(Meeting).where(Meeting.title == "园区用地专题协调会")).scalar_one()
        assert {p.name for p in meeting.parks} == national
        assert {u.id for u in meeting.people} == liling
    assert page.console_errors == []


def test_notice_audience_all_but_one_park_type(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
        parks = db.session.execute(db.select(Park).where(Park.active.is_(True))).scalars().all()
        expected = {p.name for p in parks if p.kind.value != "provincial"}
    page = browser_page
    sign_in(page, live_server, "tianxin_staff1")
    page.goto(live_server.url_for("/notices/new"))
    page.fill("input[name=title]", "关于园区协同平台试运行的通知")
    page.uncheck("input[name=all_parks]")
    picker = page.get_by_test_id("picker-audience")
    picker.get_by_role("button", name="全选").click()
    provincial = picker.get_by_role("button", name="省级园区")
    assert provincial.get_attribute("aria-pressed") == "true"  # all of them ticked
    provincial.click()  # a second press clears them
    assert provincial.get_attribute("aria-pressed") == "false"
    assert ticked(picker) == len(expected)
    with page.expect_navigation():
        page.get_by_test_id("save-notice").click()
    with live_server.app.app_context():
        notice = db.session.execute(
            db.select(Notice).where(Notice.title == "关于园区协同平台试运行的通知")).scalar_one()
        assert not notice.all_parks
        assert {p.name for p in notice.audience} == expected
    assert page.console_errors == []
