"""News text to coded events: actors, PLOVER type and CAMEO root, mode, direction, negation, modality.

An offline rule coder (no model, no download): a curated lexicon of event
triggers (``data/triggers.csv``), a curated actor dictionary with sources and
office dates (``data/actors.csv``) on top of :mod:`fairweather.codes`, and the
rules in :mod:`fairweather.text._coder`. It reads input as a source does and
yields events in the vocabulary of :mod:`fairweather.events`
(:meth:`CodedText.to_event_table`), so the say–do measures run on what people
read.

>>> res = code_text("Iran supplied Russia with drones. China did not send weapons to Iran.")
>>> [(e.source_iso3, e.target_iso3, e.plover_event, e.mode, e.negated) for e in res.events]
[('IRN', 'RUS', 'AID', 'material', False), ('CHN', 'IRN', 'AID', 'material', True)]
"""

from __future__ import annotations

from fairweather.text._api import CODED_COLUMNS, CodedText, code_files, code_text
from fairweather.text._coder import CodedEvent
from fairweather.text._read import Article, html_to_text, read_article

__all__ = ["CODED_COLUMNS", "Article", "CodedEvent", "CodedText", "code_files", "code_text", "html_to_text",
           "read_article"]
