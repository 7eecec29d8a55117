"""The Python API the README shows: ``fw.forecast(fw.Scenario(...))`` and ``from fairweather import forecast``.

``fairweather.forecast`` names both the verb and the subpackage that defines it; importing the
subpackage (``fw.Scenario`` does) used to replace the verb on the package, so ``from fairweather
import forecast`` gave a module. Each check runs in a fresh interpreter, where import order is real.
"""

from __future__ import annotations

import subprocess
import sys

import fairweather as fw
from fairweather.forecast import ForecastResult


def _run(code: str) -> None:
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


def test_from_fairweather_import_forecast_gives_the_function_after_touching_fw_scenario():
    _run("import inspect, fairweather as fw\n"
         "fw.Scenario\n"
         "from fairweather import forecast\n"
         "from fairweather.forecast._scenario import forecast as verb\n"
         "assert forecast is verb and fw.forecast is verb and inspect.isfunction(forecast), forecast\n")


def test_either_import_order_gives_the_function():
    _run("import fairweather as fw\n"
         "from fairweather import forecast\n"
         "from fairweather.forecast import Scenario, backtest\n"
         "from fairweather.forecast._scenario import forecast as verb\n"
         "assert forecast is verb and fw.forecast is verb and fw.Scenario is Scenario and fw.backtest is backtest\n")


def test_the_subpackage_stays_importable_by_its_dotted_name():
    _run("import importlib, sys, types, fairweather as fw\n"
         "fw.Scenario\n"
         "pkg = importlib.import_module('fairweather.forecast')\n"
         "assert isinstance(pkg, types.ModuleType) and pkg is sys.modules['fairweather.forecast']\n"
         "assert pkg.Scenario is fw.Scenario and pkg.forecast is fw.forecast\n")


def test_fw_forecast_runs_after_touching_fw_scenario(synth_store, model):
    s = fw.Scenario("IRQ", ("IRN",), "2025-06-01")
    res = fw.forecast(s, store=synth_store, model=model)
    assert isinstance(res, ForecastResult) and len(res.to_frame()) > 0
    from fairweather import forecast

    assert isinstance(forecast(s, store=synth_store, model=model), ForecastResult)
