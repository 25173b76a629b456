"""The 督办台账 at phone width (375 px), in Chinese and English: no summary heading breaks inside a
word (a Chinese heading such as 办结待审 or 责任园区 stays on one line; they broke as 办结待/审),
no park name breaks, the Chinese summary fits the screen whole, and where the English one scrolls
inside its box the park column stays in view; the page is never wider than the phone."""

import pytest

from hub.seed import seed_demo
from tests.browser.test_layout import DEMO_PASSWORD, PROBE, choose_language, sign_in

pytestmark = pytest.mark.browser

# the summary's headings and first-column cells: text, lines taken, words; the table and its box
MEASURE = """() => {
  const table = document.querySelector('[data-testid=ledger-summary]');
  const lines = el => { const range = document.createRange(); range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter(r => r.width > 0)
      .map(r => Math.round(r.top))).size; };
  const cells = sel => [...table.querySelectorAll(sel)].map(el => ({
    text: el.textContent.trim(), lines: lines(el),
    words: el.textContent.trim().split(/\\s+/).length}));
  const box = table.parentElement;
  box.scrollLeft = box.scrollWidth;  // scrolled to the far right: is the park column in view?
  const first = table.querySelector('tbody td').getBoundingClientRect();
  const out = {heads: cells('thead th'), parks: cells('tbody td:first-child'),
               table: table.scrollWidth, box: box.clientWidth,
               parkLeft: Math.round(first.left - box.getBoundingClientRect().left)};
  box.scrollLeft = 0;
  return out;
}"""


@pytest.mark.parametrize("username", ["admin", "gxq_staff1"])
def test_ledger_summary_headings_fit_a_phone(live_server, browser_page, artifacts, username):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, username)
    failures = []
    for locale in ("zh_CN", "en"):
        choose_language(page, locale)
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(live_server.url_for("/meetings/actions/ledger"))
        m = page.evaluate(MEASURE)
        page.screenshot(path=artifacts / f"ledger-{username}-{locale}-375.png")
        failures += [f"{locale}: heading {h['text']!r} on {h['lines']} lines"
                     for h in m["heads"] if h["lines"] > h["words"]]
        failures += [f"{locale}: park {p['text']!r} on {p['lines']} lines"
                     for p in m["parks"] if p["lines"] > 1]
        if locale == "zh_CN" and m["table"] > m["box"]:
            failures.append(f"{locale}: summary {m['table']} px in a {m['box']} px box")
        if m["parkLeft"] < 0:
            failures.append(f"{locale}: the park column scrolls out of view ({m['parkLeft']})")
        probe = page.evaluate(PROBE)
        if probe["scroll"] > probe["inner"]:
            failures.append(f"{locale}: page {probe['scroll']} px wide")
        failures += [f"{locale}: squeezed {s}" for s in probe["squeezed"]]
    assert not failures, "\n".join(failures)
    assert page.console_errors == []
