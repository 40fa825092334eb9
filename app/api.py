"""The read API: a Flask blueprint on the Dash server (JSON; see docs/api.md).

Bad parameters answer 400 `{"error", "parameter", "allowed"}`, never 500.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, Response, request

from app import mapstate
from app.table import BOM
from app.timeline import serialize
from app.timeline.engine import Engine, QueryError

JSON = "application/json; charset=utf-8"


def _json(payload: Any, status: int = 200, filename: str | None = None) -> Response:
    response = Response(serialize.dumps(payload), status=status, mimetype="application/json")
    response.headers["Content-Type"] = JSON
    if filename:
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _load_layers_collection(resolution: str = "interactive") -> dict[str, Any]:
    from app.layers import load_layers  # written by the map engineer; imported lazily

    layers = load_layers(resolution=resolution)
    collection = getattr(layers, "collection", layers)
    if not isinstance(collection, dict):
        raise TypeError("app.layers.load_layers() gave no GeoJSON collection")
    return collection


STATE_KEYS = ("date", "perspective")
OWN_CHECKS = ("date", "pov")  # the payload checks the date; `pov` names any perspective of the engine, as here


def _perspective(args: Any) -> str | None:
    """`perspective`, or the page's name for it (`pov`); unknown parameters are refused, the page's other
    parameters (lang, names, view, …) are checked by the page's one strict parser (app/mapstate.py) and have no
    effect on the state."""
    known = (*STATE_KEYS, *mapstate.KNOWN_KEYS)
    for key in args:
        if key not in known:
            raise QueryError(key, f"unknown parameter {key!r}", ", ".join(dict.fromkeys(known)))
    try:
        mapstate.parse({k: v for k, v in args.items() if k in mapstate.KNOWN_KEYS and k not in OWN_CHECKS},
                       strict=True)
    except mapstate.ParamError as exc:
        raise QueryError(exc.parameter, exc.message, exc.allowed) from None
    values = {v for v in (args.get("perspective"), args.get("pov")) if v}
    if len(values) > 1:
        raise QueryError("pov", "perspective and pov name different points of view", "one of them")
    return values.pop() if values else None


def build_blueprint(engine: Engine,
                    layers_loader: Callable[[], dict[str, Any]] | None = None) -> Blueprint:
    """The /api blueprint over `engine` (a new blueprint per call: one per app in tests)."""
    bp = Blueprint("timeline_api", __name__, url_prefix="/api")
    load_layers = layers_loader or _load_layers_collection
    load_full_layers = layers_loader or (lambda: _load_layers_collection("full"))

    @bp.errorhandler(QueryError)
    def _bad_parameter(error: QueryError) -> Response:
        return _json(error.to_dict(), status=400)

    @bp.get("/state")
    def state() -> Response:
        args = request.args
        return _json(serialize.state_payload(engine, args.get("date"), _perspective(args)))

    @bp.get("/perspectives")
    def perspectives() -> Response:
        return _json({"perspectives": list(engine.perspectives)})

    @bp.get("/events")
    def events() -> Response:
        return _json(serialize.events_payload(engine))

    @bp.get("/events/<event_id>")
    def event(event_id: str) -> Response:
        return _json(serialize.event_payload(engine, event_id))

    @bp.get("/territories/<target>/history")
    def history(target: str) -> Response:
        return _json(serialize.history_payload(engine, target))

    @bp.get("/diff")
    def diff() -> Response:
        args = request.args
        return _json(serialize.diff_payload(engine, args.get("from"), args.get("to"),
                                            args.get("perspective")))

    @bp.get("/paint")
    def paint() -> Response:
        return _json(serialize.paint_payload(engine, request.args.get("perspective")))

    @bp.get("/download/dataset.json")
    def dataset() -> Response:
        return _json(serialize.dataset_payload(engine), filename="dataset.json")

    @bp.get("/download/statuses.csv")
    def statuses_csv() -> Response:
        # a byte-order mark like the table's CSV, so a spreadsheet opened by double-click reads UTF-8
        response = Response(BOM + serialize.statuses_csv(engine), mimetype="text/csv")
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = 'attachment; filename="statuses.csv"'
        return response

    def layers_file(load: Callable[[], dict[str, Any]], filename: str) -> Response:
        try:
            collection = load()
        except Exception as error:  # noqa: BLE001 - missing/broken layer file: say so, no 500
            return _json({"error": f"the map layers are not available: {error}",
                          "parameter": None, "allowed": None}, status=503)
        payload = serialize.layers_payload(engine, collection)
        response = Response(serialize.dumps(payload), mimetype="application/geo+json")
        response.headers["Content-Type"] = "application/geo+json; charset=utf-8"
        response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @bp.get("/download/layers.geojson")
    def layers_geojson() -> Response:
        return layers_file(load_layers, "layers.geojson")

    @bp.get("/download/layers_full.geojson")
    def layers_full_geojson() -> Response:
        """The full-resolution layers the figures are drawn from, beside the simplified ones of the page."""
        return layers_file(load_full_layers, "layers_full.geojson")

    return bp


def register_api(server: Flask, engine: Engine,
                 layers_loader: Callable[[], dict[str, Any]] | None = None) -> None:
    """Register the /api blueprint on the Dash app's Flask server."""
    server.register_blueprint(build_blueprint(engine, layers_loader))
