"""The recorded outcome beside a forecast of a crisis the pack codes (issue 14: forecasts read like answers)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.outcomes import LEVEL_NAMES, MATCH_DAYS, matching_crisis, recorded_outcomes
from fairweather.store import Store

runner = CliRunner()


@pytest.fixture(scope="module")
def store():
    return Store.open()


def test_a_scenario_matches_the_curated_crisis_by_target_attacker_and_date(store):
    assert matching_crisis(store, "IRN", ["ISR", "USA"], "2025-06-13") == "irn-2025"
    assert matching_crisis(store, "IRN", ["USA"], "2025-06-16") == "irn-2025"  # one attacker in common is enough
    assert matching_crisis(store, "IRN", ["SAU"], "2025-06-13") is None
    import datetime as dt

    late = dt.date(2025, 6, 13) + dt.timedelta(days=MATCH_DAYS + 1)
    assert matching_crisis(store, "IRN", ["ISR"], late) is None


def test_recorded_outcomes_are_the_pack_responses(store):
    rec = recorded_outcomes(store, "UKR", ["RUS"], "2022-02-24").set_index("partner")
    resp = store.responses("ukr-2022").set_index("supporter")
    assert set(rec.index) == set(resp.index) and len(rec) > 5
    for p in resp.index:
        assert rec.at[p, "recorded_level"] == resp.at[p, "level"]
        assert rec.at[p, "recorded"] == f"{resp.at[p, 'level']} {LEVEL_NAMES[resp.at[p, 'level']]}"
        assert rec.at[p, "source_id"] == resp.at[p, "source_id"]
    only = recorded_outcomes(store, "UKR", ["RUS"], "2022-02-24", ["USA", "ATA"])
    assert only["partner"].tolist() == ["USA"]


def test_forecast_of_ukraine_2022_lists_at_most_15_partners_with_what_each_did():
    res = runner.invoke(app, ["forecast", "--target", "UKR", "--attackers", "RUS", "--date", "2022-02-24", "-f", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    rows = out["forecast"]
    assert out["recorded_crisis"] == "ukr-2022"
    assert 0 < len(rows) <= 15
    store = Store.open()
    resp = store.responses("ukr-2022").set_index("supporter")
    for r in rows:
        assert r["recorded_crisis"] == "ukr-2022"
        if r["partner"] in resp.index:
            assert r["recorded_level"] == resp.at[r["partner"], "level"]
            assert r["recorded_source"] == resp.at[r["partner"], "source_id"]
        else:
            assert r["recorded"] == "not coded" and r["recorded_level"] is None
    table = runner.invoke(app, ["forecast", "--target", "UKR", "--attackers", "RUS", "--date", "2022-02-24"])
    assert table.exit_code == 0 and "did (pack)" in table.stdout and "ukr-2022" in table.stdout
    assert max(len(line) for line in table.stdout.splitlines()) <= 80


def test_a_hypothetical_scenario_has_no_record():
    res = runner.invoke(app, ["forecast", "--target", "IRN", "--attackers", "ISR", "--date", "2024-01-15", "-f", "json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["recorded_crisis"] is None and not any(k.startswith("recorded") for k in out["forecast"][0])


def _matching_by_scan(crises, target, attackers, d):
    """The rule of :func:`matching_crisis` written out as a scan over every crisis, to check its index against."""
    hits = [(abs((c.start_date - d).days), c.crisis_id) for c in crises if c.target == target
            and abs((c.start_date - d).days) <= MATCH_DAYS and set(attackers) & set(c.attackers)]
    return min(hits)[1] if hits else None


def test_the_curated_crisis_index_matches_as_a_scan_of_every_curated_crisis(store):
    import datetime as dt

    from fairweather.sources.history import OBSERVES_FROM

    frame = store.crises()
    crises = [store.crisis(cid) for cid in frame["crisis_id"]]
    curated = [c for c in crises if c.source_id not in OBSERVES_FROM]
    assert len(curated) > 50
    for c in curated:
        for days in (-MATCH_DAYS - 1, -MATCH_DAYS, -2, 0, 3, MATCH_DAYS, MATCH_DAYS + 1):
            d = c.start_date + dt.timedelta(days=days)
            assert matching_crisis(store, c.target, c.attackers[:1], d) == _matching_by_scan(curated, c.target, c.attackers[:1], d)


def test_the_curated_crisis_index_is_read_again_when_the_store_changes(store):
    from fairweather.outcomes import curated_crisis_index

    first = curated_crisis_index(store)
    assert curated_crisis_index(store) is first  # read once per store revision
    store.revision += 1  # what an import does
    try:
        assert curated_crisis_index(store) is not first
    finally:
        store.revision -= 1
