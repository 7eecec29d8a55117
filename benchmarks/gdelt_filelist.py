"""How long reading GDELT 2.0's file list takes, and its memory, on a list the size of the real one.

GDELT's masterfilelist.txt names three files (export, mentions, GKG) for every
15 minutes since 2015-02-18 23:00: about 1.1 million lines by the end of 2025.
This writes a synthetic list of that shape (random sizes and MD5s, the real URL
pattern), then times :func:`fairweather.sources.gdelt_filelist.parse_file_list`
choosing the files of twelve days, as ``fairweather events fetch`` does.

    python benchmarks/gdelt_filelist.py [--until 2025-12-31] [--repeats 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from fairweather.sources.gdelt_filelist import parse_file_list

URL = "http://data.gdeltproject.org/gdeltv2/"


def write_list(path: Path, until: dt.datetime) -> int:
    rng = random.Random(20150218)
    stamp, step, n = dt.datetime(2015, 2, 18, 23, 0), dt.timedelta(minutes=15), 0
    with open(path, "w", encoding="ascii") as fh:
        while stamp <= until:
            s = f"{stamp:%Y%m%d%H%M%S}"
            for suffix in ("export.CSV.zip", "mentions.CSV.zip", "gkg.csv.zip"):
                fh.write(f"{rng.randrange(100_000, 20_000_000)} {rng.getrandbits(128):032x} {URL}{s}.{suffix}\n")
                n += 1
            stamp += step
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--until", default="2025-12-31", help="last day of the synthetic list")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    until = dt.datetime.fromisoformat(args.until) + dt.timedelta(hours=23, minutes=45)
    start, end = dt.date(2025, 6, 13), dt.date(2025, 6, 24)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "masterfilelist.txt"
        lines = write_list(path, until)
        size = path.stat().st_size
        times, cpu = [], []
        for _ in range(args.repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            with open(path, encoding="utf-8") as fh:
                listed = parse_file_list(fh, str(path), start=start, end=end)
            chosen = listed.between(start, end)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        tracemalloc.start()
        with open(path, encoding="utf-8") as fh:
            parse_file_list(fh, str(path), start=start, end=end)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    print(f"list: {lines:,} lines, {size / 1e6:,.0f} MB; chose {len(chosen):,} export files of {start} to {end}")
    print(f"parse + choose: median {statistics.median(times):.2f} s of {args.repeats} "
          f"({', '.join(f'{t:.2f}' for t in times)}), CPU median {statistics.median(cpu):.2f} s; "
          f"peak Python memory {peak / 1e6:,.1f} MB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
