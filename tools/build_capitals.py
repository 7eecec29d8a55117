"""Build ``src/fairweather/text/data/capitals.csv``: every capital a Gleditsch-Ward state has had, with the state.

From the capitals table peacesciencer ships (``ps_gw_capitals.csv``: state,
capital, first and last date). The coder already knows today's capitals of
:mod:`fairweather.codes`; this adds the rest ("Monrovia", "Accra", "Tirana",
"Bonn", "Rangoon", "Lagos"), as the news of their time named them. Left out:
capitals of states that no longer map to a state of today (the German and
Italian states before unification, South Yemen, Tibet), and names that are
more often something else in English news (:data:`_AMBIGUOUS`).

Run from the repository root::

    python tools/build_capitals.py ../shared/data/ps_gw_capitals.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from fairweather.codes import try_iso3

from _table import run

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "capitals.csv"
#: A lake, a queen, a word, a university, a Californian city, a port in England.
_AMBIGUOUS = {"Victoria", "Male", "Georgetown", "San Jose", "Kingstown", "Sucre", "Praia", "Roseau", "Castries"}


def build(capitals: Path) -> list[dict[str, str]]:
    df = pd.read_csv(capitals, usecols=["gwcode", "statenme", "capital", "stdate", "enddate"])
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for r in df.itertuples(index=False):
        iso3 = try_iso3(int(r.gwcode), "gw")
        name = str(r.capital).strip()
        if iso3 is None or name in _AMBIGUOUS:
            continue
        rows.setdefault((name, iso3), {"name": name, "iso3": iso3, "source": (
            f"peacesciencer ps_gw_capitals: {name}, capital of {r.statenme} (GW {r.gwcode}) {r.stdate} to {r.enddate}")})
    states: dict[str, set[str]] = {}
    for name, iso3 in rows:
        states.setdefault(name, set()).add(iso3)
    return sorted((r for (name, _), r in rows.items() if len(states[name]) == 1), key=lambda r: r["name"])


def main(argv: list[str]) -> int:
    return run(argv, __doc__, build, OUT, ["name", "iso3", "source"],
               lambda rows: f"{len(rows)} capitals")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
