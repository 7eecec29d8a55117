"""Bloc cohesion over time: every metric per bloc-year, the composite, a profile and a reading.

>>> result = cohesion("CRINK", range(2015, 2026))            # doctest: +SKIP
>>> result.to_frame()[["bloc", "year", "strength", "composite"]]  # doctest: +SKIP

Every bloc-year is measured as of July 1 of the year, with the bloc's members
on that date (a named bloc's membership comes from the pack; a list of states
is fixed). See each metric's module for its definition and references.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from fairweather.errors import CoverageError, DateError
from fairweather.metrics._data import CohesionData
from fairweather.metrics.blocs import Bloc, membership_panel, resolve_bloc
from fairweather.metrics.commitment import commitment_density
from fairweather.metrics.composite import COMPONENTS, check_weights, composite, sensitivity
from fairweather.metrics.crosspressure import cross_pressure
from fairweather.metrics.dependence import dependence_asymmetry
from fairweather.metrics.portfolio import portfolio_similarity
from fairweather.metrics.reciprocity import reciprocity
from fairweather.metrics.revealed import revealed_support
from fairweather.metrics.similarity import value_similarity
from fairweather.results import Result, Summary

if TYPE_CHECKING:
    from fairweather.store import Store

__all__ = ["METRICS", "CohesionResult", "cohesion", "compare_blocs", "measure"]

#: The metric columns of :meth:`CohesionResult.to_frame`, with a plain description each.
METRICS: dict[str, str] = {
    "members": "number of members on July 1",
    "density": "share of member pairs bound by any commitment",
    "strength": "mean strength of the member pairs' commitments (defence 1, consultation/neutrality 0.5, partnership 0.25)",
    "defense_share": "share of member pairs with a defence obligation",
    "asymmetry": "mean dependence imbalance between members (0 balanced .. 1 one-sided)",
    "dependence": "mean dependence of the more dependent side (share of its trade/energy/arms)",
    "reciprocity": "balance of material help given and received (0 one-way .. 1 balanced)",
    "help_events": "material help events between members in the last 10 years",
    "value_similarity": "regime similarity, 1 - mean polyarchy distance",
    "portfolio_s": "alliance-portfolio S (Signorino & Ritter), unweighted",
    "portfolio_s_weighted": "alliance-portfolio S weighted by military-spending share",
    "portfolio_kappa": "alliance-portfolio Cohen's kappa (Häge): agreement beyond chance",
    "cross_pressure": "members' trade with the bloc's adversaries vs inside the bloc (0..1)",
    "support_level": "mean support level (0-5) members gave attacked members, last 10 years",
    "support_share": "share of those responses that were material help (level >= 3)",
    "composite": "weighted mean of the components on 0..1 (weights shown)",
    "composite_n": "components measured (of 7) in the composite",
}


_COUNT_COLUMNS = ("members", "help_events", "composite_n")


@dataclass
class CohesionResult(Result):
    """Cohesion metrics for one or more blocs over years (from :func:`cohesion` or :func:`compare_blocs`).

    Attributes
    ----------
    metrics
        One row per bloc-year with every metric column (no composite).
    weights
        The composite's weight per component (all seven keys, defaults filled in).
    blocs
        The blocs measured, in the order given.
    years
        The years measured (each as of July 1).
    members
        One row per bloc-year with its ``members`` as a tuple of ISO3 codes.
    """

    metrics: pd.DataFrame
    weights: dict[str, float]
    blocs: tuple[Bloc, ...]
    years: tuple[int, ...]
    members: pd.DataFrame = field(repr=False)
    _frame: pd.DataFrame | None = field(default=None, repr=False)

    def to_frame(self) -> pd.DataFrame:
        """One row per bloc-year: ``bloc``, ``year``, ``as_of``, ``members``, one column per metric, ``composite``."""
        if self._frame is None:
            comp = composite(self.metrics, self.weights)
            self._frame = self.metrics.assign(composite=comp["composite"].to_numpy(), composite_n=comp["composite_n"].to_numpy())
        return self._frame.copy()

    def sensitivity(self, draws: int = 500, seed: int = 0) -> pd.DataFrame:
        """Rank frequencies of the blocs as the weights vary (see :func:`~fairweather.metrics.composite.sensitivity`)."""
        return sensitivity(self.metrics, self.weights, draws=draws, seed=seed)

    def weights_frame(self) -> pd.DataFrame:
        """The composite's weights and what each component reads."""
        return pd.DataFrame([{"component": k, "weight": self.weights[k], "column": c, "transform": t}
                             for k, (c, t) in COMPONENTS.items()])

    def profile(self, bloc: str | None = None) -> pd.DataFrame:
        """A readable table: one row per bloc and metric, one column per year (values rounded)."""
        frame = self.to_frame()
        out = []
        for b in ([bloc] if bloc else [x.name for x in self.blocs]):
            sub = frame[frame["bloc"] == b].set_index("year")
            for col, desc in METRICS.items():
                row: dict[str, Any] = {"bloc": b, "metric": col}
                for y in self.years:
                    v = sub.at[y, col] if y in sub.index else math.nan
                    row[str(y)] = None if v is None or pd.isna(v) else (
                        int(v) if col in _COUNT_COLUMNS else round(float(v), 3))
                row["what it measures"] = desc
                out.append(row)
        return pd.DataFrame(out, dtype=object)

    def reading(self, bloc: str | None = None) -> list[str]:
        """Plain-words sentences per bloc: what binds it and what does not (latest measured year)."""
        return [s for b in ([bloc] if bloc else [x.name for x in self.blocs]) for s in _reading(self.to_frame(), b)]

    def summary(self) -> Summary:
        """Every metric of each bloc in its latest measured year, the composite's weights, and the reading."""
        frame = self.to_frame()
        years = f"{min(self.years)}-{max(self.years)}" if self.years else "none"
        latest = {}
        for b in self.blocs:
            sub = frame[frame["bloc"] == b.name].sort_values("year")
            if len(sub):
                row = sub.iloc[-1]
                latest[f"{b.name} {int(row['year'])}"] = [_shown(row[c], c) for c in METRICS]
        table = pd.DataFrame(latest, index=pd.Index(list(METRICS), name="metric"))
        info = [("Blocs", ", ".join(b.name for b in self.blocs)), ("Years", years), ("Measured on", "July 1 of each year")]
        weights = self.weights_frame()[["component", "weight", "column"]]
        return Summary("Bloc cohesion (latest year measured)", info, table, tables=[("Composite weights", weights)],
                       notes=self.reading(), digits=3)


def _shown(v: Any, column: str) -> object:
    """A metric as a summary shows it: counts as integers, the rest to three decimals, missing as None."""
    if v is None or pd.isna(v):
        return None
    return int(v) if column in _COUNT_COLUMNS else round(float(v), 3)


def _fmt(v: float) -> str:
    return f"{v:.2f}"


def _reading(frame: pd.DataFrame, bloc: str) -> list[str]:
    sub = frame[(frame["bloc"] == bloc) & (frame["members"] >= 2)].sort_values("year")
    if sub.empty:
        return [f"{bloc}: fewer than two members in every year asked for; nothing to measure."]
    last = sub.iloc[-1]
    binds, loose = [], []
    if not math.isnan(last["strength"]):
        if last["defense_share"] >= 0.5:
            binds.append(f"defence obligations tie {last['defense_share']:.0%} of member pairs")
        elif last["density"] > 0:
            loose.append(f"only {last['defense_share']:.0%} of member pairs have a defence obligation "
                         f"({last['density']:.0%} have any commitment)")
        else:
            loose.append("no treaty binds any pair of members")
    if not math.isnan(last["portfolio_kappa"]):
        (binds if last["portfolio_kappa"] >= 0.4 else loose).append(
            f"their alliance portfolios agree {'well' if last['portfolio_kappa'] >= 0.4 else 'little'} beyond chance "
            f"(kappa {_fmt(last['portfolio_kappa'])})")
    if not math.isnan(last["value_similarity"]):
        (binds if last["value_similarity"] >= 0.75 else loose).append(
            f"regimes are {'alike' if last['value_similarity'] >= 0.75 else 'far apart'} (similarity {_fmt(last['value_similarity'])})")
    if not math.isnan(last["asymmetry"]):
        (loose if last["asymmetry"] >= 0.3 else binds).append(
            f"dependence is {'lopsided' if last['asymmetry'] >= 0.3 else 'fairly balanced'} (asymmetry {_fmt(last['asymmetry'])})")
    if not math.isnan(last["reciprocity"]):
        (binds if last["reciprocity"] >= 0.5 else loose).append(
            f"material help has flowed {'both ways' if last['reciprocity'] >= 0.5 else 'mostly one way'} "
            f"({int(last['help_events'])} events, reciprocity {_fmt(last['reciprocity'])})")
    if not math.isnan(last["cross_pressure"]):
        (loose if last["cross_pressure"] >= 0.5 else binds).append(
            f"members trade {'more' if last['cross_pressure'] >= 0.5 else 'less'} with the bloc's adversaries than with each other "
            f"(cross-pressure {_fmt(last['cross_pressure'])}; {int(last['cross_n'])} of {int(last['members'])} members "
            "with trade data on the adversaries)")
    if not math.isnan(last["support_share"]):
        (binds if last["support_share"] >= 0.5 else loose).append(
            f"when a member was attacked, {last['support_share']:.0%} of the other members' responses were material help "
            f"(mean level {last['support_level']:.1f} of 5)")
    y = int(last["year"])
    out = [f"{bloc} in {y} ({int(last['members'])} members): "
           + (f"held together by: {'; '.join(binds)}." if binds else "nothing measured binds it strongly.")]
    if loose:
        out.append(f"{bloc} in {y}: what does not bind: {'; '.join(loose)}.")
    n = int(last["composite_n"])
    same = sub[(sub["composite_n"] == n) & sub["composite"].notna()]
    if n and len(same) > 1:
        first = same.iloc[0]
        delta = last["composite"] - first["composite"]
        trend = "rose" if delta > 0.02 else "fell" if delta < -0.02 else "hardly moved"
        out.append(f"{bloc}: composite {trend} from {_fmt(first['composite'])} ({int(first['year'])}) to "
                   f"{_fmt(last['composite'])} ({y}), on the same {n} of {len(COMPONENTS)} components.")
    elif n:
        out.append(f"{bloc}: composite {_fmt(last['composite'])} in {y} on {n} of {len(COMPONENTS)} components; "
                   "earlier years rest on other components, so no trend is read.")
    return out


def _years(years: Iterable[int] | int) -> tuple[int, ...]:
    ys = (int(years),) if isinstance(years, int) else tuple(sorted({int(y) for y in years}))
    if not ys:
        raise DateError("Give at least one year, e.g. range(2015, 2026).")
    if ys[0] < 1816 or ys[-1] > dt.date.today().year + 1:
        raise DateError(f"Years must lie between 1816 and {dt.date.today().year + 1}; got {ys[0]}..{ys[-1]}.")
    return ys


def measure(data: CohesionData, blocs: Sequence[Bloc], years: Sequence[int]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every metric for every bloc-year, from in-memory tables (pure: no store access)."""
    groups = pd.concat([membership_panel(b, list(years), data) for b in blocs], ignore_index=True)
    adversaries = {b.name: b.adversaries for b in blocs}
    parts = [commitment_density(data, groups), dependence_asymmetry(data, groups), reciprocity(data, groups),
             value_similarity(data, groups), portfolio_similarity(data, groups), cross_pressure(data, groups, adversaries),
             revealed_support(data, groups)]
    out = groups[["bloc", "year", "as_of"]].assign(members=[len(m) for m in groups["members"]],
                                                    member_list=[",".join(m) for m in groups["members"]])
    for p in parts:
        out = out.merge(p, on=["bloc", "year"], how="left")
    return out, groups


def compare_blocs(blocs: Sequence[str | Bloc] | str, years: Iterable[int] | int, store: "Store | None" = None,
            weights: Mapping[str, float] | None = None) -> CohesionResult:
    """Cohesion of several blocs over the same years (see :func:`cohesion`).

    ``blocs`` is a list of bloc names or state lists, or one string of bloc
    names separated by ``;`` or ``|`` (``"NATO|CSTO"``).
    """
    from fairweather.store import Store

    if isinstance(blocs, str):
        blocs = [b for b in blocs.replace("|", ";").split(";") if b.strip()]
    resolved = tuple(dict.fromkeys(resolve_bloc(b) for b in blocs))
    ys = _years(years)
    w = check_weights(weights)
    data = CohesionData.from_store(store if store is not None else Store.default())
    known = set(data.bloc_members["bloc_id"])
    for b in resolved:
        if b.named and b.bloc_id not in known:
            raise CoverageError(f"The data pack has no membership rows for {b.name}; add them to bloc_members/ "
                                "or give the states as a list, e.g. 'RUS,CHN,IRN'.")
    metrics, groups = measure(data, resolved, ys)
    return CohesionResult(metrics, w, resolved, ys, groups)


def cohesion(bloc_or_states: str | Bloc | Sequence[str], years: Iterable[int] | int, store: "Store | None" = None,
             weights: Mapping[str, float] | None = None) -> CohesionResult:
    """How bound together a bloc is, year by year.

    Parameters
    ----------
    bloc_or_states
        A bloc name of :data:`~fairweather.metrics.blocs.BLOCS` (any case), a
        comma-separated list of states (codes or names), or a list of them.
    years
        Years to measure; each is evaluated as of July 1.
    store
        The store to read (default: the embedded pack, in memory).
    weights
        Composite weights by component (:data:`~fairweather.metrics.composite.DEFAULT_WEIGHTS`);
        those not given keep their default.

    Returns
    -------
    CohesionResult
        ``.to_frame()``, ``.weights``, ``.profile()``, ``.reading()``, ``.sensitivity()``.

    Examples
    --------
    >>> r = cohesion("RUS,CHN,IRN,PRK", range(2020, 2026))      # doctest: +SKIP
    >>> r.profile()                                              # doctest: +SKIP
    """
    b = bloc_or_states if isinstance(bloc_or_states, Bloc) else resolve_bloc(bloc_or_states)
    return compare_blocs([b], years, store=store, weights=weights)
