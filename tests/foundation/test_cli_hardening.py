"""Issue 13: exit codes documented once, Rich markup in pack text, exports all or nothing under SIGTERM, a verified store file."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.cli._errors import EXIT_MEANINGS, ExitCode, message_for
from fairweather.errors import StoreTamperedWarning
from fairweather.store import Store

runner = CliRunner()
ROOT = Path(__file__).parents[2]


# -- exit codes --------------------------------------------------------------------------------

def test_every_exit_code_is_documented_in_help_and_readme() -> None:
    help_text = " ".join(runner.invoke(app, ["--help"], terminal_width=400).output.split())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes"):]
    for code in ExitCode:
        assert f"{int(code)} {EXIT_MEANINGS[code]}" in help_text, code
        assert f"| {int(code)} |" in section, code
    assert "--debug" in help_text and "FAIRWEATHER_DEBUG" in section


@pytest.mark.parametrize("exc, code", [
    (IsADirectoryError(21, "Is a directory", "/tmp/x"), ExitCode.INPUT_UNREADABLE),
    (PermissionError(13, "Permission denied", "/root/x"), ExitCode.INPUT_UNREADABLE),
    (OSError(28, "No space left on device", "/mnt/full/x"), ExitCode.OUTPUT_NOT_WRITABLE),
    (MemoryError(), ExitCode.OUT_OF_MEMORY),
    (duckdb.IOException("Could not set lock on file"), ExitCode.INPUT_UNREADABLE),
    (ZeroDivisionError("boom"), ExitCode.INTERNAL),
])
def test_foreign_errors_map_to_documented_codes(exc: BaseException, code: ExitCode) -> None:
    got, message = message_for(exc)
    assert got == code and message.endswith(".") and "\n" not in message
    if getattr(exc, "filename", None):
        assert exc.filename in message


def test_unreadable_db_file_is_a_clear_error(tmp_path: Path, small_pack: Path) -> None:
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_text("this is not a DuckDB file\n" * 100)
    r = runner.invoke(app, ["data", "summary", "--pack", str(small_pack), "--db", str(bad)])
    assert r.exit_code in (int(ExitCode.USAGE), int(ExitCode.INPUT_UNREADABLE)), r.output
    assert "not-a-db.duckdb" in r.stderr and "Traceback" not in r.output


def test_a_file_given_as_the_pack_folder_is_named_as_a_file(small_pack: Path) -> None:
    r = runner.invoke(app, ["data", "validate", str(small_pack / "states.csv")])
    assert r.exit_code == int(ExitCode.USAGE), r.output
    assert "is a file, not a folder" in r.stderr and "does not exist" not in r.stderr


# -- Rich markup in pack text --------------------------------------------------------------------

def _edit(path: Path, row: int, **changes: str) -> None:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header, rows = list(reader.fieldnames or []), list(reader)
    rows[row - 1].update(changes)
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=header)
        w.writeheader()
        w.writerows(rows)


def test_markup_in_pack_text_prints_as_written(small_pack: Path) -> None:
    _edit(small_pack / "commitments.csv", 1, name="Pact [bold]of[/bold] friends [/red]", note="[/red] see [bold]")
    r = runner.invoke(app, ["data", "show", "IRN", "--as-of", "2025-11-01", "--pack", str(small_pack)], terminal_width=300)
    assert r.exit_code == 0, r.output
    assert "[/red]" in r.stdout and "[bold]" in r.stdout and "[/bold]" in r.stdout  # not eaten as markup


def test_markup_in_a_bad_value_does_not_crash_validate(small_pack: Path) -> None:
    _edit(small_pack / "crises.csv", 1, kind="[/red]", description="[bold]x")
    r = runner.invoke(app, ["data", "validate", str(small_pack)], terminal_width=300)
    assert r.exit_code == int(ExitCode.INVALID_DATA), r.output
    assert "[/red]" in r.stdout and r.exception is None or isinstance(r.exception, SystemExit)


# -- data export: all or nothing, also when killed -------------------------------------------------

def _export(pack: Path, out: Path, pause: float = 0.0) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "FAIRWEATHER_TEST_EXPORT_PAUSE": str(pause)}
    code = "import sys; from fairweather.cli import main; sys.argv = sys.argv[1:]; main()"
    return subprocess.Popen([sys.executable, "-c", code, "fairweather", "data", "export", "--pack", str(pack),
                             "--out", str(out)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_export_killed_between_tables_leaves_the_old_export_and_no_temp(small_pack: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    assert _export(small_pack, out).wait(120) == 0
    (out / "mine.txt").write_text("a file of the user's")
    before = _snapshot(out)
    with (small_pack / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("s-new,New source,https://example.org/new,news,,\n")

    proc = _export(small_pack, out, pause=1.0)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the export has written a table into its temp folder
        temps = [p for p in tmp_path.iterdir() if p.name.startswith(".export.")]
        if temps and any(temps[0].iterdir()):
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("the export never started writing")
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(60) == 128 + signal.SIGTERM, proc.stderr.read().decode()
    assert _snapshot(out) == before  # not a single new table moved in
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "pack"]  # no temp folder left

    assert _export(small_pack, out).wait(120) == 0  # and a full run swaps every table in
    assert b"s-new" in (out / "sources.csv").read_bytes() and (out / "mine.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "pack"]


def test_the_temp_folder_of_a_sigkilled_export_is_removed_by_the_next(small_pack: Path, tmp_path: Path) -> None:
    """SIGKILL cannot be caught, so the killed run leaves its temp folder; the next write of the same export sweeps it."""
    out = tmp_path / "export"
    proc = _export(small_pack, out, pause=1.0)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        temps = [p for p in tmp_path.iterdir() if p.name.startswith(".export.")]
        if temps and any(temps[0].iterdir()):
            break
        time.sleep(0.05)
    proc.kill()
    proc.wait(60)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".export.")], "the killed export left nothing"
    assert not out.exists()  # and nothing half-written in place

    assert _export(small_pack, out).wait(120) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export", "pack"]


def test_a_write_under_way_keeps_its_temp(tmp_path: Path) -> None:
    from fairweather._atomic import atomic_file

    live = tmp_path / f".out.csv.{os.getppid()}.abcd1234.tmp"  # a temp of a process that still runs
    live.write_text("being written")
    with atomic_file(tmp_path / "out.csv") as fh:
        fh.write("x\n")
    assert live.exists() and (tmp_path / "out.csv").read_text() == "x\n"


def test_export_into_a_file_is_a_clear_error(small_pack: Path, tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    r = runner.invoke(app, ["data", "export", "--pack", str(small_pack), "--out", str(tmp_path / "f")])
    assert r.exit_code == int(ExitCode.OUTPUT_NOT_WRITABLE) and "is a file, not a folder" in r.stderr
    assert (tmp_path / "f").read_text() == "x"


# -- the store file is verified, not trusted on the pack hash alone ----------------------------------

def test_edited_store_file_is_rebuilt(small_pack: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    with Store.open(small_pack, db) as store:
        level = store.con.execute("SELECT level FROM responses WHERE supporter = 'RUS'").fetchone()[0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an untouched file is reused silently
        with Store.open(small_pack, db) as store:
            loaded = store.con.execute("SELECT loaded_at FROM fairweather_meta").fetchone()[0]
    con = duckdb.connect(str(db))
    con.execute("UPDATE responses SET level = 5 WHERE supporter = 'RUS'")
    con.close()
    with pytest.warns(StoreTamperedWarning, match="store.duckdb"):
        store = Store.open(small_pack, db)
    with store:
        assert store.con.execute("SELECT level FROM responses WHERE supporter = 'RUS'").fetchone()[0] == level
        assert store.con.execute("SELECT loaded_at FROM fairweather_meta").fetchone()[0] != loaded


def test_store_file_with_imports_is_reused(small_pack: Path, tmp_path: Path) -> None:
    """The digest is recorded again after an import, so an imported store file is not mistaken for an edited one."""
    db = tmp_path / "h.duckdb"
    with Store.open(None, db, history=True) as store:
        n = store.counts()["crises"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", StoreTamperedWarning)
        with Store.open(None, db, history=True) as store:
            assert store.counts()["crises"] == n and store.history_hash


def test_a_pipe_closed_by_its_reader_ends_the_command_silently(capfd: pytest.CaptureFixture[str]) -> None:
    """``fairweather forecast --help | head -40`` printed "Error: Cannot use 'a file': Broken pipe" (exit 3)
    when ``head`` left while the help was still being flushed; now the command stops without a word."""
    import typer

    from fairweather.cli._errors import friendly_errors

    with pytest.raises(typer.Exit) as stopped:
        with friendly_errors():
            raise BrokenPipeError(32, "Broken pipe")
    assert stopped.value.exit_code == int(ExitCode.OUTPUT_NOT_WRITABLE)
    assert capfd.readouterr().err == ""
