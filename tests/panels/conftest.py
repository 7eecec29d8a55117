"""The tiny fixture slices of the publishers' files (see make_fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fx() -> Path:
    return FIXTURES


@pytest.fixture(autouse=True)
def _no_reference_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's FAIRWEATHER_REFERENCE must not leak into the tests: each passes its folder."""
    monkeypatch.delenv("FAIRWEATHER_REFERENCE", raising=False)
