"""Lessons: the key-events tour as a 1080p MP4, as an A4 handout and as a one-file lesson — time, peak memory and
file size of each, with the machine's load average (the CLI in a fresh process each, as a teacher runs it).

    .venv/bin/python scripts/bench_lessons.py [--tour key]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# a fresh wrapper per case, so the peak is that case's own: the largest of the processes it waited for
WRAP = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stderr=subprocess.DEVNULL).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def run(argv: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB of the largest process it ran — Python, Chromium or ffmpeg —, exit code)."""
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", WRAP, sys.executable, "-m", "app", "export", *argv], cwd=ROOT,
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    lines = done.stdout.strip().splitlines()
    peak = float(lines[-1]) / 1024 if lines and lines[-1].isdigit() else float("nan")
    return elapsed, peak, done.returncode


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tour", default="key")
    a = ap.parse_args()
    print(f"lessons, tour {a.tour!r}; load average at start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("1080p MP4", ["--animate", "--resolution", "1080p", "--out", f"{tmp}/tour.mp4"], "tour.mp4"),
                 ("handout PDF, A4", ["--handout", "--paper", "a4", "--out", f"{tmp}/tour.pdf"], "tour.pdf"),
                 ("short handout PDF, A4", ["--handout", "--short", "--paper", "a4", "--out", f"{tmp}/short.pdf"],
                  "short.pdf"),
                 ("one-file lesson", ["--lesson", "--out", f"{tmp}/tour.html"], "tour.html")]
        for name, argv, out in cases:
            seconds, peak, code = run(["--tour", a.tour, *argv])
            size = Path(tmp, out).stat().st_size / 1e6 if code == 0 else float("nan")
            print(f"{name}: {seconds:.1f} s, peak RSS {peak:.0f} MB (largest process), {size:.2f} MB"
                  f"{'' if code == 0 else f'  FAILED ({code})'}; load {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
