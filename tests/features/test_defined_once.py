"""Every feature is one function in the registry, and the two paths' lookups answer it the same.

Each registry entry but ``curated_case`` carries its computation (``Feature.column``); the per-row
path (``_row``, ``history_row``) and the bulk path (``bulk_frame``) call that one function, over
two implementations of the as-of lookups (``RowLookups``: the snapshot's reads, what-ifs applied;
``AsOfDay``: the day's dicts). So the features agree exactly when the two lookups do: this checks
that they answer every key the same, on the shipped store and on dates across its history, and
that the per-row view still hands the sentences the context they read.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from fairweather.features import _rows, feature_inputs
from fairweather.features._asofday import AsOfDay
from fairweather.features._lookups import RowLookups
from fairweather.features.registry import FEATURES, HISTORY_FEATURES
from fairweather.pack.schema import OBLIGATIONS

DATES = [dt.date(1962, 10, 16), dt.date(1990, 8, 2), dt.date(2003, 3, 20), dt.date(2014, 2, 27), dt.date(2019, 9, 14)]
TIE_KINDS = ("trade_share", "export_share", "import_share", "rivalry", "contiguity", "troops_stationed", "military_base",
             "arms_import_share", "arms_tiv_share", "crude_import_share")
FACTS = ("milex_usd", "cinc", "un_ideal_point", "regime_polyarchy", "at_war_with", "intervening_in", "sanctioned_by",
         "nuclear_weapons", "unsc_permanent", "major_power", "supports_group")


@pytest.fixture(scope="module")
def inp():
    from fairweather.forecast._scenario import default_store

    return feature_inputs(default_store())


def test_every_feature_but_the_crisis_kind_is_one_function_in_the_registry() -> None:
    for name, f in {**FEATURES, **HISTORY_FEATURES}.items():
        if name == "curated_case":  # the crisis's kind (pack or dataset), set by whoever builds its rows
            assert f.column is None
        else:
            assert f.column is not None and f.column.__name__ == name, name


def _sample(items: list, n: int, seed: int) -> list:
    rng = np.random.default_rng(seed)
    return [items[int(i)] for i in rng.choice(len(items), size=min(n, len(items)), replace=False)] if items else []


@pytest.mark.parametrize("d", DATES)
def test_the_day_and_the_snapshot_answer_every_fact_and_tie_the_same(inp, d: dt.date) -> None:
    day, row = AsOfDay(inp, d), RowLookups(inp, d)
    for kind in TIE_KINDS:
        pairs = _sample(sorted((a, b) for a, b, k in inp.ties if k == kind), 150, d.year)
        got, want = day.ties(kind), row.ties(kind)
        assert [got.get(ab) for ab in pairs] == [want.get(ab) for ab in pairs], kind
    states = sorted(inp.states)
    for fact in FACTS:
        assert [day.numbers(fact).get(s) for s in states] == [row.numbers(fact).get(s) for s in states], fact
        assert [day.values(fact).get(s, []) for s in states] == [row.values(fact).get(s) for s in states], fact
    capitals = day.capitals()
    assert [capitals.get(s) for s in states] == [row.capitals().get(s) for s in states]


@pytest.mark.parametrize("d", DATES)
def test_the_day_and_the_snapshot_answer_every_obligation_and_event_count_the_same(inp, d: dt.date) -> None:
    day, row = AsOfDay(inp, d), RowLookups(inp, d)
    nothing = ({o: False for o in OBLIGATIONS} | {"_defense_conditions": []}, [])
    receivers = _sample(sorted(inp.by_state), 25, d.year)
    givers = sorted(inp.states)
    for r in receivers:
        got, want = day.obligations_to(r), row.obligations_to(r)
        for g in givers:  # the receiver itself too: both answer obligations(r, r) from its own memberships
            assert (got.get(g) or nothing) == want.get(g), (g, r)
        for kinds in (("arms_delivery", "troops_sent"), ("arms_delivery",)):
            got_n, want_n = day.events_from(r, kinds), row.events_from(r, kinds)
            assert [got_n.get(b, 0) for b in givers] == [want_n.get(b) for b in givers], (r, kinds)


def test_a_row_gives_its_sentences_the_context_they_read(inp) -> None:
    rows, ctxs, provs = _rows(inp, "c", "UKR", ("RUS",), dt.date(2022, 2, 24), ["USA", "BLR"])
    for ctx in ctxs:
        assert set(ctx) == {"defense_excluded", "conditions", "troops", "rivals", "nuclear_attackers", "wars", "at_war",
                            "past_n", "past_target_n"}
        assert ctx["nuclear_attackers"] == ["RUS"]
    usa, blr = ctxs
    assert usa["rivals"] == ["RUS"] and usa["past_n"] > 0
    # the record's column lists the responses it read in the row's provenance, one per earlier crisis
    for (p, ctx) in (("USA", usa), ("BLR", blr)):
        assert sum(1 for q, table, *_ in provs if q == p and table == "responses") == ctx["past_n"]
