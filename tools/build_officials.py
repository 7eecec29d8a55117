"""Build ``src/fairweather/text/data/officials.csv``: ministers and other office holders, by full name and
surname, with their state, from the Phoenix country actor dictionary.

Archigos (``tools/build_leaders.py``) holds only each state's effective leader, so foreign and defence
ministers ("Foreign Minister Yevgeny Primakov", "Secretary of State Warren Christopher") resolve to no
state. The Phoenix dictionary of the Open Event Data Alliance lists them: ``Phoenix.Countries.actors.txt``
in openeventdata/petrarch2 (MIT licence; "produced by translate.countryinfo.pl from CountryInfo.140130.txt",
the Computational Event Data System's CountryInfo, funded by NSF SES-1004414 and SES-1259190), at commit
:data:`COMMIT`, checked against :data:`SHA256`. Each entry is a name in capitals with underscores and one
line per spell, ``[USAGOV 930120-970107]``: a CAMEO code whose first three letters are the state.

Kept: the entries CountryInfo marks as persons (``# CountryInfo.txt``), whose codes all name one state,
whose name is two to five words and holds no title or role word ("FOREIGN_MINISTER_ABDULLAH_",
"ISLAMIC_REVOLUTIONARY_COUNCIL_" are left out). A full name is kept where no other entry of another state
bears it. Its surname (the last word, particles aside, as in ``build_leaders.py``) is kept under the same
rules as the leaders' surnames: four letters or more, no word the coder reads otherwise, no given name (the
first word of any person's name here or in Archigos: "Perry" opens "Perry Christie"), one state for every
official and Archigos leader who bears it, the commonest English surnames only for the United States and
the United Kingdom; a surname Archigos already gives is left to ``leaders.csv``. The coder reads a surname
as it reads a leader's (``_actors._leader``: after a title or a first name, or alone where a name stands).

Dates: the first and last day of the spells in government (codes ``GOV...``, ``MIL``, ``SPY``; six-digit
dates are ``YYMMDD``, years up to 14 in this century, as the file was made in 2014), empty where open.

Get the file and run from the repository root::

    curl -LO https://raw.githubusercontent.com/openeventdata/petrarch2/676801cd9cb2924bbbad09f86d15c9323e7097bf/petrarch2/data/dictionaries/Phoenix.Countries.actors.txt
    python tools/build_officials.py Phoenix.Countries.actors.txt ../shared/data/ps_archigos.csv
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from fairweather.codes import try_iso3
from fairweather.events.taxonomy import cameo_country_codes

from _table import write_table

OUT = Path(__file__).resolve().parents[1] / "src" / "fairweather" / "text" / "data" / "officials.csv"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
PATH = "petrarch2/data/dictionaries/Phoenix.Countries.actors.txt"
SHA256 = "8d4ee11692ccb1636a5cf4421849c420508acbd9b930adab457472b843276506"
FIELDS = ["name", "surname", "iso3", "valid_from", "valid_to", "source"]
#: Words of an office or a body, not of a person's name ("ACTING_MINISTER_ABDUL_RAHIM_").
_ROLE_WORDS = frozenset("""
acting foreign interior defence defense deputy vice first former chief head council committee party front
revolutionary islamic national republic ministry office department union army forces the of and for
""".split())
_CODE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([^\]]*)\]")


@dataclass
class _Entry:
    name: str
    line: int
    person: bool
    states: set[str] = field(default_factory=set)
    spells: list[tuple[str, str]] = field(default_factory=list)


def _day(text: str) -> str:
    """``930120`` -> ``1993-01-20``; ``20041207`` -> ``2004-12-07``; empty if not a date."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 6:
        digits = ("20" if int(digits[:2]) <= 14 else "19") + digits
    if len(digits) != 8:
        return ""
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"


def _spell(dates: str) -> tuple[str, str]:
    dates = dates.split("#")[0].strip()
    if dates.startswith(">"):
        return _day(dates[1:]), ""
    if dates.startswith("<"):
        return "", _day(dates[1:])
    if "-" in dates:
        a, b = dates.split("-", 1)
        return _day(a), _day(b)
    return "", ""


def _state(cameo: str) -> str | None:
    if cameo == "PSE" or try_iso3(cameo) == cameo:
        return cameo
    label = cameo_country_codes().get(cameo)
    return try_iso3(label) if label else None


def parse(path: Path) -> list[_Entry]:
    """The dictionary's entries: name, line number, whether CountryInfo marks it a person, states, spells."""
    entries: list[_Entry] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if not raw.strip() or raw.startswith(("#", "+")):
            continue
        if raw[0].isspace():
            if entries:
                for cameo, sector, dates in _CODE.findall(raw):
                    _add_code(entries[-1], cameo, sector, dates)
            continue
        head = raw.split("#")[0]
        name = head.split("[")[0].strip().rstrip("_").replace("_", " ")
        entries.append(_Entry(name, number, "CountryInfo.txt" in raw))
        for cameo, sector, dates in _CODE.findall(head):
            _add_code(entries[-1], cameo, sector, dates)
    return entries


def _add_code(entry: _Entry, cameo: str, sector: str, dates: str) -> None:
    iso3 = _state(cameo)
    entry.states.add(iso3 or "?" + cameo)
    if sector.startswith("GOV") or sector in ("MIL", "SPY"):
        entry.spells.append(_spell(dates))


def _title(word: str) -> str:
    return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))


def _title_name(name: str) -> str:
    return " ".join(_title(w) for w in name.split())


def _person_name(entry: _Entry) -> list[str] | None:
    """The name's words in title case, or None where the entry is no person of one state."""
    if not entry.person or len(entry.states) != 1 or next(iter(entry.states)).startswith("?"):
        return None
    words = entry.name.split()
    if not 2 <= len(words) <= 5 or any(w.lower() in _ROLE_WORDS for w in words):
        return None
    if not all(w.replace("-", "").replace("'", "").replace(".", "").isalpha() for w in words):
        return None
    return [_title(w) for w in words]


def _span(spells: list[tuple[str, str]]) -> tuple[str, str]:
    starts = [a for a, _ in spells if a]
    ends = [b for _, b in spells]
    return (min(starts) if starts else "", "" if not ends or "" in ends else max(ends))


def build(phoenix: Path, archigos: Path) -> list[dict[str, str]]:
    from build_leaders import _COMMON_SURNAMES, _surname, taken_words

    digest = hashlib.sha256(phoenix.read_bytes()).hexdigest()
    if digest != SHA256:
        raise SystemExit(f"{phoenix}: sha256 {digest}, expected {SHA256} (the file at petrarch2 @ {COMMIT})")
    leaders = pd.read_csv(archigos, usecols=["gwcode", "leader", "enddate"])
    leaders = leaders[leaders["enddate"] >= "1945-01-01"]
    entries = parse(phoenix)
    people = [(e, words) for e in entries if (words := _person_name(e)) is not None]
    full_states: dict[str, set[str]] = {}
    for e, words in people:
        full_states.setdefault(" ".join(words).lower(), set()).update(e.states)
    given = {words[0].lower() for _, words in people}
    given |= {str(n).split()[0].lower() for n in leaders["leader"] if " " in str(n).strip() and "," not in str(n)}
    taken = taken_words() | given
    # every person the dictionary lists counts here, also those of a state no ISO3 holds (Yugoslavia's
    # Slobodan Milosevic keeps "Milosevic" from a Croatian official of that name)
    surname_states: dict[str, set[str]] = {}
    for e in entries:
        if e.person and (s := _surname(_title_name(e.name))) is not None:
            surname_states.setdefault(s.lower(), set()).update(e.states)
    archigos_states: dict[str, set[str]] = {}
    for r in leaders.itertuples(index=False):
        if (s := _surname(str(r.leader))) is not None:
            archigos_states.setdefault(s.lower(), set()).add(try_iso3(int(r.gwcode), "gw") or f"GW{r.gwcode}")
    rows = []
    for e, words in people:
        name = " ".join(words)
        if len(full_states[name.lower()]) != 1:
            continue
        iso3 = next(iter(e.states))
        surname = _surname(name) or ""
        key = surname.lower()
        if not surname or key.replace("-", "") in taken or key in archigos_states or \
                len(surname_states[key]) != 1 or (surname in _COMMON_SURNAMES and iso3 not in ("USA", "GBR")):
            surname = ""
        start, end = _span(e.spells)
        rows.append({"name": name, "surname": surname, "iso3": iso3, "valid_from": start, "valid_to": end,
                     "source": f"Phoenix.Countries.actors.txt (openeventdata/petrarch2 @ {COMMIT[:10]}, "
                               f"CountryInfo.140130), line {e.line} '{e.name.replace(' ', '_')}'"})
    unique: dict[tuple[str, str], dict[str, str]] = {}
    for r in rows:  # a name listed twice for one state: its first entry
        unique.setdefault((r["name"], r["iso3"]), r)
    return sorted(unique.values(), key=lambda r: (r["name"], r["valid_from"]))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    rows = build(Path(argv[0]), Path(argv[1]))
    write_table(OUT, FIELDS, rows)
    print(f"{len(rows)} officials, {sum(bool(r['surname']) for r in rows)} with a surname -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
