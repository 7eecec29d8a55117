"""``fairweather code`` and ``fairweather saydo --text`` from the command line (CliRunner, no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from fairweather.cli import app
from fairweather.text import CODED_COLUMNS

SAMPLE = Path(__file__).parents[2] / "examples" / "articles" / "iran-2025-partners.txt"
runner = CliRunner()


def test_code_writes_every_field_to_csv(tmp_path):
    out = tmp_path / "events.csv"
    res = runner.invoke(app, ["code", str(SAMPLE), "--date", "2025-06-24", "--out", str(out)])
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(out)
    assert tuple(frame.columns) == CODED_COLUMNS
    assert (frame["date"] == "2025-06-24").all()
    undelivered = frame[frame["sentence"].str.contains("remain undelivered")]
    assert undelivered["negated"].all() and (undelivered["source_iso3"] == "RUS").all()


def test_code_writes_parquet_and_reads_stdin(tmp_path):
    out = tmp_path / "events.parquet"
    res = runner.invoke(app, ["code", "-", "--out", str(out)], input="Iran supplied Russia with drones.\n")
    assert res.exit_code == 0, res.output
    frame = pd.read_parquet(out)
    assert list(frame["plover_event"]) == ["AID"] and list(frame["article"]) == ["-"]


def test_code_json_to_stdout():
    res = runner.invoke(app, ["code", str(SAMPLE), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {"RUS", "CHN", "PRK", "IRN"} <= {r["source_iso3"] for r in rows}


@pytest.mark.parametrize("content, words", [
    (b"\x00\x01\x02binary", "binary"), (b"", "empty"), (b"caf\xe9 au lait", "not UTF-8"),
])
def test_malformed_input_names_the_file_and_writes_nothing(tmp_path, content, words):
    bad = tmp_path / "broken.txt"
    bad.write_bytes(content)
    out = tmp_path / "events.csv"
    out.write_text("old contents\n")
    res = runner.invoke(app, ["code", str(SAMPLE), str(bad), "--out", str(out)])
    assert res.exit_code == 3
    assert "broken.txt" in res.output and words in res.output
    assert out.read_text() == "old contents\n"  # the earlier file stands, untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left behind


def test_a_folder_is_refused(tmp_path):
    res = runner.invoke(app, ["code", str(tmp_path)])
    assert res.exit_code == 3 and "is a folder" in res.output


def test_wrong_output_suffix_is_refused(tmp_path):
    res = runner.invoke(app, ["code", str(SAMPLE), "--out", str(tmp_path / "events.xlsx")])
    assert res.exit_code == 4 and ".csv or .parquet" in res.output
    assert not (tmp_path / "events.xlsx").exists()


def test_saydo_text_counts_and_sentences():
    res = runner.invoke(app, ["saydo", "--text", str(SAMPLE), "--target", "IRN", "--attackers", "ISR,USA",
                              "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = {r["partner"]: r for r in json.loads(res.stdout)}
    rus, chn, prk = rows["RUS"], rows["CHN"], rows["PRK"]
    assert rus["material_support"] == 0 and rus["not_delivered"] >= 2 and rus["verbal_support"] >= 1
    assert any("remain undelivered" in s for s in rus["not_delivered_sentences"])
    assert chn["verbal_support"] >= 1 and chn["material_support"] == 0
    assert prk["not_delivered"] == 1
    assert "IRN" not in rows  # the target is never its own partner


def test_saydo_text_table_shows_the_sentences():
    res = runner.invoke(app, ["saydo", "--text", str(SAMPLE), "-t", "IRN", "-a", "ISR,USA", "-p", "RUS"])
    assert res.exit_code == 0, res.output
    assert "RUS not delivered: Su-35 fighter jets promised in 2023 remain undelivered." in " ".join(res.output.split())


def test_saydo_needs_events_or_text():
    res = runner.invoke(app, ["saydo", "--target", "IRN"])
    assert res.exit_code == 2 and "--text" in res.output
    res = runner.invoke(app, ["saydo", "--text", str(SAMPLE), "--events", str(SAMPLE), "-t", "IRN"])
    assert res.exit_code == 2 and "do not mix" in res.output


def test_saydo_text_python_api():
    from fairweather.metrics.saydo_text import saydo_text

    res = saydo_text([SAMPLE], target="IRN", attackers=["ISR", "USA"], partners=["RUS", "CHN"])
    frame = res.to_frame()
    assert list(frame["partner"]) == ["RUS", "CHN"]
    assert set(res.sentences("RUS")["kind"]) >= {"not_delivered", "said"}


def test_text_results_answer_the_family_calls(check_result):
    from fairweather.metrics.saydo_text import saydo_text
    from fairweather.text import code_files

    coded = code_files([SAMPLE])
    check_result(coded, rows=len(coded), title="coded from news text")
    by = coded.summary().tables[0][1]
    assert by["events"].sum() == len(coded)
    res = saydo_text([SAMPLE], target="IRN", attackers=["ISR", "USA"], partners=["RUS", "CHN"])
    check_result(res, rows=2, title="Say–do from news text toward IRN")
    s = res.summary()
    assert list(s.table["partner"]) == ["RUS", "CHN"] and "not_delivered" in s.table.columns
    assert any(n.startswith("    [not delivered] ") for n in s.notes)  # the sentences behind the counts
