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


@pytest.fixture
def shared_data() -> Path:
    path = shared_data_dir()
    if path is None:
        pytest.skip("reference data ../shared/data is absent (set FAIRWEATHER_SHARED_DATA to run this check)")
    return path


# -- headless Chromium (Debian's package, never a downloaded browser) ---------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def chromium_context(tmp_path_factory: pytest.TempPathFactory):
    """Headless Debian Chromium with a fresh profile; skipped only off CI when Chromium is missing."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip("/usr/bin/chromium is missing (apt-get install chromium); the browser tests run in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS,
            headless=True, viewport={"width": 1280, "height": 900})
        yield context
        context.close()


# DuckDB's nanobind bindings print "leaked instance" reports when the
# interpreter tears down modules that still hold DuckDB types (Ibis and
# DuckDB's own caches). They are harmless but bury pytest's closing summary,
# which CI reads, so the session ends with the test run's exit status right
# after every plugin has finished.
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
