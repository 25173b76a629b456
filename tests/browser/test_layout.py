"""In Chromium, at 375, 768, 1280 and 1366 px, in Chinese and English, as the platform admin (the
most menu entries) and as park staff: no page is wider than the screen, the header fits (search
box usable, language switch and every section on screen at 1280 px and wider, folded into the
menu below), and on a phone no table cell squeezes text to one character per line.

One browser page per role: each page is loaded once per language and measured at every width."""

import pytest

from hub.extensions import db
from hub.seed import seed_demo

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "browser-demo-pw"
WIDTHS = (375, 768, 1280, 1366)
LOCALES = ("zh_CN", "en")
WIDE = 1280  # from here on the header shows every section in one row
MIN_SEARCH = 160  # px: the least width of the header search box where it is shown

# What one measurement returns (run in the page after each viewport change).
PROBE = """() => {
  const shown = el => !!el && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const box = el => { const r = el.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, width: r.width}; };
  const search = document.querySelector('#header-search-q');
  const language = document.querySelector('.language-switch');
  const squeezed = [];
  document.querySelectorAll('main table td, main table th').forEach(cell => {
    const text = cell.textContent.replace(/\\s+/g, '');
    if (text.length < 2 || !shown(cell)) return;
    const s = getComputedStyle(cell);
    const inner = cell.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    if (inner < 1.9 * parseFloat(s.fontSize))
      squeezed.push(text.slice(0, 12) + ' ' + Math.round(inner) + 'px');
  });
  return {
    scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
    search: shown(search) ? box(search).width : 0,
    language: shown(language) ? box(language) : null,
    bell: shown(document.querySelector('[data-testid=bell]')),
    toggler: shown(document.querySelector('.navbar-toggler')),
    sections: [...document.querySelectorAll('.site-sections .nav-link')].map(a =>
      Object.assign({text: a.textContent.trim(), shown: shown(a)}, box(a))),
    squeezed: squeezed.slice(0, 5),
  };
}"""


def sign_in(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url_for("/login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form[action$='/login'] button[type=submit]")


def choose_language(page, locale: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    with page.expect_navigation():
        page.click(f".language-switch button[value={locale}]")
    lang = page.evaluate("document.documentElement.lang")
    assert lang == ("zh-CN" if locale == "zh_CN" else "en")


def problems(m: dict, width: int) -> list[str]:
    """What is wrong with one measurement at one width (empty: nothing)."""
    out = []
    if m["scroll"] > m["inner"]:
        out.append(f"page {m['scroll']} px wide on a {m['inner']} px screen")
    lang = m["language"]
    if lang is None or lang["left"] < 0 or lang["right"] > m["inner"]:
        out.append(f"language switch not on screen: {lang}")
    if not m["bell"]:
        out.append("the bell is not shown")
    if width >= WIDE:
        if m["search"] < MIN_SEARCH:
            out.append(f"search box {m['search']:.0f} px")
        off = [s["text"] for s in m["sections"] if not s["shown"] or s["right"] > m["inner"]]
        if off:
            out.append(f"sections off screen: {off}")
        if len({round(s["top"]) for s in m["sections"]}) > 1:
            out.append("the sections take more than one row")
    else:
        if not m["toggler"]:
            out.append("no menu button below 1200 px")
        if any(s["shown"] for s in m["sections"]):
            out.append("sections shown beside the folded menu")
    if width < 576 and m["squeezed"]:
        out.append(f"table cells narrower than two characters: {m['squeezed']}")
    return out


def check_pages(page, live_server, paths: list[str]) -> list[str]:
    failures = []
    for locale in LOCALES:
        choose_language(page, locale)
        for path in paths:
            page.set_viewport_size({"width": WIDTHS[0], "height": 800})
            page.goto(live_server.url_for(path))
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                failures += [f"{locale} {path} @{width}: {p}"
                             for p in problems(page.evaluate(PROBE), width)]
    return failures


def first_ids(app) -> dict[str, int]:
    from hub.meetings.models import Meeting
    from hub.notices.models import Notice

    with app.app_context():
        return {name: db.session.execute(db.select(model.id).order_by(model.id).limit(1)).scalar()
                for name, model in (("notice", Notice), ("meeting", Meeting))}


MAIN_PAGES = ["/", "/notices/", "/notices/{notice}", "/cases/", "/talent/", "/meetings/",
              "/meetings/{meeting}", "/meetings/actions/", "/projects/"]
ADMIN_PAGES = ["/admin/", "/admin/users", "/admin/audit", "/notifications/admin/outbox",
               "/projects/supervision"]


def test_pages_fit_every_width_for_the_platform_admin(live_server, browser_page, artifacts):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    ids = first_ids(live_server.app)
    page = browser_page
    sign_in(page, live_server, "admin")
    failures = check_pages(page, live_server,
                           [p.format(**ids) for p in MAIN_PAGES + ADMIN_PAGES])
    for width in (1280, 375):  # for a human: the header, wide and folded
        page.set_viewport_size({"width": width, "height": 800})
        page.screenshot(path=artifacts / f"layout-admin-en-{width}.png")
    assert not failures, "\n".join(failures)
    assert page.console_errors == []  # the header and table scripts run under the CSP


def test_pages_fit_every_width_for_park_staff(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    ids = first_ids(live_server.app)
    page = browser_page
    sign_in(page, live_server, "gxq_staff1")
    failures = check_pages(page, live_server, [p.format(**ids) for p in MAIN_PAGES])
    assert not failures, "\n".join(failures)
    assert page.console_errors == []


def test_the_folded_menu_on_a_phone(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url_for("/cases/"))
    sections = page.locator(".site-sections .nav-link")
    assert not sections.first.is_visible()
    page.click(".navbar-toggler")
    page.wait_for_selector("#mainnav.show")
    assert sections.count() >= 8  # the admin's sections, all in the menu
    for i in range(sections.count()):
        box = sections.nth(i).bounding_box()
        assert sections.nth(i).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.locator("#header-search-q").bounding_box()["width"] >= MIN_SEARCH
    assert page.get_by_test_id("user-menu").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    with page.expect_navigation():  # the longest English labels, in columns on a tablet
        page.click(".language-switch button[value=en]")
    page.set_viewport_size({"width": 768, "height": 800})
    page.click(".navbar-toggler")
    page.wait_for_selector("#mainnav.show")
    overlaps = page.evaluate("""() => {
      const r = [...document.querySelectorAll('.site-sections .nav-link')].map(a => {
        const b = a.getBoundingClientRect(); const range = document.createRange();
        range.selectNodeContents(a); const t = range.getBoundingClientRect();
        return {text: a.textContent.trim(), left: b.left, right: b.right, top: b.top,
                textRight: t.right}; });
      // a label runs into (or within 8 px of) the next column, or columns overlap
      return r.filter((a, i) => a.textRight > a.right - 8
        || r.some((b, j) => j !== i && a.top === b.top && a.left < b.left && a.right > b.left))
        .map(a => a.text); }""")
    assert overlaps == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 768
    with page.expect_navigation():
        page.click(".language-switch button[value=zh_CN]")
    page.set_viewport_size({"width": 375, "height": 800})
    page.click(".navbar-toggler")
    page.wait_for_selector("#mainnav.show")
    with page.expect_navigation():
        page.locator(".site-sections").get_by_role("link", name="督办事项").click()
    assert page.url == live_server.url_for("/meetings/actions/")


def test_list_tables_become_cards_on_a_phone(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url_for("/cases/"))
    table = page.get_by_test_id("case-table")
    assert table.get_attribute("data-stacked") == ""
    assert not table.locator("thead").is_visible()
    row = table.locator("tbody tr").first
    cell = row.locator("td").first
    # each cell is headed by its column's name; the card keeps inside the screen
    assert cell.get_attribute("data-label") == "地块编号"
    assert page.evaluate("el => getComputedStyle(el, '::before').content", cell.element_handle()) \
        == '"地块编号"'
    box = row.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.set_viewport_size({"width": 1280, "height": 800})
    assert table.locator("thead").is_visible()  # a table again on a wide screen


def test_without_the_script_tables_scroll_in_their_box(live_server, chromium):
    """No JavaScript: the case list keeps its columns, scrolls inside its own box, and no cell
    squeezes Chinese to one character per line; the page itself is no wider than the phone."""
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    context = chromium.new_context(viewport={"width": 375, "height": 800},
                                   java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in(page, live_server, "gxq_staff1")
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(live_server.url_for("/cases/"))
        table = page.get_by_test_id("case-table")
        assert table.get_attribute("data-stacked") is None and table.locator("thead").is_visible()
        m = page.evaluate(PROBE)
        assert m["scroll"] <= 375 and m["squeezed"] == []
        box = page.evaluate("""() => { const b = document.querySelector('.table-responsive');
          return [b.scrollWidth, b.clientWidth]; }""")
        assert box[0] > box[1]  # the table is wider than the phone: it scrolls in its box
    finally:
        context.close()
