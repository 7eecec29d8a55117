"""ICEWS coded event data into the normalized event table.

Two forms are read, told apart by their first line:

* the **official files** (Harvard Dataverse, ``events.YYYY.<stamp>.tab``):
  tab-separated with a header of 20 columns ``Event ID, Event Date, Source
  Name, Source Sectors, Source Country, Event Text, CAMEO Code, Intensity,
  Target Name, Target Sectors, Target Country, Story ID, Sentence Number,
  Publisher, City, District, Province, Country, Latitude, Longitude``.
  Actors are names; ``Source Country``/``Target Country`` are full country
  names (``Russian Federation``), mapped to ISO3 with :mod:`fairweather.codes`.
  ``CAMEO Code`` is read as a string; a code that lost its leading zero
  (``43``) is restored when only the padded form is a CAMEO code.
  ``Intensity`` (−10…10) is the intensity.
* the **temporal-knowledge-graph form** used in machine-learning papers:
  four fields, no header, ``source<TAB>event_text<TAB>target<TAB>YYYY-MM-DD``,
  spaces written as ``_``. The event text is mapped to a CAMEO code through
  GDELT's descriptions (plus a table of ICEWS wordings that differ), the
  intensity is the code's Goldstein value, and actors are mapped to ISO3 when
  they are a country (``Iran``) or a sector of one (``Government_(Iran)``);
  people (``Vladimir_Putin``) stay without ISO3 and are not reported.

The event id of the knowledge-graph form, which has none, is ``file:line``.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from fairweather.codes import known_names, try_iso3
from fairweather.events.schema import EventImport, ImportReport
from fairweather.events.taxonomy import _goldstein_table, cameo_country_codes, classify, is_cameo_code
from fairweather.sources._eventio import (
    ActorMapper,
    DateCache,
    EventBuilder,
    PathLike,
    Progress,
    intensity_problem,
    reject,
    run_import,
    warn,
)

__all__ = [
    "VERSION",
    "CITATION",
    "LICENCE",
    "URL",
    "ICEWS_COLUMNS",
    "read_icews",
    "icews_text_to_cameo",
]

VERSION = "ICEWS Coded Event Data (Dataverse doi:10.7910/DVN/28075), 1995 - 2023"
CITATION = (
    "Boschee, Elizabeth; Lautenschlager, Jennifer; O'Brien, Sean; Shellman, Steve; Starz, James; "
    "Ward, Michael (2015). ICEWS Coded Event Data. Harvard Dataverse. https://doi.org/10.7910/DVN/28075"
)
LICENCE = "Harvard Dataverse terms of use for doi:10.7910/DVN/28075 (check them before redistributing)."
URL = "https://doi.org/10.7910/DVN/28075"

#: The 20 columns of an official ICEWS event file, in order.
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip

# ICEWS wordings that differ from GDELT's CAMEO descriptions (CAMEO 1.1b3 codes).
_TEXT_ALIASES: dict[str, str] = {
    "make an appeal or request": "020",
    "express intent to engage in diplomatic cooperation such as policy support": "032",
    "meet at a third location": "044",
    "threaten with military force": "138",
    "threaten with repression": "137",
    "threaten with restrictions on political freedoms": "1321",
    "express intent to provide material aid": "033",
    "demand material cooperation": "101",
    "demand diplomatic cooperation such as policy support": "102",
    "demand that target yields": "105",
    "demand settling of dispute": "107",
    "conduct suicide car or other non military bombing": "183",
    "appeal to engage in or accept mediation": "028",
    "reduce or stop material aid": "162",
    "threaten with sanctions boycott embargo": "1312",
    "demand de escalation of military engagement": "1056",
    "threaten with political dissent protest": "133",
    "appeal for easing of political dissent": "0252",
    "use chemical biological or radiological weapons": "2041",
}


def _norm_text(text: str) -> str:
    text = text.replace("_", " ").lower()
    text = re.sub(r",? not specified below| not spec below", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@lru_cache(maxsize=1)
def _text_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code, (_, description) in _goldstein_table().items():
        if len(code) > 2 and code.isdigit():  # root rows are upper-case headings
            table.setdefault(_norm_text(description), code)
    table.update(_TEXT_ALIASES)
    return table


@lru_cache(maxsize=4096)
def icews_text_to_cameo(text: str) -> str | None:
    """CAMEO code of an ICEWS event text (``Provide_military_aid`` → ``"072"``), or None.

    >>> icews_text_to_cameo("Provide_military_aid"), icews_text_to_cameo("Make_statement")
    ('072', '010')
    """
    return _text_table().get(_norm_text(text))


_PAREN = re.compile(r"\(([^()]+)\)\s*$")


def _actor_iso3(name: str) -> tuple[str | None, bool]:
    """ISO3 of an ICEWS actor name: a country, or a sector of one (``Government (Iran)``).

    Whole names are looked up only among the names and aliases
    :mod:`fairweather.codes` knows exactly: most actors are people or
    organisations, and running every one through the regex matcher would cost
    minutes on a large file (``try_iso3`` also computes suggestions for
    every miss).
    """
    text = name.replace("_", " ").strip()
    m = _PAREN.search(text)
    if m:
        text = m.group(1)
    if _plain(text) in _known_names():
        return try_iso3(text), True
    return None, True


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    # fairweather.codes' exact names plus the English country names of GDELT's CAMEO list
    # ("Turkey", "Russia"), which the exact table may only know by another spelling.
    return frozenset(known_names()) | {_plain(label) for label in cameo_country_codes().values()}


def _plain(text: str) -> str:
    """The normal form :func:`fairweather.codes.known_names` uses (ASCII, lower case, no 'the')."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _country_iso3(name: str) -> tuple[str | None, bool]:
    iso = try_iso3(name)
    return iso, iso is not None


def _fix_code(code: str) -> str | None:
    code = code.strip()
    if is_cameo_code(code):
        return code
    if code.isdigit() and is_cameo_code("0" + code):
        return "0" + code
    return None


def read_icews(
    paths: PathLike | Iterable[PathLike],
    *,
    progress: Progress | None = None,
    report: ImportReport | None = None,
) -> EventImport:
    """Read ICEWS event files (official 20-column files or the 4-field form).

    Parameters
    ----------
    paths
        Files (plain, ``.gz``, ``.zip``) or URLs.
    progress
        Called with (file, lines read) as the import goes.
    report
        An import report to add to.

    Returns
    -------
    EventImport
        ``.table`` (Arrow, normalized schema) and ``.report``.
    """
    return run_import(paths, _read_stream, progress=progress, report=report)


def _read_stream(label: str, stream: io.TextIOBase, out: EventBuilder, rep: ImportReport, progress) -> None:
    first = stream.readline()
    if first.lstrip("\ufeff").startswith("Event ID"):
        _read_official(label, first, stream, out, rep, progress)
    else:
        _read_tkg(label, first, stream, out, rep, progress)


def _read_official(label, header_line, stream, out: EventBuilder, rep: ImportReport, progress) -> None:
    header = header_line.lstrip("\ufeff").rstrip("\r\n").split("\t")
    missing = [c for c in ("Event ID", "Event Date", "Source Name", "Source Country", "CAMEO Code",
                           "Intensity", "Target Name", "Target Country") if c not in header]  # fmt: skip
    if missing:
        reject(rep, label, 1, None, f"header lacks column(s) {', '.join(missing)}; nothing read from this file", None)
        return
    ix = {c: header.index(c) for c in header}
    width = len(header)
    dates = DateCache()
    actors = ActorMapper(_country_iso3)
    n = 1
    for n, line in enumerate(stream, 2):
        line = line.rstrip("\r\n")
        if not line:
            continue
        rep.rows_read += 1
        f = line.split("\t")
        if len(f) != width:
            reject(rep, label, n, None, f"expected {width} tab-separated columns, found {len(f)}", None)
            continue
        date = dates(f[ix["Event Date"]])
        if date is None:
            reject(rep, label, n, "Event Date", "not a date written YYYY-MM-DD", f[ix["Event Date"]])
            continue
        code = _fix_code(f[ix["CAMEO Code"]])
        if code is None:
            reject(rep, label, n, "CAMEO Code", "not a CAMEO event code", f[ix["CAMEO Code"]])
            continue
        quad, support, goldstein = classify("cameo", code)
        raw = f[ix["Intensity"]].strip()
        try:
            intensity = float(raw) if raw else goldstein
        except ValueError:
            reject(rep, label, n, "Intensity", "not a number", raw)
            continue
        bad_intensity = intensity_problem(intensity)
        if bad_intensity:
            reject(rep, label, n, "Intensity", bad_intensity, raw)
            continue
        src, src_ok = actors.resolve(f[ix["Source Country"]].strip())
        tgt, tgt_ok = actors.resolve(f[ix["Target Country"]].strip())
        if not (src_ok and tgt_ok):
            rep.rows_with_warnings += 1
            for ok, col in ((src_ok, "Source Country"), (tgt_ok, "Target Country")):
                if not ok:
                    warn(rep, label, n, col, "unknown country name (ISO3 left empty)", f[ix[col]])
        out.add((f[ix["Event ID"]], date, src, tgt, f[ix["Source Name"]] or None, f[ix["Target Name"]] or None,
                 "cameo", code, code[:2], quad, support, intensity, None, label))  # fmt: skip
        if n % 65_536 == 0:  # bounded memory: rows become Arrow columns
            out.flush()
            if progress is not None:
                progress(label, n)
    if progress is not None:
        progress(label, n)


def _read_tkg(label, first, stream, out: EventBuilder, rep: ImportReport, progress) -> None:
    dates = DateCache()
    actors = ActorMapper(_actor_iso3)
    n = 0

    def lines():
        yield first
        yield from stream

    for n, line in enumerate(lines(), 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        rep.rows_read += 1
        f = line.split("\t")
        if len(f) != 4:
            reject(rep, label, n, None, f"expected 4 tab-separated fields (source, event, target, date), found {len(f)}", None)
            continue
        date = dates(f[3])
        if date is None:
            reject(rep, label, n, "date", "not a date written YYYY-MM-DD", f[3])
            continue
        code = icews_text_to_cameo(f[1])
        if code is None:
            reject(rep, label, n, "event_text", "no CAMEO code has this description", f[1])
            continue
        quad, support, goldstein = classify("cameo", code)
        src, _ = actors.resolve(f[0])
        tgt, _ = actors.resolve(f[2])
        out.add((f"{label}:{n}", date, src, tgt, f[0], f[2], "cameo", code, code[:2],
                 quad, support, goldstein, None, label))  # fmt: skip
        if n % 65_536 == 0:  # bounded memory: rows become Arrow columns
            out.flush()
            if progress is not None:
                progress(label, n)
    if progress is not None:
        progress(label, n)
