"""Properties of the metrics over random small worlds (Hypothesis): bounds, symmetry, order, monotonicity."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairweather.metrics import (
    COMPONENTS,
    commitment_density,
    composite,
    dependence_asymmetry,
    portfolio_similarity,
    sensitivity,
    value_similarity,
)

STATES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]
OBS = ["defense", "offense", "neutrality", "nonaggression", "consultation", "partnership"]
AS_OF = dt.date(2020, 7, 1)


def panel(members) -> pd.DataFrame:
    return pd.DataFrame([{"bloc": "b", "year": 2020, "as_of": AS_OF, "members": tuple(members)}])


commitment = st.tuples(st.lists(st.sampled_from(STATES), min_size=2, max_size=4, unique=True),
                       st.sets(st.sampled_from(OBS), min_size=1, max_size=3))
world = st.lists(commitment, max_size=5)
members = st.lists(st.sampled_from(STATES), min_size=2, max_size=6, unique=True)


def build(factory, coms, ties=None, facts=None):
    return factory(STATES, [(f"c{i}", m, o) for i, (m, o) in enumerate(coms)], ties, facts)


@settings(max_examples=40, deadline=None)
@given(world, members, st.sampled_from(STATES), st.sampled_from(STATES))
def test_adding_a_defence_pact_never_lowers_density(data_factory, coms, ms, a, b) -> None:
    if a == b or a not in ms or b not in ms:
        b = [m for m in ms if m != ms[0]][0]
        a = ms[0]
    before = commitment_density(build(data_factory, coms), panel(ms)).iloc[0]
    after = commitment_density(build(data_factory, [*coms, ([a, b], {"defense"})]), panel(ms)).iloc[0]
    assert after["density"] >= before["density"] - 1e-12
    assert after["strength"] >= before["strength"] - 1e-12
    assert after["defense_share"] >= before["defense_share"] - 1e-12


@settings(max_examples=25, deadline=None)
@given(world, members, st.randoms(use_true_random=False))
def test_metrics_are_bounded_and_free_of_member_order(data_factory, coms, ms, rnd) -> None:
    data = build(data_factory, coms, facts={s: (i % 5) / 4 for i, s in enumerate(STATES)})
    shuffled = list(ms)
    rnd.shuffle(shuffled)
    for fn in (commitment_density, value_similarity, portfolio_similarity):
        x, y = fn(data, panel(ms)), fn(data, panel(shuffled))
        pd.testing.assert_frame_equal(x, y)
    d = commitment_density(data, panel(ms)).iloc[0]
    assert 0 <= d["density"] <= 1 and 0 <= d["strength"] <= d["density"] + 1e-12
    v = value_similarity(data, panel(ms)).iloc[0]["value_similarity"]
    assert 0 <= v <= 1
    p = portfolio_similarity(data, panel(ms)).iloc[0]
    assert -1 <= p["portfolio_s"] <= 1 and p["portfolio_kappa"] <= 1 + 1e-12


shares = st.floats(0, 100, allow_nan=False)


@settings(max_examples=30, deadline=None)
@given(shares, shares, shares, shares)
def test_dependence_asymmetry_is_symmetric_in_the_dyad(data_factory, ab, ba, oil, crude) -> None:
    ties = [("AAA", "BBB", "trade_share", str(ab)), ("BBB", "AAA", "trade_share", str(ba)),
            ("AAA", "BBB", "oil_export_share", str(oil)), ("BBB", "AAA", "crude_import_share", str(crude))]
    swapped = [("BBB", "AAA", "trade_share", str(ab)), ("AAA", "BBB", "trade_share", str(ba)),
               ("BBB", "AAA", "oil_export_share", str(oil)), ("AAA", "BBB", "crude_import_share", str(crude))]
    x = dependence_asymmetry(data_factory(STATES, ties=ties), panel(["AAA", "BBB"])).iloc[0]
    y = dependence_asymmetry(data_factory(STATES, ties=swapped), panel(["BBB", "AAA"])).iloc[0]
    assert x["asymmetry"] == pytest.approx(y["asymmetry"]) and 0 <= x["asymmetry"] <= 1
    assert x["asymmetry"] == pytest.approx((abs(ab - ba) + abs(oil - crude)) / 200)


metric_rows = st.lists(
    st.fixed_dictionaries({c: st.one_of(st.none(), st.floats(0, 1)) for c, _ in COMPONENTS.values()}),
    min_size=2, max_size=5)


@settings(max_examples=40, deadline=None)
@given(metric_rows, st.dictionaries(st.sampled_from(list(COMPONENTS)), st.floats(0.01, 10), max_size=7))
def test_composite_is_bounded_and_weights_only_move_it(rows, weights) -> None:
    m = pd.DataFrame(rows).astype(float)
    m.insert(0, "year", 2020)
    m.insert(0, "bloc", [f"b{i}" for i in range(len(m))])
    c = composite(m, weights)
    vals = c["composite"].dropna()
    assert ((vals >= -1e-12) & (vals <= 1 + 1e-12)).all()
    assert (c["composite"].isna() == (c["composite_n"] == 0)).all()
    s = sensitivity(m, weights, draws=20, seed=3)
    freq = s.groupby("bloc")[["leave_one_out", "dirichlet"]].sum()
    assert np.allclose(freq.to_numpy(), 1.0)
    assert s.groupby("bloc")["base"].sum().eq(1).all()
    pd.testing.assert_frame_equal(s, sensitivity(m, weights, draws=20, seed=3))


def test_composite_orientation() -> None:
    """Cohesive values score 1 on every component, uncohesive ones 0."""
    good = {"strength": 1, "asymmetry": 0, "reciprocity": 1, "value_similarity": 1, "portfolio_kappa": 1,
            "cross_pressure": 0, "support_share": 1}
    bad = {"strength": 0, "asymmetry": 1, "reciprocity": 0, "value_similarity": 0, "portfolio_kappa": -1,
           "cross_pressure": 1, "support_share": 0}
    m = pd.DataFrame([{"bloc": "good", "year": 2020, **good}, {"bloc": "bad", "year": 2020, **bad}])
    assert composite(m)["composite"].tolist() == [1.0, 0.0]


def test_weights_are_checked() -> None:
    from fairweather.metrics import CohesionWeightError

    m = pd.DataFrame([{"bloc": "b", "year": 2020, "strength": 0.5}])
    for bad in ({"nope": 1}, {"density": -1}, {k: 0 for k in COMPONENTS}, {"density": "x"}):
        with pytest.raises(CohesionWeightError):
            composite(m, bad)
    assert math.isclose(composite(m, {"density": 3})["composite"].iloc[0], 0.5)
