"""The parameter file: reproducible, loads fast and matches the fitted model."""

from __future__ import annotations

import json

import numpy as np
import pytest

from fairweather.errors import ModelError
from fairweather.features import FEATURE_NAMES, training_table
from fairweather.forecast import PARAMS_PATH, SupportModel, fit_params, load_model


def test_same_inputs_and_seed_give_the_same_file(synth_store, params_file, tmp_path):
    again = tmp_path / "again.json"
    fit_params(synth_store, again, fit_date="2026-11-21")
    assert again.read_bytes() == params_file.read_bytes()


def test_file_records_its_provenance(synth_store, params_file):
    d = json.loads(params_file.read_text())
    assert d["pack_hash"] == synth_store.pack_hash
    assert d["features"] == list(FEATURE_NAMES)
    assert d["fit_date"] == "2026-11-21" and d["hyperparameters"]["seed"] == 20250613
    assert d["training"]["before"] == "2020-01-01" and d["training"]["last_crisis"] < "2020-01-01"
    assert len(d["mean"]) == len(d["scale"]) == len(d["coef"]) == len(FEATURE_NAMES)


def test_loaded_model_matches_a_fresh_fit(synth_store, model):
    X, y, _ = training_table(synth_store)
    fresh = SupportModel(**model.get_params()).fit(X, y)
    assert np.allclose(model.coef_, fresh.coef_, atol=1e-9)
    assert np.allclose(model.cutpoints_, fresh.cutpoints_, atol=1e-9)
    assert np.allclose(model.predict_proba(X), fresh.predict_proba(X), atol=1e-9)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="model fit"):
        load_model(tmp_path / "nope.json")


def test_shipped_parameters_load():
    assert PARAMS_PATH.is_file(), f"the shipped parameters are missing: {PARAMS_PATH} (fairweather model fit writes them)"
    from fairweather.history_features import MODEL_FEATURES
    from fairweather.history_layer import history_layer_hash

    m = load_model()
    # the shipped model learns from history: the pack plus the shipped history layer it records by hash
    assert list(m.feature_names_in_) == list(MODEL_FEATURES)
    assert m.meta_["training"]["before"] == "2020-01-01" and m.meta_["training"]["last_crisis"] < "2020-01-01"
    assert m.meta_["training"]["history_hash"] == history_layer_hash()
    assert m.meta_["training"]["n_censored"] > 0
    P = m.predict_proba(np.zeros((1, len(MODEL_FEATURES))))
    assert np.isclose(P.sum(), 1)
