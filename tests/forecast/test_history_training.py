"""The history training set: censored outcomes never count as 0, imported facts obey the as-of rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from fairweather.features import feature_inputs
from fairweather.history_features import (CANDIDATE_WEIGHTS, HISTORY_FEATURES, MODEL_FEATURES, PACK_ONLY, history_row, history_training_set,
                                          rank_candidates)
from fairweather.sources.history import import_reference
from fairweather.store import Store

FIX = Path(__file__).parents[1] / "sources" / "fixtures" / "history"
SHARED = Path(__file__).parents[3] / "shared" / "data"


@pytest.fixture(scope="module")
def store(history_store):
    return history_store


def test_dataset_crisis_candidates_are_censored_not_zero(store):
    X, lo, hi, meta = history_training_set(store)
    mid = meta["crisis_id"] == "mid-9001-irn"
    assert mid.any()
    rows = meta[mid].assign(lo=lo[mid.to_numpy()], hi=hi[mid.to_numpy()]).set_index("partner")
    assert (rows.loc["SYR", "lo"], rows.loc["SYR", "hi"]) == (5, 5)     # recorded joiner: as the dataset codes it
    unrecorded = rows[~rows.index.isin(["SYR", "LBY", "JOR"])]
    assert len(unrecorded) > 0
    assert (unrecorded["lo"] == 0).all() and (unrecorded["hi"] == 2).all()  # no record: 0..2, never exactly 0
    assert unrecorded["censored"].all()
    pack = meta["origin"] == "pack"
    assert (lo[pack.to_numpy()] == hi[pack.to_numpy()]).all()  # the pack codes every level exactly


def test_pack_only_features_are_unknown_on_dataset_rows(store):
    X, lo, hi, meta = history_training_set(store)
    ds = (meta["origin"] != "pack").to_numpy()
    assert X.loc[ds, list(PACK_ONLY)].isna().all().all()
    assert X.loc[~ds, "trade_share_partner"].notna().all()
    assert list(X.columns) == list(MODEL_FEATURES)
    assert X.loc[ds, "curated_case"].eq(0).all() and X.loc[~ds, "curated_case"].eq(1).all()


def test_no_training_row_from_2020_on(store):
    _, _, _, meta = history_training_set(store)
    assert (pd.to_datetime(meta["date"]) < pd.Timestamp("2020-01-01")).all()
    _, _, _, ev = history_training_set(store, before=dt.date(9999, 12, 31), since=dt.date(2020, 1, 1), pack_only=True)
    assert len(ev) and (ev["origin"] == "pack").all()


def test_imported_facts_obey_the_as_of_rule(store):
    inp = feature_inputs(store)
    # the 1979 ideal points are known from 1980-01-01: not on 1979-12-31
    before = history_row(inp, "SYR", "IRN", ("IRQ",), dt.date(1979, 12, 31))
    after = history_row(inp, "SYR", "IRN", ("IRQ",), dt.date(1980, 3, 1))
    assert np.isnan(before["ideal_point_distance"]) and before["un_unknown"] == 1
    assert after["ideal_point_distance"] == pytest.approx(abs(-1.0 - -1.2))
    assert after["closer_to_target"] == pytest.approx(abs(-1.0 - -0.9) - abs(-1.0 - -1.2))
    # the SYR-IRQ contiguity spell starts 1946; the RUS-SYR pact (ATOP fixture) from 1980-10-08
    assert after["contiguous_attacker"] == 1
    assert inp.obligations("RUS", "SYR", dt.date(1980, 10, 7))[0]["defense"] is False
    assert inp.obligations("RUS", "SYR", dt.date(1980, 10, 8))[0]["defense"] is True


def test_a_later_response_never_changes_an_earlier_row(store):
    inp = feature_inputs(store)
    d = dt.date(1980, 3, 1)
    row = history_row(inp, "SYR", "IRN", ("IRQ",), d)
    assert row["past_help_target"] == 0.0  # SYR's help in this very crisis began on d, not before it


def test_candidates_rank_treaty_and_neighbours_first(store):
    inp = feature_inputs(store)
    ranked = rank_candidates(inp, "SYR", ("IRQ",), dt.date(1985, 1, 1), top=None)
    names = [p for p, _ in ranked]
    score = [sum(CANDIDATE_WEIGHTS[r] for r in why) for _, why in ranked]
    assert score == sorted(score, reverse=True)
    why = dict(ranked)
    assert why["RUS"] == ["defence pact", "major power", "arms patron"]  # ATOP pledge, COW status, SIPRI TIV share
    assert names.index("RUS") < 3
    assert "IRQ" not in names and "SYR" not in names
    assert len(rank_candidates(inp, "SYR", ("IRQ",), dt.date(1985, 1, 1), top=5)) == 5


def test_history_features_are_documented():
    for f in HISTORY_FEATURES.values():
        assert f.definition and f.label and f.sign in "+-?"


@pytest.mark.reference
@pytest.mark.skipif(not (SHARED / "cow_mid5_midb_participants.csv").is_file(),
                    reason=f"reference data not found at {SHARED} (the publishers' files; see ../shared/data/README.md)")
def test_reference_history_training_set():
    """On the publishers' files: thousands of rows, censored candidates, the pack's crises exact."""
    s = Store.open()
    import_reference(s, SHARED)
    X, lo, hi, meta = history_training_set(s)
    assert len(meta) > 15_000
    assert meta["crisis_id"].nunique() > 1_000
    assert (meta["origin"] == "pack").sum() == 313
    assert meta["censored"].mean() > 0.9
    assert ((lo >= 3) & (meta["origin"] != "pack").to_numpy()).sum() > 400  # recorded material help in the datasets
    s.close()


def test_predict_refuses_rows_with_no_attacker_or_a_date_with_trailing_text(history_store):
    """Issue 13: `;;` as attackers was scored, and '2025-06-13garbage' was cut to its first ten characters."""
    import pandas as pd

    from fairweather.forecast import predict_cases

    rows = pd.DataFrame({"crisis_id": ["a", "b", "c", "d"],
                         "start_date": ["2019-06-13", "2019-06-13garbage", "2019-06-13 00:00:00", "2019-06-13"],
                         "target": ["IRN"] * 4, "attackers": [";;", "USA", "USA", "USA"], "supporter": ["RUS"] * 4})
    out = predict_cases(rows, store=history_store)
    assert "no attacker" in out.loc[0, "error"] and pd.isna(out.loc[0, "p_ge_1"])
    assert "not a date" in out.loc[1, "error"] and pd.isna(out.loc[1, "p_ge_1"])
    assert out.loc[2, "error"] == "" and out.loc[3, "error"] == ""
    assert out.loc[2, "p_ge_1"] == out.loc[3, "p_ge_1"]
