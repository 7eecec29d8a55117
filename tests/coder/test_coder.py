"""The text coder on short self-written sentences in the style of reports on the 2025 Iran crisis."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from fairweather.errors import InputFileError
from fairweather.text import CODED_COLUMNS, code_files, code_text, read_article

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = Path(__file__).parents[2] / "examples" / "articles" / "iran-2025-partners.txt"


def _first(text: str, **kw):
    events = code_text(text, **kw).events
    assert events, f"no event coded in {text!r}"
    return events[0]


def test_material_act_with_both_actors():
    e = _first("Iran supplied Russia with drones.")
    assert (e.source_iso3, e.target_iso3, e.plover_event, e.cameo_root) == ("IRN", "RUS", "AID", "07")
    assert (e.mode, e.direction, e.negated, e.modality) == ("material", "support", False, "act")
    assert "military" in e.context and e.support_class == "material_support"


@pytest.mark.parametrize("text, cue", [
    ("Moscow did not send air defence systems to Iran.", "not"),
    ("None of these countries offered military support to Tehran.", "None"),
    ("North Korea has yet to deliver any military help to Iran.", "yet"),
    ("Su-35 fighter jets Russia promised Iran in 2023 remain undelivered.", "undelivered"),
    ("Putin refused to send troops to help Iran.", "refused"),
])
def test_non_delivery_is_a_negated_event(text, cue):
    e = _first(text)
    assert e.negated and cue in e.negation_cue
    assert e.act_event == "AID"
    assert e.support_class != "material_support"  # an act that did not happen is never counted as done


def test_negation_does_not_leak_across_clauses():
    events = code_text("Russia did not condemn Israel, and China sent weapons to Iran.").events
    sent = [e for e in events if e.act_event == "AID"]
    assert sent and not sent[0].negated and sent[0].source_iso3 == "CHN"


@pytest.mark.parametrize("text, event, modality", [
    ("Russia pledged to deliver fighter jets to Tehran.", "AGREE", "promise"),
    ("The Kremlin offered to mediate between Israel and Iran.", "AGREE", "offer"),
    ("Wang Yi called on Israel to halt its attacks on Iran.", "REQUEST", "request"),
    ("Iran demanded that the IAEA condemn the strikes.", "REQUEST", "demand"),
    ("Iran threatened to close the Strait of Hormuz.", "THREATEN", "threat"),
    ("Russia will send wheat to Iran.", "AGREE", "promise"),
    ("China will not provide weapons to either side.", "REJECT", "promise"),
])
def test_modality(text, event, modality):
    e = _first(text)
    assert (e.plover_event, e.modality) == (event, modality)
    assert e.mode == "verbal"


@pytest.mark.parametrize("name, iso3", [
    ("Putin", "RUS"), ("Beijing", "CHN"), ("Wang Yi", "CHN"), ("The Kremlin", "RUS"), ("Pyongyang", "PRK"),
    ("Iran's Revolutionary Guards", "IRN"), ("Araghchi", "IRN"), ("Lavrov", "RUS"), ("The IDF", "ISR"),
])
def test_actor_resolution(name, iso3):
    e = _first(f"{name} condemned the attack on Iran.")
    assert e.source_iso3 == iso3
    assert e.target_iso3 in ("IRN", None) or e.target_iso3 == iso3


def test_lower_case_words_are_not_countries():
    e = _first("Officials told us they would help turkey farmers.")
    assert e.source_iso3 is None and e.target_iso3 is None


def test_office_dates_set_the_sector_not_the_state():
    from fairweather.text._actors import find_mentions
    from fairweather.text._tokens import tokenize

    s = "Biden praised Israel."
    m_in = find_mentions(tokenize(s), s, dt.date(2023, 1, 1))[0]
    m_out = find_mentions(tokenize(s), s, dt.date(2025, 6, 20))[0]
    assert m_in.iso3 == m_out.iso3 == "USA"
    assert m_in.entry.in_office(dt.date(2023, 1, 1)) and not m_out.entry.in_office(dt.date(2025, 6, 20))


def test_offsets_point_into_the_article():
    art = read_article(SAMPLE)
    res = code_files([SAMPLE])
    assert len(res) >= 8
    for e in res.events:
        assert art.text[e.sentence_start:e.sentence_end] == e.sentence
        assert art.text[e.trigger_start:e.trigger_end] == e.trigger
        assert e.sentence_start <= e.trigger_start < e.trigger_end <= e.sentence_end
        assert 0 < e.confidence <= 1


def test_source_is_carried_into_a_sentence_without_actors():
    events = code_text("Russia promised Iran Su-35 jets. The jets remain undelivered.").events
    last = events[-1]
    assert last.source_iso3 == "RUS" and last.negated and last.confidence < events[0].confidence


def test_html_is_read_as_text_with_its_date():
    art = read_article(FIXTURES / "article.html", date=dt.date(2000, 1, 1))
    assert art.date == dt.date(2025, 6, 22)  # the date the page states wins over the fallback
    assert "var x" not in art.text and "color" not in art.text and "& called" in art.text
    res = code_files([FIXTURES / "article.html"])
    assert {e.date for e in res.events} == {dt.date(2025, 6, 22)}
    assert [(e.source_iso3, e.act_event, e.negated) for e in res.events][:1] == [("RUS", "AID", True)]


def test_every_field_is_a_column():
    frame = code_text("Iran supplied Russia with drones.").to_frame()
    assert tuple(frame.columns) == CODED_COLUMNS
    for col in ("sentence", "sentence_start", "source_iso3", "target_iso3", "plover_event", "cameo_root", "mode",
                "direction", "negated", "negation_cue", "modality", "confidence"):
        assert col in frame.columns


def test_event_table_has_the_event_schema():
    from fairweather.events.schema import EVENT_SCHEMA

    table = code_text("Moscow did not send weapons to Iran. Iran supplied Russia with drones.",
                      date=dt.date(2025, 6, 20)).to_event_table()
    assert table.schema == EVENT_SCHEMA
    assert table.column("support_class").to_pylist() == ["other", "material_support"]


@pytest.mark.parametrize("content, what", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    (b"", "empty"),
    (b"   \n\n  ", "empty"),
    ("Moscow a d\xe9clar\xe9 son soutien.".encode("latin-1"), "not UTF-8"),
])
def test_malformed_articles_are_refused_by_name(tmp_path, content, what):
    bad = tmp_path / "bad-article.txt"
    bad.write_bytes(content)
    with pytest.raises(InputFileError, match=what) as info:
        read_article(bad)
    assert "bad-article.txt" in str(info.value)


def test_a_folder_or_a_missing_file_is_refused(tmp_path):
    with pytest.raises(InputFileError, match="is a folder"):
        read_article(tmp_path)
    with pytest.raises(InputFileError, match="does not exist"):
        read_article(tmp_path / "nope.txt")


def test_labelled_fixture_sentences():
    """Hand-labelled sentences (the gold sets label neither negation nor modality)."""
    with (FIXTURES / "labelled_sentences.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    wrong = []
    for r in rows:
        e = code_text(r["text"]).events[int(r["event_index"])]
        got = (e.plover_event, e.source_iso3 or "", e.mode, str(int(e.negated)), e.modality)
        want = (r["event"], r["source"], r["mode"], r["negated"], r["modality"])
        if got != want:
            wrong.append(f"{r['text']}: got {got}, want {want}")
    assert not wrong, "\n".join(wrong)
