"""predict_cases keeps rows and reports errors per row (every name in __all__ resolves: tests/foundation)."""

from __future__ import annotations

import pandas as pd
import pytest


def test_predict_cases_api(synth_store, model):
    from fairweather.forecast import predict_cases

    frame = pd.DataFrame({"crisis_id": ["a", "b"], "start_date": ["2015-05-01", "2015-05-01"], "target": ["KOR", "KOR"],
                          "attackers": ["PRK", "PRK"], "supporter": ["USA", "XXX"]})
    out = predict_cases(frame, store=synth_store, model=model)
    assert len(out) == 2 and out["error"].iloc[0] == "" and out["error"].iloc[1]
    assert out["expected_level"].iloc[0] == pytest.approx(out[[f"p_ge_{k}" for k in range(1, 6)]].iloc[0].sum())
    assert pd.isna(out["expected_level"].iloc[1])
