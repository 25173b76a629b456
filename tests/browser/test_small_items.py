"""In Chromium: the skip link, detail cards at phone width, the admin tabs that stay in the
admin area."""

import pytest

from hub.extensions import db
from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

MARGIN = 8  # px: the least room between a card and the screen edge


def detail_paths(app) -> list[str]:
    from hub.actions.models import ActionItem
    from hub.land.models import LandCase
    from hub.meetings.models import Meeting
    from hub.notices.models import Notice
    from hub.talent.models import TalentListing

    paths = []
    with app.app_context():
        for model, prefix in ((Notice, "/notices/"), (LandCase, "/cases/"),
                              (TalentListing, "/talent/"), (Meeting, "/meetings/"),
                              (ActionItem, "/meetings/actions/")):
            first = db.session.execute(db.select(model.id).order_by(model.id).limit(1)).scalar()
            assert first is not None, model
            paths.append(f"{prefix}{first}")
    return paths


def test_detail_cards_keep_a_margin_at_phone_width(live_server, browser_page, artifacts):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server, "admin")
    for path in detail_paths(live_server.app):
        page.goto(live_server.url_for(path))
        boxes = page.eval_on_selector_all(
            "main .card, main .bg-white.border",
            "els => els.map(e => { const r = e.getBoundingClientRect();"
            " return [r.left, r.right]; })")
        page.screenshot(path=artifacts / f"narrow{path.replace('/', '-')}.png", full_page=True)
        assert boxes, path
        for left, right in boxes:
            assert left >= MARGIN and right <= 375 - MARGIN, (path, left, right)
        # the footer's words do not touch the screen edge either
        left, right = page.get_by_test_id("site-footer").evaluate(
            "f => { const r = document.createRange(); r.selectNodeContents(f);"
            " const b = r.getBoundingClientRect(); return [b.left, b.right]; }")
        assert left >= MARGIN and right <= 375 - MARGIN, ("footer", path, left, right)


def test_skip_link_moves_to_the_main_content(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "gxq_staff1")
    page.goto(live_server.url_for("/notices/"))
    skip = page.locator("a.skip-link")
    assert not skip.is_visible() or skip.bounding_box()["width"] <= 1  # hidden until focused
    page.keyboard.press("Tab")  # the first stop on the page
    assert page.evaluate("document.activeElement.textContent.trim()") == "跳到正文"
    assert skip.bounding_box()["width"] > 1  # now visible
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_admin_tabs_stay_in_the_admin_area(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")
    page.goto(live_server.url_for("/admin/"))
    tabs = page.locator("main ul.nav-tabs").first
    for name in ("通知分类", "群机器人", "发件箱", "调度器"):
        with page.expect_navigation():
            tabs.get_by_role("link", name=name, exact=True).click()
        tabs = page.locator("main ul.nav-tabs").first
        active = tabs.locator("a.nav-link.active")
        assert active.count() == 1 and active.inner_text() == name, page.url
        assert tabs.get_by_role("link", name="账号管理", exact=True).count() == 1
