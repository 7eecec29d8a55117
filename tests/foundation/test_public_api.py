"""Every name a module exports in __all__ resolves (sklearn's test_import_all_consistency)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import fairweather


def _modules() -> list[str]:
    names = ["fairweather"]
    for info in pkgutil.walk_packages(fairweather.__path__, "fairweather."):
        if ".web" in info.name or ".cli" in info.name:
            continue  # interfaces: tested through their own tests
        names.append(info.name)
    return names


@pytest.mark.parametrize("module", _modules())
def test_all_names_resolve(module: str) -> None:
    mod = importlib.import_module(module)
    for name in getattr(mod, "__all__", []):
        assert getattr(mod, name, None) is not None, f"{module}.__all__ lists {name!r} but it does not resolve"
