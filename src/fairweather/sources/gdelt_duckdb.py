"""GDELT 2.0 export files read by DuckDB's parallel CSV reader: the fast path for very large inputs.

:func:`gdelt_csv_table` reads only the columns the say–do aggregations need and
returns them as an Ibis table in the normalized event schema
(:mod:`fairweather.events.schema`), so the aggregations of
:mod:`fairweather.events.pipeline` run on it unchanged. It trusts the files more
than :func:`fairweather.sources.gdelt.read_gdelt` (which checks every row against
the CAMEO lookup): rows DuckDB cannot convert are left out and listed by
:func:`gdelt_csv_rejects` with file, line and field.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import ibis
import ibis.expr.types as ir

from fairweather.codes import all_states
from fairweather.errors import EventFormatError
from fairweather.events.pipeline import connect, support_class_expr
from fairweather.sources.gdelt import _CAMEO_ALIASES, GDELT2_COLUMNS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["gdelt_csv_table", "gdelt_csv_rejects", "normalize_gdelt"]

_GDELT_USED = {  # DuckDB types of the columns used; every other column is read as text
    "SQLDATE": "DATE",  # with dateformat %Y%m%d: an impossible date is a rejected row
    "QuadClass": "TINYINT",
    "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER",
}


def gdelt_csv_table(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    con: ibis.BaseBackend | None = None,
    name: str = "gdelt_raw",
) -> ir.Table:
    """GDELT 2.0 export files (61 columns, plain or ``.gz``) as normalized events, read by DuckDB.

    This is the fast path for very large inputs: DuckDB's parallel CSV reader
    reads only the columns the aggregations need. It trusts the files more
    than :func:`fairweather.sources.gdelt.read_gdelt` does: rows with the
    wrong number of columns or values that do not convert are left out and
    recorded by DuckDB in its ``reject_errors`` table (file, line, column,
    message), which ``con.sql("FROM reject_errors")`` shows; zipped files
    must be unzipped first. Use the importer when every row must be checked
    against the CAMEO lookup. :func:`gdelt_csv_rejects` lists the rejects.
    """
    con = con if con is not None else connect()
    files = [os.fspath(paths)] if isinstance(paths, (str, os.PathLike)) else [os.fspath(p) for p in paths]
    zipped = [f for f in files if f.lower().endswith(".zip")]
    if zipped:
        raise EventFormatError(
            f"{zipped[0]}: DuckDB cannot read inside zip archives; unzip the GDELT files first "
            "(or read them with fairweather.sources.gdelt.read_gdelt, which opens zips)."
        )
    columns = {c: _GDELT_USED.get(c, "VARCHAR") for c in GDELT2_COLUMNS}
    raw = con.read_csv(
        files,
        table_name=name,
        columns=columns,
        delim="\t",
        header=False,
        quote="",
        escape="",
        auto_detect=False,
        ignore_errors=True,
        store_rejects=True,
        dateformat="%Y%m%d",
    )
    return normalize_gdelt(raw)


def gdelt_csv_rejects(con: ibis.BaseBackend) -> pd.DataFrame:
    """Rows DuckDB left out while reading GDELT CSVs, one per line: file, line, field, reason, message.

    Filled when a query over :func:`gdelt_csv_table` has run.
    """
    # DuckDB keeps them in temporary tables; ask DuckDB directly (Ibis 12's
    # con.sql does not work with DuckDB 2.0).
    frame = con.con.sql(
        "SELECT DISTINCT ON (s.file_path, e.line) s.file_path AS file, e.line, e.column_name AS field, "
        "e.error_type AS reason, e.error_message FROM reject_errors e JOIN reject_scans s USING (scan_id) "
        "ORDER BY s.file_path, e.line, e.column_idx"
    ).df()
    return frame


def normalize_gdelt(raw: ir.Table) -> ir.Table:
    """GDELT export columns (names as in GDELT's codebook) to the normalized event schema.

    Backend-agnostic: the ISO3 mapping, the support class and the date are
    Ibis expressions, so a Spark table with GDELT's columns works as well.
    """
    states = sorted(s.iso3 for s in all_states())

    def iso3(col: ir.StringValue) -> ir.StringValue:
        alias = col.cases(*_CAMEO_ALIASES.items(), else_=ibis.null("string"))
        return col.isin(states).ifelse(col, alias)

    code = raw.EventCode.cast("string")
    if raw.SQLDATE.type().is_date():
        date = raw.SQLDATE
    else:
        sqldate = raw.SQLDATE.cast("string")
        date = ibis.date(
            sqldate.substr(0, 4).cast("int32"), sqldate.substr(4, 2).cast("int32"), sqldate.substr(6, 2).cast("int32")
        )
    return raw.select(
        event_id=raw.GLOBALEVENTID.cast("string"),
        date=date,
        source_iso3=iso3(raw.Actor1CountryCode),
        target_iso3=iso3(raw.Actor2CountryCode),
        source_actor=raw.Actor1Code,
        target_actor=raw.Actor2Code,
        code_system=ibis.literal("cameo"),
        event_code=code,
        root_code=code.substr(0, 2),
        quad_class=raw.QuadClass.cast("int8"),
        support_class=support_class_expr(code),
        intensity=raw.GoldsteinScale.cast("float64"),
        mentions=raw.NumMentions.cast("int32"),
        source_file=ibis.literal("gdelt_csv"),
    )
