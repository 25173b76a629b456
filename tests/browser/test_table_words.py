"""In Chromium at 1280 px: column headings and dates in the meeting tables stay on one line (the
minutes' decisions broke 2026-11-29 after the year, the series page broke 主持园区 in two)."""

import pytest

from hub.meetings.models import MeetingSeries
from hub.minutes.demo import demo_meeting
from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

# the cells whose text takes more than one line box
BROKEN = """sel => [...document.querySelectorAll(sel)].filter(el => {
  const r = document.createRange(); r.selectNodeContents(el);
  const tops = new Set([...r.getClientRects()].map(b => Math.round(b.top)));
  return tops.size > 1; }).map(el => el.textContent.trim())"""


def test_headings_and_dates_keep_to_one_line(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
        from hub.extensions import db
        meeting_id = demo_meeting().id
        series_id = db.session.execute(db.select(MeetingSeries.id).order_by(
            MeetingSeries.id)).scalars().first()
    page = browser_page
    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for(f"/meetings/{meeting_id}/minutes"))
    assert page.locator("[data-testid=decision-due]").count() >= 3
    assert page.evaluate(BROKEN, "[data-testid=decision-due]") == []
    assert page.evaluate(BROKEN, "[data-testid=decisions-table] th") == []
    page.goto(live_server.url_for(f"/meetings/series/{series_id}"))
    assert page.evaluate(BROKEN, "main table th") == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert page.console_errors == []


# stacked cards (below 576 px): [label, heading height, cell height] where the heading is taller
# than its cell (it ran into the next line), and captions squeezed narrower than their table
STACKED = """() => ({
  overflowing: [...document.querySelectorAll('table[data-stacked] td[data-label]')]
    .filter(td => td.getClientRects().length)
    .map(td => [td.dataset.label, parseFloat(getComputedStyle(td, '::before').height),
                td.getBoundingClientRect().height])
    .filter(([, label, cell]) => label > cell + 0.5),
  captions: [...document.querySelectorAll('table[data-stacked] > caption')]
    .map(c => [c.getBoundingClientRect().width, c.closest('table').getBoundingClientRect().width])
    .filter(([caption, table]) => caption < 0.9 * table),
})"""


def test_stacked_cards_hold_their_headings_on_a_phone(live_server, browser_page):
    """The admin dashboard's table of parks at 375 px: 逾期土地处置案件 took two lines and ran
    into the next row; the table's caption stood two characters wide."""
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")
    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/", "/meetings/actions/", "/notices/", "/cases/"):
        page.goto(live_server.url_for(path))
        assert page.locator("table[data-stacked] td[data-label]").count() > 0, path
        assert page.evaluate(STACKED) == {"overflowing": [], "captions": []}, path
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    assert page.console_errors == []
