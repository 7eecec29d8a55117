"""The names the coder knows, each with its state, kind, sector, dates and source (read once, cached).

These tables feed one token trie (:mod:`fairweather.text._actors`):

* the state names, capitals, demonyms and metonyms :mod:`fairweather.codes`
  resolves (``codes_data/aliases.csv`` keeps their original spelling, so an
  all-capitals alias such as ``US`` only matches in capitals, never the word
  "us");
* the armed groups of :mod:`fairweather.actors` and every other group the UCDP
  External Support Dataset names (code ``UCDP:<id>``), each with the state it
  fights in, as the PLOVER gold codes them (Hamas PSE, Hezbollah LBN, UNITA
  AGO; ``data/armed_group_homes.csv``, built by
  ``tools/build_armed_group_homes.py``); a transnational group (al-Qaeda, IS)
  has no state, as the gold's IMG;
* this package's ``data/actors.csv``: office holders with the dates they held
  office and a source stating it, armed forces, ministries, parliaments and
  international organizations;
* CAMEO's known groups (``data/cameo_groups.csv``, built by
  ``tools/build_cameo_groups.py`` from GDELT's CAMEO group list): international
  organizations, with no state ("World Bank", "Paris Club"), and the national
  parties and groups of that list with their state ("Likud Party" ISR);
* the world's regions, of no state ("Latin America", "the Middle East", "South America"; CAMEO's region codes
  and country_converter's UN regions), so that a region is not the state its last word names;
* every capital a state has had (``data/capitals.csv``, from peacesciencer's
  Gleditsch-Ward capitals, built by ``tools/build_capitals.py``: "Monrovia",
  "Bonn", "Rangoon");
* states' other names, peoples, provinces, towns and bodies, and international organizations and their office
  holders (``data/phoenix_names.csv``, from the Phoenix dictionaries, built by
  ``tools/build_phoenix_names.py``): "Togolese", "Helmand", "the Expediency Council", "OPCW",
  "Boutros Boutros-Ghali" (the UN), after the tables above and before the cities;
* the world's cities of 100,000 people or more whose name no other state's
  city bears (``data/cities.csv``, from GeoNames, built by
  ``tools/build_cities.py``): "near the town of Samarra" is Iraq, as the gold
  codes a place;
* the surnames of every state leader since 1945 (``data/leaders.csv``, from
  Archigos 4.1, built by ``tools/build_leaders.py``), read only after a title
  or a first name ("President Prosper Avril", "Olusegun Obasanjo");
* ministers and other office holders (``data/officials.csv``, from the Phoenix
  country actor dictionary, built by ``tools/build_officials.py``): by full
  name anywhere ("Warren Christopher"), by surname as a leader's is read
  ("Foreign Minister Primakov").

A person resolves to their state at any date (Putin is Russian before and
after an office); the dates decide the ``sector``: ``GOV`` while in office,
``ELI`` (elite, out of office) otherwise.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fairweather.actors import armed_groups
from fairweather.codes import all_states, known_names, territory_names, try_iso3
from fairweather.text._tokens import tokenize

__all__ = ["ActorEntry", "actor_entries", "ethnic_groups", "word_surnames"]


@dataclass(frozen=True)
class ActorEntry:
    """One name the coder knows: the actor code, its state (None for IGOs and armed groups), kind, sector, dates."""

    name: str
    code: str
    iso3: str | None
    kind: str
    sector: str
    role: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    source: str = ""
    exact_case: bool = False

    def in_office(self, date: dt.date | None) -> bool:
        if date is None:
            return True
        return (self.valid_from is None or self.valid_from <= date) and (self.valid_to is None or date <= self.valid_to)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _keys(name: str) -> tuple[str, ...]:
    keys = tuple(t.key for t in tokenize(name))
    return keys[1:] if len(keys) > 1 and keys[0] == "the" else keys


def _curated() -> list[ActorEntry]:
    out = []
    with (resources.files("fairweather.text") / "data" / "actors.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for name in r["names"].split(";"):
                out.append(ActorEntry(name, r["code"], r["iso3"] or None, r["kind"], r["sector"], r["role"],
                                      _date(r["valid_from"]), _date(r["valid_to"]), r["source"],
                                      exact_case=name.isupper() and len(name.replace(".", "")) <= 5))
    return out


def _from_codes() -> list[ActorEntry]:
    out = []
    with (resources.files("fairweather") / "codes_data" / "aliases.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            kind = "state" if r["kind"] == "name" else r["kind"]
            out.append(ActorEntry(r["alias"], r["iso3"], r["iso3"], kind, "GOV" if kind == "metonym" else "",
                                  source="fairweather codes_data/aliases.csv",
                                  exact_case=r["alias"].replace(".", "").isupper() and len(r["alias"]) <= 5))
    for st in all_states():
        out.append(ActorEntry(st.name, st.iso3, st.iso3, "state", "", source="fairweather codes_data/state_codes.csv"))
    # territories no state system codes ("American Samoa", "Hong Kong SAR China"): named, so that "American"
    # inside them is not the United States, but no state (Palestine, which CAMEO codes, is in actors.csv)
    curated = {e.code for e in _curated()}
    for name, code in territory_names().items():
        if code not in curated:
            out.append(ActorEntry(name, code, None, "territory", "", source="country_converter names"))
    # country_converter's official and short names (lower-cased); two- and three-letter codes are left out:
    # "can", "per" and "chad" in lower case are words, and capitals-only codes come from aliases.csv.
    for name in known_names():
        if len(name) > 3 and (iso := try_iso3(name)):
            out.append(ActorEntry(name, iso, iso, "state", "", source="country_converter names"))
    return out


@lru_cache(maxsize=1)
def _group_homes() -> dict[str, tuple[str, str, str]]:
    """UCDP armed groups with their home state: code -> (UCDP name, ISO3, source), from ``armed_group_homes.csv``."""
    with (resources.files("fairweather.text") / "data" / "armed_group_homes.csv").open(encoding="utf-8") as fh:
        return {r["code"]: (r["name"], r["iso3"], r["source"]) for r in csv.DictReader(fh)}


def _groups() -> list[ActorEntry]:
    """The armed groups of :mod:`fairweather.actors`, each with the state it fights in (PLOVER's coding) if it has one."""
    out = []
    homes = _group_homes()
    for g in armed_groups().values():
        home = homes.get(g.code)
        source = f"{g.source_id}: {g.locator}" + (f"; home state: {home[2]}" if home else "")
        for name in (g.name, *g.aliases):
            out.append(ActorEntry(name, g.code, home[1] if home else None, "armed_group", "REB", source=source))
    return out


def _cameo_groups() -> list[ActorEntry]:
    """CAMEO's known groups (``data/cameo_groups.csv``, built by ``tools/build_cameo_groups.py``): international
    organizations with no state ("International Monetary Fund", "Paris Club", not Paris), national parties and
    groups with theirs ("Likud Party")."""
    out = []
    with (resources.files("fairweather.text") / "data" / "cameo_groups.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for name in r["names"].split(";"):
                out.append(ActorEntry(name, r["iso3"] or r["code"], r["iso3"] or None, r["kind"],
                                      "IGO" if not r["iso3"] else "", source=r["source"],
                                      exact_case=name.replace("-", "").isupper() and len(name) <= 5))
    return out


def _capitals() -> list[ActorEntry]:
    """Every capital a state has had (``data/capitals.csv``, from peacesciencer's GW capitals), after today's."""
    with (resources.files("fairweather.text") / "data" / "capitals.csv").open(encoding="utf-8") as fh:
        return [ActorEntry(r["name"], r["iso3"], r["iso3"], "capital", "", source=r["source"])
                for r in csv.DictReader(fh)]


def _cities() -> list[ActorEntry]:
    """The world's cities of 100,000 people or more (``data/cities.csv``, from GeoNames), last of all."""
    with (resources.files("fairweather.text") / "data" / "cities.csv").open(encoding="utf-8") as fh:
        return [ActorEntry(r["name"], r["iso3"], r["iso3"], "city", "", source=r["source"])
                for r in csv.DictReader(fh)]


@lru_cache(maxsize=1)
def _officials() -> tuple[ActorEntry, ...]:
    """Ministers and other office holders (``data/officials.csv``, from the Phoenix country actor dictionary,
    built by ``tools/build_officials.py``), by full name: "Warren Christopher", "Yevgeny Primakov"."""
    with (resources.files("fairweather.text") / "data" / "officials.csv").open(encoding="utf-8") as fh:
        return tuple(ActorEntry(r["name"], r["iso3"], r["iso3"], "person", "GOV", "official",
                                _date(r["valid_from"]), _date(r["valid_to"]), r["source"])
                     for r in csv.DictReader(fh))


def _official_surnames() -> dict[str, ActorEntry]:
    """The officials' surnames that name one state and no other word (the column ``surname``), by token key; each
    entry keeps the official's full name, so a surname after another first name is not read as them ("Samantha
    Power" is not Simon Power)."""
    with (resources.files("fairweather.text") / "data" / "officials.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["surname"]]
    return {_keys(r["surname"])[0]: ActorEntry(r["name"], r["iso3"], r["iso3"], "person", "GOV", "official",
                                               _date(r["valid_from"]), _date(r["valid_to"]), r["source"])
            for r in rows}


#: The region codes of CAMEO's actor country list (the CAMEO codebook's "regions": the rest are states and
#: dependencies).
_CAMEO_REGIONS = "AFR ASA BLK CRB CAU CFR CAS CEU EIN EAF EEU EUR LAM MEA MDT NAF NMR SCN SAM SAS SEA WAF WST".split()


def _regions() -> list[ActorEntry]:
    """World regions, of no state: CAMEO's regions (their labels in GDELT's CAMEO country list: "Latin America",
    "Middle East", "the Balkans") and country_converter's UN regions and seven continents ("South America",
    "Western Asia"), so that "South America" is not America, the United States. A region whose name holds a
    state's ("Australia and New Zealand", "Micronesia") is left to the state."""
    from fairweather.codes import _coco_rows
    from fairweather.events.taxonomy import cameo_country_codes

    labels = cameo_country_codes()
    out = [ActorEntry(labels[c], f"CAMEO:{c}", None, "region", "", source=f"CAMEO country code {c} (GDELT cameoCountry.tsv)")
           for c in _CAMEO_REGIONS if c in labels]
    names = {r[c] for r in _coco_rows() for c in ("UNregion", "Continent_7") if r.get(c)}
    out += [ActorEntry(n, "REGION", None, "region", "", source="country_converter: UNregion, Continent_7")
            for n in sorted(names) if not any(try_iso3(w) for w in n.split(" and "))]
    return out


def _phoenix() -> list[ActorEntry]:
    """States' places, peoples and bodies, and international organizations, from the Phoenix dictionaries
    (``data/phoenix_names.csv``, built by ``tools/build_phoenix_names.py``): "Togolese", "Helmand", "the
    Expediency Council", "Afghan National Army", "the Organization for the Prohibition of Chemical Weapons",
    "Boutros Boutros-Ghali" (the UN while in office). Read after the other tables of names, before the GeoNames
    cities, so a name another table holds keeps its entry there; a one-word organization is an acronym, read
    only in capitals ("IAEA")."""
    with (resources.files("fairweather.text") / "data" / "phoenix_names.csv").open(encoding="utf-8") as fh:
        return [ActorEntry(r["name"], r["code"], r["iso3"] or None, r["kind"], r["sector"] or
                           ("GOV" if r["kind"] == "office" else ""), "", _date(r["valid_from"]),
                           _date(r["valid_to"]), r["source"],
                           exact_case=r["kind"] in ("igo", "ngo") and " " not in r["name"])
                for r in csv.DictReader(fh)]


def _ucdp_groups() -> list[ActorEntry]:
    """Every other armed group UCDP names, under its UCDP name, with its home state (after the states' names)."""
    known = set(armed_groups())
    return [ActorEntry(name, code, iso3, "armed_group", "REB", source=source,
                       exact_case=name.replace("/", "").replace("-", "").isupper() and len(name) <= 8)
            for code, (name, iso3, source) in _group_homes().items() if code not in known]


@lru_cache(maxsize=1)
def actor_entries() -> dict[tuple[str, ...], tuple[ActorEntry, ...]]:
    """Every known name as its token keys, with the entries it may mean (curated ones first)."""
    table: dict[tuple[str, ...], list[ActorEntry]] = {}
    for entry in (*_curated(), *_groups(), *_cameo_groups(), *_from_codes(), *_regions(), *_capitals(), *_ucdp_groups(), *_phoenix(), *_cities(),
                  *_officials()):
        keys = _keys(entry.name)
        if keys:
            table.setdefault(keys, []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def ethnic_groups() -> frozenset[str]:
    """CAMEO's ethnic groups as token keys, singular and plural ("kurd", "kurds"; ``data/cameo_ethnic.csv``)."""
    with (resources.files("fairweather.text") / "data" / "cameo_ethnic.csv").open(encoding="utf-8") as fh:
        keys = {r["name"].lower() for r in csv.DictReader(fh)}
    return frozenset(keys | {k + "s" for k in keys if not k.endswith("s")} | {k[:-1] for k in keys if k.endswith("s")})


@lru_cache(maxsize=1)
def _leaders() -> dict[str, tuple[ActorEntry, ...]]:
    """State leaders' surnames since 1945 (``data/leaders.csv``, from Archigos 4.1), by token key."""
    table: dict[str, list[ActorEntry]] = {}
    with (resources.files("fairweather.text") / "data" / "leaders.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            table.setdefault(_keys(r["name"])[0], []).append(
                ActorEntry(r["name"], r["iso3"], r["iso3"], "person", "GOV", "state leader",
                           _date(r["valid_from"]), _date(r["valid_to"]), r["source"]))
    for key, entry in _official_surnames().items():  # after Archigos, which the build leaves them out of
        table.setdefault(key, []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def word_surnames() -> frozenset[str]:
    """Leaders' and officials' surnames that are common English words ("Said", "Long", "Price";
    ``data/word_surnames.csv``, built by ``tools/build_word_surnames.py`` from wordfreq), as token keys."""
    with (resources.files("fairweather.text") / "data" / "word_surnames.csv").open(encoding="utf-8") as fh:
        return frozenset(_keys(r["name"])[0] for r in csv.DictReader(fh))
