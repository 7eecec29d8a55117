"""Sentences and tokens with character offsets, by regular expressions (no model, no download).

WHY not spaCy: measured on this machine (2 cores), ``spacy.blank("en")`` with a
sentencizer and a PhraseMatcher runs about 21,700 sentences/s, this module's
regex tokenizer about 63,000; a blank spaCy pipeline has no lemmas or parts of
speech without extra data, so its Matcher would add nothing the coder's own
token tables do not, while it costs 15 more packages and 0.7 s of import on
every command (see ``benchmarks/coder_accuracy.py`` and the README).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["Token", "Sentence", "tokenize", "split_sentences"]

# U.S. / U.N. as one token; did|n't split so the negation is a token; Su-35 and al-Qaeda kept whole.
_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?=n[’']t\b)|n[’']t\b|\w+(?:[-–]\w+)*|[’']s\b|[^\w\s]")

#: Words that end with a full stop without ending a sentence.
_ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cmdr adm sgt sen rep gov pres st mt ft jr sr rev hon amb
jan feb mar apr jun jul aug sep sept oct nov dec vs etc inc corp ltd co dept est approx fig
""".split())

_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")


class Token(NamedTuple):
    """One token: its text, a lower-case key (letters and digits only), and its offsets in the sentence.

    A named tuple, not a frozen dataclass: every sentence makes dozens, and a tuple is built about three times
    faster (the tokenizer was the coder's largest cost).
    """

    text: str
    key: str
    start: int
    end: int

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article: its index, its text and its character offsets in the article."""

    index: int
    text: str
    start: int
    end: int
    paragraph: int


def _key(text: str) -> str:
    low = text.lower()
    if not low.isascii():  # "São Tomé", "Erdoğan": the letters without their accents, as tables also spell them
        low = "".join(ch for ch in unicodedata.normalize("NFKD", low) if not unicodedata.combining(ch))
    if low.isalnum():
        return low  # most tokens: a plain word or number
    if low in ("n't", "n’t"):
        return "not"
    if low in ("'s", "’s"):
        return "'s"
    return "".join(ch for ch in low if ch.isalnum()) or low


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``: ``[Token('Russia', 'russia', 0, 6), Token("'s", "'s", 6, 8), ...]``."""
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        low = word.lower()
        out.append(Token(word, low if low.isalnum() and low.isascii() else _key(word), m.start(), m.end()))
    return out


def _is_abbreviation(text: str, stop: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation ("Gen.", "U.S.", a middle initial "W.")."""
    if text[stop] != ".":
        return False
    j = stop
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:stop].lower().rstrip(".")
    if word in _ABBREVIATIONS:
        return True
    if len(word) >= 3 and word.count(".") and all(len(p) == 1 for p in word.split(".")):
        return True  # "U.S. Secretary of State ...", "U.N. envoys": initials, not the end of a sentence
    return len(word) == 1 and text[j:j + 1].isupper()  # an initial: "George W. Bush"


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into ``text``; a blank line always ends a sentence (and a paragraph).

    >>> [s.text for s in split_sentences("Gen. Smith met U.S. envoys. Russia did not send troops.")]
    ['Gen. Smith met U.S. envoys.', 'Russia did not send troops.']
    """
    out: list[Sentence] = []
    pos, paragraph = 0, 0
    cuts: list[tuple[int, bool]] = []
    for m in _BOUNDARY.finditer(text):
        if m.group().startswith("\n"):
            cuts.append((m.start(), True))
        elif not _is_abbreviation(text, m.start()):
            cuts.append((m.end(), False))
    cuts.append((len(text), False))
    for cut, new_paragraph in cuts:
        chunk = text[pos:cut]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = pos + lead
            out.append(Sentence(len(out), body, start, start + len(body), paragraph))
        if new_paragraph:
            paragraph += 1
        pos = cut
    return out
