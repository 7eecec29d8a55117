"""The event lexicon: trigger patterns (``data/triggers.csv``) compiled to token sequences, and the cue words.

A pattern is a few words separated by spaces:

* ``supply+`` is a verb (or noun) with its inflections: supply, supplies,
  supplied, supplying (irregular forms from :data:`_IRREGULAR`);
* ``(troops|forces)`` is any one of the words;
* ``~`` lets up to three other words stand between its neighbours
  ("impose ~ sanctions" matches "imposed new sweeping sanctions").

Each row gives the PLOVER event, the CAMEO root, the modality the word itself
carries (``promise``, ``offer``, ``request``, ``demand``, ``threat`` or
``act``), whether it is a *frame* (a verb over another act: "promised to
send", "refused to supply"), whether it *negates* that act ("refused",
"undelivered"), and a PLOVER context.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from fairweather.text._tokens import Token, _key

__all__ = ["inflect", "Trigger", "Hit", "find_triggers", "triggers", "cameo_verbs", "NEGATION_CUES", "MODAL_CUES"]

_IRREGULAR: dict[str, tuple[str, ...]] = {
    "send": ("sent",), "give": ("gave", "given"), "meet": ("met",), "hold": ("held",), "fight": ("fought",),
    "seek": ("sought",), "shoot": ("shot",), "withdraw": ("withdrew", "withdrawn"), "swear": ("swore", "sworn"),
    "forgive": ("forgave", "forgiven"), "strike": ("struck", "stricken"), "freeze": ("froze", "frozen"),
    "break": ("broke", "broken"), "lend": ("lent",), "blow": ("blew", "blown"), "beat": ("beaten",),
    "undertake": ("undertook", "undertaken"), "set": (), "cut": (), "put": (), "hit": (), "lead": ("led",),
    "build": ("built",), "stand": ("stood",), "deny": ("denied", "denies"), "rule": ("ruled",),
    "pay": ("paid",), "sell": ("sold",), "buy": ("bought",), "win": ("won",), "draw": ("drew", "drawn"),
}  # fmt: skip

_VOWELS = set("aeiou")


def inflect(word: str) -> set[str]:
    """The forms of a verb or noun: ``inflect("supply") >= {"supplies", "supplied", "supplying"}``."""
    forms = {word, *_IRREGULAR.get(word, ())}
    if word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif word.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms |= {word + "s", word + "ed", word + "ing"}
        if len(word) >= 3 and word[-1] not in _VOWELS | {"w", "x", "y"} and word[-2] in _VOWELS \
                and word[-3] not in _VOWELS:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # ban -> banned, ship -> shipped
    return forms


GAP = None  # a ``~`` in a pattern


@dataclass(frozen=True)
class Trigger:
    """One lexicon row, compiled: a sequence of word sets (``None`` = a gap of up to three words)."""

    pattern: str
    parts: tuple[frozenset[str] | None, ...]
    event: str
    cameo: str
    modality: str
    frame: bool
    negates: bool
    context: str


@dataclass(frozen=True)
class Hit:
    """A trigger found in a sentence: its first and last token (inclusive)."""

    trigger: Trigger
    first: int
    last: int

    @property
    def size(self) -> int:
        return sum(1 for p in self.trigger.parts if p is not GAP)


def _compile_word(word: str) -> frozenset[str]:
    alternatives = word.strip("()").split("|")
    out: set[str] = set()
    for alt in alternatives:
        if alt.endswith("+"):
            out |= {_key(f) for f in inflect(alt[:-1])}
        else:
            out.add(_key(alt))
    return frozenset(out)


def _compile_pattern(pattern: str) -> tuple[frozenset[str] | None, ...]:
    """A pattern's word sets; a space inside ``(a|b)`` is refused (it would split the pattern silently)."""
    words = pattern.split()
    if any(w.count("(") != w.count(")") for w in words):
        raise ValueError(f"triggers.csv: {pattern!r} has a space inside (...|...); "
                         "an alternative is one word, so give a phrase its own row")
    return tuple(GAP if w == "~" else _compile_word(w) for w in words)


@lru_cache(maxsize=1)
def triggers() -> tuple[Trigger, ...]:
    """Every trigger of ``data/triggers.csv``, compiled."""
    out = []
    with (resources.files("fairweather.text") / "data" / "triggers.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            parts = _compile_pattern(r["pattern"])
            out.append(Trigger(r["pattern"], parts, r["event"], r["cameo"], r["modality"], r["frame"] == "1",
                               r["negates"] == "1", r["context"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_first_word() -> dict[str, tuple[Trigger, ...]]:
    table: dict[str, list[Trigger]] = {}
    for t in triggers():
        for word in t.parts[0] or ():  # a pattern never starts with a gap
            table.setdefault(word, []).append(t)
    return {k: tuple(sorted(v, key=lambda t: -len(t.parts))) for k, v in table.items()}


def opens_trigger(key: str) -> bool:
    """Whether a token key can be the first word of an event trigger ("warned", "met", "rejected")."""
    return key in _by_first_word()


def _match(parts: tuple, keys: list[str], i: int) -> int | None:
    """The last token index of ``parts`` matched from token ``i``, or None."""
    j = i + 1
    k = 1
    while k < len(parts):
        part = parts[k]
        if part is GAP:
            nxt = parts[k + 1]
            for skip in range(0, 4):
                if j + skip < len(keys) and keys[j + skip] in nxt:
                    j = j + skip + 1
                    break
            else:
                return None
            k += 2
            continue
        if j >= len(keys) or keys[j] not in part:
            return None
        j += 1
        k += 1
    return j - 1


#: Head nouns of organizations' names: a trigger word before one, in the same capitalized run, names it.
_NAME_HEADS = frozenset("""
committee council commission court agency organization organisation front movement party force forces army
mission group alliance union institute center centre foundation authority office ministry department league
coalition association brigade brigades corps watch tigers network assembly tribunal
""".split())


_LINKS = frozenset("a an the and or of in on at to for from by with against over amid into after".split())


def _in_name(tokens: list[Token], first: int, last: int) -> bool:
    """Whether a trigger is a word of a name ("the Ceasefire Violations Committee", "Liberian Peace Council").

    The trigger is capitalized, not the sentence's first word, and the run of
    capitalized words it stands in ends in an organization's head noun, so a
    title-case headline ("Mali and Norway Sign Treaty") keeps its verbs.
    """
    if first == 0 or not all(t.capitalized for t in tokens[first:last + 1]):
        return False
    j = last + 1
    while j < len(tokens) and j <= last + 3 and tokens[j].capitalized and tokens[j].key not in _LINKS:
        if tokens[j].key in _NAME_HEADS:
            return True
        j += 1
    return False


@lru_cache(maxsize=1)
def cameo_verbs() -> tuple[Trigger, ...]:
    """The CAMEO verb dictionary's verbs and verb phrases (``data/cameo_verbs.csv``, built by
    ``tools/build_cameo_verbs.py`` from PETRARCH's ``CAMEO.2.0.txt`` and the PLOVER manual's CAMEO to PLOVER
    table), compiled: reported acts (no frame, no modality of their own)."""
    out = []
    with (resources.files("fairweather.text") / "data" / "cameo_verbs.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out.append(Trigger(r["pattern"], _compile_pattern(r["pattern"]), r["event"], r["cameo"][:2], "act",
                               False, False, r["context"]))
    return tuple(out)


@lru_cache(maxsize=1)
def _cameo_by_first_word() -> dict[str, tuple[Trigger, ...]]:
    table: dict[str, list[Trigger]] = {}
    for t in cameo_verbs():
        for word in t.parts[0] or ():
            table.setdefault(word, []).append(t)
    return {k: tuple(sorted(v, key=lambda t: -len(t.parts))) for k, v in table.items()}


def _find(tokens: list[Token], keys: list[str], table: dict[str, tuple[Trigger, ...]]) -> list[Hit]:
    found: list[Hit] = []
    for i, key in enumerate(keys):
        for trig in table.get(key, ()):
            last = _match(trig.parts, keys, i)
            if last is not None and not _in_name(tokens, i, last):
                found.append(Hit(trig, i, last))
                break
    found.sort(key=lambda h: (-h.size, h.first))
    taken: set[int] = set()
    kept = []
    for h in found:
        span = set(range(h.first, h.last + 1))
        if span & taken:
            continue
        taken |= span
        kept.append(h)
    return kept


def find_triggers(tokens: list[Token]) -> list[Hit]:
    """Triggers in a sentence, left to right; where two overlap the one with more words wins.

    A row whose event is ``-`` is a phrase that holds a trigger word but is no
    event ("press release"): it wins over the shorter trigger inside it and is
    then dropped. A trigger inside a name is no event either (:func:`_in_name`).
    Where ``triggers.csv`` finds nothing at all, the CAMEO verb dictionary's verbs are tried
    (:func:`cameo_verbs`: "expelled the agency", "evacuated the town"), the longest phrase first, as a
    curated trigger is; the curated ones, written for this coder's frames and negation, come first.
    """
    keys = [t.key for t in tokens]
    kept = _find(tokens, keys, _by_first_word())
    if not kept:
        kept = _find(tokens, keys, _cameo_by_first_word())
    return sorted((h for h in kept if h.trigger.event != "-"), key=lambda h: h.first)


#: Words that, shortly before a trigger, say the act did not happen.
NEGATION_CUES: frozenset[str] = frozenset(
    "not never no none neither nor without avoid avoids avoided avoiding failed fails fail lack absence yet".split())

#: Words shortly before a trigger that make it a future act or a demand rather than a reported one.
MODAL_CUES: dict[str, str] = {
    "will": "promise", "would": "promise", "shall": "promise", "plans": "promise", "plan": "promise",
    "planned": "promise", "intends": "promise", "intend": "promise", "intended": "promise", "expected": "promise",
    "intention": "promise", "intentions": "promise",  # "announced their intention to lay down arms"
    "must": "demand", "should": "request",
    # "could suspend relations", "may ban": a possible act, said before it is done (a threat if hostile)
    "could": "promise", "might": "promise", "may": "promise",
}
