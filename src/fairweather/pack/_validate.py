"""Validating and parsing a data pack: every problem collected, with file, row and field.

Checks, each reported as a :class:`~fairweather.errors.PackProblem`:

* the header of every file (unknown or missing columns);
* required fields, value types (dates, numbers, 0/1 flags) and vocabularies
  (fact kinds, tie kinds, obligations, conditions, crisis kinds, regions);
* states: every code must be a known country code (an unknown one gets the
  closest suggestions) and a state of the pack's ``states`` table;
* sources: every ``source_id`` must exist in ``sources``;
* dates: ``valid_to`` (or ``end_date``) not before ``valid_from`` (``start_date``);
* numbers are finite (no ``nan``, ``inf`` or ``1e400``) and within their unit's bounds
  (:data:`~fairweather.pack.schema.UNIT_BOUNDS`: a 0-1 score, a share in %, a count that is not negative);
* crises start while their target and state attackers exist as states (a spell in ``states``);
* support levels between 0 and 5 (a supporter that sided with the attacker keeps the level it gave
  the target: CODING.md, siding never erases a level);
* keys unique across all files of a table; references between tables;
* overlapping contradictory facts: two rows for the same single-valued fact
  (or level tie, or membership) whose periods overlap with different values.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairweather.errors import PackProblem, PackValidationError
from fairweather.pack._read import RawPack, RawRow, pack_hash, read_pack
from fairweather.pack.schema import (
    CONDITIONS,
    CRISIS_KINDS,
    FACT_KINDS,
    OBLIGATIONS,
    SOURCE_KINDS,
    TABLES,
    TIE_KINDS,
    UNIT_BOUNDS,
)

__all__ = ["ParsedPack", "parse_pack", "validate_pack", "load_pack", "REGIONS"]

REGIONS = ("europe", "post_soviet", "middle_east", "asia", "americas", "africa", "oceania")


@dataclass
class ParsedPack:
    """A valid pack: every table as a list of typed records, plus its hash."""

    folder: Path
    records: dict[str, list[dict[str, Any]]]
    hash: str


def _parse_value(kind: str, text: str) -> Any:
    if kind == "date":
        return dt.date.fromisoformat(text)
    if kind in ("int", "level"):
        if not text.lstrip("-").isdigit():
            raise ValueError("not a whole number")
        return int(text)
    if kind == "float":
        return _finite(text)
    if kind == "bool":
        if text not in ("0", "1"):
            raise ValueError("not 0 or 1")
        return text == "1"
    return text


def _finite(text: str) -> float:
    """``float(text)`` for a finite number; ValueError for ``nan``, ``inf`` and overflowing values like ``1e400``."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    return value


def _bounds_problem(value: float, unit: str) -> str | None:
    lo, hi = UNIT_BOUNDS.get(unit, (None, None))
    if lo is not None and value < lo or hi is not None and value > hi:
        if hi is None:
            return f"must not be negative (unit: {unit})"
        return f"must be between {lo:g} and {hi:g} (unit: {unit})"
    return None


_TYPE_HELP = {
    "date": "a date written YYYY-MM-DD",
    "int": "a whole number",
    "level": "a support level 0-5",
    "float": "a number",
    "bool": "0 or 1",
}


class _Checker:
    def __init__(self, raw: RawPack) -> None:
        self.raw = raw
        self.problems: list[PackProblem] = list(raw.problems)
        self.records: dict[str, list[dict[str, Any]]] = {}
        self.origin: dict[str, list[RawRow]] = {}
        #: Keys (as written) of rows that failed to parse: already reported, so rows that refer to
        #: them are not reported again as referring to something unknown.
        self.failed_keys: dict[str, set[str]] = defaultdict(set)

    def add(self, row: RawRow | None, field: str | None, problem: str, value: str | None = None, file: str | None = None) -> None:
        if row is None:
            self.problems.append(PackProblem(file or "", None, field, problem, value))
        else:
            self.problems.append(PackProblem(row.file, row.row, field, problem, value))

    # -- per-row typing -------------------------------------------------
    def parse_tables(self) -> None:
        for name, table in self.raw.tables.items():
            spec = TABLES[name]
            out: list[dict[str, Any]] = []
            origin: list[RawRow] = []
            for row in table.rows:
                rec: dict[str, Any] = {}
                ok = True
                for col in spec.columns:
                    text = row.values.get(col.name, "")
                    if text == "":
                        if col.required:
                            self.add(row, col.name, "required value is empty")
                            ok = False
                        rec[col.name] = None
                        continue
                    try:
                        val = _parse_value(col.type, text)
                    except ValueError:
                        self.add(row, col.name, f"must be {_TYPE_HELP[col.type]}", text)
                        ok = False
                        continue
                    if col.type == "level" and not 0 <= val <= 5:
                        self.add(row, col.name, "support level out of range: it must be between 0 and 5", text)
                        ok = False
                    rec[col.name] = val
                if ok:
                    out.append(rec)
                    origin.append(row)
                elif spec.key:
                    self.failed_keys[name].add(row.values.get(spec.key[0], ""))
            self.records[name] = out
            self.origin[name] = origin

    # -- vocabularies, dates, references --------------------------------
    def check_rows(self) -> None:
        from fairweather.codes import suggest, try_iso3

        self.spells: dict[str, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
        for r in self.records.get("states", []):
            self.spells[r["iso3"]].append((r["valid_from"], r["valid_to"]))

        sources = {r["source_id"] for r in self.records.get("sources", [])}
        state_ids = {r["iso3"] for r in self.records.get("states", [])}
        commitments = {r["commitment_id"] for r in self.records.get("commitments", [])}
        crises = {r["crisis_id"]: r for r in self.records.get("crises", [])}
        # A table with a file that could not be read, or rows that did not parse, has been reported
        # already: a reference to it is not checked (it would repeat that problem once per row).
        skip = {name for name in TABLES if name in self.raw.incomplete}
        known_bad = {name: self.failed_keys[name] for name in TABLES}

        def check_state(row: RawRow, field: str, code: str) -> bool:
            if code in state_ids:
                return True
            if "states" in skip or code in known_bad["states"]:
                return False
            known = try_iso3(code)
            if known is None or known != code:
                hint = suggest(code)
                extra = f"; did you mean {', '.join(hint)}?" if hint else "; use an ISO3 code"
                if known is not None:
                    extra = f"; write it as the ISO3 code {known}"
                self.add(row, field, f"unknown state code{extra}", code)
            else:
                self.add(row, field, f"{code} is a country code but not a state of the pack; add it to states/", code)
            return False

        for name, recs in self.records.items():
            spec = TABLES[name]
            for rec, row in zip(recs, self.origin[name]):
                for col in spec.columns:
                    v = rec.get(col.name)
                    if v is None:
                        continue
                    if col.type == "state" and name != "states":
                        check_state(row, col.name, v)
                    elif col.type == "states":
                        parts = [p.strip() for p in v.split(";")]
                        if any(not p for p in parts):
                            self.add(row, col.name, "empty entry in a ';'-separated list", v)
                        for p in parts:
                            if p:
                                check_state(row, col.name, p)
                if (spec.sourced and rec.get("source_id") is not None and rec["source_id"] not in sources
                        and "sources" not in skip and rec["source_id"] not in known_bad["sources"]):
                    self.add(row, "source_id", "unknown source: add it to sources/ or cite an existing source_id", rec["source_id"])
                start_col, end_col = spec.date_columns
                if spec.dated and rec.get(start_col) and rec.get(end_col) and rec[end_col] < rec[start_col]:
                    self.add(row, end_col, f"ends before it starts ({start_col} is {rec[start_col]})", str(rec[end_col]))
                getattr(self, f"_check_{name}", lambda r, o, **k: None)(
                    rec, row, state_ids=state_ids, commitments=commitments, crises=crises, skip=skip, known_bad=known_bad
                )

    def _check_sources(self, rec, row, **_):
        if rec["kind"] not in SOURCE_KINDS:
            self.add(row, "kind", f"unknown source kind; use one of {', '.join(SOURCE_KINDS)}", rec["kind"])

    def _check_states(self, rec, row, **_):
        from fairweather.codes import try_iso3

        iso = rec["iso3"]
        if try_iso3(iso) != iso:
            self.add(row, "iso3", "not an ISO3 code that fairweather.codes knows", iso)
        if rec["region"] not in REGIONS:
            self.add(row, "region", f"unknown region; use one of {', '.join(REGIONS)}", rec["region"])
        lat, lon = rec.get("capital_lat"), rec.get("capital_lon")
        if lat is not None and not -90 <= lat <= 90:
            self.add(row, "capital_lat", "latitude must be between -90 and 90", str(lat))
        if lon is not None and not -180 <= lon <= 180:
            self.add(row, "capital_lon", "longitude must be between -180 and 180", str(lon))

    def _check_state_facts(self, rec, row, **_):
        kind = FACT_KINDS.get(rec["fact"])
        if kind is None:
            self.add(row, "fact", f"unknown fact kind; use one of {', '.join(FACT_KINDS)}", rec["fact"])
            return
        self._check_typed_value(rec, row, kind.value_type, kind.unit)

    def _check_typed_value(self, rec, row, value_type: str, unit: str = "") -> None:
        from fairweather.codes import try_iso3

        v = rec["value"]
        if value_type == "float":
            try:
                number = _finite(v)
            except ValueError:
                self.add(row, "value", "must be a finite number for this kind (not nan, inf or beyond 1e308)", v)
                return
            problem = _bounds_problem(number, unit)
            if problem:
                self.add(row, "value", f"{problem} for {rec.get('fact') or rec.get('kind')}", v)
        elif value_type == "bool" and v not in ("0", "1"):
            self.add(row, "value", "must be 0 or 1 for this kind", v)
        elif value_type == "state" and try_iso3(v) != v:
            self.add(row, "value", "must be the ISO3 code of a state for this kind", v)

    def _check_ties(self, rec, row, **_):
        kind = TIE_KINDS.get(rec["kind"])
        if kind is None:
            self.add(row, "kind", f"unknown tie kind; use one of {', '.join(TIE_KINDS)}", rec["kind"])
            return
        self._check_typed_value(rec, row, kind.value_type, kind.unit)
        if rec["from_state"] == rec["to_state"]:
            self.add(row, "to_state", "a tie needs two different states", rec["to_state"])

    def _check_conditions(self, row, field: str, text: str | None) -> None:
        if not text:
            return
        for part in text.split(";"):
            name = part.split(":", 1)[0].strip()
            if name not in CONDITIONS:
                self.add(row, field, f"unknown condition {name!r}; use one of {', '.join(CONDITIONS)}", text)

    def _check_commitments(self, rec, row, **_):
        if not any(rec[o] for o in OBLIGATIONS):
            self.add(row, "defense", "a commitment needs at least one obligation flag set to 1")
        self._check_conditions(row, "conditions", rec.get("conditions"))

    def _check_commitment_members(self, rec, row, commitments, skip, known_bad, **_):
        if rec["commitment_id"] not in commitments and "commitments" not in skip \
                and rec["commitment_id"] not in known_bad["commitments"]:
            self.add(row, "commitment_id", "unknown commitment: add it to commitments/", rec["commitment_id"])
        ob = rec.get("obligations")
        if ob:
            for part in ob.split(";"):
                if part.strip() not in OBLIGATIONS:
                    self.add(row, "obligations", f"unknown obligation {part.strip()!r}; use one of {', '.join(OBLIGATIONS)}", ob)
        self._check_conditions(row, "conditions", rec.get("conditions"))

    def _check_crises(self, rec, row, **_):
        if rec["kind"] not in CRISIS_KINDS:
            self.add(row, "kind", f"unknown crisis kind; use one of {', '.join(CRISIS_KINDS)}", rec["kind"])
        attackers = [a.strip() for a in (rec["attackers"] or "").split(";")]
        if rec["target"] in attackers:
            self.add(row, "attackers", "the target cannot be one of its own attackers", rec["attackers"])
        for field, code in [("target", rec["target"]), *(("attackers", a) for a in attackers)]:
            self._check_exists_on(row, field, code, rec["start_date"])

    def _check_exists_on(self, row: RawRow, field: str, code: str, day: dt.date) -> None:
        """Report a crisis that starts on ``day`` when the state ``code`` had no spell in ``states`` then."""
        spells = self.spells.get(code)
        if not spells:  # not a state of the pack: reported (or an armed group, allowed) elsewhere
            return
        if any(lo <= day <= (hi or dt.date.max) for lo, hi in spells):
            return
        listed = ", ".join(f"{lo}..{hi or 'open'}" for lo, hi in spells)
        self.add(row, "start_date", f"the crisis starts on {day}, when {code} ({field}) was not a state "
                 f"(its spells in states/: {listed}); fix the date or the state's spell", str(day))

    def _check_responses(self, rec, row, crises, skip, known_bad, **_):
        crisis = crises.get(rec["crisis_id"])
        if crisis is None:
            if "crises" not in skip and rec["crisis_id"] not in known_bad["crises"]:
                self.add(row, "crisis_id", "unknown crisis: add it to crises/", rec["crisis_id"])
        else:
            if rec["supporter"] == crisis["target"]:
                self.add(row, "supporter", "the target cannot be its own supporter", rec["supporter"])
            if rec["supporter"] in [a.strip() for a in crisis["attackers"].split(";")]:
                self.add(row, "supporter", "an attacker cannot be a supporter of the target", rec["supporter"])

    # -- whole-table checks ---------------------------------------------
    def check_keys(self) -> None:
        for name, recs in self.records.items():
            spec = TABLES[name]
            seen: dict[tuple, RawRow] = {}
            for rec, row in zip(recs, self.origin[name]):
                key = tuple(rec.get(k) for k in spec.key)
                if key in seen:
                    first = seen[key]
                    self.add(row, spec.key[0], f"duplicate key {key} (first at {first.file}, row {first.row})", str(key[0]))
                else:
                    seen[key] = row

    def check_overlaps(self) -> None:
        groups: dict[tuple, list[tuple[dict, RawRow]]] = defaultdict(list)
        for rec, row in zip(self.records.get("state_facts", []), self.origin.get("state_facts", [])):
            kind = FACT_KINDS.get(rec["fact"])
            if kind and not kind.multi:
                groups[("state_facts", rec["state"], rec["fact"])].append((rec, row))
        for rec, row in zip(self.records.get("ties", []), self.origin.get("ties", [])):
            tie_kind = TIE_KINDS.get(rec["kind"])
            if tie_kind and not tie_kind.event:
                groups[("ties", rec["from_state"], rec["to_state"], rec["kind"])].append((rec, row))
        for rec, row in zip(self.records.get("commitment_members", []), self.origin.get("commitment_members", [])):
            groups[("commitment_members", rec["commitment_id"], rec["state"])].append((rec, row))
        for rec, row in zip(self.records.get("bloc_members", []), self.origin.get("bloc_members", [])):
            groups[("bloc_members", rec["bloc_id"], rec["state"])].append((rec, row))
        for rec, row in zip(self.records.get("states", []), self.origin.get("states", [])):
            groups[("states", rec["iso3"])].append((rec, row))
        far = dt.date.max
        for key, items in groups.items():
            items.sort(key=lambda x: x[0]["valid_from"])
            for i in range(1, len(items)):
                prev, prow = items[i - 1]
                cur, crow = items[i]
                if cur["valid_from"] <= (prev["valid_to"] or far):
                    same = key[0] in ("state_facts", "ties") and str(prev.get("value")) == str(cur.get("value"))
                    what = "repeats" if same else "contradicts"
                    self.add(
                        crow,
                        "valid_from",
                        f"overlaps and {what} {prev_desc(prow)} for {'/'.join(key[1:])} "
                        f"({prev['valid_from']}..{prev['valid_to'] or 'open'}); end one period before the other starts",
                        str(cur["valid_from"]),
                    )


def prev_desc(row: RawRow) -> str:
    return f"{row.file}, row {row.row}"


def _check(raw: RawPack) -> _Checker:
    checker = _Checker(raw)
    checker.parse_tables()
    checker.check_rows()
    checker.check_keys()
    checker.check_overlaps()
    return checker


def validate_pack(folder: Path | str | None = None) -> list[PackProblem]:
    """Every problem in the pack at ``folder`` (default: the embedded pack); empty if it is valid."""
    return _check(read_pack(folder)).problems


def parse_pack(folder: Path | str | None = None) -> ParsedPack:
    """Validate and parse the pack; raise :class:`PackValidationError` listing every problem.

    Nothing is returned unless the whole pack is valid, so a store never holds
    half a pack.
    """
    raw = read_pack(folder)
    checker = _check(raw)
    if checker.problems:
        raise PackValidationError(checker.problems)
    return ParsedPack(raw.folder, checker.records, pack_hash(raw.folder))


load_pack = parse_pack
