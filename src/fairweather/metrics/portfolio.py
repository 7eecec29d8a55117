"""Alliance-portfolio similarity: Signorino & Ritter's S and Häge's chance-corrected kappa.

A state's *portfolio* is its vector of alliance ties to every state of the
system, coded ordinally as in Signorino & Ritter (1999): 0 no tie,
1 entente (consultation or a treaty-level partnership), 2 neutrality or
non-aggression, 3 defence (or offence); each state is in a defence pact with
itself. Two members are similar when they are allied with the same states.

**S** (Signorino & Ritter 1999, eq. 4, absolute distances)::

    S = 1 - 2 * sum_k w_k |x_k - y_k| / m_k  /  sum_k w_k

with ``m_k`` the largest possible distance on dimension k (3 for alliances)
and ``w_k`` weights (1 unweighted; a capability share in the weighted S).
S = 1 for identical portfolios, -1 for opposite ones.

**Cohen's kappa** (Häge 2011, after Cohen 1960, 1968)::

    kappa = 1 - D_o / D_e
    D_o = sum_k w_k d(x_k, y_k) / sum_k w_k
    D_e = sum_{a,b} p_x(a) p_y(b) d(a, b)

with ``d(a, b) = (|a - b| / m) ** 2`` (squared distances, as in Häge's
measures; ``distance="absolute"`` uses the power 1) and ``p_x``, ``p_y`` each
state's own (weighted) distribution over the categories. Kappa corrects S for
the agreement two states would show by chance: most states have no tie with
most others, so two unrelated states already share many zeros. Scott's pi
(:func:`scott_pi`) uses the pooled distribution instead.

Worked case (S&R 1999, Table 5e): ten states with no tie to either, and one
defence pact each on the other's side: S = 2/3, yet kappa = -1/11 (no agreement
beyond chance) — Häge's point.

References
----------
Signorino, C. S. & J. M. Ritter. 1999. "Tau-b or Not Tau-b: Measuring the
Similarity of Foreign Policy Positions." *International Studies Quarterly*
43(1): 115-144.
Häge, F. M. 2011. "Choice or Circumstance? Adjusting Measures of Foreign
Policy Similarity for Chance Agreement." *Political Analysis* 19(3): 287-305.
Cohen, J. 1968. "Weighted Kappa." *Psychological Bulletin* 70(4): 213-220.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from fairweather.metrics._data import CohesionData, dyads

__all__ = ["PORTFOLIO_LEVELS", "s_score", "cohen_kappa", "scott_pi", "alliance_level", "portfolios", "pairwise_agreement",
           "portfolio_similarity"]

#: Ordinal alliance levels of Signorino & Ritter (1999): obligation -> level.
PORTFOLIO_LEVELS: dict[str, int] = {
    "defense": 3, "offense": 3, "neutrality": 2, "nonaggression": 2, "consultation": 1, "partnership": 1,
}

Distance = Literal["absolute", "squared"]


def _arrays(x: Sequence[float], y: Sequence[float], weights: Sequence[float] | None,
            extra: float | Sequence[float] = 1.0) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """x, y, weights and ``extra`` (broadcast per dimension) with incomplete dimensions dropped."""
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if xa.shape != ya.shape or xa.ndim != 1:
        raise ValueError(f"x and y must be vectors of the same length; got {xa.shape} and {ya.shape}.")
    w = np.ones_like(xa) if weights is None else np.asarray(weights, dtype=float)
    if w.shape != xa.shape:
        raise ValueError(f"weights must have the length of x ({len(xa)}); got {w.shape}.")
    if (w < 0).any():
        raise ValueError("weights must be >= 0.")
    e = np.broadcast_to(np.asarray(extra, dtype=float), xa.shape)
    ok = ~(np.isnan(xa) | np.isnan(ya) | np.isnan(w))
    return xa[ok], ya[ok], w[ok], e[ok]


def s_score(x: Sequence[float], y: Sequence[float], weights: Sequence[float] | None = None,
            max_distance: float | Sequence[float] = 3.0, distance: Distance = "absolute") -> float:
    """Signorino & Ritter's S between two portfolios, in [-1, 1].

    Parameters
    ----------
    x, y
        The two portfolios (one value per state of the system); NaN entries are dropped.
    weights
        Weight of each dimension (default 1 each: the unweighted S).
    max_distance
        Largest possible distance on each dimension (3 for 0..3 alliance levels);
        a scalar or one value per dimension.
    distance
        ``"absolute"`` (S&R 1999) or ``"squared"``.

    Examples
    --------
    >>> s_score([3, 3, 2, 2], [2, 2, 3, 3])             # one level apart everywhere
    0.33333333333333337
    >>> round(s_score([3, 3, 2, 2], [2, 2, 3, 3], weights=[.5, .3, .1, .1]), 4)
    0.3333

    References
    ----------
    Signorino, C. S. & J. M. Ritter. 1999. *International Studies Quarterly* 43(1): 115-144.
    """
    xa, ya, w, m = _arrays(x, y, weights, max_distance)
    if (m <= 0).any():
        raise ValueError("max_distance must be > 0.")
    if w.sum() <= 0:
        return math.nan
    d = np.abs(xa - ya) / m
    if distance == "squared":
        d = d**2
    return float(1.0 - 2.0 * (w * d).sum() / w.sum())


def _agreement(x, y, weights, levels, distance: Distance, pooled: bool) -> float:
    xa, ya, w, _ = _arrays(x, y, weights)
    lv = np.asarray(sorted(levels) if levels is not None else sorted(set(xa) | set(ya)), dtype=float)
    if w.sum() <= 0 or len(lv) < 2:
        return math.nan
    ix, iy = np.searchsorted(lv, xa), np.searchsorted(lv, ya)
    if (ix >= len(lv)).any() or (iy >= len(lv)).any() or (lv[np.minimum(ix, len(lv) - 1)] != xa).any() or (lv[np.minimum(iy, len(lv) - 1)] != ya).any():
        raise ValueError(f"Every value must be one of the levels {lv.tolist()}.")
    k = len(lv)
    # the weighted contingency table of the two codings, as proportions
    table = np.bincount(ix * k + iy, weights=w, minlength=k * k).reshape(k, k) / w.sum()
    power = 2 if distance == "squared" else 1
    dist = (np.abs(lv[:, None] - lv[None, :]) / (lv.max() - lv.min())) ** power
    d_obs = float((table * dist).sum())
    px, py = table.sum(axis=1), table.sum(axis=0)
    if pooled:
        px = py = (px + py) / 2
    d_exp = float(px @ dist @ py)
    if d_exp == 0:
        return 1.0 if d_obs == 0 else math.nan  # both constant and identical: perfect, chance-free agreement
    return float(1.0 - d_obs / d_exp)


def cohen_kappa(x: Sequence[float], y: Sequence[float], weights: Sequence[float] | None = None,
                levels: Sequence[float] | None = (0, 1, 2, 3), distance: Distance = "squared") -> float:
    """Häge's (2011) Cohen's kappa between two portfolios (1 perfect, 0 chance, < 0 worse than chance).

    Parameters
    ----------
    levels
        Every category that could occur (default 0..3, the alliance levels);
        ``None`` uses those observed.
    distance
        ``"squared"`` (default, as in Häge's measures) or ``"absolute"``.

    Examples
    --------
    >>> round(cohen_kappa([0] * 10 + [0, 3], [0] * 10 + [3, 0]), 4)   # S&R Table 5(e)
    -0.0909

    References
    ----------
    Häge, F. M. 2011. *Political Analysis* 19(3): 287-305. Cohen, J. 1968.
    *Psychological Bulletin* 70(4): 213-220.
    """
    return _agreement(x, y, weights, levels, distance, pooled=False)


def scott_pi(x: Sequence[float], y: Sequence[float], weights: Sequence[float] | None = None,
             levels: Sequence[float] | None = (0, 1, 2, 3), distance: Distance = "squared") -> float:
    """Scott's pi (Häge 2011): kappa with the two states' pooled distribution as chance."""
    return _agreement(x, y, weights, levels, distance, pooled=True)


def alliance_level(obligations: set[str]) -> int:
    """Ordinal S&R level (0..3) of a set of obligations."""
    return max((PORTFOLIO_LEVELS.get(o, 0) for o in obligations), default=0)


def _levels(data: CohesionData, as_of) -> dict[tuple[str, str], int]:
    """Undirected S&R level of every allied pair on ``as_of`` (both orders), computed once per date."""
    key = ("portfolio_levels", as_of)
    if key not in data._cache:
        out: dict[tuple[str, str], int] = {}
        for (g, r), obs in data.obligations(as_of).items():
            lvl = alliance_level(obs)
            if lvl > out.get((g, r), 0):
                out[(g, r)] = out[(r, g)] = lvl
        data._cache[key] = out
    return data._cache[key]


def portfolios(data: CohesionData, states: Sequence[str], as_of) -> pd.DataFrame:
    """Alliance portfolios on ``as_of``: rows ``states``, columns every state of the system, values 0..3.

    A tie counts at the strongest obligation in either direction (S&R code
    alliances, not directions); a state's tie with itself is 3.
    """
    levels = _levels(data, as_of)
    cols = sorted(set(data.system(as_of)) | set(states))
    arr = np.array([[3 if s == c else levels.get((s, c), 0) for c in cols] for s in states], dtype=int).reshape(len(states), len(cols))
    return pd.DataFrame(arr, index=list(states), columns=cols)


def pairwise_agreement(arr: np.ndarray, weights: np.ndarray | None = None, levels: Sequence[float] = (0, 1, 2, 3),
                       max_distance: float = 3.0) -> dict[str, np.ndarray]:
    """S (unweighted, and weighted if ``weights``), Cohen's kappa and Scott's pi for every pair of rows of ``arr``.

    The vectorised form of :func:`s_score`, :func:`cohen_kappa` and
    :func:`scott_pi` (absolute distances for S, squared for kappa and pi),
    for one bloc-year's portfolios at once. Returns ``n x n`` matrices keyed
    ``s``, ``s_weighted``, ``kappa``, ``pi`` (``s_weighted`` is NaN without weights).
    """
    n, m = arr.shape
    lv = np.asarray(levels, dtype=float)
    absd = np.abs(arr[:, None, :] - arr[None, :, :]) / max_distance
    out = {"s": 1.0 - 2.0 * absd.mean(axis=2)}
    out["s_weighted"] = (1.0 - 2.0 * (absd * weights).sum(axis=2) / weights.sum()) if weights is not None else np.full((n, n), np.nan)
    onehot = (arr[:, :, None] == lv[None, None, :]).astype(float)  # state x dimension x level
    table = np.einsum("ack,bcl->abkl", onehot, onehot) / m  # pair contingency tables, as proportions
    dist = (np.abs(lv[:, None] - lv[None, :]) / (lv.max() - lv.min())) ** 2
    d_obs = (table * dist).sum(axis=(2, 3))
    px, py = table.sum(axis=3), table.sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        d_exp = np.einsum("abk,kl,abl->ab", px, dist, py)
        pooled = (px + py) / 2
        d_pool = np.einsum("abk,kl,abl->ab", pooled, dist, pooled)
        out["kappa"] = np.where(d_exp > 0, 1.0 - d_obs / np.where(d_exp > 0, d_exp, 1.0), np.where(d_obs == 0, 1.0, np.nan))
        out["pi"] = np.where(d_pool > 0, 1.0 - d_obs / np.where(d_pool > 0, d_pool, 1.0), np.where(d_obs == 0, 1.0, np.nan))
    return out


def _capability_weights(data: CohesionData, cols: list[str], as_of) -> np.ndarray | None:
    """Military-spending shares of the system (states without a figure weigh 0); None if no data."""
    milex = data.fact_values("milex_usd", as_of)
    w = np.array([milex.get(c, 0.0) for c in cols], dtype=float)
    return w / w.sum() if w.sum() > 0 else None


def portfolio_similarity(data: CohesionData, groups: pd.DataFrame) -> pd.DataFrame:
    """Mean S (unweighted and weighted) and Cohen's kappa of member portfolios, per bloc-year.

    The weighted S weights each state of the system by its share of world
    military spending (``milex_usd`` facts; CINC is not in the pack); it is
    NaN when the pack has no spending figures for the date.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``portfolio_s``, ``portfolio_s_weighted``,
        ``portfolio_kappa``, ``portfolio_pi`` — means over member dyads.

    References
    ----------
    Signorino & Ritter 1999, *ISQ* 43(1): 115-144; Häge 2011, *Political Analysis* 19(3): 287-305.
    """
    rows = []
    for g in groups.itertuples(index=False):
        pairs = dyads(g.members)
        if not pairs:
            rows.append({"bloc": g.bloc, "year": g.year, "portfolio_s": math.nan, "portfolio_s_weighted": math.nan,
                         "portfolio_kappa": math.nan, "portfolio_pi": math.nan})
            continue
        port = portfolios(data, sorted(g.members), g.as_of)
        w = _capability_weights(data, list(port.columns), g.as_of)
        mats = pairwise_agreement(port.to_numpy(dtype=float), w)
        iu = np.triu_indices(len(port), k=1)  # every member dyad once
        means = {}
        for key in ("s", "s_weighted", "kappa", "pi"):
            v = mats[key][iu]
            means[key] = float(np.nanmean(v)) if not np.isnan(v).all() else math.nan
        rows.append({"bloc": g.bloc, "year": g.year, "portfolio_s": means["s"], "portfolio_s_weighted": means["s_weighted"],
                     "portfolio_kappa": means["kappa"], "portfolio_pi": means["pi"]})
    return pd.DataFrame(rows, columns=["bloc", "year", "portfolio_s", "portfolio_s_weighted", "portfolio_kappa", "portfolio_pi"])
