"""The page's lessons over HTTP: start a job, poll its progress, fetch its file.

    GET /lesson/start?output=video&format=mp4&tour=key&pov=japan&lang=ja&resolution=720p&step_seconds=3
    GET /lesson/start?output=handout&paper=letter&from=1945-08-01&to=1946-03-01&by=month   (&form=short: 2–4 pages)
    GET /lesson/start?output=html&tour=key&lang=ru                       ("Save this lesson")
      → 202 {"id", "status", "file"}    (a bad value: 400 {"error", "parameter", "allowed"})
    GET /lesson/status/<id> → {"state": queued|running|done|failed, "done", "total", "label", "error"}
    GET /lesson/file/<id>   → the file (attachment), 404 until it is done

The permalink printed on the end card and the handout is the public address (ATLAS_PUBLIC_URL), never loopback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

from flask import jsonify, request, send_file

from app import mapstate
from app.export import tools
from app.export.request import ExportParamError, public_base_url
from app.export.routes import content_disposition
from app.lessons import (
    glossary,  # noqa: F401 - loaded at start: a broken content/glossary.yaml stops the app
    jobs,
    plan,
)
from app.lessons.naming import lesson_filename
from app.narration import tour_lengths

OUTPUTS = {"video": ("mp4", "webm", "gif"), "handout": ("pdf",), "html": ("html",)}
STATE_KEYS = ("tour", "pov", "lang", "names")  # the map state's parameters a lesson takes (app/mapstate.py)
LESSON_KEYS = ("output", "format", "events", "from", "to", "by", "resolution", "step_seconds", "paper", "form")
MIME = {"mp4": "video/mp4", "webm": "video/webm", "gif": "image/gif", "pdf": "application/pdf",
        "html": "text/html; charset=utf-8"}


def _choice(name: str, value: str | None, allowed: tuple, default: str) -> str:
    value = (value or default).strip()
    if value not in allowed:
        raise ExportParamError(name, f"unknown {name} {value!r}", ", ".join(allowed))
    return value


def _day(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ExportParamError(name, f"{value!r} is not a date YYYY-MM-DD", "a date YYYY-MM-DD") from None


def parse(args: Any) -> tuple[dict[str, str], plan.LessonSpec]:
    """The request's parameters, checked and normalised (what the job id is made of), and the lesson's spec. The
    map state's parameters (point of view, language, names, tour) go through the one strict parser."""
    for key in args:
        if key not in (*STATE_KEYS, *LESSON_KEYS):
            raise ExportParamError(key, f"unknown parameter {key!r}", ", ".join((*STATE_KEYS, *LESSON_KEYS)))
    state = mapstate.parse({k: v for k, v in args.items() if k in STATE_KEYS}, strict=True, tours=tour_lengths())
    output = _choice("output", args.get("output"), tuple(OUTPUTS), "video")
    fmt = _choice("format", args.get("format"), OUTPUTS[output], OUTPUTS[output][0])
    params = {"output": output, "format": fmt, "pov": state.pov, "lang": state.lang, "names": state.names}
    if output == "video":
        params["resolution"] = _choice("resolution", args.get("resolution"), ("720p", "1080p"), "1080p")
        try:
            seconds = args.get("step_seconds") or ""
            params["step_seconds"] = f"{float(seconds):g}" if seconds not in ("", "reading") else "reading"
        except ValueError:
            raise ExportParamError("step_seconds", "not a number", "0.5 … 30") from None
    if output == "handout":
        params["paper"] = _choice("paper", args.get("paper"), ("a4", "letter"), "a4")
        params["form"] = _choice("form", args.get("form"), ("full", "short"), "full")
    if args.get("from") or args.get("to"):
        params.update({"from": args.get("from") or "", "to": args.get("to") or "",
                       "by": _choice("by", args.get("by"), plan.BY, "year")})
        spec = plan.LessonSpec(start=_day("from", args.get("from")), end=_day("to", args.get("to")), by=params["by"])
    elif args.get("events"):
        params["events"] = args["events"]
        spec = plan.LessonSpec(events=args["events"])
    else:
        params["tour"] = state.tour or "key"
        spec = plan.LessonSpec(tour=params["tour"])
    spec = replace(spec, pov=state.pov, lang=state.lang, names=state.names, base_url=public_base_url(None))
    return params, spec


def make(engine: Any, params: dict[str, str], spec: plan.LessonSpec):  # noqa: ANN201 - a job's maker
    """What the job runs: build the plan, write the file into the job's folder, return its name."""

    def run(folder: Path, progress) -> str:  # noqa: ANN001 - the server keeps its export browser afterwards
        lesson = plan.build(engine, spec)
        fmt = params["format"]
        if params["output"] == "video":
            from app.lessons.animate import AnimationOptions, animate

            fixed = None if params["step_seconds"] == "reading" else float(params["step_seconds"])
            opts = AnimationOptions(fmt, params["resolution"], fixed).check()
            name = lesson_filename(lesson, fmt, opts.resolution)
            animate(engine, lesson, folder / name, opts, progress)
        elif params["output"] == "handout":
            from app.lessons.handout import handout

            name = lesson_filename(lesson, "pdf", params["paper"] if params["form"] == "full"
                                   else f"short-{params['paper']}")
            (folder / name).write_bytes(handout(engine, lesson, params["paper"], progress, form=params["form"]))
        else:
            from app.lessons.onefile import build_html

            name = lesson_filename(lesson, "html", "lesson")
            progress(0, 1, name)
            (folder / name).write_bytes(build_html(engine, lesson))
        return name

    return run


def register_lesson_routes(server: Any, engine: Any) -> None:
    @server.route("/lesson/start", methods=["GET"])
    def lesson_start():  # noqa: ANN202
        absent = tools.missing()
        if absent:
            resp = jsonify({"error": tools.missing_message(absent), "parameter": "render", "allowed": ""})
            resp.headers["Retry-After"] = str(tools.RETRY_AFTER_S)
            return resp, 503
        try:
            params, spec = parse(request.args)
            plan.build(engine, spec)  # a lesson that cannot be made is refused now, not in the background
        except ExportParamError as exc:
            return jsonify({"error": exc.message, "parameter": exc.parameter, "allowed": exc.allowed}), 400
        jid = jobs.start(params, make(engine, params, spec))
        return jsonify({"id": jid, "status": f"/lesson/status/{jid}", "file": f"/lesson/file/{jid}"}), 202

    @server.route("/lesson/status/<jid>", methods=["GET"])
    def lesson_status(jid: str):  # noqa: ANN202
        found = jobs.status(jid)
        if found is None:
            return jsonify({"error": "no such lesson job", "parameter": "id", "allowed": ""}), 404
        resp = jsonify({k: found.get(k) for k in ("state", "done", "total", "label", "error", "filename", "size")})
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @server.route("/lesson/file/<jid>", methods=["GET"])
    def lesson_file(jid: str):  # noqa: ANN202
        path = jobs.file_of(jid)
        if path is None:
            return jsonify({"error": "the lesson is not ready", "parameter": "id", "allowed": ""}), 404
        resp = send_file(path, mimetype=MIME.get(path.suffix.lstrip("."), "application/octet-stream"))
        resp.headers["Content-Disposition"] = content_disposition(path.name)
        resp.headers["Cache-Control"] = "no-store"
        return resp
