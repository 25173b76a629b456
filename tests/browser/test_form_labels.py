"""In Chromium: pages with several forms (a land case: the transition and the progress note; a 督办
item: the progress form and the review steps) give each box its own id, so every label names its
own form's box (a second id="note" left the note form's label pointing at the other form)."""

import pytest

from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in
from tests.browser.test_small_items import detail_paths

pytestmark = pytest.mark.browser

PROBLEMS = """() => {
  const out = [];
  const seen = {};
  document.querySelectorAll('[id]').forEach(e => { seen[e.id] = (seen[e.id] || 0) + 1; });
  Object.entries(seen).forEach(([id, n]) => { if (n > 1) out.push('id ' + id + ' x' + n); });
  document.querySelectorAll('main form').forEach(form => {
    form.querySelectorAll('input:not([type=hidden]), select, textarea').forEach(box => {
      if (!box.getClientRects().length || box.getAttribute('aria-label')) return;
      const own = [...(box.labels || [])].some(l => form.contains(l) && l.textContent.trim());
      if (!own) out.push('unlabelled ' + box.name + ' in ' + form.getAttribute('action'));
    });
  });
  return out;
}"""


def test_every_box_has_its_own_label(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    paths = [p for p in detail_paths(live_server.app)
             if p.startswith(("/cases/", "/meetings/actions/"))]
    page = browser_page
    sign_in(page, live_server, "admin")  # reviews the item: progress form and 催办 step
    for path in paths:
        page.goto(live_server.url_for(path))
        assert page.locator("main form textarea").count() >= 2, path
        assert page.evaluate(PROBLEMS) == [], path
    assert page.console_errors == []
