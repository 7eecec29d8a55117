"""Issue 13: event files that are not files, corrupt archives and impossible values are clear errors, not tracebacks or 0.0."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.cli._errors import ExitCode
from fairweather.errors import EventFormatError, InputFileError
from fairweather.sources import gdelt, icews, plover
from fairweather.sources.eventfiles import read_events

from .conftest import GDELT2, ICEWS_OFFICIAL, POLECAT

runner = CliRunner()
WINDOW = ["--target", "IRN", "--attackers", "ISR,USA", "--from", "2025-06-13", "--to", "2025-06-24"]


def _saydo(path: Path | str):
    return runner.invoke(app, ["saydo", *WINDOW, "--events", str(path)])


def _gdelt_line(goldstein: str = "2.8", mentions: str = "3") -> str:
    f = GDELT2.read_text(encoding="utf-8").splitlines()[0].split("\t")
    f[30], f[31] = goldstein, mentions
    return "\t".join(f) + "\n"


@pytest.mark.parametrize("goldstein", ["inf", "-inf", "nan", "1e308", "10.5", "-11"])
def test_gdelt_rejects_impossible_goldstein(tmp_path: Path, goldstein: str) -> None:
    path = tmp_path / "x.export.CSV"
    path.write_text(_gdelt_line() + _gdelt_line(goldstein=goldstein), encoding="utf-8")
    res = gdelt.read_gdelt(path)
    assert res.table.num_rows == 1 and res.report.rows_rejected == 1
    (issue,) = [i for i in res.report.issues if i.severity == "error"]
    assert (issue.line, issue.field, issue.value) == (2, "GoldsteinScale", goldstein)


def test_gdelt_rejects_negative_mentions(tmp_path: Path) -> None:
    path = tmp_path / "x.export.CSV"
    path.write_text(_gdelt_line(mentions="-4") + _gdelt_line(), encoding="utf-8")
    res = gdelt.read_gdelt(path)
    assert res.table.num_rows == 1
    (issue,) = [i for i in res.report.issues if i.severity == "error"]
    assert (issue.line, issue.field) == (1, "NumMentions") and "negative" in issue.reason


def test_icews_and_polecat_reject_non_finite_intensity(tmp_path: Path) -> None:
    lines = ICEWS_OFFICIAL.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = lines[1].split("\t")
    bad[7] = "inf"
    (tmp_path / "i.tab").write_text(lines[0] + "\t".join(bad) + "".join(lines[2:]), encoding="utf-8")
    base = {(i.line, i.field) for i in icews.read_icews(ICEWS_OFFICIAL).report.issues if i.severity == "error"}
    res = icews.read_icews(tmp_path / "i.tab")
    assert {(i.line, i.field) for i in res.report.issues if i.severity == "error"} - base == {(2, "Intensity")}

    lines = POLECAT.read_text(encoding="latin-1").splitlines(keepends=True)
    bad = lines[1].split("\t")
    bad[4] = "1e308"
    (tmp_path / "p.txt").write_text(lines[0] + "\t".join(bad) + "".join(lines[2:]), encoding="latin-1")
    base = {(i.line, i.field) for i in plover.read_plover(POLECAT).report.issues if i.severity == "error"}
    res = plover.read_plover(tmp_path / "p.txt")
    assert {(i.line, i.field) for i in res.report.issues if i.severity == "error"} - base == {(2, "Intensity")}


def test_parquet_with_impossible_values_is_refused(tmp_path: Path) -> None:
    table = gdelt.read_gdelt(GDELT2).table
    path = tmp_path / "ev.parquet"
    ints = table["intensity"].to_pylist()
    ints[2] = float("inf")
    pq.write_table(table.set_column(table.schema.get_field_index("intensity"), "intensity",
                                    pa.array(ints, pa.float64())), path)
    with pytest.raises(EventFormatError, match=r"ev.parquet, row 3, field 'intensity'"):
        read_events(str(path))


def test_event_file_is_a_directory(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="is a folder"):
        read_events(str(tmp_path))
    r = _saydo(tmp_path)
    assert r.exit_code == int(ExitCode.INPUT_UNREADABLE) and "is a folder" in r.stderr and "Traceback" not in r.output


def test_fake_parquet(tmp_path: Path) -> None:
    fake = tmp_path / "fake.parquet"
    fake.write_text("not parquet at all\n")
    r = _saydo(fake)
    assert r.exit_code == int(ExitCode.INPUT_UNREADABLE), r.output
    assert "fake.parquet" in r.stderr and "not a readable Parquet file" in r.stderr


def test_corrupt_and_truncated_gz(tmp_path: Path) -> None:
    good = gzip.compress(GDELT2.read_bytes() * 50)
    corrupt = tmp_path / "corrupt.export.CSV.gz"
    corrupt.write_bytes(good[:10] + b"\x00garbage" * 20 + good[200:])
    truncated = tmp_path / "truncated.export.CSV.gz"
    truncated.write_bytes(good[: len(good) // 2])
    for path, word in ((corrupt, "corrupt.export.CSV.gz"), (truncated, "truncated")):
        r = _saydo(path)
        assert r.exit_code == int(ExitCode.INPUT_UNREADABLE), r.output
        assert word in r.stderr and "again" in r.stderr and "Traceback" not in r.output


def test_dev_zero_is_refused_at_once() -> None:
    start = time.monotonic()
    r = _saydo("/dev/zero")
    assert time.monotonic() - start < 5
    assert r.exit_code == int(ExitCode.INPUT_UNREADABLE) and "not a regular file" in r.stderr


def test_a_file_without_line_ends_is_refused_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "zeros.export.CSV.gz"
    with gzip.open(path, "wb") as fh:  # a small file that inflates to 64 MB of one line
        for _ in range(64):
            fh.write(b"\x00" * (1 << 20))
    with pytest.raises(InputFileError, match="line longer than"):
        read_events(str(path))
