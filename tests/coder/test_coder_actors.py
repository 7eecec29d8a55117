"""Who did what to whom: constructions that decide the source and the target (sentences written for these tests)."""

from __future__ import annotations

import pytest

from fairweather.text import code_text
from fairweather.text._lexicon import _compile_pattern
from fairweather.text._tokens import split_sentences


def _first(text: str):
    events = code_text(text).events
    assert events, f"no event coded in {text!r}"
    return events[0]


def _actors(text: str) -> tuple[str | None, str | None]:
    e = _first(text)
    return e.source_iso3, e.target_iso3


@pytest.mark.parametrize("text, source", [
    ("Ghanaian authorities deported dozens of migrants.", "GHA"),  # a demonym only country_converter's regexes know
    ("The Burundians attacked the camp.", "BDI"),  # its plural
    ("Sri Lankan troops shelled the town.", "LKA"),  # two words
    ("NATO-member Norway is ready to send aid to Jordan.", "NOR"),  # the name after the compound is the actor
])
def test_demonyms_and_compounds_resolve_to_states(text, source):
    assert _first(text).source_iso3 == source


def test_a_compound_with_a_state_names_it():
    assert _actors("Turkey refused to join the US-led coalition.") == ("TUR", "USA")


def test_a_stray_regex_match_is_not_a_state():
    # country_converter's regexes match inside "Gbago" (Britain); only words that start like a state name count
    e = _first("Gbago attacked the rebels.")
    assert e.source_iso3 is None


def test_a_territory_is_not_the_state_in_its_name():
    assert _actors("Malaysia and American Samoa agreed to hold regular meetings.") == ("MYS", None)


@pytest.mark.parametrize("text, source, target", [
    ("The police in Nigeria arrested a journalist.", "NGA", "NGA"),  # a role actor takes the state it is in
    ("Rebels in Chad seized the town.", "TCD", "TCD"),
    ("Ethnic Russians protested in Estonia.", "EST", "EST"),  # a people is not its namesake state
    ("Opposition leaders demanded that President Kagame resign, Rwandan media said.", "RWA", "RWA"),
    ("French farmers will blockade Paris.", "FRA", "FRA"),  # the object right after the verb, same state
])
def test_role_actors_take_the_state_of_their_context(text, source, target):
    assert _actors(text) == (source, target)


@pytest.mark.parametrize("text, source, target", [
    ("Iran was attacked by Israeli drones.", "ISR", "IRN"),
    ("The minister was accused of taking bribes worth millions of dollars by Kenyan prosecutors.", "KEN", "KEN"),
])
def test_passive_agent_after_by_is_the_source(text, source, target):
    assert _actors(text) == (source, target)


def test_passive_without_agent_makes_the_subject_the_target():
    assert _first("Two American soldiers were killed near the Syrian border.").target_iso3 == "USA"


def test_adjective_frames_are_not_passives():
    # "is committed to" is a promise by its subject, not something done to it
    assert _first("Vietnam is committed to opening its economy.").source_iso3 == "VNM"


@pytest.mark.parametrize("text, source, target", [
    ("Egypt said Israel must withdraw its troops.", "EGY", "ISR"),
    ("Iran must halt enrichment, the French minister said.", "FRA", "IRN"),
])
def test_a_demand_in_reported_speech_runs_from_speaker_to_addressee(text, source, target):
    e = _first(text)
    assert (e.plover_event, e.modality, e.source_iso3, e.target_iso3) == ("REQUEST", "demand", source, target)


@pytest.mark.parametrize("text", [
    "According to Iranian state media, Israeli jets struck Tehran.",
    "Israeli jets struck Tehran according to Iranian state media.",
])
def test_according_to_names_the_reporter_not_an_actor(text):
    assert _actors(text) == ("ISR", "IRN")


@pytest.mark.parametrize("text, source, target", [
    ("Jordan and Britain agreed to hold joint exercises.", "JOR", "GBR"),  # reciprocal: each the other's recipient
    ("Trade between Chad and Mauritania grew rapidly.", "TCD", "MRT"),
])
def test_reciprocal_actors(text, source, target):
    assert _actors(text) == (source, target)


def test_initials_do_not_end_a_sentence():
    text = "The U.S. Secretary of State met Iranian envoys. Russia did not."
    assert [s.text for s in split_sentences(text)] == ["The U.S. Secretary of State met Iranian envoys.",
                                                       "Russia did not."]


def test_a_trigger_word_inside_a_name_is_no_event():
    assert [e.plover_event for e in code_text("The Ceasefire Monitoring Committee met in Geneva.").events] == \
        ["CONSULT"]
    assert code_text("Iran issued a press release on Monday.").events == []


def test_title_case_headlines_keep_their_verbs():
    assert _first("Mali and Norway Sign New Treaty").plover_event == "SUPPORT"


def test_deployed_peacekeepers_are_one_aid_event():
    events = code_text("Ghana deployed peacekeepers to Lebanon.").events
    assert [(e.plover_event, e.source_iso3, e.target_iso3) for e in events] == [("AID", "GHA", "LBN")]


@pytest.mark.parametrize("text, event", [
    ("Pakistan commended Iran for its restraint.", "SUPPORT"),
    ("Iran and Russia restored diplomatic relations.", "SUPPORT"),
    ("Iran cut off internet access in several provinces.", "COERCE"),
    ("The curfew was lifted in Tehran.", "CONCEDE"),
    ("Bahrain downgraded diplomatic ties with Iran.", "SANCTION"),
    ("Workers in Iran announced a nationwide strike.", "PROTEST"),
])
def test_lexicon_rows(text, event):
    assert _first(text).plover_event == event


def test_a_phrase_inside_alternatives_is_refused():
    with pytest.raises(ValueError, match="space inside"):
        _compile_pattern("(shut down|close) ~ internet")


@pytest.mark.parametrize("text", [
    "China refrained from sending weapons to Iran.",
    "Russia stopped short of providing military aid to Iran.",
])
def test_refraining_is_a_refusal_of_the_act(text):
    e = _first(text)
    assert (e.plover_event, e.act_event, e.negated) == ("REJECT", "AID", True)


def test_a_negation_binds_to_the_next_trigger_only():
    events = code_text("China never delivered the promised drones to Iran.").events
    assert [(e.act_event, e.negated) for e in events] == [("AID", True), ("AGREE", False)]


def test_an_opening_phrase_is_not_the_subject():
    struck = [e for e in code_text("Without Russian help, Iran struck Israel.").events if e.plover_event == "ASSAULT"]
    assert [(e.source_iso3, e.target_iso3) for e in struck] == [("IRN", "ISR")]
