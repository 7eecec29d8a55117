"""Build ``src/fairweather/text/data/phoenix_names.csv``: the names of states' places, peoples and bodies, and of
international organizations, from the Phoenix actor dictionaries.

The coder's state names, demonyms and capitals come from country_converter and peacesciencer, whose lists
hold one or two spellings a state; the news writes more ("Togolese", "Motswana", "Entebbe", "the Expediency
Council", "the US Congress", "Afghan National Army") and names international bodies by many names ("the
Organization for the Prohibition of Chemical Weapons", "the UN refugee agency", "Kofi Annan"), which
CAMEO's short group list leaves out. The Computational Event Data System's CountryInfo (via the Open Event
Data Alliance's Phoenix dictionaries, MIT licence) lists them, each with its CAMEO code:

* ``Phoenix.Countries.actors.txt``: each state's block opens with its name and code (``AFGHANISTAN_
  [AFG]``) and lists its other names, adjectives, peoples, capital, main cities and provinces
  (``+AFGHAN_``, ``+KABUL_``, ``+KANDAHAR_``), then its national institutions (``AFGHAN_NATIONAL_ARMY
  [AFGMIL]``) and its people (``# CountryInfo.txt``). Kept: every name of the entries that are no person
  (:data:`_PERSON`: those ``build_officials.py`` reads), under the state of the entry's last code (the one in
  force: ``[USRARM <900823] ... [ARM >911221]`` is Armenia), read as ISO3 through GDELT's CAMEO country list;
  a dependency's code (``GBRMSR``, Montserrat) is left out, as its territory is no state the coder codes.
* ``Phoenix.International.actors.txt``: the intergovernmental organizations and NGOs (codes ``IGO...``,
  ``NGO...``) with the names of their office holders while in office; the media and multinational
  corporations (``MED``, ``MNC``) are left out, as are entries that also carry a state's code (a person who
  was a minister first, "Ban Ki-moon").
* ``Phoenix.MilNonState.actors.txt``: militant non-state groups, under the state their code opens with
  (``KHMER_ROUGE_ [KHMREB]``), of no state where it opens with a region or ``IMG`` (transnational).

A name is kept where it names one actor: a name two entries of different states (or a state and an
organization) bear is left out ("Georgia" of the Caucasus and ``GEORGIA`` the US state, "Tripoli"). One
word names are kept where they have five letters or more (``FARAH``, ``GHOR`` are left out: short words
that are names of many things) and, for organizations, where they are an acronym, which the coder reads
only in capitals ("IAEA", not "Care"). Names already in the coder's other tables keep their entries there:
the loader (``fairweather.text._actor_tables``) adds a name from this table only where no other table has it.

Each row cites the file, commit and line. Get the files and run from the repository root::

    for f in Phoenix.Countries.actors.txt Phoenix.International.actors.txt Phoenix.MilNonState.actors.txt; do
      curl -LO https://raw.githubusercontent.com/openeventdata/petrarch2/676801cd9cb2924bbbad09f86d15c9323e7097bf/petrarch2/data/dictionaries/$f
    done
    python tools/build_phoenix_names.py Phoenix.Countries.actors.txt Phoenix.International.actors.txt \
        Phoenix.MilNonState.actors.txt
"""

from __future__ import annotations

import hashlib
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from fairweather.codes import _converter, territory_names, try_iso3  # the matcher with Namibia's 'NA' kept
from fairweather.events.taxonomy import cameo_country_codes

from _table import write_table
from build_officials import _spell  # the Phoenix date spells, read as the officials' table reads them

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "phoenix_names.csv"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
SHA256 = {"Phoenix.Countries.actors.txt": "8d4ee11692ccb1636a5cf4421849c420508acbd9b930adab457472b843276506",
          "Phoenix.International.actors.txt": "6fafbbe39bc47858edb9262411ab005b97977818237f85f3808fd11701a3ad2c",
          "Phoenix.MilNonState.actors.txt": "78496d642ceb3501137f12a3d8af7820b139319200b5ecffa05f0f91a2508f3b"}
FIELDS = ["name", "code", "iso3", "kind", "sector", "valid_from", "valid_to", "source"]
#: CAMEO's codes of the Soviet Union and Yugoslavia, which GDELT's country list lacks, as the coder codes them
#: (``actors.csv``: "Soviet" is RUS; ``fairweather.codes``: Yugoslavia is SRB).
_LEGACY = {"USR": "RUS", "YUG": "SRB"}
#: CAMEO role codes that may follow a state's three letters (``AFGMIL``, ``USAGOVLEG``); any other three
#: letters there name a dependency (``GBRMSR``).
_ROLES = frozenset("""
GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL ELI HLH HRI LAB LEG REF SET AGR ENV IGO IMG INS MOD RAD UAF
UNR OCC MNC NGO ETH REL MUS CHR JEW HIN BUD SHI SUN SRP ATH SOC MOS ISI
""".split())
_CODE = re.compile(r"\[([^\]]*)\]")
#: Words of an office or a body: an entry holding one is no person ("ACTING_MINISTER_...", "..._COUNCIL").
_BODY_WORDS = frozenset("""
ministry ministries department council committee party front army forces force navy police guard guards
court congress parliament assembly senate house union league office agency commission bank service
government cabinet movement organization organisation institute association coalition alliance brigade
brigades corps command authority bureau presidium politburo
""".split())
#: The comment ``build_officials.py`` reads persons by.
_PERSON = "CountryInfo.txt"


@dataclass
class _Entry:
    names: list[tuple[str, int]]
    person: bool
    codes: list[str] = field(default_factory=list)


def _entries(path: Path) -> list[_Entry]:
    """The TABARI actor file's entries: a line that opens a name, its ``+`` synonyms, and every code given."""
    out: list[_Entry] = []
    for no, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        body, _, comment = raw.partition("#")
        codes = _CODE.findall(body)
        head = body.split("[")[0].strip()
        if raw[0] in " \t":
            if out:
                out[-1].codes += codes
        elif raw.startswith("+"):
            if out:
                out[-1].names.append((head[1:].strip(), no))
                out[-1].codes += codes
        else:
            out.append(_Entry([(head, no)], _PERSON in comment, codes))
    return out


def _clean(name: str) -> str:
    """``KOFI_ATTA_ANNAN_`` -> ``Kofi Atta Annan``; ``U.N._`` -> ``U.N.``; an acronym stays in capitals."""
    words = [w for w in name.replace("\t", " ").strip().strip("_").replace("_", " ").split() if w]
    return " ".join(words)


def _title(name: str) -> str:
    """Capitals as a name is written: ``NATIONAL PEOPLE'S CONGRESS`` -> ``National People's Congress``; a
    word with no vowel or of two letters or one with dots stays in capitals (``US``, ``U.N.``, ``DOJ``)."""
    small = {"of", "the", "and", "for", "on", "in", "to", "de", "du", "la", "al"}
    out = []
    for k, w in enumerate(name.split()):
        lw = w.lower()
        if k and lw in small:
            out.append(lw)
        elif len(w) <= 2 or "." in w or not re.search(r"[AEIOUY]", w) or len(w) <= 4 and w.isupper() and \
                len(name.split()) == 1:
            out.append(w)
        else:
            out.append("-".join(p[:1] + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def _state(code: str) -> str | None:
    """The ISO3 of a CAMEO state code: itself where it is one (``ROU``, ``SSD``), else through GDELT's CAMEO
    country list (``TMP`` East Timor is TLS), else :data:`_LEGACY`."""
    three = code[:3]
    if three in _LEGACY:
        return _LEGACY[three]
    if three == "PSE" or try_iso3(three) == three:
        return three
    label = cameo_country_codes().get(three)
    return try_iso3(label) if label else None


def _coco(name: str) -> str | None:
    """country_converter's reading of a name (its regexes), territories included: ``HMD`` for "Heard Island"."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hit = _converter().convert(name, to="ISO3", not_found=None)
    return hit if isinstance(hit, str) else None


_DEMONYM_END = ("an", "ans", "ese", "ish", "i", "is", "ic", "ot", "ots", "er", "ers", "ard", "ards", "man", "men")
#: Endings of a state's name, never of its people: "Kazachstan", "Brunei" (a misspelling or the name itself).
_NAME_END = ("stan", "land", "states", "sates", "stats", "republic", "islands", "isles", "brunei", "tunis", "taipei")


def _demonym(name: str, head: str, iso3: str) -> bool:
    """Whether a name of a state's block names its people or is its adjective ("Togolese", "Albanians", "Irish",
    "Sri Lankan"): one or two words, ending as demonyms do and not as states' names do, and beginning as the
    block's first name does or read by country_converter as that state."""
    low, first = name.lower(), head.lower()
    if len(name.split()) > 2 or not low.endswith(_DEMONYM_END) or low.endswith(_NAME_END):
        return False
    return low != first and (low[:4] == first[:4] or _coco(name) == iso3)


def _country_rows(path: Path) -> list[dict[str, str]]:
    rows = []
    territories = set(territory_names().values())
    for e in _entries(path):
        if e.person or not e.codes:
            continue
        last = e.codes[-1].split()
        if not last:
            continue
        code = last[0]
        roles = re.findall("...", code[3:])
        if len(code) < 3 or len(code) % 3 or any(r not in _ROLES for r in roles):
            continue  # a dependency ("GBRMSR") or a malformed code
        iso3 = _state(code)
        if iso3 is None:
            continue
        words = {w.lower() for n, _ in e.names for w in _clean(n).split()}
        sector = "".join(roles)
        if not roles:
            kind = "place"
        elif words & _BODY_WORDS or len(_clean(e.names[0][0]).split()) == 1:  # "the Bundestag", "Basij"
            kind = "military" if "MIL" in roles else "office" if roles[0] in ("GOV", "LEG", "JUD") else "group"
        else:
            kind = "person"
        valid = _spell(" ".join(last[1:])) if kind == "person" else ("", "")
        head = _clean(e.names[0][0])
        for name, no in e.names:
            name = _clean(name)
            here = kind
            if kind == "place":
                if _coco(name) in territories:
                    continue  # a territory country_converter lists ("Heard Island", "Saint Barthelemy"): no state
                here = "demonym" if _demonym(name, head, iso3) else "state" if name == head or \
                    name.lower()[:4] == head.lower()[:4] or try_iso3(name) == iso3 else "place"
            rows.append({"name": name, "code": iso3, "iso3": iso3, "kind": here, "sector": sector or "",
                         "valid_from": valid[0], "valid_to": valid[1],
                         "source": f"Phoenix.Countries.actors.txt (openeventdata/petrarch2 @ {COMMIT[:10]}, "
                                   f"CountryInfo.140130), line {no} '{name.strip()}'"})
    return rows


def _international_rows(path: Path) -> list[dict[str, str]]:
    rows = []
    for e in _entries(path):
        codes = [c.split() for c in e.codes if c.split()]
        if not codes or any(not (c[0].startswith(("IGO", "NGO")) or c[0] in ("ELI", "---")) for c in codes):
            continue
        org = [c for c in codes if c[0].startswith(("IGO", "NGO"))]
        if not org:
            continue
        kind = "igo" if org[0][0].startswith("IGO") else "ngo"
        dated = [_spell(" ".join(c[1:])) for c in org if len(c) > 1]
        valid = (min((d[0] for d in dated), default=""), "" if any(not d[1] for d in dated) else
                 max(d[1] for d in dated)) if dated else ("", "")
        for name, no in e.names:
            rows.append({"name": _clean(name), "code": kind.upper(), "iso3": "", "kind": kind,
                         "sector": kind.upper(), "valid_from": valid[0], "valid_to": valid[1],
                         "source": f"Phoenix.International.actors.txt (openeventdata/petrarch2 @ {COMMIT[:10]}), "
                                   f"line {no} '{name.strip()}'"})
    return rows


#: Words of a compass point or a region: a name made of them alone ("North West", a South African province) is
#: the name of many places.
_DIRECTIONS = frozenset("north south east west northern southern eastern western central northeast northwest "
                        "southeast southwest upper lower middle far near".split())


def _given_names(path: Path) -> frozenset[str]:
    """The first words of CountryInfo's persons' names ("Vladimir", "Lawrence", "Austin"): a place that is a
    given name too is read as neither ("Vladimir Medvedev" is no Russian town)."""
    return frozenset(_clean(n).split()[0].lower() for e in _entries(path) if e.person for n, _ in e.names
                     if len(_clean(n).split()) > 1)


def _armed_group_rows(path: Path) -> list[dict[str, str]]:
    """The militant non-state groups, with the state they fight in where their code opens with one
    (``KHMER_ROUGE_ [KHMREB]`` is Cambodia's, as the PLOVER gold codes a group), none where it opens with a
    region or ``IMG`` (``[EEUREB]``, ``[IMGMUSALQ]``: transnational, the gold's IMG)."""
    rows = []
    for e in _entries(path):
        codes = [c.split()[0] for c in e.codes if c.split()]
        if not codes:
            continue
        iso3 = _state(codes[-1]) if len(codes[-1]) >= 3 else None
        for name, no in e.names:
            rows.append({"name": _clean(name), "code": iso3 or "IMG", "iso3": iso3 or "", "kind": "armed_group",
                         "sector": "REB", "valid_from": "", "valid_to": "",
                         "source": f"Phoenix.MilNonState.actors.txt (openeventdata/petrarch2 @ {COMMIT[:10]}), "
                                   f"line {no} '{name.strip()}'"})
    return rows


def _kept(name: str, kind: str, given: frozenset[str]) -> bool:
    """Whether a name names one actor: not one word of a body ("Senate", "Parliament": every state has one), of
    a person (a surname alone is read from ``officials.csv``, with its rules), or a given name, nor compass words
    alone; one word of an organization is an acronym, read in capitals only ("IAEA", "OPCW")."""
    words = name.split()
    if not words or not re.search(r"[A-Za-z]", name) or len(name) < 2:
        return False
    if all(w.lower() in _DIRECTIONS for w in words):
        return False
    if len(words) == 1:
        letters = re.sub(r"[^A-Za-z]", "", name)
        if kind in ("igo", "ngo", "armed_group"):
            return 2 <= len(letters) <= 6
        low = name.lower()
        return kind != "person" and len(letters) >= 5 and low not in _BODY_WORDS and low not in given
    return True


def _check(path: Path) -> None:
    want = SHA256.get(path.name)
    got = hashlib.sha256(path.read_bytes()).hexdigest()
    if want != got:
        raise SystemExit(f"{path}: SHA-256 {got}, expected {want} (petrarch2 @ {COMMIT})")


def build(countries: Path, international: Path, armed: Path) -> list[dict[str, str]]:
    for path in (countries, international, armed):
        _check(path)
    given = _given_names(countries)
    rows = [r for r in _country_rows(countries) + _international_rows(international) + _armed_group_rows(armed)
            if _kept(r["name"], r["kind"], given)]
    owners: dict[str, set[str]] = {}
    for r in rows:
        owners.setdefault(r["name"].lower(), set()).add(r["iso3"] or r["code"])
    out, seen = [], set()
    for r in rows:
        key = r["name"].lower()
        if len(owners[key]) > 1 or key in seen:
            continue  # a name of two actors, or one given twice (the first line is cited)
        seen.add(key)
        acronym = len(r["name"].split()) == 1 and r["kind"] in ("igo", "ngo", "armed_group")
        out.append({**r, "name": r["name"] if acronym else _title(r["name"])})
    return sorted(out, key=lambda r: (r["kind"], r["iso3"], r["name"]))


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    rows = build(Path(argv[0]), Path(argv[1]), Path(argv[2]))
    write_table(OUT, FIELDS, rows)
    print(f"{len(rows)} names -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
