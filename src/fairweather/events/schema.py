"""The normalized event table and the import report every importer returns.

One table for every source (GDELT 1.0/2.0, ICEWS, PLOVER/POLECAT), Arrow and
Parquet friendly:

============== ======== ==========================================================
column         type     meaning
============== ======== ==========================================================
event_id       string   the publisher's id (synthesised as ``file:line`` where none)
date           date32   the day the event is said to have happened
source_iso3    string   ISO3 of the doer; an armed group has the state it fights in (Hezbollah LBN), as the PLOVER gold and the text coder code it; null for IGOs, transnational groups, unknown actors
target_iso3    string   ISO3 of the recipient
source_actor   string   the raw actor code or name as the file writes it
target_actor   string
code_system    string   ``cameo`` or ``plover``
event_code     string   CAMEO code with its leading zero, or PLOVER event type
root_code      string   two-digit CAMEO root, or the PLOVER event type
quad_class     int8     1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
support_class  string   verbal_support, material_support, verbal_hostility, material_hostility, other
intensity      float64  Goldstein value (CAMEO) or PLOVER score
mentions       int32    mentions where the source counts them (GDELT), else null
source_file    string   the file (``archive.zip:member``) the row came from
============== ======== ==========================================================
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import pyarrow as pa

from fairweather.results import Result, Summary

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EVENT_SCHEMA",
    "EVENT_COLUMNS",
    "EventIssue",
    "ImportReport",
    "EventImport",
    "empty_event_table",
]

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("date", pa.date32()),
        ("source_iso3", pa.string()),
        ("target_iso3", pa.string()),
        ("source_actor", pa.string()),
        ("target_actor", pa.string()),
        ("code_system", pa.string()),
        ("event_code", pa.string()),
        ("root_code", pa.string()),
        ("quad_class", pa.int8()),
        ("support_class", pa.string()),
        ("intensity", pa.float64()),
        ("mentions", pa.int32()),
        ("source_file", pa.string()),
    ]
)

EVENT_COLUMNS: tuple[str, ...] = tuple(EVENT_SCHEMA.names)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class EventIssue:
    """One problem in an event file: where, which field, why, and what came in.

    ``severity`` is ``"error"`` when the row was left out of the table (wrong
    column count, bad date, unknown event code) and ``"warning"`` when the row
    was kept with a missing value (an actor code no code list knows).
    """

    file: str
    line: int
    field: str | None
    reason: str
    value: str | None = None
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}"
        if self.field:
            where += f", field {self.field!r}"
        val = f" (got {self.value!r})" if self.value not in (None, "") else ""
        kept = " [row kept]" if self.severity == "warning" else ""
        return f"{where}: {self.reason}{val}{kept}"


@dataclass
class ImportReport(Result):
    """What an import read, kept and left out, with every problem counted.

    Every problem is counted in ``counts`` (by reason); the first
    ``max_issues`` are kept in full in ``issues`` so that a file with a
    million bad lines does not fill memory.
    """

    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    rows_imported: int = 0
    rows_rejected: int = 0
    rows_with_warnings: int = 0
    counts: Counter = field(default_factory=Counter)
    issues: list[EventIssue] = field(default_factory=list)
    max_issues: int = 1000

    def add(self, issue: EventIssue) -> None:
        """Count one issue (and keep it while fewer than ``max_issues`` are kept)."""
        self.counts[issue.reason] += 1
        if len(self.issues) < self.max_issues:
            self.issues.append(issue)

    def merge(self, other: ImportReport) -> ImportReport:
        """Add another report's figures to this one (returns ``self``)."""
        self.files.extend(other.files)
        self.rows_read += other.rows_read
        self.rows_imported += other.rows_imported
        self.rows_rejected += other.rows_rejected
        self.rows_with_warnings += other.rows_with_warnings
        self.counts.update(other.counts)
        room = self.max_issues - len(self.issues)
        self.issues.extend(other.issues[: max(room, 0)])
        return self

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return self.rows_rejected == 0

    def _lines(self) -> list[str]:
        """A few lines for people: rows read, imported, rejected and why (``str(report)``)."""
        lines = [
            f"{len(self.files)} file(s): {self.rows_read:,} rows read, {self.rows_imported:,} imported, "
            f"{self.rows_rejected:,} rejected, {self.rows_with_warnings:,} kept with warnings."
        ]
        for reason, n in self.counts.most_common():
            lines.append(f"  {reason}: {n:,}")
        for issue in self.issues[:10]:
            lines.append(f"  - {issue}")
        if sum(self.counts.values()) > 10:
            lines.append(f"  ... {sum(self.counts.values()) - 10:,} more issue(s); see report.to_frame()")
        return lines

    def summary(self) -> Summary:
        """The figures, the problems counted by reason, and the first ten problems in full (as notes)."""
        info = [("Files", str(len(self.files))), ("Rows read", f"{self.rows_read:,}"),
                ("Imported", f"{self.rows_imported:,}"), ("Rejected", f"{self.rows_rejected:,}"),
                ("Kept with warnings", f"{self.rows_with_warnings:,}")]
        import pandas as pd

        reasons = pd.DataFrame(self.counts.most_common(), columns=["reason", "count"])
        issues = [line for line in self._lines() if line.startswith(("  - ", "  ... "))]  # the first ten, in full
        return Summary("Event import", info, tables=[("Problems by reason", reasons)], notes=issues)

    def to_frame(self) -> pd.DataFrame:
        """The kept issues as a DataFrame (file, line, field, reason, value, severity)."""
        import pandas as pd

        cols = ["file", "line", "field", "reason", "value", "severity"]
        return pd.DataFrame([[getattr(i, c) for c in cols] for i in self.issues], columns=cols)

    def __str__(self) -> str:
        return "\n".join(self._lines())


@dataclass
class EventImport(Result):
    """Result of an import: the normalized event table and its report."""

    table: pa.Table
    report: ImportReport

    def to_frame(self) -> pd.DataFrame:
        """The events as a pandas DataFrame (``date`` as datetime64)."""
        import pandas as pd

        frame = self.table.to_pandas()
        frame["date"] = pd.to_datetime(frame["date"])
        return frame

    def summary(self) -> Summary:
        """The import's figures, and the events counted by support class."""
        import pandas as pd

        rep = self.report.summary()
        counts = self.table.group_by("support_class").aggregate([("event_id", "count")]).to_pandas()
        by_class = (counts.rename(columns={"event_id_count": "events"}).sort_values("support_class")
                    .reset_index(drop=True) if len(counts) else pd.DataFrame(columns=["support_class", "events"]))
        return Summary("Imported events", rep.info, tables=[("Events by support class", by_class), *rep.tables],
                       notes=rep.notes)

    def write_parquet(self, path: str) -> None:
        """Write the events to one Parquet file, all or nothing (a temporary file renamed in; also under SIGTERM)."""
        import pyarrow.parquet as pq

        from fairweather._atomic import atomic_file

        with atomic_file(path, "wb") as fh:
            pq.write_table(self.table, fh)

    def __len__(self) -> int:
        return self.table.num_rows


def empty_event_table() -> pa.Table:
    """A table with the event schema and no rows."""
    return EVENT_SCHEMA.empty_table()
