"""CAMEO's known groups and ethnic groups, and the rules added with them (sentences written for these tests)."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from fairweather.text import code_text
from fairweather.text._actors import find_mentions
from fairweather.text._tokens import tokenize


def _first(text: str):
    events = code_text(text).events
    assert events, f"no event coded in {text!r}"
    return events[0]


def _mentions(text: str) -> list[tuple[str, str | None]]:
    return [(m.text, m.iso3) for m in find_mentions(tokenize(text), text)]


@pytest.mark.parametrize("text, name", [
    ("The International Monetary Fund urged Kenya to cut spending.", "International Monetary Fund"),
    ("The Paris Club agreed to reschedule Peru's debt.", "Paris Club"),  # not France
    ("The World Bank approved a loan to Ghana.", "World Bank"),
])
def test_an_international_organization_of_cameo_is_named_with_no_state(text: str, name: str) -> None:
    assert (name, None) in _mentions(text)
    assert _first(text).source_iso3 is None


def test_a_national_party_of_cameo_is_its_state() -> None:
    e = _first("The Likud Party rejected the American peace proposal.")
    assert (e.source_iso3, e.target_iso3) == ("ISR", "USA")


def test_an_abbreviation_in_brackets_of_a_label_is_a_name_too() -> None:
    assert ("IMF", None) in _mentions("The IMF sent experts to Liberia.")
    assert ("ASEAN", None) in _mentions("ASEAN urged Myanmar to free prisoners.")


def test_every_national_group_of_the_table_cites_a_page() -> None:
    with (resources.files("fairweather.text") / "data" / "cameo_groups.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    for r in rows:
        assert r["source"].startswith("CAMEO known-group code")
        assert (not r["iso3"]) or "https://" in r["source"], r


def test_an_organization_named_as_the_venue_is_no_target() -> None:
    e = _first("El Salvador withdrew its complaint at the WTO against Honduras.")
    assert (e.source_iso3, e.target_iso3) == ("SLV", "HND")
    assert _first("Chile accused the WTO of bias.").target_actor == "CAMEO:WTO"  # named as the object, it is


@pytest.mark.parametrize("text, source, target", [
    ("The Greek Cypriot leader accused Ankara of blocking a settlement.", "CYP", "TUR"),  # the people first
    ("Turkish Cypriot officials rejected a plan of the United Nations.", "CYP", None),
    ("Bosnian Serb forces shelled Sarajevo.", "BIH", "BIH"),  # the place first
])
def test_two_demonyms_side_by_side_are_one_actor(text: str, source: str, target: str | None) -> None:
    e = _first(text)
    assert (e.source_iso3, e.target_iso3) == (source, target)


def test_a_people_named_alone_is_of_the_state_of_its_context() -> None:
    e = _first("Tamils demonstrated in Colombo against the government.")
    assert e.source_iso3 == "LKA"


def test_the_giver_of_help_received_is_the_source() -> None:
    e = _first("Indonesia received $500 million in aid from Japan.")
    assert (e.source_iso3, e.target_iso3) == ("JPN", "IDN")
    e = _first("Japan sent $500 million in aid to Indonesia.")  # the giver as subject: unchanged
    assert (e.source_iso3, e.target_iso3) == ("JPN", "IDN")


def test_the_partner_of_a_joint_act_is_the_target_not_the_city_it_happened_in() -> None:
    e = _first("Peru and Ecuador signed a peace accord in Brasilia.")
    assert (e.source_iso3, e.target_iso3) == ("PER", "ECU")
    e = _first("Peru signed a trade accord with Ecuador in Brasilia.")  # no partner among the subjects: unchanged
    assert (e.source_iso3, e.target_iso3) == ("PER", "ECU")


@pytest.mark.parametrize("text, source, target", [
    ("Zaire accused Rwanda of arming rebels.", "COD", "RWA"),  # a former name (ISO 3166-3)
    ("Ceylon expelled an Indian diplomat.", "LKA", "IND"),
    ("Ireland condemned the violence in Northern Ireland.", "IRL", "GBR"),  # not Ireland
    ("Chechen rebels attacked a Russian convoy.", "RUS", "RUS"),  # a region, coded to its state
])
def test_former_names_and_regions_are_their_state(text: str, source: str, target: str) -> None:
    e = _first(text)
    assert (e.source_iso3, e.target_iso3) == (source, target)


def test_a_name_joined_by_and_to_a_prepositional_one_is_no_subject() -> None:
    e = _first("The foreign ministers of Brazil and Argentina met in Buenos Aires to discuss trade.")
    assert e.source_iso3 == "BRA"
    e = _first("Brazil and Argentina met in Buenos Aires to discuss trade.")  # a subject of its own: kept
    assert e.source_iso3 == "BRA"


def test_a_leader_of_the_named_state_is_that_state() -> None:
    e = _first("Foreign Minister Eduard Shevardnadze of the Soviet Union arrived in Beijing for talks.")
    assert (e.source_iso3, e.target_iso3) == ("RUS", "CHN")  # not Georgia, which he led later


def test_the_occupied_territory_reports_no_occupation() -> None:
    events = code_text("Palestinians in the occupied West Bank protested against Israel.").events
    assert [e.plover_event for e in events] == ["PROTEST"]


@pytest.mark.parametrize("text, source", [
    ("Thousands of people demonstrated in the streets of Manila on Sunday.", "PHL"),
    ("Riots broke out across Albania after the elections.", "ALB"),
])
def test_a_protest_no_one_is_named_for_is_of_the_place_it_happened(text: str, source: str) -> None:
    assert _first(text).source_iso3 == source


def test_a_protest_aimed_at_a_state_abroad_keeps_its_target() -> None:
    e = _first("Students protested against Japan in Seoul.")
    assert (e.source_iso3, e.target_iso3) == ("KOR", "JPN")


@pytest.mark.parametrize("text, source", [
    ("An internet shutdown in Bhutan began on Monday.", "BTN"),
    ("Police carried out mass arrests across Belarus.", "BLR"),  # a role actor: unchanged, of its context
])
def test_an_act_at_home_no_one_is_named_for_is_of_the_state_it_happens_in(text: str, source: str) -> None:
    assert _first(text).source_iso3 == source


def test_an_act_abroad_no_one_is_named_for_keeps_no_source() -> None:
    assert _first("Humanitarian aid arrived in Sudan.").source_iso3 is None  # aid is no act at home


def test_the_actor_after_by_is_the_source_of_a_trigger_with_no_subject() -> None:
    e = _first("Concessions made by Syria to Turkey eased the crisis.")
    assert (e.source_iso3, e.target_iso3) == ("SYR", "TUR")


def test_a_possible_hostile_act_is_a_threat() -> None:
    e = _first("Bangladesh said it could suspend relations with Myanmar.")
    assert (e.plover_event, e.mode, e.modality) == ("THREATEN", "verbal", "promise")
    e = _first("In May Russia suspended relations with Georgia.")  # the month is no modal
    assert (e.plover_event, e.modality) == ("SANCTION", "act")


def test_calling_up_reservists_mobilizes_and_deportations_coerce() -> None:
    e = _first("Serbia called up its reservists on Monday.")
    assert (e.plover_event, e.mode) == ("MOBILIZE", "material")
    e = _first("Mass deportations of Haitians began in the Dominican Republic.")
    assert (e.plover_event, e.mode) == ("COERCE", "material")
