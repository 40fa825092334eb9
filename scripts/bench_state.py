"""Time one Engine.state() call: median over 1,000 random dates × every perspective.

    .venv/bin/python scripts/bench_state.py [--data DIR] [--n 1000] [--seed 1]

Prints the load time, the number of segments and the median/p95 per call (goal ≤ 1 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import DataFileError  # noqa: E402
from app.timeline.engine import RANGE_END, RANGE_START, Engine  # noqa: E402
from app.timeline.model import load_timeline  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help="timeline dir (default geodata/timeline)")
    parser.add_argument("--n", type=int, default=1000, help="random dates")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    t0 = time.perf_counter()
    try:
        engine = Engine(load_timeline(args.data))
    except DataFileError as error:
        print(f"Cannot load the data: {error}", file=sys.stderr)
        return 1
    load_s = time.perf_counter() - t0
    rng = random.Random(args.seed)
    span = (RANGE_END - RANGE_START).days
    dates = [(RANGE_START + dt.timedelta(days=rng.randint(0, span))).isoformat()
             for _ in range(args.n)]
    timings = []
    for date in dates:
        for perspective in engine.perspectives:
            start = time.perf_counter()
            engine.state(date, perspective)
            timings.append(time.perf_counter() - start)
    timings.sort()
    median_ms = statistics.median(timings) * 1000
    p95_ms = timings[int(len(timings) * 0.95)] * 1000
    print(f"load+precompute: {load_s * 1000:.0f} ms; {len(engine.statuses)} statuses, "
          f"{len(engine.breakpoints)} segments, {len(engine.perspectives)} perspectives")
    print(f"state(): median {median_ms:.4f} ms, p95 {p95_ms:.4f} ms over {len(timings)} calls "
          f"({args.n} dates x {len(engine.perspectives)} perspectives); goal <= 1 ms: "
          f"{'OK' if median_ms <= 1 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
