"""The Sakhalin–Kurils atlas. This package's face holds only what every floor imports: its paths, version and the
error a broken data file raises. The app itself is built by app/server.py (create_app)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"
GEODATA_DIR = PROJECT_ROOT / "geodata"

__version__ = "0.1.0"


class DataFileError(Exception):
    """A committed data file is broken; the message names the file, the item and the field."""
