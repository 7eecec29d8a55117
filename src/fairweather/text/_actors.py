"""Actor mentions in a sentence: states, their capitals, leaders, ministries and armed forces, IGOs, armed groups.

Three tables feed one token trie:

* the state names, capitals, demonyms and metonyms :mod:`fairweather.codes`
  resolves (``codes_data/aliases.csv`` keeps their original spelling, so an
  all-capitals alias such as ``US`` only matches in capitals, never the word
  "us");
* the armed groups of :mod:`fairweather.actors` (code ``UCDP:<id>``, no state);
* this package's ``data/actors.csv``: office holders with the dates they held
  office and a source stating it, armed forces, ministries, parliaments and
  international organizations.

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
from fairweather.codes import all_states, known_names, try_iso3
from fairweather.text._tokens import Token, tokenize

__all__ = ["ActorEntry", "Mention", "find_mentions", "actor_entries"]


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


@dataclass(frozen=True)
class Mention:
    """An actor found in a sentence: token span, character offsets in the sentence, and the entry it resolved to."""

    first: int
    last: int  # inclusive token index
    start: int
    end: int
    text: str
    entry: ActorEntry

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def iso3(self) -> str | None:
        return self.entry.iso3


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
    # country_converter's official and short names (lower-cased); two- and three-letter codes are left out:
    # "can", "per" and "chad" in lower case are words, and capitals-only codes come from aliases.csv.
    for name in known_names():
        if len(name) > 3 and (iso := try_iso3(name)):
            out.append(ActorEntry(name, iso, iso, "state", "", source="country_converter names"))
    return out


def _groups() -> list[ActorEntry]:
    out = []
    for g in armed_groups().values():
        for name in (g.name, *g.aliases):
            out.append(ActorEntry(name, g.code, None, "armed_group", "REB", source=f"{g.source_id}: {g.locator}"))
    return out


@lru_cache(maxsize=1)
def actor_entries() -> dict[tuple[str, ...], tuple[ActorEntry, ...]]:
    """Every known name as its token keys, with the entries it may mean (curated ones first)."""
    table: dict[tuple[str, ...], list[ActorEntry]] = {}
    for entry in (*_curated(), *_groups(), *_from_codes()):
        keys = _keys(entry.name)
        if keys:
            table.setdefault(keys, []).append(entry)
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=1)
def _trie() -> tuple[dict[str, list[tuple[str, ...]]], frozenset[tuple[str, ...]]]:
    first: dict[str, list[tuple[str, ...]]] = {}
    for keys in actor_entries():
        first.setdefault(keys[0], []).append(keys)
    for v in first.values():
        v.sort(key=len, reverse=True)
    singles = frozenset(k for k in actor_entries() if len(k) == 1)
    return first, singles


def _pick(entries: tuple[ActorEntry, ...], text: str, date: dt.date | None) -> ActorEntry | None:
    ok = [e for e in entries if not e.exact_case or text.replace(".", "") == e.name.replace(".", "")]
    if not ok:
        return None
    return next((e for e in ok if e.in_office(date)), ok[0])


def find_mentions(tokens: list[Token], sentence: str, date: dt.date | None = None) -> list[Mention]:
    """Actor mentions, longest name first at each position, left to right, not overlapping.

    A name must start with a capital letter ("Turkey", not "turkey"); a plural
    of a one-word demonym ("Palestinians", "Israelis") counts as the demonym.
    """
    first, singles = _trie()
    out: list[Mention] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        hit = None
        if tok.capitalized:
            for keys in first.get(tok.key, ()):
                k = len(keys)
                if i + k <= n and all(tokens[i + j].key == keys[j] for j in range(1, k)):
                    text = sentence[tok.start:tokens[i + k - 1].end]
                    entry = _pick(actor_entries()[keys], text, date)
                    if entry is not None:
                        hit = (k, entry)
                        break
            if hit is None and tok.key.endswith("s") and (tok.key[:-1],) in singles:
                entry = _pick(actor_entries()[(tok.key[:-1],)], tok.text[:-1], date)
                if entry is not None:
                    hit = (1, entry)
        if hit is None:
            i += 1
            continue
        k, entry = hit
        last = i + k - 1
        out.append(Mention(i, last, tok.start, tokens[last].end, sentence[tok.start:tokens[last].end], entry))
        i = last + 1
    return out
