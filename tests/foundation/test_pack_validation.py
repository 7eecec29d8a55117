"""Validation finds every kind of problem, with file, row and field, and loads nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.errors import PackValidationError
from fairweather.pack import validate_pack
from fairweather.store import Store


def _edit(pack: Path, table: str, row: int, **changes: str) -> None:
    """Change fields of data row ``row`` (1-based) of ``pack/table.csv``."""
    path = pack / f"{table}.csv"
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        header = list(rows[0].keys())
    rows[row - 1].update(changes)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def _append(pack: Path, table: str, line: str) -> None:
    with (pack / f"{table}.csv").open("a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def _problems(pack: Path) -> list[tuple[str, int | None, str | None, str]]:
    return [(p.file, p.row, p.field, p.problem) for p in validate_pack(pack)]


def test_fixture_pack_is_valid(small_pack: Path) -> None:
    assert validate_pack(small_pack) == []


@pytest.mark.parametrize(
    "table, row, changes, field, words",
    [
        ("ties", 1, {"from_state": "IRX"}, "from_state", "unknown state code"),
        ("ties", 1, {"from_state": "Iran"}, "from_state", "ISO3 code IRN"),
        ("state_facts", 1, {"source_id": "nowhere"}, "source_id", "unknown source"),
        ("state_facts", 2, {"source_id": ""}, "source_id", "required value is empty"),
        ("commitments", 1, {"valid_to": "2020-01-01"}, "valid_to", "ends before it starts"),
        ("responses", 1, {"level": "7"}, "level", "out of range"),
        ("responses", 2, {"level": "two"}, "level", "support level"),
        ("commitment_members", 1, {"state": "UKR"}, "state", "not a state of the pack"),
        ("state_facts", 1, {"valid_from": "2025-13-01"}, "valid_from", "YYYY-MM-DD"),
        ("state_facts", 1, {"fact": "willingness"}, "fact", "unknown fact kind"),
        ("commitments", 2, {"conditions": "if_convenient"}, "conditions", "unknown condition"),
        ("crises", 1, {"attackers": "ISR;IRN"}, "attackers", "cannot be one of its own attackers"),
        ("commitment_members", 1, {"commitment_id": "no-such-pact"}, "commitment_id", "unknown commitment"),
    ],
)
def test_each_problem_is_reported_with_file_row_field(small_pack, table, row, changes, field, words) -> None:
    _edit(small_pack, table, row, **changes)
    problems = _problems(small_pack)
    hits = [p for p in problems if p[0] == f"{table}.csv" and p[1] == row and p[2] == field and words in p[3]]
    assert hits, f"expected a problem at {table}.csv row {row} field {field} mentioning {words!r}; got {problems}"


def test_siding_with_the_attacker_keeps_the_level_given_to_the_target(small_pack: Path) -> None:
    # CODING.md: siding never erases a level (a partner that armed the target and backed the attacker
    # keeps the level and the flag); the flag is still a bool like any other
    _edit(small_pack, "responses", 1, level="4", sided_with_attacker="1")
    assert _problems(small_pack) == []
    _edit(small_pack, "responses", 1, sided_with_attacker="2")
    assert any(p[0] == "responses.csv" and p[1] == 1 and p[2] == "sided_with_attacker" for p in _problems(small_pack))


def test_overlapping_contradictory_facts(small_pack: Path) -> None:
    _append(small_pack, "state_facts", "RUS,regime_polyarchy,0.9,2018-06-01,2021-01-01,s-data,")
    problems = _problems(small_pack)
    assert any(p[0] == "state_facts.csv" and p[1] == 6 and "contradicts" in p[3] for p in problems), problems


def test_multi_valued_facts_may_overlap(small_pack: Path) -> None:
    _append(small_pack, "state_facts", "RUS,at_war_with,GEO,2022-03-01,,s-data,")
    assert _problems(small_pack) == []


def test_duplicate_key_across_files(small_pack: Path) -> None:
    (small_pack / "sources").mkdir()
    (small_pack / "sources" / "more.csv").write_text(
        "source_id,citation,url,kind,published,accessed\ns-data,dup,https://x.org,dataset,,\n", encoding="utf-8"
    )
    problems = _problems(small_pack)
    assert any(p[0] == "sources/more.csv" and "duplicate key" in p[3] for p in problems), problems


def test_malformed_csv_names_file_and_row(small_pack: Path) -> None:
    _append(small_pack, "ties", "IRN,CHN,trade_share,12")  # too few fields
    problems = _problems(small_pack)
    assert any(p[0] == "ties.csv" and p[1] == 4 and "fields" in p[3] for p in problems), problems


def test_unknown_column_and_missing_table(small_pack: Path) -> None:
    (small_pack / "crises.csv").unlink()
    text = (small_pack / "ties.csv").read_text().replace("note", "nota_bene", 1)
    (small_pack / "ties.csv").write_text(text)
    problems = _problems(small_pack)
    assert any(p[0] == "ties.csv" and p[2] == "nota_bene" for p in problems)
    assert any("crises" in p[3] and "missing" in p[3] for p in problems)


def test_all_problems_collected_at_once(small_pack: Path) -> None:
    _edit(small_pack, "ties", 1, from_state="IRX")
    _edit(small_pack, "responses", 1, level="9")
    _edit(small_pack, "commitments", 1, valid_to="1900-01-01")
    assert len(validate_pack(small_pack)) >= 3


def test_loading_is_all_or_nothing(small_pack: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    Store.open(small_pack, db).close()
    before = Store.open(small_pack, db)
    n_before = before.counts()
    before.close()
    _edit(small_pack, "responses", 1, level="9")
    with pytest.raises(PackValidationError) as info:
        Store.open(small_pack, db)
    assert "responses.csv, row 1, field 'level'" in str(info.value)
    import duckdb

    con = duckdb.connect(str(db))
    assert con.execute("SELECT count(*) FROM responses").fetchone()[0] == n_before["responses"]
    assert con.execute("SELECT max(level) FROM responses").fetchone()[0] <= 5
    con.close()


def test_validate_command_exit_codes(small_pack: Path) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["data", "validate", str(small_pack)])
    assert ok.exit_code == 0, ok.output
    _edit(small_pack, "ties", 1, from_state="IRX")
    _edit(small_pack, "responses", 1, level="9")
    bad = runner.invoke(app, ["data", "validate", str(small_pack), "--format", "json"])
    assert bad.exit_code == 1
    import json

    rows = json.loads(bad.stdout)
    assert {(r["file"], r["row"], r["field"]) for r in rows} >= {("ties.csv", 1, "from_state"), ("responses.csv", 1, "level")}


def test_embedded_pack_is_valid() -> None:
    problems = validate_pack()
    assert problems == [], "\n".join(str(p) for p in problems[:30])
