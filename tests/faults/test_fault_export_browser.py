"""The export browser dies (kill -9 of kaleido's Chromium): the next export restarts it.

Against gunicorn's `/export` (one worker, so the same process holds the browser), and against
app.export.render in a child Python process (what the CLI and the lesson jobs use).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from tests.faults.procs import alive, cmdline, descendants, get
from tests.load.run_load import ROOT, children

EXPORT = "/export?date=1945-09-05&pov=de_facto&format=png&size=single&dpi=300"  # dpi: 300 | 600


def _browsers(pid: int) -> list[int]:
    return [p for p in descendants(pid) if "chrom" in cmdline(p).lower() and alive(p)]


def _kill_all(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def test_fault_export_browser_dies_then_next_export_works(gunicorn_server):
    base, master = gunicorn_server(env={"ATLAS_WORKERS": "1", "ATLAS_THREADS": "2"})
    status, kind, body = get(base + EXPORT, timeout=50)
    assert status == 200 and kind.startswith("image/") and len(body) > 1000, (status, body[:300])
    worker = children(master.pid, "gunicorn")[0]
    browsers = _browsers(worker)
    assert browsers, "the export browser is not a child of the worker"
    _kill_all(browsers)
    time.sleep(0.5)
    started = time.monotonic()
    status, kind, body = get(base + EXPORT, timeout=50)
    print(f"\nfault: killed {len(browsers)} Chromium processes; next export HTTP {status} "
          f"{kind} in {time.monotonic() - started:.1f} s")
    assert status == 200 and kind.startswith("image/") and len(body) > 1000
    assert children(master.pid, "gunicorn") == [worker], "the worker itself should have survived"
    assert _browsers(worker), "a new browser should be running"
    # and the one after that too (it used to hang > 45 s holding the lock)
    status, kind, body = get(base + EXPORT, timeout=50)
    assert status == 200 and kind.startswith("image/") and len(body) > 1000


CHILD = textwrap.dedent("""
    import json, os, signal, sys, time
    from app.export import render

    def browsers():
        sys.path.insert(0, %(root)r)
        from tests.faults.procs import alive, cmdline, descendants
        return [p for p in descendants(os.getpid()) if "chrom" in cmdline(p).lower() and alive(p)]

    fig = {"data": [{"type": "bar", "x": [1, 2], "y": [3, 1]}], "layout": {}}
    first = render.render(fig, "png", 300, 200)
    killed = browsers()
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    time.sleep(0.5)
    t = time.monotonic()
    try:
        second = render.render(fig, "png", 300, 200)
        result = {"ok": second[:4] == b"\\x89PNG", "error": None}
    except Exception as exc:
        result = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
    result.update(first=len(first), killed=len(killed), seconds=round(time.monotonic() - t, 1))
    print("RESULT " + json.dumps(result), flush=True)
    render.stop()
""")


def test_fault_export_browser_dies_under_the_render_module_then_next_render_works():
    _export_in_process()


def _export_in_process() -> None:
    proc = subprocess.run([sys.executable, "-c", CHILD % {"root": str(ROOT)}], cwd=ROOT,
                          capture_output=True, text=True, timeout=55)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line, f"render child failed:\n{proc.stderr[-2000:]}"
    import json

    result = json.loads(line[7:])
    print(f"\nfault (render module): {result}")
    assert result["killed"] > 0, "no Chromium child found after the first render"
    assert result["ok"], f"the export after the browser died failed: {result['error']}"
