"""GET /export: the map of a URL state as a file (svg | pdf | png), rendered on the server.

    GET /export?date=1951-09-08&pov=japan&format=pdf&size=double
    GET /export?mode=event&event=san_francisco_treaty_1951&format=svg&size=single&lang=ja
    GET /export?date=1952-04-28&pov=japan&view=compare&pov2=usa&format=pdf
    GET /export?date=1945-09-05&format=png&size=custom&width_mm=120&height_mm=90&dpi=600&grayscale=1

The page's URL parameters (app/mapstate.py) plus format, size, width_mm, height_mm, dpi, grayscale
(app/export/request.py). Unlike the page (which falls back to defaults), a bad value here is a 400 JSON
naming the parameter: {"error": …, "parameter": …, "allowed": …}. Nothing in the request is used as a path.
The caption's permalink points to ATLAS_PUBLIC_URL when set; a figure served from loopback carries none.

Figures wait their turn in the host's export queue (app/export/queue.py): `ticket=` (8–40 letters, digits, - or
_, chosen by the page) names the request, and GET /export/queue?ticket=… says how many are ahead of it, so the
Download dialog can show its place. A full queue answers 503 with Retry-After.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Response, jsonify, request

from app.export import compose, finish, queue, render, tools
from app.export.request import ExportParamError, request_from_args


def _bad(parameter: str, message: str, allowed: str = "", status: int = 400) -> tuple[Response, int]:
    return jsonify({"error": message, "parameter": parameter, "allowed": allowed}), status


def content_disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode("ascii") or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def register_export_routes(server: Any, engine: Any) -> None:
    """Add GET /export to the Flask server. The browser starts on the first export, per process."""

    @server.route("/export", methods=["GET"])
    def export_file():  # noqa: ANN202
        args = request.args.copy()
        ticket = args.pop("ticket", None)
        absent = tools.missing()
        if absent:
            resp, status = _bad("render", tools.missing_message(absent), "", status=503)
            resp.headers["Retry-After"] = str(tools.RETRY_AFTER_S)
            return resp, status
        try:
            req = request_from_args(args, base_url=request.host_url)
            with queue.turn(ticket):
                result = queue.draw(compose.export_figure, engine, req)
        except ExportParamError as exc:
            return _bad(exc.parameter, exc.message, exc.allowed)
        except queue.QueueBusy as exc:
            resp, status = _bad("render", str(exc), "", status=503)
            resp.headers["Retry-After"] = str(exc.retry_after)
            return resp, status
        except (render.RenderError, finish.ConvertError) as exc:
            return _bad("render", str(exc), "", status=503)
        resp = Response(result.data, mimetype=result.mimetype)
        resp.headers["Content-Disposition"] = content_disposition(result.filename)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Export-Caption"] = quote(result.caption.split("\n")[0][:300])
        return resp

    @server.route("/export/queue", methods=["GET"])
    def export_queue():  # noqa: ANN202
        resp = jsonify(queue.where(request.args.get("ticket", "")))
        resp.headers["Cache-Control"] = "no-store"
        return resp
