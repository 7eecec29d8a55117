"""The store: typed tables with constraints, and as-of queries that never look ahead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairweather.errors import CoverageError, DateError, UnknownStateError
from fairweather.store import Store


@pytest.fixture
def store(small_pack: Path) -> Store:
    return Store.open(small_pack)


def test_counts_and_types(store: Store) -> None:
    assert store.counts()["responses"] == 3
    types = dict(store.con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name='responses'").fetchall())
    assert types["level"] == "TINYINT" and types["sided_with_attacker"] == "BOOLEAN"
    assert dict(store.con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name='crises'").fetchall())["start_date"] == "DATE"


def test_constraints_are_enforced_by_duckdb(store: Store) -> None:
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute("INSERT INTO responses (crisis_id, supporter, level, sided_with_attacker, evidence, source_id) "
                          "VALUES ('irn-2025', 'USA', 9, false, 'x', 's-data')")
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute("INSERT INTO ties VALUES ('IRN','ZZZ','trade_share','1','%',NULL,DATE '2020-01-01',NULL,'s-data',NULL)")
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute("INSERT INTO state_facts VALUES ('IRN','population','80',DATE '2020-01-01',DATE '2019-01-01','s-data',NULL)")
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute("INSERT INTO state_facts VALUES ('IRN','population','80',DATE '2020-01-01',NULL,'no-source',NULL)")


def test_treaty_starts_counting_from_entry_into_force(store: Store) -> None:
    before = store.obligations("RUS", "IRN", "2025-06-13")
    after = store.obligations("RUS", "IRN", "2025-10-02")
    assert not before.any and before.commitment_ids == ()
    assert after.partnership and after.neutrality and not after.defense
    assert after.commitment_ids == ("rus-irn-2025",)


def test_defence_treaty_both_ways(store: Store) -> None:
    assert store.obligations("CHN", "PRK", "2020-01-01").defense
    assert store.obligations("PRK", "CHN", "2020-01-01").defense


def test_one_sided_obligations(small_pack: Path) -> None:
    with (small_pack / "commitments.csv").open("a") as fh:
        fh.write("usa-isr-x,One-sided guarantee,1990-01-01,1990-01-01,,1,0,0,0,1,0,,,,s-treaty,\n")
    with (small_pack / "commitment_members.csv").open("a") as fh:
        fh.write("usa-isr-x,USA,defense;consultation,,1990-01-01,,s-treaty,\n")
        fh.write("usa-isr-x,ISR,consultation,,1990-01-01,,s-treaty,\n")
    s = Store.open(small_pack)
    assert s.obligations("USA", "ISR", "2000-01-01").defense
    isr = s.obligations("ISR", "USA", "2000-01-01")
    assert isr.consultation and not isr.defense


def test_facts_and_typed_values(store: Store) -> None:
    assert store.fact("RUS", "regime_polyarchy", "2016-05-01") == pytest.approx(0.25)
    assert store.fact("RUS", "regime_polyarchy", "2021-05-01") == pytest.approx(0.20)
    assert store.fact("RUS", "at_war_with", "2021-05-01") == []
    assert store.fact("RUS", "at_war_with", "2022-02-24") == ["UKR"]
    assert store.fact("RUS", "nuclear_weapons", "2000-01-01") is True
    assert store.fact("RUS", "nuclear_weapons", "1990-06-01") is None  # before its first row


def test_ties_as_of_and_sources(store: Store) -> None:
    assert store.ties("IRN", "RUS", as_of="2022-07-31").empty
    t = store.ties("IRN", "RUS", as_of="2022-08-01")
    assert list(t["kind"]) == ["arms_delivery"] and t["url"].iloc[0].startswith("https://")
    assert store.tie_value("IRN", "CHN", "oil_export_share", "2024-01-01") == 90.0
    assert store.tie_value("CHN", "IRN", "oil_export_share", "2024-01-01") is None


def test_crises_and_responses(store: Store) -> None:
    c = store.crisis("irn-2025")
    assert c.attackers == ("ISR", "USA") and c.evaluation and c.end_date == dt.date(2025, 6, 24)
    assert set(store.responses("irn-2025")["supporter"]) == {"RUS", "CHN", "PRK"}
    assert store.crises(before="2020-01-01").empty
    with pytest.raises(CoverageError, match="irn-2025"):
        store.crisis("irn-2052")


def test_bad_input_errors(store: Store) -> None:
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        store.facts("RUS", "13/06/2025")
    with pytest.raises(UnknownStateError):
        store.facts("Atlantis", "2025-01-01")
    with pytest.raises(CoverageError, match="not a state of the data pack"):
        store.facts("UKR", "2025-01-01")
    assert store.facts("the Kremlin", "2025-01-01")["state"].eq("RUS").all()


def test_db_file_is_reused_when_pack_unchanged(small_pack: Path, tmp_path: Path) -> None:
    db = tmp_path / "fw.duckdb"
    first = Store.open(small_pack, db)
    h = first.pack_hash
    first.close()
    again = Store.open(small_pack, db)
    assert again.pack_hash == h and again.counts()["crises"] == 1


# -- property: no look-ahead ---------------------------------------------------

_day0 = dt.date(1990, 1, 1)
_span = st.tuples(st.integers(0, 13000), st.one_of(st.none(), st.integers(0, 3000)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spans=st.lists(_span, min_size=1, max_size=12), probe=st.integers(0, 13500))
def test_as_of_never_returns_a_fact_outside_its_dates(small_pack: Path, spans, probe) -> None:
    """Whatever facts and ties the pack holds, a query on day D returns exactly those valid on D."""
    facts = small_pack / "state_facts.csv"
    ties = small_pack / "ties.csv"
    base_facts = facts.read_text()
    base_ties = ties.read_text()
    expected = []
    lines_f, lines_t = [], []
    for i, (start, length) in enumerate(spans):
        vf = _day0 + dt.timedelta(days=start)
        vt = None if length is None else vf + dt.timedelta(days=length)
        opp = ["GEO", "UKR", "SYR", "TUR", "AZE", "POL", "FIN", "EST", "LVA", "LTU", "MDA", "KAZ"][i]
        lines_f.append(f"IRN,at_war_with,{opp},{vf},{vt or ''},s-data,")
        lines_t.append(f"IRN,RUS,arms_delivery,item {i},,item {i},{vf},{vt or ''},s-data,")
        expected.append((opp, vf, vt))
    facts.write_text(base_facts + "\n".join(lines_f) + "\n")
    ties.write_text(base_ties + "\n".join(lines_t) + "\n")
    try:
        store = Store.open(small_pack)
        d = _day0 + dt.timedelta(days=probe)
        got = store.facts("IRN", d, "at_war_with")
        for _, row in got.iterrows():
            assert row["valid_from"].date() <= d
            assert row["valid_to"] is None or row["valid_to"] != row["valid_to"] or row["valid_to"].date() >= d
        want = sorted(o for o, vf, vt in expected if vf <= d and (vt is None or d <= vt))
        assert sorted(got["value"]) == want
        got_t = store.ties("IRN", "RUS", as_of=d, kind="arms_delivery")
        got_t = got_t[got_t["detail"].str.startswith("item ")]  # the fixture's own delivery aside
        assert len(got_t) == len(want)
        store.close()
    finally:
        facts.write_text(base_facts)
        ties.write_text(base_ties)


def test_commitments_with_missing_conditions_on_the_embedded_pack() -> None:
    """Issue 13: missing text came back as NaN and `NaN or ''` crashed `data show USA --as-of 2025-06-13`."""
    s = Store.open()
    for state, day in [("USA", "2025-06-13"), ("DEU", "2000-01-01"), ("RUS", "1991-01-01")]:
        df = s.commitments(state, as_of=day)
        assert len(df) and all(isinstance(c, str) for c in df["conditions"])
        for other in df["commitment_id"][:3]:
            members = s.members(other, day)
            for m in [x for x in members if x != state][:2]:
                assert isinstance(s.obligations(state, m, day).conditions, (list, tuple))
    s.close()


def test_export_path_with_quotes_cannot_inject_sql(tmp_path: Path) -> None:
    """Issue 13: `data export --out` pasted the path into COPY ... TO '...'; a quote in it ran SQL."""
    from fairweather.catalog import export_tables

    s = Store.open()
    evil = tmp_path / "x' (FORMAT csv); COPY sources TO 'pwned.csv' --"
    written = export_tables(s, evil, "csv")
    assert {p.name for p in written} >= {"states.csv", "crises.csv"}
    assert all(p.parent == evil for p in written)
    assert not list(tmp_path.rglob("pwned.csv")) and not Path("pwned.csv").exists()
    assert (evil / "sources.csv").read_text().startswith("source_id,")
    s.close()
