"""Speed of the cohesion metrics: load the pack tables once, then every metric for many bloc-years.

Times, on the embedded pack (or ``--pack``), the median of ``--repeat`` runs of:

* ``load``      reading the store's tables into :class:`~fairweather.metrics.CohesionData`;
* ``one bloc``  ``cohesion("CRINK", 2015..2025)`` from loaded tables;
* ``all blocs`` every named bloc of ``BLOCS`` over 2000..2025 (the biggest job: NATO's
                ~500 member dyads a year for the portfolio measures);
* ``sensitivity`` 500 Dirichlet weightings of the all-blocs result;
* ``network``   ``bloc_network("NATO", 2025)``.

Usage::

    .venv/bin/python benchmarks/cohesion_speed.py [--pack PATH] [--repeat N]
"""

from __future__ import annotations

from _timing import median_seconds  # benchmarks/ is on sys.path when a script runs

import argparse




def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", default=None, help="pack folder (default: the embedded pack)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from fairweather.metrics import BLOCS, CohesionData, resolve_bloc
    from fairweather.metrics.cohesion import CohesionResult, measure
    from fairweather.metrics.composite import DEFAULT_WEIGHTS
    from fairweather.metrics.network import _network
    from fairweather.store import Store

    store = Store.open(args.pack)
    rows = []
    rows.append(("load", median_seconds(lambda: CohesionData.from_store(store), args.repeat)))
    crink = [resolve_bloc("CRINK")]
    rows.append(("one bloc, 11 years", median_seconds(lambda: measure(CohesionData.from_store(store), crink, range(2015, 2026)),
                                               args.repeat)))
    blocs = [resolve_bloc(b) for b in BLOCS]
    years = tuple(range(2000, 2026))
    rows.append(("all 9 blocs, 26 years", median_seconds(lambda: measure(CohesionData.from_store(store), blocs, years), args.repeat)))
    metrics, groups = measure(CohesionData.from_store(store), blocs, years)
    result = CohesionResult(metrics, dict(DEFAULT_WEIGHTS), tuple(blocs), years, groups)
    rows.append(("sensitivity, 500 draws", median_seconds(lambda: result.sensitivity(draws=500), args.repeat)))
    rows.append(("network NATO 2025", median_seconds(lambda: _network(CohesionData.from_store(store), resolve_bloc("NATO"), 2025),
                                              args.repeat)))
    width = max(len(r[0]) for r in rows)
    for name, sec in rows:
        print(f"{name:<{width}}  {sec * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
