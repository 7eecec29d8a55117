"""Issue 13: results must not depend on the hash seed (set iteration order), down to the last bit."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# A float sum over a set follows the set's order, which follows PYTHONHASHSEED for strings: the shares are
# chosen so that nearly every order of summing them gives a different last bit.
_SCRIPT = textwrap.dedent("""
    import datetime as dt
    import pandas as pd
    from fairweather.metrics.crosspressure import cross_pressure

    advs = ["USA", "GBR", "FRA", "DEU", "JPN", "CAN", "ITA", "AUS"]
    shares = [0.1, 0.7, 1e-3, 3.3, 0.29, 12.01, 0.017, 7.7]

    class Data:
        def level_ties(self, d, kinds):
            ties = {("RUS", a, "trade_share"): s for a, s in zip(advs, shares)}
            ties[("RUS", "CHN", "trade_share")] = 18.3
            return ties

    groups = pd.DataFrame([{"bloc": "b", "year": 2020, "as_of": dt.date(2020, 7, 1), "members": ("CHN", "RUS")}])
    out = cross_pressure(Data(), groups, {"b": advs})
    print(repr(float(out["cross_pressure"].iloc[0])), repr(float(out["adversary_trade"].iloc[0])))
""")


def _run(seed: int) -> str:
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    return subprocess.run([sys.executable, "-c", _SCRIPT], env=env, capture_output=True, text=True, check=True).stdout


def test_cross_pressure_is_the_same_under_every_hash_seed() -> None:
    outputs = {_run(seed) for seed in range(8)}
    assert len(outputs) == 1, outputs
