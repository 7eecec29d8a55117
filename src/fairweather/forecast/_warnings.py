"""What a forecast warns of: a history model on a store without the history layer, and data older than the date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fairweather.features.registry import uses_history

__all__ = ["check_history_layer", "warn_data_age"]


_WARNED_LAYER: set[int] = set()


def check_history_layer(model: Any, store: Any) -> None:
    """Warn once per store when a history model forecasts from a store without the facts it was fitted on."""
    if not uses_history(model) or getattr(store, "history_hash", None) or id(store) in _WARNED_LAYER:
        return
    n = store.con.execute("SELECT count(*) FROM sources WHERE source_id IN ('cow-nmc-7.0', 'unga-idealpoints-2020')").fetchone()[0]
    if n:
        return  # the publishers' files were imported into this store directly
    _WARNED_LAYER.add(id(store))
    import warnings

    from fairweather.errors import StaleParamsWarning

    warnings.warn("The model learns from history, but this store has neither the history layer nor imported datasets: "
                  "capability, UN votes, contiguity and arms-supply features will read as unknown. Open the store "
                  "with Store.open(history=True), or leave store= out.", StaleParamsWarning, stacklevel=3)


def warn_data_age(store: Any, d: dt.date) -> dict[str, str]:
    """Warn when ``d`` is more than half a year after a table's latest change; return those tables' dates.

    The forecast still runs: rows without an end date are carried forward, and the warning says
    which tables stop when, so a reader knows what the answer cannot know (a treaty signed, a war
    begun or arms delivered since).
    """
    from fairweather.catalog import stale_tables

    stale = stale_tables(store, d)
    if not stale:
        return {}
    import warnings

    from fairweather.errors import DataAgeWarning

    labels = {"state_facts": "state facts", "ties": "ties (trade, arms, troops, rivalries)", "commitments": "treaties",
              "commitment_members": "treaty memberships", "crises": "crises"}
    listed = "; ".join(f"{labels.get(t, t)} through {v}" for t, v in sorted(stale.items(), key=lambda x: (x[1], x[0])))
    warnings.warn(f"The data end before {d}: {listed}. Rows without an end date are carried forward to {d}; "
                  "anything that changed since is not known to this forecast (fairweather data coverage lists "
                  "each table's date).", DataAgeWarning, stacklevel=3)
    return {t: v.isoformat() for t, v in stale.items()}
