"""Golden outline of the report: sections, headings, chart titles and table headers.

The outline of a report built from the stand-in Results is compared with
``golden/standin_outline.txt``; a template change shows up as a readable diff.
Rewrite the golden file on purpose with ``FAIRWEATHER_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import html as htmllib
import os
import re
from pathlib import Path

import pytest

from fairweather.report import build_report

GOLDEN = Path(__file__).parent / "golden" / "standin_outline.txt"
FIXTURE_PACK = Path(__file__).resolve().parents[1] / "fixtures" / "pack_small"


def outline(doc: str) -> str:
    body = doc.split("<body", 1)[1]
    lines = []
    pattern = re.compile(r'<section id="([^"]+)">|<h([123])>(.*?)</h\2>|data-chart="([^"]+)"|<thead><tr>(.*?)</tr></thead>'
                         r'|<p class="note">(.*?)</p>|(<details class="fold">)', re.S)
    for m in pattern.finditer(body):
        sec, level, heading, chart, head, note, fold = m.groups()
        if fold:
            lines.append("    folded:")
        elif sec:
            lines.append(f"section {sec}")
        elif heading:
            lines.append(f"  h{level} {htmllib.unescape(heading.strip())}")
        elif chart:
            lines.append(f"    chart {htmllib.unescape(chart)}")
        elif head:
            cols = [htmllib.unescape(c) for c in re.findall(r"<th>(.*?)</th>", head)]
            lines.append("    table " + " | ".join(cols))
        elif note:
            lines.append(f"    note {htmllib.unescape(note)}")
    return "\n".join(lines) + "\n"


def test_report_outline_matches_golden(standin_library):
    from fairweather.store import Store

    doc = build_report(standin_library, store=Store.open(pack=FIXTURE_PACK), bloc="CRINK", compare=["NATO"],
                       years=(2015, 2025))
    got = outline(doc)
    if os.environ.get("FAIRWEATHER_UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.write_text(got, encoding="utf-8")
        if not os.environ.get("FAIRWEATHER_UPDATE_GOLDEN"):
            pytest.fail(f"wrote the missing golden file {GOLDEN}; check it in and run again")
    assert got == GOLDEN.read_text(encoding="utf-8")
