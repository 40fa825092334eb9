"""kill -9 a gunicorn worker under load: the master replaces it; only in-flight requests may fail.

Loopback only, bounded: 6 client threads for ~14 s against 2 workers × 4 threads. Each request is a
new connection (so only a request the dead worker was actually serving can fail). Goal: < 0.5 %
failed, a new worker within 10 s, every request after the replacement answers.
"""

from __future__ import annotations

import os
import random
import signal
import threading
import time

from tests.faults.procs import alive, get, wait_until
from tests.load.run_load import children

PATHS = ["/healthz", "/api/perspectives", "/_dash-dependencies"]


def _client(base: str, stop_at: float, results: list, lock: threading.Lock) -> None:
    rng = random.Random()
    while time.monotonic() < stop_at:
        if rng.random() < 0.5:
            day = f"{rng.randint(1905, 1956)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
            path = f"/api/state?date={day}"
        else:
            path = rng.choice(PATHS)
        t = time.monotonic()
        try:
            status, _, _ = get(base + path, timeout=20)
            ok = status == 200
        except Exception:  # noqa: BLE001 - a reset connection is what we count
            ok = False
        with lock:
            results.append((t, ok))


def test_fault_worker_kill_9_under_load(gunicorn_server):
    base, master = gunicorn_server(env={"ATLAS_WORKERS": "2", "ATLAS_THREADS": "4"})
    # the first worker answers /healthz before the master has necessarily forked the second
    assert wait_until(lambda: len(children(master.pid, "gunicorn")) == 2, timeout=10), children(master.pid, "gunicorn")
    workers = children(master.pid, "gunicorn")
    results: list = []
    lock = threading.Lock()
    stop_at = time.monotonic() + 14
    threads = [threading.Thread(target=_client, args=(base, stop_at, results, lock))
               for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    victim = workers[0]
    killed_at = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    replaced = wait_until(lambda: not alive(victim) and len(
        [p for p in children(master.pid, "gunicorn") if p != victim and alive(p)]) == 2, timeout=10)
    replaced_after = time.monotonic() - killed_at
    for thread in threads:
        thread.join()

    total = len(results)
    failed = sum(1 for _, ok in results if not ok)
    after = [ok for t, ok in results if t > killed_at + replaced_after + 0.5]
    print(f"\nfault: kill -9 worker {victim}: {total} requests, {failed} failed "
          f"({failed / max(total, 1) * 100:.2f} %), replaced in {replaced_after:.1f} s, "
          f"{len(after)} requests after the replacement, all ok: {all(after)}")
    assert replaced, f"no replacement worker within 10 s (workers now {children(master.pid, 'gunicorn')})"
    assert total > 200
    assert failed / total < 0.005
    assert after and all(after)
    assert master.poll() is None
