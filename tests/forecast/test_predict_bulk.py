"""Batch scoring's bulk features (issue 13: 100,000 rows in under 10 s) equal the per-row definitions, bit for bit.

The per-row functions (``features.table._row``, ``features.history.history_row``) are what the model
was fitted on; ``features.bulk`` computes the same columns for all partners of a case at once. Every
feature of every partner is compared, on the shipped store (the pack plus the history layer) and on a
store with the publishers'-format fixtures imported. Dates are before 2020 (house rule: no test pins
an evaluation-period case); the comparison is between two paths, not against stored numbers.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from fairweather.features import _COLUMNS, _rows, feature_inputs
from fairweather.features._asofday import bulk_ready
from fairweather.features.bulk import bulk_frame
from fairweather.features.history import add_history_features
from fairweather.features.registry import FEATURE_NAMES, HISTORY_FEATURES


def _per_row(inp, cases) -> pd.DataFrame:
    frames = []
    for cid, t, atts, d, partners in cases:
        recs, _, _ = _rows(inp, cid, t, atts, d, partners)
        frames.append(add_history_features(inp, pd.DataFrame(recs, columns=_COLUMNS)))
    return pd.concat(frames, ignore_index=True)


def _assert_same_bits(bulk: pd.DataFrame, rows: pd.DataFrame) -> None:
    assert len(bulk) == len(rows)
    for c in ("crisis_id", "partner", "target", "attackers", "date"):
        assert bulk[c].tolist() == rows[c].tolist(), c
    for c in (*FEATURE_NAMES, *HISTORY_FEATURES):
        a, b = bulk[c].to_numpy(dtype=float), rows[c].to_numpy(dtype=float)
        nan = np.isnan(a)
        assert (nan == np.isnan(b)).all(), c
        # bit for bit (0.0 and -0.0 differ here), not merely close
        assert (a[~nan].view(np.int64) == b[~nan].view(np.int64)).all(), (c, a[~nan][a[~nan] != b[~nan]][:5])


def _cases(inp, n: int, seed: int):
    """``n`` cases drawn from the store's crises before 2020, moved by up to three years, every state a partner."""
    rng = np.random.default_rng(seed)
    crises = inp.crises[pd.to_datetime(inp.crises["start_date"]) < "2020-01-01"]
    out = []
    for k in rng.choice(len(crises), size=min(n, len(crises)), replace=False):
        c = crises.iloc[int(k)]
        d = pd.Timestamp(c["start_date"]).date() - dt.timedelta(days=int(rng.integers(0, 3 * 365)))
        atts = tuple(a.strip() for a in c["attackers"].split(";"))
        partners = sorted(s for s in inp.states if s != c["target"] and s not in atts and inp.in_system(s, d))
        if inp.in_system(c["target"], d) and partners:
            out.append((f"{c['crisis_id']}@{d}", c["target"], atts, d, partners))
    return out


@pytest.fixture(scope="module")
def shipped_store():
    from fairweather.forecast._scenario import default_store

    return default_store()


@pytest.mark.parametrize("seed", [0, 1])
def test_bulk_features_equal_per_row_on_the_shipped_store(shipped_store, seed):
    inp = feature_inputs(shipped_store)
    cases = _cases(inp, 12, seed)
    assert len(cases) >= 8
    _assert_same_bits(bulk_frame(inp, sorted(cases, key=lambda c: c[3]), history=True),
                      _per_row(inp, sorted(cases, key=lambda c: c[3])))


def test_bulk_features_equal_per_row_with_imported_histories(history_store):
    inp = feature_inputs(history_store)
    cases = _cases(inp, 40, 7)
    # several attackers, an armed group, a partner listed twice, two cases on one date
    d = dt.date(2019, 6, 13)
    cases += [("multi", "IRN", ("ISR", "USA", "SAU"), d, ["RUS", "CHN", "RUS", "GBR", "SYR"]),
              ("group", "SYR", ("UCDP:1", "TUR"), d, ["RUS", "IRN", "USA"])]
    assert sum(len(c[4]) for c in cases) > 1_000
    _assert_same_bits(bulk_frame(inp, cases, history=True), _per_row(inp, cases))


CASE_FILE = """crisis_id,start_date,target,attackers,supporter
a,2019-06-13,IRN,ISR;USA,RUS
a,2019-06-13,IRN,ISR;USA,China
a,2019-06-13,IRN,ISR;USA,RUS
a,2019-06-13 00:00:00,IRN,USA;ISR,GBR
b,2014-02-27,UKR,RUS,USA
b,2014-02-27,UKR,RUS,POL
b,2014-02-27,UKR,RUS,RUS
c,2003-03-20,IRQ,USA;GBR,FRA
c,2003-03-20,IRQ,USA;GBR,XXX
d,1990-08-02,KWT,IRQ,SAU
d,1990-08-02,KWT,IRQ,USA
e,2019-06-13,IRN,;;,RUS
f,1700-01-01,IRN,USA,RUS
g,2019-06-13,IRN,IRN,RUS
"""


def test_predict_bulk_equals_per_row_on_a_case_file(history_store, tmp_path):
    from fairweather.forecast import predict_cases

    path = tmp_path / "cases.csv"
    path.write_text(CASE_FILE, encoding="utf-8")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    bulk = predict_cases(frame, store=history_store)
    rows = predict_cases(frame, store=history_store, bulk=False)
    pd.testing.assert_frame_equal(bulk, rows, check_exact=True)
    scored = bulk["error"] == ""
    assert scored.sum() == 9 and bulk.loc[scored, "p_ge_1"].notna().all()
    # the same supporter twice in one case scores the same; the errors are the per-row path's, row by row
    assert bulk.loc[0, "p_ge_1"] == bulk.loc[2, "p_ge_1"]
    assert "target or an attacker" in bulk.loc[6, "error"] and "XXX" in bulk.loc[8, "error"]
    assert "no attacker" in bulk.loc[11, "error"] and "coverage" in bulk.loc[12, "error"]
    assert "own attackers" in bulk.loc[13, "error"]


def test_a_what_if_takes_the_per_row_path(history_store):
    inp = feature_inputs(history_store)
    assert bulk_ready(inp)
    assert not bulk_ready(inp.with_assumptions(["CHN>IRN.trade_share=20"], dt.date(2019, 6, 13)))
