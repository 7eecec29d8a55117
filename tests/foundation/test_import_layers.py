"""Imports run one way: a module never imports one of a higher layer (DESIGN.md's layers; issue 11).

Every ``fairweather`` import is read from the source with ``ast``, module-level and function-local alike
(a local import hides a dependency; it does not remove it). Each module has a layer below; importing
from the same layer or a lower one is fine, a higher one fails the test with the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "fairweather"

#: Layers, lowest first. A module's layer is that of the longest prefix listed; the package root's
#: ``__init__`` is the public API and sits on top.
LAYERS: list[tuple[str, ...]] = [
    ("fairweather.errors", "fairweather._atomic", "fairweather._numerics", "fairweather._frames", "fairweather.split", "fairweather.results"),
    ("fairweather.codes", "fairweather.actors", "fairweather.inputs"),
    ("fairweather.pack", "fairweather.events"),
    ("fairweather.sources", "fairweather.text"),
    # the history's registry of readers sits beside the panels: its yearly joins are the panel verbs (issue 16)
    ("fairweather.asof", "fairweather.panels", "fairweather.sources.history"),
    ("fairweather.store_tables",),
    ("fairweather.store", "fairweather.store_queries", "fairweather.store_import", "fairweather.store_events",
     "fairweather.history_layer"),
    ("fairweather.catalog", "fairweather.outcomes", "fairweather.agreement", "fairweather.provenance", "fairweather.features",
     "fairweather.history_features"),
    ("fairweather.metrics", "fairweather.forecast", "fairweather.panels.similarity"),
    ("fairweather.briefing",),
    ("fairweather.report",),
    ("fairweather.web", "fairweather.cli"),
    ("fairweather.__init__", "fairweather.__main__"),
]


def _layer(module: str) -> int:
    if module == "fairweather":  # ``from fairweather import __version__``: the root's metadata, not its API
        return 0
    best, rank = -1, None
    for i, names in enumerate(LAYERS):
        for n in names:
            if (module == n or module.startswith(n + ".")) and len(n) > best:
                best, rank = len(n), i
    if rank is None:
        raise AssertionError(f"{module} is in no layer: add it to LAYERS in {Path(__file__).name}")
    return rank


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1] if len(parts) > 1 else parts
        if len(parts) == 1:
            return "fairweather.__init__"
    return ".".join(parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:`` (imports for annotations only, never run)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.body:
                skip.update(id(n) for n in ast.walk(child))
    return skip


def _imports(path: Path) -> list[tuple[int, str]]:
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fairweather") and node.level == 0:
            out.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names if a.name.startswith("fairweather"))
    return out


MODULES = sorted(SRC.rglob("*.py"))


def test_every_module_has_a_layer():
    for path in MODULES:
        _layer(_module_name(path))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_imports_a_higher_layer(path):
    me = _module_name(path)
    mine = _layer(me)
    bad = [f"{path.relative_to(SRC.parent)}:{line} imports {mod} (layer {_layer(mod)} > {mine})"
           for line, mod in _imports(path) if _layer(mod) > mine]
    assert not bad, "\n".join(bad)
