"""Schema-driven fuzzing of the JSON API with Schemathesis: no input may cause a server error.

Schemathesis reads /api/openapi.json and generates requests for every
operation, valid and invalid (bounded: at most 30 examples per operation,
no deadline). The check is the one that matters here: no 5xx, ever. The
figures (operations, cases, failures) are written to
artifacts/fuzz-summary.json.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from fairweather.web import create_app  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

GDELT = Path(__file__).resolve().parents[1] / "events" / "fixtures" / "20250616000000.export.CSV"


def _events():
    """The GDELT fixture of the event tests, so the say-do route is fuzzed too (None if it is absent)."""
    if not GDELT.exists():
        return None
    from fairweather.sources.eventfiles import read_events

    return read_events([str(GDELT)])


# The embedded pack is opened on the first request, not at import (collection stays fast).
APP = create_app(events=_events())
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)

FIGURES: dict[str, Counter] = {}


@pytest.fixture(scope="module", autouse=True)
def summary():
    yield
    ARTIFACTS.mkdir(exist_ok=True)
    documented = {f"{m.upper()} {p}" for p, item in APP.openapi()["paths"].items() for m in item}
    probes = Counter()
    for op, c in FIGURES.items():
        if op not in documented:  # Schemathesis also tries methods the schema does not list (405s)
            probes.update(c)
    totals = {
        "operations": len(documented & set(FIGURES)),
        "cases": sum(sum(c.values()) for c in FIGURES.values()),
        "server_errors": sum(c.get("5xx", 0) for c in FIGURES.values()),
        "by_operation": {op: dict(c) for op, c in sorted(FIGURES.items()) if op in documented},
        "undocumented_method_probes": dict(probes),
    }
    (ARTIFACTS / "fuzz-summary.json").write_text(json.dumps(totals, indent=2) + "\n")
    if APP.state.fairweather._store is not None:
        APP.state.fairweather._store.close()


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    # The first backtest fits a model per fold; give it time (the answer is cached afterwards).
    response = case.call(timeout=120)
    op = f"{case.method.upper()} {case.path}"
    bucket = "5xx" if response.status_code >= 500 else f"{response.status_code // 100}xx"
    FIGURES.setdefault(op, Counter())[bucket] += 1
    assert response.status_code < 500, f"{op} -> {response.status_code}: {response.text[:500]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body["error"]) >= {"type", "message", "field"}
