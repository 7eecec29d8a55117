"""Undoing a hostile measure is a concession, not a threat; a stated intention is a promise; a capitalized "May" is
the modal in a title-case headline but the month or a name elsewhere."""

from __future__ import annotations

import pytest

from fairweather.text import code_text


def _first(text: str):
    events = code_text(text).events
    assert events, text
    return events[0]


@pytest.mark.parametrize("text", ["Havana authorities agree to remove curfew in restive city",
                                  "President of Luxembourg Suspends Plans to Impose Curfews in Capital",
                                  "The government dropped its plan to ban the opposition party."])
def test_ending_a_hostile_measure_is_no_threat(text: str) -> None:
    e = _first(text)
    assert e.plover_event != "THREATEN" and e.direction != "hostility", (e.plover_event, e.direction)


@pytest.mark.parametrize("text, event", [("Cuba removed the curfew.", "CONCEDE"),
                                         ("Honduras Gives Into Demands Made By Tuvalu", "CONCEDE"),
                                         ("Russia will impose a curfew.", "THREATEN")])
def test_removing_and_imposing(text: str, event: str) -> None:
    assert _first(text).plover_event == event


@pytest.mark.parametrize("text", ["Iran announced its intention to send troops to Syria.",
                                  "Rebels in Peru Have Announced Their Intention to Lay Down Arms"])
def test_an_intention_is_a_promise_not_an_act(text: str) -> None:
    e = _first(text)
    assert e.modality == "promise" and e.mode == "verbal"


@pytest.mark.parametrize("text, modality", [("Sweden Suggests it May Ban Former General from Running in Election", "promise"),
                                            ("Theresa May sent troops to Iraq.", "act"),
                                            ("In May Russia sent troops to Syria.", "act"),
                                            ("On 5 May Russia sent troops to Syria.", "act")])
def test_may_the_modal_and_may_the_month(text: str, modality: str) -> None:
    assert _first(text).modality == modality
