"""Build ``src/fairweather/text/data/cameo_groups.csv``: the international organizations and named groups of
CAMEO's known-group list, each with the state a national group belongs to (none for an international one).

From the CAMEO known-group codes as GDELT publishes them (``cameoGroup.tsv``, CODE and LABEL; the CAMEO 1.1b3
codebook's list of known groups). A label gives one name and, in brackets, its abbreviation ("International
Monetary Fund (IMF)"): both are kept. Left out: labels that are no name a text uses (:data:`_SKIP`: a
generic word, an abbreviated spelling, a garbled character). A group the list holds that belongs to one state
(a national party or armed group: "Likud Party", "South Lebanon Army") gets that state from
:data:`_HOME`, each with the page that states it; every other group is international, coded with no state,
as the PLOVER gold codes IGOs and NGOs. The coder already knows some of these names (the UN, NATO, ECOWAS):
its curated rows come first.

Run from the repository root::

    python tools/build_cameo_groups.py ../shared/data/events/cameo/cameoGroup.tsv
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from _table import run

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "cameo_groups.csv"
#: Codes whose label names no group a text would: a generic word ("Communist"), a list's shorthand.
_SKIP = {"CMN", "PSE"}
#: National groups, their state and the page that says it (accessed 2026-12-03).
_HOME = {
    "AAM": ("PSE", "https://en.wikipedia.org/wiki/Al-Aqsa_Martyrs%27_Brigades (a Palestinian militia, Fatah's armed wing)"),
    "AML": ("LBN", "https://en.wikipedia.org/wiki/Amal_Movement (a Lebanese Shia political party)"),
    "ASL": ("LBN", "https://en.wikipedia.org/wiki/South_Lebanon_Army (a Lebanese militia, 1977-2000)"),
    "DFL": ("PSE", "https://en.wikipedia.org/wiki/Democratic_Front_for_the_Liberation_of_Palestine (a Palestinian party)"),
    "ENN": ("TUN", "https://en.wikipedia.org/wiki/Ennahda (a Tunisian political party)"),
    "FIS": ("DZA", "https://en.wikipedia.org/wiki/Islamic_Salvation_Army (armed wing of Algeria's Islamic Salvation Front)"),
    "FLN": ("DZA", "https://en.wikipedia.org/wiki/National_Liberation_Front_(Algeria) (an Algerian political party)"),
    "GIA": ("DZA", "https://en.wikipedia.org/wiki/Armed_Islamic_Group_of_Algeria (an Algerian armed group)"),
    "HEZ": ("LBN", "https://en.wikipedia.org/wiki/Hezbollah (a Lebanese Shia party and militant group)"),
    "IAF": ("JOR", "https://en.wikipedia.org/wiki/Islamic_Action_Front (a Jordanian political party)"),
    "ISJ": ("PSE", "https://en.wikipedia.org/wiki/Palestinian_Islamic_Jihad (a Palestinian militant group)"),
    "KDP": ("IRQ", "https://en.wikipedia.org/wiki/Kurdistan_Democratic_Party (the largest party of Iraqi Kurdistan)"),
    "LBA": ("ISR", "https://en.wikipedia.org/wiki/Israeli_Labor_Party (an Israeli political party)"),
    "LKD": ("ISR", "https://en.wikipedia.org/wiki/Likud (an Israeli political party)"),
    "MRZ": ("ISR", "https://en.wikipedia.org/wiki/Meretz (an Israeli political party)"),
    "MSP": ("DZA", "https://en.wikipedia.org/wiki/Movement_of_Society_for_Peace (an Algerian political party)"),
    "PFL": ("PSE", "https://en.wikipedia.org/wiki/Popular_Front_for_the_Liberation_of_Palestine (a Palestinian party)"),
    "PLF": ("PSE", "https://en.wikipedia.org/wiki/Palestine_Liberation_Front (a Palestinian militant group)"),
    "PLO": ("PSE", "https://en.wikipedia.org/wiki/Palestine_Liberation_Organization (represents the Palestinian people)"),
    "TAL": ("AFG", "https://en.wikipedia.org/wiki/Taliban (an Afghan Islamist movement, ruling Afghanistan 1996-2001 and since 2021)"),
    "PMD": ("IRN", "https://en.wikipedia.org/wiki/People%27s_Mojahedin_Organization_of_Iran (an Iranian opposition group)"),
    "RND": ("DZA", "https://en.wikipedia.org/wiki/National_Rally_for_Democracy_(Algeria) (an Algerian political party)"),
    "SHA": ("ISR", "https://en.wikipedia.org/wiki/Shas (an Israeli political party)"),
}


def _names(label: str) -> list[str]:
    """The names a label gives: the text before its brackets and each bracketed abbreviation or name."""
    parts = [label.split("(")[0].strip(), *re.findall(r"\(([^()]+)\)", label)]
    return [p for p in dict.fromkeys(parts) if p and "?" not in p and not re.search(r"\b[A-Z][a-z]+\.", p)
            and " plus " not in p]


def build(groups: Path) -> list[dict[str, str]]:
    rows = []
    with groups.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            code, label = r["CODE"].strip(), r["LABEL"].strip()
            if code in _SKIP or not (names := _names(label)):
                continue
            iso3, home = _HOME.get(code, ("", ""))
            source = f"CAMEO known-group code {code} '{label}' (GDELT cameoGroup.tsv)" + (f"; home state: {home}" if home else "")
            rows.append({"names": ";".join(names), "code": f"CAMEO:{code}", "iso3": iso3,
                         "kind": "group" if iso3 else "igo", "source": source})
    return rows


def main(argv: list[str]) -> int:
    return run(argv, __doc__, build, OUT, ["names", "code", "iso3", "kind", "source"],
               lambda rows: f"{len(rows)} CAMEO known groups")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
