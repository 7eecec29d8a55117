"""An official's surname is read as them only where it names them: not after another first name, not in a byline
(tokens from the shipped officials table, so a rebuilt table that lost these names fails loudly)."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from fairweather.text import code_text
from fairweather.text._actors import find_mentions
from fairweather.text._tokens import tokenize


def _states(text: str) -> list[str | None]:
    return [m.iso3 for m in find_mentions(tokenize(text), text)]


def _official(surname: str) -> dict[str, str]:
    with (resources.files("fairweather.text") / "data" / "officials.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["surname"] == surname]
    assert len(rows) == 1, surname
    return rows[0]


def test_the_fixture_officials_are_in_the_table() -> None:
    assert _official("Cooney")["name"] == "David Cooney" and _official("Cooney")["iso3"] == "IRL"
    assert _official("Power")["name"] == "Simon Power" and _official("Power")["iso3"] == "NZL"


@pytest.mark.parametrize("text", ["By Cooney", "By John Cooney, Reuters", "By David Cooney",
                                  "By J. Cooney and Mark Power", "Reporting by David Cooney; editing by Mark Power",
                                  "John Cooney reported that Iran fired missiles.", "Cooney reported the talks."])
def test_a_byline_names_no_actor(text: str) -> None:
    assert "IRL" not in _states(text) and "NZL" not in _states(text)


@pytest.mark.parametrize("text, iso3", [("Cooney said Ireland would send aid.", "IRL"),
                                        ("Minister Cooney reported progress.", "IRL"),
                                        ("The deal was signed by David Cooney.", "IRL"),
                                        ("Simon Power said New Zealand would help.", "NZL"),
                                        ("By Tuesday, Putin warned Iran.", "RUS")])
def test_an_actor_outside_a_byline_is_still_read(text: str, iso3: str) -> None:
    assert _states(text)[0] == iso3


@pytest.mark.parametrize("text", ["Samantha Power said Iran must stop.", "Mark Cooney said Iran must stop."])
def test_another_first_name_is_another_person(text: str) -> None:
    assert _states(text)[0] == "IRN"


def test_a_byline_does_not_become_the_source() -> None:
    events = code_text("By David Cooney\n\nIran fired missiles at Israel.").events
    assert events and events[0].source_iso3 == "IRN"
