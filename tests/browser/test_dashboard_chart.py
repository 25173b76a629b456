"""In Chromium: the dashboard's campaign chart (an <img> the browser keeps for a minute) follows a
change of language at once, and on a phone keeps its labels readable, scrolling in its box."""

import pytest

from hub.seed import seed_demo
from tests.browser.demo import DEMO_PASSWORD, sign_in

pytestmark = pytest.mark.browser

# what the browser has for the chart's address, from its cache if it has it there
CACHED_CHART = """async () => {
  const img = document.querySelector('[data-testid=campaign-chart]');
  const resp = await fetch(img.currentSrc, {cache: 'force-cache'});
  return await resp.text();
}"""


def test_chart_follows_the_language_and_stays_readable_on_a_phone(live_server, browser_page):
    with live_server.app.app_context():
        seed_demo(DEMO_PASSWORD)
    page = browser_page
    sign_in(page, live_server, "admin")  # the dashboard in Chinese: the chart is cached
    page.wait_for_function("() => document.querySelector('[data-testid=campaign-chart]')"
                           ".complete")
    assert "新签约项目" in page.evaluate(CACHED_CHART)

    with page.expect_navigation():
        page.click(".language-switch button[value=en]")
    page.wait_for_function("() => document.querySelector('[data-testid=campaign-chart]')"
                           ".complete")
    chart = page.evaluate(CACHED_CHART)
    assert "Projects signed" in chart and "新签约项目" not in chart

    page.set_viewport_size({"width": 375, "height": 800})
    width = page.get_by_test_id("campaign-chart").evaluate(
        "img => img.getBoundingClientRect().width")
    assert width >= 560  # 12 px labels stay near 12 px (640 px drawn)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert page.console_errors == []
