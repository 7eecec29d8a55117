"""Event aggregations as Ibis expressions: embedded DuckDB by default, Spark unchanged.

Every aggregation here takes an Ibis table in the normalized event schema
(:mod:`fairweather.events.schema`) and returns an Ibis expression; nothing is
computed until the caller executes it, on whatever backend the table lives
on. :func:`connect` opens an embedded DuckDB (with a memory limit and a spill
directory for data larger than memory); :func:`events_table` puts events
(an import result, an Arrow table, a DataFrame or Parquet files) on a
backend. The same expressions run on a PySpark session through
``ibis.pyspark.connect(spark)``; the test suite checks that both backends
give identical numbers.

Directions: an event goes from its source (the doer) to its target (the
recipient). Say–do counts look at events *from* each partner: support
classes toward the attacked state, hostility classes toward its attackers.

Examples
--------
>>> import datetime as dt
>>> import pandas as pd
>>> con = connect()
>>> ev = events_table(pd.DataFrame({
...     "date": [dt.date(2025, 6, 14)] * 3, "source_iso3": ["RUS", "RUS", "CHN"],
...     "target_iso3": ["IRN", "ISR", "IRN"], "support_class": ["verbal_support", "verbal_hostility", "verbal_support"],
...     "intensity": [3.4, -2.0, 3.4]}), con=con)
>>> saydo_counts(ev, target="IRN", attackers=["ISR"], partners=["RUS", "CHN"],
...              start=dt.date(2025, 6, 13), end=dt.date(2025, 6, 24)).to_pandas().sort_values("partner")[
...     ["partner", "events", "verbal_support", "verbal_hostility"]].to_string(index=False)
'partner  events  verbal_support  verbal_hostility\\n    CHN       1               1                 0\\n    RUS       2               1                 1'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import ibis
import ibis.expr.types as ir

from fairweather.errors import EventFormatError
from fairweather.events.schema import EventImport
from fairweather.events.taxonomy import CAMEO_SUPPORT_RULE, SUPPORT_CLASSES

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "MEASURES",
    "connect",
    "events_table",
    "support_class_expr",
    "in_window",
    "saydo_counts",
    "saydo_daily",
    "dyad_month_panel",
    "top_partners",
]

#: The four say–do measures: (name, support class, direction: toward the target or the attackers).
MEASURES: tuple[tuple[str, str, str], ...] = (
    ("verbal_support", "verbal_support", "target"),
    ("material_support", "material_support", "target"),
    ("verbal_hostility", "verbal_hostility", "attackers"),
    ("material_hostility", "material_hostility", "attackers"),
)


def connect(
    *,
    database: str = ":memory:",
    memory_limit: str | None = None,
    temp_directory: str | os.PathLike | None = None,
    threads: int | None = None,
) -> ibis.BaseBackend:
    """An embedded DuckDB connection for event work.

    Parameters
    ----------
    database
        A DuckDB file, or ``":memory:"`` (default).
    memory_limit
        e.g. ``"3GB"``: DuckDB spills to ``temp_directory`` beyond it, which
        is how 100M-row aggregations stay within a few GiB.
    temp_directory
        Where DuckDB spills; created if missing.
    threads
        Worker threads (default: every core).
    """
    config: dict[str, Any] = {}
    if memory_limit:
        config["memory_limit"] = memory_limit
    if temp_directory:
        os.makedirs(temp_directory, exist_ok=True)
        config["temp_directory"] = os.fspath(temp_directory)
    if threads:
        config["threads"] = int(threads)
    return ibis.duckdb.connect(database, **config)


def events_table(
    events: EventImport | pa.Table | pd.DataFrame | str | os.PathLike | Sequence[str | os.PathLike],
    *,
    con: ibis.BaseBackend | None = None,
    name: str = "events",
) -> ir.Table:
    """Put normalized events on a backend and return them as an Ibis table.

    Parameters
    ----------
    events
        An import result, an Arrow table, a DataFrame with (at least the used
        columns of) the event schema, or Parquet file(s) written from one.
    con
        An Ibis backend (default: a new embedded DuckDB).
    name
        Table name on the backend.
    """
    con = con if con is not None else connect()
    if isinstance(events, EventImport):
        events = events.table
    if isinstance(events, (str, os.PathLike)) or (
        isinstance(events, (list, tuple)) and events and isinstance(events[0], (str, os.PathLike))
    ):
        paths = [os.fspath(p) for p in ([events] if isinstance(events, (str, os.PathLike)) else events)]
        odd = [p for p in paths if not p.lower().endswith(".parquet")]
        if odd:
            raise EventFormatError(
                f"{odd[0]}: events_table reads Parquet written from the event table; import publisher files "
                "first with fairweather.sources.eventfiles.read_events (or `fairweather events import`)."
            )
        return con.read_parquet(paths if len(paths) > 1 else paths[0], table_name=name)
    if con.name == "duckdb":
        # Register the Arrow data zero-copy. (Ibis 12's create_table from memory also
        # fails with sqlglot 30: it emits "DROP VIEW IF EXISTS" without a name.)
        import pyarrow as pa

        if not isinstance(events, pa.Table):
            events = pa.Table.from_pandas(events, preserve_index=False)
        con.con.register(name, events)
        return con.table(name)
    return con.create_table(name, events, overwrite=True)


def support_class_expr(code: ir.StringValue) -> ir.StringValue:
    """:data:`fairweather.events.taxonomy.CAMEO_SUPPORT_RULE` as an Ibis expression (any backend).

    The same rows, in the same order, as :func:`fairweather.events.taxonomy.support_class_of`; a code
    no row matches is ``"other"`` here (the Python form raises on it).
    """
    return ibis.cases(*[(code.substr(0, n).isin(sorted(prefixes)), cls) for n, prefixes, cls in CAMEO_SUPPORT_RULE],
                      else_="other")


# --- aggregations ------------------------------------------------------------------------------


def in_window(t: ir.Table, start: dt.date | None, end: dt.date | None) -> ir.Table:
    """Events dated within ``[start, end]`` (either end open when None)."""
    preds = []
    if start is not None:
        preds.append(t.date >= ibis.literal(start, type="date"))
    if end is not None:
        preds.append(t.date <= ibis.literal(end, type="date"))
    return t.filter(*preds) if preds else t


def _measure_columns(t: ir.Table, target: str, attackers: Sequence[str]) -> dict[str, ir.Value]:
    toward = {"target": t.target_iso3 == target, "attackers": t.target_iso3.isin(list(attackers))}
    cols: dict[str, ir.Value] = {"events": t.count()}
    for name, cls, direction in MEASURES:
        hit = (t.support_class == cls) & toward[direction]
        # filtered aggregates (COUNT(*) FILTER (WHERE …) on DuckDB) run about twice as
        # fast as SUM(CASE …) and compile on Spark as well
        cols[name] = t.count(where=hit)
        cols[f"{name}_intensity"] = ibis.coalesce(t.intensity.abs().sum(where=hit), 0.0)
    return cols


def saydo_counts(
    t: ir.Table,
    *,
    target: str,
    attackers: Sequence[str],
    partners: Sequence[str],
    start: dt.date | None,
    end: dt.date | None,
) -> ir.Table:
    """Per partner: all its events in the window, and the four say–do measures.

    Columns: ``partner``, ``events`` (every event the partner is the source
    of, toward anyone: its overall volume), and for each measure in
    :data:`MEASURES` a count and ``<measure>_intensity``, the sum of the
    absolute intensity (Goldstein magnitude or PLOVER score magnitude).
    Partners without any event in the window have no row.
    """
    w = in_window(t, start, end)
    w = w.filter(w.source_iso3.isin(list(partners)))
    return w.group_by(partner=w.source_iso3).aggregate(**_measure_columns(w, target, attackers))


def saydo_daily(
    t: ir.Table,
    *,
    target: str,
    attackers: Sequence[str],
    partners: Sequence[str],
    start: dt.date | None,
    end: dt.date | None,
) -> ir.Table:
    """:func:`saydo_counts` per partner and day (days without events have no row)."""
    w = in_window(t, start, end)
    w = w.filter(w.source_iso3.isin(list(partners)))
    return w.group_by(date=w.date, partner=w.source_iso3).aggregate(**_measure_columns(w, target, attackers))


def dyad_month_panel(
    t: ir.Table,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    states: Sequence[str] | None = None,
) -> ir.Table:
    """Directed dyad-month panel of state-to-state events.

    Columns: ``month`` (first day of the month), ``source_iso3``,
    ``target_iso3``, ``events``, ``net_cooperation`` (sum of the signed
    intensity: positive means more cooperation than conflict), one count per
    support class and one per quad class (``quad_1`` … ``quad_4``). Events
    whose source or target is not a state are left out, and so are
    self-directed events (domestic ones). ``states`` keeps only dyads with
    both ends among them.
    """
    w = in_window(t, start, end)
    w = w.filter(w.source_iso3.notnull(), w.target_iso3.notnull(), w.source_iso3 != w.target_iso3)
    if states:
        w = w.filter(w.source_iso3.isin(list(states)), w.target_iso3.isin(list(states)))
    cols: dict[str, ir.Value] = {"events": w.count(), "net_cooperation": w.intensity.sum()}
    for cls in SUPPORT_CLASSES:
        cols[cls] = w.count(where=w.support_class == cls)
    for q in (1, 2, 3, 4):
        cols[f"quad_{q}"] = w.count(where=w.quad_class == q)
    return w.group_by(
        month=w.date.truncate("M").cast("date"), source_iso3=w.source_iso3, target_iso3=w.target_iso3
    ).aggregate(**cols)


def top_partners(
    t: ir.Table,
    *,
    target: str,
    exclude: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    n: int = 10,
) -> ir.Table:
    """The ``n`` states with most events with ``target`` (either direction) in the window.

    Columns ``partner`` and ``events``, most events first (ties by code).
    """
    w = in_window(t, start, end)
    w = w.filter(w.source_iso3.notnull(), w.target_iso3.notnull())
    other = (w.source_iso3 == target).ifelse(w.target_iso3, w.source_iso3)
    w = w.filter((w.source_iso3 == target) | (w.target_iso3 == target)).mutate(partner=other)
    w = w.filter(~w.partner.isin([target, *exclude]))
    agg = w.group_by("partner").aggregate(events=w.count())
    return agg.order_by([ibis.desc("events"), "partner"]).limit(n)

