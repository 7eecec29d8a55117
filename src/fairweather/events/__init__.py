"""Event data: the normalized event table, one CAMEO/PLOVER taxonomy, Ibis aggregations.

Vocabulary only: no reader lives here (they are in :mod:`fairweather.sources`).
The light parts are re-exported here; the Ibis aggregations
(:mod:`fairweather.events.pipeline`) are imported from their module so that
``import fairweather.events`` stays cheap.
"""

from __future__ import annotations

from fairweather.events.schema import EVENT_COLUMNS, EVENT_SCHEMA, EventImport, EventIssue, ImportReport
from fairweather.events.taxonomy import SUPPORT_CLASSES, classify, goldstein, quad_class_of, support_class_of

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_SCHEMA",
    "EventImport",
    "EventIssue",
    "ImportReport",
    "SUPPORT_CLASSES",
    "classify",
    "goldstein",
    "quad_class_of",
    "support_class_of",
]
