"""Charts drawn from Results objects: stand-ins pin the drawing, the real library checks the fit."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fairweather.report import charts



def test_forecast_chart_stacks_level_probabilities_and_draws_intervals(standin_forecast):
    fig = charts.forecast_chart(standin_forecast)
    bars = [t for t in fig.data if t.type == "bar"]
    assert [t.name for t in bars] == [f"{k} {n}" for k, n in enumerate(charts.LEVEL_NAMES)]
    totals = np.sum([np.asarray(t.x, dtype=float) for t in bars], axis=0)
    assert np.allclose(totals, 1.0)
    (dots,) = [t for t in fig.data if t.type == "scatter"]
    # Highest expected level on top: plotly draws the last category at the top.
    assert dots.y[-1].startswith("RUS")
    assert min(dots.error_x.array) >= 0 and min(dots.error_x.arrayminus) >= 0
    assert fig.layout.barmode == "stack"


def test_contributions_waterfall_ends_in_the_linear_predictor(standin_forecast):
    fig = charts.contributions_chart(standin_forecast, "RUS")
    (wf,) = fig.data
    assert wf.type == "waterfall"
    assert list(wf.measure) == ["relative"] * 4 + ["total"]  # the zero contribution is left out
    assert wf.y[0] == "defense of RUS"  # largest first, in plain words
    assert wf.y[-1] == "linear predictor"
    grouped = charts.contributions_chart(standin_forecast, "RUS", top=2).data[0]
    assert grouped.y[2] == "all other features (2)"
    assert grouped.x[2] == pytest.approx(0.3 + 0.1)  # trade and nuclear, after defense and war


def test_whatif_chart_shows_base_and_assumed(standin_forecast):
    fig = charts.whatif_chart(standin_forecast)
    assert [t.name for t in fig.data] == ["as the data stand", "with the assumptions"] * 2


def test_cohesion_comparison_draws_composites_and_one_bloc_its_components(standin_cohesion):
    fig = charts.cohesion_chart(standin_cohesion)
    assert [t.name for t in fig.data] == ["CRINK: composite", "NATO: composite"]  # a short legend, no scroll box
    one = charts.cohesion_chart(standin_cohesion, only=["CRINK"])
    names = [t.name for t in one.data]
    assert names == ["CRINK: composite", "strength", "asymmetry"]  # the weights table's columns
    assert not any("help events" in n or "members" in n for n in names)  # counts are not scores
    parts = one.data[1:]
    styles = {(t.line.color, t.line.dash, t.marker.symbol) for t in parts}
    assert len(styles) == len(parts) and len({t.line.dash for t in parts}) == len(parts)  # told apart without colour


def test_cohesion_composite_breaks_where_its_components_change(standin_cohesion):
    frame = standin_cohesion.to_frame()
    frame = frame[frame["bloc"] == "CRINK"].copy()
    frame.loc[frame["year"] >= 2020, "asymmetry"] = float("nan")  # a component drops out in 2020
    fig = charts.cohesion_chart(frame)
    composite = fig.data[0]
    years = list(composite.x)
    assert years.index(None) == years.index(2020) - 1  # no line from 2019 to 2020
    assert years.count(None) == 1
    assert composite.customdata[-1] == "on 1 of 2 components (no asymmetry)" and "drops out" in fig.layout.title.text
    whole = charts.cohesion_chart(standin_cohesion, only=["CRINK"]).data[0]
    assert None not in list(whole.x)  # the same components throughout: one unbroken line


def test_network_chart_is_laid_out_the_same_every_time(standin_graph):
    a, b = charts.network_chart(standin_graph), charts.network_chart(standin_graph.copy())
    assert a.to_json() == b.to_json()
    roles = {t.name for t in a.data if t.mode == "markers+text"}
    assert roles == {"members", "adversaries"}
    labels = sorted(x for t in a.data if t.mode == "markers+text" for x in t.text)
    assert labels == ["CHN", "IRN", "PRK", "RUS", "USA"]


def test_network_chart_draws_one_line_per_pair_and_explains_colour_and_width(standin_graph):
    from fairweather.report._network_chart import EDGE_FAMILIES

    g = standin_graph.copy()
    g.add_edge("RUS", "PRK", kind="arms_delivery", label="shells")  # a second and third tie for RUS–PRK
    g.add_edge("RUS", "PRK", kind="troops_sent", label="Kursk")
    fig = charts.network_chart(g)
    colour = {name: c for name, c, _, _ in EDGE_FAMILIES}
    lines = [t for t in fig.data if t.mode == "lines" and t.x != (None,)]
    pairs = [(t, x) for t in lines for x in range(0, len(t.x), 3)]
    assert len(pairs) == 5  # one line per pair of states, however many ties it carries
    (rus_prk,) = [t for t in lines if t.line.width == 2.6]  # defence, arms and troops: three ties
    assert rus_prk.line.color == colour["defence commitment"]  # the strongest tie names the colour
    (rivalry,) = [t for t in lines if t.line.color == colour["rivalry"]]
    assert rivalry.line.dash == "dash"
    key = {t.name: t.legendgroup for t in fig.data if t.x == (None,)}
    assert {"rivalry", "defence commitment", "other commitment", "trade, energy or aid"} <= set(key)
    assert key["1 tie"] == key["2–3 ties"] == key["4 or more ties"] == "width"


def test_network_labels_point_away_from_the_centre(standin_graph):
    towards = {"middle right": (1, 0), "middle left": (-1, 0), "top center": (0, 1), "bottom center": (0, -1)}
    fig = charts.network_chart(standin_graph)
    states = [(x, y, side) for t in fig.data if t.mode == "markers+text" for x, y, side in zip(t.x, t.y, t.textposition)]
    assert len(states) == 5
    for x, y, side in states:  # off the lines that run inward, and off the next ring's states
        dx, dy = towards[side]
        assert dx * x + dy * y > 0.5 * (x * x + y * y) ** 0.5, (x, y, side)


def test_backtest_charts(standin_backtest):
    cal = charts.calibration_chart(standin_backtest)
    assert [t.name for t in cal.data] == ["perfect calibration", "level >= 3", "level >= 4"]
    skill = charts.skill_chart(standin_backtest)
    assert len(skill.data) == 2  # rps, brier_ge3
    assert list(skill.data[0].y) == ["model", "base_rate", "treaty_bf2018"]
    assert skill.data[0].marker.color[0] == "#f16913"


def test_figure_json_is_strict_json(standin_forecast):
    out = charts.figure_json(charts.forecast_chart(standin_forecast))
    assert set(out) >= {"data", "layout"}
    json.dumps(out, allow_nan=False)


def test_charts_from_the_real_library(real_library, embedded_store):
    # Cohesion, network and backtest charts from the real library are drawn by the README report
    # (test_report_html) and the API tests; here the forecast's, partner by partner.
    from fairweather.forecast import Scenario, forecast

    result = forecast(Scenario("IRN", ("ISR", "USA"), "2025-06-13", assume=("RUS.at_war_with=none",)),
                      store=embedded_store)
    frame = result.to_frame()
    fig = charts.forecast_chart(result)
    assert len(fig.data[0].y) == len(frame)
    for partner in frame["partner"]:
        wf = charts.contributions_chart(result, partner).data[0]
        assert wf.y[-1] == "linear predictor"
        contrib = result.contributions()
        total = contrib.loc[contrib["partner"] == partner, "contribution"].sum()
        assert sum(wf.x[:-1]) == pytest.approx(total, abs=1e-9)
    fast = charts.contributions_charts_json(result, list(frame["partner"]))
    assert fast == {p: charts.figure_json(charts.contributions_chart(result, p)) for p in frame["partner"]}
    assert charts.forecast_chart_json(result) == charts.figure_json(fig)
    assert charts.whatif_chart(result).data


@pytest.mark.parametrize("top", [10, 2])
def test_fast_contributions_json_is_the_figure_plotly_draws(standin_forecast, top):
    partners = sorted(set(standin_forecast.contributions()["partner"].astype(str)))
    fast = charts.contributions_charts_json(standin_forecast, partners, top=top)
    assert list(fast) == partners
    for p in partners:
        assert fast[p] == charts.figure_json(charts.contributions_chart(standin_forecast, p, top=top)), p


def test_fast_forecast_json_is_the_figure_plotly_draws(standin_forecast):
    assert charts.forecast_chart_json(standin_forecast) == charts.figure_json(charts.forecast_chart(standin_forecast))
