"""One answer, three interfaces (issue 11 item 4): for the same scenario, ``fairweather forecast``, the
dashboard's ``/api/forecast`` and the report show the same partners, numbers and record, and the CLI's
cohesion and the dashboard's start from the same default years. Each interface runs with its own defaults
(no store given), as a user starts it; the application layer (:mod:`fairweather.briefing`) is the one path."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from fairweather.cli import app

SCENARIO = {"target": "UKR", "attackers": "RUS", "date": "2022-02-24"}  # a crisis the pack codes: the record shows too


class _Tables(HTMLParser):
    """The report's tables, each as (caption, header cells, rows of cells)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[str, list[str], list[list[str]]]] = []
        self._caption, self._in, self._cell, self._row = "", "", None, None

    def handle_starttag(self, tag, attrs):  # noqa: ANN001 - HTMLParser's signature
        if tag == "h3":
            self._in, self._caption = "h3", ""
        elif tag == "table":
            self.tables.append((self._caption, [], []))
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):  # noqa: ANN001
        if tag == "h3":
            self._in = ""
        elif tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self.tables:
            _, head, rows = self.tables[-1]
            (rows if head else head).extend([self._row] if head else self._row)
            self._row = None

    def handle_data(self, data):  # noqa: ANN001
        if self._in == "h3":
            self._caption += data
        if self._cell is not None:
            self._cell += data


@pytest.fixture(scope="module")
def cli_answer() -> dict:
    res = CliRunner().invoke(app, ["forecast", "-t", SCENARIO["target"], "-a", SCENARIO["attackers"], "-d",
                                   SCENARIO["date"], "--format", "json"])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


@pytest.fixture(scope="module")
def web_client():
    from fastapi.testclient import TestClient

    from fairweather.web import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as c:  # no store given: what `fairweather serve` starts
        yield c


def test_cli_and_dashboard_give_the_same_forecast(cli_answer: dict, web_client) -> None:
    res = web_client.get("/api/forecast", params=SCENARIO)
    assert res.status_code == 200, res.text
    web = res.json()
    assert web["scenario"] == cli_answer["scenario"] and web["recorded_crisis"] == cli_answer["recorded_crisis"] == "ukr-2022"
    cli_rows = {r["partner"]: r for r in cli_answer["forecast"]}
    web_rows = {r["partner"]: r for r in web["forecast"]}
    assert list(cli_rows) == list(web_rows) and len(cli_rows) <= 15
    for partner, r in cli_rows.items():
        w = web_rows[partner]
        for key in ("p_ge_1", "p_ge_3", "p_ge_4", "expected_level", "recorded", "chosen_because", "reasons"):
            assert w[key] == pytest.approx(r[key]) if isinstance(r[key], float) else w[key] == r[key], (partner, key)
    assert len(web["contributions"]) == len(cli_answer["contributions"])


def test_the_report_shows_the_cli_numbers(cli_answer: dict) -> None:
    from fairweather.forecast import Scenario
    from fairweather.report import build_report

    html = build_report(Scenario(SCENARIO["target"], (SCENARIO["attackers"],), SCENARIO["date"]))
    parser = _Tables()
    parser.feed(html)
    (head, rows), = [(h, r) for caption, h, r in parser.tables if caption == "Forecast and reasons"]
    col = {name: i for i, name in enumerate(head)}
    shown = {row[col["partner"]]: row for row in rows}
    cli_rows = {r["partner"]: r for r in cli_answer["forecast"]}
    assert set(shown) == set(cli_rows)
    for partner, r in cli_rows.items():
        assert shown[partner][col["P(level ≥ 3)"]] == f"{r['p_ge_3']:.2g}", partner
        assert shown[partner][col["expected level"]] == f"{r['expected_level']:.2g}", partner
        assert shown[partner][col["recorded"]] == (r["recorded"] or ""), partner


def test_cohesion_starts_from_the_same_default_years(web_client) -> None:
    res = CliRunner().invoke(app, ["cohesion", "CRINK", "--format", "json"])
    assert res.exit_code == 0, res.output
    cli_years = sorted({r["year"] for r in json.loads(res.stdout)})
    web = web_client.get("/api/cohesion", params={"bloc": "CRINK"})
    assert web.status_code == 200, web.text
    assert web.json()["years"] == [cli_years[0], cli_years[-1]]
    page = web_client.get("/cohesion").text
    assert f'value="{cli_years[0]}"' in page and f'value="{cli_years[-1]}"' in page
