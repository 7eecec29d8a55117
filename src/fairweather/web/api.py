"""The dashboard's JSON API: one handler per view, over the same library calls as the CLI.

Every route reads; none writes, and none takes a path to the file system.
Inputs are checked twice: their shape and size by FastAPI/pydantic
(``Query`` constraints, :class:`ScenarioIn`), their meaning by the library
(unknown states, impossible dates, a target among its attackers), each failure
a 4xx in the one error shape of :mod:`fairweather.web.errors`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import pandas as pd
from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from fairweather.briefing import DEFAULT_FIRST_YEAR, last_data_year
from fairweather.errors import CoverageError, DateError, ScenarioError
from fairweather.split import is_evaluation
from fairweather.web._context import AppContext, Ctx
from fairweather.web._inputs import FIRST_DATE, LAST_DATE, MAX_ASSUMPTIONS, MAX_STATES, _bloc, _dated, _states, _years
from fairweather.web._json import _figure, _figure_json, jsonable, records
from fairweather.web.errors import ErrorOut, at_field

__all__ = ["router", "ScenarioIn", "AppContext", "records", "jsonable", "MAX_STATES", "MAX_ASSUMPTIONS",
           "FIRST_DATE", "LAST_DATE"]


_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "Not covered by the data pack"},
    413: {"model": ErrorOut, "description": "Request body too large"},
    422: {"model": ErrorOut, "description": "Invalid input: unknown state, bad date, target among attackers, too many items"},
}

router = APIRouter(prefix="/api", responses=_ERRORS)

StateText = Annotated[str, Field(min_length=1, max_length=60)]
AssumeText = Annotated[str, Field(min_length=1, max_length=200)]


# -- scenario and forecast --------------------------------------------------------------
class ScenarioIn(BaseModel):
    """A scenario: ``target`` attacked by ``attackers`` on ``date``; partners and what-ifs optional."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"target": "IRN", "attackers": ["ISR", "USA"], "date": "2025-06-13", "partners": None,
         "assume": ["RUS.at_war_with=none"]}]})

    target: StateText
    attackers: Annotated[list[StateText], Field(min_length=1, max_length=MAX_STATES)]
    date: Annotated[str, Field(min_length=10, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$")]
    partners: Annotated[list[StateText] | None, Field(max_length=MAX_STATES)] = None
    assume: Annotated[list[AssumeText], Field(max_length=MAX_ASSUMPTIONS)] = []


def _scenario(body: ScenarioIn) -> Any:
    from fairweather.forecast import Scenario

    target = _states([body.target], "target", required=True)[0]
    attackers = _states(body.attackers, "attackers", required=True)
    partners = _states(body.partners, "partners") if body.partners else None
    date = _dated(body.date, "date")
    assume = tuple(a.strip() for a in body.assume)
    with at_field("assume"):  # a bad what-if names its own field, not the whole scenario
        from fairweather.features import parse_assumption

        for a in assume:
            parse_assumption(a)
    with at_field("attackers" if target in attackers else "scenario"):
        return Scenario(target, attackers, date, partners=partners, assume=assume)


async def forecast_view(ctx: AppContext, body: ScenarioIn) -> Response:
    """The forecast of a scenario with its reasons, contributions, what-if comparison, provenance and charts."""
    from fairweather.briefing import forecast_briefing
    from fairweather.report import charts

    scenario = _scenario(body)
    key = ("forecast", scenario.target, scenario.attackers, scenario.date, scenario.partners, scenario.assume)

    def run() -> dict[str, Any]:
        with at_field("assume" if scenario.assume else "scenario"):
            # the forecast, the record of a crisis the pack codes and the what-if change: what the CLI prints
            fb = forecast_briefing(scenario, ctx.forecast_store)
        result = fb.result
        order = fb.frame.sort_values("expected_level", ascending=False)["partner"].astype(str).tolist()
        out: dict[str, Any] = {
            **fb.as_dict(records),
            "provenance": records(result.provenance()),
            "charts": {
                "forecast": _figure_json(charts.forecast_chart_json(result)),
                # already strict JSON (a Plotly template filled with str labels and finite floats)
                "contributions": charts.contributions_charts_json(result, order),
                "whatif": _figure(charts.whatif_chart(result)) if scenario.assume else None,
            },
        }
        return out

    return await ctx.answer(key, run)


#: The answers' schema, as the handlers' return annotations gave it before they returned JSON bytes themselves.
_OBJECT: Any = dict[str, Any]
_ROWS: Any = list[dict[str, Any]]


@router.get("/forecast", summary="Forecast a scenario (query parameters)", response_model=_OBJECT)
async def get_forecast(
    ctx: Ctx,
    target: Annotated[str, Query(min_length=1, max_length=60, description="The attacked state, e.g. IRN or Iran.",
                                         examples=["IRN"])],
    attackers: Annotated[str, Query(min_length=1, max_length=400, description="Comma-separated, e.g. ISR,USA.",
                                            examples=["ISR,USA"])],
    date: Annotated[str, Query(min_length=10, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$",
                               description="YYYY-MM-DD, e.g. 2025-06-13.", examples=["2025-06-13"])],
    partners: Annotated[str | None, Query(max_length=400, description="Comma-separated; default: chosen automatically.")] = None,
    assume: Annotated[list[str], Query(max_length=MAX_ASSUMPTIONS,
                                       description="What-ifs, repeatable, e.g. RUS.at_war_with=none.")] = [],
) -> Response:
    """Who helps ``target``, and how much, when ``attackers`` strike on ``date``; with reasons and sources."""
    for a in assume:
        if len(a) > 200:
            raise ScenarioError(f"An assumption is at most 200 characters; got one of {len(a)}.")
    # The comma-separated lists are split, counted and checked by _states.
    body = ScenarioIn.model_construct(target=target, attackers=list(_states(attackers, "attackers", required=True)),
                                      date=date, partners=list(_states(partners, "partners")) if partners else None,
                                      assume=list(assume))
    return await forecast_view(ctx, body)


@router.post("/forecast", summary="Forecast a scenario (JSON body)", response_model=_OBJECT)
async def post_forecast(ctx: Ctx, body: ScenarioIn) -> Response:
    """The same forecast as ``GET /api/forecast``, from a JSON scenario (read-only: nothing is stored)."""
    return await forecast_view(ctx, body)


@router.get("/meta", summary="Version, data pack, blocs and the what-if grammar", response_model=_OBJECT)
async def meta(ctx: Ctx) -> Response:
    """What the dashboard serves: versions, the pack's hash and tables, the named blocs, the what-if grammar."""
    from fairweather import __version__
    from fairweather.catalog import pack_summary

    def run() -> dict[str, Any]:
        from fairweather.features import ASSUME_GRAMMAR
        from fairweather.metrics import BLOCS

        blocs = {str(k): None for k in BLOCS}  # names only; members change by date (/api/cohesion)
        return {"version": __version__, "pack_hash": ctx.store.pack_hash, "tables": records(pack_summary(ctx.store)),
                "blocs": blocs, "assume_grammar": ASSUME_GRAMMAR, "limits": {"states": MAX_STATES, "assumptions": MAX_ASSUMPTIONS}}

    return await ctx.answer(("meta",), run)


@router.get("/states", summary="States of the data pack", response_model=_ROWS)
async def states(ctx: Ctx, as_of: Annotated[str | None, Query(max_length=10, description="YYYY-MM-DD")] = None) -> Response:
    """The states the pack covers (those in the system on ``as_of``, if given): ISO3 code, name, region."""
    d = _dated(as_of, "as_of") if as_of else None

    def run() -> list[dict[str, Any]]:
        frame = ctx.store.states(d)
        return records(frame.drop_duplicates("iso3", keep="last")[["iso3", "name", "region"]].sort_values("iso3"))

    return await ctx.answer(("states", d), run)


# -- blocs: cohesion and network -----------------------------------------------------------
BlocQuery = Annotated[str, Query(min_length=1, max_length=400,
                                 description="A named bloc (e.g. CRINK, NATO) or comma-separated states (RUS,CHN,IRN).",
                                 examples=["CRINK"])]


async def _last_data_year(ctx: AppContext) -> int:
    """The default last year of the bloc views (it reads the store, so in a worker thread; cached for the year)."""
    return await ctx.value(("last_data_year", dt.date.today().year), lambda: last_data_year(ctx.store))


@router.get("/cohesion", summary="Cohesion of a bloc over time, optionally compared with others", response_model=_OBJECT)
async def cohesion_view(ctx: Ctx, bloc: BlocQuery, from_: Annotated[int, Query(alias="from", ge=FIRST_DATE.year,
                                                                           le=LAST_DATE.year)] = DEFAULT_FIRST_YEAR,
                  to: Annotated[int | None, Query(ge=FIRST_DATE.year, le=LAST_DATE.year,
                                                  description="Last year (default: the last year with data).")] = None,
                  compare: Annotated[str | None, Query(max_length=400, description="Comma-separated bloc names, "
                                                                                   "e.g. NATO,CSTO.")] = None,
                  ) -> Response:
    """Each metric and the composite per year, the composite's weights, and charts (with the comparison)."""
    from fairweather import metrics
    from fairweather.report import charts

    b = _bloc(bloc)
    years = _years(from_, to if to is not None else await _last_data_year(ctx))
    others = list(dict.fromkeys(_bloc(c.strip(), "compare") for c in (compare or "").split(",") if c.strip()))
    if len(others) > 6:
        raise ScenarioError(f"compare lists {len(others)} blocs; at most 6 are allowed.")

    def run() -> dict[str, Any]:
        # With blocs to compare, one computation serves both: the comparison includes the bloc.
        with at_field("compare" if others else "bloc"):
            try:
                res = (metrics.compare_blocs([b, *[o for o in others if o != b]], years, store=ctx.store) if others
                       else metrics.cohesion(b, years, store=ctx.store))
            except DateError as exc:  # the years, not the bloc, are out of range
                exc.field = "from"  # type: ignore[attr-defined]
                raise
        frame = res.to_frame()
        mine = frame[frame["bloc"].astype(str) == b]
        return {"bloc": b, "years": [years.start, years.stop - 1], "rows": records(mine),
                "weights": jsonable(dict(getattr(res, "weights", {}) or {})),
                "reading": [str(x) for x in res.reading(b)] if callable(getattr(res, "reading", None)) else [],
                "compare": records(frame) if others else None,
                "charts": {"cohesion": _figure(charts.cohesion_chart(res, f"Cohesion of {b}", only=[b])),
                           "compare": _figure(charts.cohesion_chart(res, "Cohesion compared")) if others else None}}

    return await ctx.answer(("cohesion", b, years.start, years.stop, tuple(map(str, others))), run)


@router.get("/network", summary="The network of commitments and ties of a bloc in one year", response_model=_OBJECT)
async def network_view(ctx: Ctx, bloc: BlocQuery,
                       year: Annotated[int | None, Query(ge=FIRST_DATE.year, le=LAST_DATE.year,
                                                         description="Year (default: the last year with data).")] = None,
                       ) -> Response:
    """Nodes and edges (as JSON) and the map as a chart, laid out with a fixed seed."""
    from fairweather import metrics
    from fairweather.report import charts

    b = _bloc(bloc)
    if year is None:
        year = await _last_data_year(ctx)

    def run() -> dict[str, Any]:
        with at_field("bloc"):
            graph = metrics.bloc_network(b, year, store=ctx.store)
        return {"bloc": jsonable(b), "year": year, "network": jsonable(metrics.network_to_json(graph)),
                "chart": _figure(charts.network_chart(graph, f"Commitments and ties, {year}"))}

    return await ctx.answer(("network", b, year), run)


# -- the data browser ------------------------------------------------------------------------
@router.get("/profile", summary="A state's commitments, ties and facts as of a date, with sources", response_model=_OBJECT)
async def profile_view(ctx: Ctx, state: Annotated[str, Query(min_length=1, max_length=60, examples=["IRN"])],
                       as_of: Annotated[str, Query(min_length=10, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                                   examples=["2025-06-13"])]) -> Response:
    """What the data pack says about ``state`` on ``as_of``: every row with its source and link."""
    from fairweather.catalog import state_profile

    iso = _states([state], "state", required=True)[0]
    d = _dated(as_of, "as_of")

    def run() -> dict[str, Any]:
        with at_field("state"):
            prof = state_profile(ctx.store, iso, d)
        return {"state": prof.state, "name": prof.name, "as_of": prof.as_of.isoformat(),
                "sections": {k: records(v) for k, v in prof.sections.items()}}

    return await ctx.answer(("profile", iso, d), run)


@router.get("/crises", summary="Crises of the data pack", response_model=_ROWS)
async def crises_view(ctx: Ctx) -> Response:
    """Every crisis: who was attacked, by whom, when; crises from 2020 on are evaluation cases."""

    def run() -> list[dict[str, Any]]:
        frame = ctx.store.crises()
        frame = frame.assign(evaluation=[is_evaluation(pd.Timestamp(d).date()) for d in frame["start_date"]])
        return records(frame)

    return await ctx.answer(("crises",), run)


@router.get("/crises/{crisis_id}", summary="One crisis and the partners' responses, with evidence and sources",
            response_model=_OBJECT)
async def crisis_view(ctx: Ctx, crisis_id: Annotated[str, Path(min_length=1, max_length=60,
                                                              pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$",
                                                              examples=["irn-2025"])]) -> Response:
    """The crisis and each partner's response level (0-5) with its evidence and source link."""

    def run() -> dict[str, Any]:
        with at_field("crisis_id"):
            crisis = ctx.store.crisis(crisis_id)
        resp = ctx.store.responses(crisis_id)
        src = ctx.store.sources(sorted(set(resp["source_id"]) | {crisis.source_id}))[["source_id", "citation", "url"]]
        resp = resp.merge(src, on="source_id", how="left")
        keep = [c for c in ("supporter", "level", "sided_with_attacker", "evidence", "source_id", "citation", "url")
                if c in resp.columns]
        c = src[src["source_id"] == crisis.source_id]
        return {"crisis": {"crisis_id": crisis.crisis_id, "name": crisis.name, "start_date": crisis.start_date.isoformat(),
                           "end_date": crisis.end_date.isoformat() if crisis.end_date else None, "target": crisis.target,
                           "attackers": list(crisis.attackers), "kind": crisis.kind, "description": crisis.description,
                           "evaluation": crisis.evaluation, "source_id": crisis.source_id,
                           "citation": c["citation"].iloc[0] if len(c) else None, "url": c["url"].iloc[0] if len(c) else None},
                "responses": records(resp[keep])}

    return await ctx.answer(("crisis", crisis_id), run)


@router.get("/backtest", summary="Backtest: scores, calibration and skill against the baselines", response_model=_OBJECT)
async def backtest_view(ctx: Ctx) -> Response:
    """Out-of-time evaluation on crises from 2020 on (fitted on crises before 2020 only)."""
    from fairweather.forecast import backtest
    from fairweather.report import charts

    def run() -> dict[str, Any]:
        bt = backtest(store=ctx.store)
        return {"scores": records(bt.scores()), "calibration": records(bt.calibration()), "skill": records(bt.skill()),
                "charts": {"calibration": _figure(charts.calibration_chart(bt)), "skill": _figure(charts.skill_chart(bt))}}

    return await ctx.answer(("backtest",), run)


# -- say versus do (only with event data) ---------------------------------------------------------------
@router.get("/saydo", summary="Say versus do: partners' words and deeds in the event data (with --events)",
            response_model=_OBJECT)
async def saydo_view(
    ctx: Ctx,
    target: Annotated[str, Query(min_length=1, max_length=60, examples=["IRN"])],
    attackers: Annotated[str, Query(min_length=1, max_length=400, examples=["ISR,USA"])],
    from_: Annotated[str, Query(alias="from", min_length=10, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$",
                                examples=["2025-06-13"])],
    to: Annotated[str | None, Query(min_length=10, max_length=10, pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    partners: Annotated[str | None, Query(max_length=400)] = None,
) -> Response:
    """Per partner: support toward the target in words and deeds, hostility to the attackers, the say–do ratio."""
    from fairweather.report import charts

    if not ctx.saydo_ready:
        raise CoverageError("The dashboard has no event data: start it with `fairweather serve --events FILE` "
                            "(GDELT, ICEWS, PLOVER or Parquet files) to see say versus do.")
    from fairweather.metrics.saydo import saydo

    t = _states([target], "target", required=True)[0]
    a = _states(attackers, "attackers", required=True)
    p = _states(partners, "partners") if partners else None
    start = _dated(from_, "from")
    end = _dated(to, "to") if to else None
    if end is not None and end < start:
        err = DateError(f"to ({end}) must not be before from ({start}).")
        err.field = "to"  # type: ignore[attr-defined]
        raise err

    def run() -> dict[str, Any]:
        with at_field("scenario"):
            res = saydo(ctx.events, target=t, attackers=list(a), start=start, end=end, partners=list(p) if p else None)
        return {"target": t, "attackers": list(a), "from": start.isoformat(), "to": end.isoformat() if end else None,
                "partner_source": res.partner_source, "rows": records(res.to_frame()), "summary": "\n".join(res.summary().notes),
                "chart": _figure(charts.saydo_chart(res))}

    return await ctx.answer(("saydo", t, a, start, end, p), run)
