"""PLOVER records and POLECAT files into the normalized event table.

Two publisher formats, told apart by their first character:

* **PLOVER JSON records**, one JSON object per line (JSONL; a JSON array of
  records is read too). Current field names are ``id``, ``date``
  (YYYY-MM-DD), ``actor`` and ``recipient`` (lists of entity objects with a
  3-letter ``code``), ``event`` (a list of event types), optional
  ``quad_code`` and ``has_event``. The 0.5 names of the gold-standard records
  (``source``/``target``, ``event`` as a string, event types ``DEMAND``,
  ``DISAPPROVE``, ``INVESTIGATE``, ``FIGHT``) are read as well. A record with
  several actors, recipients or events gives one row per combination; the
  event id then gets ``#1``, ``#2``, … appended.
* **POLECAT** weekly files (``ngecEvents.YYYYMMDDhhmmss.ReleaseNNN.DV.txt``):
  tab-separated with a header, latin-1. The columns used are ``Event ID``,
  ``Event Date``, ``Event Type``, ``Intensity`` (or ``Event Intensity``),
  ``Quad Code``, ``Actor Name``, ``Actor Country``, ``Recipient Name`` and
  ``Recipient Country``; multi-valued cells separate items with ``;``.

Actor codes are ISO3 country codes, mapped with :mod:`fairweather.codes`;
PLOVER's non-state codes (``IGO``, ``UNO``, ``EUR``, ``NGO``, ``ISM``,
``IMG``, ``MNC``) and CAMEO regions give a null ISO3 without a warning. The
intensity is the PLOVER score of the event type, or POLECAT's own
``Intensity`` where the file has one.
"""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Iterable, Iterator

from fairweather.events.schema import EventImport, ImportReport
from fairweather.events.taxonomy import PLOVER_OLD_NAMES, PLOVER_QUAD, PLOVER_SCORES, PLOVER_SUPPORT
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
from fairweather.sources.gdelt import cameo_country_to_iso3

__all__ = [
    "VERSION",
    "CITATION",
    "LICENCE",
    "URL",
    "POLECAT_REQUIRED_COLUMNS",
    "NON_STATE_CODES",
    "read_plover",
    "plover_code_to_iso3",
]

VERSION = "PLOVER manual v0.8 (records) / POLECAT weekly releases (Dataverse doi:10.7910/DVN/AJGVIT)"
CITATION = (
    "Halterman, Andrew; Schrodt, Philip A.; Beger, Andreas; Bagozzi, Benjamin E.; Scarborough, Grace I. (2023). "
    "Creating Custom Event Data Without Dictionaries: A Bag-of-Tricks. / POLECAT Weekly Data, Harvard Dataverse, "
    "https://doi.org/10.7910/DVN/AJGVIT ; PLOVER: Open Event Data Alliance, https://github.com/openeventdata/PLOVER"
)
LICENCE = "PLOVER ontology CC BY-SA 4.0; POLECAT data under Harvard Dataverse terms (check before redistributing)."
URL = "https://github.com/openeventdata/PLOVER"

POLECAT_REQUIRED_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Actor Name", "Actor Country", "Recipient Name", "Recipient Country",
)  # fmt: skip

#: PLOVER actor codes that are not states (no ISO3, not an error).
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "UNK"})


def plover_code_to_iso3(code: str) -> tuple[str | None, bool]:
    """ISO3 of a PLOVER/POLECAT actor code and whether the code is known at all.

    >>> plover_code_to_iso3("RUS"), plover_code_to_iso3("IGO"), plover_code_to_iso3("QQQ")
    (('RUS', True), (None, True), (None, False))
    """
    code = code.strip().upper()
    if code in NON_STATE_CODES:
        return None, True
    return cameo_country_to_iso3(code)


def read_plover(
    paths: PathLike | Iterable[PathLike],
    *,
    progress: Progress | None = None,
    report: ImportReport | None = None,
) -> EventImport:
    """Read PLOVER JSONL records or POLECAT tab files into the normalized event table.

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
    # latin-1 maps every byte to one character, so POLECAT reads as published and
    # UTF-8 JSON lines are recovered exactly by re-encoding (see _json_lines).
    return run_import(paths, _read_stream, encoding="latin-1", progress=progress, report=report)


def _read_stream(label: str, stream: io.TextIOBase, out: EventBuilder, rep: ImportReport, progress) -> None:
    first = stream.readline()
    head = first.lstrip("\ufeff\xef\xbb\xbf \t")
    if head.startswith("["):
        text = (first + stream.read()).encode("latin-1").decode("utf-8", errors="replace")
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            reject(rep, label, exc.lineno, None, f"not valid JSON: {exc.msg}", None)
            return
        _read_records(label, ((i, r) for i, r in enumerate(records, 1)), out, rep, progress, numbered="record")
    elif head.startswith("{") or not head.strip():
        _read_records(label, _json_lines(label, first, stream, rep), out, rep, progress, numbered="line")
    else:
        _read_polecat(label, first, stream, out, rep, progress)


def _json_lines(label: str, first: str, stream: io.TextIOBase, rep: ImportReport) -> Iterator[tuple[int, dict]]:
    for n, line in enumerate(itertools.chain([first], stream), 1):
        line = line.strip()
        if not line:
            continue
        try:
            record = json.loads(line.encode("latin-1").decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            rep.rows_read += 1
            reject(rep, label, n, None, f"not valid JSON: {exc.msg}", line[:60])
            continue
        yield n, record


def _as_list(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _read_records(label, records, out: EventBuilder, rep: ImportReport, progress, numbered: str) -> None:
    dates = DateCache()
    actors = ActorMapper(plover_code_to_iso3)
    n = 0
    for n, rec in records:
        rep.rows_read += 1
        if not isinstance(rec, dict):
            reject(rep, label, n, None, "not a JSON object", str(rec)[:60])
            continue
        events = [str(e).strip().upper() for e in _as_list(rec.get("event"))]
        if rec.get("has_event") is False:
            reject(rep, label, n, "has_event", "record says it holds no event", "false")
            continue
        if not events or events == ["DOCUMENT"]:
            reject(rep, label, n, "event", "not an event record (documentation or empty)", ",".join(events))
            continue
        names = [PLOVER_OLD_NAMES.get(e, e) for e in events]
        bad = [e for e, name in zip(events, names) if name not in PLOVER_SCORES]
        if bad:
            reject(rep, label, n, "event", "not a PLOVER event type", bad[0])
            continue
        raw_date = str(rec.get("date") or "")
        date = dates(raw_date[:10])
        if date is None:
            reject(rep, label, n, "date", "not a date written YYYY-MM-DD", raw_date)
            continue
        quad_raw = rec.get("quad_code")
        try:
            quad_given = int(quad_raw) if quad_raw not in (None, "") else None
        except (TypeError, ValueError):
            quad_given = 0
        if quad_given is not None and not 1 <= quad_given <= 4:
            reject(rep, label, n, "quad_code", "must be 1, 2, 3 or 4", str(quad_raw))
            continue
        sources = _entities(rec.get("actor", rec.get("source")))
        targets = _entities(rec.get("recipient", rec.get("target")))
        warned = False
        for field, ents in (("actor", sources), ("recipient", targets)):
            for code in ents:
                if code is not None and not actors.resolve(code)[1]:
                    warn(rep, label, n, field, "unknown actor code (ISO3 left empty)", code)
                    warned = True
        rep.rows_with_warnings += warned
        combos = list(itertools.product(names, sources, targets))
        rid = str(rec.get("id") or f"{label}:{n}")
        for k, (name, src, tgt) in enumerate(combos, 1):
            quad = quad_given if quad_given is not None and len(names) == 1 else PLOVER_QUAD[name]
            out.add((rid if len(combos) == 1 else f"{rid}#{k}", date,
                     actors.resolve(src)[0] if src else None, actors.resolve(tgt)[0] if tgt else None,
                     src, tgt, "plover", name, name, quad, PLOVER_SUPPORT[name], PLOVER_SCORES[name], None, label))  # fmt: skip
        if n % 65_536 == 0:  # bounded memory: rows become Arrow columns
            out.flush()
            if progress is not None:
                progress(label, n)
    if progress is not None:
        progress(label, n)


def _entities(value) -> list[str | None]:
    codes = []
    for ent in _as_list(value):
        code = ent.get("code") if isinstance(ent, dict) else ent
        codes.append(str(code).strip().upper() if code else None)
    return codes or [None]


def _polecat_scores(f: list[str], header: list[str], i_int: int | None, i_quad: int | None, name: str,
                    label: str, n: int, rep: ImportReport) -> tuple[float, int] | None:
    """A POLECAT row's intensity and quad code (the file's own when given, else the event type's); None if rejected."""
    intensity = PLOVER_SCORES[name]
    if i_int is not None and f[i_int].strip():
        try:
            intensity = float(f[i_int])
        except ValueError:
            reject(rep, label, n, header[i_int], "not a number", f[i_int])
            return None
        bad_intensity = intensity_problem(intensity)
        if bad_intensity:
            reject(rep, label, n, header[i_int], bad_intensity, f[i_int])
            return None
    quad = PLOVER_QUAD[name]
    if i_quad is not None and f[i_quad].strip():
        q = f[i_quad].strip()
        if not (q.isdigit() and 1 <= int(q) <= 4):
            reject(rep, label, n, "Quad Code", "must be 1, 2, 3 or 4", q)
            return None
        quad = int(q)
    return intensity, quad


def _read_polecat(label, header_line, stream, out: EventBuilder, rep: ImportReport, progress) -> None:
    header = [h.strip() for h in header_line.lstrip("\ufeff").rstrip("\r\n").split("\t")]
    missing = [c for c in POLECAT_REQUIRED_COLUMNS if c not in header]
    if missing:
        reject(rep, label, 1, None,
               "neither PLOVER JSON nor a POLECAT header; missing column(s) " + ", ".join(missing), None)  # fmt: skip
        return
    ix = {c: i for i, c in enumerate(header)}
    i_int = ix.get("Intensity", ix.get("Event Intensity"))
    i_quad = ix.get("Quad Code")
    width = len(header)
    dates = DateCache()
    actors = ActorMapper(plover_code_to_iso3)
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
        date = dates(f[ix["Event Date"]].strip()[:10])
        if date is None:
            reject(rep, label, n, "Event Date", "not a date written YYYY-MM-DD", f[ix["Event Date"]])
            continue
        raw_type = f[ix["Event Type"]].strip().upper()
        name = PLOVER_OLD_NAMES.get(raw_type, raw_type)
        if name not in PLOVER_SCORES:
            reject(rep, label, n, "Event Type", "not a PLOVER event type", f[ix["Event Type"]])
            continue
        scores = _polecat_scores(f, header, i_int, i_quad, name, label, n, rep)
        if scores is None:
            continue
        intensity, quad = scores
        srcs = [c.strip().upper() or None for c in f[ix["Actor Country"]].split(";")]
        tgts = [c.strip().upper() or None for c in f[ix["Recipient Country"]].split(";")]
        warned = False
        for col, codes in (("Actor Country", srcs), ("Recipient Country", tgts)):
            for code in codes:
                if code is not None and not actors.resolve(code)[1]:
                    warn(rep, label, n, col, "unknown actor country code (ISO3 left empty)", code)
                    warned = True
        rep.rows_with_warnings += warned
        combos = list(itertools.product(srcs, tgts))
        eid = f[ix["Event ID"]]
        for k, (src, tgt) in enumerate(combos, 1):
            out.add((eid if len(combos) == 1 else f"{eid}#{k}", date,
                     actors.resolve(src)[0] if src else None, actors.resolve(tgt)[0] if tgt else None,
                     f[ix["Actor Name"]] or None, f[ix["Recipient Name"]] or None, "plover", name, name,
                     quad, PLOVER_SUPPORT[name], intensity, None, label))  # fmt: skip
        if n % 65_536 == 0:  # bounded memory: rows become Arrow columns
            out.flush()
            if progress is not None:
                progress(label, n)
    if progress is not None:
        progress(label, n)

