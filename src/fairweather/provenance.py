"""Provenance figures of the pack: sources a reader can follow, evidence that says what, when and where.

Two audits that need no reference file (issue 12 item 2), reported by
``fairweather data agreement`` beside the dataset comparisons:

* :func:`source_pages_agreement` — curated sources (not datasets) whose URL is
  a site's home or section page (:func:`fairweather.pack.source_urls.is_home_or_section_page`),
  with how many pack rows cite each.
* :func:`evidence_agreement` — the share of responses in crises that began on
  or after 2020-01-01 whose evidence line names an act, a date and a specific
  source. The three tests are mechanical, so anyone can rerun them:

  - *a date*: the line names a day and month (``13 September``, ``28-29 March``),
    a month and year (``October 2024``) or an ISO date;
  - *an act*: the line is not reused word for word on another 2020+ row and has
    at least six words (``Condemned the Israeli attack`` on six rows fails);
  - *a specific source*: the row's source is not a general encyclopedia
    (``kind = reference``) and its URL is not a home or section page.
"""

from __future__ import annotations

import re

import pandas as pd

from fairweather.agreement import Agreement
from fairweather.pack.schema import TABLES
from fairweather.pack.source_urls import EXEMPT_KINDS, is_home_or_section_page
from fairweather.split import EVALUATION_START
from fairweather.store import Store

__all__ = ["source_pages_agreement", "evidence_agreement", "names_a_date"]

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_DATE = re.compile(rf"\b\d{{1,2}}(?:\s*[-–]\s*\d{{1,2}})?\s+{_MONTH}\b|\b{_MONTH}\s+\d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
MIN_WORDS = 6


def names_a_date(text: str) -> bool:
    """True if ``text`` names a day and month, a month and year, or an ISO date.

    >>> names_a_date("Vetoed the draft (28 February 2019)"), names_a_date("brokered the 20 Sept ceasefire")
    (True, True)
    >>> names_a_date("Condemned the attack"), names_a_date("May help later")
    (False, False)
    """
    return bool(_DATE.search(text))


def source_pages_agreement(store: Store) -> Agreement:
    """Curated sources (not datasets) whose URL is a home or section page, with how many pack rows cite each."""
    src = store.table("sources")
    curated = src[~src["kind"].isin(EXEMPT_KINDS)]
    bare = curated[[is_home_or_section_page(u) for u in curated["url"]]]
    citing = pd.concat([store.table(t)["source_id"] for t, spec in TABLES.items()
                        if t != "sources" and "source_id" in spec.column_names]).value_counts()
    rows = bare[["source_id", "kind", "url"]].assign(rows_citing=[int(citing.get(i, 0)) for i in bare["source_id"]])
    figures = {"curated sources": float(len(curated)), "home or section pages": float(len(bare)),
               "share specific": 1 - len(bare) / len(curated) if len(curated) else float("nan"),
               "rows citing a home or section page": float(rows["rows_citing"].sum())}
    return Agreement("sources: specific pages", figures, rows.sort_values("rows_citing", ascending=False).reset_index(drop=True),
                     "a curated fact cites the page that states it; datasets may cite their download page")


def evidence_agreement(store: Store, since=EVALUATION_START) -> Agreement:
    """Share of responses in crises from ``since`` on whose evidence names an act, a date and a specific source."""
    r = store.sql(
        "SELECT r.crisis_id, r.supporter, r.evidence, r.source_id, s.kind, s.url FROM responses r "
        "JOIN crises c USING (crisis_id) LEFT JOIN sources s ON s.source_id = r.source_id WHERE c.start_date >= ? "
        "ORDER BY r.crisis_id, r.supporter", [since])
    reused = r["evidence"].map(r["evidence"].value_counts()) > 1
    r["act"] = ~reused & (r["evidence"].str.split().str.len() >= MIN_WORDS)
    r["date"] = r["evidence"].map(names_a_date)
    r["specific_source"] = (r["kind"] != "reference") & ~r["url"].fillna("").map(is_home_or_section_page)
    ok = r["act"] & r["date"] & r["specific_source"]
    n = len(r)
    figures = {"responses": float(n), "share naming an act, a date and a specific source": ok.mean() if n else float("nan"),
               "share naming an act": r["act"].mean() if n else float("nan"),
               "share naming a date": r["date"].mean() if n else float("nan"),
               "share with a specific source": r["specific_source"].mean() if n else float("nan")}
    missing = r[~ok][["crisis_id", "supporter", "act", "date", "specific_source", "evidence"]].reset_index(drop=True)
    return Agreement(f"responses since {since}: evidence", figures, missing,
                     "act = not reused word for word and at least six words; date = day and month, month and year or "
                     "ISO date; specific source = not an encyclopedia and not a home or section page")
