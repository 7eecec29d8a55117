"""Speed of the support model: load params, one warm forecast, the whole CLI call, the full backtest.

Targets: params load < 100 ms, warm scenario forecast < 300 ms, CLI call < 2 s,
full backtest < 10 s. Run from the repository root:

    .venv/bin/python benchmarks/forecast_speed.py [--pack PATH] [--repeat N]

Each figure is the median of ``--repeat`` runs (the CLI and the backtest are
run fewer times, they are slow). The CLI call uses the embedded pack through
its DuckDB cache (built on the first call, which is not timed) unless --pack
is given.
"""

from __future__ import annotations

from _timing import median_seconds  # benchmarks/ is on sys.path when a script runs

import argparse
import json
import subprocess
import sys
from pathlib import Path

TARGETS = {"load params": 0.100, "warm scenario forecast": 0.300, "CLI forecast call": 2.0, "full backtest": 10.0}




def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pack", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    from fairweather.forecast import Scenario, backtest, forecast, load_model
    from fairweather.forecast._params import PARAMS_PATH, _load_cached
    from fairweather.store import Store

    store = Store.open(args.pack)
    scenario = Scenario("IRN", ("ISR", "USA"), "2025-06-13")

    def load() -> None:
        _load_cached.cache_clear()
        load_model()

    results = {"load params": median_seconds(load, args.repeat)}
    model = load_model()
    forecast(scenario, store=store, model=model)  # warm: store inputs cached
    results["warm scenario forecast"] = median_seconds(lambda: forecast(scenario, store=store, model=model), args.repeat)

    cmd = [sys.executable, "-m", "fairweather.cli", "forecast", "--target", "IRN", "--attackers", "ISR,USA",
           "--date", "2025-06-13", "--format", "json"]
    cmd = [sys.executable, "-c", "from fairweather.cli import main; main()", *cmd[3:]]
    if args.pack:
        cmd += ["--pack", str(args.pack)]
    subprocess.run(cmd, check=True, capture_output=True)  # builds the store cache
    results["CLI forecast call"] = median_seconds(lambda: subprocess.run(cmd, check=True, capture_output=True), max(1, args.repeat // 2))
    results["full backtest"] = median_seconds(lambda: backtest(store), max(1, args.repeat // 2))

    print(f"params: {PARAMS_PATH} (pack {model.meta_.get('pack_hash', '')[:12]}); store pack {store.pack_hash[:12]}")
    for name, secs in results.items():
        ok = "ok" if secs < TARGETS[name] else "SLOW"
        print(f"{name:<24} {secs * 1000:9.1f} ms   target < {TARGETS[name] * 1000:7.0f} ms   {ok}")
    print(json.dumps({k: round(v, 4) for k, v in results.items()}))


if __name__ == "__main__":
    main()
