"""Say–do measures on a hand-made event set whose numbers are worked out by hand."""

from __future__ import annotations

import datetime as dt
import math
import types

import pandas as pd
import pytest

from fairweather.errors import DateError, ScenarioError
from fairweather.metrics.saydo import SAYDO_COLUMNS, dyad_panel, saydo

START, END = dt.date(2025, 6, 13), dt.date(2025, 6, 24)


def run(hand, **kw):
    args = dict(target="IRN", attackers=["ISR", "USA"], start=START, end=END)
    args.update(kw)
    return saydo(hand, **args)


def test_counts_intensities_and_ratio_by_hand(hand):
    res = run(hand, partners=["RUS", "CHN", "PRK"])
    df = res.to_frame().set_index("partner")
    assert list(res.to_frame().columns) == list(SAYDO_COLUMNS)
    rus = df.loc["RUS"]
    # RUS in the window: 3 verbal support to IRN, 1 material, 2 verbal hostility to ISR/USA,
    # 1 force against UKR (not an attacker) and 1 other event: 8 events in all.
    assert rus[["events", "verbal_support", "material_support", "verbal_hostility", "material_hostility"]].tolist() == [8, 3, 1, 2, 0]
    assert rus["verbal_support_intensity"] == pytest.approx(3.4 + 5.2 + 1.0)
    assert rus["material_support_intensity"] == pytest.approx(7.4)
    assert rus["verbal_hostility_intensity"] == pytest.approx(4.0)  # absolute values
    assert rus["saydo_ratio"] == pytest.approx(3 / 4)
    assert rus["saydo_ratio_intensity"] == pytest.approx(9.6 / (9.6 + 7.4))
    assert rus["verbal_support_norm"] == pytest.approx(3 / 8)
    assert rus["verbal_support_intensity_norm"] == pytest.approx(9.6 / 8)
    chn = df.loc["CHN"]
    assert chn[["events", "verbal_support", "material_support", "material_hostility"]].tolist() == [3, 2, 0, 1]
    assert chn["saydo_ratio"] == 1.0  # all talk
    assert chn["material_hostility_intensity"] == pytest.approx(6.0)
    prk = df.loc["PRK"]  # no events at all: zeros, and no ratio
    assert prk["events"] == 0 and prk["verbal_support"] == 0
    assert math.isnan(prk["saydo_ratio"]) and math.isnan(prk["verbal_support_norm"])
    assert res.partner_source == "given"
    assert "RUS: said 3, did 1, ratio 0.75" in res.summary().text


def test_partners_default_to_event_volume(hand):
    res = run(hand)
    # with IRN in the window: RUS 4 events to IRN + 1 from IRN; CHN 2; attackers left out
    assert res.partners == ["RUS", "CHN"] and res.partner_source == "event volume"


def test_daily_series_covers_every_day(hand):
    daily = run(hand, partners=["RUS", "CHN"]).daily()
    assert len(daily) == 12 * 2
    d = daily.set_index(["date", "partner"])
    assert d.loc[(dt.date(2025, 6, 14), "RUS"), ["events", "verbal_support", "verbal_hostility"]].tolist() == [2, 1, 1]
    assert d.loc[(dt.date(2025, 6, 13), "RUS"), "events"] == 0
    assert daily.groupby("partner")["verbal_support"].sum().to_dict() == {"CHN": 2, "RUS": 3}


def test_crisis_id_path_uses_store_supporters(hand):
    class FakeStore:
        def crisis(self, cid):
            assert cid == "iran-2025"
            return {"target": "IRN", "attackers": ["ISR", "USA"], "start_date": START, "end_date": END}

        def responses(self, cid):
            return pd.DataFrame({"supporter": ["CHN", "RUS", "CHN"]})

    res = saydo(hand, crisis="iran-2025", store=FakeStore())
    assert res.partners == ["CHN", "RUS"] and res.partner_source == "responses"
    assert res.window.crisis_id == "iran-2025"
    assert res.to_frame().set_index("partner").loc["RUS", "verbal_support"] == 3


def test_crisis_object_with_attributes_and_no_responses(hand):
    crisis = types.SimpleNamespace(target="IRN", attackers=["ISR"], start_date=START, end_date=None)
    store = types.SimpleNamespace(crisis=lambda cid: crisis, responses=lambda cid: pd.DataFrame({"supporter": []}))
    res = saydo(hand, crisis="x", store=store)
    assert res.partner_source == "event volume"
    # open-ended window: RUS's 25 June aid counts now
    assert res.to_frame().set_index("partner").loc["RUS", "material_support"] == 2


def test_bad_windows_are_clear_errors(hand):
    with pytest.raises(DateError, match="before it starts"):
        run(hand, start=END, end=START)
    with pytest.raises(ScenarioError, match="own attackers"):
        run(hand, attackers=["IRN"])
    with pytest.raises(ScenarioError, match="target"):
        saydo(hand)


def test_dyad_month_panel_by_hand(hand):
    panel = dyad_panel(hand, start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30)).to_frame()
    row = panel.set_index(["source_iso3", "target_iso3"]).loc[("RUS", "IRN")]
    assert row["month"] == dt.date(2025, 6, 1)
    assert row[["events", "verbal_support", "material_support", "quad_1", "quad_2"]].tolist() == [6, 4, 2, 4, 2]
    assert row["net_cooperation"] == pytest.approx(3.4 + 5.2 + 1.0 + 7.4 + 3.4 + 8.3)
    assert ("IRN", None) not in set(zip(panel.source_iso3, panel.target_iso3))  # non-state ends left out
    only = dyad_panel(hand, states=["RUS", "IRN"]).to_frame()
    assert set(zip(only.source_iso3, only.target_iso3)) == {("RUS", "IRN"), ("IRN", "RUS")}


def test_imports_feed_saydo_directly(fx):
    from fairweather.sources.gdelt import read_gdelt

    res = saydo(read_gdelt(fx["gdelt2"]), target="IRN", attackers=["ISR"], start=START, end=END, partners=["RUS", "CHN"])
    df = res.to_frame().set_index("partner")
    assert df.loc["RUS", ["verbal_support", "material_support", "verbal_hostility"]].tolist() == [1, 1, 1]
    assert df.loc["CHN", "saydo_ratio"] == 1.0


def test_raw_files_and_parquet_paths_are_accepted(fx, tmp_path):
    from fairweather.sources.gdelt import read_gdelt

    raw = saydo(str(fx["gdelt2"]), target="IRN", attackers=["ISR"], start=START, end=END, partners=["RUS"])
    path = tmp_path / "ev.parquet"
    read_gdelt(fx["gdelt2"]).write_parquet(str(path))
    pq = saydo(path, target="IRN", attackers=["ISR"], start=START, end=END, partners=["RUS"])
    pd.testing.assert_frame_equal(raw.to_frame(), pq.to_frame())
    assert raw.to_frame().loc[0, "verbal_support"] == 1


def test_saydo_results_answer_the_family_calls(hand, check_result):
    res = run(hand, partners=["RUS", "CHN", "PRK"])
    check_result(res, rows=3, title="Say–do toward IRN")
    s = res.summary()
    assert list(s.table["partner"]) == ["RUS", "CHN", "PRK"]
    assert s.notes[0].startswith("Say–do toward IRN (attackers: ISR, USA), 2025-06-13 to 2025-06-24")
    panel = dyad_panel(hand, start=dt.date(2025, 6, 1), end=dt.date(2025, 6, 30))
    check_result(panel, rows=len(panel.frame), title="dyad-month")
    top = panel.summary().tables[0][1]
    assert top["events"].is_monotonic_decreasing and top["events"].sum() <= panel.frame["events"].sum()
