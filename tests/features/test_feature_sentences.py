"""Each feature's words live in one place (issue 11, item 2): every registered feature has its sentence, and the
sentence says the value and the names of the row it speaks of."""

from __future__ import annotations

import math

import pytest

from fairweather.features.registry import FEATURES, HISTORY_FEATURES, MODEL_FEATURES
from fairweather.features.sentences import SENTENCES, describe_feature

ROW = {"partner": "RUS", "target": "IRN", "attackers": "ISR;USA", "trade_with_attackers": 4.2}


def test_every_feature_of_the_registry_and_only_those_has_a_sentence() -> None:
    registered = set(FEATURES) | set(HISTORY_FEATURES)
    assert set(MODEL_FEATURES) <= registered
    assert sorted(registered - set(SENTENCES)) == [] and sorted(set(SENTENCES) - registered) == []


@pytest.mark.parametrize("feature", sorted(set(FEATURES) | set(HISTORY_FEATURES)))
def test_a_sentence_is_words_not_the_fallback_and_differs_for_yes_and_no(feature) -> None:
    yes = describe_feature(feature, {**ROW, feature: 1.0}, {"troops": 500.0})
    no = describe_feature(feature, {**ROW, feature: 0.0}, {})
    assert not yes.startswith(f"{feature} =") and not no.startswith(f"{feature} =")
    if feature not in {"trade_share_partner", "trade_share_target", "trade_with_attackers", "distance",
                       "regime_similarity", "ideal_point_distance", "capability", "attacker_cinc_ratio",
                       "attacker_milex_ratio", "past_mean_level", "past_level_target", "wars_elsewhere"}:
        assert yes != no  # a flag or a count: its absence is said differently (wars_elsewhere speaks of its context)


def test_sentences_name_the_row_and_say_unknown_as_unknown() -> None:
    assert describe_feature("defense_to_attackers", {**ROW, "defense_to_attackers": 1}) == \
        "RUS has a defence obligation to one of the attackers (ISR+USA)"
    assert describe_feature("contiguous_attacker", {**ROW, "attackers": "ISR", "contiguous_attacker": 1}) == "RUS borders ISR"
    assert describe_feature("capability", {**ROW, "capability": math.nan}) == "RUS's capability unknown"
    assert describe_feature("capability", {**ROW, "capability": math.log(0.05)}) == \
        "RUS holds 5.0% of world capability (COW CINC)"
    assert describe_feature("past_help_target", {**ROW, "past_help_target": 0.25}) == \
        "RUS helped IRN materially in 25% of IRN's earlier crises (shrunk: helps / (crises + 2))"
    ctx = {"wars": ["UKR", "ISR", "SYR"], "at_war": ["UKR"]}
    assert describe_feature("wars_elsewhere", {**ROW, "wars_elsewhere": 2}, ctx) == "RUS is at war with UKR and fighting in SYR"


def test_a_name_outside_the_registry_is_said_as_name_and_value() -> None:
    assert describe_feature("no_such_feature", {**ROW, "no_such_feature": 3}) == "no_such_feature = 3"
