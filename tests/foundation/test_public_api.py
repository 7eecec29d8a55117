"""The public API: a static ``__all__`` of the user's verbs, results types and errors; every name resolves.

Also: every name a module exports in ``__all__`` resolves (sklearn's test_import_all_consistency).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import fairweather
from fairweather import errors
from fairweather.results import Result

#: What a user calls: the verbs of DESIGN.md's user table, the panels' verbs, and the inputs they take.
VERBS = [
    "to_iso3", "Store", "validate_pack", "state_profile", "pack_summary", "data_versions",
    "Scenario", "forecast", "predict_cases", "backtest", "history_backtest", "SupportModel", "load_model", "fit_params",
    "cohesion", "compare_blocs", "bloc_members", "bloc_network",
    "read_events", "saydo", "dyad_panel", "code_files", "saydo_text",
    "create_state_years", "create_dyad_years", "declare_panel", "add_atop_alliance", "add_nmc", "add_democracy",
    "add_contiguity", "add_cow_majors", "add_minimum_distance", "add_capital_distance", "add_strategic_rivalries",
    "add_ucdp_acd", "add_sipri_arms", "add_un_ideal_points", "filter_politically_relevant", "cite",
    "briefing", "build_report", "write_report",
]
RESULTS = ["Result", "Summary", "ForecastResult", "BacktestResult", "HistoryBacktestResult", "SupportResult",
           "CohesionResult", "BlocNetwork", "SayDoResult", "DyadPanelResult", "SayDoTextResult", "CodedText",
           "EventImport", "ImportReport", "StateProfile", "Panel", "Briefing", "ForecastBriefing"]
#: Plumbing the top level used to export and must not.
PLUMBING = ["embedded_pack_path", "export_tables", "Obligations", "Crisis", "lookup", "SUPPORT_LEVELS", "PackProblem"]


def _error_classes() -> list[str]:
    return [n for n, c in vars(errors).items()
            if inspect.isclass(c) and issubclass(c, (BaseException, Warning)) and c.__module__ == errors.__name__]


def test_all_is_the_users_verbs_results_and_errors():
    assert fairweather.__all__[:len(VERBS)] == VERBS
    assert set(fairweather.__all__) == set(VERBS) | set(RESULTS) | set(_error_classes())
    assert len(fairweather.__all__) == len(set(fairweather.__all__))
    assert not set(PLUMBING) & set(fairweather.__all__)


def test_all_is_a_literal_list():
    """Static: tools (pyright, IDEs, Sphinx) read it without importing anything."""
    tree = ast.parse(Path(fairweather.__file__).read_text(encoding="utf-8"))
    assigns = [n for n in tree.body if isinstance(n, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in n.targets)]
    assert len(assigns) == 1 and isinstance(assigns[0].value, ast.List)
    assert all(isinstance(e, ast.Constant) for e in assigns[0].value.elts)


def test_every_top_level_name_resolves_to_what_it_says():
    for name in fairweather.__all__:
        value = getattr(fairweather, name)
        assert value is not None, name
        assert not inspect.ismodule(value), f"fairweather.{name} is a module, not the verb"
    for name in RESULTS[2:]:
        assert issubclass(getattr(fairweather, name), Result), name
    for name in _error_classes():
        assert getattr(fairweather, name) is getattr(errors, name)
    namespace: dict = {}
    exec("from fairweather import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(fairweather.__all__)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="no attribute 'embedded_pack_path'"):
        fairweather.embedded_pack_path  # noqa: B018


def _modules() -> list[str]:
    names = ["fairweather"]
    for info in pkgutil.walk_packages(fairweather.__path__, "fairweather."):
        if ".web" in info.name or ".cli" in info.name:
            continue  # interfaces: tested through their own tests
        names.append(info.name)
    return names


@pytest.mark.parametrize("module", _modules())
def test_all_names_resolve(module: str) -> None:
    mod = importlib.import_module(module)
    for name in getattr(mod, "__all__", []):
        assert getattr(mod, name, None) is not None, f"{module}.__all__ lists {name!r} but it does not resolve"


def test_pack_readme_is_generated_from_schema() -> None:
    """pack/data/README.md documents every table and column of schema.py (regenerate with _docs)."""
    from fairweather.pack import embedded_pack_path
    from fairweather.pack._docs import schema_markdown

    text = (embedded_pack_path() / "README.md").read_text(encoding="utf-8")
    assert text == schema_markdown(), "run: python -m fairweather.pack._docs > src/fairweather/pack/data/README.md"
