"""Fault tests start their own gunicorn (gunicorn.conf.py) on a free 127.0.0.1 port."""

from __future__ import annotations

import pytest

from tests.load.run_load import free_port, start_gunicorn, stop, wait_healthy


@pytest.fixture
def gunicorn_server(tmp_path):
    """Start gunicorn; yields (base_url, master Popen). Pass env via `request.param` if needed."""
    started = []

    def start(env: dict | None = None, args: list[str] | None = None):
        port = free_port()
        proc = start_gunicorn(port, extra_env=env, log=tmp_path / "gunicorn.log", args=args)
        started.append(proc)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, timeout=90)
        except RuntimeError:
            stop(proc)
            raise RuntimeError((tmp_path / "gunicorn.log").read_text()[-3000:]) from None
        return base, proc

    yield start
    for proc in started:
        stop(proc)
