"""In Chromium: a full day in the month view shows three meetings and "另有 N 场会议"; the link
opens the list of that day, with every meeting of it, and leads back to the month."""

from datetime import datetime, timedelta

import pytest

from hub.auth.models import Role, User
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.parks.models import Park, ParkKind
from hub.timeutil import local_day_start_utc, to_local, utcnow

pytestmark = pytest.mark.browser

PASSWORD = "month-more-pw-42"


def _full_day(app) -> tuple[datetime, list[int]]:
    """Five meetings on a day of this month (the 20th, or the 8th late in the month)."""
    with app.app_context():
        today = to_local(utcnow()).date()
        day = today.replace(day=20 if today.day < 20 else 8)
        park = Park(name="田心高科园", short_name="田心", kind=ParkKind.NATIONAL)
        user = User(username="tx_month", display_name="田心王五", email="tx@example.test",
                    park=park, role=Role.STAFF)
        user.set_password(PASSWORD)
        start = local_day_start_utc(day) + timedelta(hours=9)
        meetings = [Meeting(title=f"园区协调会{n}", starts_at=start + timedelta(hours=n),
                            ends_at=start + timedelta(hours=n, minutes=45), location="管委会",
                            host_park=park, parks=[park]) for n in range(5)]
        db.session.add_all([park, user, *meetings])
        db.session.commit()
        return day, [m.id for m in meetings]


def test_more_link_opens_the_days_list(live_server, browser_page):
    page = browser_page
    day, ids = _full_day(live_server.app)
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", "tx_month")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")

    page.goto(live_server.url_for(f"/meetings/month?y={day.year}&m={day.month}"))
    cell = page.locator(f'td[data-date="{day.isoformat()}"]')
    assert cell.get_by_test_id("month-meeting").count() == 3
    more = cell.get_by_test_id("month-more")
    assert more.is_visible() and more.inner_text() == "另有 2 场会议"

    with page.expect_navigation():
        more.click()
    assert page.get_by_test_id("day-title").is_visible()
    rows = page.get_by_test_id("meeting-row")
    assert [rows.nth(i).get_attribute("data-meeting-id") for i in range(rows.count())] == [
        str(i) for i in ids]
    with page.expect_navigation():
        page.get_by_test_id("day-month").click()
    assert page.locator(f'td[data-date="{day.isoformat()}"]').is_visible()
    assert page.console_errors == []
