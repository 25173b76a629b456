"""In Chromium: a reminder produced by a scheduler tick shows in the bell; reading it clears it.
A published notice shows in the bell at the next page load, without a tick."""

from datetime import timedelta

import pytest

from hub.auth.models import Role, User
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.notify import sender
from hub.parks.models import Park, ParkKind
from hub.timeutil import utcnow

pytestmark = pytest.mark.browser

PASSWORD = "bell-test-pw-42"


def _setup(app) -> int:
    with app.app_context():
        park = Park(name="田心高科园", short_name="田心", kind=ParkKind.NATIONAL)
        user = User(username="tx_bell", display_name="田心李四", email="tx@example.test",
                    park=park, role=Role.STAFF)
        user.set_password(PASSWORD)
        db.session.add_all([park, user])
        db.session.commit()
        return park.id


def _meeting_soon(app, park_id: int) -> int:
    with app.app_context():
        park = db.session.get(Park, park_id)
        start = utcnow().replace(microsecond=0) + timedelta(minutes=30)
        meeting = Meeting(title="一区三园联席会议", starts_at=start,
                          ends_at=start + timedelta(hours=2), location="管委会三楼会议室",
                          host_park=park, parks=[park], reminder_offsets=[60])
        db.session.add(meeting)
        db.session.commit()
        sender.tick()  # the reminder (due 30 minutes ago, meeting not started) goes out now
        return meeting.id


def test_bell_shows_the_new_notification_and_clears_when_read(live_server, browser_page):
    page = browser_page
    park_id = _setup(live_server.app)
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", "tx_bell")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    bell = page.get_by_test_id("bell")
    assert bell.is_visible()
    assert page.get_by_test_id("bell-count").count() == 0

    meeting_id = _meeting_soon(live_server.app, park_id)
    page.reload()
    assert page.get_by_test_id("bell-count").inner_text().startswith("1")

    with page.expect_navigation():
        bell.click()
    item = page.get_by_test_id("notification")
    assert item.count() == 1 and item.get_attribute("data-unread") == "yes"
    assert "一区三园联席会议" in item.inner_text()
    with page.expect_navigation():
        page.get_by_test_id("notification-open").click()
    assert page.url == live_server.url_for(f"/meetings/{meeting_id}")
    assert page.get_by_test_id("bell-count").count() == 0
    page.goto(live_server.url_for("/notifications/"))
    assert page.get_by_test_id("notification").get_attribute("data-unread") == "no"
    assert page.console_errors == []


def test_a_published_notice_is_in_the_other_parks_bell_on_the_next_page_load(
        live_server, browser_page):
    """No scheduler tick: the in-app notification is written with the publication. Opening
    the notice clears it."""
    from hub.notices import services as notices
    from hub.notices.models import Notice, NoticeCategory

    page = browser_page
    other_park_id = _setup(live_server.app)
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", "tx_bell")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")
    assert page.get_by_test_id("bell-count").count() == 0

    with live_server.app.app_context():
        host = Park(name="株洲高新区", short_name="高新区", kind=ParkKind.NATIONAL)
        author = User(username="gxq_bell", display_name="高新区王五", park=host,
                      role=Role.PARK_ADMIN)
        author.set_password(PASSWORD)
        category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
        notice = Notice(park=host, category=category, title="关于申报园区发展专项资金的通知",
                        body="请各园区按时申报。", author=author)
        db.session.add_all([host, author, notice])
        db.session.commit()
        notices.publish(author, notice, all_parks=False,
                        audience=[db.session.get(Park, other_park_id)], version=notice.version)
        db.session.commit()
        notice_id = notice.id

    page.reload()  # the next page load, no tick in between
    assert page.get_by_test_id("bell-count").inner_text().startswith("1")
    page.goto(live_server.url_for(f"/notices/{notice_id}"))
    assert "关于申报园区发展专项资金的通知" in page.inner_text("main")
    assert page.get_by_test_id("bell-count").count() == 0  # reading the notice read it
    page.goto(live_server.url_for("/notifications/"))
    assert page.get_by_test_id("notification").get_attribute("data-unread") == "no"
    assert page.console_errors == []
