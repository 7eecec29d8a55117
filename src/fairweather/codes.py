"""Country identity: ISO3 <-> Correlates of War code <-> Gleditsch–Ward code <-> names.

The standard part (official and short names, name regexes that also catch
demonyms such as "Iranian") comes from ``country_converter``; the COW and G-W
numbers are a curated table (``codes_data/state_codes.csv``, after the COW State
System Membership list v2016 and Gleditsch & Ward 1999, checked by the reference
tests); capitals and metonyms as they appear in news ("Tehran", "the Kremlin")
come from ``codes_data/aliases.csv``.

>>> to_iso3("the Kremlin")
'RUS'
>>> to_iso3(630)
'IRN'
>>> iso3_to_cow("DEU"), iso3_to_gw("DEU")
(255, 260)
"""

from __future__ import annotations

import csv
import difflib
import importlib.util
import logging
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

from fairweather.errors import UnknownStateError

__all__ = [
    "State",
    "to_iso3",
    "try_iso3",
    "lookup",
    "name",
    "iso3_to_cow",
    "iso3_to_gw",
    "cow_to_iso3",
    "gw_to_iso3",
    "known_names",
    "territory_names",
    "all_states",
]

System = Literal["iso3", "cow", "gw"]


@dataclass(frozen=True)
class State:
    """A state's identity in every code system fairweather uses."""

    iso3: str
    cow_code: int
    gw_code: int
    name: str


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().strip()
    text = re.sub(r"^the\s+", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def _coco_path() -> str:
    spec = importlib.util.find_spec("country_converter")
    if spec is None or spec.origin is None:  # pragma: no cover - a declared dependency
        raise ImportError("country_converter is required: pip install country_converter")
    return os.path.join(os.path.dirname(spec.origin), "country_data.tsv")


@lru_cache(maxsize=1)
def _coco_rows() -> list[dict[str, str]]:
    # Read country_converter's own table with the csv module: fast, and it
    # keeps Namibia's ISO2 "NA" a string (pandas would make it missing).
    with open(_coco_path(), encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


@lru_cache(maxsize=1)
def _converter():
    """country_converter's regex matcher, built only when a name is not in our tables."""
    import country_converter as coco
    import pandas as pd

    # coco reads its table with pandas defaults, which turn "NA" into a missing
    # value and break its regexes on pandas >= 3; hand it the table we read.
    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    data = pd.DataFrame(_coco_rows()).replace("", None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return coco.CountryConverter(country_data=data)


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, State], dict[int, str], dict[int, str], dict[str, str]]:
    by_iso: dict[str, State] = {}
    by_cow: dict[int, str] = {}
    by_gw: dict[int, str] = {}
    names: dict[str, str] = {}
    rows = _coco_rows()
    short = {r["ISO3"]: r["name_short"] for r in rows}
    short["XKX"] = "Kosovo"
    base = resources.files("fairweather") / "codes_data"
    with (base / "state_codes.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            iso = row["iso3"]
            st = State(iso, int(row["cow_code"]), int(row["gw_code"]), short.get(iso, iso))
            by_iso[iso] = st
            by_cow[st.cow_code] = iso
            by_gw[st.gw_code] = iso
            names[_norm(st.name)] = iso
            names[_norm(iso)] = iso
            names[_norm(row["cow_abb"])] = names.get(_norm(row["cow_abb"]), iso)
    for r in rows:
        if r["ISO3"] in by_iso and r["name_official"]:
            names.setdefault(_norm(r["name_official"]), r["ISO3"])
    with (base / "aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            names[_norm(row["alias"])] = row["iso3"]
    return by_iso, by_cow, by_gw, names


def all_states() -> list[State]:
    """Every state with a COW and G-W code, in COW order."""
    by_iso = _tables()[0]
    return sorted(by_iso.values(), key=lambda s: s.cow_code)


def territory_names() -> dict[str, str]:
    """Names of the places country_converter lists that are not states ("American Samoa", "Hong Kong"), by name.

    The value is the place's own ISO3 code (``ASM``, ``HKG``); :func:`to_iso3`
    does not resolve them, since no state system codes them.
    """
    by_iso = _tables()[0]
    out = {}
    for r in _coco_rows():
        if r["ISO3"] and r["ISO3"] not in by_iso:
            for col in ("name_short", "name_official"):
                if r[col]:
                    out[r[col]] = r["ISO3"]
    return out


def known_names() -> list[str]:
    """Every name, alias and code that :func:`to_iso3` resolves without regexes."""
    return sorted(_tables()[3])


def try_iso3(value: object, system: System | None = None) -> str | None:
    """Like :func:`to_iso3` but returns ``None`` for an unknown value (and skips the suggestions)."""
    if isinstance(value, str) and not value.strip().isdigit():
        return _resolve_text(value)
    try:
        return to_iso3(value, system)
    except UnknownStateError:
        return None


@lru_cache(maxsize=4096)
def _resolve_text(text: str) -> str | None:
    by_iso, _, _, names = _tables()
    up = text.strip().upper()
    if up in by_iso:
        return up
    key = _norm(text)
    if key in names:
        return names[key]
    if not key:
        return None
    cc = _converter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        hit = cc.convert(text, to="ISO3", not_found=None)
    if isinstance(hit, str) and hit in by_iso:
        return hit
    return None


def to_iso3(value: object, system: System | None = None) -> str:
    """Resolve a code or a name as news writes it to an ISO3 code.

    Parameters
    ----------
    value
        An ISO3 code, a COW or G-W number, a name, demonym, capital or metonym.
    system
        For numbers: ``"cow"`` (default) or ``"gw"``.

    Raises
    ------
    UnknownStateError
        With the closest known names as suggestions.
    """
    if isinstance(value, bool):
        raise UnknownStateError(value)
    if isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit()):
        code = int(value)
        table = _tables()[2] if system == "gw" else _tables()[1]
        if code in table:
            return table[code]
        raise UnknownStateError(value, [])
    if not isinstance(value, str):
        raise UnknownStateError(value)
    hit = _resolve_text(value)
    if hit is None:
        raise UnknownStateError(value, suggest(value))
    return hit


def suggest(value: str, n: int = 3) -> list[str]:
    """The ``n`` known names closest to ``value``, with their ISO3 codes."""
    names = _tables()[3]
    close = difflib.get_close_matches(_norm(value), list(names), n=n * 3, cutoff=0.5)
    out: list[str] = []
    seen: set[str] = set()
    for c in close:
        iso = names[c]
        if iso in seen:
            continue
        seen.add(iso)
        shown = lookup(iso).name
        label = shown if _norm(shown) == c else f"{c.title()} = {shown}"
        out.append(f"{label} ({iso})")
        if len(out) == n:
            break
    return out


def lookup(value: object) -> State:
    """The :class:`State` for any code or name."""
    return _tables()[0][to_iso3(value)]


def name(iso3: str) -> str:
    """Common English name of a state."""
    return lookup(iso3).name


def iso3_to_cow(iso3: str) -> int:
    """COW state number of an ISO3 code."""
    return lookup(iso3).cow_code


def iso3_to_gw(iso3: str) -> int:
    """Gleditsch–Ward state number of an ISO3 code."""
    return lookup(iso3).gw_code


def cow_to_iso3(code: int) -> str:
    """ISO3 code of a COW state number (the modern successor for 255/260 and 345)."""
    if int(code) == 260:  # German Federal Republic (1955-1990): unified Germany's ISO3
        return "DEU"
    if int(code) == 678:  # Yemen Arab Republic (North Yemen)
        return "YEM"
    return to_iso3(int(code), system="cow")


def gw_to_iso3(code: int) -> str:
    """ISO3 code of a Gleditsch–Ward state number."""
    if int(code) == 345:  # Yugoslavia/Serbia and Montenegro before 2006
        return "SRB"
    return to_iso3(int(code), system="gw")
