"""The page's lessons are made in the background: a job per request, its progress and its file in a folder every
worker can read (gunicorn's workers do not share memory), so the page can poll any worker for the progress bar.

A job's id is a hash of what it makes (its parameters, the app and data versions): asking twice gives the same
file. One job runs at a time per process (the export's one Chromium), others wait in order; files older than a
day are removed when a job starts.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import app
from app.export.caption import data_version

JOB_DIR_ENV = "ATLAS_LESSON_DIR"
KEEP_S = 24 * 3600
STALE_S = 300  # a running job whose progress has not moved for this long is reported failed (its worker died)
_RUN = threading.Lock()


def root() -> Path:
    path = Path(os.environ.get(JOB_DIR_ENV) or Path(tempfile.gettempdir()) / "atlas-lessons")
    path.mkdir(parents=True, exist_ok=True)
    return path


def job_id(params: dict[str, str]) -> str:
    text = json.dumps({**params, "_app": app.__version__, "_data": data_version()}, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def _status_path(jid: str) -> Path:
    return root() / jid / "status.json"


def write_status(jid: str, **status: Any) -> None:
    path = _status_path(jid)
    tmp = path.with_name(f".status.{os.getpid()}.{threading.get_ident()}")
    tmp.write_text(json.dumps({**status, "updated": time.time()}), encoding="utf-8")
    os.replace(tmp, path)


def status(jid: str) -> dict | None:
    if not (len(jid) == 24 and all(c in "0123456789abcdef" for c in jid)):
        return None
    try:
        found = json.loads(_status_path(jid).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if found.get("state") in ("queued", "running") and time.time() - found.get("updated", 0) > STALE_S:
        found = {**found, "state": "failed", "error": "the job stopped (its server process ended); try again"}
    return found


def file_of(jid: str) -> Path | None:
    found = status(jid)
    if not found or found.get("state") != "done":
        return None
    path = root() / jid / found["filename"]
    return path if path.is_file() else None


def _clean() -> None:
    now = time.time()
    for entry in root().iterdir():
        try:
            if entry.is_dir() and now - entry.stat().st_mtime > KEEP_S:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue


def start(params: dict[str, str], make: Callable[[Path, Callable[[int, int, str], None]], str]) -> str:
    """Start (or find) the job for `params`; `make(folder, progress)` writes the file and returns its name."""
    jid = job_id(params)
    found = status(jid)
    if found and found.get("state") in ("queued", "running", "done"):
        return jid
    folder = root() / jid
    folder.mkdir(parents=True, exist_ok=True)
    write_status(jid, state="queued", done=0, total=1, label="")

    def run() -> None:
        with _RUN:
            _clean()
            os.utime(folder)
            last = {"t": 0.0}

            def progress(done: int, total: int, label: str) -> None:
                if time.monotonic() - last["t"] >= 0.25 or done >= total:
                    last["t"] = time.monotonic()
                    write_status(jid, state="running", done=done, total=total, label=label[:80])

            try:
                write_status(jid, state="running", done=0, total=1, label="")
                name = make(folder, progress)
                write_status(jid, state="done", done=1, total=1, label="", filename=name,
                             size=(folder / name).stat().st_size)
            except Exception as exc:  # noqa: BLE001 - any failure becomes the job's message, never a traceback
                message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                write_status(jid, state="failed", done=0, total=1, label="", error=message[:300])

    threading.Thread(target=run, name=f"lesson-{jid[:8]}", daemon=True).start()
    return jid
