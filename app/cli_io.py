"""What the command line's file-writing sub-commands share (app/export/cli.py, app/lessons/cli.py): a file written
whole or not at all, and the progress bar on stderr."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from app.mapstate import ParamError


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary name beside `path`, then rename: an interrupted run never leaves half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except FileNotFoundError:
        raise ParamError("out", f"the folder {path.parent} does not exist", "an existing folder") from None
    except PermissionError:
        raise ParamError("out", f"cannot write into {path.parent} (permission denied)",
                         "a folder you can write to") from None


def progress_bar(done: int, total: int, started: float, label: str) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    elapsed = time.monotonic() - started
    eta = elapsed / done * (total - done) if done else 0
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{elapsed:5.0f}s eta {eta:4.0f}s {label[:40]:<40}")
    sys.stderr.flush()
