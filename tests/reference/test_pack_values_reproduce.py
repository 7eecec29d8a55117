"""The committed pack rows built from publishers' files are the build's output, byte for byte.

Skipped with a reason where ../shared/data (or $FAIRWEATHER_SHARED_DATA) is absent.
"""

from __future__ import annotations

import shutil

import pytest

from fairweather.pack import embedded_pack_path
from fairweather.sources import build_pack_values as build

pytestmark = pytest.mark.reference


def test_committed_regime_rows_are_the_builds_output(shared_data, tmp_path):
    copy = tmp_path / "pack"
    shutil.copytree(embedded_pack_path(), copy)
    written = build.build_pack_values(shared_data, copy)
    for path in written:
        rel = path.relative_to(copy)
        assert path.read_bytes() == (embedded_pack_path() / rel).read_bytes(), (
            f"{rel} differs from the build's output: run "
            f"`python -m fairweather.sources.build_pack_values --reference {shared_data}` and commit the result")
