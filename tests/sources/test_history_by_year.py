"""The history's yearly facts come through the panel verbs (issue 16) and equal the files' own rows."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from fairweather.errors import ReferenceFormatError
from fairweather.sources import cow_nmc, vdem
from fairweather.sources.history import HISTORY, read_nmc_by_year, read_polyarchy_by_year

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


def test_the_history_reads_regime_scores_through_the_panel_verbs():
    assert HISTORY["vdem"][1] is read_polyarchy_by_year


def _democracy(tmp_path: Path, rows: list[tuple[int, int, float | None]]) -> Path:
    """The history fixtures' state list beside an isard democracy table of ``rows`` (ccode, year, v2x_polyarchy)."""
    shutil.copy(FIX / "ps_cow_states.csv", tmp_path / "ps_cow_states.csv")
    ccode, year, poly = zip(*rows)
    pd.DataFrame({"ccode": pd.array(ccode, dtype="Int64"), "year": pd.array(year, dtype="Int64"),
                  "euds": 0.1, "aeuds": 0.1, "polity2": pd.array([1] * len(rows), dtype="Int64"),
                  "v2x_polyarchy": poly}).to_parquet(tmp_path / vdem.VDEM.files[0], index=False)
    return tmp_path


def test_regime_scores_through_the_verbs_equal_the_file_and_reach_isards_last_year(tmp_path):
    # Iran's COW spell is open at the list's end (2016): isard scores it through 2025, one year past the panels' 2024
    ref = _democracy(tmp_path, [(630, 1979, 0.213), (630, 1980, None), (630, 2024, 0.3), (630, 2025, 0.301),
                                (265, 1960, 0.4)])
    via_panel, direct = _facts(read_polyarchy_by_year(ref)), _facts(vdem.read_polyarchy(ref))
    pd.testing.assert_frame_equal(via_panel, direct)
    assert via_panel["value"].tolist() == ["0.400", "0.213", "0.300", "0.301"]  # DDR, then IRN
    last = via_panel.iloc[-1]
    assert (last["valid_from"], last["valid_to"]) == (dt.date(2026, 1, 1), None)  # 2025's score stays valid


def test_a_score_outside_the_state_system_is_not_kept_through_the_verbs(tmp_path):
    # the GDR's spell runs 1954-1990: a 1995 score names no COW state-year, so the join has nowhere to put it
    ref = _democracy(tmp_path, [(265, 1960, 0.2), (265, 1995, 0.5)])
    assert _facts(read_polyarchy_by_year(ref))["note"].tolist() == ["value for 1960"]


def test_a_regime_score_finer_than_vdems_precision_is_refused_by_state_and_year(tmp_path):
    ref = _democracy(tmp_path, [(630, 1979, 0.213), (630, 1990, 0.2504)])
    with pytest.raises(ReferenceFormatError, match="ccode 630, year 1990") as err:
        read_polyarchy_by_year(ref)
    assert err.value.field == "v2x_polyarchy" and vdem.VDEM.files[0] in str(err.value)


def test_regime_scores_through_the_verbs_equal_the_file_on_the_reference_data(shared_data):
    via_panel, direct = _facts(read_polyarchy_by_year(shared_data)), _facts(vdem.read_polyarchy(shared_data))
    assert len(direct) > 10_000 and (direct["note"] == "value for 2025").sum() > 150
    pd.testing.assert_frame_equal(via_panel, direct)
