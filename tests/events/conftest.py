"""Shared pieces of the event tests: fixture files, the reference folder, a hand-made event set."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
GDELT2 = FIXTURES / "20250616000000.export.CSV"
GDELT1 = FIXTURES / "gdelt1_mixed.export.CSV"
ICEWS_OFFICIAL = FIXTURES / "events.2018.icews.tab"
ICEWS_TKG = FIXTURES / "icews_tkg.tsv"
PLOVER_JSONL = FIXTURES / "plover_records.jsonl"
POLECAT = FIXTURES / "ngecEvents.20250620000000.Release001.DV.txt"


def shared_events_dir() -> Path | None:
    """The reference event samples (../shared/data/events or $FAIRWEATHER_SHARED_DATA/events)."""
    env = os.environ.get("FAIRWEATHER_SHARED_DATA")
    path = Path(env) / "events" if env else Path(__file__).resolve().parents[3] / "shared" / "data" / "events"
    return path if path.is_dir() else None


D = dt.date
START, END = D(2025, 6, 13), D(2025, 6, 24)

# (date, source, target, support_class, intensity, quad)
_ROWS = [
    (D(2025, 6, 14), "RUS", "IRN", "verbal_support", 3.4, 1),
    (D(2025, 6, 15), "RUS", "IRN", "verbal_support", 5.2, 1),
    (D(2025, 6, 20), "RUS", "IRN", "verbal_support", 1.0, 1),
    (D(2025, 6, 16), "RUS", "IRN", "material_support", 7.4, 2),
    (D(2025, 6, 14), "RUS", "ISR", "verbal_hostility", -2.0, 3),
    (D(2025, 6, 15), "RUS", "USA", "verbal_hostility", -2.0, 3),
    (D(2025, 6, 15), "RUS", "UKR", "material_hostility", -10.0, 4),  # not toward an attacker
    (D(2025, 6, 18), "RUS", "CHN", "other", 0.0, 1),
    (D(2025, 6, 12), "RUS", "IRN", "verbal_support", 3.4, 1),  # before the window
    (D(2025, 6, 25), "RUS", "IRN", "material_support", 8.3, 2),  # after the window
    (D(2025, 6, 14), "CHN", "IRN", "verbal_support", 3.4, 1),
    (D(2025, 6, 15), "CHN", "IRN", "verbal_support", 4.5, 1),
    (D(2025, 6, 16), "CHN", "ISR", "material_hostility", -6.0, 4),
    (D(2025, 6, 14), "IRN", "RUS", "verbal_support", 3.4, 1),  # target as source: volume only
    (D(2025, 6, 13), "ISR", "IRN", "material_hostility", -10.0, 4),
    (D(2025, 6, 22), "USA", "IRN", "material_hostility", -10.0, 4),
    (D(2025, 6, 20), "IRN", None, "other", 0.0, 1),  # non-state target
]


def hand_events() -> pd.DataFrame:
    """A small event set whose say–do numbers are worked out by hand in the tests."""
    rows = []
    for i, (date, src, tgt, cls, inten, quad) in enumerate(_ROWS, 1):
        rows.append({
            "event_id": f"h{i}", "date": date, "source_iso3": src, "target_iso3": tgt,
            "source_actor": src, "target_actor": tgt, "code_system": "cameo", "event_code": "010",
            "root_code": "01", "quad_class": quad, "support_class": cls, "intensity": inten,
            "mentions": 1, "source_file": "hand",
        })  # fmt: skip
    frame = pd.DataFrame(rows)
    frame["quad_class"] = frame["quad_class"].astype("int8")
    frame["mentions"] = frame["mentions"].astype("int32")
    return frame


@pytest.fixture
def fx() -> dict[str, Path]:
    """Paths of the self-made fixture files, by short name."""
    return {"gdelt2": GDELT2, "gdelt1": GDELT1, "icews": ICEWS_OFFICIAL, "tkg": ICEWS_TKG,
            "plover": PLOVER_JSONL, "polecat": POLECAT, "dir": FIXTURES}  # fmt: skip


@pytest.fixture
def events_dir() -> Path:
    """The reference event samples; skips when the shared folder is absent."""
    path = shared_events_dir()
    if path is None:
        pytest.skip("reference event samples not found: set FAIRWEATHER_SHARED_DATA or place ../shared/data/events")
    return path


@pytest.fixture
def hand() -> pd.DataFrame:
    """The hand-made event set (see _ROWS for the worked numbers)."""
    return hand_events()
