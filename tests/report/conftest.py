"""Fixtures of the report tests: small stand-in Results, the embedded store, and the Iran 2025 report.

The stand-ins carry exactly the columns the Results objects document, so the
chart and template code is tested on its own, fast; the real library is
exercised by the ``iran_report`` fixture and the tests that use it.
"""

from __future__ import annotations

import datetime as dt
import importlib
import shutil
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

#: The README's main command, minus --out.
README_ARGS = ["report", "--target", "IRN", "--attackers", "ISR,USA", "--date", "2025-06-13",
               "--bloc", "CRINK", "--compare", "NATO,CSTO"]


@pytest.fixture(scope="session")
def real_library() -> None:
    """The tests that use this run the real library: the shipped model must load (a failure, never a skip)."""
    from fairweather.forecast import load_model

    load_model()


@dataclass(frozen=True)
class StandInScenario:
    target: str
    attackers: tuple[str, ...]
    date: dt.date
    partners: tuple[str, ...] | None = None
    assume: tuple[str, ...] = ()


class StandInForecast:
    """A ForecastResult look-alike: three partners, four features each."""

    partners = ("RUS", "CHN", "PRK")
    names = {"RUS": "Russia", "CHN": "China", "PRK": "North Korea"}

    def to_frame(self) -> pd.DataFrame:
        rows = []
        for i, p in enumerate(self.partners):
            probs = np.array([0.2, 0.3, 0.2, 0.2, 0.07, 0.03]) if i == 0 else np.array([0.3, 0.4, 0.15, 0.1, 0.04, 0.01])
            row: dict[str, object] = {"partner": p, "partner_name": self.names[p]}
            row.update({f"p_level_{k}": float(probs[k]) for k in range(6)})
            row.update({f"p_ge_{k}": float(probs[k:].sum()) for k in range(1, 6)})
            row.update(expected_level=float((probs * np.arange(6)).sum()), interval_low=0.0, interval_high=3.0,
                       most_likely_level=int(probs.argmax()), linear_predictor=0.5 - i,
                       reasons=f"no defence obligation to IRN (-0.8); {p} trades with IRN (+0.3)")
            rows.append(row)
        return pd.DataFrame(rows)

    def contributions(self) -> pd.DataFrame:
        feats = [("defense", -0.8), ("trade", 0.3), ("war", -0.4), ("nuclear", 0.1), ("zero", 0.0)]
        return pd.DataFrame([{"partner": p, "feature": f, "label": f"{f} label", "value": 1.0, "contribution": c,
                              "text": f"{f} of {p}"} for p in self.partners for f, c in feats])

    def provenance(self) -> pd.DataFrame:
        return pd.DataFrame([
            {"partner": "RUS", "table": "ties", "kind": "oil_export_share", "value": "90", "source_id": "s-data",
             "citation": "Dataset v1", "url": "https://example.org/data"},
            {"partner": "RUS", "table": "state_facts", "kind": "<script>alert(1)</script>", "value": "1",
             "source_id": "s-bad", "citation": "a bad link", "url": "javascript:alert(1)"},
        ])

    def compare(self) -> pd.DataFrame:
        f = self.to_frame()
        return pd.DataFrame({"partner": f["partner"], "expected_level_base": f["expected_level"],
                             "expected_level": f["expected_level"] + 0.5, "delta": 0.5,
                             "p_ge_3_base": f["p_ge_3"], "p_ge_3": f["p_ge_3"] + 0.1})


class StandInCohesion:
    weights = {"density": 1.0, "asymmetry": 1.0}

    def __init__(self, blocs: tuple[str, ...] = ("CRINK",)) -> None:
        self.blocs = blocs

    def weights_frame(self) -> pd.DataFrame:
        return pd.DataFrame({"component": ["density", "asymmetry"], "weight": [1.0, 1.0],
                             "column": ["strength", "asymmetry"], "transform": ["as is", "1 - x"]})

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame([{"bloc": b, "year": y, "members": 4, "strength": 0.05 * (y - 2014), "asymmetry": 0.6,
                              "help_events": 3, "composite": 0.3 + 0.01 * (y - 2015)}
                             for b in self.blocs for y in range(2015, 2026)])


class StandInBacktest:
    def calibration(self) -> pd.DataFrame:
        return pd.DataFrame({"event": ["level >= 3"] * 3 + ["level >= 4"] * 3, "bin": ["0-0.2", "0.2-0.4", "0.4-1"] * 2,
                             "n": [20, 10, 5] * 2, "mean_forecast": [0.1, 0.3, 0.7] * 2, "observed": [0.05, 0.3, 0.6] * 2})

    def scores(self) -> pd.DataFrame:
        return pd.DataFrame({"split": ["evaluation 2020+"] * 3, "method": ["model", "base_rate", "treaty_bf2018"],
                             "n": [33] * 3, "rps": [0.14, 0.13, 0.2], "brier_ge3": [0.08, 0.09, 0.1]})

    def skill(self) -> pd.DataFrame:
        return pd.DataFrame({"split": ["evaluation 2020+"] * 2, "baseline": ["base_rate", "treaty_bf2018"],
                             "metric": ["rps", "rps"], "model": [0.14, 0.14], "baseline_score": [0.13, 0.2],
                             "skill": [-0.07, 0.3]})


def _standin_graph() -> nx.MultiGraph:
    g = nx.MultiGraph(bloc="CRINK", year=2025)
    for s, name, role in [("RUS", "Russia", "member"), ("CHN", "China", "member"), ("IRN", "Iran", "member"),
                          ("PRK", "North Korea", "member"), ("USA", "United States", "adversary")]:
        g.add_node(s, name=name, role=role)
    g.add_edge("RUS", "IRN", kind="partnership", label="2025 treaty")
    g.add_edge("IRN", "CHN", kind="oil_export_share", label="oil")
    g.add_edge("CHN", "PRK", kind="defense", label="1961 treaty")
    g.add_edge("RUS", "PRK", kind="defense", label="2024 treaty")
    g.add_edge("RUS", "USA", kind="rivalry", label="rivals")
    return g


@pytest.fixture
def standin_forecast() -> StandInForecast:
    return StandInForecast()


@pytest.fixture
def standin_backtest() -> StandInBacktest:
    return StandInBacktest()


@pytest.fixture
def standin_cohesion() -> StandInCohesion:
    return StandInCohesion(("CRINK", "NATO"))


@pytest.fixture
def standin_graph() -> nx.MultiGraph:
    return _standin_graph()


@pytest.fixture
def standin_library(monkeypatch: pytest.MonkeyPatch):
    """Point the report at stand-in forecast and metrics functions; returns the scenario to report on."""
    # the subpackage by its dotted name: the attribute fairweather.forecast is the verb, not the package
    fc = importlib.import_module("fairweather.forecast")
    mt = importlib.import_module("fairweather.metrics")

    monkeypatch.setattr(fc, "forecast", lambda scenario, store=None, model=None: StandInForecast())
    monkeypatch.setattr(fc, "backtest", lambda store=None: StandInBacktest())
    monkeypatch.setattr(mt, "cohesion", lambda b, years, store=None, weights=None: StandInCohesion((b.name,)))
    monkeypatch.setattr(mt, "compare_blocs", lambda blocs, years, store=None, weights=None:
                        StandInCohesion(tuple(b.name for b in blocs)))
    monkeypatch.setattr(mt, "bloc_network", lambda b, year, store=None: _standin_graph())
    return StandInScenario("IRN", ("ISR", "USA"), dt.date(2025, 6, 13), assume=("RUS.at_war_with=none",))


@pytest.fixture(scope="session")
def embedded_store():
    from fairweather.store import Store

    store = Store.open(history=True)  # the real library: the shipped model reads the history layer
    yield store
    store.close()


@pytest.fixture(scope="session")
def iran_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The README's main command, run once through the CLI: the report path and what the command printed."""
    from typer.testing import CliRunner

    from fairweather.cli import app

    out = tmp_path_factory.mktemp("report") / "out" / "iran-2025.html"
    result = CliRunner().invoke(app, [*README_ARGS, "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(out, ARTIFACTS / "iran-2025.html")
    return out, result.output



