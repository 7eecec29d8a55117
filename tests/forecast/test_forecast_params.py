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


def test_the_library_writes_parameters_only_where_it_is_told(synth_store, tmp_path):
    import inspect

    from fairweather.errors import OutputFileError
    from fairweather.forecast import fit_history_params
    from fairweather.forecast._params import write_params

    for fn in (fit_params, fit_history_params, write_params):
        assert inspect.signature(fn).parameters["out"].default is inspect.Parameter.empty, fn.__name__
    before = PARAMS_PATH.stat().st_mtime_ns, PARAMS_PATH.read_bytes()
    for fn in (fit_params, fit_history_params):
        with pytest.raises(OutputFileError, match="out=PATH"):
            fn(synth_store, None)  # refused before any fit
    with pytest.raises(OutputFileError, match="never written into the installed package"):
        write_params({"format": "x"}, None)
    assert (PARAMS_PATH.stat().st_mtime_ns, PARAMS_PATH.read_bytes()) == before


def test_model_fit_defaults_to_a_checkout_and_refuses_an_installed_package(tmp_path, monkeypatch):
    import importlib

    from typer.testing import CliRunner

    from fairweather.cli import app
    from fairweather.cli._model import checkout_params_path
    from fairweather.errors import OutputFileError

    assert checkout_params_path() == PARAMS_PATH  # the tests run from the checkout
    checkout = tmp_path / "repo" / "src" / "fairweather" / "forecast" / "params" / "support_model.json"
    (tmp_path / "repo" / "pyproject.toml").parent.mkdir(parents=True)
    (tmp_path / "repo" / "pyproject.toml").write_text("[project]\nname = 'fairweather'\n")
    assert checkout_params_path(checkout) == checkout
    installed = tmp_path / "lib" / "python3.11" / "site-packages" / "fairweather" / "forecast" / "params" / "support_model.json"
    with pytest.raises(OutputFileError, match="Give --out FILE"):
        checkout_params_path(installed)
    monkeypatch.setattr(importlib.import_module("fairweather.forecast"), "PARAMS_PATH", installed)
    res = CliRunner().invoke(app, ["model", "fit", "--alpha", "10"])
    assert res.exit_code != 0 and "Give --out FILE" in res.output and not installed.parent.exists()
