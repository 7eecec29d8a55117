"""Dependence asymmetry: who needs whom inside the bloc (Hirschman-style).

Hirschman (1945) located the power in a trade relation in its asymmetry: the
partner for whom the relation is a larger share of its trade can be pressed by
the other. For every member dyad (a, b) and *channel* this module reads how
much a depends on b and b on a, as shares (%) from the pack's ties:

=========  ==========================================  ==========================================
channel    a's dependence on b                         mirror: b's dependence on a
=========  ==========================================  ==========================================
trade      ``trade_share`` a->b                        ``trade_share`` b->a
exports    ``export_share`` a->b                       ``import_share`` b->a
energy     ``oil_export_share`` a->b (a sells to b)    ``crude_import_share`` b->a (b buys from a)
           or ``crude_import_share`` /                 (and the same kinds read the other way)
           ``gas_import_share`` a->b
arms       ``arms_import_share`` a->b                  ``arms_import_share`` b->a, else 0: a supplier
                                                       does not depend on its client's purchases
=========  ==========================================  ==========================================

A dyad-channel counts only when both sides are known (except arms, as said).
Its *asymmetry* is ``|dep(a,b) - dep(b,a)| / 100`` in [0, 1]; the bloc's
``asymmetry`` is the mean over dyad-channels, its ``dependence`` the mean of
the larger side. Worked case: Iran sells about 90% of its oil exports to China
while Iran supplies about 13.6% of China's crude imports: energy asymmetry
``|90 - 13.6| / 100 = 0.76``.

References
----------
Hirschman, A. O. 1945. *National Power and the Structure of Foreign Trade*.
Berkeley: University of California Press.
Keohane, R. O. & J. S. Nye. 1977. *Power and Interdependence*. Boston: Little, Brown.
"""

from __future__ import annotations

import math

import pandas as pd

from fairweather.metrics._data import CohesionData, dyads

__all__ = ["DEPENDENCE_KINDS", "dependence_dyads", "dependence_asymmetry"]

#: Tie kinds read by each channel.
DEPENDENCE_KINDS: dict[str, tuple[str, ...]] = {
    "trade": ("trade_share",),
    "exports": ("export_share", "import_share"),
    "energy": ("oil_export_share", "crude_import_share", "gas_import_share"),
    "arms": ("arms_import_share",),
}
_ALL_KINDS = {k for ks in DEPENDENCE_KINDS.values() for k in ks}


def _dep(levels: dict, a: str, b: str, channel: str) -> float | None:
    """How much a depends on b in ``channel`` (%), or None if the pack does not say."""
    if channel == "trade":
        return levels.get((a, b, "trade_share"))
    if channel == "exports":
        return levels.get((a, b, "export_share"))
    if channel == "energy":
        vals = [v for v in (levels.get((a, b, k)) for k in DEPENDENCE_KINDS["energy"]) if v is not None]
        return max(vals) if vals else None
    return levels.get((a, b, "arms_import_share"))


def _mirror(levels: dict, a: str, b: str, channel: str) -> float | None:
    """How much b depends on a, read from b's own tie or its mirror kind."""
    if channel == "exports":
        return levels.get((b, a, "import_share"))
    return _dep(levels, b, a, channel)


def dependence_dyads(data: CohesionData, groups: pd.DataFrame) -> pd.DataFrame:
    """Every member dyad-channel with both dependences, per bloc-year.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``a``, ``b``, ``channel``, ``dep_ab`` (% a depends
        on b), ``dep_ba``, ``asymmetry`` (``|dep_ab - dep_ba| / 100``),
        ``more_dependent`` (the member that depends more).

    References
    ----------
    Hirschman, A. O. 1945. *National Power and the Structure of Foreign Trade*.
    """
    rows = []
    for g in groups.itertuples(index=False):
        levels = data.level_ties(g.as_of, _ALL_KINDS)
        for a, b in dyads(g.members):
            for ch in DEPENDENCE_KINDS:
                dab, dba = _dep(levels, a, b, ch), _mirror(levels, a, b, ch)
                if ch == "exports" and dab is None:
                    dab, dba = _mirror(levels, b, a, ch), _dep(levels, b, a, ch)
                if ch == "arms" and (dab is None) != (dba is None):
                    dab, dba = dab or 0.0, dba or 0.0
                if dab is None or dba is None:
                    continue
                rows.append({"bloc": g.bloc, "year": g.year, "a": a, "b": b, "channel": ch, "dep_ab": dab,
                             "dep_ba": dba, "asymmetry": abs(dab - dba) / 100.0,
                             "more_dependent": a if dab > dba else b if dba > dab else ""})
    return pd.DataFrame(rows, columns=["bloc", "year", "a", "b", "channel", "dep_ab", "dep_ba", "asymmetry", "more_dependent"])


def dependence_asymmetry(data: CohesionData, groups: pd.DataFrame) -> pd.DataFrame:
    """The bloc's mean dependence imbalance among members, per bloc-year.

    Returns
    -------
    DataFrame
        ``bloc``, ``year``, ``asymmetry`` (mean ``|dep_ab - dep_ba| / 100`` over
        dyad-channels, 0 = balanced, 1 = one side wholly dependent),
        ``dependence`` (mean of the larger side / 100), ``asymmetry_n``
        (dyad-channels measured). NaN where the pack has no pair of shares.

    References
    ----------
    Hirschman, A. O. 1945. *National Power and the Structure of Foreign Trade*.
    """
    detail = dependence_dyads(data, groups)
    parts = {key: d for key, d in detail.groupby(["bloc", "year"], sort=False)}
    rows = []
    for g in groups.itertuples(index=False):
        d = parts.get((g.bloc, g.year))
        if d is None or d.empty:
            rows.append({"bloc": g.bloc, "year": g.year, "asymmetry": math.nan, "dependence": math.nan, "asymmetry_n": 0})
            continue
        rows.append({"bloc": g.bloc, "year": g.year, "asymmetry": float(d["asymmetry"].mean()),
                     "dependence": float(d[["dep_ab", "dep_ba"]].max(axis=1).mean() / 100.0), "asymmetry_n": len(d)})
    return pd.DataFrame(rows, columns=["bloc", "year", "asymmetry", "dependence", "asymmetry_n"])
