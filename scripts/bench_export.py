"""Export timings once warm: SVG (goal ≤ 1 s), 300-dpi PNG (goal ≤ 2 s), PDF, a two-panel figure, and a
whole series (the key tour, double column). Prints the figures.

    .venv/bin/python scripts/bench_export.py [--repeat 5] [--no-series]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.data import load_engine  # noqa: E402
from app.export import compose, paint, render  # noqa: E402
from app.export.request import ExportRequest  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-series", action="store_true")
    a = ap.parse_args()
    engine = load_engine()
    t = time.perf_counter()
    paint.context(engine)
    compose.export_figure(engine, ExportRequest(fmt="svg"))
    print(f"cold start (layers + table + Chromium + projection fits + first SVG): {time.perf_counter() - t:.2f} s")
    dates = [dt.date(1905, 9, 5) + dt.timedelta(days=347 * i) for i in range(a.repeat)]
    goals = {"svg": 1.0, "png": 2.0, "pdf": None}
    for fmt in ("svg", "png", "pdf"):
        times = []
        for d in dates:
            t = time.perf_counter()
            compose.export_figure(engine, ExportRequest(date=d, pov="japan", fmt=fmt, size="double", dpi=300))
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        goal = goals[fmt]
        verdict = "" if goal is None else (f"  goal ≤ {goal:g} s: {'OK' if med <= goal else 'MISSED'}")
        print(f"{fmt} double column{' 300 dpi' if fmt == 'png' else ''}: median {med:.2f} s, "
              f"min {min(times):.2f} s, max {max(times):.2f} s (n={len(times)}){verdict}")
    times = []
    for d in dates[:3]:
        t = time.perf_counter()
        compose.export_figure(engine, ExportRequest(date=d, pov="japan", view="compare", pov2="usa", date2=d,
                                                    fmt="pdf"))
        times.append(time.perf_counter() - t)
    print(f"two-panel PDF, double column: median {statistics.median(times):.2f} s (n={len(times)})")
    if not a.no_series:
        from app.__main__ import build_parser
        from app.export import cli

        with tempfile.TemporaryDirectory() as out:
            args = build_parser().parse_args(["export", "--tour", "key", "--format", "png", "--out", out])
            t = time.perf_counter()
            cli.run_series(engine, args, "png")
            n = len(list(Path(out).glob("*.png")))
            el = time.perf_counter() - t
            print(f"series, key tour (png 300 dpi, double column): {n} frames in {el:.1f} s "
                  f"({el / max(n, 1):.2f} s/frame)")
            args = build_parser().parse_args(["export", "--all-events", "--format", "svg", "--out", out + "/all"])
            t = time.perf_counter()
            cli.run_series(engine, args, "svg")
            n = len(list(Path(out, "all").glob("*.svg")))
            el = time.perf_counter() - t
            print(f"series, all events (svg, double column): {n} frames in {el:.1f} s ({el / max(n, 1):.2f} s/frame)")
    render.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
