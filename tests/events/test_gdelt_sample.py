"""The real GDELT 2.0 sample in examples/gdelt: it matches its file lists, imports cleanly, and rebuilds from the shared data."""

from __future__ import annotations

import importlib.util
import zipfile
from pathlib import Path

import pytest

from fairweather.sources.eventfiles import read_events
from fairweather.sources.gdelt_fetch import fetch_gdelt
from fairweather.sources.gdelt_filelist import parse_file_list

from .conftest import shared_events_dir

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "gdelt"
SCRIPT = ROOT / "scripts" / "build_gdelt_sample.py"
SHIPPED = sorted(p.name for p in SAMPLE.iterdir() if p.suffix in (".zip", ".txt"))


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gdelt_sample", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("translation", [False, True], ids=["export", "translation"])
def test_the_sample_fetches_from_its_own_lists_with_every_checksum_right(tmp_path, translation):
    out = tmp_path / "gdelt"
    result = fetch_gdelt("2015-02-18", "2020-03-18", out, base_url=str(SAMPLE), translation=translation)
    assert len(result.files) == 2 and result.unverifiable == []
    for path in result.files:
        assert path.read_bytes() == (SAMPLE / path.name).read_bytes()


def test_the_sample_is_small_and_imports_without_a_rejected_row():
    assert sum((SAMPLE / n).stat().st_size for n in SHIPPED) < 100_000
    result = read_events(str(SAMPLE / "*.zip"))
    assert result.report.rows_read == 200 and result.report.rows_rejected == 0
    assert result.table.num_rows == 200
    # the stamp in each file's name is the DATEADDED of every row in it, as GDELT names its batches
    for name in SHIPPED:
        if name.endswith(".zip"):
            with zipfile.ZipFile(SAMPLE / name) as zf:
                rows = zf.read(zf.namelist()[0]).decode("utf-8").splitlines()
            assert {r.split("\t")[59] for r in rows} == {name[:14]}


def test_each_list_names_exactly_the_files_of_its_stream():
    for list_name, stream in (("masterfilelist.txt", "export"), ("masterfilelist-translation.txt", "translation")):
        with open(SAMPLE / list_name, encoding="ascii") as fh:
            listed = parse_file_list(fh, list_name, stream=stream)
        assert listed.problems == []
        suffix = ".translation.export.CSV.zip" if stream == "translation" else "00.export.CSV.zip"
        assert sorted(e.name for e in listed.entries) == [n for n in SHIPPED if n.endswith(suffix)]


@pytest.mark.reference
def test_the_script_rebuilds_the_sample_byte_for_byte_from_the_shared_rows(tmp_path):
    events = shared_events_dir()
    if events is None:
        pytest.skip("the shared event samples (../shared/data/events) are absent; the sample cannot be rebuilt here")
    module = _build_module()
    written = module.build(events.parent, tmp_path)
    assert sorted(p.name for p in written) == SHIPPED
    for name in SHIPPED:
        assert (tmp_path / name).read_bytes() == (SAMPLE / name).read_bytes(), name
    # and the rows are the shared file's rows, byte for byte and in order
    shared = (events / "gdelt" / "gdelt2_export_sample.tsv").read_bytes().splitlines()
    shipped = []
    for name in (n for n in SHIPPED if n.endswith("00.export.CSV.zip")):
        with zipfile.ZipFile(SAMPLE / name) as zf:
            shipped.extend(zf.read(zf.namelist()[0]).splitlines())
    assert shipped == shared and len(shipped) == 100  # the shared file is grouped by batch already
