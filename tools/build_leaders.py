"""Build ``src/fairweather/text/data/leaders.csv``: the surnames of every state leader since 1945, with their state.

From Archigos 4.1 (Goemans, Gleditsch & Chiozza 2009, "Introducing Archigos: A
Dataset of Political Leaders", Journal of Peace Research 46(2): 269-283; the
copy peacesciencer ships as ``ps_archigos.csv``): one row per spell in office,
its Gleditsch-Ward state, start and end. The coder resolves "President Prosper
Avril" or "Olusegun Obasanjo" to the leader's state (``_actors.find_mentions``
says when a surname counts: after a title or a first name, never alone).

A surname is kept only where every leader who bears it led the same state
("Hussein" led Jordan and Iraq: left out), it has four letters or more, and it
is not a word the coder reads otherwise (a state's name, a title, a role noun)
nor a given name (the first word of another leader's name: "Hassan II"); the
commonest English surnames name only American and British leaders (a "Jack
Smith" is not Rhodesia's Ian Smith).
For names of several words the last word is the surname ("Abdoulaye Wade"),
and the part before a comma where Archigos writes "Duvalier, Francois".

Run from the repository root::

    python tools/build_leaders.py ../shared/data/ps_archigos.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from fairweather.codes import try_iso3

from _table import run

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "leaders.csv"
#: The commonest English surnames (US Census 2010 top 50): a "Jack Smith" is not Rhodesia's Ian Smith, so these
#: are kept only for leaders of the United States and the United Kingdom, where the name is most likely theirs.
_COMMON_SURNAMES = set("""
Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson Anderson
Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young
Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts
""".split())
_PARTICLES = {"al", "el", "de", "del", "la", "le", "los", "bin", "ibn", "ould", "van", "von", "da", "dos", "du", "st"}


def _surname(leader: str) -> str | None:
    name = leader.split(",")[0].strip() if "," in leader else leader.strip()
    words = [w for w in name.replace(".", ". ").split() if w.lower().strip(".") not in _PARTICLES]
    if not words:
        return None
    last = words[-1]
    return last if len(last) >= 4 and last[0].isupper() and "." not in last and last.replace("-", "").isalpha() else None


def taken_words() -> set[str]:
    """Words the coder reads otherwise: the one-word names of the other tables (cities left out: a leader named
    like a town abroad is still a leader; so are the Phoenix dictionaries' places, peoples and bodies and the
    world regions, which came after this table: the coder reads a name in those tables first, whatever this one
    holds), titles, role nouns and the trigger words."""
    from fairweather.text._actors import AGENT_NOUNS, TITLES, actor_entries
    from fairweather.text._lexicon import triggers

    taken = {k[0] for k, entries in actor_entries().items() if len(k) == 1 and any(
        e.kind not in ("city", "region") and not e.source.startswith("Phoenix.") for e in entries)}
    taken |= set(TITLES) | set(AGENT_NOUNS)
    taken |= {w for t in triggers() for part in t.parts if part for w in part}
    return taken


def build(archigos: Path) -> list[dict[str, str]]:
    df = pd.read_csv(archigos, usecols=["obsid", "gwcode", "leader", "startdate", "enddate"])
    df = df[df["enddate"] >= "1945-01-01"]
    taken = taken_words()
    # a word that opens another leader's name is a given name there ("Hassan II", "Omar Bongo"): left out
    given = {str(n).split()[0].lower() for n in df["leader"] if " " in str(n).strip() and "," not in str(n)}
    taken |= given
    rows = []
    for r in df.itertuples(index=False):
        surname = _surname(str(r.leader))
        iso3 = try_iso3(int(r.gwcode), "gw")
        if surname is None or iso3 is None or surname.lower().replace("-", "") in taken:
            continue
        if surname in _COMMON_SURNAMES and iso3 not in ("USA", "GBR"):
            continue
        rows.append({"name": surname, "iso3": iso3, "valid_from": r.startdate, "valid_to": r.enddate,
                     "source": f"Archigos 4.1 (peacesciencer ps_archigos), obsid {r.obsid} '{r.leader}'"})
    states: dict[str, set[str]] = {}
    for row in rows:
        states.setdefault(row["name"].lower(), set()).add(row["iso3"])
    return sorted((row for row in rows if len(states[row["name"].lower()]) == 1),
                  key=lambda row: (row["name"], row["valid_from"]))


def main(argv: list[str]) -> int:
    return run(argv, __doc__, build, OUT, ["name", "iso3", "valid_from", "valid_to", "source"],
               lambda rows: f"{len(rows)} spells, {len({r['name'] for r in rows})} surnames")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
