"""The Python API the README shows: ``fw.forecast(fw.Scenario(...))`` in any import order."""

from __future__ import annotations

import subprocess
import sys

import fairweather as fw
from fairweather.forecast import ForecastResult


def test_fw_forecast_is_callable_after_touching_fw_scenario(synth_store, model):
    s = fw.Scenario("IRQ", ("IRN",), "2025-06-01")
    res = fw.forecast(s, store=synth_store, model=model)
    assert isinstance(res, ForecastResult) and len(res.to_frame()) > 0
    from fairweather import forecast

    assert isinstance(forecast(s, store=synth_store, model=model), ForecastResult)


def test_the_package_still_works_as_a_package():
    import fairweather.forecast as fc

    assert fc.Scenario is fw.Scenario and callable(fc.forecast)


def test_in_a_fresh_interpreter_either_order_works():
    code = ("import fairweather as fw, fairweather.forecast as fc\n"
            "assert callable(fw.forecast) and fc.Scenario is fw.Scenario\n"
            "from fairweather import forecast\n"
            "assert callable(forecast)\n")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
