"""Issue 13: packs that used to pass validation (or crash it) are now refused, each problem named by file, row and field."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairweather.errors import PackValidationError
from fairweather.pack import validate_pack
from fairweather.store import Store

FIXTURE = Path(__file__).parents[1] / "fixtures" / "pack_small"


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def _edit(pack: Path, table: str, row: int, **changes: str) -> None:
    header, rows = _rows(pack / f"{table}.csv")
    rows[row - 1].update(changes)
    _write(pack / f"{table}.csv", header, rows)


def _where(pack: Path) -> list[tuple[str, int | None, str | None]]:
    return [(p.file, p.row, p.field) for p in validate_pack(pack)]


@pytest.mark.parametrize("text", ["nan", "inf", "-Infinity", "1e400", "NaN"])
def test_non_finite_numbers_are_refused(small_pack: Path, text: str) -> None:
    _edit(small_pack, "states", 1, capital_lat=text)
    _edit(small_pack, "state_facts", 5, value=text)  # RUS regime_polyarchy
    _edit(small_pack, "ties", 2, value=text)  # CHN crude_import_share
    where = _where(small_pack)
    assert ("states.csv", 1, "capital_lat") in where
    assert ("state_facts.csv", 5, "value") in where
    assert ("ties.csv", 2, "value") in where


def test_values_outside_their_unit_are_refused(small_pack: Path) -> None:
    _edit(small_pack, "state_facts", 5, value="7")  # a 0-1 score of 7
    with (small_pack / "ties.csv").open("a", encoding="utf-8") as fh:
        fh.write("RUS,IRN,troops_stationed,-500,personnel,,2020-01-01,,s-data,\n")
    problems = validate_pack(small_pack)
    by_where = {(p.file, p.row, p.field): p.problem for p in problems}
    assert "between 0 and 1" in by_where[("state_facts.csv", 5, "value")]
    assert "must not be negative" in by_where[("ties.csv", 4, "value")]


def test_crisis_before_its_states_existed(small_pack: Path) -> None:
    _edit(small_pack, "crises", 1, start_date="1940-06-13", end_date="1940-06-24")  # Israel exists from 1948-05-14
    problems = [p for p in validate_pack(small_pack) if p.field == "start_date"]
    assert len(problems) == 1 and problems[0].file == "crises.csv" and problems[0].row == 1
    assert "ISR" in problems[0].problem and "1948-05-14" in problems[0].problem


def test_upper_case_extension_is_reported_not_ignored(small_pack: Path) -> None:
    (small_pack / "responses").mkdir()
    shutil.move(small_pack / "responses.csv", small_pack / "responses" / "evaluation.CSV")
    problems = validate_pack(small_pack)
    assert [(p.file, p.row) for p in problems] == [("responses/evaluation.CSV", None)]
    assert "rename it to evaluation.csv" in problems[0].problem
    with pytest.raises(PackValidationError):
        Store.open(small_pack)


def test_top_level_upper_case_file_is_reported(small_pack: Path) -> None:
    shutil.move(small_pack / "crises.csv", small_pack / "crises.CSV")
    files = {p.file for p in validate_pack(small_pack)}
    assert "crises.CSV" in files and "crises.csv" not in files  # the rename hint, not "table is missing"


def test_every_bad_csv_row_is_reported_and_reading_goes_on(small_pack: Path) -> None:
    with (small_pack / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write('s-x,"A "quoted" title",https://x.org,news,,\n')  # bad quoting: row 3
        fh.write("s-y,Fine,https://y.org,news,,\n")  # row 4 is read
        fh.write('s-z,"Again "bad",https://z.org,news,,\n')  # row 5
        fh.write("s-w,Fine too,https://w.org,nonsense,,\n")  # row 6: read and checked
    where = _where(small_pack)
    assert ("sources.csv", 3, None) in where and ("sources.csv", 5, None) in where
    assert ("sources.csv", 6, "kind") in where


def test_non_utf8_file_gives_one_problem_with_byte_offset(small_pack: Path) -> None:
    data = (small_pack / "sources.csv").read_bytes()
    (small_pack / "sources.csv").write_bytes(data.replace(b"Treaty text", b"Trait\xe9 text"))
    problems = validate_pack(small_pack)
    assert len(problems) == 1, problems  # not one "unknown source" per row that cites it
    (p,) = problems
    offset = data.index(b"Treaty text") + 5
    assert p.file == "sources.csv" and f"byte {offset}" in p.problem and "line 2" in p.problem


def test_line_separator_inside_a_field_keeps_row_numbers(small_pack: Path) -> None:
    _edit(small_pack, "crises", 1, description="Strikes\u2028on the nuclear sites.")
    _edit(small_pack, "responses", 1, evidence="Condemned\u2028the strikes.")
    _edit(small_pack, "responses", 3, level="9")
    assert _where(small_pack) == [("responses.csv", 3, "level")]


def test_symlink_out_of_the_pack_is_refused_and_not_echoed(small_pack: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-FIRST-LINE\nmore\n", encoding="utf-8")
    (small_pack / "ties.csv").unlink()
    (small_pack / "ties").mkdir()
    (small_pack / "ties" / "arms.csv").symlink_to(secret)
    problems = validate_pack(small_pack)
    assert [(p.file, p.row) for p in problems] == [("ties/arms.csv", None)]
    assert "outside the pack" in problems[0].problem
    assert "TOP-SECRET" not in " ".join(str(p) for p in problems)


def test_symlinked_table_folder_out_of_the_pack_is_refused(small_pack: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.move(small_pack / "ties.csv", outside / "ties.csv")
    (small_pack / "ties").symlink_to(outside)
    assert [p.file for p in validate_pack(small_pack)] == ["ties"]


def test_symlink_inside_the_pack_is_fine(small_pack: Path) -> None:
    (small_pack / "ties").mkdir()
    shutil.move(small_pack / "ties.csv", small_pack / "ties" / "all.csv")
    os.symlink("ties/all.csv", small_pack / "ties.csv")  # relative link to a file inside the pack
    dup = [p for p in validate_pack(small_pack) if "duplicate key" in p.problem]
    assert dup  # read twice (both paths are parts), so reported as duplicates, but never refused as outside


# -- property: every corruption is reported, naming its file, and nothing loads --------------------

def _delete_required_column(pack: Path, rnd) -> str:
    table = rnd.choice(["states", "crises", "responses", "ties", "sources"])
    header, rows = _rows(pack / f"{table}.csv")
    from fairweather.pack.schema import TABLES

    col = rnd.choice(TABLES[table].required_columns)
    header.remove(col)
    for r in rows:
        r.pop(col)
    _write(pack / f"{table}.csv", header, rows)
    return f"{table}.csv"


def _set_field(table: str, column: str, values: list[str]):
    def corrupt(pack: Path, rnd) -> str:
        header, rows = _rows(pack / f"{table}.csv")
        if table == "ties":  # only the numeric ties (a share in %): an arms delivery's value is text
            rnd.choice([r for r in rows if r["kind"].endswith("_share")])[column] = rnd.choice(values)
        else:
            rnd.choice(rows)[column] = rnd.choice(values)
        _write(pack / f"{table}.csv", header, rows)
        return f"{table}.csv"

    return corrupt


def _duplicate_key(pack: Path, rnd) -> str:
    table = rnd.choice(["states", "crises", "responses", "sources", "commitments"])
    header, rows = _rows(pack / f"{table}.csv")
    rows.append(dict(rnd.choice(rows)))
    _write(pack / f"{table}.csv", header, rows)
    return f"{table}.csv"


def _bad_bytes(pack: Path, rnd) -> str:
    table = rnd.choice(["states", "crises", "responses", "ties"])
    path = pack / f"{table}.csv"
    data = path.read_bytes()
    at = rnd.randrange(len(data))
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    return f"{table}.csv"


CORRUPTIONS = {
    "delete a required column": _delete_required_column,
    "text in a number": _set_field("states", "capital_lat", ["north", "1,5", "12..3", "0x10"]),
    "nan or inf in a number": _set_field("states", "capital_lon", ["nan", "inf", "-inf", "1e400", "NaN"]),
    "non-finite fact": _set_field("state_facts", "value", ["nan", "inf", "1e400"]),
    "broken date": _set_field("crises", "start_date", ["2025-13-01", "2025-06-31", "13/06/2025", "2025-06-13x", "soon"]),
    "broken validity date": _set_field("ties", "valid_from", ["2023-02-30", "yesterday", "2023/01/01"]),
    "level out of range": _set_field("responses", "level", ["6", "-1", "9", "2.5", "three"]),
    "bad flag": _set_field("responses", "sided_with_attacker", ["2", "yes", "-1"]),
    "negative or impossible share": _set_field("ties", "value", ["-1", "-0.5", "101", "1e400"]),
    "unknown state": _set_field("responses", "supporter", ["XXX", "Russia", "ZZZ"]),
    "unknown source": _set_field("crises", "source_id", ["s-missing", "nope"]),
    "duplicate key": _duplicate_key,
    "non-UTF-8 byte": _bad_bytes,
}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(CORRUPTIONS)), seed=st.integers(0, 2**32 - 1))
def test_every_random_corruption_is_reported_and_nothing_loads(tmp_path_factory, name: str, seed: int) -> None:
    import random

    pack = tmp_path_factory.mktemp("corrupt") / "pack"
    shutil.copytree(FIXTURE, pack)
    file = CORRUPTIONS[name](pack, random.Random(seed))
    problems = validate_pack(pack)
    assert problems, f"{name} in {file} was not reported"
    assert file in {p.file for p in problems}, (name, problems)
    with pytest.raises(PackValidationError):
        Store.open(pack)
