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


def test_pack_readme_is_generated_from_schema() -> None:
    """pack/data/README.md documents every table and column of schema.py (regenerate with _docs)."""
    from fairweather.pack import embedded_pack_path
    from fairweather.pack._docs import schema_markdown

    text = (embedded_pack_path() / "README.md").read_text(encoding="utf-8")
    assert text == schema_markdown(), "run: python -m fairweather.pack._docs > src/fairweather/pack/data/README.md"
