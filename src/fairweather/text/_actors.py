"""Actor mentions in a sentence: states, their capitals, leaders, ministries and armed forces, IGOs, armed groups.

The names come from :mod:`fairweather.text._actor_tables`; this module finds them in a
sentence.

A capitalized word none of the tables holds ("Ghanaian", "Burundians", "Sri
Lankan") is handed to :func:`fairweather.codes.try_iso3`, whose
country_converter regexes catch demonyms; only a word that starts like a state
name (its first four letters) is tried, which keeps the regexes off most words
and their stray matches ("Gbago" is not Britain) out.

Actors the gold standard codes to a state without naming it, "the police",
"rebels", "ethnic Albanians", "Tamils" (a CAMEO ethnic group), "President Prosper Avril", are *agents*
(:func:`find_agents`): the coder gives them the state of their context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from fairweather.codes import all_states, known_names, try_iso3
from fairweather.text._actor_tables import ActorEntry, _keys, _leaders, actor_entries, ethnic_groups, word_surnames
from fairweather.text._lexicon import opens_trigger
from fairweather.text._tokens import Token, tokenize

__all__ = ["ActorEntry", "Mention", "find_mentions", "find_agents", "actor_entries"]


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


@lru_cache(maxsize=1)
def _state_prefixes() -> dict[str, frozenset[str]]:
    """The first four letters of each word of every state name, with the states they begin."""
    table: dict[str, set[str]] = {}
    names: list[tuple[str, str | None]] = [(st.name, st.iso3) for st in all_states()]
    names += [(n, try_iso3(n)) for n in known_names() if len(n) > 3]
    for text, iso3 in names:
        if iso3:
            for word in tokenize(text):
                if len(word.key) >= 4:
                    table.setdefault(word.key[:4], set()).add(iso3)
    return {k: frozenset(v) for k, v in table.items()}


_REGEX_ENTRY: dict[str, ActorEntry] = {}


def _regex_entry(text: str, key: str) -> ActorEntry | None:
    """A state for a word no table holds, from country_converter's regexes (a demonym, mostly)."""
    states = _state_prefixes().get(key[:4])
    if not states:
        return None
    iso3 = try_iso3(text)
    if iso3 not in states:
        return None
    if iso3 not in _REGEX_ENTRY:
        _REGEX_ENTRY[iso3] = ActorEntry(text, iso3, iso3, "demonym", "", source="country_converter regexes")
    return _REGEX_ENTRY[iso3]


#: Words that open a sentence in capitals but are no first name ("The Major said" is not John Major).
_NOT_FIRST_NAMES = frozenset("the a an and but in on at of when after as for with by from this that former late".split())


#: Irregular past tenses of event verbs: with those ending in "-ed", the verbs after a surname opening a
#: sentence ("Primakov met", not "Some protesters" or "During the talks").
_PAST = frozenset("met sent held told hit struck sought gave won led shot threw withdrew broke took".split())
#: Words after which a capitalized word is a person's name more often than a word of English ("talks between
#: Albright and Primakov", "met Kozyrev"; not "insulting Islam", "into English").
_BEFORE_NAMES = frozenset("and by with between told met urged asked warned accused".split())
#: Verbs of speech that follow a speaker's name ("Primakov said").
_SPEECH = frozenset("said says told added stressed insisted argued noted".split())


def _alone(tokens: list[Token], i: int) -> bool:
    """Whether a surname with no title or first name stands where a name does: inside the sentence after a
    word that takes a name (:data:`_BEFORE_NAMES`: "talks between Albright and Primakov"), or opening it
    before a verb of an event or of speech ("Primakov warned", "Albright said") or another name ("Peres and
    Arafat signed"); elsewhere a capitalized
    word is too often a word of English ("insulting Islam") or a place."""
    tok = tokens[i]
    if tok.text.isupper() or tok.key in ethnic_groups() or tok.key in word_surnames():
        return False  # "MENA", "Catalan", "Some said": an acronym, a people or a word, not a surname
    if i > 0:
        return tokens[i - 1].key in _BEFORE_NAMES
    nxt = tokens[1].key if len(tokens) > 1 else ""
    if nxt == "and" and len(tokens) > 2 and tokens[2].capitalized:
        return True  # "Peres and Arafat signed": two names open the sentence
    return nxt in _SPEECH or (opens_trigger(nxt) and (nxt.endswith("ed") or nxt in _PAST))


def _of_a_named_state(tokens: list[Token], last: int) -> bool:
    """Whether a person's name ending at ``last`` is followed by "of" and a name: "King Hassan of Morocco",
    "Eduard Shevardnadze of the Soviet Union" (the text names the state, which the person may have left)."""
    j = last + 1
    return j + 1 < len(tokens) and tokens[j].key == "of" and (tokens[j + 1].capitalized or (
        tokens[j + 1].key == "the" and j + 2 < len(tokens) and tokens[j + 2].capitalized))


def _leader(tokens: list[Token], i: int, date: dt.date | None) -> ActorEntry | None:
    """A leader's or an official's surname where it names a person: after a title ("President Avril", "Gen.
    Avril") or a first name ("Prosper Avril"), or alone where a name stands (:func:`_alone`), and last in its
    run of capitalized words."""
    entries = _leaders().get(tokens[i].key)
    if not entries:
        return None
    if i == 0:
        return next((e for e in entries if e.in_office(date)), entries[0]) if _alone(tokens, i) and \
            not (len(tokens) > 1 and tokens[1].capitalized) else None
    if i + 1 < len(tokens) and tokens[i + 1].capitalized:
        return None
    if _of_a_named_state(tokens, i):
        return None
    prev = tokens[i - 1]
    j = i - 2 if prev.text == "." else i - 1  # "Gen. Avril"
    titled = j >= 0 and (tokens[j].key in TITLES or tokens[j].key in ("minister", "leader", "ruler", "dictator"))
    named = prev.capitalized and prev.key.isalpha() and prev.key not in _NOT_FIRST_NAMES and prev.key not in TITLES
    if named and not titled:
        # an official's table row holds their first names: another first name is another person ("Samantha
        # Power", "John Cooney"); Archigos gives leaders' surnames only, so theirs are taken on trust
        entries = tuple(e for e in entries if e.role != "official" or prev.key in _keys(e.name)[:-1])
        if not entries:
            return None
    if not (titled or named or _alone(tokens, i)):
        return None
    return next((e for e in entries if e.in_office(date)), entries[0])


#: Words before "by" that make the names after it the reporters' ("Reporting by", "written by"), and verbs after
#: a name that make it a reporter's ("Cooney reported").
_BYLINE_BEFORE = frozenset("reporting reported written writing edited editing compiled additional photo photos".split())
_BYLINE_AFTER = frozenset("reported reports reporting writes wrote contributed".split())


def _byline(tokens: list[Token], i: int, last: int) -> bool:
    """Whether the person named at tokens ``i..last`` is a byline's, not an actor: after a "By" that opens the
    sentence ("By David Cooney and Mark Power") or follows a word of reporting ("Reporting by"), with only
    names, initials and "and" between (not a comma: "By Tuesday, Putin warned"); or, with no title before it, followed by a verb of reporting ("John
    Cooney reported")."""
    b = i - 1
    while b >= 0 and (tokens[b].capitalized or tokens[b].key == "and" or tokens[b].text == "."):  # "By J. Smith and"
        if tokens[b].key == "by":
            break
        b -= 1
    if b >= 0 and tokens[b].key == "by" and (b == 0 or tokens[b - 1].key in _BYLINE_BEFORE):
        return True
    titled = i > 0 and (tokens[i - 1].key in TITLES or tokens[i - 1].text == "." and i > 1 and tokens[i - 2].key in TITLES)
    return not titled and last + 1 < len(tokens) and tokens[last + 1].key in _BYLINE_AFTER


#: Words that open a sentence in capitals before a place ("In Samarra, ...", "Near Kirkuk").
_LOWER_OPENERS = frozenset("in near at from to outside inside around across the a".split())


@lru_cache(maxsize=1)
def _spellings() -> dict[tuple[str, int], list[tuple[str, ActorEntry]]]:
    """One-word state names and demonyms of seven letters or more, by first letter and length (the standard
    spellings: not the Phoenix dictionaries' variants, many of which are misspellings themselves)."""
    table: dict[tuple[str, int], list[tuple[str, ActorEntry]]] = {}
    for keys, entries in actor_entries().items():
        entry = entries[0]
        if len(keys) == 1 and len(keys[0]) >= 7 and keys[0].isalpha() and entry.iso3 and \
                entry.kind in ("state", "demonym") and not entry.exact_case and not entry.source.startswith("Phoenix"):
            # the Phoenix dictionaries' spellings are misspellings already: one letter off "Francio" is "Francis"
            table.setdefault((keys[0][0], len(keys[0])), []).append((keys[0], entry))
    return table


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one letter put in, left out, changed, or two neighbours swapped."""
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


@lru_cache(maxsize=4096)
def _misspelt(key: str) -> ActorEntry | None:
    """The one state a capitalized word no table holds is a misspelling of (one edit, seven letters or more)."""
    found = {e.iso3: e for n in (len(key) - 1, len(key), len(key) + 1)
             for name, e in _spellings().get((key[0], n), ()) if name != key and _one_edit(key, name)}
    return next(iter(found.values())) if len(found) == 1 else None


def _capitalized_name(tokens: list[Token], i: int, sentence: str, date: dt.date | None) -> tuple[int, ActorEntry] | None:
    """The name that starts at capitalized token ``i`` (its length in tokens and its entry), trying in turn: the
    tables, a plural demonym, a compound's head ("US-led"), country_converter's regexes ("Sri Lankan"), a
    leader after a title or a first name, a state's name one letter off."""
    first, singles = _trie()
    tok, n = tokens[i], len(tokens)
    for keys in first.get(tok.key, ()):
        k = len(keys)
        if i + k <= n and all(tokens[i + j].key == keys[j] for j in range(1, k)):
            entry = _pick(actor_entries()[keys], sentence[tok.start:tokens[i + k - 1].end], date)
            if entry is not None and not (entry.role == "official" and _of_a_named_state(tokens, i + k - 1)):
                return k, entry
    if tok.key.endswith("s") and (tok.key[:-1],) in singles:
        if (entry := _pick(actor_entries()[(tok.key[:-1],)], tok.text[:-1], date)) is not None:
            return 1, entry
    if "-" in tok.text:  # "US-led", "Iranian-backed", "Hezbollah-run"
        head = tok.text.split("-")[0]
        if _keys(head) in singles and (entry := _pick(actor_entries()[_keys(head)], head, date)) is not None:
            return 1, entry
    if len(tok.key) >= 3 and tok.key.isalpha():
        entry = _regex_entry(tok.text, tok.key)
        nxt = tokens[i + 1] if i + 1 < n else None
        if entry is None and nxt is not None and nxt.capitalized and len(tok.key) <= 5 \
                and _regex_entry(nxt.text, nxt.key) is None:
            entry = _regex_entry(f"{tok.text} {nxt.text}", nxt.key)  # "Sri Lankan"
            if entry is not None:
                return 2, entry
        elif entry is not None:
            return 1, entry
    if (leader := _leader(tokens, i, date)) is not None:
        return 1, leader  # "President Prosper Avril", "Olusegun Obasanjo": a state's leader (Archigos)
    if len(tok.key) >= 7 and tok.key.isalpha() and not (i + 1 < n and tokens[i + 1].capitalized) \
            and not (i > 1 and tokens[i - 1].capitalized) and tok.key not in _leaders() \
            and (entry := _misspelt(tok.key)) is not None:
        # "Ethopia", "Phillippines": a state's name one letter off, not inside a longer name, nor a leader's
        # surname ("Cameron" is not Cameroon)
        return 1, entry
    return None


#: Kinds of place whose name inside a longer capitalized name is part of that name: a city, a region ("the Moro
#: Islamic Liberation Front", "the Europe Bridge"). Not a state's name, nor a place that names one state only,
#: which headlines in title case put before capitalized words ("Brunei Border", "Helmand Province").
_NAMED_PLACES = frozenset({"city", "region"})


def _no_actor(tokens: list[Token], i: int, last: int, entry: ActorEntry) -> bool:
    """Whether a name found at tokens ``i..last`` stands for no actor here."""
    n = len(tokens)
    if entry.kind in _NAMED_PLACES and ((last + 1 < n and tokens[last + 1].capitalized) or
                                 (i > 0 and tokens[i - 1].capitalized and tokens[i - 1].key not in _LOWER_OPENERS)):
        return True  # "the Moro Islamic Liberation Front", "King Hassan": a place's name inside a longer name
    if entry.kind == "person" and _byline(tokens, i, last):
        return True  # "By David Cooney", "Reporting by ...", "Cooney reported": a reporter, not an actor
    if i > 0 and tokens[i - 1].key == "ethnic" and entry.kind in ("demonym", "state"):
        return True  # "ethnic Albanians": a people, not a state (find_agents places them)
    # "the Russian language", "US $50 million": a state's word for a thing, not the state acting
    return last + 1 < n and entry.kind in ("demonym", "state") and _names_a_thing(tokens, last + 1)


def find_mentions(tokens: list[Token], sentence: str, date: dt.date | None = None) -> list[Mention]:
    """Actor mentions, longest name first at each position, left to right, not overlapping.

    A name must start with a capital letter ("Turkey", not "turkey"); a plural
    of a one-word demonym ("Palestinians", "Israelis") counts as the demonym.
    """
    out: list[Mention] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        hit = None
        if tok.capitalized:
            hit = _capitalized_name(tokens, i, sentence, date)
        elif tok.text.startswith("al-") and (keys := _keys(tok.text)) in actor_entries():
            entry = _pick(actor_entries()[keys], tok.text, date)  # "al-Qaeda" is a name in lower case
            hit = (1, entry) if entry is not None else None
        if hit is None:
            i += 1
            continue
        k, entry = hit
        last = i + k - 1
        if "-" in tok.text and k == 1 and i + 1 < n and tokens[i + 1].capitalized:
            i += 1  # "NATO-member Norway", "US-backed Israel": the name after the compound is the actor
            continue
        if not _no_actor(tokens, i, last, entry):
            out.append(Mention(i, last, tok.start, tokens[last].end, sentence[tok.start:tokens[last].end], entry))
        i = last + 1
    return _peoples_of(tokens, _appositive_offices(tokens, sentence, _compound_demonyms(tokens, out)))


_ARTICLES = frozenset("the a an".split())


def _appositive_offices(tokens: list[Token], sentence: str, mentions: list[Mention]) -> list[Mention]:
    """A person followed by an apposition that names the body they speak for acts for that body: "Kenzo Oshima,
    the United Nations Emergency Relief Coordinator" is the UN (not Japan, whose diplomat he was); "Smith, the
    British envoy" is Britain. The two become one mention with the body's entry."""
    out: list[Mention] = []
    k = 0
    while k < len(mentions):
        m = mentions[k]
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt is not None and m.entry.kind == "person" and nxt.entry.kind != "person" and \
                m.last + 1 < len(tokens) and tokens[m.last + 1].text == "," and \
                all(t.key in _ARTICLES for t in tokens[m.last + 2:nxt.first]) and nxt.first - m.last <= 3:
            out.append(Mention(m.first, nxt.last, m.start, nxt.end, sentence[m.start:nxt.end], nxt.entry))
            k += 2
            continue
        out.append(m)
        k += 1
    return out


def _compound_demonyms(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """Two demonyms side by side are one actor ("Bosnian Serb forces", "Greek Cypriot leader"): the one that
    names a people (a CAMEO ethnic group: Serbs, Greek, Turkish) qualifies the other, which gives the state;
    where neither or both do, the first gives it (the place comes first: "Bosnian Serb")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.last + 1 == m.first and prev.entry.kind == m.entry.kind == "demonym" \
                and prev.iso3 != m.iso3:
            people = ethnic_groups()
            entry = m.entry if tokens[prev.last].key in people and tokens[m.first].key not in people else prev.entry
            out[-1] = Mention(prev.first, m.last, prev.start, m.end, f"{prev.text} {m.text}", entry)
            continue
        out.append(m)
    return out


_REGIONS = frozenset("the southern northern eastern western central south north east west".split())


def _peoples_of(tokens: list[Token], mentions: list[Mention]) -> list[Mention]:
    """A people named by a plural demonym "of" or "in" a state is coded to that state, as the gold codes
    minorities ("The Albanians of southern Serbia", "Kurds in Turkey" are SRB and TUR, not ALB)."""
    out = list(mentions)
    for k, m in enumerate(mentions[:-1]):
        nxt = mentions[k + 1]
        if m.entry.kind != "demonym" or not tokens[m.last].key.endswith("s") or not nxt.iso3 or nxt.iso3 == m.iso3:
            continue
        gap = [t.key for t in tokens[m.last + 1:nxt.first]]
        if gap and gap[0] in ("of", "in") and len(gap) <= 3 and all(g in _REGIONS for g in gap[1:]):
            out[k] = Mention(m.first, m.last, m.start, m.end, m.text, nxt.entry)
    return out


#: Nouns that a demonym or state name before them turns into a thing of no actor ("the Russian language").
_THINGS = frozenset("language languages dollar dollars $ cents".split())


def _names_a_thing(tokens: list[Token], j: int) -> bool:
    return tokens[j].key in _THINGS or tokens[j].text == "$"


#: Nouns for actors the news names by their role: coded to the state of their context.
AGENT_NOUNS: frozenset[str] = frozenset("""
government governments authorities authority officials official police policemen army troops soldiers
forces rebels rebel guerrillas guerrilla militiamen militia militias insurgents militants opposition protesters
protestors demonstrators students workers farmers refugees settlers elders leaders leader court parliament
administration ministry minister president premier regime junta cabinet navy activists residents villagers
citizens nationalists separatists fighters gunmen bombers secretary spokesman spokeswoman king chancellor
""".split())

#: Titles before a person's name ("President Prosper Avril", "Gen. Avril").
TITLES: frozenset[str] = frozenset("""
president vicepresident premier minister chancellor king queen prince emir sheikh ayatollah general gen lt col
secretary governor mayor senator commander
""".split())

_MODIFIERS = frozenset("""
's riot interim military security armed federal national central main top senior foreign defence defense interior
prime vice deputy new former current transitional provisional local state special naval air border secret elite
rebel opposition supreme high chief ruling coalition peacekeeping government police
""".split())


def find_agents(tokens: list[Token], mentions: list[Mention]) -> list[int]:
    """Token indices of actors named by their role, with no state of their own in the words just before.

    "Liberian riot police" is the state mention "Liberian"; "the police",
    "Opposition groups", "ethnic Albanians" and "President Prosper Avril" (a
    title before a name the tables do not hold) are agents.
    """
    covered = {i for m in mentions for i in range(m.first, m.last + 1)}
    near_state = set()
    for m in mentions:  # "Iraq's interim government", "Liberian riot police", "Russian President Yeltsin"
        j = m.last + 1
        while j < len(tokens) and (tokens[j].key in _MODIFIERS or tokens[j].key in AGENT_NOUNS or
                                   tokens[j].key in TITLES or tokens[j].capitalized):
            near_state.add(j)
            j += 1
    out = []
    for i, tok in enumerate(tokens):
        if i in covered or i in near_state:
            continue
        key = tok.key
        if key in AGENT_NOUNS:
            out.append(i)
        elif key in TITLES and i + 1 < len(tokens) and tokens[i + 1].capitalized and i + 1 not in covered:
            out.append(i)
        elif i > 0 and tokens[i - 1].key == "ethnic" and tok.capitalized:
            out.append(i)
        elif tok.capitalized and key in ethnic_groups() and not (i + 1 < len(tokens) and tokens[i + 1].capitalized):
            out.append(i)  # "Tamils protested in Colombo": a people, of the state of its context
    return out
