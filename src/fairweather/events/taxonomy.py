"""One taxonomy for CAMEO and PLOVER events: quad class, support class, intensity.

Every event, whatever its coding system, gets

* a **quad class**: 1 verbal cooperation, 2 material cooperation,
  3 verbal conflict, 4 material conflict. For CAMEO it follows GDELT's rule by
  root code (01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4); importers keep the
  value a file carries where it has one. For PLOVER it is the quad of the
  PLOVER manual (PROTEST and SANCTION are material conflict).
* a **support class**, the say–do reading of the event from its source toward
  its target:

  ================== =========================================== =====================================
  support class      CAMEO                                       PLOVER
  ================== =========================================== =====================================
  verbal_support     03x intent to cooperate (promises of aid    AGREE, CONSULT, SUPPORT
                     included), 04x consult, 05x diplomatic
                     cooperation, and 013 optimistic, 018
                     empathetic, 019 express accord
  material_support   06x material cooperation, 07x provide aid   COOPERATE, AID
  verbal_hostility   09x investigate, 10x demand, 11x            ACCUSE, REJECT, THREATEN
                     disapprove, 12x reject, 13x threaten,       (0.5 names: DEMAND, DISAPPROVE,
                     14x protest                                 INVESTIGATE)
  material_hostility 15x–20x force posture, reduce relations     PROTEST, SANCTION, MOBILIZE, COERCE,
                     (sanctions), coerce, assault, fight         ASSAULT (0.5 name: FIGHT)
  other              other 01x statements, 02x appeals (a        CONCEDE, RETREAT, REQUEST
                     request is not support), 08x yield
  ================== =========================================== =====================================

  GDELT files 09 under quad 2 and 14 under quad 3; the support class reads
  them by meaning (an investigation is hostile words, a protest is words
  unless it turns into force, which CAMEO codes elsewhere).
* an **intensity**: the Goldstein value GDELT publishes for the CAMEO code
  (:func:`goldstein`, package data ``events/data/cameo_goldstein_gdelt.tsv``),
  or the PLOVER cooperation–conflict score of the event type
  (:data:`PLOVER_SCORES`).

>>> quad_class_of("0332"), support_class_of("cameo", "0332"), goldstein("0332")
(1, 'verbal_support', 5.2)
>>> support_class_of("cameo", "072"), goldstein("072")
('material_support', 8.3)
>>> classify("plover", "AID")
(2, 'material_support', 10.0)
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources
from typing import Literal

from fairweather.errors import EventFormatError

__all__ = [
    "CAMEO_SUPPORT_RULE",
    "CodeSystem",
    "SupportClass",
    "SUPPORT_CLASSES",
    "QUAD_NAMES",
    "PLOVER_EVENTS",
    "PLOVER_SCORES",
    "PLOVER_QUAD",
    "PLOVER_SUPPORT",
    "PLOVER_OLD_NAMES",
    "cameo_codes",
    "cameo_description",
    "is_cameo_code",
    "goldstein",
    "root_of",
    "quad_class_of",
    "support_class_of",
    "classify",
    "cameo_country_codes",
]

CodeSystem = Literal["cameo", "plover"]
SupportClass = Literal["verbal_support", "material_support", "verbal_hostility", "material_hostility", "other"]

#: Every support class, in the order tables show them.
SUPPORT_CLASSES: tuple[str, ...] = (
    "verbal_support",
    "material_support",
    "verbal_hostility",
    "material_hostility",
    "other",
)

QUAD_NAMES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

#: PLOVER cooperation–conflict score of each event type (PLOVER manual v0.8).
#: ACCUSE has no score in that list; it gets REJECT's −2 (both are verbal
#: conflict short of a threat), a documented assumption.
PLOVER_SCORES: dict[str, float] = {
    "AID": 10.0,
    "COOPERATE": 9.5,
    "RETREAT": 6.5,
    "SUPPORT": 5.0,
    "CONCEDE": 4.5,
    "AGREE": 2.5,
    "CONSULT": 2.5,
    "REQUEST": 0.0,
    "ACCUSE": -2.0,
    "REJECT": -2.0,
    "THREATEN": -3.5,
    "PROTEST": -5.0,
    "MOBILIZE": -5.5,
    "SANCTION": -6.0,
    "COERCE": -7.0,
    "ASSAULT": -9.0,
}

#: The 16 PLOVER event types.
PLOVER_EVENTS: tuple[str, ...] = tuple(PLOVER_SCORES)

PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

PLOVER_SUPPORT: dict[str, str] = {
    "AGREE": "verbal_support", "CONSULT": "verbal_support", "SUPPORT": "verbal_support",
    "CONCEDE": "other", "RETREAT": "other", "REQUEST": "other",
    "COOPERATE": "material_support", "AID": "material_support",
    "ACCUSE": "verbal_hostility", "REJECT": "verbal_hostility", "THREATEN": "verbal_hostility",
    "PROTEST": "material_hostility", "SANCTION": "material_hostility",
    "MOBILIZE": "material_hostility", "COERCE": "material_hostility", "ASSAULT": "material_hostility",
}  # fmt: skip

#: Event names of PLOVER 0.5 (the gold-standard records) and their current names.
PLOVER_OLD_NAMES: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}

#: The CAMEO support-class rule, the one definition both forms read: ordered ``(prefix length, prefixes,
#: class)`` rows, the first whose prefix matches the code wins. :func:`support_class_of` applies it in Python
#: and :func:`fairweather.events.pipeline.support_class_expr` turns it into an Ibis expression.
CAMEO_SUPPORT_RULE: tuple[tuple[int, frozenset[str], str], ...] = (
    (3, frozenset({"013", "018", "019"}), "verbal_support"),
    (2, frozenset({"01", "02", "08"}), "other"),
    (2, frozenset({"03", "04", "05"}), "verbal_support"),
    (2, frozenset({"06", "07"}), "material_support"),
    (2, frozenset({"09", "10", "11", "12", "13", "14"}), "verbal_hostility"),
    (2, frozenset(f"{r:02d}" for r in range(15, 21)), "material_hostility"),
)


@lru_cache(maxsize=1)
def _goldstein_table() -> dict[str, tuple[float, str]]:
    path = resources.files("fairweather") / "events" / "data" / "cameo_goldstein_gdelt.tsv"
    out: dict[str, tuple[float, str]] = {}
    with path.open(encoding="utf-8") as fh:
        reader = csv.reader(fh, delimiter="\t")
        next(reader)
        for code, value, description in reader:
            out.setdefault(code, (float(value), description))
    return out


@lru_cache(maxsize=1)
def cameo_country_codes() -> dict[str, str]:
    """GDELT's CAMEO actor country codes and their labels (ISO3 plus regions)."""
    path = resources.files("fairweather") / "events" / "data" / "cameoCountry.tsv"
    with path.open(encoding="utf-8") as fh:
        return {row["CODE"]: row["LABEL"] for row in csv.DictReader(fh, delimiter="\t")}


def cameo_codes() -> list[str]:
    """Every CAMEO code in the shipped Goldstein lookup (root, base and full level)."""
    return sorted(_goldstein_table())


def is_cameo_code(code: str) -> bool:
    """Whether ``code`` (a string with its leading zero) is a known CAMEO code."""
    return code in _goldstein_table()


def cameo_description(code: str) -> str:
    """GDELT's short description of a CAMEO code."""
    return _lookup(code)[1]


def goldstein(code: str) -> float:
    """Goldstein scale value (−10…+10) that GDELT assigns to a CAMEO code.

    Raises
    ------
    EventFormatError
        For a code that is not in the lookup (e.g. ``43`` read as a number
        instead of ``"043"``).
    """
    return _lookup(code)[0]


def _lookup(code: str) -> tuple[float, str]:
    try:
        return _goldstein_table()[code]
    except KeyError:
        hint = " CAMEO codes are strings with a leading zero, e.g. '043'." if code.isdigit() and len(code) < 3 else ""
        raise EventFormatError(f"Unknown CAMEO event code {code!r}.{hint}") from None


def root_of(code: str) -> str:
    """The two-digit CAMEO root of a code (``"0332"`` → ``"03"``)."""
    return code[:2]


def quad_class_of(code: str) -> int:
    """GDELT's quad class of a CAMEO code, derived from its root."""
    root = int(root_of(code))
    if not 1 <= root <= 20:
        raise EventFormatError(f"CAMEO code {code!r} has no root between 01 and 20.")
    return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


def support_class_of(system: CodeSystem, code: str) -> str:
    """The support class of an event code (see the module docstring for the table)."""
    if system == "cameo":
        for n, prefixes, cls in CAMEO_SUPPORT_RULE:
            if code[:n] in prefixes:
                return cls
        raise EventFormatError(f"CAMEO code {code!r} has no root between 01 and 20.")
    if system == "plover":
        return PLOVER_SUPPORT[_plover_name(code)]
    raise EventFormatError(f"code_system must be 'cameo' or 'plover'; got {system!r}.")


def _plover_name(code: str) -> str:
    name = code.strip().upper()
    name = PLOVER_OLD_NAMES.get(name, name)
    if name not in PLOVER_SCORES:
        raise EventFormatError(
            f"Unknown PLOVER event type {code!r}; expected one of {', '.join(PLOVER_EVENTS)}."
        )
    return name


def classify(system: CodeSystem, code: str) -> tuple[int, str, float]:
    """Quad class, support class and intensity of one event code.

    Parameters
    ----------
    system
        ``"cameo"`` (intensity = GDELT Goldstein value) or ``"plover"``
        (intensity = PLOVER score; 0.5 names such as ``DEMAND`` are accepted).
    code
        A CAMEO code as a string (``"043"``) or a PLOVER event type (``"AID"``).
    """
    if system == "plover":
        name = _plover_name(code)
        return PLOVER_QUAD[name], PLOVER_SUPPORT[name], PLOVER_SCORES[name]
    return quad_class_of(code), support_class_of("cameo", code), goldstein(code)

