"""The pack's arms-import shares against the SIPRI trade register of deliveries 1990-2024.

Rules are documented in :func:`fairweather.agreement.arms_share_agreement`; the
same figures print with ``fairweather data agreement``. The pack's shares were
read from SIPRI's database, so this is a consistency check of the curation
(windows, name mapping, arithmetic), not independent confirmation.
"""

from __future__ import annotations

import pytest

from fairweather import agreement
from fairweather.sources import reference as ref
from fairweather.store import Store

pytestmark = pytest.mark.reference



def test_arms_import_shares_are_the_register_shares_rounded(shared_data) -> None:
    store = Store.open()
    register = ref.read_sipri_register(shared_data / "sipri_trade_register_deliveries_1990_2024.parquet")
    res = agreement.arms_share_agreement(store, register)
    print(res.name, res.figures)
    print(res.disagreements.head(10).to_string())
    assert res.figures["compared"] > 0, "no pack row could be compared with the register"
    assert res.disagreements.empty, res.disagreements.head(20).to_string()
    assert res.figures["share_exact"] == 1.0
    assert res.figures["no_register_deliveries"] == 0
