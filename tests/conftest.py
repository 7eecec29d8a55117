"""Shared fixtures: the small self-made pack, and where the reference data lives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def shared_data_dir() -> Path | None:
    """../shared/data beside the repository, or $FAIRWEATHER_SHARED_DATA; None if absent."""
    env = os.environ.get("FAIRWEATHER_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[2] / "shared" / "data"
    return path if path.is_dir() else None


@pytest.fixture
def small_pack(tmp_path: Path) -> Path:
    """A writable copy of the small fixture pack."""
    dest = tmp_path / "pack"
    shutil.copytree(FIXTURES / "pack_small", dest)
    return dest


def check_result(result, *, rows: int | None = None, title: str | None = None) -> None:
    """The results family's contract, checked on a real result (issue 11 item 5).

    ``to_frame()`` is a DataFrame and a copy; ``summary()`` is a Summary whose text, HTML and LaTeX
    carry the title, ``str()`` of it is the text; the result's notebook view is the summary's HTML.
    """
    from html.parser import HTMLParser

    import pandas as pd

    from fairweather.results import Result, Summary

    assert isinstance(result, Result), type(result)
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    if rows is not None:
        assert len(frame) == rows, (len(frame), rows)
    frame["__probe__"] = 1  # changing the frame in place leaves the result as it was
    assert "__probe__" not in result.to_frame().columns
    s = result.summary()
    assert isinstance(s, Summary)
    assert str(s) == s.text == s.as_text() and s.title in s.text
    if title is not None:
        assert title in s.title, (title, s.title)
    HTMLParser().feed(s.html)  # well-formed enough to parse
    assert s.html.startswith("<h3>") and s.html == s.as_html() == s._repr_html_()
    assert s.latex.startswith("\\section*{") and s.latex.count("\\begin{tabular}") == s.latex.count("\\end{tabular}")
    assert result._repr_html_() == s.html


@pytest.fixture(name="check_result")
def _check_result():
    """:func:`check_result`, for the tests of each package."""
    return check_result


@pytest.fixture
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip("reference data ../shared/data is absent (set FAIRWEATHER_SHARED_DATA to run this check)")
    return path


# -- headless Chromium (Debian's package, never a downloaded browser) ---------------
def _find_chromium() -> Path:
    """The browser the tests drive: $FAIRWEATHER_CHROMIUM, else the first Chromium on PATH (Debian's
    ``chromium``, Ubuntu's ``chromium-browser``, Google's ``google-chrome``), else Debian's path."""
    given = os.environ.get("FAIRWEATHER_CHROMIUM")
    if given:
        return Path(given)
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return Path("/usr/bin/chromium")


CHROMIUM = _find_chromium()
#: The screen the browser tests look through, and their screenshots are taken at (issue 14).
VIEWPORT = {"width": 1280, "height": 800}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium_context(tmp_path_factory: pytest.TempPathFactory):
    """Headless Debian Chromium with a fresh profile; skipped only off CI when Chromium is missing."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium, or set FAIRWEATHER_CHROMIUM to a Chromium "
                    "or Chrome binary); the browser tests run in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport=VIEWPORT)
        yield context
        context.close()


# -- text that collides on screen -------------------------------------------------------
_TEXT_BOXES_JS = (FIXTURES / "text_boxes.js").read_text(encoding="utf-8")


def _collisions(boxes: list[dict], tolerance: float) -> list[str]:
    """Pairs of boxes that intersect by more than ``tolerance`` pixels both ways (text on text, text on a marker)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["kind"] == b["kind"] == "marker":
                continue
            w = min(a["right"], b["right"]) - max(a["left"], b["left"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if w > tolerance and h > tolerance:
                found.append(f"{a['text']!r} ({a['where']}) and {b['text']!r} ({b['where']}) overlap by {w:.0f}x{h:.0f} px")
    return found


def text_collisions(page, shots: Path | None = None, *, within: str = "body", banner: str | None = None,
                    tolerance: float = 1.0) -> list[str]:
    """Scroll ``page`` one screen at a time and list, screen by screen, the visible text boxes that intersect.

    On every screen the boxes of the visible text under ``within`` (HTML text, line by line; Plotly's SVG texts;
    the markers of labelled points) are collected as the reader sees them there, so a sticky header lying over
    a chart counts as well as two labels on one spot. ``banner``: a sticky bar (the report's nav) whose text
    stays and under which other text is hidden, not overlapped. ``shots``: where to save each screen as
    ``<shots>-<n>.png`` (1280x800). Returns one line per collision; empty when nothing collides.
    """
    page.mouse.move(0, 0)  # no hover label
    if shots is not None:
        for old in shots.parent.glob(f"{shots.name}-*.png"):  # a shorter page leaves no stale screens
            old.unlink()
    height = page.viewport_size["height"]
    total = page.evaluate("document.documentElement.scrollHeight")
    found: list[str] = []
    for n, y in enumerate(range(0, total, height), start=1):
        page.evaluate("y => window.scrollTo(0, y)", y)
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        boxes = [b for b in page.evaluate(_TEXT_BOXES_JS, page.locator(within).element_handle())
                 if b["bottom"] > 0 and b["top"] < height]
        if banner is not None:
            bar = page.locator(banner).bounding_box()
            inside = page.evaluate(_TEXT_BOXES_JS, page.locator(banner).element_handle())
            boxes = [b for b in boxes if b in inside or b["top"] >= bar["y"] + bar["height"] or b["bottom"] <= bar["y"]]
        found += [f"screen {n}: {c}" for c in _collisions(boxes, tolerance)]
        if shots is not None:
            shots.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shots.parent / f"{shots.name}-{n}.png"))
    page.evaluate("window.scrollTo(0, 0)")
    return found


@pytest.fixture(name="text_collisions")
def _text_collisions():
    """:func:`text_collisions`, for the browser tests."""
    return text_collisions


# -- ending the session ---------------------------------------------------------------
# WHY: once every test, every fixture's teardown and pytest's own report are done, the process ends with pytest's
# exit status without running the interpreter's finalization. A thread still inside DuckDB at finalization (a
# DuckDB background thread, or a daemon thread of uvicorn/anyio/Playwright finishing a query) is unwound by the
# interpreter while C++ frames catch the unwind, and glibc aborts the process ("terminate called after throwing
# an instance of ...; FATAL: exception not rethrown", exit 134) although 1,126 tests passed: a fresh CI run hit it
# after the test-session shortcut was removed. Teardown failures are not hidden: they are errors of the run, in
# its report and its status, before this hook. FAIRWEATHER_KEEP_TEARDOWN=1 runs the finalization (to study it).
_EXIT_STATUS: list[int] = []


def pytest_sessionfinish(session, exitstatus) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config) -> None:
    if _EXIT_STATUS and os.environ.get("FAIRWEATHER_KEEP_TEARDOWN") != "1":
        import sys

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])
