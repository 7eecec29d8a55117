"""Where the time of one warm forecast goes: each stage of ``forecast()``, the briefing and the dashboard's answer.

Runs the stages of :func:`fairweather.forecast.forecast` one by one (the same calls, in the same order) on the
store the CLI and the dashboard forecast from (the pack and the shipped history layer), then what
``forecast_briefing`` adds (the recorded crisis) and what ``/api/forecast`` adds (the JSON rows, the
provenance and the charts). Each figure is the median of ``--repeat`` warm runs, in wall-clock time or, with
``--cpu``, in this process's CPU time (steadier when other jobs share the cores). Run from the repository root:

    PYTHONPATH=src .venv/bin/python benchmarks/forecast_stages.py [--repeat 20] [--cpu] [--case UKR:RUS:2014-02-27]
"""

from __future__ import annotations

from _timing import median_seconds  # benchmarks/ is on sys.path when a script runs

import argparse
import functools
import json
import time
import warnings
from collections.abc import Callable
from typing import Any


def _stages(scenario: Any, store: Any, model: Any) -> list[tuple[str, Callable[[], Any]]]:
    """The stages of one forecast as (name, call); each call's result feeds the next (kept in ``state``)."""
    from fairweather.features import _build, check_case, feature_inputs
    from fairweather.features.history import add_history_features
    from fairweather.features.ranking import rank_candidates
    from fairweather.features.registry import TOP_CANDIDATES
    from fairweather.forecast._params import check_pack_hash
    from fairweather.forecast._scenario import _provenance, check_history_layer, predict_rows, warn_data_age

    s = scenario
    state: dict[str, Any] = {}

    def inputs() -> None:
        state["inp"] = feature_inputs(store)

    def rank() -> None:
        state["why"] = dict(rank_candidates(state["inp"], s.target, s.attackers, s.date, TOP_CANDIDATES))

    def build() -> None:
        state["frame"], state["ctx"], state["prov"] = _build(state["inp"], "scenario", s.target, s.attackers, s.date,
                                                             list(state["why"]))

    def history() -> None:
        state["feat"] = add_history_features(state["inp"], state["frame"])

    return [
        ("check params and layer", lambda: (check_pack_hash(model, store.pack_hash), check_history_layer(model, store))),
        ("feature_inputs (cached)", inputs),
        ("check_case", lambda: check_case(state["inp"], s.target, s.attackers, None, s.date)),
        ("warn_data_age", lambda: warn_data_age(store, s.date)),
        ("rank_candidates", rank),
        ("_build features", build),
        ("add_history_features", history),
        ("predict_rows (explain)", lambda: predict_rows(model, state["feat"], state["ctx"])),
        ("_provenance", lambda: _provenance(state["prov"], state["inp"])),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--cpu", action="store_true", help="time in CPU seconds of this process, not wall-clock")
    ap.add_argument("--case", default="IRN:ISR,USA:2025-06-13", help="TARGET:ATTACKERS:DATE (attackers comma-separated)")
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # data-age warnings are the data's, not the timing's
    global median_seconds
    if args.cpu:
        median_seconds = functools.partial(median_seconds, clock=time.process_time)

    from fairweather.briefing import forecast_briefing
    from fairweather.forecast import Scenario, forecast, load_model
    from fairweather.forecast._scenario import default_store
    from fairweather.outcomes import with_recorded
    from fairweather.report import charts
    from fairweather.web._json import _figure_json, records

    target, attackers, date = args.case.split(":")
    scenario = Scenario(target, tuple(attackers.split(",")), date)
    store, model = default_store(), load_model()
    forecast(scenario, store=store, model=model)  # warm: the store's inputs cached

    results: dict[str, float] = {}
    for name, call in _stages(scenario, store, model):
        call()  # the first run fills the state the next stages read
        results[name] = median_seconds(call, args.repeat)
    stage_sum = sum(results.values())
    results["forecast() whole"] = median_seconds(lambda: forecast(scenario, store=store, model=model), args.repeat)
    result = forecast(scenario, store=store, model=model)
    results["with_recorded"] = median_seconds(
        lambda: with_recorded(result.to_frame(), store, scenario.target, scenario.attackers, scenario.date), args.repeat)
    fb = forecast_briefing(scenario, store, model=model)
    order = fb.frame.sort_values("expected_level", ascending=False)["partner"].astype(str).tolist()
    results["as_dict (JSON rows)"] = median_seconds(lambda: fb.as_dict(records), args.repeat)
    results["provenance records"] = median_seconds(lambda: records(result.provenance()), args.repeat)
    results["forecast chart"] = median_seconds(lambda: _figure_json(charts.forecast_chart_json(result)), args.repeat)
    results["contribution charts"] = median_seconds(lambda: charts.contributions_charts_json(result, order), args.repeat)

    def web_answer() -> None:
        from fairweather.web.api import ScenarioIn, forecast_view
        from fairweather.web._context import AppContext

        ctx = AppContext(store)  # a new context each time: no cached answer
        forecast_view(ctx, ScenarioIn(target=target, attackers=attackers.split(","), date=date))

    results["/api/forecast answer"] = median_seconds(web_answer, args.repeat)

    print(f"case {args.case}: {len(result.frame)} partners, {len(result.contribution_frame)} contributions, "
          f"{len(result.provenance_frame)} provenance rows; median of {args.repeat} warm runs"
          f" ({'CPU' if args.cpu else 'wall-clock'} time)")
    for name, secs in results.items():
        if name == "forecast() whole":
            print(f"{'  (sum of the stages above)':<28} {stage_sum * 1000:8.2f} ms")
        print(f"{name:<28} {secs * 1000:8.2f} ms")
    print(json.dumps({k: round(v * 1000, 2) for k, v in results.items()}))


if __name__ == "__main__":
    main()
