"""The history importers: publishers' formats in, the store's tables out, every bad input named.

Fixtures in ``fixtures/history`` are small files in the publishers' own layouts
(column names and codes as COW, UCDP, ATOP, V-Dem/isard and Voeten publish them),
written by hand for these tests.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from fairweather.errors import ReferenceFormatError, StoreError
from fairweather.sources import atop, cow_contiguity, cow_mid, cow_nmc, cow_system, rivalries, ucdp_esd, un_ideal_points, vdem
from fairweather.sources._reference_io import read_reference, ymd, yearly_spells
from fairweather.sources.history import HISTORY, import_reference, read_history
from fairweather.store import Store

FIX = Path(__file__).parent / "fixtures" / "history"


@pytest.fixture()
def store():
    s = Store.open()
    yield s
    s.close()


def test_every_registered_importer_reads_its_fixture():
    for name, (dataset, reader) in HISTORY.items():
        rows = reader(FIX)
        assert rows.dataset is dataset
        assert rows.rows_read > 0, name
        assert any(len(t) for t in rows.tables.values()), name
        for table in rows.tables.values():
            if "source_id" in table:
                assert set(table["source_id"]) == {dataset.source_id}, name


def test_mid_levels_follow_the_participants_actions():
    rows = cow_mid.read_mids(FIX)
    crises = rows.tables["crises"].set_index("crisis_id")
    # 9001: IRQ used force against IRN; 9002 only displayed force (hostlev 3): not an attack; 9003 is before 1946
    assert list(crises.index) == ["mid-9001-irn"]
    c = crises.loc["mid-9001-irn"]
    assert (c["target"], c["attackers"], c["start_date"]) == ("IRN", "IRQ", dt.date(1980, 3, 1))
    r = rows.tables["responses"].set_index("supporter")
    assert (r.loc["SYR", "level"], pd.isna(r.loc["SYR", "level_max"])) == (5, True)  # joined the target with force
    assert (r.loc["LBY", "level"], r.loc["LBY", "level_max"]) == (4, 5)              # display of force: 4 or 5
    assert (r.loc["JOR", "level"], r.loc["JOR", "sided_with_attacker"]) == (0, 1)    # joined the attacker
    assert "IRN" not in r.index and "IRQ" not in r.index


def test_esd_codes_support_types_and_skips_unknown_starts():
    rows = ucdp_esd.read_esd(FIX)
    crises = rows.tables["crises"]
    assert list(crises["crisis_id"]) == ["esd-777-101-501"]  # the 1975 dyad has no known start
    c = crises.iloc[0]
    assert (c["target"], c["attackers"], c["kind"], c["start_date"]) == ("IRQ", "UCDP:501", "insurgency", dt.date(1990, 1, 1))
    r = rows.tables["responses"].set_index("supporter")
    assert r.loc["RUS", "level"] == 4     # weapons and intelligence in 1990
    assert r.loc["SYR", "level"] == 5     # troops as a secondary warring party in 1991
    assert "USA" not in r.index           # alleged support is left out
    assert "FRA" not in r.index           # 1993 is outside the two-year window


def test_atop_keeps_member_obligations_and_named_adversaries():
    rows = atop.read_atop(FIX)
    mem = rows.tables["commitment_members"].set_index(["commitment_id", "state"])
    assert mem.loc[("atop-9901", "SYR"), "conditions"] == "adversary:IRQ"
    assert mem.loc[("atop-9901", "SYR"), "obligations"] == "defense;consultation"
    assert pd.isna(mem.loc[("atop-9901", "SYR"), "valid_to"])            # exit year 0: still a member
    assert mem.loc[("atop-9901", "RUS"), "valid_to"] == dt.date(1991, 12, 25)
    assert mem.loc[("atop-9902", "USA"), "valid_to"] == dt.date(1960, 12, 31)  # unknown month and day: the year's end
    com = rows.tables["commitments"].set_index("commitment_id")
    assert com.loc["atop-9901", "defense"] == 1 and com.loc["atop-9902", "defense"] == 0
    assert com.loc["atop-9902", "neutrality"] == 1


def test_yearly_values_are_known_only_after_their_year():
    facts = cow_nmc.read_nmc(FIX).tables["state_facts"]
    irn = facts[facts["state"] == "IRN"].sort_values("valid_from")
    assert list(irn["valid_from"]) == [dt.date(1979, 1, 1), dt.date(1980, 1, 1)]
    assert list(irn["valid_to"].isna()) == [False, True]  # the latest year stays valid
    assert "IRQ" not in set(facts["state"])                # a missing CINC is unknown, not 0
    poly = vdem.read_polyarchy(FIX).tables["state_facts"]
    assert list(poly["value"]) == ["0.213"]
    ideal = un_ideal_points.read_ideal_points(FIX).tables["state_facts"]
    assert ideal[ideal["state"] == "IRN"]["valid_from"].min() == dt.date(1980, 1, 1)  # session 34 opened in 1979


def test_ties_run_both_ways():
    riv = rivalries.read_rivalries(FIX).tables["ties"]
    assert set(zip(riv["from_state"], riv["to_state"])) == {("IRN", "IRQ"), ("IRQ", "IRN")}
    assert riv["valid_to"].isna().all()  # still running at the list's end (2020)
    con = cow_contiguity.read_contiguity(FIX).tables["ties"]
    assert len(con) == 6 and set(con["value"]) == {"1"}  # the type-0 spell (contiguity lapsed) is no tie
    rus = con[(con["from_state"] == "RUS") & (con["to_state"] == "IRN")]
    assert list(rus["valid_to"]) == [dt.date(1991, 12, 1)]


def test_states_include_historical_states_with_capitals():
    st = cow_system.read_states(FIX).tables["states"].set_index("iso3")
    assert st.loc["DDR", "capital"] == "East Berlin" and st.loc["DDR", "valid_to"] == dt.date(1990, 10, 2)
    assert pd.isna(st.loc["IRN", "valid_to"])  # COW's 2016 list end is not the state's end
    maj = cow_system.read_majors(FIX).tables["state_facts"]
    assert list(maj["state"]) == ["USA"]


@pytest.mark.parametrize("edit, field, line", [
    (lambda t: t.replace("9001,IRN,630", "9001,IRN,63x"), "ccode", 3),
    (lambda t: t.replace("hostlev,orig", "hostility,orig"), "hostlev", None),
    (lambda t: t.replace("9002,CUB,40,2,8,1985,3,8,1985,0,0,0,-9,0,0,0,1,1,5", "9002,CUB,40,2,8,1985,3,8,1985,0,0,0,-9,0,0,0,1.5,1,5"),
     "hostlev", 8),
])
def test_malformed_input_names_file_line_and_field(tmp_path, edit, field, line):
    for f in FIX.iterdir():
        shutil.copy(f, tmp_path / f.name)
    p = tmp_path / "cow_mid5_midb_participants.csv"
    p.write_text(edit(p.read_text()))
    with pytest.raises(ReferenceFormatError) as err:
        cow_mid.read_mids(tmp_path)
    assert err.value.field == field
    assert err.value.line == line
    assert err.value.file.endswith("cow_mid5_midb_participants.csv")
    assert "cow_mid5_midb_participants.csv" in str(err.value)


def test_missing_file_and_folder_say_what_to_pass(tmp_path):
    with pytest.raises(ReferenceFormatError, match="--reference"):
        read_reference(tmp_path / "nope.csv", {"a": "int"})
    with pytest.raises(ReferenceFormatError, match="not a folder"):
        read_history(tmp_path / "missing")
    with pytest.raises(ReferenceFormatError, match="unknown dataset"):
        read_history(FIX, ["cow_alliance"])


def test_ymd_handles_cow_missing_codes():
    assert ymd(1980, -9, -9) == dt.date(1980, 1, 1)
    assert ymd(1980, -9, -9, end=True) == dt.date(1980, 12, 31)
    assert ymd(1980, 2, 31, end=True) == dt.date(1980, 2, 29)
    assert ymd(-9, 1, 1) is None


def test_yearly_spells_leave_gaps_unknown():
    df = pd.DataFrame({"s": ["A", "A", "A"], "y": [2000, 2001, 2005], "v": [1.0, 2.0, 3.0]})
    out = yearly_spells(df, "s", "y", "v", "cinc", "src")
    assert list(out["valid_to"]) == [dt.date(2001, 12, 31), dt.date(2002, 12, 31), None]


def test_import_adds_rows_and_the_pack_wins_where_it_codes_the_fact(store):
    before = store.counts()
    first_pack_poly = store.sql("SELECT min(valid_from) AS d FROM state_facts WHERE state='IRN' AND fact='regime_polyarchy'")["d"][0]
    summary = import_reference(store, FIX)
    after = store.counts()
    assert after["crises"] == before["crises"] + 2  # one MID crisis, one ESD crisis
    assert after["states"] == before["states"] + 1  # DDR; IRN keeps the pack's spells
    assert summary[("cow-mid-5.0", "responses")] == 3
    # The pack's own regime rows are built from the same V-Dem file and cite the same source; the imported
    # one (IRN 1979, valid 1980) is the row that starts before the pack's first.
    poly = store.sql("SELECT * FROM state_facts WHERE state='IRN' AND fact='regime_polyarchy' AND source_id=? "
                     "AND valid_from < ?", [vdem.VDEM.source_id, first_pack_poly])
    assert list(poly["note"]) == ["value for 1979"]
    assert (pd.to_datetime(poly["valid_to"]) < pd.Timestamp(first_pack_poly)).all()  # cut to end where the pack begins
    assert set(store.imported()["dataset"]) >= {"cow-mid-5.0", "ucdp-esd-18.1", "atop-4.01"}
    assert store.revision == 1



def test_the_import_summary_answers_the_family_calls(store, check_result):
    summary = import_reference(store, FIX)
    check_result(summary, rows=len(summary), title="Imported from the publishers' files")
    assert dict(summary.summary().info)["Rows added"] == f"{sum(summary.values()):,}"
    assert summary.to_frame().set_index(["dataset", "table"])["rows"].to_dict() == dict(summary)


def test_import_is_all_or_nothing(store):
    before = store.counts()
    good = cow_mid.read_mids(FIX)
    bad = rivalries.read_rivalries(FIX)
    bad.tables["ties"].loc[0, "valid_to"] = dt.date(1900, 1, 1)  # ends before it starts: the store's CHECK refuses it
    with pytest.raises(StoreError, match="rolled back"):
        store.import_rows([good, bad])
    assert store.counts() == before
    assert store.revision == 0


def test_arms_shares_cover_the_five_years_before_and_only_once_closed():
    from fairweather.sources import sipri_tiv

    ties = sipri_tiv.read_tiv(FIX).tables["ties"].set_index(["to_state", "valid_from"])
    # 1976 sees 1971-1975 only: the Soviet Union's 300; 1977 sees 1972-1976 (an uncoded supplier still counts in the total)
    assert ties.loc[("RUS", dt.date(1976, 1, 1)), "value"] == "100.0"
    assert ties.loc[("RUS", dt.date(1977, 1, 1)), "value"] == "72.7"
    assert ties.loc[("FRA", dt.date(1977, 1, 1)), "value"] == "18.2"
    assert pd.isna(ties.loc[("FRA", dt.date(1977, 1, 1)), "valid_to"])  # the window after the data's end stays valid
    assert ("FRA", dt.date(1976, 1, 1)) not in ties.index                 # France's 1976 delivery is unknown in 1976


def test_states_backing_armed_groups_become_facts_known_after_the_year():
    facts = ucdp_esd.read_group_support(FIX).tables["state_facts"]
    assert list(zip(facts["state"], facts["fact"], facts["value"])) == [("IRN", "supports_group", "UCDP:501")]
    assert facts["valid_from"].iloc[0] == dt.date(1991, 1, 1)  # support in 1990 is known from 1991


def test_wars_under_way_come_from_ucdp_conflict_years():
    from fairweather.sources import ucdp_acd

    f = ucdp_acd.read_acd(FIX).tables["state_facts"]
    irq = f[(f["state"] == "IRQ") & (f["fact"] == "at_war_with")]
    assert list(irq["value"]) == ["IRN", "IRN"]
    assert irq["valid_from"].min() == dt.date(1980, 9, 22)          # the war begins on the episode's start
    rus = f[(f["state"] == "RUS") & (f["fact"] == "intervening_in")]
    assert list(zip(rus["value"], rus["valid_to"])) == [("SYR", dt.date(1982, 6, 30))]  # troops for Syria's government
    assert "USA" not in set(f["state"])                                # an intrastate conflict gives no fact


def test_esd_evidence_is_the_first_year_of_a_supporters_highest_rank(tmp_path):
    # Russia: weapons (and unknown support) in 1990 (rank 4), weapons again in 1991 (rank 4): 1990's evidence stays.
    # Syria: materiel in 1990 (rank 4), then troops in 1991 (rank 5): the stronger year replaces it.
    esd = pd.read_csv(FIX / "ucdp_esd_triad_year_18_1.csv", dtype=str, keep_default_na=False)
    flags = [c for c in esd.columns if c.startswith("ext_") and len(c) == 5]

    def row(year: int, ext_id: int, name: str, **on: int) -> pd.DataFrame:
        r = esd.iloc[[1]].copy()   # Russia's 1990 row: the same conflict, government and opponent
        r[["year", "ext_id", "ext_name"]] = [str(year), str(ext_id), name]
        r[flags] = [str(on.get(k, 0)) for k in flags]
        return r

    extra = [row(1991, 365, "Government of Russia (Soviet Union)", ext_w=1), row(1990, 652, "Government of Syria", ext_m=1)]
    pd.concat([esd, *extra]).to_csv(tmp_path / "ucdp_esd_triad_year_18_1.csv", index=False)
    r = ucdp_esd.read_esd(tmp_path).tables["responses"].set_index("supporter")
    assert r.loc["RUS", "evidence"] == "UCDP ESD 18.1: weapons, unknown support to the government in 1990."
    assert (r.loc["SYR", "level"], r.loc["SYR", "evidence"]) == (
        5, "UCDP ESD 18.1: troops as a secondary warring party, unknown support to the government in 1991.")
