"""`python -m app export`: the print figure on the command line.

    python -m app export --date 1952-04-28 --perspective japan --format pdf --out fig.pdf
    python -m app export --date 1952-04-28 --perspective japan --compare-perspective usa --out DIR
    python -m app export --event san_francisco_treaty_1951 --format svg --out sf.svg
    python -m app export --events portsmouth_1905,san_francisco_treaty_1951 --format png --out DIR
    python -m app export --tour key --size slide --out DIR      (or --all-events)

A series (--events, --tour, --all-events) writes one numbered file per frame into DIR (see
app/export/series.py: in-force dates, signature frames, the end state, unchanged frames skipped, one key)
and DIR/index.csv (number, event, what, date, file, title, caption). A progress bar goes to stderr; each
file is written to a temporary name and renamed, so an interrupted run resumes (--force redoes them).
The caption's permalink uses --base-url, else ATLAS_PUBLIC_URL; with neither, the figure has none.
The flags are read as the page's parameters (--perspective is pov, --compare-date date2, …) by the one strict
parser (app/mapstate.py, app/export/request.py); the lesson flags are app/lessons/cli.py's (app/__main__.py).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from app import mapstate
from app.cli_io import atomic_write, progress_bar
from app.export import compose, finish, render, series
from app.export.request import ExportParamError, ExportRequest, povs, request_from_args
from app.export.sizes import DPIS, FORMATS, SIZES

INDEX_COLUMNS = ["number", "event", "what", "date", "file", "title", "caption"]
# The page's name of each flag that is a map-state parameter, for messages and the one parser.
FLAGS = {"date": "--date", "event": "--event", "pov": "--perspective", "diff": "--diff", "unit": "--unit",
         "names": "--names", "lang": "--lang", "date2": "--compare-date", "pov2": "--compare-perspective",
         "event2": "--compare-event", "format": "--format", "size": "--size", "width_mm": "--width-mm",
         "height_mm": "--height-mm", "dpi": "--dpi", "grayscale": "--grayscale", "text": "--text-as-paths"}


def add_export(subparsers: Any, formats: tuple[str, ...] = ()) -> tuple[argparse.ArgumentParser, Any]:
    """The `export` sub-command; `formats`: more --format values (the lessons', app/__main__.py). Returns the parser
    and its group of mutually exclusive "what" flags, for the lesson flags to join."""
    p = subparsers.add_parser("export", help="the map as a print-ready SVG, PDF or PNG file",
                              description=__doc__.split("\n\n")[0])
    what = p.add_mutually_exclusive_group()
    what.add_argument("--date", help=f"YYYY-MM-DD, {mapstate.MIN_DATE} … {mapstate.MAX_DATE} (default 1945-09-05)")
    what.add_argument("--event", help="an event id: what the treaty / draft provides")
    what.add_argument("--events", help="a series of these events (comma-separated ids) into --out DIR")
    what.add_argument("--tour", help="a series of a named tour (key) into --out DIR")
    what.add_argument("--all-events", action="store_true", help="a series of every event into --out DIR")
    p.add_argument("--perspective", default="de_facto", help=", ".join(povs()))
    p.add_argument("--diff", action="store_true", help="mark where the points of view disagree")
    p.add_argument("--unit", help="zoom to a territory (a unit or feature id)")
    p.add_argument("--compare-date", help="two panels: side B on this date (YYYY-MM-DD)")
    p.add_argument("--compare-perspective", help="two panels: side B in this point of view")
    p.add_argument("--compare-event", help="two panels: side B shows what this event provides")
    p.add_argument("--as-event-maps", action="store_true", help="a series of what each event provides")
    p.add_argument("--format", default=None, choices=(*FORMATS, *formats),
                   help="default: the --out file's extension, else svg (mp4, webm, gif: --animate)")
    p.add_argument("--size", default="double", choices=SIZES)
    p.add_argument("--width-mm", type=float)
    p.add_argument("--height-mm", type=float)
    p.add_argument("--dpi", type=int, default=300, choices=DPIS)
    p.add_argument("--lang", default=mapstate.DEFAULT_LANG, choices=mapstate.LANGS,
                   help="title, key, caption (and place names by default)")
    p.add_argument("--names", default="local", choices=mapstate.FIGURE_NAMES, help="place names: local = the --lang")
    p.add_argument("--grayscale", action="store_true")
    p.add_argument("--text-as-paths", action="store_true", help="SVG: every glyph as an outline (no fonts needed)")
    p.add_argument("--base-url", default=None, help="public address for the caption's permalink "
                   "(default: $ATLAS_PUBLIC_URL; none: no permalink)")
    p.add_argument("--out", required=True, help="a file or an existing directory; a directory for a series")
    p.add_argument("--force", action="store_true", help="series: redo existing files")
    p.set_defaults(func=run_export)
    return p, what


def _format(args: argparse.Namespace) -> str:
    """--format, else the --out file's extension; a file whose extension says another format is refused."""
    out = Path(args.out)
    ext = out.suffix.lower().lstrip(".")
    is_file = not out.is_dir() and ext != ""
    if args.format and is_file and ext != args.format:
        raise ExportParamError("out", f"--out {args.out} ends in .{ext} but --format is {args.format}",
                               f"a file name ending in .{args.format}, or a directory")
    if args.format:
        return args.format
    if is_file:
        if ext not in FORMATS:
            raise ExportParamError("out", f"--out {args.out}: .{ext} is not an export format", ", ".join(FORMATS))
        return ext
    return "svg"


def query_of(args: argparse.Namespace, fmt: str) -> dict[str, str | None]:
    """The flags as the page's query parameters (GET /export's): one parser reads both."""
    compare = bool(args.compare_date or args.compare_perspective or args.compare_event)
    num = lambda v: None if v is None else f"{v:g}"  # noqa: E731
    return {"date": args.date, "mode": "event" if args.event else None, "event": args.event,
            "pov": args.perspective, "diff": "1" if args.diff else None, "unit": args.unit, "names": args.names,
            "lang": args.lang, "view": "compare" if compare else None,
            "date2": (args.compare_date or args.date) if compare else None,
            "pov2": (args.compare_perspective or args.perspective) if compare else None,
            "event2": args.compare_event, "format": fmt, "size": args.size, "width_mm": num(args.width_mm),
            "height_mm": num(args.height_mm), "dpi": str(args.dpi), "grayscale": "1" if args.grayscale else None,
            "text": "paths" if args.text_as_paths else None}


def _request(args: argparse.Namespace, fmt: str, engine: Any | None = None) -> ExportRequest:
    try:
        return request_from_args(query_of(args, fmt), base_url=args.base_url, engine=engine)
    except ExportParamError as exc:
        raise ExportParamError(FLAGS.get(exc.parameter, exc.parameter), exc.message, exc.allowed) from None


def _complete(path: Path, fmt: str) -> bool:
    """An existing file that was fully written (renamed into place) and looks like its format."""
    try:
        size = path.stat().st_size
        if size == 0:
            return False
        with open(path, "rb") as f:
            head = f.read(8)
            f.seek(max(0, size - 16))
            tail = f.read()
    except OSError:
        return False
    if fmt == "png":
        return head.startswith(b"\x89PNG") and b"IEND" in tail
    if fmt == "pdf":
        return head.startswith(b"%PDF") and b"%%EOF" in tail
    return b"</svg>" in tail


def run_series(engine: Any, args: argparse.Namespace, fmt: str) -> str:
    outdir = Path(args.out)
    if not outdir.is_dir():
        if not outdir.parent.is_dir():
            raise ExportParamError("out", f"the folder {outdir.parent} does not exist", "an existing folder")
        outdir.mkdir()
    ids = series.event_ids(engine, args.events, args.tour)
    base = compose.validate(engine, replace(_request(args, fmt, engine), view="map"))
    items = series.frames(engine, base, ids, args.as_event_maps)
    started = time.monotonic()
    rows = []
    written = skipped = 0
    try:
        for i, item in enumerate(items):
            path = outdir / item.file
            progress_bar(i, len(items), started, item.file)
            if not args.force and _complete(path, fmt):
                skipped += 1
                caption = compose.build_figure(engine, compose.validate(engine, item.req))[1]["caption"]
            else:
                result = compose.export_figure(engine, item.req)
                atomic_write(path, result.data)
                written += 1
                caption = result.caption
            rows.append({"number": item.number, "event": item.event or "", "what": item.what,
                         "date": item.date.isoformat(), "file": item.file, "title": item.title,
                         "caption": caption.replace("\n", " | ")})
        progress_bar(len(items), len(items), started, "done")
        sys.stderr.write("\n")
    finally:
        if rows:
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=INDEX_COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
            atomic_write(outdir / "index.csv", buf.getvalue().encode("utf-8"))
    return (f"{len(items)} frames from {len(ids)} events: {written} written, {skipped} already complete, "
            f"{time.monotonic() - started:.1f} s → {outdir}/index.csv\n")


def run_export(args: argparse.Namespace, engine: Any) -> str:
    from app.timeline.engine import QueryError

    try:
        if args.all_events or args.events or args.tour:
            if Path(args.out).suffix and not Path(args.out).is_dir():
                raise ExportParamError("out", f"a series needs a folder, not {args.out}", "a folder")
            return run_series(engine, args, args.format or "svg")
        fmt = _format(args)
        result = compose.export_figure(engine, _request(args, fmt, engine))
        out = Path(args.out)
        if out.is_dir():
            out = out / result.filename
        atomic_write(out, result.data)
        return f"{out} ({len(result.data)} bytes)\n{result.caption}\n"
    except ExportParamError as exc:
        raise QueryError(exc.parameter, exc.message, exc.allowed) from None
    except (render.RenderError, finish.ConvertError) as exc:
        raise QueryError("render", str(exc), "") from None
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: finished files are kept; run the same command again to resume\n")
        raise SystemExit(130) from None
    finally:
        render.stop()
