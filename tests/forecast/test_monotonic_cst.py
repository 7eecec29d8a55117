"""Monotone constraints are the estimator's hyperparameter (``monotonic_cst``, as scikit-learn's), not a registry lookup."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from fairweather.errors import ModelError
from fairweather.features.registry import monotonic_cst
from fairweather.forecast import PARAMS_PATH
from fairweather.forecast._constraints import registry_model
from fairweather.forecast._model import SupportModel
from fairweather.forecast._params import model_from_dict


@pytest.fixture
def data():
    """Level falls with ``defense`` in these rows: a constrained fit must stop at 0."""
    rng = np.random.default_rng(1)
    x = rng.normal(size=400)
    y = np.clip(np.round(2.5 - 1.2 * x + rng.normal(scale=0.7, size=400)), 0, 5).astype(int)
    return pd.DataFrame({"defense": x, "noise": rng.normal(size=400)}), y


def test_no_constraint_by_default_and_the_mapping_binds(data):
    X, y = data
    free = SupportModel(alpha=1.0).fit(X, y, compute_cov=False)
    assert free.coef_[0] < -0.5  # the data's own sign
    bound = SupportModel(alpha=1.0, monotonic_cst={"defense": 1}).fit(X, y, compute_cov=False)
    assert bound.coef_[0] == pytest.approx(0.0, abs=1e-9) and bound.bounds_[0] == (0.0, None)
    by_position = SupportModel(alpha=1.0, monotonic_cst=[1, 0]).fit(X, y, compute_cov=False)
    assert np.allclose(by_position.coef_, bound.coef_)


def test_the_library_fit_takes_the_registry_signs(data):
    X, y = data
    m = registry_model(X, alpha=1.0)
    assert m.monotonic_cst == {"defense": 1} == monotonic_cst(["defense", "noise"])
    assert registry_model(X, alpha=1.0, monotonic_cst={}).monotonic_cst == {}  # a template's own choice is kept


@pytest.mark.parametrize("cst, match", [({"nope": 1}, "do not have: nope"), ([1], "one value per feature"),
                                        ({"defense": 2}, "-1, 0 or 1")])
def test_bad_constraints_are_refused(data, cst, match):
    X, y = data
    with pytest.raises(ModelError, match=match):
        SupportModel(monotonic_cst=cst).fit(X, y, compute_cov=False)


def test_a_file_written_with_sign_constraints_loads_with_the_registry_signs():
    d = json.loads(PARAMS_PATH.read_text(encoding="utf-8"))
    shipped = model_from_dict(d)
    hp = dict(d["hyperparameters"])
    hp.pop("monotonic_cst")
    hp["sign_constraints"] = True
    old = model_from_dict({**d, "hyperparameters": hp})
    assert old.monotonic_cst == shipped.monotonic_cst == monotonic_cst(d["features"])
    assert shipped.get_params()["monotonic_cst"]["defense"] == 1
