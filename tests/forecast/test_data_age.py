"""A forecast dated after the data's latest changes runs, says which tables stop when, and `data coverage` shows it."""

from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd

from fairweather.catalog import coverage, latest_changes, stale_tables
from fairweather.errors import DataAgeWarning
from fairweather.forecast import Scenario, forecast

from .conftest import SYNTH


def _latest_start(csv: str, col: str) -> dt.date:
    """The latest start date in one of the synthetic pack's CSVs, read without the store."""
    return pd.to_datetime(pd.read_csv(SYNTH / csv)[col]).max().date()


def test_latest_changes_are_the_latest_starts_of_each_table(synth_store):
    latest = latest_changes(synth_store)
    assert latest["ties"] == _latest_start("ties.csv", "valid_from")
    assert latest["state_facts"] == _latest_start("state_facts.csv", "valid_from")
    assert latest["crises"] == _latest_start("crises.csv", "start_date")
    table = coverage(synth_store).set_index("table")["current_through"]
    assert table["ties"] == latest["ties"]
    assert pd.isna(table["states"])  # the state list has no meaningful "latest change"


def test_stale_tables_are_those_more_than_half_a_year_old(synth_store):
    ties, commitments = _latest_start("ties.csv", "valid_from"), _latest_start("commitments.csv", "valid_from")
    d = dt.date(2025, 12, 31)
    assert (d - ties).days > 180 and (d - commitments).days <= 180  # the fixture's dates make the case
    stale = stale_tables(synth_store, d)
    assert stale["ties"] == ties and "commitments" not in stale
    assert stale_tables(synth_store, ties + dt.timedelta(days=180)).get("ties") is None
    assert stale_tables(synth_store, ties + dt.timedelta(days=181))["ties"] == ties


def _forecast(store, model, day):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = forecast(Scenario("IRQ", ("IRN",), day), store=store, model=model)
    return res, [str(w.message) for w in caught if issubclass(w.category, DataAgeWarning)]


def test_a_forecast_after_the_data_runs_and_names_what_it_lacks(synth_store, model):
    ties = _latest_start("ties.csv", "valid_from")
    res, msgs = _forecast(synth_store, model, "2025-12-31")
    assert len(msgs) == 1 and f"ties (trade, arms, troops, rivalries) through {ties}" in msgs[0]
    assert "treaties" not in msgs[0]  # commitments changed within half a year
    assert res.model_info["data_through"]["ties"] == ties.isoformat()
    assert len(res.frame) > 0


def test_no_warning_when_the_data_are_current(synth_store, model):
    res, msgs = _forecast(synth_store, model, "2025-06-01")
    assert msgs == []
    assert "data_through" not in res.model_info
