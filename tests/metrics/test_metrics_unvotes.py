"""Second check on S and kappa with UN General Assembly voting portfolios (Voeten's data via unvotes).

Voting vectors code yes = 1, abstain = 2, no = 3 (max distance 2), over the
roll calls of one session on which both states voted. S and kappa from
fairweather are compared with straightforward independent computations
(mean distance; a contingency table counted by hand in plain Python), with
the agreement-share bounds S must respect, and with the ordering of Voeten's
ideal points (states far from the United States in ideal point vote less
like it). Skipped where ../shared/data is absent.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from fairweather.metrics import cohen_kappa, s_score

pytestmark = pytest.mark.reference

SESSION, YEAR = 70, 2015
CODE = {"yes": 1, "abstain": 2, "no": 3}
DYADS = [("US", "IL"), ("US", "GB"), ("US", "FR"), ("RU", "CN"), ("US", "RU"), ("CN", "IR"), ("US", "CU"), ("IN", "PK")]
TOL = 1e-9


def _shared() -> Path:
    env = os.environ.get("FAIRWEATHER_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    if not (path / "unvotes_un_votes.parquet").is_file():
        pytest.skip(f"UN voting reference data not found in {path} (set FAIRWEATHER_SHARED_DATA to run this check)")
    return path


@pytest.fixture(scope="module")
def votes() -> pd.DataFrame:
    path = _shared()
    v = pd.read_parquet(path / "unvotes_un_votes.parquet")
    rc = pd.read_parquet(path / "unvotes_un_roll_calls.parquet")
    rcids = set(rc.loc[rc["session"] == SESSION, "rcid"])
    v = v[v["rcid"].isin(rcids)]
    v = v.assign(code=v["vote"].astype(str).map(CODE))
    return v.pivot_table(index="rcid", columns="country_code", values="code", aggfunc="first")


def _pair(votes: pd.DataFrame, a: str, b: str) -> tuple[list[int], list[int]]:
    both = votes[[a, b]].dropna()
    return both[a].astype(int).tolist(), both[b].astype(int).tolist()


def _kappa_by_hand(x: list[int], y: list[int], levels=(1, 2, 3)) -> float:
    n = len(x)
    cells = Counter(zip(x, y))
    px, py = Counter(x), Counter(y)
    rng = max(levels) - min(levels)
    d = lambda a, b: ((a - b) / rng) ** 2  # noqa: E731
    observed = sum(c * d(a, b) for (a, b), c in cells.items()) / n
    expected = sum(px[a] * py[b] * d(a, b) for a in levels for b in levels) / n / n
    return 1 - observed / expected


@pytest.mark.parametrize("a,b", DYADS)
def test_s_and_kappa_agree_with_independent_computation(votes, a, b) -> None:
    x, y = _pair(votes, a, b)
    assert len(x) > 50
    s = s_score(x, y, max_distance=2)
    assert s == pytest.approx(1 - np.mean(np.abs(np.subtract(x, y))), abs=TOL)
    agree = float(np.mean(np.equal(x, y)))
    assert 2 * agree - 1 - TOL <= s <= agree + TOL
    assert cohen_kappa(x, y, levels=(1, 2, 3)) == pytest.approx(_kappa_by_hand(x, y), abs=TOL)


def test_voting_similarity_follows_voeten_ideal_points(votes) -> None:
    from scipy.stats import spearmanr

    path = _shared()
    ideal = pd.read_csv(path / "voeten_idealpoints_all_apr2020.csv")
    ideal = ideal[ideal["year"] == YEAR].set_index("iso3c")["IdealPoint"]
    from fairweather.codes import try_iso3

    iso2 = [str(c) for c in votes.columns if isinstance(c, str) and c != "US"]
    iso3 = [try_iso3(c) for c in iso2]
    rows = []
    for c2, c3 in zip(iso2, iso3):
        if c3 in ideal.index and "USA" in ideal.index:
            x, y = _pair(votes, "US", c2)
            if len(x) >= 50:
                rows.append((abs(ideal["USA"] - ideal[c3]), s_score(x, y, max_distance=2), cohen_kappa(x, y, levels=(1, 2, 3))))
    dist, s, k = map(np.array, zip(*rows))
    assert len(rows) > 150
    assert spearmanr(dist, s).statistic < -0.8
    assert spearmanr(dist, k).statistic < -0.8
    us = {c: s_score(*_pair(votes, "US", c), max_distance=2) for c in ("IL", "GB", "RU", "CU")}
    assert us["IL"] > us["GB"] > us["RU"] > us["CU"]
