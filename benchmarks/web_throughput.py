"""Throughput of the dashboard: distinct forecasts from concurrent clients, and whether a slow request blocks others.

Target (issue 13): 200 distinct forecasts from 20 clients, p95 under 1 s on a warm store;
no request blocks another for longer than its own work. Run from the repository root:

    .venv/bin/python benchmarks/web_throughput.py [--clients 20] [--requests 200] [--workers 2]

Starts ``fairweather serve`` (``--workers N`` processes) in a fresh process on a free port, warms it (the stores opened
and one forecast answered), then sends the requests: every pack crisis's target and
attackers, dated one, two, ... weeks earlier than the crisis until there are N distinct
scenarios, so the result cache never answers. Prints the latency percentiles, requests
per second and errors; then times ``/api/meta`` while a long cohesion request runs.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

TARGET_P95 = 1.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 300.0) -> tuple[int, float]:
    """Status and seconds of one GET (a new connection, as separate clients would open)."""
    t = time.perf_counter()
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        con.request("GET", path)
        res = con.getresponse()
        res.read()
        return res.status, time.perf_counter() - t
    finally:
        con.close()


def scenarios(n: int) -> list[str]:
    """``n`` distinct forecast paths the dashboard can answer (a date before a state's entry is skipped, not a 404)."""
    from fairweather.errors import FairweatherError
    from fairweather.features import check_case, feature_inputs
    from fairweather.store import Store

    store = Store.open()
    crises = store.con.execute("SELECT target, attackers, start_date FROM crises WHERE start_date >= DATE '1991-01-01' "
                               "ORDER BY crisis_id").fetchall()
    inputs = feature_inputs(store)
    paths: list[str] = []
    week = 1
    while len(paths) < n:
        for target, attackers, start in crises:
            day = start - dt.timedelta(weeks=week)
            try:
                check_case(inputs, target, tuple(attackers.split(";")), None, day)
            except FairweatherError:
                continue
            q = urllib.parse.urlencode({"target": target, "attackers": attackers.replace(";", ","), "date": day.isoformat()})
            paths.append(f"/api/forecast?{q}")
        week += 1
    store.close()
    return paths[:n]


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--requests", type=int, default=200)
    from fairweather.cli._web import DEFAULT_WORKERS

    ap.add_argument("--workers", type=int, default=DEFAULT_WORKERS,
                    help=f"fairweather serve --workers (processes; default {DEFAULT_WORKERS}, as serve's)")
    args = ap.parse_args()
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "fairweather", "serve", "--port", str(port),
                               "--workers", str(args.workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})
    try:
        for _ in range(600):
            try:
                if get(port, "/api/meta", timeout=5)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        warm = 1 if args.workers == 1 else 4 * args.workers  # every worker answers some (the kernel spreads them)
        paths = scenarios(args.requests + warm)
        t = time.perf_counter()
        with cf.ThreadPoolExecutor(warm) as pool:  # warm: the forecast store open and its inputs read
            warmed = list(pool.map(lambda p: get(port, p), paths[args.requests:]))
        print(f"warm-up forecasts ({warm}) {time.perf_counter() - t:7.2f} s (status {sorted({c for c, _ in warmed})})")
        paths = paths[:args.requests + 1]

        t0 = time.perf_counter()
        with cf.ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(lambda p: get(port, p), paths[:-1]))
        wall = time.perf_counter() - t0
        lat = [s for _, s in results]
        errors = sum(1 for code, _ in results if code != 200)
        codes = sorted({code for code, _ in results if code != 200})
        p95 = percentile(lat, 0.95)
        print(f"{len(results)} distinct forecasts, {args.clients} clients: {errors} errors {codes or ''}, "
              f"{len(results) / wall:.1f} requests/s")
        print(f"latency p50 {statistics.median(lat):6.2f} s   p95 {p95:6.2f} s   max {max(lat):6.2f} s   "
              f"target p95 < {TARGET_P95:.0f} s: {'met' if p95 < TARGET_P95 else 'NOT met'}")

        # /api/meta alone (its own work), then a long cohesion request (seventy years of three blocs) and /api/meta
        # meanwhile: a request blocked by another takes longer than its own work
        alone = [get(port, "/api/meta")[1] for _ in range(20)]
        slow: dict[str, float] = {}
        th = threading.Thread(target=lambda: slow.update(s=get(port, "/api/cohesion?bloc=NATO&from=1950&to=2025"
                                                                   "&compare=CSTO,SCO")[1]))
        th.start()
        time.sleep(0.2)
        metas = []
        while th.is_alive():
            metas.append(get(port, "/api/meta")[1])
            time.sleep(0.05)
        th.join()
        print(f"cohesion 1950-2025 (3 blocs) {slow['s']:6.2f} s; /api/meta meanwhile: {len(metas)} requests, "
              f"median {statistics.median(metas) if metas else float('nan'):.3f} s, "
              f"max {max(metas) if metas else float('nan'):.3f} s (alone: median {statistics.median(alone):.3f} s, "
              f"max {max(alone):.3f} s)")
    finally:
        server.terminate()
        server.wait(30)


if __name__ == "__main__":
    main()
