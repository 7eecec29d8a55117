"""Build the pack's rows whose values a publisher's dataset gives: read from the file, never typed.

Run ``python -m fairweather.sources.build_pack_values --reference ../shared/data``
(or ``fairweather data build-values --reference ../shared/data``). The same files
give the same bytes.

What it writes
--------------
``state_facts/regime.csv``: ``regime_polyarchy`` = V-Dem v16 ``v2x_polyarchy``
(through isard 0.2.0's ``cw_democracy``) for every state of the pack's
``states`` table, from 1990-01-01 (or the state's first day, if later). The rows
are the V-Dem importer's own (:func:`fairweather.sources.vdem.read_polyarchy`):
the value for year Y is known once Y is over, so it is valid from Y+1-01-01 to
Y+1-12-31 and the dataset's last year stays valid; the note says the year
(``value for 1999``). Worked case, Argentina::

    v2x_polyarchy for ARG 1999 = 0.828  ->  ARG,regime_polyarchy,0.828,2000-01-01,2000-12-31,...,value for 1999
    v2x_polyarchy for ARG 2000 = 0.833  ->  ARG,regime_polyarchy,0.833,2001-01-01,2001-12-31,...,value for 2000

Curated rows (another ``source_id``) that start after the last row the dataset
gives a state stay, with a note saying so, and end that row the day before; so
do the curated rows of a state the dataset has no value for.

``state_facts/milex.csv``: ``milex_usd`` = COW NMC 7.0 ``milex`` in billions of
current USD (the file's thousands with the decimal point moved, so the value
times 10^6 is the file's number exactly; :func:`fairweather.sources.cow_nmc.read_nmc_milex`)
for every state of the pack from 1990, dated as the regime rows are. Every row is
the dataset's: the curated SIPRI approximations the pack held before are gone.

What it does not write, and why
-------------------------------
SIPRI's own spending series: its terms allow fair use (less than 10% of a data
set, non-commercial) but not redistribution. COW NMC, whose data are free to use
with citation, takes its recent military expenditure from SIPRI and is what the
pack carries. ``gdp_usd``: no World Bank WDI file is among the
reference data, so the pack carries no GDP (the curated approximations it held
were removed; nothing read them).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from fairweather._atomic import atomic_file
from fairweather.errors import FairweatherError, PackError
from fairweather.pack import embedded_pack_path, read_pack
from fairweather.sources.cow_nmc import NMC, read_nmc_milex
from fairweather.sources.vdem import VDEM, read_polyarchy

__all__ = ["FIRST_DAY", "FACT_COLUMNS", "regime_rows", "milex_rows", "write_fact_rows", "build_pack_values", "main"]

#: The first day the pack's regime facts cover.
FIRST_DAY = dt.date(1990, 1, 1)
FACT_COLUMNS = ["state", "fact", "value", "valid_from", "valid_to", "source_id", "note"]
REGIME_FILE = Path("state_facts") / "regime.csv"
MILEX_FILE = Path("state_facts") / "milex.csv"
CURATED_NOTE = "curated: after the last year of {dataset}"


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _state_spans(pack: Path) -> dict[str, tuple[dt.date, dt.date | None]]:
    """Each state's first and last day (None = still a state) in the pack's ``states`` table."""
    spans: dict[str, tuple[dt.date, dt.date | None]] = {}
    for row in read_pack(pack).tables["states"].rows:
        v = row.values
        start, end = _date(v["valid_from"]), _date(v.get("valid_to", ""))
        if start is None:
            raise PackError(f"{row.file}, row {row.row}, field 'valid_from': a state spell needs its first day")
        if v["iso3"] in spans:
            s0, e0 = spans[v["iso3"]]
            start, end = min(start, s0), None if end is None or e0 is None else max(end, e0)
        spans[v["iso3"]] = (start, end)
    return spans


def _existing_rows(pack: Path) -> pd.DataFrame:
    path = pack / REGIME_FILE
    if not path.is_file():
        return pd.DataFrame(columns=FACT_COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _within_states(facts: pd.DataFrame, spans: dict[str, tuple[dt.date, dt.date | None]]) -> pd.DataFrame:
    """The imported ``facts`` of each pack state, clipped to its spell and to :data:`FIRST_DAY` (strings, ready to write)."""
    out = []
    for state, (start, end) in spans.items():
        rows = facts[facts["state"] == state]
        first = max(FIRST_DAY, start)
        rows = rows[rows["valid_to"].isna() | (rows["valid_to"] >= first)]
        if end is not None:
            rows = rows[rows["valid_from"] <= end]
        rows = rows.assign(valid_from=rows["valid_from"].map(lambda d: max(d, first)))
        if end is not None:
            rows = rows.assign(valid_to=rows["valid_to"].map(lambda d: end if d is None or d > end else d))
        out.append(rows)
    built = pd.concat(out, ignore_index=True) if out else facts.iloc[0:0]
    built = built.assign(valid_from=built["valid_from"].map(str),
                         valid_to=built["valid_to"].map(lambda d: "" if d is None or pd.isna(d) else str(d)))
    return built[FACT_COLUMNS]


def regime_rows(reference: Path | str, pack: Path | str) -> pd.DataFrame:
    """The ``regime_polyarchy`` rows of ``pack`` as V-Dem gives them (strings, ready to write)."""
    pack = Path(pack)
    built = _within_states(read_polyarchy(reference).tables["state_facts"], _state_spans(pack))
    return _keep_later_curated(built, _existing_rows(pack))


def milex_rows(reference: Path | str, pack: Path | str) -> pd.DataFrame:
    """The ``milex_usd`` rows of ``pack`` as COW NMC 7.0 gives them (strings, ready to write; no curated row)."""
    built = _within_states(read_nmc_milex(reference).tables["state_facts"], _state_spans(Path(pack)))
    return built.sort_values(["state", "valid_from"]).reset_index(drop=True)


def _keep_later_curated(built: pd.DataFrame, existing: pd.DataFrame) -> pd.DataFrame:
    """Add the curated rows the dataset does not cover, saying so, and close the row before them.

    Covered means: the state has built rows and the curated row starts no later than the last of them.
    """
    curated = existing[(existing["fact"] == "regime_polyarchy") & (existing["source_id"] != VDEM.source_id)]
    last = built.groupby("state")["valid_from"].max()
    after = [s in last.index and vf > last[s] for s, vf in zip(curated["state"], curated["valid_from"])]
    uncovered = [s not in last.index for s in curated["state"]]
    notes = {True: CURATED_NOTE.format(dataset=f"V-Dem {VDEM.version}"),
             False: f"curated: V-Dem {VDEM.version} has no value for this state"}
    keep = curated.assign(note=[_with_note(n, notes[a]) for n, a in zip(curated["note"], after)])
    keep = keep[pd.Series([a or u for a, u in zip(after, uncovered)], index=keep.index, dtype=bool)]
    built = built.copy()
    for state, first_curated in keep[keep["state"].isin(last.index)].groupby("state")["valid_from"].min().items():
        i = built.index[(built["state"] == state) & (built["valid_from"] == last[state])][0]
        built.loc[i, "valid_to"] = str(dt.date.fromisoformat(first_curated) - dt.timedelta(days=1))
    both = pd.concat([built, keep[FACT_COLUMNS]], ignore_index=True)
    return both.sort_values(["state", "valid_from"]).reset_index(drop=True)


def _with_note(note: str, remark: str) -> str:
    return note if remark in note else f"{note}; {remark}" if note else remark


def write_fact_rows(rows: pd.DataFrame, path: Path) -> Path:
    """Write ``rows`` as a pack CSV: all or nothing (a temporary file renamed over the old one)."""
    with atomic_file(path, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FACT_COLUMNS)
        writer.writerows(rows[FACT_COLUMNS].itertuples(index=False, name=None))
    return path


def _check_source_row(pack: Path, source_id: str) -> None:
    ids = {r.values["source_id"] for r in read_pack(pack).tables["sources"].rows}
    if source_id not in ids:
        raise PackError(f"{pack / 'sources'}: no row for source_id {source_id!r}, which the built rows cite; "
                        f"add it (dataset, version, variable) before building")


def build_pack_values(reference: Path | str, pack: Path | str | None = None) -> list[Path]:
    """Regenerate the built files of ``pack`` (default: the embedded pack) from ``reference``; return them."""
    folder = Path(pack) if pack is not None else embedded_pack_path()
    for dataset in (VDEM, NMC):
        _check_source_row(folder, dataset.source_id)
    regime, milex = regime_rows(reference, folder), milex_rows(reference, folder)  # both read before either is written
    return [write_fact_rows(regime, folder / REGIME_FILE), write_fact_rows(milex, folder / MILEX_FILE)]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fairweather.sources.build_pack_values",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--reference", required=True, type=Path, help="folder of the publishers' files (../shared/data)")
    parser.add_argument("--pack", type=Path, default=None, help="pack folder to write into (default: the embedded pack)")
    args = parser.parse_args(argv)
    try:
        written = build_pack_values(args.reference, args.pack)
    except FairweatherError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({sum(1 for _ in path.open(encoding='utf-8')) - 1} rows)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
