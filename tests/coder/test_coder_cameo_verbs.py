"""The CAMEO verb dictionary's verbs (``text/data/cameo_verbs.csv``), read where the coder's own triggers find
no event (sentences written for these tests)."""

from __future__ import annotations

import csv
import re
from importlib import resources

import pytest

from fairweather.events.taxonomy import PLOVER_EVENTS
from fairweather.text import code_text
from fairweather.text._lexicon import _compile_pattern, cameo_verbs, find_triggers, triggers
from fairweather.text._tokens import tokenize


def test_every_row_is_a_plover_event_with_its_cameo_code_and_line():
    with (resources.files("fairweather.text") / "data" / "cameo_verbs.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 2000
    assert len({r["pattern"] for r in rows}) == len(rows)
    for r in rows:
        assert r["event"] in PLOVER_EVENTS, r
        assert re.fullmatch(r"\d{3,4}", r["cameo"]) and r["cameo"][:2] not in ("01", "02"), r
        assert r["source"].startswith("CAMEO.2.0.txt") and " line " in r["source"], r
        assert _compile_pattern(r["pattern"])  # compiles as the lexicon reads it


@pytest.mark.parametrize("text, event, source", [
    ("Ankara barred the opposition leader from the vote.", "COERCE", "TUR"),
    ("Shops were smashed by protesters in Switzerland.", "ASSAULT", "CHE"),
])
def test_a_cameo_verb_codes_a_sentence_the_triggers_miss(text, event, source):
    hits = find_triggers(tokenize(text))
    assert hits and all(h.trigger in set(cameo_verbs()) for h in hits)
    e = code_text(text).events[0]
    assert (e.plover_event, e.source_iso3, e.mode) == (event, source, "material")
    assert e.modality == "act" and not e.negated


def test_the_curated_triggers_come_first():
    # "barred" is a CAMEO verb, "condemned" a curated trigger: with one of the coder's own triggers in the
    # sentence, the CAMEO verbs are not read at all
    text = "Turkey condemned the vote and barred the opposition leader."
    hits = find_triggers(tokenize(text))
    assert hits and all(h.trigger in set(triggers()) for h in hits)
    assert [e.plover_event for e in code_text(text).events] == ["ACCUSE"]
