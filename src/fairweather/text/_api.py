"""The coder's public entry points: code text or files, get rows, an event table, a file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fairweather.errors import OutputFileError
from fairweather.results import Result, Summary
from fairweather.text._coder import CodedEvent, code_sentences
from fairweather.text._read import Article, read_article

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["CODED_COLUMNS", "CodedText", "code_text", "code_files"]

#: Columns of :meth:`CodedText.to_frame`, in order (the fields of :class:`CodedEvent`).
CODED_COLUMNS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(CodedEvent))


@dataclass
class CodedText(Result):
    """Events coded from one or more articles."""

    events: list[CodedEvent]
    articles: list[str]

    def __len__(self) -> int:
        return len(self.events)

    def to_frame(self) -> pd.DataFrame:
        """One row per event, columns :data:`CODED_COLUMNS`."""
        import pandas as pd

        rows = [dataclasses.astuple(e) for e in self.events]
        return pd.DataFrame(rows, columns=list(CODED_COLUMNS))

    def summary(self) -> Summary:
        """How many events from how many articles, counted by kind of act and by source state."""
        import pandas as pd

        f = self.to_frame()
        info = [("Articles", str(len(self.articles))), ("Events", str(len(f))),
                ("Negated", str(int(f["negated"].sum()) if len(f) else 0))]
        by = (f.groupby(["source_iso3", "plover_event"], dropna=False, as_index=False).size()
              .rename(columns={"size": "events"}).sort_values(["events", "source_iso3"], ascending=[False, True])
              .reset_index(drop=True) if len(f) else pd.DataFrame(columns=["source_iso3", "plover_event", "events"]))
        return Summary("Events coded from news text", info, tables=[("Events by source and type", by)])

    def to_event_table(self) -> pa.Table:
        """The events in the normalized event schema (:data:`fairweather.events.EVENT_SCHEMA`).

        ``event_id`` is ``article:sentence:trigger offset``, ``code_system`` ``plover``,
        ``source_file`` the article; ``support_class`` of a negated act is ``other``.
        """
        import pyarrow as pa

        from fairweather.events.schema import EVENT_SCHEMA

        cols: dict[str, list] = {n: [] for n in EVENT_SCHEMA.names}
        for e in self.events:
            row = {"event_id": f"{e.article}:{e.sentence_index}:{e.trigger_start}", "date": e.date,
                   "source_iso3": e.source_iso3, "target_iso3": e.target_iso3, "source_actor": e.source_text,
                   "target_actor": e.target_text, "code_system": "plover", "event_code": e.plover_event,
                   "root_code": e.plover_event, "quad_class": e.quad_class, "support_class": e.support_class,
                   "intensity": e.intensity, "mentions": None, "source_file": e.article}
            for k, v in row.items():
                cols[k].append(v)
        return pa.table(cols, schema=EVENT_SCHEMA)

    def write(self, path: str | os.PathLike) -> Path:
        """Write the rows to ``.csv`` or ``.parquet``, all or nothing (a temporary file renamed in)."""
        from fairweather._atomic import atomic_file

        path = Path(path)
        suffix = path.suffix.lower()
        if suffix not in (".csv", ".parquet"):
            raise OutputFileError(f"Cannot write {str(path)!r}: give a file ending in .csv or .parquet. "
                                  "Nothing was written.", path)
        frame = self.to_frame()
        if suffix == ".csv":
            with atomic_file(path, "w", newline="") as fh:
                frame.to_csv(fh, index=False)
        else:
            with atomic_file(path, "wb") as fh:
                frame.to_parquet(fh, index=False)
        return path


def code_text(text: str, *, date: dt.date | None = None, article: str = "<text>") -> CodedText:
    """Code plain text into events.

    Examples
    --------
    >>> ev = code_text("Su-35 fighter jets Russia promised Iran in 2023 remain undelivered.").events[0]
    >>> ev.source_iso3, ev.target_iso3, ev.plover_event, ev.act_event, ev.modality, ev.negated
    ('RUS', 'IRN', 'AGREE', 'AID', 'promise', True)
    """
    return CodedText(code_sentences(text, article=article, date=date), [article])


def code_files(paths: Sequence[str | os.PathLike] | Iterable[str | os.PathLike], *,
               date: dt.date | None = None) -> CodedText:
    """Read every article first (all checked, see :func:`read_article`), then code them.

    ``date`` is the article date for files that state none.
    """
    articles: list[Article] = [read_article(p, date=date) for p in paths]
    events: list[CodedEvent] = []
    for a in articles:
        events.extend(code_sentences(a.text, article=a.name, date=a.date))
    return CodedText(events, [a.name for a in articles])
