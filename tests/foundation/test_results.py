"""The results family: the Summary's three renderings, and every results type on the one base (issue 11 item 5).

Each results type is checked on a real result where it is made (``check_result`` in the tests of
forecast, metrics, events, coder, panels and here); this file pins the Summary itself and the list.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from html.parser import HTMLParser

import pandas as pd
import pytest

import fairweather
from fairweather.results import Result, Summary

#: Every results type the package defines, and whether the top-level API exports it
#: (the other two belong to the reference-data checks, reached through fairweather.agreement and .sources).
RESULT_TYPES = {
    "fairweather.forecast._scenario.ForecastResult": True,
    "fairweather.forecast._backtest.BacktestResult": True,
    "fairweather.forecast._history.HistoryBacktestResult": True,
    "fairweather.forecast._support_result.SupportResult": True,
    "fairweather.metrics.cohesion.CohesionResult": True,
    "fairweather.metrics.network.BlocNetwork": True,
    "fairweather.metrics.saydo.SayDoResult": True,
    "fairweather.metrics.saydo.DyadPanelResult": True,
    "fairweather.metrics.saydo_text.SayDoTextResult": True,
    "fairweather.text._api.CodedText": True,
    "fairweather.events.schema.EventImport": True,
    "fairweather.events.schema.ImportReport": True,
    "fairweather.catalog.StateProfile": True,
    "fairweather.panels._panel.Panel": True,
    "fairweather.briefing.Briefing": True,
    "fairweather.briefing.ForecastBriefing": True,
    "fairweather.agreement.Agreement": False,
    "fairweather.store_import.ImportSummary": False,
}


def _subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out |= {sub, *_subclasses(sub)}
    return out


def test_every_results_type_is_on_the_base_and_listed():
    for info in pkgutil.walk_packages(fairweather.__path__, "fairweather."):
        if not (".web" in info.name or ".cli" in info.name):
            importlib.import_module(info.name)
    found = {f"{c.__module__}.{c.__qualname__}" for c in _subclasses(Result) if c.__module__.startswith("fairweather.")}
    assert found == set(RESULT_TYPES), "a results type was added or removed: list it in RESULT_TYPES and check it"
    for path, exported in RESULT_TYPES.items():
        name = path.rsplit(".", 1)[1]
        assert (name in fairweather.__all__) == exported, name
        assert name.endswith("Result") or not name.endswith("Results"), f"{name}: results types are singular"


def test_a_results_type_must_implement_to_frame_and_summary():
    class Half(Result):
        def to_frame(self) -> pd.DataFrame:
            return pd.DataFrame()

    with pytest.raises(TypeError, match="summary"):
        Half()


def _summary() -> Summary:
    table = pd.DataFrame({"coef": [1.23456, -0.5], "p": [0.01, float("nan")]}, index=pd.Index(["a_b", "c"], name="term"))
    return Summary("Fit & test: 50% <done>", [("Rows", "12"), ("Model", "ordered_logit")], table,
                   tables=[("Second $table$", pd.DataFrame({"x": ["{y}"]}))], notes=["one note", "R&D ~ 2^3"])


def test_summary_text_has_the_title_info_tables_and_notes():
    s = _summary()
    lines = s.text.splitlines()
    assert lines[0].strip() == "Fit & test: 50% <done>" and lines[1] == "=" * 78
    assert lines[2].startswith("Rows:") and lines[2].rstrip().endswith("ordered_logit")
    assert "1.2346" in s.text and "a_b" in s.text and "Second $table$" in s.text  # 4 decimals; the index is shown
    assert lines[-2:] == ["one note", "R&D ~ 2^3"]
    assert str(s) == s.text == s.as_text()


def test_summary_html_escapes_and_parses():
    s = _summary()

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.text: list[str] = []

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    p = Cells()
    p.feed(s.html)
    assert "Fit & test: 50% <done>" in p.text and "1.2346" in p.text and "term" in p.text and "one note" in p.text
    assert "<done>" not in s.html and "&lt;done&gt;" in s.html
    assert s._repr_html_() == s.html == s.as_html()


def test_summary_latex_escapes_special_characters():
    s = _summary()
    tex = s.latex
    assert tex.startswith(r"\section*{Fit \& test: 50\% <done>}")
    assert r"ordered\_logit" in tex and r"a\_b" in tex and r"\$table\$" in tex and r"\{y\}" in tex
    assert r"R\&D \textasciitilde{} 2\textasciicircum{}3" in tex
    assert tex.count(r"\begin{tabular}") == tex.count(r"\end{tabular}") == 3  # info, table, second table
    assert r"a\_b & 1.2346 & 0.0100 \\" in tex and r"c & -0.5000 &  \\" in tex  # a missing value is an empty cell
    assert s.as_latex() == tex


def test_empty_tables_and_no_info_still_render():
    s = Summary("Nothing", tables=[("Empty", pd.DataFrame(columns=["a"]))])
    assert "(no rows)" in s.text and "<th>a</th>" in s.html and r"\begin{tabular}{l}" in s.latex


def test_the_results_module_examples_run():
    import fairweather.results as mod

    failures, tried = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


def test_a_state_profile_answers_the_family_calls(small_pack, check_result):
    from fairweather.catalog import state_profile
    from fairweather.store import Store

    store = Store.open(small_pack)
    try:
        prof = state_profile(store, "Tehran", "2025-12-01")
    finally:
        store.close()
    check_result(prof, rows=sum(len(f) for f in prof.sections.values()), title="Iran on 2025-12-01")
    s = prof.summary()
    assert [c for c, _ in s.tables] == ["Commitments", "Ties", "Facts"]
    assert dict(s.info)["Ties"] == str(len(prof.sections["ties"])) and "url" not in s.tables[1][1].columns
    assert "Russia-Iran comprehensive strategic partnership" in s.text


def test_an_agreement_answers_the_family_calls(check_result):
    from fairweather.agreement import Agreement

    rows = pd.DataFrame({"state": ["IRN", "RUS"], "pack": [0.2, 0.3], "reference": [0.25, 0.3]})
    a = Agreement("regime scores", {"agree_share": 0.987, "n": 2}, rows, note="V-Dem v14 vs the pack")
    check_result(a, rows=2, title="regime scores")
    assert dict(a.summary().info) == {"agree_share": "0.987", "n": "2"} and a.summary().notes == ["V-Dem v14 vs the pack"]
