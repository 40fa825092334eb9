"""The Share dialog's QR code: the link the browser holds (assets/mapstate.js), drawn on the server by segno (no
network) at GET /share/qr.svg?link=… — only for links to this site."""

from __future__ import annotations

import functools
import io
from typing import Any

import segno
from flask import Response, jsonify, request

QR_PATH = "/share/qr.svg"
MAX_LINK = 2000


@functools.lru_cache(maxsize=256)
def qr_svg(link: str) -> bytes:
    """A QR code a phone at the back of the room can read off a projector (error correction M, dark on white)."""
    out = io.BytesIO()
    segno.make(link, error="m").save(out, kind="svg", scale=6, border=2, dark="#000000", light="#ffffff")
    return out.getvalue()


def register_qr_route(server: Any) -> None:
    @server.route(QR_PATH, methods=["GET"])
    def share_qr():  # noqa: ANN202
        link = request.args.get("link", "")
        if not link.startswith(request.host_url) or len(link) > MAX_LINK:
            return jsonify({"error": "a link to this site", "parameter": "link",
                            "allowed": f"{request.host_url}…, at most {MAX_LINK} characters"}), 400
        return Response(qr_svg(link), mimetype="image/svg+xml")
