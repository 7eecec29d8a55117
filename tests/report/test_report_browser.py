"""The Iran 2025 report in headless Chromium, from file:// with every network request refused.

It is looked at screen by screen at 1280x800 (``artifacts/screenshots/report-iran-2025-<n>.png``): no two
visible text boxes may intersect, in the network chart above all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def test_report_opens_offline_and_every_chart_renders(iran_report, chromium_context, text_collisions):
    path, _ = iran_report
    html = path.read_text(encoding="utf-8")
    expected = int(re.search(r'<meta name="fairweather-charts" content="(\d+)">', html).group(1))
    page = chromium_context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    def refuse(route):
        requests.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^https?://"), refuse)
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {expected}",
                               timeout=30_000)
        assert page.locator(".js-plotly-plot").count() == expected
        assert page.locator("#provenance a[href^='http']").count() > 10
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # it scans in a few screens: details are folded (14 partners' "why" charts made it 13,000 px long)
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height <= 10 * 800, f"the report is {height} px long at 1280x800"
        folded = page.locator("#contributions details.fold")
        assert folded.count() >= 5 and page.locator("#contributions details[open]").count() == 0
        folded.first.locator("summary").click()  # unfolded, a chart drawn while folded takes the page's width
        page.wait_for_function("document.querySelector('#contributions details[open] .main-svg')"
                               ".getBoundingClientRect().width > 900")
        folded.first.locator("summary").click()
        page.locator("#network").screenshot(path=str(SCREENSHOTS / "report-network.png"))
        network = text_collisions(page, within="#network", banner="nav")
        assert network == [], "the network chart's labels collide:\n" + "\n".join(network)
        # the whole report, screen by screen (the sticky nav covers what scrolls under it)
        assert not (found := text_collisions(page, SCREENSHOTS / "report-iran-2025", banner="nav")), "\n".join(found)
    finally:
        page.close()
    assert errors == []
    assert requests == [], "the report must not ask the network for anything"
