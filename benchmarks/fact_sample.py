"""Draw a seeded random sample of curated pack facts to check by hand against their pages (issue 12).

    PYTHONPATH=src .venv/bin/python benchmarks/fact_sample.py [--n 50] [--seed 20261203] [--pack DIR]

A *curated fact* is a row of a fact table (every table with a ``source_id`` but
``sources``) that no dataset build step wrote: rows citing the sources the
build steps write (V-Dem polyarchy, COW NMC spending; see
:mod:`fairweather.sources.build_pack_values`) are left out, every other row is
in the frame, whatever its source's kind. The frame is put in a fixed order
(file, line) and ``random.Random(seed).sample`` draws from it, so the same
seed and pack give the same sample. Each fact is printed with its file and
line, its key fields, value, dates, note or evidence, and the source it cites:
citation (which carries the locator), URL and access date.

The audit of 2026-12-03 (seed 20261203, chosen before the draw) is written up
in ``src/fairweather/pack/data/AUDIT.md`` (with the second
audit, seed 20261204, and the third, seed 20261205).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

#: Columns that say what a row is about, per table, printed before its value.
KEY_COLUMNS = {
    "states": ["iso3", "name", "capital"],
    "state_facts": ["state", "fact"],
    "commitments": ["commitment_id", "name", "signed"],
    "commitment_members": ["commitment_id", "state", "obligations"],
    "bloc_members": ["bloc_id", "state"],
    "ties": ["from_state", "to_state", "kind", "unit", "detail"],
    "crises": ["crisis_id", "name", "target", "attackers", "kind"],
    "responses": ["crisis_id", "supporter", "sided_with_attacker"],
}
#: The column holding a row's value, where a table has one.
VALUE_COLUMN = {"state_facts": "value", "ties": "value", "responses": "level"}
DATE_COLUMNS = ["valid_from", "valid_to", "start_date", "end_date"]
TEXT_COLUMNS = ["note", "evidence", "description"]


@dataclass(frozen=True)
class Fact:
    """One curated pack row: where it stands and its fields as written."""

    table: str
    file: str
    line: int
    fields: dict[str, str]


def built_source_ids() -> set[str]:
    """The ``source_id`` of every dataset a build step writes pack rows from."""
    from fairweather.sources.cow_nmc import NMC
    from fairweather.sources.vdem import VDEM

    return {VDEM.source_id, NMC.source_id}


def _table_files(pack: Path, table: str) -> list[Path]:
    folder = pack / table
    return sorted(folder.glob("*.csv")) if folder.is_dir() else [pack / f"{table}.csv"]


def curated_facts(pack: Path) -> Iterator[Fact]:
    """Every curated fact of the pack, in file and line order."""
    skip = built_source_ids()
    for table in KEY_COLUMNS:
        for path in _table_files(pack, table):
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
            for i, row in enumerate(frame.to_dict("records")):
                if row["source_id"] not in skip:
                    yield Fact(table, str(path.relative_to(pack)), i + 2, row)


def read_sources(pack: Path) -> dict[str, dict[str, str]]:
    """The pack's sources by ``source_id``."""
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in _table_files(pack, "sources")]
    return {r["source_id"]: r for r in pd.concat(frames).to_dict("records")}


def draw(facts: list[Fact], n: int, seed: int) -> list[Fact]:
    """``n`` facts drawn without replacement by ``random.Random(seed)``."""
    return random.Random(seed).sample(facts, min(n, len(facts)))


def describe(number: int, fact: Fact, sources: dict[str, dict[str, str]]) -> str:
    """The lines that print one sampled fact and the source it cites."""
    f = fact.fields
    key = ", ".join(f"{c}={f[c]}" for c in KEY_COLUMNS[fact.table] if f.get(c))
    dates = ", ".join(f"{c}={f[c] or '(open)'}" for c in DATE_COLUMNS if c in f)
    value = f.get(VALUE_COLUMN.get(fact.table, ""), "")
    lines = [f"[{number}] {fact.table} {fact.file}:{fact.line}  {key}",
             f"    value: {value or '(the row itself)'}; {dates}"]
    lines += [f"    {c}: {f[c]}" for c in TEXT_COLUMNS if f.get(c)]
    src = sources.get(f["source_id"], {})
    lines += [f"    source: {f['source_id']} ({src.get('kind', '?')}, accessed {src.get('accessed') or '?'})",
              f"    citation: {src.get('citation', '(missing)')}",
              f"    url: {src.get('url', '(missing)')}"]
    return "\n".join(lines)


def main() -> None:
    from fairweather.pack import embedded_pack_path

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50, help="how many facts to draw (default 50)")
    ap.add_argument("--seed", type=int, default=20261203, help="seed of the draw (default 20261203)")
    ap.add_argument("--pack", type=Path, default=None, help="pack folder (default: the embedded pack)")
    args = ap.parse_args()
    pack = args.pack or embedded_pack_path()
    facts = list(curated_facts(pack))
    sources = read_sources(pack)
    by_table = pd.Series([f.table for f in facts]).value_counts()
    print(f"curated facts: {len(facts)} ({', '.join(f'{t} {k}' for t, k in by_table.items())}); "
          f"seed {args.seed}, n {args.n}\n")
    for i, fact in enumerate(draw(facts, args.n, args.seed), start=1):
        print(describe(i, fact, sources) + "\n")


if __name__ == "__main__":
    main()
