"""Check the history against a published figure: how often defence allies fought for an attacked ally after 1945.

Berkemeier & Fuhrmann (2018) find defence pacts honoured in 22% of the wars after 1945 in which an ally was
attacked. This script rebuilds the comparable share from the imported data: COW MID disputes since 1946 in
which a side-A originator used force, for each side-B originator (the target) its allies with a defence
obligation on the dispute's first day (ATOP and the curated pack, through the store's as-of engine), and the
share of those allies that took part on the target's side (as originators or joiners). Run from the
repository root:

    .venv/bin/python benchmarks/alliance_reliability.py --reference ../shared/data

Measured 2026-12-01: disputes that reached war (hostility 5), 104 ally-target pairs, 11 fought on the
target's side (10.6%); all uses of force (hostility 4-5), 10,220 pairs, 0.8%. The definitions differ: B&F
count COW interstate wars and the alliances ATOP records as applicable to them; here every defence pact
counts, multilateral regional pacts (the Arab League, the Rio Treaty, the OAU/AU) included, which adds many
allies that never fight, and a dispute is a MID that reached war level.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reference", type=Path, default=Path("../shared/data"))
    args = ap.parse_args()

    from fairweather.features import feature_inputs
    from fairweather.sources._reference_io import cow_iso3, read_reference, ymd
    from fairweather.store import Store

    a = read_reference(args.reference / "cow_mid5_mida_disputes.csv",
                       {"dispnum": "int", "stday": "int", "stmon": "int", "styear": "int", "hostlev": "int"})
    b = read_reference(args.reference / "cow_mid5_midb_participants.csv",
                       {"dispnum": "int", "ccode": "int", "sidea": "int", "orig": "int", "hostlev": "int"})
    b = b.assign(state=b["ccode"].map(cow_iso3))
    inp = feature_inputs(Store.open(history=True))
    for label, levels in [("disputes that reached war (hostility 5)", (5,)), ("all uses of force (hostility 4-5)", (4, 5))]:
        pairs = honoured = 0
        for r in a[(a["styear"] >= 1946) & (a["hostlev"].isin(levels))].itertuples():
            d = ymd(r.styear, r.stmon, r.stday)
            g = b[b["dispnum"] == r.dispnum]
            side_a, side_b = set(g[g["sidea"] == 1]["state"]), set(g[g["sidea"] == 0]["state"])
            for t in sorted(set(g[(g["sidea"] == 0) & (g["orig"] == 1)]["state"]) - {None}):
                for p in inp.states:
                    if p == t or p in side_a or not inp.in_system(p, d):
                        continue
                    if inp.obligations(p, t, d)[0]["defense"]:
                        pairs += 1
                        honoured += p in side_b
        print(f"{label}: {pairs} ally-target pairs, {honoured} fought on the target's side "
              f"({100 * honoured / max(pairs, 1):.1f}%; Berkemeier & Fuhrmann 2018: 22% after 1945)")


if __name__ == "__main__":
    main()
