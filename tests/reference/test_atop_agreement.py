"""Agreement of the pack's defence commitments with ATOP 5.1 dyad-years, 1990-2018.

The rules (what counts as a defence dyad-year, how reviewed exceptions apply)
are documented in :func:`fairweather.agreement.defence_agreement`; the same
figures print with ``fairweather data agreement``.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from fairweather import agreement
from fairweather.sources import reference as ref
from fairweather.store import Store

pytestmark = pytest.mark.reference

THRESHOLD = 0.95
DIRECTIONS = {"atop_only", "pack_only"}
COLUMNS = ["state_a", "state_b", "year_from", "year_to", "direction", "reason"]


@pytest.fixture(scope="module")
def store() -> Store:
    return Store.open()


def _summary(frame, limit: int = 40) -> str:
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for a, b, y in zip(frame["state_a"], frame["state_b"], frame["year"]):
        by_pair[(a, b)].append(y)
    ranked = sorted(by_pair.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    return "\n".join(f"  {a}-{b}: {min(ys)}-{max(ys)} ({len(ys)} yrs)" for (a, b), ys in ranked)


def test_exceptions_are_well_formed(store) -> None:
    exc = agreement.reviewed_exceptions(store, "atop")
    assert list(exc.columns) == COLUMNS
    for i, e in enumerate(exc.itertuples(), start=2):
        assert e.direction in DIRECTIONS, f"atop.csv line {i}: direction must be one of {DIRECTIONS}"
        assert e.reason.strip(), f"atop.csv line {i}: every exception needs a reason"
        assert int(e.year_from) <= int(e.year_to), f"atop.csv line {i}: year_from > year_to"


def test_defence_dyad_years_agree_with_atop(store, shared_data, capsys) -> None:
    res = agreement.defence_agreement(store, ref.read_atop_dyad_years(shared_data / "ps_atop_alliance.parquet"))
    f = res.figures
    with capsys.disabled():
        print(f"\nATOP 5.1 defence dyad-years 1990-2018: pack {f['pack_dyad_years']:.0f}, ATOP {f['reference_dyad_years']:.0f}")
        print(f"  before reviewed exceptions: recall {f['recall_before_exceptions']:.4f}  precision {f['precision_before_exceptions']:.4f}")
        print(f"  after reviewed exceptions:  recall {f['recall']:.4f}  precision {f['precision']:.4f}")
        if not res.disagreements.empty:
            print("unexplained disagreements:\n" + _summary(res.disagreements))
    assert f["recall"] >= THRESHOLD
    assert f["precision"] >= THRESHOLD
