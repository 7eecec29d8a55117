"""Build ``src/fairweather/text/data/cameo_ethnic.csv``: the names of CAMEO's ethnic groups, as one word each.

From the CAMEO ethnic codes as GDELT publishes them (``cameoEthnic.tsv``, CODE and LABEL). The coder reads
them two ways: a people named on its own ("Tamils protested in Colombo") is an actor of the state of its
context, as the PLOVER gold codes minorities; and of two demonyms side by side ("Greek Cypriot", "Bosnian
Serb") the one that names a people is the modifier, the other the state. Kept: one-word labels of four
letters or more (a shorter one, "Ga", "Yi", is too often something else) and not an English word or
a name more often meant otherwise (:data:`_SKIP`: "Whites", "Karen", "Tonga"); the label's first word where it
has a hyphen or brackets ("Abkhaz (Abkhazians)" gives "Abkhaz").

Run from the repository root::

    python tools/build_cameo_ethnic.py ../shared/data/events/cameo/cameoEthnic.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from _table import run

#: Labels that are English words or a continent's people more often than an ethnic group in news text.
_SKIP = {"Undetermined", "Votes", "Whites", "English", "Asian", "Europeans", "Indigenous", "Creole", "Mulatto",
         "Mestizo", "Slavic", "Sara", "Mano", "Dong", "Tama", "Sena", "Mari", "Maya", "Lari", "Bari", "Madi",
         "Teso", "Nung", "Hani", "Daur", "Pumi", "Jino", "Urdu", "Tonga", "Kiribati", "Bolivia", "Karen", "Mongo",
         "Kono", "Susu", "Moro"}
OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "cameo_ethnic.csv"


def build(ethnic: Path) -> list[dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    with ethnic.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            code, label = r["CODE"].strip(), r["LABEL"].strip()
            name = label.split("(")[0].strip()
            if name in _SKIP or " " in name or "-" in name or len(name) < 4 or not name.isalpha():
                continue
            rows.setdefault(name.lower(), {"name": name, "code": code,
                                           "source": f"CAMEO ethnic code {code} '{label}' (GDELT cameoEthnic.tsv)"})
    return sorted(rows.values(), key=lambda r: r["name"])


def main(argv: list[str]) -> int:
    return run(argv, __doc__, build, OUT, ["name", "code", "source"], lambda rows: f"{len(rows)} CAMEO ethnic groups")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
