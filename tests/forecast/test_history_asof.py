"""No look-ahead for imported facts: rows of the imported kinds dated after a crisis never change its features."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairweather.features import FeatureInputs, _rows
from fairweather.history_features import add_history_features, rank_candidates
from fairweather.sources.history import import_reference
from fairweather.store import Store

FIX = Path(__file__).parents[1] / "sources" / "fixtures" / "history"
STATES = ["IRN", "IRQ", "SYR", "RUS", "USA", "LBY", "JOR", "FRA", "TUR", "SAU"]
CRISIS = ("mid-9001-irn", "IRN", ("IRQ",), dt.date(1980, 3, 1))

later = st.lists(
    st.one_of(
        st.tuples(st.just("fact"), st.sampled_from(STATES), st.sampled_from(["cinc", "un_ideal_point"]),
                  st.floats(0.001, 0.9).map(lambda v: f"{v:.4f}"), st.integers(1, 3000)),
        st.tuples(st.just("fact"), st.sampled_from(STATES), st.just("major_power"), st.just("1"), st.integers(1, 3000)),
        st.tuples(st.just("fact"), st.sampled_from(STATES), st.just("supports_group"), st.just("UCDP:501"), st.integers(1, 3000)),
        st.tuples(st.just("tie"), st.sampled_from(STATES), st.sampled_from(STATES),
                  st.sampled_from(["contiguity", "arms_tiv_share", "rivalry", "troops_stationed"]), st.integers(1, 3000)),
        st.tuples(st.just("help"), st.sampled_from(STATES), st.integers(3, 5), st.integers(1, 3000)),
    ),
    min_size=1, max_size=10,
)


def _features(store: Store) -> tuple[pd.DataFrame, list]:
    inp = FeatureInputs.from_store(store)  # uncached: sees the rows inserted in this transaction
    cid, t, att, d = CRISIS
    partners = [p for p, _ in rank_candidates(inp, t, att, d, top=None)]
    recs, _, _ = _rows(inp, cid, t, att, d, partners)
    return add_history_features(inp, pd.DataFrame(recs)).drop(columns=["curated_case"]), partners


@pytest.fixture(scope="module")
def store(history_store):
    return history_store


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=later)
def test_imported_rows_after_the_crisis_never_change_it(store, rows):
    before, partners_before = _features(store)
    d = CRISIS[3]
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for i, r in enumerate(rows):
            day = d + dt.timedelta(days=r[-1])
            if r[0] == "fact":
                _, s, fact, value, _ = r
                con.execute("INSERT OR IGNORE INTO state_facts VALUES (?, ?, ?, ?, NULL, 'cow-nmc-7.0', 'later')",
                            [s, fact, value, day])
            elif r[0] == "tie":
                _, a, b, kind, _ = r
                if a != b:
                    con.execute("INSERT INTO ties VALUES (?, ?, ?, '1', NULL, ?, ?, NULL, 'cow-nmc-7.0', 'later')",
                                [a, b, kind, f"later-{i}", day])
            else:
                _, s, level, _ = r
                cid = f"later-{i}"
                con.execute("INSERT OR IGNORE INTO crises VALUES (?, 'later', ?, NULL, 'IRN', 'IRQ', 'war', 'later', 'cow-mid-5.0')",
                            [cid, day])
                con.execute("INSERT OR IGNORE INTO responses (crisis_id, supporter, level, sided_with_attacker, evidence, source_id) "
                            "VALUES (?, ?, ?, false, 'later', 'cow-mid-5.0')", [cid, s, level])
        after, partners_after = _features(store)
    finally:
        con.execute("ROLLBACK")
    assert partners_after == partners_before
    pd.testing.assert_frame_equal(before, after)


def test_a_fact_valid_on_the_day_does_change_the_features():
    store = Store.open()
    import_reference(store, FIX)
    before, _ = _features(store)
    store.con.execute("INSERT INTO state_facts VALUES ('RUS', 'cinc', '0.2', '1980-01-01', NULL, 'cow-nmc-7.0', 'test')")
    after, _ = _features(store)
    store.close()
    rus_b = before.set_index("partner").loc["RUS", "capability"]
    rus_a = after.set_index("partner").loc["RUS", "capability"]
    assert pd.isna(rus_b) and rus_a == rus_a  # unknown before, known once a spell covers the day
