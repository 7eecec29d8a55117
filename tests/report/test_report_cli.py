"""``fairweather report``: the README's main command, and clear errors for bad input."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from fairweather.cli import app

runner = CliRunner()


def test_readme_command_writes_the_report_and_says_where(iran_report):
    path, output = iran_report
    assert path.is_file() and path.stat().st_size > 1_000_000
    assert "Wrote the report to" in output
    assert "iran-2025.html" in output.replace("\n", "")
    assert "file://" in output


@pytest.mark.parametrize(("args", "message"), [
    (["--target", "Narnia", "--attackers", "ISR,USA", "--date", "2025-06-13"], "Narnia"),
    (["--target", "IRN", "--attackers", "ISR,USA", "--date", "2025-13-01"], "YYYY-MM-DD"),
    (["--target", "IRN", "--attackers", "IRN", "--date", "2025-06-13"], "own attackers"),
    (["--target", "IRN", "--attackers", "ISR", "--date", "2025-06-13", "--from", "2025", "--to", "2015"], "--from"),
    (["--target", "IRN", "--attackers", "ISR", "--date", "2025-06-13", "--bloc", "CRIN"], "neither a bloc"),
])
def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path, args, message):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", *args, "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "Error:" in result.output and message in result.output.replace("\n", " ")
    assert not out.exists()
