"""The history's yearly facts come through the panel verbs (issue 16) and equal the files' own rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from fairweather.sources import cow_nmc
from fairweather.sources.history import HISTORY, read_nmc_by_year

FIX = Path(__file__).parent / "fixtures" / "history"


def _facts(rows) -> pd.DataFrame:
    return rows.tables["state_facts"].sort_values(["state", "valid_from"]).reset_index(drop=True)


def test_the_history_reads_capabilities_through_the_panel_verbs():
    assert HISTORY["cow_nmc"][1] is read_nmc_by_year


def test_capabilities_by_year_through_the_verbs_equal_the_file_on_the_fixtures():
    via_panel, direct = _facts(read_nmc_by_year(FIX)), _facts(cow_nmc.read_nmc(FIX))
    assert len(direct) > 0
    pd.testing.assert_frame_equal(via_panel, direct)


def test_capabilities_by_year_through_the_verbs_equal_the_file_on_the_reference_data(shared_data):
    via_panel, direct = _facts(read_nmc_by_year(shared_data)), _facts(cow_nmc.read_nmc(shared_data))
    assert len(direct) > 10_000
    pd.testing.assert_frame_equal(via_panel, direct)
