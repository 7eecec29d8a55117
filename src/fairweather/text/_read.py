"""Articles from files: checked (empty, binary, a folder, not UTF-8), HTML turned into text, a date found.

Every failure is an :class:`~fairweather.errors.InputFileError` that names the
file and says what to do, raised before any event is coded, so that a command
over many files writes all of them or nothing.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import stat
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from fairweather.errors import InputFileError

__all__ = ["Article", "read_article", "html_to_text", "MAX_ARTICLE_BYTES"]

#: A news article is a few tens of kB; far larger input is not one article (and is read whole).
MAX_ARTICLE_BYTES = 32 * 1024 * 1024

_BLOCK = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote title "
                   "figcaption pre hr".split())
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_DATE_META = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
              "og:published_time", "sailthru.date")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class Article:
    """An article's name (its path, or ``-`` for standard input), its plain text and its date if it states one."""

    name: str
    text: str
    date: dt.date | None


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.date: dt.date | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self.parts.append("\n\n")
        a = {k.lower(): (v or "") for k, v in attrs}
        if self.date is None and tag in ("meta", "time"):
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            value = a.get("content") or a.get("datetime") or ""
            if (tag == "time" or key in _DATE_META) and (m := _ISO_DATE.search(value)):
                self.date = _valid_date(m)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip:
            self.skip -= 1
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _valid_date(m: re.Match) -> dt.date | None:
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def html_to_text(markup: str) -> tuple[str, dt.date | None]:
    """Readable text of an HTML page (paragraphs kept, scripts and styles left out) and its published date."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\s*\n\s*\n\s*", "\n\n", text)
    return text.strip(), parser.date


def _looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or bool(re.search(r"<(p|div|body|article)[\s>]", head))


def _bytes_of(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputFileError(f"Article {path!r} does not exist; give the path of a text or HTML file "
                             f"(relative paths start at {os.getcwd()}).", path) from None
    except OSError as exc:
        raise InputFileError(f"Article {path!r} cannot be read ({exc.strerror}); check the path.", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputFileError(f"Article {path!r} is a folder; give the text or HTML files inside it "
                             f"(e.g. {os.path.join(path, '*.txt')!r}).", path)
    if not stat.S_ISREG(st.st_mode):
        raise InputFileError(f"Article {path!r} is not a regular file (a device, pipe or socket); save the "
                             "article to a file, or pipe it in with '-'.", path)
    if st.st_size > MAX_ARTICLE_BYTES:
        raise InputFileError(f"Article {path!r} is {st.st_size:,} bytes, more than {MAX_ARTICLE_BYTES:,}; it is "
                             "not one article: split it into articles.", path)
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise InputFileError(f"Article {path!r} cannot be read ({exc.strerror}); check its permissions.", path) from None


def read_article(path: str | os.PathLike, *, date: dt.date | None = None) -> Article:
    """Read one article (text or HTML; ``"-"`` is standard input), checked.

    ``date`` is used when the article states none (an HTML ``article:published_time``
    meta tag or ``<time datetime=...>``); a date the article states wins.

    Raises
    ------
    InputFileError
        Missing, a folder, not a regular file, empty, binary, not UTF-8, or too large; the message names the file.
    """
    name = os.fspath(path)
    data = _bytes_of(name)
    shown = "standard input" if name == "-" else repr(name)
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputFileError(f"Article on {shown} is more than {MAX_ARTICLE_BYTES:,} bytes; split it into articles.", name)
    if b"\x00" in data[:8192]:
        raise InputFileError(f"Article {shown} is a binary file, not text or HTML (it holds NUL bytes); give the "
                             "article as a .txt or .html file.", name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(f"Article {shown} is not UTF-8 text (byte {exc.start}: {exc.reason}); save it as UTF-8 "
                             "(e.g. iconv -f latin1 -t utf-8) and try again.", name) from None
    found = None
    if _looks_like_html(text):
        text, found = html_to_text(text)
    if not text.strip():
        raise InputFileError(f"Article {shown} is empty (no text to code); give a file with the article's text.", name)
    return Article(name, text, found or date)
