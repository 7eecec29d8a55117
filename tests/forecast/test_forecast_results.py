"""The forecast's results answer the family's calls (``to_frame``, ``summary``, notebook view) on real fits."""

from __future__ import annotations

from fairweather.forecast import Scenario, forecast


def test_forecast_result_summary_lists_every_partner_and_its_reasons(synth_store, model, check_result):
    res = forecast(Scenario("IRN", ("ISR", "USA"), "2025-06-13", assume=("CHN>IRN.trade_share=20",)), store=synth_store,
                   model=model)
    check_result(res, rows=len(res.frame), title="IRN attacked by ISR+USA on 2025-06-13")
    s = res.summary()
    assert list(s.table["partner"]) == list(res.frame["partner"])
    assert dict(s.info)["Assumptions"] == "CHN>IRN.trade_share=20"
    assert [n.split(":")[0] for n in s.notes] == [p for p, r in zip(res.frame["partner"], res.frame["reasons"]) if r]
    assert f"{res.frame['expected_level'].iloc[0]:.2f}" in s.text  # two decimals


def test_support_result_frame_is_the_summarys_coefficient_table(model, check_result):
    res = model.results_
    check_result(res, rows=len(res.params), title="ordered logit")
    frame = res.to_frame()
    assert list(frame.index) == list(res.params.index)
    assert (frame["coef"] == res.params).all() and (frame["std err"] == res.bse).all()
    assert res.summary().table.equals(frame)


def test_history_backtest_result_answers_the_family_calls(history_store, check_result):
    from fairweather.forecast import history_backtest

    res = history_backtest(history_store)
    check_result(res, rows=len(res.predictions), title="History backtest")
    s = res.summary()
    assert dict(s.info)["Chosen family"] == res.settings["chosen_family"]
    assert set(s.table.index.get_level_values("method")) == set(res.predictions["method"])
