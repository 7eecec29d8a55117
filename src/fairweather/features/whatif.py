"""What-if assumptions: the small grammar (:data:`ASSUME_GRAMMAR`) and its parser, with the range checks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from fairweather.errors import ScenarioError
from fairweather.features.registry import FEATURES
from fairweather.pack.schema import FACT_KINDS, OBLIGATIONS, TIE_KINDS

__all__ = ["Assumption", "ASSUME_GRAMMAR", "parse_assumption"]


@dataclass(frozen=True)
class Assumption:
    """One what-if: ``subject`` (``"RUS"`` or ``("CHN", "IRN")``), ``name`` and ``value`` (None = remove)."""

    text: str
    subject: tuple[str, ...]
    name: str
    value: str | None
    target: Literal["fact", "tie", "obligation", "feature"]


ASSUME_GRAMMAR = """\
An assumption overrides one fact for this run, as of the scenario date:
  STATE.FACT=VALUE         a state fact, e.g. RUS.at_war_with=none, RUS.milex_usd=60, IRN.nuclear_weapons=1
  FROM>TO.TIE=VALUE        a tie, e.g. CHN>IRN.trade_share=20, RUS>IRN.troops_stationed=5000
  GIVER>RECEIVER.FLAG=0|1  an obligation, e.g. RUS>IRN.defense=1 (flags: defense, consultation, neutrality, partnership, ...)
  PARTNER.FEATURE=VALUE    a feature directly, e.g. CHN.past_mean_level=3
VALUE 'none' removes the fact; lists of states are separated by ';' (RUS.at_war_with=UKR;SYR); event ties
(arms_delivery, troops_sent) take a count of events dated just before the scenario."""


def parse_assumption(text: str) -> Assumption:
    """Parse one what-if written in the small grammar of :data:`ASSUME_GRAMMAR`."""
    from fairweather.codes import to_iso3

    raw = text.strip()
    if "=" not in raw or "." not in raw.split("=", 1)[0]:
        raise ScenarioError(f"Cannot read the assumption {text!r}: write SUBJECT.NAME=VALUE, e.g. "
                            f"'RUS.at_war_with=none' or 'CHN>IRN.trade_share=20'.\n{ASSUME_GRAMMAR}")
    lhs, value = raw.split("=", 1)
    subj, name = lhs.rsplit(".", 1)
    name = name.strip()
    value = value.strip()
    states = tuple(to_iso3(s.strip()) for s in subj.split(">"))
    val: str | None = None if value.lower() in ("none", "null", "") else value
    if len(states) == 1:
        if name in FACT_KINDS:
            kind = "fact"
        elif name in FEATURES:
            kind = "feature"
        else:
            raise ScenarioError(f"Unknown fact {name!r} in the assumption {text!r}; facts: {', '.join(FACT_KINDS)}; "
                                f"features: {', '.join(FEATURES)}.")
        if kind == "fact" and val is not None and FACT_KINDS[name].value_type == "state":
            val = ";".join(to_iso3(v.strip()) for v in val.split(";") if v.strip()) or None
    elif len(states) == 2:
        if name in OBLIGATIONS:
            kind = "obligation"
            if val not in ("0", "1", None):
                raise ScenarioError(f"An obligation flag takes 0 or 1; got {value!r} in {text!r}.")
        elif name in TIE_KINDS:
            kind = "tie"
        elif name in FEATURES:
            kind = "feature"
        else:
            raise ScenarioError(f"Unknown tie or obligation {name!r} in {text!r}; ties: {', '.join(TIE_KINDS)}; "
                                f"obligations: {', '.join(OBLIGATIONS)}.")
    else:
        raise ScenarioError(f"The subject of {text!r} must be one state (RUS) or a pair (CHN>IRN).")
    if kind in ("fact", "tie", "feature") and val is not None:
        vt = FACT_KINDS[name].value_type if kind == "fact" else (TIE_KINDS[name].value_type if kind == "tie" else "float")
        if vt in ("float", "bool") or (kind == "tie" and TIE_KINDS[name].event):
            try:
                num = float(val)
            except ValueError:
                raise ScenarioError(f"{name} takes a number; got {value!r} in {text!r}.") from None
            _check_assumed_number(name, kind, vt, num, value, text)
    return Assumption(raw, states, name, val, kind)  # type: ignore[arg-type]


#: Tie kinds measured in percent: an assumed share must lie in 0..100.
_PERCENT = {k for k, t in TIE_KINDS.items() if t.unit == "%"}


def _check_assumed_number(name: str, kind: str, vt: str, num: float, value: str, text: str) -> None:
    """Refuse assumed values no data could hold (issue 13: 1e300, -500% and inf moved forecasts silently)."""
    if not math.isfinite(num):
        raise ScenarioError(f"{name} takes a finite number; got {value!r} in {text!r}.")
    if vt == "bool" and num not in (0.0, 1.0):
        raise ScenarioError(f"{name} takes 0 or 1; got {value!r} in {text!r}.")
    if num < 0 and kind != "feature":  # features such as log ratios may be negative; facts and ties may not
        raise ScenarioError(f"{name} cannot be negative; got {value!r} in {text!r}.")
    if kind == "tie" and name in _PERCENT and num > 100:
        raise ScenarioError(f"{name} is a share in percent (0-100); got {value!r} in {text!r}.")
    if kind == "fact" and FACT_KINDS[name].unit == "0-1" and num > 1:
        raise ScenarioError(f"{name} is a score from 0 to 1; got {value!r} in {text!r}.")
    if kind == "feature" and name in ("past_mean_level", "past_level_target") and num > 5:
        raise ScenarioError(f"{name} is a support level from 0 to 5; got {value!r} in {text!r}.")
    if num > 1e12:
        raise ScenarioError(f"{name} = {value} is out of any plausible range in {text!r}.")
