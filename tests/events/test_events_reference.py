"""Importers on the real samples in ../shared/data/events (skipped where absent)."""

from __future__ import annotations

import pytest

from fairweather.events import taxonomy as tx
from fairweather.sources import gdelt, icews, plover

pytestmark = pytest.mark.reference


@pytest.mark.parametrize("name", ["gdelt2_export_sample.tsv", "gdelt2_translation_export_sample.tsv"])
def test_gdelt2_samples_import_cleanly(events_dir, name):
    res = gdelt.read_gdelt(events_dir / "gdelt" / name, version="2")
    assert res.report.rows_read == res.report.rows_imported == 100
    assert res.report.ok and not res.report.counts


def test_gdelt1_sample_mixes_57_and_58_columns(events_dir):
    res = gdelt.read_gdelt(events_dir / "gdelt" / "gdelt1_export_sample.tsv", version="1")
    assert res.report.rows_imported == 100 and res.report.ok
    assert res.to_frame()["date"].dt.year.min() == 1979


def test_gdelt_files_agree_with_the_shipped_lookup(events_dir):
    """Quad class and Goldstein value of every real row match the taxonomy."""
    for name in ("gdelt2_export_sample.tsv", "gdelt1_export_sample.tsv", "gdelt2_translation_export_sample.tsv"):
        df = gdelt.read_gdelt(events_dir / "gdelt" / name).to_frame()
        for code, quad, gold in df[["event_code", "quad_class", "intensity"]].itertuples(index=False):
            assert tx.quad_class_of(code) == quad, (name, code)
            assert tx.goldstein(code) == pytest.approx(gold), (name, code)


def test_icews_knowledge_graph_samples(events_dir):
    files = sorted((events_dir / "icews").glob("*.tsv.gz"))
    res = icews.read_icews(files)
    rep = res.report
    assert rep.rows_read == 27_045 + 95_540
    # every ICEWS event text maps to a CAMEO code
    assert rep.rows_rejected == 0, rep.summary()
    df = res.to_frame()
    assert df["source_iso3"].notna().mean() > 0.55
    aid = df[(df.source_iso3 == "RUS") & (df.support_class == "material_support")]
    assert len(aid) > 0


def test_plover_gold_standard_records(events_dir):
    res = plover.read_plover(events_dir / "plover" / "plover_gsr_cameo_examples.jsonl")
    rep = res.report
    assert rep.rows_read == 323
    assert rep.rows_rejected == 1  # the DOCUMENT header record, reported not dropped
    assert rep.issues[0].line == 1 and rep.issues[0].value == "DOCUMENT"
    df = res.to_frame()
    assert set(df["event_code"]) <= set(tx.PLOVER_EVENTS)
    assert set(df["support_class"]) == set(tx.SUPPORT_CLASSES)
