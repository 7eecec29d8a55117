"""The application layer: one call per question, which the CLI prints, the dashboard serializes and the report draws.

Before this module each interface ran the library itself: the CLI, the dashboard and the report each
called :func:`~fairweather.forecast.forecast`, matched the recorded crisis, merged the what-if
comparison and chose their own default years and bloc, so the three could disagree on the same
scenario (architecture review, finding 4). Now:

- :func:`forecast_briefing` answers one scenario: the forecast, the record of a crisis the pack
  codes beside it, and the what-if baseline and change; :meth:`ForecastBriefing.as_dict` is the one
  JSON shape (``fairweather forecast --format json`` and ``/api/forecast`` both give it);
- :func:`briefing` adds the bloc around the target (cohesion, network), the backtest and, given
  event data, say versus do: everything the report shows;
- :func:`cohesion_years` and :func:`network_year` are the one place for default years, and
  :func:`default_bloc` the one rule for the bloc a briefing profiles.

Sections whose data the pack lacks come back as a note (``Briefing.notes``) instead of failing the
briefing; bad input (an unknown state, bloc or date) raises before any work.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Callable, TypeVar

from fairweather.errors import DateError, FairweatherError, ScenarioError, UnknownStateError
from fairweather.results import Result, Summary

if TYPE_CHECKING:  # pandas comes with the results; the CLI imports this module for its defaults, so it stays light
    import pandas as pd

__all__ = ["Briefing", "ForecastBriefing", "briefing", "forecast_briefing", "cohesion_years", "network_year",
           "default_bloc", "DEFAULT_FIRST_YEAR", "PROFILE_YEARS"]

#: The first year a bloc's cohesion profile shows when no scenario sets the span (CLI and dashboard alike).
DEFAULT_FIRST_YEAR = 2015
#: How many years before a scenario's own year its briefing profiles the bloc's cohesion.
PROFILE_YEARS = 10

#: Errors that are the user's (bad state, bloc, date or scenario): they stop a briefing instead of becoming a note.
_INPUT_ERRORS = (UnknownStateError, ScenarioError, DateError)

T = TypeVar("T")


def _try(fn: Callable[[], T]) -> tuple[T | None, str]:
    """Run one optional section: input errors stop the briefing, other library errors become its note."""
    try:
        return fn(), ""
    except _INPUT_ERRORS:
        raise
    except FairweatherError as exc:
        return None, str(exc)


# -- defaults ---------------------------------------------------------------------------------
def cohesion_years(day: dt.date | None = None, years: Sequence[int] | range | None = None, *,
                   store: Any = None) -> range:
    """The years a cohesion profile covers.

    ``years`` given: those years as a range (a ``(from, to)`` pair is read as both ends). Else, with a
    scenario ``day``: the :data:`PROFILE_YEARS` years up to the scenario's year; else from
    :data:`DEFAULT_FIRST_YEAR` to the last year the store has data for (and not after this year).
    """
    if years is not None:
        ys = sorted(int(y) for y in years)
        if not ys:
            raise DateError("years must hold at least one year, e.g. range(2015, 2026); got an empty sequence.")
        if len(ys) == 2 and ys[1] - ys[0] > 1 and not isinstance(years, range):
            return range(ys[0], ys[1] + 1)  # a (from, to) pair
        return range(ys[0], ys[-1] + 1)
    if day is not None:
        return range(day.year - PROFILE_YEARS, day.year + 1)
    return range(DEFAULT_FIRST_YEAR, last_data_year(store) + 1)


def last_data_year(store: Any = None) -> int:
    """The last year the store (default: the embedded pack) has data for, and not after this year."""
    from fairweather.catalog import last_year
    from fairweather.store import Store

    return min(dt.date.today().year, last_year(store if store is not None else Store.default()))


def network_year(years: range, day: dt.date | None = None) -> int:
    """The year a briefing draws the bloc's network for: the scenario's year, within the profile's years."""
    last = years.stop - 1
    return min(day.year, last) if day is not None else last


def default_bloc(store: Any, target: str, day: dt.date, helpers: Sequence[str] = ()) -> Any:
    """The bloc a briefing profiles: the smallest named bloc ``target`` belongs to on ``day``;
    else the target and ``helpers`` (its likeliest helpers, at most three)."""
    from fairweather import metrics

    sizes = []
    for name in metrics.BLOCS:
        members, _ = _try(partial(metrics.bloc_members, name, day, store))
        if members and target in members:
            sizes.append((len(members), str(name)))
    if sizes:
        return metrics.resolve_bloc(min(sizes)[1])
    return metrics.resolve_bloc([target, *[str(p) for p in helpers[:3]]])


# -- one scenario ---------------------------------------------------------------------------
@dataclass
class ForecastBriefing(Result):
    """A scenario's forecast as every interface shows it.

    ``result`` is the :class:`~fairweather.forecast.ForecastResult`; ``frame`` its rows with, for a
    crisis the pack codes (``crisis_id``), what each partner did (``recorded``, ``recorded_source`` ...)
    and, with what-ifs, each row's baseline, change and assumptions.
    """

    scenario: Any
    result: Any
    frame: pd.DataFrame
    crisis_id: str | None

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    def summary(self) -> Summary:
        return self.result.summary()

    def scenario_record(self) -> dict[str, Any]:
        s = self.scenario
        return {"target": s.target, "attackers": list(s.attackers), "date": s.date.isoformat(),
                "partners": list(s.partners) if s.partners else None, "assume": list(s.assume)}

    def as_dict(self, records: Callable[[pd.DataFrame], list[dict[str, Any]]]) -> dict[str, Any]:
        """The one JSON shape of a forecast: scenario, rows, every contribution, the what-if comparison and
        the recorded crisis. ``records`` turns a frame into JSON-ready rows (each interface has its own)."""
        return {"scenario": self.scenario_record(), "forecast": records(self.frame),
                "contributions": records(self.result.contributions()),
                "compare": records(self.result.compare()) if self.scenario.assume else None,
                "recorded_crisis": self.crisis_id}


def _with_change(result: Any, frame: pd.DataFrame, scenario: Any) -> pd.DataFrame:
    """The rows with each what-if's baseline and change beside them (``--assume``)."""
    if not scenario.assume:
        return frame
    compare = result.compare().drop(columns=["expected_level", "p_ge_3"], errors="ignore")
    out = frame.merge(compare, on="partner", how="left")
    out["assumptions"] = "; ".join(scenario.assume)
    return out


def forecast_briefing(scenario: Any, store: Any = None, *, model: Any = None, top: int | None = None) -> ForecastBriefing:
    """Forecast ``scenario`` and put beside it what the pack records and what the what-ifs change.

    ``store`` defaults to the shipped model's own store (the pack and the history layer its features
    read); the record is matched in the same store (:func:`fairweather.outcomes.with_recorded`).
    """
    from fairweather.forecast import forecast
    from fairweather.forecast._scenario import default_store
    from fairweather.outcomes import with_recorded

    kwargs: dict[str, Any] = {"store": store}
    if model is not None:
        kwargs["model"] = model
    if top is not None:
        kwargs["top"] = top
    result = forecast(scenario, **kwargs)
    frame, crisis_id = with_recorded(result.to_frame(), store if store is not None else default_store(),
                                     scenario.target, scenario.attackers, scenario.date)
    return ForecastBriefing(scenario, result, _with_change(result, frame, scenario), crisis_id)


# -- the whole briefing ----------------------------------------------------------------------
@dataclass
class Briefing(Result):
    """Everything the report shows about a scenario; a section the data cannot fill is ``None`` with a note."""

    forecast: ForecastBriefing
    bloc: Any
    years: range
    compare: list[Any] = field(default_factory=list)
    cohesion: Any = None
    network: Any = None
    network_year: int | None = None
    backtest: Any = None
    saydo: Any = None
    notes: dict[str, str] = field(default_factory=dict)
    pack_hash: str = ""

    @property
    def scenario(self) -> Any:
        return self.forecast.scenario

    def to_frame(self) -> pd.DataFrame:
        """The forecast rows (with the record and the what-if change); each section has its own ``to_frame()``."""
        return self.forecast.to_frame()

    def summary(self) -> Summary:
        s = self.scenario
        info = [("Scenario", f"{s.target} attacked by {', '.join(s.attackers)} on {s.date:%Y-%m-%d}"),
                ("Recorded crisis", self.forecast.crisis_id or "none"), ("Bloc", str(self.bloc.name)),
                ("Cohesion years", f"{self.years.start}-{self.years.stop - 1}")]
        info += [(f"No {k}", v) for k, v in self.notes.items()]
        cols = [c for c in ("partner", "p_ge_3", "p_ge_4", "expected_level", "recorded") if c in self.forecast.frame]
        return Summary("Briefing", info, self.forecast.frame[cols])


def briefing(scenario: Any, store: Any = None, *, bloc: Any = None, compare: Sequence[Any] | None = None,
             years: Sequence[int] | range | None = None, events: Any = None, model: Any = None,
             top: int | None = None, backtest: bool = True) -> Briefing:
    """The forecast of ``scenario`` with the cohesion and network of the bloc around its target, the
    backtest and (given ``events``) say versus do, each as the library computes it.

    ``bloc`` defaults to :func:`default_bloc`; ``years`` to :func:`cohesion_years` of the scenario's date;
    ``compare`` lists further blocs to measure beside it. Bad input raises before any work; a section the
    pack cannot fill leaves its note in ``notes``.
    """
    from fairweather import metrics
    from fairweather.store import Store

    given = metrics.resolve_bloc(bloc) if bloc is not None else None
    others = [metrics.resolve_bloc(c) for c in compare or ()]
    yrs = cohesion_years(scenario.date, years)
    fb = forecast_briefing(scenario, store, model=model, top=top)
    pack = store if store is not None else Store.default()
    helpers = fb.frame.sort_values("expected_level", ascending=False)["partner"].astype(str).tolist()
    the_bloc = given if given is not None else default_bloc(pack, scenario.target, scenario.date, helpers)
    others = [o for o in others if o.name != the_bloc.name]
    out = Briefing(fb, the_bloc, yrs, others, pack_hash=str(getattr(pack, "pack_hash", "")))
    blocs = [the_bloc, *others]
    out.cohesion, note = _try(lambda: (metrics.compare_blocs(blocs, yrs, store=pack) if len(blocs) > 1
                                       else metrics.cohesion(the_bloc, yrs, store=pack)))
    _note(out, "cohesion", note)
    out.network_year = year = network_year(yrs, scenario.date)
    out.network, note = _try(lambda: metrics.bloc_network(the_bloc, year, store=pack))
    _note(out, "network", note)
    if backtest:
        from fairweather.forecast import backtest as run_backtest

        out.backtest, note = _try(lambda: run_backtest(store=pack))
        _note(out, "backtest", note)
    if events is not None:
        from fairweather.metrics.saydo import saydo

        out.saydo, note = _try(lambda: saydo(events, target=scenario.target, attackers=list(scenario.attackers),
                                             start=scenario.date,
                                             partners=list(scenario.partners) if scenario.partners else None))
        _note(out, "saydo", note)
    return out


def _note(out: Briefing, section: str, note: str) -> None:
    if note:
        out.notes[section] = note

