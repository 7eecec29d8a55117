"""fairweather: will they come when called?

Alliance cohesion metrics and calibrated forecasts of crisis support, built on a
curated, dated and sourced data pack loaded into an embedded DuckDB store.

The public API is the user's verbs, the results they return and the errors they
raise (:data:`__all__`). It is imported lazily so that ``import fairweather`` and
the command line stay fast:

>>> import fairweather as fw
>>> fw.to_iso3("Tehran")
'IRN'

Every result answers ``to_frame()`` (a pandas DataFrame) and ``summary()`` (text,
HTML and LaTeX; see :class:`fairweather.results.Result`).
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

#: public name -> module that defines it (the names of ``__all__``, and nothing else)
_EXPORTS: dict[str, str] = {
    # countries and data
    "to_iso3": "fairweather.codes",
    "Store": "fairweather.store",
    "validate_pack": "fairweather.pack",
    "state_profile": "fairweather.catalog",
    "pack_summary": "fairweather.catalog",
    "data_versions": "fairweather.sources.reference",
    # forecasts
    "Scenario": "fairweather.forecast",
    "forecast": "fairweather.forecast",
    "predict_cases": "fairweather.forecast",
    "backtest": "fairweather.forecast",
    "history_backtest": "fairweather.forecast",
    "SupportModel": "fairweather.forecast",
    "load_model": "fairweather.forecast",
    "fit_params": "fairweather.forecast",
    # cohesion
    "cohesion": "fairweather.metrics",
    "compare_blocs": "fairweather.metrics",
    "bloc_members": "fairweather.metrics",
    "bloc_network": "fairweather.metrics",
    # say versus do
    "read_events": "fairweather.sources.eventfiles",
    "saydo": "fairweather.metrics.saydo",
    "dyad_panel": "fairweather.metrics.saydo",
    "code_files": "fairweather.text",
    "saydo_text": "fairweather.metrics.saydo_text",
    # panels for researchers
    "create_state_years": "fairweather.panels",
    "create_dyad_years": "fairweather.panels",
    "declare_panel": "fairweather.panels",
    "add_atop_alliance": "fairweather.panels",
    "add_nmc": "fairweather.panels",
    "add_democracy": "fairweather.panels",
    "add_contiguity": "fairweather.panels",
    "add_cow_majors": "fairweather.panels",
    "add_minimum_distance": "fairweather.panels",
    "add_capital_distance": "fairweather.panels",
    "add_strategic_rivalries": "fairweather.panels",
    "add_ucdp_acd": "fairweather.panels",
    "add_sipri_arms": "fairweather.panels",
    "add_un_ideal_points": "fairweather.panels",
    "filter_politically_relevant": "fairweather.panels",
    "cite": "fairweather.panels",
    # one scenario's whole answer (what the report, the dashboard and the CLI show)
    "briefing": "fairweather.briefing",
    # the report
    "build_report": "fairweather.report",
    "write_report": "fairweather.report",
    # results
    "Result": "fairweather.results",
    "Summary": "fairweather.results",
    "ForecastResult": "fairweather.forecast",
    "BacktestResult": "fairweather.forecast",
    "HistoryBacktestResult": "fairweather.forecast",
    "SupportResult": "fairweather.forecast",
    "CohesionResult": "fairweather.metrics",
    "BlocNetwork": "fairweather.metrics",
    "SayDoResult": "fairweather.metrics.saydo",
    "DyadPanelResult": "fairweather.metrics.saydo",
    "SayDoTextResult": "fairweather.metrics.saydo_text",
    "CodedText": "fairweather.text",
    "EventImport": "fairweather.events",
    "ImportReport": "fairweather.events",
    "StateProfile": "fairweather.catalog",
    "Panel": "fairweather.panels",
    "Briefing": "fairweather.briefing",
    "ForecastBriefing": "fairweather.briefing",
    # errors and warnings
    **{name: "fairweather.errors" for name in (
        "FairweatherError", "UnknownStateError", "DateError", "PackError", "PackValidationError", "StoreError",
        "CoverageError", "NotFittedError", "ModelError", "ScenarioError", "CohesionWeightError", "EventFormatError",
        "InputFileError", "OutputFileError", "EventFileError", "ReferenceFormatError", "PanelError", "PanelUnitError",
        "MissingReferenceError", "Terminated", "FairweatherWarning", "StoreTamperedWarning", "StaleParamsWarning",
        "DataAgeWarning", "DownloadError", "ChecksumError")},
}

__all__ = [
    "to_iso3", "Store", "validate_pack", "state_profile", "pack_summary", "data_versions",
    "Scenario", "forecast", "predict_cases", "backtest", "history_backtest", "SupportModel", "load_model", "fit_params",
    "cohesion", "compare_blocs", "bloc_members", "bloc_network",
    "read_events", "saydo", "dyad_panel", "code_files", "saydo_text",
    "create_state_years", "create_dyad_years", "declare_panel", "add_atop_alliance", "add_nmc", "add_democracy",
    "add_contiguity", "add_cow_majors", "add_minimum_distance", "add_capital_distance", "add_strategic_rivalries",
    "add_ucdp_acd", "add_sipri_arms", "add_un_ideal_points", "filter_politically_relevant", "cite",
    "briefing", "build_report", "write_report",
    "Result", "Summary", "ForecastResult", "BacktestResult", "HistoryBacktestResult", "SupportResult",
    "CohesionResult", "BlocNetwork", "SayDoResult", "DyadPanelResult", "SayDoTextResult", "CodedText",
    "EventImport", "ImportReport", "StateProfile", "Panel", "Briefing", "ForecastBriefing",
    "FairweatherError", "UnknownStateError", "DateError", "PackError", "PackValidationError", "StoreError",
    "CoverageError", "NotFittedError", "ModelError", "ScenarioError", "CohesionWeightError", "EventFormatError",
    "InputFileError", "OutputFileError", "EventFileError", "ReferenceFormatError", "PanelError", "PanelUnitError",
    "MissingReferenceError", "Terminated", "FairweatherWarning", "StoreTamperedWarning", "StaleParamsWarning",
    "DataAgeWarning", "DownloadError", "ChecksumError",
]


def __getattr__(name: str) -> Any:
    mod = _EXPORTS.get(name)
    if mod is None:
        raise AttributeError(f"module 'fairweather' has no attribute {name!r}")
    value = getattr(importlib.import_module(mod), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """This package, whose verbs win over its subpackages of the same name.

    WHY: ``fairweather.forecast`` names both a verb and the subpackage that defines it. When
    a subpackage is first imported (``fw.Scenario`` does it), Python sets it as an attribute
    of its parent, which would replace the verb: ``fw.forecast(scenario)`` would then call a
    module. The package keeps the verb instead; the subpackage stays importable by its
    dotted name (``from fairweather.forecast import Scenario``, ``importlib.import_module``).
    Since ``import fairweather.forecast as fc`` reads the same attribute as ``from fairweather
    import forecast``, it gives the verb too: take the subpackage's names with ``from ... import``.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _EXPORTS and value.__name__ == f"{__name__}.{name}":
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
