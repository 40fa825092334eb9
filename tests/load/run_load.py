"""`make load`: one bounded load run on loopback, with its figures.

    .venv/bin/python tests/load/run_load.py                        # a school: 200 users, 90 s
    .venv/bin/python tests/load/run_load.py --users 30 --spawn-rate 10 --duration 45s   # a class
    .venv/bin/python tests/load/run_load.py --soak                 # 200 users for 10 minutes
    .venv/bin/python tests/load/run_load.py --arrival --users 200  # a class arriving: 200 page loads in 10 s

Steps: create `.venv-load` with locust 2.47.0 if it is missing (locust must not share the app's
venv: urllib3 conflicts), start gunicorn (gunicorn.conf.py) on a free 127.0.0.1 port, record the
page's callbacks with Playwright (tests/load/capture.py), run locust headless with -u/-r/-t bounded,
sample the workers' resident memory every 2 s, print p50/p95/p99, errors and memory growth, stop
everything. Exit status 1 when a goal is missed: clicks (the callbacks and queue polls a click sends; page loads are
reported beside them) p95 ≤ 150 ms and p99 ≤ 1 s, exports p95 ≤ 15 s, 0 errors (issue 21); --arrival: every
request p95 ≤ 100 ms, 0 errors; --soak also
RSS growth < 10 % over the run after warm-up. Files: build/load/ (recording, locust CSV, request times, RSS).
Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LOAD_VENV = ROOT / ".venv-load"
LOCUST_PIN = "locust==2.47.0"
OUT = ROOT / "build" / "load"


def ensure_load_venv() -> Path:
    locust = LOAD_VENV / "bin" / "locust"
    if not locust.exists():
        print(f"load: creating {LOAD_VENV.name} with {LOCUST_PIN} (own venv: urllib3 conflicts)")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(LOAD_VENV)], check=True)
        subprocess.run([str(LOAD_VENV / "bin" / "pip"), "install", "--quiet", LOCUST_PIN],
                       check=True)
    return locust


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(base: str, timeout: float = 90) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as response:
                return json.loads(response.read())
        except Exception:  # noqa: BLE001 - not up yet
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {base}/healthz within {timeout:.0f} s")


def start_gunicorn(port: int, extra_env: dict | None = None, log: Path | None = None,
                   args: list[str] | None = None) -> subprocess.Popen:
    env = {**os.environ, **(extra_env or {})}
    cmd = [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"),
           "-b", f"127.0.0.1:{port}", *(args or []), "app.wsgi:server"]
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)


def stop(proc: subprocess.Popen, timeout: float = 20) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def children(pid: int, name: str | None = None) -> list[int]:
    """`pid`'s child processes (only those whose command line holds `name`, when given: the gunicorn workers, not
    the static tree's compressor the master may have started)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and (name is None or name in _cmdline(int(entry))):
            out.append(int(entry))
    return sorted(out)


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssSampler(threading.Thread):
    """Every `every` s: the gunicorn workers' pids and resident memory (kB)."""

    def __init__(self, master: int, every: float = 2.0) -> None:
        super().__init__(daemon=True)
        self.master, self.every = master, every
        self.samples: list[dict] = []
        self._halt = threading.Event()

    def run(self) -> None:
        start = time.monotonic()
        while not self._halt.is_set():
            workers = children(self.master, "gunicorn")
            rss = {pid: rss_kb(pid) for pid in workers}
            self.samples.append({"t": round(time.monotonic() - start, 1), "rss_kb": rss,
                                 "total_kb": sum(rss.values()), "master_kb": rss_kb(self.master)})
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def read_stats(prefix: Path) -> tuple[dict, list[dict]]:
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return total, [r for r in rows if r["Name"] != "Aggregated"]


def memory_growth(samples: list[dict], warmup_fraction: float = 0.2) -> tuple[int, int, float]:
    """Workers' total RSS after warm-up vs at the end (growth in %)."""
    usable = [s for s in samples if s["total_kb"]]
    if len(usable) < 2:
        return 0, 0, 0.0
    first = usable[min(len(usable) - 1, int(len(usable) * warmup_fraction))]["total_kb"]
    last = usable[-1]["total_kb"]
    return first, last, (last - first) / first * 100 if first else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--duration", default="90s", help="locust -t (e.g. 45s, 10m)")
    parser.add_argument("--soak", action="store_true", help="200 users for 10 minutes")
    parser.add_argument("--arrival", action="store_true",
                        help="every user opens the page (cold cache: HTML, layout, every asset, the first "
                             "callbacks) once, all arriving within 10 s, and does nothing else; goal p95 ≤ 100 ms")
    parser.add_argument("--p95-ms", type=float, default=None,
                        help="clicks' p95 goal (default 150 ms, --arrival 100 ms)")
    parser.add_argument("--p99-ms", type=float, default=1000, help="clicks' p99 goal")
    parser.add_argument("--export-p95-ms", type=float, default=15000, help="exports' p95 goal")
    parser.add_argument("--max-growth", type=float, default=10.0, help="% RSS growth allowed")
    args = parser.parse_args(argv)
    if args.soak:
        args.users, args.duration = 200, "10m"
    extra_env = {}
    if args.arrival:  # everyone spawned within 10 s opens the page (locustfile.ArrivingStudent), then only reads
        args.spawn_rate, args.duration = args.users / 10, "14s"
        extra_env = {"ATLAS_LOAD_EXPORT": "0"}
    if args.p95_ms is None:
        args.p95_ms = 100 if args.arrival else 150

    OUT.mkdir(parents=True, exist_ok=True)
    locust = ensure_load_venv()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    gunicorn = start_gunicorn(port, log=OUT / "gunicorn.log")
    sampler = None
    try:
        health = wait_healthy(base)
        print(f"load: gunicorn up at {base} (version {health['version']}, "
              f"workers×threads from gunicorn.conf.py, {os.cpu_count()} cores)")
        record = OUT / "recorded.json"
        subprocess.run([str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "tests/load/capture.py"),
                        base, str(record), *(["--open-only"] if args.arrival else [])], cwd=ROOT, check=True,
                       timeout=180)
        sampler = RssSampler(gunicorn.pid)
        sampler.start()
        prefix = OUT / "run"
        (OUT / "times.json").unlink(missing_ok=True)
        load_start = Path("/proc/loadavg").read_text().split()[:3]
        cmd = [str(locust), "-f", str(ROOT / "tests/load/locustfile.py"), "--headless",
               "-u", str(args.users), "-r", str(args.spawn_rate), "-t", args.duration,
               "--host", base, "--csv", str(prefix), "--only-summary", "--stop-timeout", "10",
               "ArrivingStudent" if args.arrival else "Student"]
        print("load: " + " ".join(cmd[1:]))
        env = {**os.environ, "ATLAS_LOAD_RECORD": str(record), "ATLAS_LOAD_TIMES": str(OUT / "times.json"),
               **extra_env}
        locust_run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        sampler.stop()
        for line in (locust_run.stdout + locust_run.stderr).splitlines():
            if line.startswith("load:") or "Error" in line or "Traceback" in line:
                print(line)
    finally:
        if sampler is not None and sampler.is_alive():
            sampler.stop()
        stop(gunicorn)

    total, rows = read_stats(OUT / "run")
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    callbacks = [r for r in rows if r["Name"].startswith("POST callback")]
    cb_count = sum(int(r["Request Count"]) for r in callbacks)
    first, last, growth = memory_growth(sampler.samples)
    pids = {pid for s in sampler.samples for pid in s["rss_kb"]}
    (OUT / "rss.json").write_text(json.dumps(sampler.samples))
    times = json.loads((OUT / "times.json").read_text()) if (OUT / "times.json").exists() else []
    clicks = sorted(ms for name, ms, _ok in times if is_click(name) or args.arrival)
    pages = sorted(ms for name, ms, _ok in times if not is_click(name) and not is_export(name))
    exports = sorted(ms for name, ms, _ok in times if is_export(name))

    print("\nload: slowest request kinds (p95 ms):")
    for r in sorted(rows, key=lambda r: -float(r["95%"]))[:8]:
        print(f"  {r['Name']:<60} n={r['Request Count']:>6}  p50={r['50%']:>5}  p95={r['95%']:>5}"
              f"  fails={r['Failure Count']}")
    print(f"\nload: load average at the start {' '.join(load_start)}, at the end "
          f"{' '.join(Path('/proc/loadavg').read_text().split()[:3])} ({os.cpu_count()} cores)")
    print(f"load: {args.users} users, -r {args.spawn_rate}, {args.duration}: {requests} requests "
          f"({cb_count} callback POSTs, {len(exports)} exports), {float(total['Requests/s']):.1f} req/s")
    checks = [("clicks p95", percentile(clicks, 95), args.p95_ms, "ms"),
              ("errors", failures, 0, "")]
    if not args.arrival:
        checks.insert(1, ("clicks p99", percentile(clicks, 99), args.p99_ms, "ms"))
        if exports:
            checks.insert(2, ("exports p95", percentile(exports, 95), args.export_p95_ms, "ms"))
    what = "every request of the page loads" if args.arrival else "the callbacks and queue polls a click sends"
    print(f"load: clicks ({what}) n={len(clicks)}: p50 {percentile(clicks, 50):.0f} ms, "
          f"p95 {percentile(clicks, 95):.0f} ms, p99 {percentile(clicks, 99):.0f} ms, max {max(clicks or [0]):.0f} ms")
    if pages and not args.arrival:
        print(f"load: page files (loads and reloads: index, layout, scripts) n={len(pages)}: p50 "
              f"{percentile(pages, 50):.0f} ms, p95 {percentile(pages, 95):.0f} ms, p99 {percentile(pages, 99):.0f} ms")
    if exports:
        print(f"load: exports n={len(exports)}: p50 {percentile(exports, 50):.0f} ms, p95 "
              f"{percentile(exports, 95):.0f} ms, max {max(exports):.0f} ms")
    print(f"load: workers' RSS after warm-up {first / 1024:.0f} MB → end {last / 1024:.0f} MB "
          f"({growth:+.1f} %), {len(pids)} worker pids seen")
    if args.soak:
        checks.append(("RSS growth %", round(growth, 1), args.max_growth, ""))
    ok = requests > 0
    for name, got, goal, unit in checks:
        met = got <= goal if name != "RSS growth %" else got < goal
        ok = ok and met
        print(f"load:   {name:<14} {got:>9.0f}{unit:<3} goal ≤ {goal:.0f}{unit}  {'PASS' if met else 'MISS'}")
    print(f"load: {'PASS' if ok else 'FAIL'}" + ("" if args.soak else " (RSS growth: see the soak)"))
    return 0 if ok else 1


def is_click(name: str) -> bool:
    """What a click or key sends the server: a callback, or the Download dialog asking its place in line."""
    return name.startswith("POST callback") or name == "GET /export/queue"


def is_export(name: str) -> bool:
    """The export files themselves (GET /export (svg) …), not the queue's place (GET /export/queue)."""
    return name.startswith("GET /export (")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile of sorted `values` (nearest rank), 0 when empty."""
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, int(round(q / 100 * len(values) + 0.5)) - 1))]

if __name__ == "__main__":
    sys.exit(main())
