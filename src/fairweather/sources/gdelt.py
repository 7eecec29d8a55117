"""GDELT event exports (1.0 and 2.0) into the normalized event table.

GDELT 2.0 writes one tab-separated file without header every 15 minutes
(``YYYYMMDDHHMMSS.export.CSV.zip``), 61 columns per row. GDELT 1.0 writes 57
columns in the historical backfile (1979 – March 2013) and 58 columns (with
SOURCEURL) in the daily files from 2013-04-01; files can mix both widths. The
first 35 columns are the same in both versions, and they are all this
importer needs:

==== ===================== ===========================================
col  GDELT column          normalized column
==== ===================== ===========================================
0    GLOBALEVENTID         event_id
1    SQLDATE (YYYYMMDD)    date
5    Actor1Code            source_actor
7    Actor1CountryCode     source_iso3 (CAMEO country = ISO3 or region)
15   Actor2Code            target_actor
17   Actor2CountryCode     target_iso3
26   EventCode (string)    event_code (root_code = first two digits)
29   QuadClass             quad_class (read from the file, as GDELT derives it)
30   GoldsteinScale        intensity
31   NumMentions           mentions
==== ===================== ===========================================

Rows with the wrong number of columns, an impossible SQLDATE, an event code
that is not in the CAMEO lookup, or a quad class / Goldstein value / mention
count that is not a number (or a Goldstein value that is not finite or outside
-10..10, or a negative mention count) are rejected and reported with file, line and
field. A country code that neither ISO3 nor GDELT's CAMEO country list knows
is reported as a warning and the row is kept with a null ISO3; regional codes
(``EUR``, ``MEA``, ``WST``) are known and simply give a null ISO3.

Examples
--------
>>> from fairweather.sources import gdelt
>>> result = gdelt.read_gdelt("20250613000000.export.CSV.zip")  # doctest: +SKIP
>>> result.report.summary()  # doctest: +SKIP
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from typing import Literal

from fairweather.codes import all_states
from fairweather.events.schema import EventImport, ImportReport
from fairweather.events.taxonomy import cameo_country_codes, classify, is_cameo_code
from fairweather.sources._eventio import (
    ActorMapper,
    DateCache,
    EventBuilder,
    PathLike,
    intensity_problem,
    Progress,
    reject,
    run_import,
    warn,
)

__all__ = [
    "VERSION",
    "CITATION",
    "LICENCE",
    "URL",
    "GDELT2_COLUMNS",
    "GDELT1_COLUMNS",
    "read_gdelt",
    "cameo_country_to_iso3",
]

VERSION = "GDELT 2.0 Event Database (export, 61 columns); GDELT 1.0 (57/58 columns)"
CITATION = (
    "Leetaru, Kalev and Schrodt, Philip A. (2013). GDELT: Global Data on Events, Language, and Tone, "
    "1979-2012. International Studies Association Annual Conference, San Francisco. "
    "The GDELT Project, https://www.gdeltproject.org/"
)
LICENCE = "GDELT data are free for unlimited reuse with citation of the GDELT Project."
URL = "http://data.gdeltproject.org/gdeltv2/"

#: The 61 columns of a GDELT 2.0 export row.
GDELT2_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                            "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    *(f"Actor2{c}" for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                            "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{c}" for g in ("Actor1", "Actor2", "Action")
      for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip

#: The 58 columns of a GDELT 1.0 daily row (the backfile has the first 57).
GDELT1_COLUMNS: tuple[str, ...] = tuple(c for c in GDELT2_COLUMNS if not c.endswith("ADM2Code"))

_WIDTHS: dict[str, frozenset[int]] = {
    "2": frozenset({61}),
    "1": frozenset({57, 58}),
    "auto": frozenset({57, 58, 61}),
}

# CAMEO-specific codes for states whose ISO3 differs.
_CAMEO_ALIASES = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE"}


def cameo_country_to_iso3(code: str) -> tuple[str | None, bool]:
    """ISO3 of a GDELT ``Actor?CountryCode`` and whether the code is known at all.

    >>> cameo_country_to_iso3("RUS"), cameo_country_to_iso3("ROM"), cameo_country_to_iso3("EUR")
    (('RUS', True), ('ROU', True), (None, True))
    >>> cameo_country_to_iso3("XQZ")
    (None, False)
    """
    states = _state_iso3()
    if code in states:
        return code, True
    if code in _CAMEO_ALIASES:
        return _CAMEO_ALIASES[code], True
    return None, code in cameo_country_codes()


@lru_cache(maxsize=1)
def _state_iso3() -> frozenset[str]:
    return frozenset(s.iso3 for s in all_states())


def read_gdelt(
    paths: PathLike | Iterable[PathLike],
    *,
    version: Literal["auto", "1", "2"] = "auto",
    progress: Progress | None = None,
    report: ImportReport | None = None,
) -> EventImport:
    """Read GDELT event export files into the normalized event table.

    Parameters
    ----------
    paths
        Files (plain, ``.gz``, ``.zip``) or URLs, e.g. GDELT's
        ``YYYYMMDDHHMMSS.export.CSV.zip`` batches or 1.0 daily files.
    version
        ``"2"`` accepts only 61-column rows, ``"1"`` only 57/58-column rows,
        ``"auto"`` (default) any of them, row by row.
    progress
        Called with (file, lines read) as the import goes.
    report
        An :class:`~fairweather.events.schema.ImportReport` to add to.

    Returns
    -------
    EventImport
        ``.table`` (Arrow, normalized schema) and ``.report``.
    """
    if version not in _WIDTHS:
        from fairweather.errors import EventFormatError

        raise EventFormatError(f"version must be 'auto', '1' or '2'; got {version!r}.")
    widths = _WIDTHS[version]

    def read_stream(label: str, stream: io.TextIOBase, out: EventBuilder, rep: ImportReport, prog) -> None:
        _read_stream(label, stream, out, rep, prog, widths)

    return run_import(paths, read_stream, progress=progress, report=report)


def _read_stream(label, stream, out: EventBuilder, rep: ImportReport, progress, widths) -> None:
    dates = DateCache()
    actors = ActorMapper(cameo_country_to_iso3)
    codes: dict[str, tuple[int, str, float] | None] = {}
    add = out.add
    n = 0
    ws = [str(w) for w in sorted(widths)]
    expected = ws[0] if len(ws) == 1 else ", ".join(ws[:-1]) + " or " + ws[-1]
    for n, line in enumerate(stream, 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        rep.rows_read += 1
        f = line.split("\t")
        if len(f) not in widths:
            reject(rep, label, n, None, f"expected {expected} tab-separated columns, found {len(f)}", None)
            continue
        date = dates(f[1])
        if date is None:
            reject(rep, label, n, "SQLDATE", "not a date written YYYYMMDD", f[1])
            continue
        code = f[26]
        if code not in codes:
            codes[code] = classify("cameo", code) if is_cameo_code(code) else None
        info = codes[code]
        if info is None:
            reject(rep, label, n, "EventCode", "not a CAMEO event code in GDELT's lookup", code)
            continue
        nums = _numbers(f, info)
        if len(nums) == 3 and isinstance(nums[0], str):  # (field, reason, text): the row is rejected
            reject(rep, label, n, nums[0], nums[1], nums[2])
            continue
        quad, intensity, mentions = nums
        src, src_known = actors.resolve(f[7])
        tgt, tgt_known = actors.resolve(f[17])
        if not (src_known and tgt_known):
            _warn_unknown_actors(rep, label, n, f, src_known, tgt_known)
        add((f[0], date, src, tgt, f[5] or None, f[15] or None, "cameo", code, code[:2],
             quad, info[1], intensity, mentions, label))  # fmt: skip
        if n % 65_536 == 0:  # bounded memory: rows become Arrow columns
            out.flush()
            if progress is not None:
                progress(label, n)
    if progress is not None:
        progress(label, n)


_BAD = object()


def _numbers(f: list[str], info: tuple[int, str, float]) -> tuple:
    """``(quad, intensity, mentions)`` of a row, or ``(field, reason, text)`` when one of them is unusable."""
    quad = _number(int, f[29], info[0])
    intensity = _number(float, f[30], info[2])
    mentions = _number(int, f[31], None)
    if quad is _BAD or intensity is _BAD or mentions is _BAD:
        bad = next(i for i, v in ((29, quad), (30, intensity), (31, mentions)) if v is _BAD)
        return GDELT2_COLUMNS[bad], "not a number", f[bad]
    if not 1 <= quad <= 4:
        return "QuadClass", "must be 1, 2, 3 or 4", f[29]
    bad_intensity = intensity_problem(intensity)
    if bad_intensity:
        return "GoldsteinScale", bad_intensity, f[30]
    if mentions is not None and mentions < 0:
        return "NumMentions", "a count cannot be negative", f[31]
    return quad, intensity, mentions


def _warn_unknown_actors(rep: ImportReport, label: str, n: int, f: list[str], src_known: bool, tgt_known: bool) -> None:
    rep.rows_with_warnings += 1
    if not src_known:
        warn(rep, label, n, "Actor1CountryCode", "unknown actor country code (ISO3 left empty)", f[7])
    if not tgt_known:
        warn(rep, label, n, "Actor2CountryCode", "unknown actor country code (ISO3 left empty)", f[17])


def _number(kind, text: str, default):
    """``kind(text)``, ``default`` for an empty field, ``_BAD`` when it is not a number."""
    if text == "":
        return default
    try:
        return kind(text)
    except ValueError:
        return _BAD
