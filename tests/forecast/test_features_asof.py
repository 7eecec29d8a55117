"""Features are built as of the crisis date: nothing dated later can change them."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairweather.features import (
    FEATURE_NAMES,
    FEATURES,
    FeatureInputs,
    _build,
    build_features,
    candidate_partners,
    feature_inputs,
    parse_assumption,
    training_table,
)
from fairweather.errors import ScenarioError

STATES = ["USA", "RUS", "CHN", "GBR", "FRA", "IRN", "ISR", "SYR", "UKR", "IND", "PAK", "TUR", "KOR", "PRK", "ARM", "AZE"]
NUM_TIES = ["trade_share", "arms_import_share", "troops_stationed", "military_base", "crude_import_share"]


def _row_features(store, crisis_id: str) -> pd.DataFrame:
    inp = FeatureInputs.from_store(store)  # uncached: sees the rows inserted in this transaction
    c = store.crisis(crisis_id)
    partners = store.responses(crisis_id)["supporter"].tolist()
    return _build(inp, c.crisis_id, c.target, c.attackers, c.start_date, partners)[0]


later_rows = st.lists(
    st.one_of(
        st.tuples(st.just("fact"), st.sampled_from(STATES), st.sampled_from(["at_war_with", "intervening_in"]),
                  st.sampled_from(STATES), st.integers(0, 4000)),
        st.tuples(st.just("fact"), st.sampled_from(STATES), st.sampled_from(["regime_polyarchy", "milex_usd"]),
                  st.floats(0.01, 0.99).map(lambda v: f"{v:.3f}"), st.integers(0, 4000)),
        st.tuples(st.just("fact"), st.sampled_from(STATES), st.just("nuclear_weapons"), st.just("1"), st.integers(0, 4000)),
        st.tuples(st.just("tie"), st.sampled_from(STATES), st.sampled_from(STATES), st.sampled_from(NUM_TIES + ["rivalry", "arms_delivery"]),
                  st.integers(0, 4000)),
        st.tuples(st.just("pact"), st.sampled_from(STATES), st.sampled_from(STATES), st.integers(0, 4000)),
        st.tuples(st.just("crisis"), st.sampled_from(STATES), st.sampled_from(STATES), st.integers(0, 5), st.integers(0, 4000)),
    ),
    min_size=1, max_size=8,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(idx=st.integers(0, 60), rows=later_rows)
def test_rows_dated_after_the_crisis_never_change_its_features(synth_store, idx, rows):
    crises = synth_store.crises(before="2020-01-01")
    crisis_id = crises["crisis_id"].iloc[idx % len(crises)]
    d = synth_store.crisis(crisis_id).start_date
    before = _row_features(synth_store, crisis_id)
    con = synth_store.con
    con.execute("BEGIN TRANSACTION")
    try:
        for i, r in enumerate(rows):
            kind = r[0]
            day = d + dt.timedelta(days=1 + r[-1])
            if kind == "fact":
                _, s, fact, value, _ = r
                con.execute("INSERT OR IGNORE INTO state_facts VALUES (?, ?, ?, ?, NULL, 'synth-data', 'later')", [s, fact, value, day])
            elif kind == "tie":
                _, a, b, k, _ = r
                if a == b:
                    continue
                con.execute("INSERT INTO ties VALUES (?, ?, ?, '50', NULL, ?, ?, NULL, 'synth-data', 'later')", [a, b, k, f"later-{i}", day])
            elif kind == "pact":
                _, a, b, _ = r
                if a == b:
                    continue
                cid = f"later-pact-{i}"
                con.execute("INSERT OR IGNORE INTO commitments VALUES (?, 'later pact', ?, ?, NULL, true, false, false, false, true, true, "
                            "NULL, NULL, NULL, 'synth-treaty', NULL)", [cid, day, day])
                for s in (a, b):
                    con.execute("INSERT OR IGNORE INTO commitment_members VALUES (?, ?, NULL, NULL, ?, NULL, 'synth-treaty', NULL)", [cid, s, day])
            else:
                _, t, p, level, _ = r
                if t == p:
                    continue
                cid = f"later-crisis-{i}"
                att = "USA" if t != "USA" and p != "USA" else "GBR"
                if att in (t, p):
                    continue
                con.execute("INSERT OR IGNORE INTO crises VALUES (?, 'later', ?, NULL, ?, ?, 'threat', 'later', 'synth-data')", [cid, day, t, att])
                con.execute("INSERT OR IGNORE INTO responses (crisis_id, supporter, level, sided_with_attacker, evidence, source_id) "
                            "VALUES (?, ?, ?, false, 'later', 'synth-data')", [cid, p, level])
        after = _row_features(synth_store, crisis_id)
    finally:
        con.execute("ROLLBACK")
    pd.testing.assert_frame_equal(before, after)


def test_a_fact_valid_on_the_date_does_change_features(synth_store):
    """The counterpart: the rebuild is sensitive, so the test above is not vacuous."""
    crises = synth_store.crises(before="2020-01-01")
    c = synth_store.crisis(crises["crisis_id"].iloc[10])
    partner = synth_store.responses(c.crisis_id)["supporter"].iloc[0]
    before = _row_features(synth_store, c.crisis_id)
    con = synth_store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("INSERT INTO ties VALUES (?, ?, 'arms_delivery', '1', NULL, 'x', ?, NULL, 'synth-data', NULL)",
                    [c.target, partner, c.start_date - dt.timedelta(days=3)])
        after = _row_features(synth_store, c.crisis_id)
    finally:
        con.execute("ROLLBACK")
    assert (after["reciprocity"] > before["reciprocity"]).any()


def test_past_record_uses_only_earlier_crises(synth_store, training):
    X, y, meta = training
    first = meta["date"].min()
    assert X.loc[meta["date"] == first, "past_mean_level"].isna().all()
    # Recompute one later row by hand from responses of crises strictly before its date.
    resp = synth_store.responses()
    i = int(np.flatnonzero(meta["year"] >= 2010)[0])
    p, d = meta["partner"].iloc[i], meta["date"].iloc[i]
    past = resp[(resp["supporter"] == p) & (pd.to_datetime(resp["start_date"]).dt.date < d)]["level"]
    assert X["past_mean_level"].iloc[i] == pytest.approx(past.mean())


def test_training_table_holds_no_evaluation_crisis(training):
    X, y, meta = training
    assert (pd.to_datetime(meta["date"]) < pd.Timestamp("2020-01-01")).all()
    assert list(X.columns) == list(FEATURE_NAMES)
    assert len(X) == len(y) == len(meta)


def test_obligations_agree_with_the_store(synth_store):
    inp = feature_inputs(synth_store)
    for giver, receiver, day in [("USA", "JPN", "2000-01-01"), ("JPN", "USA", "2000-01-01"), ("POL", "USA", "1998-01-01"),
                                 ("POL", "USA", "2005-01-01"), ("EGY", "SYR", "2010-01-01"), ("RUS", "IRN", "2025-11-01")]:
        d = dt.date.fromisoformat(day)
        ob = synth_store.obligations(giver, receiver, d)
        flags, conds = inp.obligations(giver, receiver, d)
        assert {k: v for k, v in flags.items() if not k.startswith("_")} == ob.flags()
        assert tuple(conds) == ob.conditions


def test_adversary_condition_names_or_excludes_the_attacker(synth_store):
    isr = build_features(synth_store, type("C", (), {"target": "SYR", "attackers": ("ISR",), "date": "2010-05-01"})(), ["EGY"])
    tur = build_features(synth_store, type("C", (), {"target": "SYR", "attackers": ("TUR",), "date": "2010-05-01"})(), ["EGY"])
    assert isr["defense"].iloc[0] == 1 and isr["defense_names_attacker"].iloc[0] == 1
    assert tur["defense"].iloc[0] == 0 and tur["defense_names_attacker"].iloc[0] == 0


def test_registry_documents_every_feature():
    for f in FEATURES.values():
        assert f.label and f.definition and f.missing in ("zero", "train_mean") and f.sign in "+-?"
    assert set(FEATURE_NAMES) == set(FEATURES)


def test_zero_rule_features_are_never_missing(training):
    X, _, _ = training
    for name, f in FEATURES.items():
        if f.missing == "zero":
            assert not X[name].isna().any(), name


def test_candidate_partners_exclude_target_and_attackers(synth_store):
    cands = candidate_partners(synth_store, "KOR", ["PRK"], "2015-03-01")
    assert "KOR" not in cands and "PRK" not in cands
    assert "treaty partner" in cands["USA"]
    assert {"RUS", "CHN", "GBR", "FRA"} <= set(cands)


@pytest.mark.parametrize("text, target", [("RUS.at_war_with=none", "fact"), ("CHN>IRN.trade_share=20", "tie"),
                                          ("RUS>IRN.defense=1", "obligation"), ("CHN.past_mean_level=3", "feature"),
                                          ("Russia.at_war_with=Ukraine;Syria", "fact")])
def test_assumption_grammar(text, target):
    a = parse_assumption(text)
    assert a.target == target


@pytest.mark.parametrize("text", ["RUS.at_war_with", "RUS.bogus=1", "RUS>IRN.defense=2", "CHN>IRN.trade_share=lots", "A>B>C.defense=1"])
def test_bad_assumptions_are_refused(text):
    with pytest.raises((ScenarioError, LookupError)):
        parse_assumption(text)


def test_assumptions_edit_a_copy(synth_store):
    inp = feature_inputs(synth_store)
    d = dt.date(2025, 6, 13)
    new = inp.with_assumptions(["RUS.at_war_with=none", "CHN>IRN.trade_share=20"], d)
    assert inp.fact_values("RUS", "at_war_with", d) == ["UKR"]
    assert new.fact_values("RUS", "at_war_with", d) == []
    assert new.tie("CHN", "IRN", "trade_share", d) == 20.0
    assert inp.tie("CHN", "IRN", "trade_share", d) != 20.0


def test_small_fixture_pack_builds_features_but_has_nothing_to_fit(small_store, tmp_path):
    from fairweather.errors import ModelError
    from fairweather.forecast import fit_params

    f = build_features(small_store, "irn-2025", ["RUS", "CHN", "PRK"])
    assert list(f["partner"]) == ["RUS", "CHN", "PRK"]
    # The RUS-IRN treaty enters into force after the crisis: no obligation on 2025-06-13.
    assert f.set_index("partner").loc["RUS", ["consultation", "partnership"]].tolist() == [0.0, 0.0]
    assert f.set_index("partner").loc["RUS", "at_war_with_attacker"] == 0.0
    X, y, meta = training_table(small_store)
    assert len(X) == 0
    with pytest.raises(ModelError, match="nothing to fit"):
        fit_params(small_store, tmp_path / "p.json")


@pytest.mark.parametrize("text", ["CHN.past_mean_level=1e300", "CHN>IRN.trade_share=-500", "RUS>IRN.defense=inf",
                                  "IRN.regime_polyarchy=7", "CHN>IRN.trade_share=150", "RUS.milex_usd=nan",
                                  "CHN.past_mean_level=9", "IRN.nuclear_weapons=2"])
def test_implausible_assumed_values_are_refused(text):
    """Issue 13: what-ifs with inf, nan, negative shares or out-of-range scores moved forecasts silently."""
    with pytest.raises(ScenarioError):
        parse_assumption(text)


@pytest.mark.parametrize("text", ["CHN>IRN.trade_share=20", "RUS.at_war_with=none", "IRN.regime_polyarchy=0.4",
                                  "RUS>IRN.defense=1", "CHN.past_mean_level=3", "CHN.attacker_milex_ratio=-1.5"])
def test_plausible_assumed_values_still_parse(text):
    assert parse_assumption(text).text == text


# -- windowed facts: known only once the window has closed (issue 13) --------------------------------

def test_every_arms_share_of_the_pack_starts_after_its_window_closed():
    """A SIPRI share over deliveries Y0-Y1 must not be valid before Y1 ends: it counts deliveries not yet made."""
    import re

    from fairweather.pack import embedded_pack_path

    rows = pd.read_csv(embedded_pack_path() / "ties" / "arms.csv", dtype=str, keep_default_na=False)
    rows = rows[rows["kind"] == "arms_import_share"]
    assert len(rows) > 500
    for r in rows.itertuples(index=False):
        y0, y1 = map(int, re.search(r"deliveries (\d{4})-(\d{4})", r.note).groups())
        assert dt.date.fromisoformat(r.valid_from) == dt.date(y1 + 1, 1, 1), r
        assert int(r.valid_from[:4]) - 5 <= y0 <= y1 == int(r.valid_from[:4]) - 1, r  # the window agreement.py reads


#: The last day of the period a trade or energy figure measures, read from its note: a calendar year ("2023: ...",
#: "2001 (KITA)", "... exports in 2017 (World Factbook ...)"), part of one ("Jan-Sep 2023", "H1 2023"), or an Iranian
#: year (from 21 March) or the months of one that the note names.
_IRANIAN_PERIOD_END = {"1399": "2021-03-20", "1400, first quarter": "2021-06-21", "1401": "2023-03-20",
                       "1402, first four months": "2023-07-22", "1403, first ten months": "2025-01-19"}


def _period_end(note: str) -> dt.date | None:
    import re

    for year, end in _IRANIAN_PERIOD_END.items():
        if note.startswith(f"Iranian year {year}"):
            return dt.date.fromisoformat(end)
    if m := re.match(r"Jan-(Sep|Oct) (\d{4})", note):
        return dt.date(int(m[2]), 9, 30) if m[1] == "Sep" else dt.date(int(m[2]), 10, 31)
    if m := re.search(r"in H1 (\d{4})", note):
        return dt.date(int(m[1]), 6, 30)
    if m := (re.match(r"(\d{4})\b", note) or re.search(r"(?:exports|imports|trade) in (\d{4})\b", note)
             or re.search(r"went to \w+ in (\d{4})\b", note) or re.search(r"in (\d{4}) \(EIA\)", note)):
        return dt.date(int(m[1]), 12, 31)
    return None


@pytest.mark.parametrize("file", ["trade.csv", "energy.csv"])
def test_every_trade_and_energy_share_starts_after_the_period_it_measures(file):
    """A country's 2023 trade by partner is published in 2024: a crisis in 2023 must not see it (issue 13's rule for
    windowed facts, which first caught SIPRI's arms shares, holds for every figure that measures a period)."""
    from fairweather.pack import embedded_pack_path

    rows = pd.read_csv(embedded_pack_path() / "ties" / file, dtype=str, keep_default_na=False)
    dated = [(r, _period_end(r.note)) for r in rows.itertuples(index=False)]
    checked = [(r, end) for r, end in dated if end is not None]
    assert len(checked) >= 0.7 * len(rows)  # the notes name the period; a new style of note needs a rule above
    for r, end in checked:
        assert dt.date.fromisoformat(r.valid_from) > end, (r.from_state, r.to_state, r.kind, r.valid_from, r.note[:60])


def test_a_forecast_in_2022_sees_the_2015_2019_arms_shares_not_the_wartime_ones():
    """UKR on 2022-02-24: the USA supplied 24% of its arms in 2015-2019; the 45% of 2020-2024 includes 2022-2024."""
    from fairweather.store import Store

    store = Store.open()

    def share(date: str, partner: str) -> float:
        scen = type("S", (), {"target": "UKR", "attackers": ("RUS",), "date": date})()
        return float(build_features(store, scen, [partner])["arms_supply_share"].iloc[0])

    assert share("2022-02-24", "USA") == 24.0
    assert share("2019-06-30", "USA") == 0.0  # 2015-2019 is not closed yet, and no earlier window lists the USA
    assert share("2025-06-13", "USA") == 45.2
