"""Fixtures of the cohesion tests: a small bloc pack in a store, and in-memory tables to vary."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from fairweather.metrics import CohesionData
from fairweather.pack.schema import OBLIGATIONS, TABLES

HERE = Path(__file__).parent
BLOC_PACK = HERE / "fixtures" / "pack_blocs"


def load_reference():
    """tests/reference/cohesion_reference.py as a module (pytest runs with --import-mode=importlib)."""
    path = HERE.parent / "reference" / "cohesion_reference.py"
    spec = importlib.util.spec_from_file_location("cohesion_reference", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def reference():
    return load_reference()


@pytest.fixture(scope="session")
def bloc_store():
    from fairweather.store import Store

    store = Store.open(BLOC_PACK)
    yield store
    store.close()


@pytest.fixture(scope="session")
def bloc_data(bloc_store) -> CohesionData:
    return CohesionData.from_store(bloc_store)


def empty(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=TABLES[table].column_names)


def make_data(states: list[str], commitments: list[tuple[str, list[str], set[str]]] | None = None,
              ties: list[tuple[str, str, str, str]] | None = None, facts: dict[str, float] | None = None) -> CohesionData:
    """In-memory tables: ``states`` all valid from 1900; each commitment ``(id, members, obligations)``
    valid from 2000; ties ``(from, to, kind, value)`` and regime facts valid from 2000."""
    st = pd.DataFrame({"iso3": states, "name": states, "region": "europe", "valid_from": pd.Timestamp("1900-01-01"),
                       "valid_to": pd.NaT})
    com_rows, mem_rows = [], []
    for cid, members, obs in commitments or []:
        com_rows.append({"commitment_id": cid, "name": cid, "valid_from": pd.Timestamp("2000-01-01"), "valid_to": pd.NaT,
                         "source_id": "s", **{o: o in obs for o in OBLIGATIONS}})
        for m in members:
            mem_rows.append({"commitment_id": cid, "state": m, "obligations": None, "valid_from": pd.Timestamp("2000-01-01"),
                             "valid_to": pd.NaT, "source_id": "s"})
    com = pd.DataFrame(com_rows) if com_rows else empty("commitments")
    mem = pd.DataFrame(mem_rows) if mem_rows else empty("commitment_members")
    ti = pd.DataFrame([{"from_state": f, "to_state": t, "kind": k, "value": v, "detail": None,
                        "valid_from": pd.Timestamp("2000-01-01"), "valid_to": pd.NaT, "source_id": "s"}
                       for f, t, k, v in ties or []]) if ties else empty("ties")
    fa = pd.DataFrame([{"state": s, "fact": "regime_polyarchy", "value": str(v), "valid_from": pd.Timestamp("2000-01-01"),
                        "valid_to": pd.NaT, "source_id": "s"} for s, v in (facts or {}).items()]) if facts else empty("state_facts")
    return CohesionData(states=st, state_facts=fa, commitments=com, commitment_members=mem, ties=ti,
                        crises=empty("crises"), responses=empty("responses"), sources=empty("sources"),
                        bloc_members=empty("bloc_members"))


@pytest.fixture(scope="session")
def data_factory():
    return make_data
