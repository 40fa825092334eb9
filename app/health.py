"""`GET /healthz`: 200 JSON with the version and the data counts, computed once at start (cheap).

For load balancers and `make serve` checks: it touches no engine query, no figure and no browser.
`worker` is the answering process id (useful to see several gunicorn workers answer).
"""

from __future__ import annotations

import json
import os
from typing import Any

from flask import Flask, Response


def data_counts(engine: Any) -> dict[str, int]:
    timeline = engine.timeline
    counts = {
        "actors": len(timeline.actors),
        "events": len(timeline.events),
        "statuses": len(timeline.statuses),
        "sources": len(timeline.sources),
        "territory_units": len(engine.units),
        "features": len(engine.feature_ids),
        "straits": len(engine.straits),
        "zones": len(engine.zones),
        "lines": len(engine.lines),
        "perspectives": len(engine.perspectives),
    }
    try:
        from app.layers import load_layers  # cached per process; already loaded by the layout

        layers = load_layers("interactive")
        counts["layer_features"] = len(layers.collection.get("features", []))
    except Exception:  # noqa: BLE001 - health must answer even if the layer file is missing
        counts["layer_features"] = 0
    return counts


def register_health(server: Flask, engine: Any, version: str) -> None:
    """Add /healthz to the Flask server (the body is built once; only `worker` changes)."""
    base = {"status": "ok", "version": version, "data": data_counts(engine)}

    def healthz() -> Response:
        body = json.dumps({**base, "worker": os.getpid()}, separators=(",", ":"))
        return Response(body, status=200, mimetype="application/json")

    server.add_url_rule("/healthz", "healthz", healthz, methods=["GET", "HEAD"])
