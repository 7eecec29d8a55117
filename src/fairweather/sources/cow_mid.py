"""COW Militarized Interstate Disputes 5.0: who attacked whom, and who joined whom.

Reads the publisher's dispute and participant tables (``MIDA 5.0.csv``:
``dispnum, stday, stmon, styear, endday, endmon, endyear, hostlev``; ``MIDB
5.0.csv``: ``dispnum, ccode, sidea, orig, hostlev``; ``-9`` is missing). A
dispute since 1946 in which a side-A originator used force (hostility level 4
or 5) is a crisis for each side-B originator: its target, attacked by the
side-A originators (``mid-<dispnum>-<target>``).

Outcomes, as the dataset defines them, become ``responses``:

- a state that joined on the target's side (side B, not an originator) and used
  force (hostility 4-5) is level 5; one that displayed force (3) is 4 or 5
  (``level`` 4, ``level_max`` 5); one that only threatened or took no
  militarized action (1-2) is at least verbal (1 to 5);
- a state that joined the attackers' side is 0, flagged ``sided_with_attacker``.

MIDs record military participation only: a candidate partner with no record is
*censored* (no force used for the target: level 0 to 2, exact level unknown).
That rule lives with the training set (:data:`OBSERVES_FROM`), not in these rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from fairweather.sources._reference_io import Dataset, ImportedRows, cow_iso3, read_reference, ymd

__all__ = ["MID", "read_mids", "OBSERVES_FROM"]

MID = Dataset("cow-mid-5.0", "cow_mid", "5.0", "Palmer, Glenn, Roseanne W. McManus, Vito D'Orazio, Michael R. Kenwick, "
              "Mikaela Karstens, Chase Bloch, Nick Dietrich, Kayla Kahn, Kellan Ritter & Michael J. Soules. 2022. The MID5 "
              "Dataset, 2011-2014: Procedures, coding rules, and description. Conflict Management and Peace Science 39(4): 470-482.",
              "https://correlatesofwar.org/data-sets/mids/", "free to use with citation",
              ("cow_mid5_mida_disputes.csv", "cow_mid5_midb_participants.csv"), "2021-01-01")

#: The lowest support level the dataset observes: a candidate without a record helped below it.
OBSERVES_FROM = 3
_HOSTLEV = {1: "no militarized action", 2: "threat to use force", 3: "display of force", 4: "use of force", 5: "war"}


class _Participant(NamedTuple):
    state: str | None
    sidea: int
    orig: int
    hostlev: int


def _joiner_levels(hostlev: int) -> tuple[int, int]:
    if hostlev >= 4:
        return 5, 5
    if hostlev == 3:
        return 4, 5
    return 1, 5


def _participants(b: pd.DataFrame) -> Iterator[tuple[int, list[_Participant]]]:
    """Each dispute's participants in the file's order, disputes in ascending number.

    WHY plain tuples: selecting each dispute's rows from the frame (about 2,000 disputes) cost
    seven of the reader's eight seconds; one pass over the columns as Python values costs a few ms.
    """
    b = b.sort_values("dispnum", kind="stable")
    states = [cow_iso3(c) for c in b["ccode"].tolist()]
    rows = zip(b["dispnum"].tolist(), states, b["sidea"].tolist(), b["orig"].tolist(), b["hostlev"].tolist())
    for disp, group in groupby(rows, key=itemgetter(0)):
        yield disp, [_Participant(*r[1:]) for r in group]


def _crisis(disp: int, d: dict[str, Any], target: str, att: list[str]) -> dict[str, Any]:
    start = ymd(d["styear"], d["stmon"], d["stday"])
    end = ymd(d["endyear"], d["endmon"], d["endday"], end=True)
    hostlev = int(d["hostlev"])
    return {"crisis_id": f"mid-{disp}-{target.lower()}", "name": f"MID {disp} against {target}", "start_date": start,
            "end_date": end, "target": target, "attackers": ";".join(att),
            "kind": "war" if hostlev == 5 else "border_clash",
            "description": f"COW MID {disp}: {', '.join(att)} against {target} from {start}; highest hostility "
                           f"{hostlev} ({_HOSTLEV.get(hostlev, '?')}).",
            "source_id": MID.source_id}


def _response(disp: int, cid: str, j: _Participant) -> dict[str, Any]:
    side_b = j.sidea == 0
    lo, hi = _joiner_levels(int(j.hostlev)) if side_b else (0, 0)
    act = _HOSTLEV.get(int(j.hostlev), "unknown action")
    return {"crisis_id": cid, "supporter": j.state, "level": lo, "level_max": None if hi == lo else hi,
            "sided_with_attacker": int(not side_b),
            "evidence": f"COW MID {disp}: joined side {'B (the target)' if side_b else 'A (the attackers)'}; "
                        f"highest hostility {int(j.hostlev)} ({act}).",
            "source_id": MID.source_id}


def read_mids(folder: Path | str, first_year: int = 1946, min_hostlev: int = 4) -> ImportedRows:
    folder = Path(folder)
    a = read_reference(folder / MID.files[0], {"dispnum": "int", "stday": "int", "stmon": "int", "styear": "int",
                                               "endday": "int", "endmon": "int", "endyear": "int", "hostlev": "int"})
    b = read_reference(folder / MID.files[1], {"dispnum": "int", "ccode": "int", "sidea": "int", "orig": "int",
                                               "hostlev": "int"})
    a = a[a["styear"] >= first_year]
    b = b[b["dispnum"].isin(a["dispnum"])]
    fields = ("styear", "stmon", "stday", "endyear", "endmon", "endday", "hostlev")
    disputes = {int(n): dict(zip(fields, v)) for n, *v in zip(a["dispnum"].tolist(), *(a[c].tolist() for c in fields))}
    crises: list[dict[str, Any]] = []
    responses: list[dict[str, Any]] = []
    skipped = 0
    for disp, g in _participants(b):
        if any(p.state is None for p in g):
            skipped += 1
            continue
        attackers = [p for p in g if p.sidea == 1 and p.orig == 1]
        if not attackers or max(p.hostlev for p in attackers) < min_hostlev:
            continue
        att = sorted({p.state for p in attackers if p.state is not None})
        for t in sorted({p.state for p in g if p.sidea == 0 and p.orig == 1 and p.state is not None}):
            if t in att:
                continue
            crisis = _crisis(int(disp), disputes[disp], t, att)
            crises.append(crisis)
            responses.extend(_response(int(disp), crisis["crisis_id"], j) for j in g
                             if j.orig == 0 and j.state not in att and j.state != t)
    resp = pd.DataFrame(responses)
    if not resp.empty:  # a state that joined both sides at different times keeps its support for the target
        resp = resp.sort_values(["crisis_id", "supporter", "level"]).drop_duplicates(["crisis_id", "supporter"], keep="last")
    rows = ImportedRows(MID, {"crises": pd.DataFrame(crises), "responses": resp}, rows_read=len(a) + len(b))
    if skipped:
        rows.skipped["dispute with a participant without a code"] = skipped
    return rows
