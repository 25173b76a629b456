"""In Chromium: a park fills its 亩均效益 grid (a typo refused at the cell, nothing lost) and
submits; the zone office returns it with a comment; the park fixes and submits again; the zone
office accepts it and the score shows."""

from decimal import Decimal

import pytest

from hub.auth.models import Role
from hub.efficiency import creditcode, services
from hub.efficiency.models import Enterprise
from hub.extensions import db
from hub.parks.models import ParkKind
from hub.seed import ensure_account, ensure_park

pytestmark = pytest.mark.browser

PASSWORD = "browser-demo-pw"
FIGURES = {"tax": "300", "revenue": "6000", "energy": "1200", "emission": "12", "rd": "180",
           "employees": "200", "land_mu": "50"}


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")


def _world():
    zone = ensure_park("株洲市园区办", "园区办", ParkKind.ZONE)
    liling = ensure_park("醴陵经开区", "醴陵", ParkKind.PROVINCIAL)
    ensure_account("admin", "园区办管理员", zone, Role.ADMIN, PASSWORD)
    ensure_account("liling_staff1", "刘洋", liling, Role.STAFF, PASSWORD)
    db.session.flush()
    ids = []
    for n, name in enumerate(("醴陵华鑫电瓷有限公司", "醴陵陶润实业有限公司"), start=1):
        first17 = f"91430281MA{n:07d}"
        ent = Enterprise(park_id=liling.id, name=name,
                         credit_code=first17 + creditcode.check_character(first17),
                         land_mu=Decimal(50), county="醴陵市")
        db.session.add(ent)
        db.session.flush()
        ids.append(ent.id)
    rnd = services.open_round(None, 2025, None)
    db.session.commit()
    return rnd.id, liling.id, ids


def _fill(page, ent_id, **override):
    for name, value in {**FIGURES, **override}.items():
        page.fill(f"input[name=c-{ent_id}-{name}]", value)


def test_fill_submit_return_fix_accept(live_server, browser_page):
    with live_server.app.app_context():
        round_id, park_id, (a, b) = _world()
    page = browser_page
    report_url = live_server.url_for(f"/efficiency/rounds/{round_id}/parks/{park_id}")

    # 1. the park fills the grid; a typo is refused at its cell and nothing typed is lost
    sign_in(page, live_server, "liling_staff1")
    page.goto(live_server.url_for("/efficiency/"))
    page.get_by_role("link", name="亩均评价").first.wait_for()
    with page.expect_navigation():
        page.get_by_role("link", name="2025", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="打开填报").click()
    assert page.url == report_url
    _fill(page, a)
    _fill(page, b, revenue="5千")
    with page.expect_navigation():
        page.get_by_role("button", name="保存草稿").click()
    assert "不是数字" in page.get_by_test_id("cell-error").inner_text()
    assert page.input_value(f"input[name=c-{b}-revenue]") == "5千"
    assert page.input_value(f"input[name=c-{a}-tax]") == "300"
    page.fill(f"input[name=c-{b}-revenue]", "5000")
    with page.expect_navigation():
        page.get_by_role("button", name="提交园区办").click()
    assert page.get_by_test_id("report-status").inner_text() == "已提交"
    assert page.locator(f"input[name=c-{a}-tax]").count() == 0  # read-only now

    # 2. the zone office returns it with a comment
    sign_in(page, live_server, "admin")
    page.goto(report_url)
    review = page.get_by_test_id("review")
    review.locator("textarea[name=comment]").fill("华鑫电瓷研发经费偏高，请核对。")
    with page.expect_navigation():
        review.get_by_role("button", name="退回").click()
    row = page.get_by_test_id("progress").locator("tr[data-park='醴陵']")
    assert "已退回" in row.inner_text()

    # 3. the park reads the comment, fixes the figure and submits again
    sign_in(page, live_server, "liling_staff1")
    page.goto(report_url)
    assert "研发经费偏高" in page.get_by_test_id("return-comment").inner_text()
    page.fill(f"input[name=c-{a}-rd]", "150")
    with page.expect_navigation():
        page.get_by_role("button", name="提交园区办").click()
    assert page.get_by_test_id("report-status").inner_text() == "已提交"

    # 4. the zone office accepts; the score of each enterprise shows
    sign_in(page, live_server, "admin")
    page.goto(report_url)
    with page.expect_navigation():
        page.get_by_test_id("review").get_by_role("button", name="审核通过").click()
    row = page.get_by_test_id("progress").locator("tr[data-park='醴陵']")
    assert "已审核" in row.inner_text()
    page.goto(report_url)
    grid = page.get_by_test_id("grid").inner_text()
    # a: 16 + 8 + 5 + 10 + 10 × 2.5 % ÷ 3 % + 3 = 16 + 8 + 5 + 10 + 8.33 + 3 = 50.33
    # b: 16 + 6.67 + 4.17 + 8.33 + 12 (3.6 % ÷ 3 %, capped 1.2) + 2.5 = 49.67
    assert "50.33" in grid and "49.67" in grid
    # the refused save answered 422 on purpose; nothing else may have gone wrong
    assert [e for e in page.console_errors if "status of 422" not in e] == []
