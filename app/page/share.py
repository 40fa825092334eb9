"""The Share dialog's QR code: the permalink as an SVG data URI, made on the server (segno, no network)."""

from __future__ import annotations

import functools

import segno


@functools.lru_cache(maxsize=256)
def qr_data_uri(link: str) -> str:
    """A QR code a phone at the back of the room can read off a projector (error correction M, dark on white)."""
    return segno.make(link, error="m").svg_data_uri(scale=6, border=2, dark="#000000", light="#ffffff")
