"""Shared fixtures of the forecast tests: the synthetic pack, its store and a model fitted on it."""

from __future__ import annotations

from pathlib import Path

import pytest

SYNTH = Path(__file__).parent / "fixtures" / "pack_synth"
SMALL = Path(__file__).parents[1] / "fixtures" / "pack_small"


@pytest.fixture(scope="session")
def synth_store():
    from fairweather.store import Store

    store = Store.open(SYNTH)
    yield store
    store.close()


@pytest.fixture(scope="session")
def small_store():
    from fairweather.store import Store

    store = Store.open(SMALL)
    yield store
    store.close()


@pytest.fixture(scope="session")
def training(synth_store):
    from fairweather.features import training_table

    return training_table(synth_store)


@pytest.fixture(scope="session")
def params_file(synth_store, tmp_path_factory):
    from fairweather.forecast import fit_params

    path = tmp_path_factory.mktemp("params") / "support_model.json"
    fit_params(synth_store, path, fit_date="2026-11-21")
    return path


@pytest.fixture(scope="session")
def model(params_file):
    from fairweather.forecast import load_model

    return load_model(params_file)


HISTORY_FIXTURES = Path(__file__).parents[1] / "sources" / "fixtures" / "history"


@pytest.fixture(scope="module")
def history_store():
    """The embedded pack with the small publishers'-format fixtures of tests/sources imported (a fresh store per module)."""
    from fairweather.sources.history import import_reference
    from fairweather.store import Store

    s = Store.open()
    import_reference(s, HISTORY_FIXTURES)
    yield s
    s.close()
