"""The dashboard in headless Chromium: build the Iran 2025 scenario, see the forecast, switch to cohesion.

Every page is looked at screen by screen at 1280x800: no two visible text boxes may intersect (a sticky
header over a chart, two labels on one spot), and each screen is saved to artifacts/screenshots/ (git-ignored)
as ``dashboard-<page>-<n>.png``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def page(chromium_context):
    """A fresh tab that records console errors and refuses every request that leaves 127.0.0.1."""
    page = chromium_context.new_page()
    page.errors, page.outside = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def refuse(route):
        page.outside.append(route.request.url)
        route.abort()

    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), refuse)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield page
    page.close()


def ready(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready]")


def test_scenario_builder_shows_forecast_reasons_and_chart(live_server, page, real_library, text_collisions):
    ready(page, live_server + "/")
    page.fill("#target", "IRN")
    page.fill("#attackers", "ISR,USA")
    page.fill("#date", "2025-06-13")
    page.fill("#partners", "")
    page.fill("#assume", "RUS.at_war_with=none")
    page.click("#run-forecast")
    page.wait_for_selector("#forecast-chart .main-svg", timeout=30_000)
    page.wait_for_selector("#forecast-table tbody tr")
    table = page.inner_text("#forecast-table")
    assert "RUS" in table and "CHN" in table and "reasons" in table
    assert "did (irn-2025)" in table  # what each partner did, beside its forecast
    page.wait_for_selector("#contrib-chart .main-svg")
    page.wait_for_selector("#whatif-chart .main-svg")
    assert page.locator("#provenance-table a[href^='http']").count() > 5
    assert "target=IRN" in page.url  # the scenario is in the address, to share or reload
    assert not (found := text_collisions(page, SCREENSHOTS / "dashboard-scenario")), "\n".join(found)

    page.click("nav >> text=Cohesion")
    page.wait_for_url(re.compile(r"/cohesion"))
    page.wait_for_selector("body[data-ready]")
    page.fill("#bloc", "CRINK")
    page.fill("#from", "2022")
    page.fill("#to", "2025")
    page.fill("#compare", "CSTO")
    page.click("#run-cohesion")
    page.wait_for_selector("#cohesion-chart .main-svg", timeout=30_000)
    page.wait_for_selector("#compare-chart .main-svg")
    assert "2025" in page.inner_text("#cohesion-table")
    assert not (found := text_collisions(page, SCREENSHOTS / "dashboard-cohesion")), "\n".join(found)
    assert page.errors == [] and page.outside == []


def test_bad_input_shows_a_clear_message(live_server, page):
    ready(page, live_server + "/")
    page.fill("#target", "Isreal")
    page.fill("#attackers", "Narnia")
    page.click("#run-forecast")
    page.wait_for_selector("#error:not([hidden])")
    text = page.inner_text("#error")
    assert "Did you mean" in text and ("target" in text or "attackers" in text)
    page.screenshot(path=str(SCREENSHOTS / "dashboard-error.png"))
    # A 4xx the page handled is not a script error; the browser still logs the failed fetch.
    assert all("status of 422" in e for e in page.errors) and page.outside == []


def test_cohesion_network_and_data_pages(live_server, page, text_collisions):
    # The same question as the scenario test asks: answered from the app's cache when both run.
    page.goto(live_server + "/cohesion?bloc=CRINK&from=2022&to=2025&compare=CSTO")
    page.wait_for_selector("#cohesion-chart .main-svg", timeout=30_000)

    ready(page, live_server + "/network")
    page.fill("#bloc", "CRINK")
    page.fill("#year", "2025")
    page.click("#run-network")
    page.wait_for_selector("#network-chart .main-svg", timeout=30_000)
    assert page.locator("#edges-table tbody tr").count() > 10
    assert not (found := text_collisions(page, SCREENSHOTS / "dashboard-network")), "\n".join(found)

    ready(page, live_server + "/data")
    page.fill("#state", "IRN")
    page.fill("#as_of", "2025-06-13")
    page.click("#run-profile")
    page.wait_for_selector("#ties-table tbody tr")
    assert page.locator("#ties-table a[href^='http']").count() > 0
    page.locator("#crises-table tr", has_text="irn-2025").click()
    page.wait_for_selector("#responses-table tbody tr")
    assert "RUS" in page.inner_text("#responses-table")
    assert not (found := text_collisions(page, SCREENSHOTS / "dashboard-data")), "\n".join(found)

    if page.locator("nav a[href='/saydo']").count():  # the live server has the event tests' GDELT fixture
        page.click("nav >> text=Say–do")
        page.wait_for_selector("body[data-ready]")
        page.click("#run-saydo")
        page.wait_for_selector("#saydo-chart .main-svg", timeout=30_000)
        assert "RUS" in page.inner_text("#saydo-table")
        assert not (found := text_collisions(page, SCREENSHOTS / "dashboard-saydo")), "\n".join(found)
    assert page.errors == [] and page.outside == []
