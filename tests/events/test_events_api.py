"""Every name in the event modules' ``__all__`` resolves; each source declares its provenance."""

from __future__ import annotations

import importlib

import pytest

MODULES = [
    "fairweather.events",
    "fairweather.events.schema",
    "fairweather.events.taxonomy",
    "fairweather.events.pipeline",
    "fairweather.sources.gdelt_duckdb",
    "fairweather.sources.gdelt",
    "fairweather.sources.icews",
    "fairweather.sources.plover",
    "fairweather.sources.eventfiles",
    "fairweather.metrics.saydo",
]


@pytest.mark.parametrize("name", MODULES)
def test_all_names_resolve(name):
    module = importlib.import_module(name)
    assert module.__all__, name
    for attr in module.__all__:
        assert hasattr(module, attr), f"{name}.{attr}"


@pytest.mark.parametrize("name", ["gdelt", "icews", "plover"])
def test_sources_declare_version_citation_licence_url(name):
    module = importlib.import_module(f"fairweather.sources.{name}")
    for const in ("VERSION", "CITATION", "LICENCE", "URL"):
        assert isinstance(getattr(module, const), str) and getattr(module, const), const


@pytest.mark.parametrize(
    "name", ["fairweather.events.taxonomy", "fairweather.events.pipeline",
             "fairweather.sources.gdelt", "fairweather.sources.icews", "fairweather.sources.plover",
             "fairweather.metrics.saydo"],
)  # fmt: skip
def test_doctests(name):
    import doctest

    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_events_package_stays_light():
    import subprocess
    import sys

    code = "import sys, fairweather.events; print('ibis' in sys.modules, 'duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
