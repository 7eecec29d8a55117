"""The Phoenix dictionaries' names of states' places, peoples and bodies and of international organizations
(``text/data/phoenix_names.csv``), and the world regions (sentences written for these tests)."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from fairweather.codes import try_iso3
from fairweather.text import code_text
from fairweather.text._actors import find_mentions
from fairweather.text._tokens import tokenize


def _rows() -> list[dict[str, str]]:
    with (resources.files("fairweather.text") / "data" / "phoenix_names.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _mentions(text: str) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.iso3, m.entry.kind) for m in find_mentions(tokenize(text), text)]


def _first(text: str):
    events = code_text(text).events
    assert events, f"no event coded in {text!r}"
    return events[0]


def test_every_row_names_one_actor_and_cites_its_line():
    rows = _rows()
    assert len(rows) > 5000
    names = [r["name"].lower() for r in rows]
    assert len(names) == len(set(names)), "a name is listed twice"
    kinds = {"state", "demonym", "place", "office", "military", "group", "person", "igo", "ngo", "armed_group"}
    for r in rows:
        assert r["kind"] in kinds, r
        assert r["source"].startswith("Phoenix.") and " line " in r["source"], r
        if r["kind"] in ("igo", "ngo"):
            assert r["iso3"] == "" and r["code"] == r["kind"].upper(), r
        elif r["kind"] == "armed_group":
            assert r["code"] == (r["iso3"] or "IMG"), r
        else:
            assert r["iso3"] and r["code"] == r["iso3"] and try_iso3(r["iso3"]) in (r["iso3"], None), r


@pytest.mark.parametrize("text, source", [
    ("Togolese troops attacked a village in Benin.", "TGO"),  # a demonym the standard tables lack
    ("The Expediency Council rejected the bill.", "IRN"),  # a state's body
    ("Helmand elders demanded the release of the prisoners.", "AFG"),  # a province
])
def test_places_peoples_and_bodies_resolve_to_their_state(text, source):
    assert _first(text).source_iso3 == source


@pytest.mark.parametrize("text, name", [
    ("The Organization for the Prohibition of Chemical Weapons condemned the attack.",
     "Organization for the Prohibition of Chemical Weapons"),
    ("Boutros Boutros-Ghali urged Iraq to comply.", "Boutros Boutros-Ghali"),  # the UN's secretary-general
    ("The OPCW condemned the attack on Douma.", "OPCW"),  # an acronym
])
def test_international_organizations_and_their_officers_are_no_state(text, name):
    found = {t: (iso3, kind) for t, iso3, kind in _mentions(text)}
    assert found[name] == (None, "igo")
    assert _first(text).source_iso3 is None


def test_an_armed_group_is_coded_to_the_state_it_fights_in():
    # Phoenix's militant groups: KHMER_ROUGE_ [KHMREB]; a group coded to a region ([EEUREB]) or IMG has no state
    assert ("Khmer Rouge", "KHM", "armed_group") in _mentions("The Khmer Rouge shelled government positions.")
    assert ("Kosovo Liberation Army", None, "armed_group") in _mentions("The Kosovo Liberation Army ambushed police.")


def test_an_acronym_is_read_in_capitals_only():
    assert not any(t == "Care" for t, _, _ in _mentions("Care was taken as Iraq shelled the town."))


def test_a_region_is_no_state_and_does_not_leave_its_last_word_to_one():
    # "America" is the United States (Phoenix), "South America" a region of no state
    assert ("South America", None, "region") in _mentions("Migrants from South America crossed into Mexico.")
    assert [iso3 for t, iso3, _ in _mentions("America warned Iran.") if t == "America"] == ["USA"]
    assert ("Latin America", None, "region") in _mentions("Leaders of Latin America met in Lima.")


def test_a_region_inside_a_longer_name_is_no_actor():
    text = "French workers blocked the Europe Bridge from France to Germany."
    assert not any(t == "Europe" for t, _, _ in _mentions(text))


def test_a_territory_is_no_state():
    # Phoenix files Heard Island under Australia; country_converter lists it as a territory of its own
    found = _mentions("Heard Island and McDonald Islands warned Yemen.")
    assert [iso3 for t, iso3, _ in found if t != "Yemen"] in ([], [None])
    assert _first("Heard Island and McDonald Islands warned Yemen.").source_iso3 != "AUS"


@pytest.mark.parametrize("text", [
    "Pope Francis urged restraint.",  # one letter off Phoenix's misspelling "Francio", not France
    "Voters approved of the way Cameron handled it.",  # a leader's surname, not a misspelt Cameroon
])
def test_a_name_one_letter_off_a_variant_or_a_surname_is_no_state(text):
    assert all(iso3 is None for _, iso3, _ in _mentions(text))


def test_a_given_name_is_no_place():
    # Vladimir is a Russian town in Phoenix's list and a given name of CountryInfo's persons: left out
    assert ("Vladimir", "RUS", "place") not in _mentions("The man, Vladimir Petrov, was shot.")
