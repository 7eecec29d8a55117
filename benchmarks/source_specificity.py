"""How many curated pack rows cite a specific page rather than a site's home or section page (issue 12 item 2).

    PYTHONPATH=src .venv/bin/python benchmarks/source_specificity.py [--list N]

Prints the figures of :func:`fairweather.provenance.source_pages_agreement` (curated sources whose URL is a
home or section page, and the rows citing them), then the share of pack rows citing a curated source (not a
dataset) whose page is specific, overall and by table, and with ``--list N`` the N most cited bare sources.
The test is :func:`fairweather.pack.source_urls.is_home_or_section_page`, a heuristic on the address alone.
"""

from __future__ import annotations

import argparse

import pandas as pd


def citing_rows(store) -> pd.DataFrame:
    """One row per pack row that cites a source: its table and ``source_id``."""
    from fairweather.pack.schema import TABLES

    parts = [store.table(t)[["source_id"]].assign(table=t) for t, spec in TABLES.items()
             if t != "sources" and "source_id" in spec.column_names]
    return pd.concat(parts, ignore_index=True)


def specificity_by_table(store) -> pd.DataFrame:
    """Per table: rows citing a curated source, how many of them cite a home or section page, the share specific."""
    from fairweather.pack.source_urls import EXEMPT_KINDS, is_home_or_section_page

    src = store.table("sources")
    curated = src[~src["kind"].isin(EXEMPT_KINDS)]
    bare = {i for i, u in zip(curated["source_id"], curated["url"]) if is_home_or_section_page(u)}
    rows = citing_rows(store)
    rows = rows[rows["source_id"].isin(set(curated["source_id"]))].assign(bare=lambda r: r["source_id"].isin(bare))
    out = rows.groupby("table")["bare"].agg(rows="size", bare="sum")
    out.loc["all"] = out.sum()
    out["share specific"] = 1 - out["bare"] / out["rows"]
    return out


def main() -> None:
    from fairweather.provenance import source_pages_agreement
    from fairweather.store import Store

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", type=int, default=0, help="also list the N most cited home or section pages")
    args = ap.parse_args()
    store = Store.open()
    res = source_pages_agreement(store)
    for name, value in res.figures.items():
        print(f"{name}: {value:.3f}" if name.startswith("share") else f"{name}: {value:.0f}")
    print(specificity_by_table(store).round(3).to_string())
    if args.list:
        print(res.disagreements.head(args.list).to_string())


if __name__ == "__main__":
    main()
