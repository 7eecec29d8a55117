"""Former home of the history features, now :mod:`fairweather.features` (``history``, ``ranking``, ``registry``).

Kept so that ``from fairweather.history_features import ...`` goes on working; new code imports from the
package.
"""

from __future__ import annotations

from fairweather.features._lookups import _contig, _from_index, _help_counts, _ideal, _is_state, _num  # noqa: F401
from fairweather.features.history import add_history_features, describe_history, history_row, history_training_set
from fairweather.features.ranking import (CANDIDATE_WEIGHTS, MULTILATERAL, PATRON_MEMORY_YEARS, _former_patron,  # noqa: F401
                                          candidate_capture, rank_candidates)
from fairweather.features.registry import (CASE_TERMS, HISTORY_FEATURES, MODEL_FEATURES, PACK_ONLY, TOP_CANDIDATES,
                                           feature_sign, uses_history)

__all__ = ["CASE_TERMS", "HISTORY_FEATURES", "MODEL_FEATURES", "PACK_ONLY", "TOP_CANDIDATES", "CANDIDATE_WEIGHTS",
           "MULTILATERAL", "PATRON_MEMORY_YEARS", "history_row", "history_training_set", "add_history_features",
           "describe_history", "rank_candidates", "candidate_capture", "feature_sign", "uses_history"]
