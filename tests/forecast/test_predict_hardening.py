"""Issue 13: predict's bad paths get one clear paragraph and a documented exit code; its CSV cannot carry formulas."""

from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.cli._errors import ExitCode

from .conftest import SYNTH

runner = CliRunner()

CASES = "crisis_id,start_date,target,attackers,supporter\nc1,2025-06-13,IRN,ISR;USA,RUS\n"


@pytest.fixture
def cases(tmp_path: Path) -> Path:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    return path


def _predict(*args: str):
    return runner.invoke(app, ["predict", *args, "--pack", str(SYNTH)])


def _clear(result, code: ExitCode, *words: str) -> None:
    assert result.exit_code == int(code), result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    for w in words:
        assert w in result.stderr, result.stderr
    assert not any(p.name.startswith(".") for p in Path.cwd().iterdir() if p.name.endswith(".tmp"))


def test_out_is_a_directory(cases: Path, tmp_path: Path) -> None:
    (tmp_path / "outdir").mkdir()
    r = _predict("--cases", str(cases), "--out", str(tmp_path / "outdir"))
    _clear(r, ExitCode.OUTPUT_NOT_WRITABLE, "outdir", "is a folder", "give a file name")


def test_out_under_a_file(cases: Path, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    r = _predict("--cases", str(cases), "--out", str(tmp_path / "afile" / "scored.csv"))
    _clear(r, ExitCode.OUTPUT_NOT_WRITABLE, "scored.csv", "is a file, not a folder")
    assert (tmp_path / "afile").read_text() == "x"


@contextlib.contextmanager
def _read_only(folder: Path):
    """Make ``folder`` unwritable: chmod for a normal user, the immutable flag for root (chmod does not stop root)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without chattr +i: cannot make a folder read-only")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_out_in_a_read_only_folder(cases: Path, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    with _read_only(ro):
        r = _predict("--cases", str(cases), "--out", str(ro / "scored.csv"))
        assert list(ro.iterdir()) == []
    _clear(r, ExitCode.OUTPUT_NOT_WRITABLE, "scored.csv", "not writable")


def test_cases_is_a_directory(tmp_path: Path) -> None:
    r = _predict("--cases", str(tmp_path), "--out", str(tmp_path / "o.csv"))
    _clear(r, ExitCode.INPUT_UNREADABLE, "--cases", "is a folder")
    assert not (tmp_path / "o.csv").exists()


def test_cases_is_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    r = _predict("--cases", "/dev/zero", "--out", str(tmp_path / "o.csv"))
    _clear(r, ExitCode.INPUT_UNREADABLE, "/dev/zero", "not a regular file")


def test_cases_missing(tmp_path: Path) -> None:
    r = _predict("--cases", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv"))
    _clear(r, ExitCode.INPUT_UNREADABLE, "nope.csv", "does not exist")


@pytest.mark.parametrize("content, words", [
    (b"this is not json", ("--params", "is not JSON", "line 1")),
    (b"\xff\xfe\x00binary", ("--params", "not UTF-8")),
    (b'{"just": "json"}', ("--params", "params.json", "parameter file format")),
])
def test_params_not_a_parameter_file(cases: Path, tmp_path: Path, content: bytes, words: tuple[str, ...]) -> None:
    params = tmp_path / "params.json"
    params.write_bytes(content)
    r = _predict("--cases", str(cases), "--out", str(tmp_path / "o.csv"), "--params", str(params))
    _clear(r, ExitCode.INPUT_UNREADABLE, *words)


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    args = ["predict", "--cases", str(tmp_path), "--out", str(tmp_path / "o.csv"), "--pack", str(SYNTH)]
    quiet = runner.invoke(app, args)
    loud = runner.invoke(app, ["--debug", *args])
    env = runner.invoke(app, args, env={"FAIRWEATHER_DEBUG": "1"})
    assert "Traceback" not in quiet.stderr
    assert "Traceback" in loud.stderr and "Traceback" in env.stderr
    assert quiet.exit_code == loud.exit_code == env.exit_code == int(ExitCode.INPUT_UNREADABLE)


def test_formula_cells_are_defused(params_file, tmp_path: Path) -> None:
    cases = tmp_path / "cases.csv"
    cases.write_text("crisis_id,start_date,target,attackers,supporter,note\n"
                     '"=HYPERLINK(""http://evil.example"",""x"")",2025-06-13,IRN,ISR;USA,RUS,+1+2\n'
                     "@SUM(A1),2025-06-13,IRN,ISR;USA,CHN,-0.5\n", encoding="utf-8")
    out = tmp_path / "scored.csv"
    r = runner.invoke(app, ["predict", "--cases", str(cases), "--out", str(out), "--pack", str(SYNTH),
                            "--params", str(params_file)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert df["crisis_id"].tolist() == ["'=HYPERLINK(\"http://evil.example\",\"x\")", "'@SUM(A1)"]
    assert df["note"].tolist() == ["'+1+2", "-0.5"]  # a number stays a number
    assert not any(v.startswith(("=", "+", "@")) for col in df.columns for v in df[col])


def test_markup_in_the_out_path_is_printed_as_written(params_file, cases: Path, tmp_path: Path) -> None:
    out = tmp_path / "a[" / "red].csv"  # written as --out 'a[/red].csv': Rich would read "[/red]" as a closing tag
    r = runner.invoke(app, ["predict", "--cases", str(cases), "--out", str(out), "--pack", str(SYNTH),
                            "--params", str(params_file)])
    assert r.exit_code == 0, r.output
    assert out.exists() and "a[/red].csv" in r.output.replace("\n", "")
