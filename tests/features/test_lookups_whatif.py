"""The lookups the history features and the candidate rule share are kept per inputs, and a what-if copy builds
its own: a tie the what-if adds must be in the copy's index (it was missing while the index lived on the
original and was copied along with it)."""

from __future__ import annotations

import datetime as dt

from fairweather.features import feature_inputs
from fairweather.features._lookups import _from_index
from fairweather.features.ranking import rank_candidates
from fairweather.store import Store

D = dt.date(2025, 6, 13)


def test_a_tie_added_by_a_what_if_is_in_the_copys_index_not_the_originals() -> None:
    inp = feature_inputs(Store.open())
    assert ("IRN", "rivalry") not in _from_index(inp).get("BRA", [])  # built (and kept) before the what-if
    what_if = inp.with_assumptions(["BRA>IRN.rivalry=positional"], D)
    assert ("IRN", "rivalry") in _from_index(what_if)["BRA"]
    assert ("IRN", "rivalry") not in _from_index(inp).get("BRA", [])
    assert _from_index(inp) is _from_index(inp)  # kept: built once per inputs


def test_the_candidate_rule_sees_a_rivalry_the_what_if_adds() -> None:
    inp = feature_inputs(Store.open())
    assert "rival of an attacker" not in dict(rank_candidates(inp, "USA", ("IRN",), D, None)).get("BRA", [])
    what_if = inp.with_assumptions(["IRN>BRA.rivalry=positional"], D)
    assert "rival of an attacker" in dict(rank_candidates(what_if, "USA", ("IRN",), D, None))["BRA"]
