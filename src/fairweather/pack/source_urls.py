"""Sources a reader can follow: find the curated sources whose URL is a site's home or section page.

A curated fact must cite the page that states it (CODING.md, issue 12). A URL
names no such page when its path is empty (``http://www.kremlin.ru/``) or
consists only of short generic words — a language or section folder such as
``reuters.com/world/``, ``mfa.gov.cn/eng/``, ``sectsco.org/documents/`` or
``whitehouse.gov/presidential-actions/``. A page's own slug
(``timesofisrael.com/egypt-others-bash-israel-over-reported-syrian-strikes/``),
a number (``press.un.org/en/2025/sc16163.doc.htm``) or a query string marks a
specific page. Datasets are exempt: their download page is where they are read.

The rule is a heuristic on the address alone (no network): it can miss a home
page with a long name and cannot tell whether a specific page states the fact.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

__all__ = ["is_home_or_section_page", "EXEMPT_KINDS"]

#: source kinds whose URL may be a download or landing page
EXEMPT_KINDS = frozenset({"dataset"})

_INDEX = re.compile(r"^(index|default|home|main)\.(html?|php|aspx?|jsp)$", re.IGNORECASE)
_EXTENSION = re.compile(r"\.(html?|php|aspx?|jsp)$", re.IGNORECASE)
_GENERIC = re.compile(r"^[a-z_\-]+$")  # lower case only: Wikipedia's Gulf_War is an article, not a folder
_MAX_WORD = 12  # longer single words name a page (armscontrol.org/factsheets/nucleartesttally)


def _words(segment: str) -> list[str]:
    return [w for w in re.split(r"[-_]", segment) if w]


def _generic(segment: str, max_words: int) -> bool:
    """A folder name of a few short lower-case words (``world``, ``mfa_eng``), not an article's name or slug."""
    words = _words(segment)
    return bool(_GENERIC.match(segment)) and 0 < len(words) <= max_words and all(len(w) <= _MAX_WORD for w in words)


def is_home_or_section_page(url: str) -> bool:
    """True if ``url`` is a site's home page or a section page rather than a page that states a fact.

    >>> is_home_or_section_page("https://www.reuters.com/world/")
    True
    >>> is_home_or_section_page("https://press.un.org/en/2025/sc16163.doc.htm")
    False
    """
    parts = urlparse(url.strip())
    if parts.query:
        return False
    segments = [s for s in parts.path.split("/") if s]
    if segments and _INDEX.match(segments[-1]):
        segments = segments[:-1]
    segments = [_EXTENSION.sub("", s) for s in segments]
    if not segments:
        return True
    if len(segments) > 2:
        return False
    # one folder of up to three words (world, mfa_eng, presidential-actions), or two of up to two each (en/treaties)
    limit = 3 if len(segments) == 1 else 2
    return all(_generic(s, limit) for s in segments)
