"""Every public name resolves; predict_cases keeps rows and reports errors per row."""

from __future__ import annotations

import importlib

import pandas as pd
import pytest


@pytest.mark.parametrize("module", ["fairweather.forecast", "fairweather.features"])
def test_every_name_in_all_resolves(module):
    mod = importlib.import_module(module)
    for name in mod.__all__:
        assert getattr(mod, name) is not None, name


def test_predict_cases_api(synth_store, model):
    from fairweather.forecast import predict_cases

    frame = pd.DataFrame({"crisis_id": ["a", "b"], "start_date": ["2015-05-01", "2015-05-01"], "target": ["KOR", "KOR"],
                          "attackers": ["PRK", "PRK"], "supporter": ["USA", "XXX"]})
    out = predict_cases(frame, store=synth_store, model=model)
    assert len(out) == 2 and out["error"].iloc[0] == "" and out["error"].iloc[1]
    assert out["expected_level"].iloc[0] == pytest.approx(out[[f"p_ge_{k}" for k in range(1, 6)]].iloc[0].sum())
    assert pd.isna(out["expected_level"].iloc[1])
