"""gunicorn settings for `make serve` (`gunicorn -c gunicorn.conf.py app.wsgi:server`).

Sized from the machine: the work per request is short CPU-bound Python (Dash callbacks, JSON,
gzip) plus waiting on the network, so one process per core (2 at least) with 12 threads each.
More processes than cores only add memory (each process is ~150 MB after fork, more with an export
browser). Threads cover slow clients and exports: an export holds its thread while it waits for the
process's one export browser, which runs at a lower priority (app/export/render.py); with 4 threads a
class's exports held most of them and clicks queued behind (200 users: p95 980 ms vs 260 ms with 12).
Every value can be overridden by an environment variable (docs/deploy.md), e.g. ATLAS_WORKERS=4
ATLAS_THREADS=16.

* preload_app: the data (timeline, layers, paint table, layout) is loaded ONCE in the master and
  shared copy-on-write by the forked workers; a broken data file stops the master before any fork.
  Nothing at import starts kaleido/Chromium: the export module starts its browser lazily inside the
  worker that first needs it (a browser started in the master would not survive the fork).
* max_requests + jitter: each worker is replaced after 20000-22000 requests (staggered): caps slow
  memory growth; only idle workers are recycled, in-flight requests finish.
* timeout: a worker silent for 60 s is killed and replaced (an export takes < 5 s, the first one in
  a worker ~4 s for the browser to start).
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


_cores = os.cpu_count() or 1

bind = os.environ.get("ATLAS_BIND", f"127.0.0.1:{os.environ.get('PORT', '8050')}")
workers = _int("ATLAS_WORKERS", max(2, _cores))
worker_class = "gthread"
threads = _int("ATLAS_THREADS", 12)
preload_app = True
timeout = _int("ATLAS_TIMEOUT", 60)
graceful_timeout = 20
# Idle keep-alive connections are cheap with gthread; longer than a student's pause between clicks
# so a reused connection is not closed under a request in flight (seen as resets at 5 s).
keepalive = _int("ATLAS_KEEPALIVE", 75)
max_requests = _int("ATLAS_MAX_REQUESTS", 20000)
max_requests_jitter = _int("ATLAS_MAX_REQUESTS_JITTER", 2000)
backlog = 512
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Request limits (gunicorn defaults, stated): a hostile request line/header cannot be huge.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# Logs to stderr; the access log only when asked (ATLAS_ACCESS_LOG=1): under load it costs CPU.
errorlog = "-"
loglevel = os.environ.get("ATLAS_LOG_LEVEL", "info")
accesslog = "-" if os.environ.get("ATLAS_ACCESS_LOG") == "1" else None
proc_name = "atlas"
# Behind a reverse proxy on the same host, trust its X-Forwarded-* headers (see docs/deploy.md).
forwarded_allow_ips = os.environ.get("ATLAS_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def post_fork(server, worker):  # noqa: ARG001 - gunicorn hook signature
    """In each worker, right after the fork: fresh random state; nothing else is shared."""
    import random

    random.seed()


def when_ready(server):  # noqa: ARG001 - gunicorn hook signature
    """In the master, once the app is loaded and before any fork: move the loaded data (~185,000 objects) out of
    the collector's reach, so a full collection in a worker scans only what the worker made (~100 ms → a few ms)
    and does not touch, and so copy, the pages the workers share with the master."""
    import gc

    gc.collect()
    gc.freeze()
