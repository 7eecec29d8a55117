"""The self-contained HTML report: one file, plotly.js once, nothing loaded from the network."""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

import pytest

from fairweather.errors import ModelError, UnknownStateError
from fairweather.report import build_report, report_years, write_report
from fairweather.report.html import _safe_url

FIXTURE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "pack_small"


@pytest.fixture(scope="module")
def small_store():
    from fairweather.store import Store

    return Store.open(pack=FIXTURE_PACK)


def outside_plotlyjs(html: str) -> str:
    """The document with the inlined plotly.js bundle cut out (its code holds URLs it never loads here)."""
    import plotly.offline

    js = plotly.offline.get_plotlyjs()
    assert html.count(js) == 1, "plotly.js must be inlined exactly once"
    return html.replace(js, "")


def check_offline(html: str) -> None:
    rest = outside_plotlyjs(html)
    assert not re.search(r"<script[^>]+src=", rest), "no external scripts"
    assert not re.search(r"<link\b", rest), "no linked stylesheets or fonts"
    assert "@import" not in rest and not re.search(r"url\(\s*['\"]?https?:", rest)
    assert not re.search(r"<(img|iframe|object|embed)\b", rest)
    # The only web addresses left are the source links of the provenance table (and SVG/XML namespaces);
    # a source may live on a CDN host (cdn.saudigazette.com.sa), the page may load nothing from one.
    unlinked = re.sub(r"<a\b[^>]*>.*?</a>", "", rest, flags=re.S)
    assert "cdn" not in unlinked.lower()
    assert {u for u in re.findall(r"https?://[^\s\"'<>]+", unlinked) if "w3.org" not in u} == set()


def chart_count(html: str) -> int:
    meta = re.search(r'<meta name="fairweather-charts" content="(\d+)">', html)
    assert meta
    n = int(meta.group(1))
    assert len(re.findall(r'<div id="fw-chart-\d+"', html)) == n
    return n


def test_report_from_standin_results_is_self_contained(standin_library, small_store):
    html = build_report(standin_library, store=small_store, bloc="CRINK", compare=["NATO"], years=(2015, 2025))
    check_offline(html)
    # forecast, 3 waterfalls, what-if, cohesion, comparison, network, calibration, skill
    assert chart_count(html) == 10
    for section in ("forecast", "contributions", "whatif", "cohesion", "network", "backtest", "provenance"):
        assert f'<section id="{section}">' in html
    assert "RUS.at_war_with=none" in html
    assert 'href="https://example.org/data"' in html


def test_report_escapes_data_and_links_only_web_addresses(standin_library, small_store):
    html = outside_plotlyjs(build_report(standin_library, store=small_store, bloc="CRINK"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html
    assert _safe_url("javascript:alert(1)") is None and _safe_url("https://x.org") == "https://x.org"


def test_report_is_deterministic(standin_library, small_store):
    a = build_report(standin_library, store=small_store, bloc="CRINK")
    b = build_report(standin_library, store=small_store, bloc="CRINK")
    assert a == b


def test_sections_without_data_carry_a_note(standin_library, small_store, monkeypatch):
    fc = importlib.import_module("fairweather.forecast")  # the package; fairweather.forecast is the verb

    def no_backtest(store=None):
        raise ModelError("The pack has no responses in crises before 2020-01-01: nothing to backtest.")

    monkeypatch.setattr(fc, "backtest", no_backtest)
    html = build_report(standin_library, store=small_store, bloc="CRINK")
    assert "Not available: The pack has no responses in crises before 2020-01-01" in html
    assert chart_count(html) == 7  # forecast, 3 waterfalls, what-if, cohesion, network


def test_input_errors_stop_the_report(standin_library, small_store, monkeypatch, tmp_path):
    mt = importlib.import_module("fairweather.metrics")

    def unknown(b, years, store=None, weights=None):
        raise UnknownStateError("Narnia", ["Armenia (ARM)"])

    monkeypatch.setattr(mt, "cohesion", unknown)
    with pytest.raises(UnknownStateError):
        write_report(standin_library, tmp_path / "r.html", store=small_store, bloc=["IRN", "Narnia"])
    assert not list(tmp_path.iterdir())


def test_unknown_bloc_stops_the_report(standin_library, small_store, tmp_path):
    from fairweather.errors import CoverageError

    with pytest.raises(CoverageError, match="neither a bloc"):
        write_report(standin_library, tmp_path / "r.html", store=small_store, bloc="CRIN")
    assert not list(tmp_path.iterdir())


def test_write_report_is_atomic(standin_library, small_store, tmp_path, monkeypatch):
    path = tmp_path / "deep" / "folder" / "r.html"
    assert write_report(standin_library, path, store=small_store, bloc="CRINK") == path
    first = path.read_bytes()
    assert path.stat().st_mode & 0o777 == 0o644

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_report(standin_library, path, store=small_store, bloc="RUS,CHN")
    assert path.read_bytes() == first
    assert [p.name for p in path.parent.iterdir()] == ["r.html"]


def test_report_with_events_adds_say_versus_do(standin_library, small_store):
    gdelt = Path(__file__).resolve().parents[1] / "events" / "fixtures" / "20250616000000.export.CSV"
    from fairweather.sources.eventfiles import read_events

    html = build_report(standin_library, store=small_store, bloc="CRINK", events=read_events([str(gdelt)]))
    check_offline(html)
    assert chart_count(html) == 10  # forecast, 3 waterfalls, what-if, cohesion, network, 2 backtest, say-do
    section = html.split('<section id="saydo">', 1)[1].split("</section>", 1)[0]
    assert "Say versus do" in section and "<td>RUS</td>" in section


def test_report_years():
    import datetime as dt

    assert report_years(dt.date(2025, 6, 13)) == range(2015, 2026)
    assert report_years(dt.date(2025, 6, 13), (2018, 2022)) == range(2018, 2023)
    assert report_years(dt.date(2025, 6, 13), range(2020, 2022)) == range(2020, 2022)


# -- the real thing: the README's main command -------------------------------------------------------
def test_iran_2025_report_is_complete_and_offline(iran_report):
    path, _ = iran_report
    html = path.read_text(encoding="utf-8")
    check_offline(html)
    n = chart_count(html)
    assert n >= 8
    for section in ("forecast", "contributions", "cohesion", "network", "backtest", "provenance"):
        assert f'<section id="{section}">' in html
    assert 'class="note"' not in html, "every section of the Iran 2025 report has its data"
    for partner in ("RUS", "CHN"):
        assert f"Why {partner}: contributions" in html
    assert "CRINK compared with NATO, CSTO" in html
    # the pack codes this crisis: what each partner did stands beside its forecast, with the source
    forecast = html.split('<section id="forecast">', 1)[1].split("</section>", 1)[0]
    assert "irn-2025" in forecast and "<th>recorded</th>" in forecast
    from fairweather.outcomes import recorded_outcomes
    from fairweather.store import Store

    rec = recorded_outcomes(Store.open(), "IRN", ["ISR", "USA"], "2025-06-13", ["RUS"])
    assert f"<td>{rec['recorded'].iloc[0]}</td>" in forecast and f"<td>{rec['source_id'].iloc[0]}</td>" in forecast
    # Every fact used is in the provenance table with its source link.
    prov = html.split('<section id="provenance">', 1)[1]
    assert prov.count("<tr>") > 20
    assert prov.count('rel="noopener noreferrer"') > 10
