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

from pathlib import Path

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


def _joiner_levels(hostlev: int) -> tuple[int, int]:
    if hostlev >= 4:
        return 5, 5
    if hostlev == 3:
        return 4, 5
    return 1, 5


def read_mids(folder: Path | str, first_year: int = 1946, min_hostlev: int = 4) -> ImportedRows:
    folder = Path(folder)
    a = read_reference(folder / MID.files[0], {"dispnum": "int", "stday": "int", "stmon": "int", "styear": "int",
                                               "endday": "int", "endmon": "int", "endyear": "int", "hostlev": "int"})
    b = read_reference(folder / MID.files[1], {"dispnum": "int", "ccode": "int", "sidea": "int", "orig": "int",
                                               "hostlev": "int"})
    a = a[a["styear"] >= first_year]
    b = b[b["dispnum"].isin(a["dispnum"])].assign(state=lambda d: d["ccode"].map(cow_iso3))
    crises, responses = [], []
    skipped = 0
    disputes = a.set_index("dispnum")
    for disp, g in b.groupby("dispnum", sort=True):
        d = disputes.loc[disp]
        if g["state"].isna().any():
            skipped += 1
            continue
        attackers = g[(g["sidea"] == 1) & (g["orig"] == 1)]
        if attackers.empty or attackers["hostlev"].max() < min_hostlev:
            continue
        targets = g[(g["sidea"] == 0) & (g["orig"] == 1)]
        start = ymd(d["styear"], d["stmon"], d["stday"])
        end = ymd(d["endyear"], d["endmon"], d["endday"], end=True)
        att = sorted(set(attackers["state"]))
        for t in sorted(set(targets["state"])):
            if t in att:
                continue
            cid = f"mid-{int(disp)}-{t.lower()}"
            crises.append({"crisis_id": cid, "name": f"MID {int(disp)} against {t}", "start_date": start, "end_date": end,
                           "target": t, "attackers": ";".join(att), "kind": "war" if int(d["hostlev"]) == 5 else "border_clash",
                           "description": f"COW MID {int(disp)}: {', '.join(att)} against {t} from {start}; highest hostility "
                                          f"{int(d['hostlev'])} ({_HOSTLEV.get(int(d['hostlev']), '?')}).",
                           "source_id": MID.source_id})
            for j in g[g["orig"] == 0].itertuples(index=False):
                if j.state in att or j.state == t:
                    continue
                side_b = j.sidea == 0
                lo, hi = _joiner_levels(int(j.hostlev)) if side_b else (0, 0)
                act = _HOSTLEV.get(int(j.hostlev), "unknown action")
                responses.append({"crisis_id": cid, "supporter": j.state, "level": lo, "level_max": None if hi == lo else hi,
                                  "sided_with_attacker": int(not side_b),
                                  "evidence": f"COW MID {int(disp)}: joined side {'B (the target)' if side_b else 'A (the attackers)'}; "
                                              f"highest hostility {int(j.hostlev)} ({act}).",
                                  "source_id": MID.source_id})
    resp = pd.DataFrame(responses)
    if not resp.empty:  # a state that joined both sides at different times keeps its support for the target
        resp = resp.sort_values(["crisis_id", "supporter", "level"]).drop_duplicates(["crisis_id", "supporter"], keep="last")
    rows = ImportedRows(MID, {"crises": pd.DataFrame(crises), "responses": resp}, rows_read=len(a) + len(b))
    if skipped:
        rows.skipped["dispute with a participant without a code"] = skipped
    return rows
