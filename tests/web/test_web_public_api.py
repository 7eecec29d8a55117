"""Public names resolve, and JSON conversion is strict."""

from __future__ import annotations

import datetime as dt
import importlib
import json

import numpy as np
import pandas as pd
import pytest


@pytest.mark.parametrize("module", ["fairweather.web", "fairweather.web.app", "fairweather.web.api",
                                    "fairweather.web.errors", "fairweather.web.pages", "fairweather.report",
                                    "fairweather.report.charts", "fairweather.report.html",
                                    "fairweather.cli._report", "fairweather.cli._web"])
def test_every_name_in_all_resolves(module):
    mod = importlib.import_module(module)
    for name in mod.__all__:
        assert getattr(mod, name) is not None, f"{module}.{name}"


def test_jsonable_is_strict_json():
    from fairweather.web.api import jsonable, records

    frame = pd.DataFrame({"d": pd.to_datetime(["2025-06-13", None]), "x": [np.float64("nan"), np.inf],
                          "n": np.array([1, 2], dtype=np.int64), "l": [["a"], ("b",)]})
    rows = records(frame)
    assert rows == [{"d": "2025-06-13", "x": None, "n": 1, "l": ["a"]}, {"d": None, "x": None, "n": 2, "l": ["b"]}]
    json.dumps(rows, allow_nan=False)
    assert jsonable(dt.datetime(2025, 6, 13, 12, 30)) == "2025-06-13T12:30:00"
    assert jsonable(dt.date(2025, 6, 13)) == "2025-06-13"
    assert jsonable({1: np.bool_(True)}) == {"1": True}
