"""Bloc cohesion: how much a group of states is really bound together, over time.

A bloc is a named group with dated membership in the pack (:data:`BLOCS`) or
any list of states. Each metric is a pure function returning a DataFrame with
``bloc``, ``year`` and its value columns, every bloc-year evaluated as of
July 1 of the year:

* commitment density and strength (:mod:`.commitment`),
* dependence asymmetry, Hirschman-style (:mod:`.dependence`),
* reciprocity of material help (:mod:`.reciprocity`),
* value (regime) similarity (:mod:`.similarity`),
* alliance-portfolio similarity: S and Cohen's kappa (:mod:`.portfolio`),
* cross-pressure from ties to the bloc's adversaries (:mod:`.crosspressure`),
* revealed support in past crises (:mod:`.revealed`),
* a composite with shown, changeable weights and a sensitivity view (:mod:`.composite`).

>>> from fairweather.metrics import cohesion, compare_blocs      # doctest: +SKIP
>>> cohesion("CRINK", range(2015, 2026)).profile()          # doctest: +SKIP
>>> compare_blocs(["NATO", "CSTO", "CRINK"], range(2015, 2026)).sensitivity()  # doctest: +SKIP
"""

from __future__ import annotations

from fairweather.metrics._data import CohesionData, evaluation_date
from fairweather.metrics.blocs import BLOC_ADVERSARIES, BLOCS, Bloc, bloc_members, resolve_bloc
from fairweather.metrics.cohesion import METRICS, CohesionResult, cohesion, compare_blocs
from fairweather.metrics.commitment import STRENGTH_WEIGHTS, commitment_density
from fairweather.metrics.composite import COMPONENTS, DEFAULT_WEIGHTS, CohesionWeightError, composite, sensitivity
from fairweather.metrics.crosspressure import cross_pressure
from fairweather.metrics.dependence import dependence_asymmetry, dependence_dyads
from fairweather.metrics.network import BlocNetwork, bloc_network, network_to_json, write_network
from fairweather.metrics.portfolio import cohen_kappa, portfolio_similarity, portfolios, s_score, scott_pi
from fairweather.metrics.reciprocity import reciprocity
from fairweather.metrics.revealed import revealed_support
from fairweather.metrics.similarity import value_similarity

__all__ = [
    "BLOCS",
    "BLOC_ADVERSARIES",
    "Bloc",
    "bloc_members",
    "resolve_bloc",
    "cohesion",
    "compare_blocs",
    "CohesionResult",
    "CohesionData",
    "METRICS",
    "evaluation_date",
    "BlocNetwork",
    "bloc_network",
    "network_to_json",
    "write_network",
    "commitment_density",
    "STRENGTH_WEIGHTS",
    "dependence_asymmetry",
    "dependence_dyads",
    "reciprocity",
    "value_similarity",
    "portfolio_similarity",
    "portfolios",
    "s_score",
    "cohen_kappa",
    "scott_pi",
    "cross_pressure",
    "revealed_support",
    "composite",
    "sensitivity",
    "COMPONENTS",
    "DEFAULT_WEIGHTS",
    "CohesionWeightError",
]
