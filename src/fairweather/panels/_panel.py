"""The panel: an Arrow table with its unit, code system, direction and the datasets it used, stated explicitly.

WHY explicit: peacesciencer keeps the unit in hidden R attributes that every
function must save and re-attach; a frozen :class:`Panel` that every verb takes
and returns cannot lose them. The table is Arrow, not pandas, because DuckDB
reads and writes Arrow without copying: a two-million-row dyad-year panel goes
through a chain of joins without a conversion per verb.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa

from fairweather._atomic import atomic_file
from fairweather.errors import MissingReferenceError, PanelError, PanelUnitError
from fairweather.panels._catalog import SOURCES, bibtex
from fairweather.results import Result, Summary

__all__ = ["Panel", "Unit", "System", "declare_panel", "cite", "keys_of", "resolve_reference", "REFERENCE_ENV"]

Unit = Literal["state_year", "dyad_year"]
System = Literal["cow", "gw"]
UNITS: tuple[str, ...] = ("state_year", "dyad_year")
SYSTEMS: tuple[str, ...] = ("cow", "gw")

#: The environment variable that names the folder of the publishers' files (as ``fairweather data import`` reads it).
REFERENCE_ENV = "FAIRWEATHER_REFERENCE"


def keys_of(unit: str, system: str) -> tuple[str, ...]:
    """The key columns of a unit in a system: ``("ccode", "year")``, ``("gwcode1", "gwcode2", "year")``, …"""
    code = "ccode" if system == "cow" else "gwcode"
    return (code, "year") if unit == "state_year" else (f"{code}1", f"{code}2", "year")


@dataclass(frozen=True)
class Panel(Result):
    """A state-year or dyad-year panel and what it is made of.

    Attributes
    ----------
    table
        The rows (Arrow); :meth:`to_frame` gives pandas.
    unit
        ``"state_year"`` or ``"dyad_year"``.
    system
        ``"cow"`` (Correlates of War codes, ``ccode``) or ``"gw"`` (Gleditsch-Ward, ``gwcode``).
    directed
        Dyad-years only: True when both (A, B) and (B, A) appear, False when only ``code1 < code2``.
    sources
        Keys of the datasets used, in the order they were added (:func:`cite` turns them into BibTeX).
    reference
        The folder of the publishers' files the verbs read (None: ``$FAIRWEATHER_REFERENCE``).
    """

    table: pa.Table
    unit: Unit
    system: System
    directed: bool | None = None
    sources: tuple[str, ...] = ()
    reference: Path | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise PanelUnitError(f"unit must be one of {', '.join(UNITS)}; got {self.unit!r}.")
        if self.system not in SYSTEMS:
            raise PanelUnitError(f"system must be 'cow' or 'gw'; got {self.system!r}.")
        missing = [k for k in self.keys if k not in self.table.column_names]
        if missing:
            raise PanelError(f"a {self.unit} panel in the {self.system} system needs the column(s) {', '.join(missing)}; "
                             f"the table has {', '.join(self.table.column_names[:10])}.")
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise PanelError(f"unknown source(s) {', '.join(unknown)}; known: {', '.join(SOURCES)}.")

    @property
    def keys(self) -> tuple[str, ...]:
        return keys_of(self.unit, self.system)

    @property
    def columns(self) -> list[str]:
        return list(self.table.column_names)

    def __len__(self) -> int:
        return self.table.num_rows

    def __repr__(self) -> str:
        d = "" if self.unit == "state_year" else (", directed" if self.directed else ", non-directed")
        return (f"Panel({self.unit}, {self.system}{d}: {self.table.num_rows:,} rows x {self.table.num_columns} columns; "
                f"sources {', '.join(self.sources) or '-'})")

    def pipe(self, func: Callable[..., Panel], *args: Any, **kwargs: Any) -> Panel:
        """``func(self, *args, **kwargs)``: chain verbs as ``panel.pipe(add_nmc).pipe(add_democracy)``."""
        return func(self, *args, **kwargs)

    def with_table(self, table: pa.Table, source: str | None = None) -> Panel:
        """The same panel with another table and, if given, one more source."""
        sources = self.sources if source is None or source in self.sources else (*self.sources, source)
        return replace(self, table=table, sources=sources)

    def to_frame(self) -> pd.DataFrame:
        """The rows as pandas, missing values as ``pd.NA`` (nullable integer and float columns)."""
        return self.table.to_pandas(types_mapper=_nullable)

    def summary(self) -> Summary:
        """The unit, system, years and sources, and per column its type and how many values are missing."""
        import pyarrow.compute as pc

        t = self.table
        years = t.column("year") if "year" in t.column_names else None
        span = f"{pc.min(years).as_py()}-{pc.max(years).as_py()}" if years is not None and len(t) else "none"
        info = [("Unit", self.unit), ("System", self.system), ("Rows", f"{t.num_rows:,}"), ("Years", span),
                ("Directed", "" if self.directed is None else str(self.directed)),
                ("Sources", ", ".join(self.sources) or "-")]
        columns = pd.DataFrame({"column": t.column_names, "type": [str(f.type) for f in t.schema],
                                "missing": [t.column(c).null_count for c in t.column_names]})
        return Summary(f"{self.unit.replace('_', '-')} panel", info, tables=[("Columns", columns)])

    def to_parquet(self, path: Path | str) -> Path:
        """Write Parquet (zstd) all or nothing; returns the path."""
        import pyarrow.parquet as pq

        path = Path(path)
        with atomic_file(path, "wb") as fh:
            pq.write_table(self.table, fh, compression="zstd")
        return path

    def to_csv(self, path: Path | str) -> Path:
        """Write CSV (header row, missing = empty) all or nothing; returns the path."""
        import pyarrow.csv as pc

        path = Path(path)
        with atomic_file(path, "wb") as fh:
            pc.write_csv(self.table, fh, pc.WriteOptions(quoting_style="needed"))
        return path


_NULLABLE = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(), pa.int32(): pd.Int32Dtype(),
             pa.int64(): pd.Int64Dtype(), pa.float32(): pd.Float32Dtype(), pa.float64(): pd.Float64Dtype(),
             pa.bool_(): pd.BooleanDtype()}


def _nullable(t: pa.DataType) -> Any:
    return _NULLABLE.get(t)


def declare_panel(frame: pd.DataFrame | pa.Table, unit: Unit, system: System = "cow", directed: bool | None = None,
                  reference: Path | str | None = None) -> Panel:
    """Let outside data in: a frame with the unit's key columns becomes a :class:`Panel` (peacesciencer's ``declare_attributes``).

    Raises
    ------
    PanelError
        A key column is missing, or a key appears twice (a verb would then multiply rows).
    """
    table = frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)
    panel = Panel(table, unit, system, directed if unit == "dyad_year" else None, (),
                  Path(reference) if reference is not None else None)
    keys = list(panel.keys)
    dup = frame_duplicates(table, keys)
    if dup:
        raise PanelError(f"the keys {', '.join(keys)} must be unique; {dup} appears more than once.")
    return panel


def frame_duplicates(table: pa.Table, keys: list[str]) -> str | None:
    """The first duplicated key (as text), or None."""
    grouped = table.group_by(keys).aggregate([([], "count_all")])
    counts = grouped.column("count_all").to_numpy()
    many = (counts > 1).nonzero()[0]
    if not len(many):
        return None
    row = grouped.slice(int(many[0]), 1).to_pylist()[0]
    return ", ".join(f"{k}={row[k]}" for k in keys)


def cite(panel: Panel | str) -> str:
    """BibTeX for every dataset a panel used (or for one dataset key such as ``"atop"``).

    >>> print(cite("atop").splitlines()[0])
    @article{leeds2002atop,
    """
    if isinstance(panel, str):
        if panel not in SOURCES:
            raise PanelError(f"unknown dataset {panel!r}; known: {', '.join(SOURCES)}.")
        return bibtex([panel])
    return bibtex(list(panel.sources))


def resolve_reference(reference: Path | str | None, panel: Panel | None = None) -> Path:
    """The folder of the publishers' files: the argument, else the panel's, else ``$FAIRWEATHER_REFERENCE``."""
    if reference is None and panel is not None:
        reference = panel.reference
    if reference is None:
        reference = os.environ.get(REFERENCE_ENV) or None
    if reference is None:
        raise MissingReferenceError(f"no folder of the publishers' files was given; pass reference=DIR (or --reference "
                                    f"DIR) or set {REFERENCE_ENV}=DIR, e.g. {REFERENCE_ENV}=../shared/data.")
    path = Path(reference)
    if not path.is_dir():
        raise MissingReferenceError(f"the reference folder {str(path)!r} does not exist; give the folder that holds "
                                    f"the publishers' files (e.g. ../shared/data).", path)
    return path
