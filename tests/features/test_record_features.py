"""Features defined once (the past record, capability) are computed by their registry entry, and rightly.

Each feature computed from earlier crises, and each CINC feature, has its computation in its registry
entry (``Feature.column``), and the per-row path (``_row``, ``history_row``) and the bulk path
(``bulk_frame``) both give what it gives. The record's computation reads prefixes of sorted dates and
running sums; random records check it against the definition written out (scan every response, keep
those whose crisis began before D).
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairweather.asof import PastResponse
from fairweather.features import _rows, feature_inputs
from fairweather.features._lookups import row_case
from fairweather.features.bulk import bulk_frame
from fairweather.features.columns import CaseView
from fairweather.features.history import history_row
from fairweather.features.record import RecordIndex, record_share
from fairweather.features.registry import FEATURES, HISTORY_FEATURES, computed_columns
from fairweather.store import Store

RECORD = ("past_mean_level", "past_level_target", "past_material_help", "past_help_target")
CINC = ("capability", "attacker_cinc_ratio", "cinc_unknown")
STATES = ("RUS", "CHN", "IRN", "SYR")


def test_every_feature_computed_from_earlier_crises_carries_its_computation_in_the_registry() -> None:
    entries = {**FEATURES, **HISTORY_FEATURES}
    assert {*RECORD, *CINC} <= set(computed_columns(entries.values()))
    for name in (*RECORD, *CINC):
        assert entries[name].column is not None and entries[name].column.__name__ == name


def test_the_per_row_and_the_bulk_path_give_the_registry_computations_values() -> None:
    store = Store.open(history=True)
    inp = feature_inputs(store)
    partners = ["RUS", "CHN", "USA", "IRQ", "SYR", "TUR"]
    case = ("c", "IRN", ("IRQ",), dt.date(1987, 5, 1))
    bulk = bulk_frame(inp, [(*case, partners)], history=True)
    rows, _, _ = _rows(inp, *case, partners)
    view = row_case(inp, "IRN", ("IRQ",), case[3])
    for name, column in computed_columns([*FEATURES.values(), *HISTORY_FEATURES.values()]).items():
        expected = column(view, partners)
        np.testing.assert_array_equal(bulk[name].to_numpy(), expected)
        if name in FEATURES:
            np.testing.assert_array_equal([r[name] for r in rows], expected)
        else:
            np.testing.assert_array_equal([history_row(inp, p, "IRN", ("IRQ",), case[3])[name] for p in partners], expected)
    for name in ("past_mean_level", "attacker_cinc_ratio"):  # the case reads records and scores, not only their absence
        assert not np.isnan(bulk[name].to_numpy()).all(), name


_days = st.integers(0, 60).map(lambda k: dt.date(1990, 1, 1) + dt.timedelta(days=10 * k))
_crises = st.lists(st.tuples(_days, st.sampled_from(STATES)), min_size=1, max_size=12)


@st.composite
def _records(draw: st.DrawFn) -> tuple[dict, dict, list]:
    crises = sorted(draw(_crises))
    target = {f"C{i}": t for i, (_, t) in enumerate(crises)}
    responses: dict[str, list[PastResponse]] = {}
    for i, (sd, t) in enumerate(crises):
        for p in STATES:
            if p != t and draw(st.booleans()):
                responses.setdefault(p, []).append(PastResponse(sd, draw(st.integers(0, 5)), f"C{i}", "pack"))
    return responses, target, crises


class _Scores:
    """Lookups that know one numeric fact per state (and nothing else)."""

    def __init__(self, scores: dict[str, float | None]) -> None:
        self.scores = scores

    def numbers(self, fact: str) -> dict[str, float | None]:
        return self.scores


def _view(rec: RecordIndex, t: str, d: dt.date) -> CaseView:
    return CaseView(t, ("USA",), d, ("USA",), rec, _Scores({}))  # type: ignore[arg-type]


def _index(responses: dict, target: dict, crises: list) -> RecordIndex:
    helped = {p: [(r.start_date, target[r.crisis_id]) for r in rows if r.level >= 3] for p, rows in responses.items()}
    by_target: dict[str, list[dt.date]] = {}
    for sd, t in crises:
        by_target.setdefault(t, []).append(sd)
    return RecordIndex(responses, target, helped, by_target)


def _written_out(responses: dict, target: dict, crises: list, p: str, t: str, d: dt.date) -> dict[str, float]:
    past = [r for r in responses.get(p, []) if r.start_date < d]
    same = [r.level for r in past if target[r.crisis_id] == t]
    helps = [r for r in past if r.level >= 3]
    return {"past_mean_level": sum(r.level for r in past) / len(past) if past else math.nan,
            "past_level_target": sum(same) / len(same) if same else math.nan,
            "past_material_help": math.log1p(len(helps)),
            "past_help_target": record_share(sum(1 for r in helps if target[r.crisis_id] == t),
                                             sum(1 for sd, tg in crises if tg == t and sd < d))}


@settings(max_examples=60, deadline=None)
@given(_records(), _days, st.sampled_from(STATES))
def test_the_record_columns_are_the_definition_written_out(record: tuple, d: dt.date, t: str) -> None:
    rec = _index(*record)
    for name in RECORD:
        got = {**FEATURES, **HISTORY_FEATURES}[name].column(_view(rec, t, d), STATES)  # type: ignore[misc]
        want = [_written_out(*record, p, t, d)[name] for p in STATES]
        np.testing.assert_array_equal(got, want, err_msg=name)


@pytest.mark.parametrize("day, counted", [(dt.date(2015, 9, 30), 0), (dt.date(2015, 10, 1), 1)])
def test_a_crisis_counts_from_the_day_after_it_began(day: dt.date, counted: int) -> None:
    rows = {"RUS": [PastResponse(dt.date(2015, 9, 30), 5, "SYR2015", "pack")]}
    rec = _index(rows, {"SYR2015": "SYR"}, [(dt.date(2015, 9, 30), "SYR")])
    assert rec.responses_before("RUS", day) == counted
    assert HISTORY_FEATURES["past_material_help"].column(_view(rec, "SYR", day), ["RUS"])[0] == math.log1p(counted)  # type: ignore[misc]


def _cinc_view(scores: dict[str, float | None], attackers: tuple[str, ...]) -> CaseView:
    rec = RecordIndex({}, {}, {}, {})
    states = tuple(a for a in attackers if not a.startswith("UCDP:"))
    return CaseView("IRN", attackers, dt.date(2000, 1, 1), states, rec, _Scores(scores))  # type: ignore[arg-type]


def test_the_cinc_columns_missing_rule() -> None:
    scores = {"RUS": 0.04, "CHN": 0.2, "ISR": 0.002, "USA": 0.14, "PRK": 0.0}
    view = _cinc_view(scores, ("ISR", "USA"))
    partners = ["RUS", "CHN", "PRK", "SYR"]
    np.testing.assert_array_equal(HISTORY_FEATURES["capability"].column(view, partners),  # type: ignore[misc]
                                  [math.log(0.04), math.log(0.2), math.nan, math.nan])
    np.testing.assert_array_equal(HISTORY_FEATURES["cinc_unknown"].column(view, partners), [0.0, 0.0, 1.0, 1.0])  # type: ignore[misc]
    np.testing.assert_array_equal(HISTORY_FEATURES["attacker_cinc_ratio"].column(view, partners),  # type: ignore[misc]
                                  [math.log((0.002 + 0.14) / 0.04), math.log((0.002 + 0.14) / 0.2), math.nan, math.nan])
    for attackers in (("ISR", "SYR"), ("UCDP:Hamas",)):  # an attacker unknown; no state attacker
        ratio = HISTORY_FEATURES["attacker_cinc_ratio"].column(_cinc_view(scores, attackers), partners)  # type: ignore[misc]
        assert np.isnan(ratio).all(), attackers
