"""The support levels: 0 none, 1 verbal, 2 diplomatic, 3 economic, 4 materiel, 5 military."""

from __future__ import annotations

__all__ = ["N_LEVELS"]

#: Number of support levels (0..5).
N_LEVELS = 6
