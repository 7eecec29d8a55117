"""The learned source/target choice (:mod:`fairweather.text._rolemodel`): what it decides, what the rules keep,
how it is fitted, and that the shipped weights are the build's (the rebuild itself needs ../shared/data)."""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from fairweather.text import _rolemodel, code_text

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("build_role_model", ROOT / "tools" / "build_role_model.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_role_model"] = module
    spec.loader.exec_module(module)
    return module


def _first(text: str):
    return code_text(text).events[0]


#: Weights that want no actor on either side, whatever the sentence says.
_NOBODY = {"source": {"none": 50.0}, "target": {"none": 50.0}}


def test_the_model_picks_the_roles_where_no_construction_decides():
    assert (_first("China sent weapons to Iran.").source_iso3, _first("China sent weapons to Iran.").target_iso3) \
        == ("CHN", "IRN")
    with _rolemodel.using(_NOBODY):
        e = _first("China sent weapons to Iran.")
    assert (e.source_iso3, e.target_iso3) == (None, None)


@pytest.mark.parametrize("text, source, target", [
    ("Iran was attacked by Israeli drones.", "ISR", "IRN"),  # the passive with "by"
    ("Netanyahu told Arafat that Israel would not withdraw.", "ISR", "PSE"),  # the one told
    ("Iran must halt enrichment, the French minister said.", "FRA", "IRN"),  # a demand in reported speech
    ("Concessions made by Syria to Turkey eased the crisis.", "SYR", "TUR"),  # "by X" after a trigger
])
def test_the_rules_constructions_are_not_the_models(text, source, target):
    with _rolemodel.using(_NOBODY):
        e = _first(text)
    assert (e.source_iso3, e.target_iso3) == (source, target)


def test_the_candidates_the_rules_rule_out_stay_out_whatever_the_weights():
    # the reporter of "according to" is never an actor, even for weights that want it
    with _rolemodel.using({"source": {"cited": 50.0}, "target": {"cited": 50.0}}):
        e = _first("According to Iranian state media, Israeli jets struck Tehran.")
    assert "IRN" != e.source_iso3
    # the one an outward act reaches, named after it, is no source, even for weights that want a later name
    with _rolemodel.using({"source": {"side=a": 50.0, "side=b": 1.0}, "target": {}}):
        assert _first("Humanitarian aid arrived in Sudan.").source_iso3 is None
        assert _first("Russia sent aid to Sudan.").source_iso3 == "RUS"  # one before it is in play


def test_fit_learns_which_candidate_is_right():
    tool = _tool()
    # two candidates per decision; the right one carries "good", both carry noise features
    groups = [([["good", f"n{i % 3}"], [f"n{(i + 1) % 3}", "bad"]], [True, False], 1.0) for i in range(30)]
    w = tool.fit(groups, 1.0)
    assert w["good"] > 0 > w["bad"]
    stronger = tool.fit(groups, 30.0)  # a larger penalty shrinks the weights
    assert 0 < stronger["good"] < w["good"]
    assert tool.fit(groups, 1.0) == w  # the same bytes each run


def test_the_shipped_weights_record_their_choice():
    with (resources.files("fairweather.text") / "data" / "role_model.json").open(encoding="utf-8") as fh:
        shipped = json.load(fh)
    grid = shipped["cross_validation"]["grid"]
    best = max(grid, key=lambda g: (g["plover_actors"], g["ngec_actors"], -g["l2"]))
    assert shipped["chosen"] == {"l2": best["l2"], "plover_weight": best["plover_weight"]}
    assert set(shipped["weights"]) == {"source", "target"} and all(shipped["weights"].values())
    assert "development halves" in shipped["about"]


@pytest.mark.reference
@pytest.mark.slow
def test_the_shipped_weights_rebuild_from_the_development_half():
    tool = _tool()
    folder = tool.shared_plover_dir()
    if folder is None:
        pytest.skip("reference data ../shared/data/events/plover is absent (set FAIRWEATHER_SHARED_DATA)")
    rebuilt = json.dumps(tool.build(folder), indent=1, sort_keys=True) + "\n"
    assert rebuilt == tool.OUT.read_text(encoding="utf-8")
