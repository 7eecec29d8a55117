"""The history layer: the rows the store imports from the publishers' files, derived once and shipped.

``fairweather data build-history --reference DIR`` reads the publishers' files
(:data:`fairweather.sources.history.HISTORY`), imports them into a store of the
embedded pack (the pack wins where it codes a fact itself, see
:mod:`fairweather.store_import`) and writes the rows that were added, one CSV
per table, sorted, into ``pack/history/`` of the package: only the rows and
variables the forecast needs (crises, responses, obligations, capability,
regime, UN ideal points, rivalry, contiguity, major powers, states), never whole
files. The same inputs give the same bytes. ``Store.open(history=True)`` loads
the layer on top of the pack, so forecasts use the model fitted on history
without the publishers' files at hand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd

from fairweather.pack.schema import TABLE_ORDER, TABLES

__all__ = ["HISTORY_TABLES", "history_layer_path", "history_layer_hash", "read_history_layer", "write_history_layer"]

HISTORY_TABLES: tuple[str, ...] = tuple(t for t in TABLE_ORDER if t != "bloc_members")
#: Row order of the written files (a reader scans a state's series in time order).
_ORDER: dict[str, tuple[str, ...]] = {"state_facts": ("state", "fact", "valid_from"),
                                      "ties": ("from_state", "to_state", "kind", "valid_from"),
                                      "crises": ("start_date", "crisis_id"), "responses": ("crisis_id", "supporter")}


def history_layer_path() -> Path:
    """The folder of the shipped history layer inside the installed package."""
    return Path(str(resources.files("fairweather") / "pack" / "history"))


def history_layer_hash(folder: Path | str | None = None) -> str | None:
    """SHA-256 over the layer's CSV files (names and bytes), or None when there is no layer."""
    folder = Path(folder) if folder is not None else history_layer_path()
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        return None
    h = hashlib.sha256()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def _format(v: Any, typ: str) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if typ == "date":
        if isinstance(v, str):
            return dt.date.fromisoformat(v[:10]).isoformat()
        return (v.date() if isinstance(v, pd.Timestamp) else v).isoformat()
    if typ == "bool":
        return "1" if bool(int(v)) else "0"
    if typ in ("int", "level"):
        return str(int(v))
    if typ == "float":
        return repr(float(v))
    return str(v)


def write_history_layer(added: dict[str, list[pd.DataFrame]], out: Path | str) -> list[Path]:
    """Write the added rows, one sorted CSV per table; all files are replaced together (temp, then rename).

    SIGTERM during the write removes the temporary files (:func:`fairweather._atomic.signals_raise`), and the
    renames run with it held back, so the layer is the old one or the whole new one.
    """
    from fairweather._atomic import signals_raise

    with signals_raise():
        return _write_history_layer(added, out)


def _write_history_layer(added: dict[str, list[pd.DataFrame]], out: Path | str) -> list[Path]:
    from fairweather._atomic import signals_held

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    tmp_files = []
    try:
        for table in HISTORY_TABLES:
            frames = added.get(table, [])
            spec = TABLES[table]
            df = pd.concat(frames, ignore_index=True).reindex(columns=spec.column_names) if frames else \
                pd.DataFrame(columns=spec.column_names)
            text = pd.DataFrame({c.name: [_format(v, c.type) for v in df[c.name]] for c in spec.columns},
                                columns=spec.column_names)
            order = [c for c in _ORDER.get(table, spec.key)]
            text = text.sort_values(order + [c for c in spec.column_names if c not in order], kind="stable")
            tmp = out / f".{table}.csv.tmp"
            text.to_csv(tmp, index=False, lineterminator="\n")
            tmp_files.append((tmp, out / f"{table}.csv"))
        readme = out / ".README.md.tmp"
        readme.write_text(_readme(added), encoding="utf-8")
        tmp_files.append((readme, out / "README.md"))
        with signals_held():
            for tmp, final in tmp_files:
                tmp.replace(final)
                if final.suffix == ".csv":
                    written.append(final)
    finally:
        for tmp, _ in tmp_files:
            tmp.unlink(missing_ok=True)
    return written


def _readme(added: dict[str, list[pd.DataFrame]]) -> str:
    from fairweather.sources.history import history_datasets

    counts: dict[tuple[str, str], int] = {}
    for table, frames in added.items():
        for f in frames:
            if "source_id" in f:
                for src, n in f["source_id"].value_counts().items():
                    counts[(str(src), table)] = counts.get((str(src), table), 0) + int(n)
    lines = ["# The history layer", "",
             "Generated by `fairweather data build-history --reference DIR` from the publishers' files; do not edit by hand",
             "(the same files give the same bytes, and a reference test checks it). Each row cites its dataset in",
             "`source_id`; only the rows and variables the forecast reads are here, never whole files. Where the curated",
             "pack codes a fact itself, the pack's row wins from its first date on (see `fairweather.store_import`).", "",
             "| dataset (source_id) | version | terms of use | rows |", "|---|---|---|---|"]
    for ds in history_datasets():
        rows = ", ".join(f"{t} {n}" for (src, t), n in sorted(counts.items()) if src == ds.source_id) or "-"
        lines.append(f"| {ds.citation} (`{ds.source_id}`) | {ds.version} | {ds.licence} | {rows} |")
    lines += ["", "Correlates of War *alliance* data are not used (their maintainer asked software not to); ATOP covers",
              "alliances. SIPRI values are trend-indicator values (volume of military capability), not money.", ""]
    return "\n".join(lines)


def read_history_layer(folder: Path | str | None = None) -> Any:
    """The shipped layer as one batch of :class:`~fairweather.sources._reference_io.ImportedRows`."""
    from fairweather.sources._reference_io import Dataset, ImportedRows

    folder = Path(folder) if folder is not None else history_layer_path()
    tables: dict[str, pd.DataFrame] = {}
    for table in HISTORY_TABLES:
        f = folder / f"{table}.csv"
        if not f.is_file():
            continue
        df = pd.read_csv(f, dtype=str, keep_default_na=False, na_values=[""])
        spec = TABLES[table]
        for c in spec.columns:
            if c.name not in df:
                df[c.name] = None
            elif c.type == "date":
                df[c.name] = [dt.date.fromisoformat(v) if isinstance(v, str) else None for v in df[c.name]]
        tables[table] = df
    layer = Dataset("history-layer", "history_layer", history_layer_hash(folder) or "", "Rows derived from the publishers' "
                    "files by `fairweather data build-history`.", "", "see pack/history/README.md", ())
    return ImportedRows(layer, tables, rows_read=sum(len(t) for t in tables.values()))
