"""The rules behind the reference comparisons (ATOP dyad-years, exact V-Dem values), on a self-made pack."""

from __future__ import annotations

import pandas as pd
import pytest

from fairweather.agreement import arms_share_agreement, defence_agreement, defence_dyad_years, regime_agreement
from fairweather.provenance import evidence_agreement, source_pages_agreement
from fairweather.pack.source_urls import is_home_or_section_page
from fairweather.store import Store


def test_defence_dyad_years_follow_spells(small_pack) -> None:
    with (small_pack / "commitment_members.csv").open("a") as fh:
        fh.write("chn-prk-1961,RUS,consultation,,2000-06-01,2001-03-01,s-treaty,\n")
    store = Store.open(small_pack)
    dy = defence_dyad_years(store, range(1999, 2003))
    got = set(map(tuple, dy.itertuples(index=False, name=None)))
    # CHN and PRK defend each other every year; RUS gives only consultation but
    # CHN and PRK give defence to every member, so RUS's dyads count in 2000-2001.
    assert {("CHN", "PRK", y) for y in range(1999, 2003)} <= got
    assert ("CHN", "RUS", 2000) in got and ("CHN", "RUS", 2001) in got and ("CHN", "RUS", 2002) not in got
    assert not any(d[2] < 1999 or d[2] > 2002 for d in got)


def test_recall_and_precision_arithmetic(small_pack) -> None:
    store = Store.open(small_pack)
    atop = pd.DataFrame({"state_a": ["CHN", "CHN", "RUS"], "state_b": ["PRK", "PRK", "IRN"], "year": [2000, 2001, 2000],
                         "defense": [1, 1, 1]})
    res = defence_agreement(store, atop, range(2000, 2003))
    # pack: CHN-PRK 2000..2002 (3); reference: CHN-PRK 2000, 2001 and RUS-IRN 2000 (3)
    assert res.figures["recall"] == 2 / 3 and res.figures["precision"] == 2 / 3
    assert set(res.disagreements["where"]) == {"reference only", "pack only"}


def test_regime_agreement_is_exact_and_lists_each_disagreement_with_its_row(small_pack) -> None:
    # pack: RUS 0.25 valid 2015-01-01..2019-12-31, 0.20 from 2020-01-01. V-Dem's year Y meets the pack as of Y+1-07-01.
    store = Store.open(small_pack)
    vdem = pd.DataFrame({"iso3": ["RUS"] * 4 + ["IRN"], "year": [2015, 2016, 2019, 2020, 2016],
                         "v2x_polyarchy": [0.250, 0.251, 0.200, 0.200, 0.190]})
    res = regime_agreement(store, vdem, range(2014, 2022))
    # 2015 -> 0.25 exact; 2016 -> 0.25 vs 0.251 (one unit of the third decimal: not equal);
    # 2019 -> 0.20 (the 2020 row) exact; 2020 -> 0.20 exact; IRN has no pack value: not compared.
    assert res.figures["state_years"] == 4 and res.figures["exact"] == 3 and res.figures["share_exact"] == 0.75
    assert res.figures["max_abs_difference"] == 0.001
    row = res.disagreements.iloc[0]
    assert (row["iso3"], row["reference_year"], row["pack"], str(row["valid_from"])) == ("RUS", 2016, "0.25", "2015-01-01")
    assert len(res.disagreements) == 1


def test_arms_share_agreement_is_exact_at_the_packs_decimal(small_pack) -> None:
    # IRN's imports 2015-2019 (the window of a share valid from 2020-01-01): RUS 61.5 + CHN 38.5 of 100 TIV;
    # RUS 2010-2014: 2 of 3 (66.666...%).
    with open(small_pack / "ties.csv", "a", encoding="utf-8") as f:
        f.write("IRN,RUS,arms_import_share,61.5,%,,2020-01-01,2024-12-31,s-data,\n"   # the register's share exactly
                "IRN,CHN,arms_import_share,38.6,%,,2020-01-01,2024-12-31,s-data,\n"   # one unit of the decimal off
                "IRN,RUS,arms_import_share,66.7,%,,2015-01-01,2019-12-31,s-data,\n")  # 66.666... rounded: exact
    register = pd.DataFrame({"recipient": ["IRN", "IRN", "IRN", "IRN"], "supplier": ["RUS", "CHN", "RUS", "CHN"],
                             "year": [2016, 2018, 2012, 2013], "tiv": [61.5, 38.5, 2.0, 1.0]})
    res = arms_share_agreement(Store.open(small_pack), register)
    assert res.figures["compared"] == 3 and res.figures["exact"] == 2
    assert res.figures["share_exact"] == pytest.approx(2 / 3)
    row = res.disagreements.iloc[0]
    assert (row["from_state"], row["to_state"], row["pack"], row["reference"]) == ("IRN", "CHN", 38.6, pytest.approx(38.5))
    assert len(res.disagreements) == 1


@pytest.mark.parametrize("url, bare", [
    ("http://www.kremlin.ru/", True),
    ("https://www.reuters.com/world/", True),
    ("https://www.reuters.com/world/middle-east/", True),
    ("https://www.fmprc.gov.cn/mfa_eng/", True),
    ("https://www.whitehouse.gov/presidential-actions/", True),
    ("https://au.int/en/treaties", True),
    ("https://example.org/index.html", True),
    ("https://press.un.org/en/2025/sc16163.doc.htm", False),
    ("https://en.wikipedia.org/wiki/Gulf_War", False),
    ("https://www.armscontrol.org/factsheets/nucleartesttally", False),
    ("https://www.timesofisrael.com/egypt-others-bash-israel-over-reported-syrian-strikes/", False),
    ("https://www.example.org/view?id=12", False),
])
def test_home_and_section_pages_are_told_from_specific_pages(url, bare) -> None:
    assert is_home_or_section_page(url) is bare


def test_source_pages_agreement_lists_bare_curated_sources_with_the_rows_citing_them(small_pack) -> None:
    with (small_pack / "sources.csv").open("a") as fh:
        fh.write('s-home,"Ministry, home page",https://www.mfa.gov.az/,treaty,2000-01-01,2026-12-02\n')
        fh.write('s-page,"Ministry, treaty page",https://www.mfa.gov.az/en/news/treaty-1994-text,treaty,2000-01-01,2026-12-02\n')
        fh.write('s-portal,"Dataset portal",https://comtradeplus.un.org/,dataset,2000-01-01,2026-12-02\n')
    for table in ("state_facts", "ties"):
        rows = (small_pack / f"{table}.csv").read_text().splitlines()
        # point the first data row of each table at the home page
        head, first = rows[0].split(","), rows[1].split(",")
        first[head.index("source_id")] = "s-home"
        (small_pack / f"{table}.csv").write_text("\n".join([rows[0], ",".join(first), *rows[2:]]) + "\n")
    res = source_pages_agreement(Store.open(small_pack))
    listed = res.disagreements.set_index("source_id")
    assert "s-home" in listed.index and "s-page" not in listed.index and "s-portal" not in listed.index
    assert listed.loc["s-home", "rows_citing"] == 2
    assert res.figures["rows citing a home or section page"] >= 2


def test_evidence_agreement_counts_an_act_a_date_and_a_specific_source(small_pack) -> None:
    # the fixture's irn-2025 (2025-06-13) is an evaluation crisis; its rows get known evidence and sources
    with (small_pack / "sources.csv").open("a") as fh:
        fh.write('s-wiki,"Encyclopedia article",https://en.wikipedia.org/wiki/Some_War,reference,2025-01-01,2026-12-02\n')
        fh.write('s-news,"Wire report",https://example.org/news/2025/06/22/ceasefire-draft,news,2025-06-22,2026-12-02\n')
    lines = (small_pack / "responses.csv").read_text().splitlines()
    rows = [lines[0],
            'irn-2025,RUS,2,0,"Co-authored the UNSC ceasefire draft of 22 June 2025 with China and Pakistan",s-news',
            'irn-2025,CHN,1,0,"Condemned the strikes",s-news',
            'irn-2025,PRK,1,0,"Condemned the strikes",s-news']
    (small_pack / "responses.csv").write_text("\n".join(rows) + "\n")
    res = evidence_agreement(Store.open(small_pack))
    assert res.figures["responses"] == 3
    assert res.figures["share naming an act, a date and a specific source"] == 1 / 3  # CHN and PRK share a line, no date
    assert set(res.disagreements["supporter"]) == {"CHN", "PRK"}
    # the same good line resting on an encyclopedia article fails the source test
    (small_pack / "responses.csv").write_text("\n".join([rows[0], rows[1].replace("s-news", "s-wiki")]) + "\n")
    assert evidence_agreement(Store.open(small_pack)).figures["share with a specific source"] == 0
