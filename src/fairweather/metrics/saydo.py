"""Say versus do: what a target's partners said in a crisis, and what they did.

For a crisis window (a target state, its attackers, a start and an end date)
and each partner of the target, :func:`saydo` counts the partner's events
(from the partner, as coded by GDELT, ICEWS or PLOVER):

==================== ============================================ =================
measure              support class (:mod:`~fairweather.events.taxonomy`) toward
==================== ============================================ =================
verbal_support       verbal_support (promises, praise, meetings)  the target
material_support     material_support (material cooperation, aid) the target
verbal_hostility     verbal_hostility (demands, criticism, threats) the attackers
material_hostility   material_hostility (sanctions, force)        the attackers
==================== ============================================ =================

Each comes as a count, as ``<measure>_intensity`` (the sum of the absolute
intensity, i.e. Goldstein magnitude or PLOVER score magnitude), and
normalized by the partner's overall event volume in the window (``events``:
every event the partner is the source of, toward anyone) as
``<measure>_norm`` and ``<measure>_intensity_norm``.

**saydo_ratio** = verbal_support / (verbal_support + material_support): the
share of a partner's support toward the target that was words. 1 means all
talk and no deeds, 0 all deeds, 0.5 as much of one as the other. It is
missing (NaN) when the partner had no support event toward the target at
all: silence is not a ratio. ``saydo_ratio_intensity`` is the same share
computed on intensity sums.

Worked case: in the window RUS has 10 events, 3 verbal-support events toward
IRN (Goldstein 3.4 + 5.2 + 1.0) and 1 material-support event (7.4), and 2
verbal-hostility events toward ISR (−2.0 each). Then verbal_support = 3,
material_support = 1, saydo_ratio = 3 / 4 = 0.75, verbal_support_intensity =
9.6, verbal_hostility_intensity = 4.0, verbal_support_norm = 0.3.

Partners are, in order of precedence: the ones given; for a crisis from the
store, the supporters recorded in its responses; otherwise the ``top_n``
states with most events with the target in the window (attackers left out).

References
----------
Goldstein, J. S. (1992). A Conflict-Cooperation Scale for WEIS Events Data.
*Journal of Conflict Resolution* 36(2): 369–385.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pandas as pd

from fairweather.errors import DateError, ScenarioError
from fairweather.results import Result, Summary

if TYPE_CHECKING:
    import ibis.expr.types as ir
    import pyarrow as pa

    from fairweather.events.schema import EventImport

    EventsLike: TypeAlias = EventImport | pa.Table | pd.DataFrame | ir.Table | str | os.PathLike | Sequence[str | os.PathLike]

__all__ = [
    "CrisisWindow",
    "SayDoResult",
    "DyadPanelResult",
    "SAYDO_COLUMNS",
    "saydo",
    "dyad_panel",
]

_MEASURES = ("verbal_support", "material_support", "verbal_hostility", "material_hostility")

#: Column order of :meth:`SayDoResult.to_frame`.
SAYDO_COLUMNS: tuple[str, ...] = (
    "partner",
    *_MEASURES,
    "saydo_ratio",
    "events",
    *(f"{m}_intensity" for m in _MEASURES),
    "saydo_ratio_intensity",
    *(f"{m}_norm" for m in _MEASURES),
    *(f"{m}_intensity_norm" for m in _MEASURES),
)


@dataclass(frozen=True)
class CrisisWindow:
    """A target, its attackers and a date window (``end=None``: open-ended)."""

    target: str
    attackers: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    crisis_id: str | None = None

    def __post_init__(self) -> None:
        if self.target in self.attackers:
            raise ScenarioError(f"The target {self.target} cannot be among its own attackers {list(self.attackers)}.")
        if self.start and self.end and self.end < self.start:
            raise DateError(f"The window ends ({self.end}) before it starts ({self.start}); swap --from and --to.")


@dataclass
class SayDoResult(Result):
    """Say–do measures of each partner in one crisis window.

    ``frame`` holds one row per partner (columns :data:`SAYDO_COLUMNS`);
    :meth:`daily` gives the same measures per day.
    """

    window: CrisisWindow
    partners: list[str]
    partner_source: str  # "given", "responses" or "event volume"
    frame: pd.DataFrame
    _table: Any = field(repr=False, default=None)
    _daily: pd.DataFrame | None = field(repr=False, default=None)

    def to_frame(self) -> pd.DataFrame:
        """One row per partner: counts, saydo_ratio, intensities and normalized variants."""
        return self.frame.copy()

    def daily(self) -> pd.DataFrame:
        """Counts per partner and day, every day of the window (zeros where nothing happened)."""
        if self._daily is None:
            from fairweather.events.pipeline import saydo_daily

            w = self.window
            raw = saydo_daily(self._table, target=w.target, attackers=list(w.attackers), partners=self.partners,
                              start=w.start, end=w.end).to_pandas()  # fmt: skip
            raw["date"] = pd.to_datetime(raw["date"]).dt.date
            lo = w.start or (raw["date"].min() if len(raw) else None)
            hi = w.end or (raw["date"].max() if len(raw) else None)
            days = [lo + dt.timedelta(d) for d in range((hi - lo).days + 1)] if lo and hi else []
            grid = pd.MultiIndex.from_product([days, self.partners], names=["date", "partner"])
            frame = raw.set_index(["date", "partner"]).reindex(grid)
            frame = _finish(frame.reset_index(), count_cols=["events", *_MEASURES])
            self._daily = frame[["date", *SAYDO_COLUMNS]]
        return self._daily.copy()

    def _lines(self) -> list[str]:
        """The summary's notes: the window, then one line per partner (what it said and did)."""
        w = self.window
        head = (f"Say–do toward {w.target} (attackers: {', '.join(w.attackers) or 'none'}), "
                f"{w.start or '…'} to {w.end or '…'}; partners from {self.partner_source}.")  # fmt: skip
        lines = [head]
        for r in self.frame.itertuples(index=False):
            ratio = "n/a" if pd.isna(r.saydo_ratio) else f"{r.saydo_ratio:.2f}"
            lines.append(f"  {r.partner}: said {r.verbal_support}, did {r.material_support}, ratio {ratio}; "
                         f"hostility to attackers {r.verbal_hostility} verbal, {r.material_hostility} material "
                         f"(of {r.events} events)")  # fmt: skip
        return lines

    def summary(self) -> Summary:
        """The counts per partner, and a sentence each (the notes; the first names the window)."""
        w = self.window
        info = [("Target", w.target), ("Attackers", ", ".join(w.attackers) or "none"),
                ("From", str(w.start or "…")), ("To", str(w.end or "…")), ("Partners from", self.partner_source),
                ("Crisis", w.crisis_id or "")]
        cols = ["partner", "events", *_MEASURES, "saydo_ratio"]
        return Summary(f"Say–do toward {w.target}", info, self.frame[cols], notes=self._lines(), digits=2)


@dataclass
class DyadPanelResult(Result):
    """A directed dyad-month panel (see :func:`fairweather.events.pipeline.dyad_month_panel`)."""

    frame: pd.DataFrame
    start: dt.date | None
    end: dt.date | None

    def to_frame(self) -> pd.DataFrame:
        """One row per month, source and target state."""
        return self.frame.copy()

    def summary(self) -> Summary:
        """The period, and the dyads with the most events (net cooperation beside them)."""
        f = self.frame
        info = [("From", str(self.start or "…")), ("To", str(self.end or "…")), ("Rows", str(len(f))),
                ("Months", str(f["month"].nunique() if len(f) else 0))]
        top = (f.groupby(["source_iso3", "target_iso3"], as_index=False)[["events", "net_cooperation"]].sum()
               .sort_values(["events", "source_iso3", "target_iso3"], ascending=[False, True, True]).head(10)
               .reset_index(drop=True)) if len(f) else pd.DataFrame(columns=["source_iso3", "target_iso3", "events",
                                                                              "net_cooperation"])
        return Summary("Directed dyad-month event panel", info, tables=[("Dyads with the most events", top)], digits=2)


def _get(obj: Any, name: str) -> Any:
    return obj[name] if isinstance(obj, dict) else getattr(obj, name)


def _as_table(events: EventsLike, con=None):
    import ibis.expr.types as ir

    from fairweather.events.pipeline import events_table

    if isinstance(events, ir.Table):
        return events
    paths = [events] if isinstance(events, (str, os.PathLike)) else events
    if isinstance(paths, (list, tuple)) and paths and all(isinstance(p, (str, os.PathLike)) for p in paths):
        if not all(os.fspath(p).lower().endswith(".parquet") for p in paths):
            # raw publisher files: import them (checked, with a report) first
            from fairweather.sources.eventfiles import read_events

            events = read_events([os.fspath(p) for p in paths])
    return events_table(events, con=con)


def _finish(frame: pd.DataFrame, count_cols: list[str]) -> pd.DataFrame:
    """Zeros for missing counts, then ratios and normalized variants."""
    for c in count_cols:
        frame[c] = frame[c].fillna(0).astype("int64")
    for m in _MEASURES:
        frame[f"{m}_intensity"] = frame[f"{m}_intensity"].fillna(0.0).astype("float64")
    said, did = frame["verbal_support"], frame["material_support"]
    with np.errstate(invalid="ignore", divide="ignore"):
        frame["saydo_ratio"] = (said / (said + did)).where(said + did > 0)
        si, di = frame["verbal_support_intensity"], frame["material_support_intensity"]
        frame["saydo_ratio_intensity"] = (si / (si + di)).where(si + di > 0)
        volume = frame["events"].where(frame["events"] > 0)
        for m in _MEASURES:
            frame[f"{m}_norm"] = frame[m] / volume
            frame[f"{m}_intensity_norm"] = frame[f"{m}_intensity"] / volume
    return frame


def _window_from_store(crisis: str, store) -> tuple[CrisisWindow, list[str]]:
    if store is None:
        from fairweather.store import Store  # the store layer is only needed on this path

        store = Store.default()
    c = store.crisis(crisis)
    window = CrisisWindow(
        target=_get(c, "target"),
        attackers=tuple(_get(c, "attackers") or ()),
        start=_get(c, "start_date"),
        end=_get(c, "end_date"),
        crisis_id=crisis,
    )
    supporters: list[str] = []
    responses = store.responses(crisis)
    if responses is not None and len(responses) and "supporter" in responses:
        supporters = [s for s in dict.fromkeys(responses["supporter"].dropna()) if s not in window.attackers]
    return window, supporters


def saydo(
    events: EventsLike,
    *,
    target: str | None = None,
    attackers: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    crisis: str | None = None,
    partners: Sequence[str] | None = None,
    top_n: int = 8,
    store: Any = None,
    con: Any = None,
) -> SayDoResult:
    """Say–do measures of a target's partners in a crisis window.

    Parameters
    ----------
    events
        Normalized events: an import result, an Arrow table, a DataFrame, an
        Ibis table (any backend) or Parquet file(s); paths to publisher files
        (GDELT, ICEWS, PLOVER, POLECAT) are imported first with
        :func:`fairweather.sources.eventfiles.read_events`.
    target, attackers, start, end
        The crisis window, given directly (ISO3 codes; dates inclusive).
    crisis
        Or a crisis id from the store: its target, attackers and dates are
        used, and its recorded supporters become the partners.
    partners
        Partners to measure (ISO3); overrides the store and the automatic choice.
    top_n
        How many partners to choose by event volume with the target when
        none are given or recorded.
    store
        An open store for the crisis-id path (default: ``Store.default()``).
    con
        An Ibis backend to put in-memory events on (default: embedded DuckDB).

    Returns
    -------
    SayDoResult
        ``.to_frame()`` per partner, ``.daily()`` per partner and day.

    Examples
    --------
    >>> import datetime as dt, pandas as pd
    >>> ev = pd.DataFrame({"date": [dt.date(2025, 6, 14)] * 3, "source_iso3": ["RUS", "RUS", "CHN"],
    ...     "target_iso3": ["IRN", "IRN", "IRN"], "support_class": ["verbal_support", "material_support",
    ...     "verbal_support"], "intensity": [3.4, 7.4, 3.4]})
    >>> res = saydo(ev, target="IRN", attackers=["ISR"], start=dt.date(2025, 6, 13), end=dt.date(2025, 6, 24))
    >>> res.to_frame()[["partner", "verbal_support", "material_support", "saydo_ratio"]].to_string(index=False)
    'partner  verbal_support  material_support  saydo_ratio\\n    RUS               1                 1          0.5\\n    CHN               1                 0          1.0'
    """
    from fairweather.events.pipeline import saydo_counts, top_partners

    recorded: list[str] = []
    if crisis is not None:
        window, recorded = _window_from_store(crisis, store)
    else:
        if not target:
            raise ScenarioError("Give a target state (e.g. target='IRN') or a crisis id.")
        window = CrisisWindow(target, tuple(attackers), start, end)
    table = _as_table(events, con=con)
    if partners:
        chosen, source = list(dict.fromkeys(partners)), "given"
    elif recorded:
        chosen, source = recorded, "responses"
    else:
        top = top_partners(table, target=window.target, exclude=list(window.attackers),
                           start=window.start, end=window.end, n=top_n).to_pandas()  # fmt: skip
        chosen, source = list(top["partner"]), "event volume"
    if window.target in chosen:
        raise ScenarioError(f"The target {window.target} cannot be one of its own partners.")
    if chosen:
        raw = saydo_counts(table, target=window.target, attackers=list(window.attackers), partners=chosen,
                           start=window.start, end=window.end).to_pandas()  # fmt: skip
    else:
        raw = pd.DataFrame(columns=["partner", "events", *_MEASURES, *(f"{m}_intensity" for m in _MEASURES)])
    frame = raw.set_index("partner").reindex(chosen).rename_axis("partner").reset_index()
    frame = _finish(frame, count_cols=["events", *_MEASURES])[list(SAYDO_COLUMNS)]
    return SayDoResult(window=window, partners=chosen, partner_source=source, frame=frame, _table=table)


def dyad_panel(
    events: EventsLike,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    states: Sequence[str] | None = None,
    con: Any = None,
) -> DyadPanelResult:
    """Directed dyad-month panel for any period: net cooperation and counts per class.

    Columns: ``month``, ``source_iso3``, ``target_iso3``, ``events``,
    ``net_cooperation`` (sum of the signed intensity), one count per support
    class and per quad class. Sorted by month, source and target.
    """
    from fairweather.events.pipeline import dyad_month_panel

    if start and end and end < start:
        raise DateError(f"The period ends ({end}) before it starts ({start}).")
    table = _as_table(events, con=con)
    frame = dyad_month_panel(table, start=start, end=end, states=states).to_pandas()
    if len(frame):
        frame["month"] = pd.to_datetime(frame["month"]).dt.date
    frame = frame.sort_values(["month", "source_iso3", "target_iso3"]).reset_index(drop=True)
    return DyadPanelResult(frame=frame, start=start, end=end)

