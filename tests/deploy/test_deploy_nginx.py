"""The reference deployment on loopback: Debian's nginx (deploy/render.py standalone) in front of two gunicorn app
hosts. A class of students loads the page and uses it; one app host is killed (kill -9 of its whole process
group) in the middle; nobody gets an error, nginx's static files and /api cache keep working.

Bounded: two hosts of one worker each, 30 students for 14 s, the kill at 5 s.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import brotli
import pytest

from app import static_files
from tests.load.run_load import ROOT, free_port, start_gunicorn, stop, wait_healthy

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
STUDENTS, SECONDS, KILL_AT = 30, 14.0, 5.0

pytestmark = pytest.mark.skipif(not Path(NGINX).exists() or not Path(
    "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so").exists(),
    reason="needs Debian's nginx and libnginx-mod-http-brotli-* (make system-deps)")


class Result:
    def __init__(self) -> None:
        self.rows: list[tuple[float, str, int | str]] = []  # (time, what, status or error)
        self.lock = threading.Lock()

    def add(self, what: str, status: int | str) -> None:
        with self.lock:
            self.rows.append((time.monotonic(), what, status))


def fetch(conn_factory, method: str, path: str, body: bytes | None = None,
          headers: dict | None = None) -> tuple[int, dict, bytes]:
    conn = conn_factory()
    try:
        conn.request(method, path, body=body, headers={"Accept-Encoding": "br, gzip", **(headers or {})})
        response = conn.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        body = response.read()
        encoding = headers.get("content-encoding")
        body = brotli.decompress(body) if encoding == "br" else gzip.decompress(body) if encoding == "gzip" else body
        return response.status, headers, body
    finally:
        conn.close()


def callback_bodies(dependencies: list[dict]) -> list[dict]:
    """Bodies for the server callbacks with plain ids, every input None (each callback's fallback path)."""
    bodies = []
    for dep in dependencies:
        if dep.get("clientside_function") or "{" in dep["output"] or dep["output"].startswith(".."):
            continue
        if any("{" in str(i["id"]) for i in dep["inputs"] + dep.get("state", [])):
            continue
        out_id, _, prop = dep["output"].rpartition(".")
        bodies.append({"output": dep["output"], "outputs": {"id": out_id, "property": prop},
                       "inputs": [{**i, "value": None} for i in dep["inputs"]], "changedPropIds": [],
                       "state": [{**s, "value": None} for s in dep.get("state", [])]})
    return bodies


def student(conn_factory, result: Result, stop_at: float, bodies: list[dict], seed: int) -> None:
    rng = random.Random(seed)
    while time.monotonic() < stop_at:
        try:
            status, _, page = fetch(conn_factory, "GET", "/")
            result.add("GET /", status)
            links = re.findall(r'(?:src|href)="(/[^"]+)"', page.decode())
            for path in [*links, "/_dash-layout", "/_dash-dependencies"]:
                status, _, _ = fetch(conn_factory, "GET", path)
                result.add("page file", status)
            for _ in range(rng.randint(2, 5)):
                time.sleep(rng.uniform(0.1, 0.6))
                if rng.random() < 0.5:
                    day = f"{rng.randint(1905, 1956)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    status, _, _ = fetch(conn_factory, "GET", f"/api/state?date={day}")
                    result.add("GET /api/state", status)
                else:
                    body = json.dumps(rng.choice(bodies)).encode()
                    status, _, _ = fetch(conn_factory, "POST", "/_dash-update-component", body,
                                         {"Content-Type": "application/json"})
                    result.add("POST callback", status)
        except Exception as error:  # noqa: BLE001 - a reset connection is what this test counts
            result.add("error", f"{type(error).__name__}: {error}")


def access_log_paths(log: Path) -> list[str]:
    return re.findall(r'"(?:GET|POST|HEAD) (\S+)', log.read_text(errors="replace")) if log.exists() else []


def test_deploy001_nginx_two_hosts_one_dies_under_a_class(tmp_path):
    static_root = static_files.static_root()  # the tree the hosts build at start (already there after a first run)
    hosts, logs = [], []
    env = {"ATLAS_WORKERS": "1", "ATLAS_THREADS": "8", "ATLAS_ACCESS_LOG": "1", "ATLAS_STATIC_ROOT": str(static_root)}
    nginx = None
    try:
        for i in range(2):
            port = free_port()
            logs.append(tmp_path / f"host{i}.log")
            hosts.append((port, start_gunicorn(port, extra_env=env, log=logs[-1])))
        for port, _ in hosts:
            wait_healthy(f"http://127.0.0.1:{port}", timeout=180)
        listen = free_port()
        prefix = tmp_path / "nginx"
        prefix.mkdir()
        conf = prefix / "nginx.conf"
        conf.write_text(subprocess.run(
            [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "deploy" / "render.py"), "standalone",
             "--prefix", str(prefix), "--listen", f"127.0.0.1:{listen}", "--static", str(static_root),
             "--cache", str(prefix / "cache"), *sum((["--app", f"127.0.0.1:{p}"] for p, _ in hosts), [])],
            check=True, capture_output=True, text=True).stdout)
        nginx = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(prefix), "-e", "stderr", "-g", "daemon off;"],
                                 stdout=subprocess.DEVNULL, stderr=open(prefix / "stderr.log", "w"),  # noqa: SIM115
                                 start_new_session=True)
        base = f"http://127.0.0.1:{listen}"
        wait_healthy(base, timeout=20)

        def conn():
            return http.client.HTTPConnection("127.0.0.1", listen, timeout=30)

        # what nginx answers itself: the static tree, Brotli, a year for the fingerprinted
        status, headers, page = fetch(conn, "GET", "/")
        assert status == 200
        plotly_url = re.search(r'href="(/static/plotly-atlas\.[0-9a-f]+\.min\.js)"', page.decode()).group(1)
        status, headers, _ = fetch(conn, "GET", plotly_url)
        assert status == 200 and headers["content-encoding"] == "br"
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert headers["x-content-type-options"] == "nosniff"
        status, headers, _ = fetch(conn, "GET", "/assets/map.css?m=1")
        assert status == 200 and "immutable" in headers["cache-control"]
        # /api answers come from nginx's cache after the first
        fetch(conn, "GET", "/api/perspectives")
        status, headers, _ = fetch(conn, "GET", "/api/perspectives")
        assert status == 200 and headers["x-cache-status"] == "HIT"

        dependencies = json.loads(fetch(conn, "GET", "/_dash-dependencies")[2])
        bodies = callback_bodies(dependencies)
        assert bodies, "no server callback to replay"

        result = Result()
        start = time.monotonic()
        stop_at = start + SECONDS
        threads = [threading.Thread(target=student, args=(conn, result, stop_at, bodies, i)) for i in range(STUDENTS)]
        for thread in threads:
            thread.start()
        time.sleep(KILL_AT)
        victim_port, victim = hosts[0]
        killed_at = time.monotonic()
        os.killpg(victim.pid, signal.SIGKILL)
        victim.wait(10)
        for thread in threads:
            thread.join(60)

        failed = [(t - start, what, s) for t, what, s in result.rows if not (isinstance(s, int) and s < 400)]
        after = [r for r in result.rows if r[0] > killed_at + 1]
        served = [len([p for p in access_log_paths(log) if not p.startswith("/healthz")]) for log in logs]
        statics = [p for log in logs for p in access_log_paths(log)
                   if p.startswith(("/static/", "/assets/", "/_dash-component-suites/"))]
        print(f"\ndeploy: {len(result.rows)} requests by {STUDENTS} students in {SECONDS:.0f} s, host on port "
              f"{victim_port} killed at {killed_at - start:.1f} s; {len(after)} after; failed {len(failed)}; "
              f"app requests per host {served}; static requests that reached a host: {len(statics)}")
        assert not failed, failed[:10]
        assert len(after) > 100, "the class stopped working after the kill"
        assert all(n > 0 for n in served), "both hosts should have served before the kill"
        assert not statics, statics[:5]
        # the survivor answers, the dead host is not tried for every request (passive health check)
        assert fetch(conn, "GET", "/healthz")[0] == 200
    finally:
        if nginx is not None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(nginx.pid, signal.SIGKILL)
        for _, proc in hosts:
            stop(proc)
