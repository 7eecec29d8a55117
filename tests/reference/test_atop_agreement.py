"""Agreement of the pack's defence commitments with ATOP 5.1, 1990-2018.

Reads the pack CSVs directly (``commitments/``, ``commitment_members/``, ``states/``
and ``reviewed_exceptions/atop.csv``) with pandas, so that it does not depend on
the store API, and compares them with the ATOP 5.1 dyad-years that peacesciencer
ships as ``ps_atop_alliance.parquet`` in the shared reference folder.

Rules
-----
* Covered states are the ISO3 codes in ``states/*.csv``. ATOP's COW codes are
  mapped with the ``cow_code`` column of those files; 260 and 255 are both DEU,
  345 is SRB.
* A member gives a defence obligation when its ``obligations`` field lists
  ``defense``, or, when that field is empty, when the commitment's ``defense``
  flag is 1.
* A non-directed dyad {A, B} is bound in year Y when, in some commitment, A and
  B are members, at least one of the two gives a defence obligation, and the
  commitment's validity and both members' spells all overlap on at least one
  day of Y ("any day of the year"). ``valid_to`` is inclusive; empty means
  still valid. ATOP's ``atop_defense`` is likewise non-directed (a dyad counts
  when either side promises defence, e.g. US-Japan).
* The ATOP side is every dyad-year 1990-2018 with ``atop_defense == 1`` whose
  two states are covered.
* ``reviewed_exceptions/atop.csv`` (state_a, state_b, year_from, year_to,
  direction, reason) lists reviewed disagreements. ``direction`` is
  ``atop_only`` (ATOP codes a defence tie that the pack, on the treaty's text
  or dates, does not) or ``pack_only`` (the reverse). ``state_b`` may be ``*``
  for "any partner". An exception only removes dyad-years that are in
  disagreement in its direction; it never hides agreement.
* Recall = |pack ∩ ATOP| / |ATOP| and precision = |pack ∩ ATOP| / |pack|, over
  dyad-years after exceptions; both must be at least 0.95.
"""

from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.reference

REPO = Path(__file__).resolve().parents[2]
PACK = REPO / "src" / "fairweather" / "pack" / "data"
FIRST_YEAR, LAST_YEAR = 1990, 2018
THRESHOLD = 0.95
DIRECTIONS = {"atop_only", "pack_only"}


def _shared_data() -> Path | None:
    env = os.environ.get("FAIRWEATHER_SHARED_DATA")
    path = Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "data"
    return path if path.is_dir() else None


def _read_table(name: str) -> pd.DataFrame:
    files = sorted((PACK / name).glob("*.csv"))
    single = PACK / f"{name}.csv"
    if single.is_file():
        files.append(single)
    if not files:
        return pd.DataFrame()
    frames = [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files]
    return pd.concat(frames, ignore_index=True)


def _date(value: str, default: str) -> pd.Timestamp:
    return pd.Timestamp(value if value else default)


def _covered_states() -> tuple[set[str], dict[int, str]]:
    states = _read_table("states")
    if states.empty:
        pytest.skip("no states/*.csv in the pack yet: nothing to compare")
    covered = set(states["iso3"])
    cow_to_iso = {int(c): i for c, i in zip(states["cow_code"], states["iso3"]) if c}
    cow_to_iso.update({260: "DEU", 255: "DEU", 345: "SRB"})
    return covered, cow_to_iso


def pack_defence_dyad_years(covered: set[str]) -> set[tuple[str, str, int]]:
    """Non-directed dyad-years (a < b) bound by a defence obligation in the pack."""
    commitments = _read_table("commitments")
    members = _read_table("commitment_members")
    if commitments.empty or members.empty:
        return set()
    com = commitments.set_index("commitment_id")
    out: set[tuple[str, str, int]] = set()
    lo, hi = pd.Timestamp(f"{FIRST_YEAR}-01-01"), pd.Timestamp(f"{LAST_YEAR}-12-31")
    for cid, group in members.groupby("commitment_id"):
        c = com.loc[cid]
        c_from, c_to = _date(c["valid_from"], "1800-01-01"), _date(c["valid_to"], "2999-12-31")
        spells = []
        for m in group.itertuples():
            if m.state not in covered:
                continue
            obligations = m.obligations.split(";") if m.obligations else (
                ["defense"] if c["defense"] == "1" else []
            )
            start = max(c_from, _date(m.valid_from, c["valid_from"] or "1800-01-01"), lo)
            end = min(c_to, _date(m.valid_to, "2999-12-31"), hi)
            if start <= end:
                spells.append((m.state, "defense" in obligations, start, end))
        for i, (a, da, sa, ea) in enumerate(spells):
            for b, db, sb, eb in spells[i + 1 :]:
                if a == b or not (da or db):
                    continue
                start, end = max(sa, sb), min(ea, eb)
                if start > end:
                    continue
                x, y = sorted((a, b))
                for year in range(start.year, end.year + 1):
                    out.add((x, y, year))
    return out


def atop_defence_dyad_years(shared: Path, covered: set[str], cow_to_iso: dict[int, str]) -> set[tuple[str, str, int]]:
    df = pd.read_parquet(shared / "ps_atop_alliance.parquet")
    df = df[(df["year"] >= FIRST_YEAR) & (df["year"] <= LAST_YEAR) & (df["atop_defense"] == 1)]
    out: set[tuple[str, str, int]] = set()
    for c1, c2, year in zip(df["ccode1"], df["ccode2"], df["year"]):
        a, b = cow_to_iso.get(int(c1)), cow_to_iso.get(int(c2))
        if a is None or b is None or a == b or a not in covered or b not in covered:
            continue
        x, y = sorted((a, b))
        out.add((x, y, int(year)))
    return out


def read_exceptions() -> pd.DataFrame:
    path = PACK / "reviewed_exceptions" / "atop.csv"
    cols = ["state_a", "state_b", "year_from", "year_to", "direction", "reason"]
    if not path.is_file():
        return pd.DataFrame(columns=cols)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(df.columns) == cols, f"{path}: header must be {cols}"
    return df


def _matches(exc: pd.DataFrame, direction: str, dyad_year: tuple[str, str, int]) -> bool:
    a, b, year = dyad_year
    for e in exc[exc["direction"] == direction].itertuples():
        if not int(e.year_from) <= year <= int(e.year_to):
            continue
        pair = {e.state_a, e.state_b}
        if e.state_b == "*" and e.state_a in (a, b):
            return True
        if pair == {a, b}:
            return True
    return False


def _summary(dyad_years: set[tuple[str, str, int]], limit: int = 40) -> str:
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for a, b, y in dyad_years:
        by_pair[(a, b)].append(y)
    lines = [
        f"  {a}-{b}: {min(ys)}-{max(ys)} ({len(ys)} yrs)"
        for (a, b), ys in sorted(by_pair.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limit]
    ]
    return "\n".join(lines)


def test_exceptions_are_well_formed():
    exc = read_exceptions()
    for i, e in enumerate(exc.itertuples(), start=2):
        assert e.direction in DIRECTIONS, f"atop.csv line {i}: direction must be one of {DIRECTIONS}"
        assert e.reason.strip(), f"atop.csv line {i}: every exception needs a reason"
        assert int(e.year_from) <= int(e.year_to), f"atop.csv line {i}: year_from > year_to"


def test_defence_dyad_years_agree_with_atop(capsys):
    shared = _shared_data()
    if shared is None or not (shared / "ps_atop_alliance.parquet").is_file():
        pytest.skip("reference data absent: ../shared/data/ps_atop_alliance.parquet "
                    "(or $FAIRWEATHER_SHARED_DATA) not found")
    covered, cow_to_iso = _covered_states()
    pack = pack_defence_dyad_years(covered)
    atop = atop_defence_dyad_years(shared, covered, cow_to_iso)
    exc = read_exceptions()
    missing = {d for d in atop - pack if not _matches(exc, "atop_only", d)}
    extra = {d for d in pack - atop if not _matches(exc, "pack_only", d)}
    both = pack & atop
    atop_n = len(both) + len(missing)
    pack_n = len(both) + len(extra)
    recall = len(both) / atop_n if atop_n else 1.0
    precision = len(both) / pack_n if pack_n else 1.0
    with capsys.disabled():
        print(f"\nATOP 5.1 defence dyad-years {FIRST_YEAR}-{LAST_YEAR} among {len(covered)} covered states")
        print(f"  pack {len(pack)}, ATOP {len(atop)}, agreed {len(both)}, "
              f"unexplained ATOP-only {len(missing)}, unexplained pack-only {len(extra)}")
        raw_r = len(both) / len(atop) if atop else 1.0
        raw_p = len(both) / len(pack) if pack else 1.0
        print(f"  before reviewed exceptions: recall {raw_r:.4f}  precision {raw_p:.4f}")
        print(f"  after reviewed exceptions:  recall {recall:.4f}  precision {precision:.4f}")
        if missing:
            print("ATOP-only (not in pack, no reviewed exception):\n" + _summary(missing))
        if extra:
            print("pack-only (not in ATOP, no reviewed exception):\n" + _summary(extra))
    assert recall >= THRESHOLD, f"recall {recall:.4f} < {THRESHOLD}"
    assert precision >= THRESHOLD, f"precision {precision:.4f} < {THRESHOLD}"
