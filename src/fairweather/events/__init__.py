"""Event data: the normalized event table, one CAMEO/PLOVER taxonomy, Ibis aggregations.

The light parts are re-exported here; the Ibis pipeline
(:mod:`fairweather.events.pipeline`) and the synthetic GDELT generator
(:mod:`fairweather.events.synthetic`) are imported from their modules so that
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
