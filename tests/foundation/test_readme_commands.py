"""Every command line of the README runs as written and exits 0; its Python block runs as a script (issue 14).

The lines are read from the README's ``bash`` blocks, so a line added there is tested here. Each runs
in a fresh process from the project root, as a user in a new shell would after ``. .venv/bin/activate``
(``python -m fairweather`` is that ``fairweather``). Lines that need the publishers' files
(``--reference ../shared/data``) skip with the reason where they are absent; ``serve`` runs until it
answers, then is stopped. Two lines rewrite shipped files and are checked, as written, by the
byte-for-byte rebuild tests instead (:mod:`tests.forecast.test_history_reproduce`).
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SHARED = ROOT.parent / "shared" / "data"

#: Lines not run here, with the reason (the test fails if one disappears from the README: keep this honest).
NOT_HERE = {
    "data build-history": "rewrites src/fairweather/pack/history/; test_history_reproduce runs it and compares bytes",
    "model fit": "rewrites the shipped parameters; test_history_reproduce runs it and compares bytes",
}


def _lines() -> list[str]:
    text = README.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].split(" # ")[0].strip()
            if line.startswith("fairweather "):
                out.append(line)
    return out


LINES = _lines()
#: The lines this test runs: all but those :data:`NOT_HERE` leaves to the rebuild tests.
RUN = [line for line in LINES if not any(line.startswith(f"fairweather {key}") for key in NOT_HERE)]


def _run(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fairweather", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, "COLUMNS": "80"})


def test_the_readme_has_the_lines_this_test_expects():
    assert len(LINES) >= 20
    assert any(line.startswith("fairweather serve") for line in LINES)
    for key in NOT_HERE:
        assert any(line.startswith(f"fairweather {key}") for line in LINES), f"no README line starts 'fairweather {key}'"


@pytest.mark.slow
@pytest.mark.parametrize("line", RUN, ids=[f"{i:02d} {line[12:60]}" for i, line in enumerate(RUN)])
def test_readme_line_runs_and_exits_0(line):
    args = shlex.split(line)[1:]
    if "../shared/data" in line and not SHARED.is_dir():
        pytest.skip(f"the publishers' files are not at {SHARED} (see the README's --reference section)")
    if args[0] == "serve":
        _serve(args)
        return
    (ROOT / "out").mkdir(exist_ok=True)
    res = _run(args)
    assert res.returncode == 0, f"{line}\n--- stdout\n{res.stdout[-3000:]}\n--- stderr\n{res.stderr[-3000:]}"
    assert "Traceback" not in res.stderr


def _serve(args: list[str]) -> None:
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", 8000)) == 0:
            pytest.skip("port 8000 is in use on this machine; `fairweather serve` would refuse it")
    proc = subprocess.Popen([sys.executable, "-m", "fairweather", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline, answered = time.monotonic() + 120, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8000/api/meta", timeout=5) as r:
                    answered = r.status
                    break
            except OSError:
                time.sleep(0.5)
        assert proc.poll() is None, f"serve exited with {proc.returncode}: {proc.stderr.read()[-2000:]}"
        assert answered == 200
    finally:
        proc.send_signal(signal.SIGINT)  # the README's Ctrl+C
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    assert proc.returncode in (0, -signal.SIGINT, 130), f"Ctrl+C did not stop serve cleanly: {proc.returncode}"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_a_python_block():
    assert _python_blocks(), "the README has a Python block"


@pytest.mark.parametrize("block", _python_blocks(), ids=lambda b: b.strip().splitlines()[0][:50])
def test_readme_python_block_runs_as_a_script(block, tmp_path):
    if "../shared/data" in block and not SHARED.is_dir():
        pytest.skip(f"the publishers' files are not at {SHARED} (see the README's --reference section)")
    script = tmp_path / "readme.py"
    script.write_text(block, encoding="utf-8")
    res = subprocess.run([sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]
