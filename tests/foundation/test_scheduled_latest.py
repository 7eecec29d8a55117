"""Issue 13: the newest allowed versions are tested on a schedule, by the Makefile target the README names."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "test-latest.yml"


def test_a_weekly_workflow_runs_make_test_latest() -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    cron = re.search(r"^\s*-\s*cron:\s*\"([^\"]+)\"", text, re.M)
    assert cron, "the workflow has no schedule"
    fields = cron.group(1).split()
    assert len(fields) == 5 and fields[4] != "*", f"not a weekly cron: {cron.group(1)}"
    assert re.search(r"^\s*run:\s*make test-latest\s*$", text, re.M)
    assert re.search(r"^test-latest:", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    assert ".github/workflows/test-latest.yml" in (ROOT / "README.md").read_text(encoding="utf-8")
