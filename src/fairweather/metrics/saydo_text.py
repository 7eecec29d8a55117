"""Say versus do from news text: per partner, what the articles say it said, did, promised and did not deliver.

The articles are coded by :mod:`fairweather.text`; the four say–do measures
(verbal and material support toward the target, verbal and material hostility
toward the attackers) are then computed by :func:`fairweather.metrics.saydo.saydo`
on the coded events, exactly as for GDELT, ICEWS or PLOVER files. The store
has no events table, so, like ``fairweather saydo --events``, the coded events
go straight into the measures rather than through the store.

Three reading rules of text, stated here because they change counts:

* the coder writes an armed group with the state it fights in, as the PLOVER
  gold does (Hezbollah LBN, the Houthis YEM); say versus do is a state's own
  words and deeds, so a group's events count for no state here (its actor code,
  ``UCDP:<id>``, stays in ``events``);

* an event of a partner that names no recipient ("China urged de-escalation")
  is read as toward the crisis target, because the articles are about the
  crisis; a hostile event without a recipient is left without one;
* a negated act ("did not send", "refused to supply", "remain undelivered")
  is never support: it is counted apart as ``not_delivered`` when the act
  was material (AID or COOPERATE), with its sentence.

Columns added to the say–do frame: ``promised`` (promises and offers of
material help, part of the verbal support), ``not_delivered``, and
``said_sentences``, ``did_sentences``, ``promised_sentences``,
``not_delivered_sentences`` (the sentences behind each count, as lists).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from fairweather.metrics.saydo import SayDoResult, saydo
from fairweather.results import Result, Summary

__all__ = ["SayDoTextResult", "saydo_text", "TEXT_COLUMNS"]

_MATERIAL_ACTS = ("AID", "COOPERATE")

#: Columns :func:`saydo_text` adds to the say–do frame.
TEXT_COLUMNS: tuple[str, ...] = ("promised", "not_delivered", "said_sentences", "did_sentences",
                                 "promised_sentences", "not_delivered_sentences")


@dataclass
class SayDoTextResult(Result):
    """Say–do measures from articles, with the coded events and the sentences behind every count."""

    saydo: SayDoResult
    events: pd.DataFrame
    frame: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        """One row per partner: the say–do columns, ``promised``, ``not_delivered`` and the sentence lists."""
        return self.frame.copy()

    def sentences(self, partner: str) -> pd.DataFrame:
        """Every coded event of ``partner`` with its sentence, kind and article."""
        ev = self.events[self.events["source_iso3"] == partner]
        return ev[["article", "sentence_index", "kind", "plover_event", "act_event", "negated", "modality",
                   "target_iso3", "sentence"]].reset_index(drop=True)

    def summary(self) -> Summary:
        """The say–do summary with ``promised`` and ``not_delivered`` per partner, and the sentences as notes."""
        base = self.saydo.summary()
        notes = list(base.notes)
        for r in self.frame.itertuples(index=False):
            notes.append(f"  {r.partner}: promised {r.promised}, not delivered {r.not_delivered}")
            for kind, sents in (("said", r.said_sentences), ("did", r.did_sentences),
                                ("not delivered", r.not_delivered_sentences)):
                notes.extend(f"    [{kind}] {s}" for s in sents)
        cols = ["partner", "events", "verbal_support", "material_support", "promised", "not_delivered", "saydo_ratio"]
        info = [*base.info, ("Articles", str(self.events["article"].nunique() if len(self.events) else 0))]
        return Summary(f"Say–do from news text toward {self.saydo.window.target}", info, self.frame[cols], notes=notes,
                       digits=2)


def _kind(row) -> str:
    if row.negated and row.act_event in _MATERIAL_ACTS:
        return "not_delivered"
    if row.support_class == "material_support":
        return "did"
    if row.modality in ("promise", "offer") and row.act_event in _MATERIAL_ACTS:
        return "promised"
    if row.support_class == "verbal_support" or (row.direction == "support" and row.mode == "verbal"
                                                 and not row.negated):
        return "said"
    return "other"


def saydo_text(
    files: Sequence[str | os.PathLike],
    *,
    target: str,
    attackers: Sequence[str] = (),
    date: dt.date | None = None,
    partners: Sequence[str] | None = None,
    top_n: int = 8,
    min_confidence: float = 0.0,
) -> SayDoTextResult:
    """Say–do measures of a target's partners, from news articles (text or HTML files, ``"-"`` for stdin).

    Parameters
    ----------
    files
        Articles; every one is read and checked before any is coded.
    target, attackers
        The attacked state and its attackers (ISO3).
    date
        The article date for files that state none (events carry it; the window is not limited by date).
    partners
        Partners to measure; default: the states the articles show most often as sources of events toward the target.
    min_confidence
        Leave out coded events below this confidence.
    """
    from fairweather.text import code_files

    coded = code_files(files, date=date)
    events = coded.to_frame()
    events = events[events["confidence"] >= min_confidence].copy()
    for side in ("source", "target"):  # an armed group is not its home state's government
        group = events[f"{side}_actor"].fillna("").str.startswith("UCDP:")
        events.loc[group, f"{side}_iso3"] = None
    untargeted = events["target_iso3"].isna() & (events["direction"] == "support") & events["source_iso3"].notna()
    events.loc[untargeted & (events["source_iso3"] != target), "target_iso3"] = target
    events["kind"] = [_kind(r) for r in events.itertuples(index=False)]
    said_support = (events["kind"] == "said") & (events["support_class"] != "verbal_support")
    table = _event_frame(events, said_support)
    res = saydo(table, target=target, attackers=list(attackers), partners=list(partners) if partners else None,
                top_n=top_n)
    frame = res.to_frame()
    toward = events[events["target_iso3"] == target]
    for kind in ("said", "did", "promised", "not_delivered"):
        sents = toward[toward["kind"] == kind].groupby("source_iso3")["sentence"].agg(lambda s: list(dict.fromkeys(s)))
        frame[f"{kind}_sentences"] = [sents.get(p, []) for p in frame["partner"]]
    frame["promised"] = frame["promised_sentences"].map(len).astype("int64")
    frame["not_delivered"] = [int(((toward["source_iso3"] == p) & (toward["kind"] == "not_delivered")).sum())
                              for p in frame["partner"]]
    return SayDoTextResult(saydo=res, events=events.reset_index(drop=True), frame=frame)


def _event_frame(events: pd.DataFrame, said_support: pd.Series) -> pd.DataFrame:
    """The coded events as say–do input; appeals for the target (verbal, supportive) count as verbal support."""
    out = pd.DataFrame({
        "date": events["date"], "source_iso3": events["source_iso3"], "target_iso3": events["target_iso3"],
        "support_class": events["support_class"].where(~said_support, "verbal_support"),
        "intensity": events["intensity"],
    })
    out["date"] = out["date"].fillna(dt.date(1970, 1, 1))  # an undated article still counts (the window is open)
    return out
