"""S and Cohen's kappa against published and hand-worked values, and their properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairweather.metrics import cohen_kappa, s_score, scott_pi

#: Published values are printed to two decimals or as fractions; hand work is exact.
TOL = 1e-9


@pytest.mark.parametrize("panel", list("abcdefgh"))
def test_s_matches_signorino_ritter_table5(reference, panel: str) -> None:
    x, y, expected = reference.SR1999_TABLE5[panel]
    assert s_score(x, y, max_distance=3) == pytest.approx(expected, abs=TOL)


def test_s_with_weights_and_per_dimension_max_distance(reference) -> None:
    x, y, w, m, expected = reference.SR_RSTRAT_EX1
    assert s_score(x, y, weights=w, max_distance=m) == pytest.approx(expected, abs=TOL)


def test_s_signorino_gauss_example(reference) -> None:
    x, y, w, m, expected = reference.SR_GAUSS_EX1
    assert s_score(x, y, weights=w, max_distance=m) == pytest.approx(expected, abs=TOL)
    assert s_score(x, y, max_distance=m) == pytest.approx(expected, abs=TOL)


@pytest.mark.parametrize("case", ["table5e", "table5a", "partial", "identical"])
def test_kappa_and_pi_match_hand_work(reference, case: str) -> None:
    x, y, levels, kappa, pi = reference.HAGE_KAPPA_HAND[case]
    assert cohen_kappa(x, y, levels=levels) == pytest.approx(kappa, abs=TOL)
    assert scott_pi(x, y, levels=levels) == pytest.approx(pi, abs=TOL)


def test_kappa_matches_cohen_textbook_example(reference) -> None:
    x, y, expected = reference.COHEN_TEXTBOOK
    assert cohen_kappa(x, y, levels=(0, 1)) == pytest.approx(expected, abs=TOL)
    assert cohen_kappa(x, y, levels=(0, 1), distance="absolute") == pytest.approx(expected, abs=TOL)


def test_haege_point_s_high_kappa_at_chance(reference) -> None:
    """Table 5(e): many shared absent ties make S look high; kappa sees no agreement beyond chance."""
    x, y, _ = reference.SR1999_TABLE5["e"]
    assert s_score(x, y) > 0.6 and cohen_kappa(x, y) < 0


def test_weighted_kappa_equals_replicated_rows() -> None:
    """Integer weights act like repeating a dimension (the weighted contingency table)."""
    x, y, w = [0, 3, 1, 2], [0, 1, 1, 3], [2, 1, 3, 1]
    rep_x = [v for v, k in zip(x, w) for _ in range(k)]
    rep_y = [v for v, k in zip(y, w) for _ in range(k)]
    assert cohen_kappa(x, y, weights=w) == pytest.approx(cohen_kappa(rep_x, rep_y), abs=TOL)
    assert s_score(x, y, weights=w) == pytest.approx(s_score(rep_x, rep_y), abs=TOL)


def test_missing_dimensions_are_dropped() -> None:
    assert s_score([3, math.nan, 0], [3, 1, 0]) == pytest.approx(s_score([3, 0], [3, 0]))


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        s_score([1, 2], [1, 2, 3])
    with pytest.raises(ValueError):
        s_score([1, 2], [1, 2], weights=[1, -1])
    with pytest.raises(ValueError):
        cohen_kappa([0, 7], [0, 1])


portfolio = st.lists(st.integers(0, 3), min_size=2, max_size=25)


@st.composite
def pairs(draw):
    x = draw(portfolio)
    y = draw(st.lists(st.integers(0, 3), min_size=len(x), max_size=len(x)))
    return x, y


@settings(max_examples=150, deadline=None)
@given(pairs(), st.randoms(use_true_random=False))
def test_s_and_kappa_are_symmetric_bounded_and_order_free(xy, rnd) -> None:
    x, y = xy
    s, k = s_score(x, y), cohen_kappa(x, y)
    assert -1 - TOL <= s <= 1 + TOL
    assert s == pytest.approx(s_score(y, x), abs=TOL)
    if not math.isnan(k):
        assert k <= 1 + TOL
        assert k == pytest.approx(cohen_kappa(y, x), abs=TOL)
    order = list(range(len(x)))
    rnd.shuffle(order)
    assert s_score([x[i] for i in order], [y[i] for i in order]) == pytest.approx(s, abs=TOL)
    k2 = cohen_kappa([x[i] for i in order], [y[i] for i in order])
    assert (math.isnan(k) and math.isnan(k2)) or k2 == pytest.approx(k, abs=TOL)


@settings(max_examples=100, deadline=None)
@given(portfolio)
def test_identical_portfolios_agree_perfectly(x) -> None:
    assert s_score(x, x) == pytest.approx(1.0)
    assert cohen_kappa(x, x) == pytest.approx(1.0)
    assert scott_pi(x, x) == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(pairs())
def test_s_is_linear_in_the_distance(xy) -> None:
    """Independent check of S: 1 - 2 * mean |x - y| / 3."""
    x, y = xy
    expected = 1 - 2 * float(np.mean(np.abs(np.subtract(x, y)))) / 3
    assert s_score(x, y) == pytest.approx(expected, abs=TOL)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 5).flatmap(lambda n: st.lists(st.lists(st.integers(0, 3), min_size=6, max_size=6), min_size=n, max_size=n)),
       st.booleans())
def test_vectorised_pairs_equal_the_scalar_measures(rows, weighted) -> None:
    from fairweather.metrics.portfolio import pairwise_agreement

    arr = np.array(rows, dtype=float)
    w = np.array([0.3, 0.1, 0.2, 0.05, 0.25, 0.1]) if weighted else None
    mats = pairwise_agreement(arr, w)
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert mats["s"][i, j] == pytest.approx(s_score(rows[i], rows[j]), abs=TOL)
            if weighted:
                assert mats["s_weighted"][i, j] == pytest.approx(s_score(rows[i], rows[j], weights=w), abs=TOL)
            for key, fn in (("kappa", cohen_kappa), ("pi", scott_pi)):
                expected = fn(rows[i], rows[j])
                got = mats[key][i, j]
                assert (math.isnan(expected) and math.isnan(got)) or got == pytest.approx(expected, abs=TOL)
