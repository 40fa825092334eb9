"""GET /export: the map of a URL state as a file (svg | pdf | png), rendered on the server.

    GET /export?date=1951-09-08&pov=japan&format=pdf&size=double
    GET /export?mode=event&event=san_francisco_treaty_1951&format=svg&size=single&lang=ja
    GET /export?date=1945-09-05&format=png&size=custom&width_mm=120&height_mm=90&dpi=600&grayscale=1

URL-state parameters as in app/url_state.py (date, mode, pov, diff, event, unit, names) plus
format, size (single | double | slide | custom), width_mm, height_mm (custom), dpi (300 | 600, PNG),
lang (en | ja | ru | zh: title, legend, caption), names (both | ja | ru | en: map labels), grayscale.
Unlike the page (which falls back to defaults), a bad value here is a 400 JSON naming the parameter:
{"error": …, "parameter": …, "allowed": …}. Nothing in the request is ever used as a path.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from flask import Response, jsonify, request

from app import url_state as us
from app.export import compose, render
from app.export.sizes import DPIS, FORMATS, SIZES, SizeError, parse_mm

KNOWN = (*us.KNOWN_KEYS, "format", "size", "width_mm", "height_mm", "dpi", "lang", "grayscale")


def _bad(parameter: str, message: str, allowed: str = "", status: int = 400) -> tuple[Response, int]:
    return jsonify({"error": message, "parameter": parameter, "allowed": allowed}), status


def request_from_args(args: Any, base_url: str = compose.DEFAULT_BASE_URL) -> compose.ExportRequest:
    """Query parameters → ExportRequest; raises compose.ExportParamError naming the parameter."""
    for key in args:
        if key not in KNOWN:
            raise compose.ExportParamError(key, f"unknown parameter {key!r}", ", ".join(KNOWN))

    def get(name: str, default: str | None = None) -> str | None:
        value = args.get(name)
        return default if value is None else value.strip()

    raw_date = get("date")
    date = us.DEFAULT_DATE
    if raw_date:
        try:
            date = dt.date.fromisoformat(raw_date)
            if len(raw_date) != 10:
                raise ValueError
        except ValueError:
            raise compose.ExportParamError("date", f"{raw_date!r} is not a date YYYY-MM-DD",
                                           "a date YYYY-MM-DD from 1905-01-01 to 1956-12-31") from None
    fmt = (get("format", "svg") or "svg").lower()
    if fmt not in FORMATS:
        raise compose.ExportParamError("format", f"unknown format {fmt!r}", ", ".join(FORMATS))
    size = get("size", "double") or "double"
    if size not in SIZES:
        raise compose.ExportParamError("size", f"unknown size {size!r}", ", ".join(SIZES))
    try:
        width_mm = parse_mm("width_mm", get("width_mm"))
        height_mm = parse_mm("height_mm", get("height_mm"))
    except SizeError as exc:
        raise compose.ExportParamError(exc.parameter, exc.message, exc.allowed) from None
    dpi_text = get("dpi", "300") or "300"
    if dpi_text not in {str(d) for d in DPIS}:
        raise compose.ExportParamError("dpi", f"dpi must be 300 or 600, not {dpi_text!r}", "300, 600")
    gray = get("grayscale", "0") or "0"
    if gray not in ("0", "1"):
        raise compose.ExportParamError("grayscale", f"grayscale must be 0 or 1, not {gray!r}", "0, 1")
    diff = get("diff", "0") or "0"
    if diff not in ("0", "1"):
        raise compose.ExportParamError("diff", f"diff must be 0 or 1, not {diff!r}", "0, 1")
    return compose.ExportRequest(
        date=date, mode=get("mode", "date") or "date", pov=get("pov", "de_facto") or "de_facto",
        diff=diff == "1", event=get("event") or None, unit=get("unit") or None,
        names=get("names", "both") or "both", lang=get("lang", "en") or "en", fmt=fmt, size=size,
        width_mm=width_mm, height_mm=height_mm, dpi=int(dpi_text), grayscale=gray == "1", base_url=base_url)


def content_disposition(filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode("ascii") or "export"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def register_export_routes(server: Any, engine: Any) -> None:
    """Add GET /export to the Flask server. The browser starts on the first export, per process."""

    @server.route("/export", methods=["GET"])
    def export_file():  # noqa: ANN202
        try:
            req = request_from_args(request.args, base_url=request.host_url)
            result = compose.export_figure(engine, req)
        except compose.ExportParamError as exc:
            return _bad(exc.parameter, exc.message, exc.allowed)
        except render.RenderError as exc:
            return _bad("render", str(exc), "", status=503)
        resp = Response(result.data, mimetype=result.mimetype)
        resp.headers["Content-Disposition"] = content_disposition(result.filename)
        resp.headers["Cache-Control"] = "no-store"
        resp.headers["X-Export-Caption"] = quote(result.caption.split("\n")[0][:300])
        return resp
