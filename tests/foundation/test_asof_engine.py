"""One as-of engine: every consumer answers "as of this date" the way :mod:`fairweather.asof` does.

Its three forms of the validity rule (Python, pandas, SQL) agree on any spell and date; and on
the embedded pack, at dates drawn by Hypothesis, the engine's snapshot agrees with what the store's
SQL queries return independently (facts, ties, each member's obligations and conditions), the
cohesion metrics' obligations are the snapshot's, and the data browser's obligations
(:meth:`Store.obligations`) are the snapshot's pairwise ones.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairweather.asof import Snapshot, snapshot, valid_on, valid_rows, valid_sql
from fairweather.metrics._data import CohesionData
from fairweather.pack.schema import OBLIGATIONS
from fairweather.store import Store

DAY0 = dt.date(1990, 1, 1)
days = st.integers(0, 13_000).map(lambda n: DAY0 + dt.timedelta(days=n))  # 1990 .. 2025


@st.composite
def spell_rows(draw):
    rows = []
    for i in range(draw(st.integers(0, 10))):
        vf = draw(days)
        vt = None if draw(st.booleans()) else vf + dt.timedelta(days=draw(st.integers(0, 2000)))
        rows.append((i, vf, vt))
    return rows


@settings(max_examples=200, deadline=None)
@given(spell_rows(), days)
def test_the_rule_in_python_pandas_and_sql_agree(rows, d):
    want = sorted(i for i, vf, vt in rows if valid_on(vf, vt, d))
    frame = pd.DataFrame(rows, columns=["i", "valid_from", "valid_to"])
    frame["valid_from"] = pd.to_datetime(frame["valid_from"])
    frame["valid_to"] = pd.to_datetime(frame["valid_to"])
    assert sorted(valid_rows(frame, d)["i"]) == want
    con = duckdb.connect()
    con.execute("CREATE TABLE t (i INTEGER, valid_from DATE, valid_to DATE)")
    if rows:
        con.executemany("INSERT INTO t VALUES (?, ?, ?)", rows)
    got = [r[0] for r in con.execute(f"SELECT i FROM t WHERE {valid_sql()} ORDER BY i", {"d": d}).fetchall()]
    assert got == want


@pytest.fixture(scope="module")
def store():
    s = Store.open()
    yield s
    s.close()


@pytest.fixture(scope="module")
def pairs(store):
    """(giver, receiver) pairs that share a commitment at some time."""
    snap = snapshot(store)
    out = set()
    for cid, mem in snap.members.items():
        states = sorted({m.state for m in mem})
        out.update((a, b) for a in states for b in states if a != b)
    return sorted(out)


def _sql_obligations(store: Store, giver: str, receiver: str, d: dt.date) -> tuple[set[str], list[str]]:
    """The obligations and conditions the store's SQL finds, one commitment row at a time (independent of the snapshot)."""
    df = store.commitments(giver, receiver, as_of=d)
    obs, conds = set(), []
    for _, r in df.iterrows():
        obs.update(o for o in r["obligations"].split(";") if o)
        conds.extend(c.strip() for c in r["conditions"].split(";") if c.strip() and c.strip() not in conds)
    return obs, conds


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), days)
def test_the_snapshot_agrees_with_the_stores_sql(store, pairs, data, d):
    snap = snapshot(store)
    giver, receiver = pairs[data.draw(st.integers(0, len(pairs) - 1))]
    flags, conds = snap.obligations(giver, receiver, d)
    sql_obs, sql_conds = _sql_obligations(store, giver, receiver, d)
    assert {o for o in OBLIGATIONS if flags[o]} == sql_obs
    assert sorted(conds) == sorted(sql_conds)
    ob = store.obligations(giver, receiver, d)  # the data browser's answer is the snapshot's
    assert {o for o in OBLIGATIONS if getattr(ob, o)} == sql_obs
    for state, fact in [(giver, "regime_polyarchy"), (receiver, "at_war_with"), (giver, "sanctioned_by")]:
        assert sorted(snap.fact_values(state, fact, d)) == sorted(store.facts(state, d, fact)["value"])
    for kind in ("trade_share", "arms_import_share"):  # numeric level ties: the same value
        assert snap.tie(giver, receiver, kind, d) == store.tie_value(giver, receiver, kind, d)
    # a rivalry's value is its type (text): the snapshot reads presence as 1.0, the store has the row
    present = not store.ties(giver, receiver, as_of=d, kind="rivalry", both_directions=False).empty
    assert (snap.tie(giver, receiver, "rivalry", d) is not None) == present


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(days)
def test_cohesion_obligations_are_the_snapshots(store, d):
    snap = snapshot(store)
    on = snap.obligations_on(d)
    assert CohesionData.from_store(store).obligations(d) == on
    for (g, r), obs in list(on.items())[:60]:  # the bloc-wide view is the pairwise one, pair by pair
        flags, _ = snap.obligations(g, r, d)
        assert {o for o in OBLIGATIONS if flags[o]} == obs


def test_a_snapshot_is_built_once_per_store_and_again_when_rows_change(store):
    first = snapshot(store)
    assert snapshot(store) is first
    store.revision += 1
    try:
        assert snapshot(store) is not first
    finally:
        store.revision -= 1


def test_a_phase_boundary_day_counts_both_phases():
    """ATOP phases meet on one day (the old ends, the new begins): on it, both phases' obligations hold."""
    com = pd.DataFrame([{"commitment_id": "c", "valid_from": pd.Timestamp("1950-01-01"), "valid_to": None, "conditions": None,
                         **{o: False for o in OBLIGATIONS}}])
    mem = pd.DataFrame([
        {"commitment_id": "c", "state": s, "obligations": ob, "valid_from": pd.Timestamp(vf), "valid_to": pd.Timestamp(vt) if vt else None}
        for s in ("AAA", "BBB") for ob, vf, vt in [("consultation", "1950-01-01", "1954-08-09"), ("defense", "1954-08-09", None)]])
    snap = Snapshot.of_commitments(com, mem)
    flags, _ = snap.obligations("AAA", "BBB", dt.date(1954, 8, 9))
    assert flags["defense"] and flags["consultation"]
    flags, _ = snap.obligations("AAA", "BBB", dt.date(1954, 8, 10))
    assert flags["defense"] and not flags["consultation"]
    assert snap.obligations_on(dt.date(1954, 8, 8)) == {("AAA", "BBB"): {"consultation"}, ("BBB", "AAA"): {"consultation"}}
