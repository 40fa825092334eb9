"""`python -m app export`: the print figure on the command line.

    python -m app export --date 1951-09-08 --perspective japan --format pdf --out fig.pdf
    python -m app export --event san_francisco_treaty_1951 --format svg --out sf.svg
    python -m app export --all-events --format svg --out DIR [--perspective japan] [--as-event-maps]

--all-events writes a numbered series, one file per event (timeline order; background events before
1905 skipped): by default the map on the event's date from --perspective
(`012_1951-09-08_san-francisco-treaty_japan.svg`), with --as-event-maps what each event provides
(`…_provides.svg`). DIR/index.csv lists number, event, date, file and caption. A progress bar goes to
stderr; each file is written to a temporary name and renamed, so an interrupted run (Ctrl-C) resumes
where it stopped: complete files are skipped (--force redoes them).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import sys
import time
from pathlib import Path
from typing import Any

from app.export import compose, render
from app.export.sizes import DPIS, FORMATS, SIZES

INDEX_COLUMNS = ["number", "event", "date", "file", "title", "caption"]


def add_export(subparsers: Any) -> None:
    p = subparsers.add_parser("export", help="the map as a print-ready SVG, PDF or PNG file",
                              description=__doc__.split("\n\n")[0])
    what = p.add_mutually_exclusive_group()
    what.add_argument("--date", help="YYYY-MM-DD, 1905-01-01 … 1956-12-31 (default 1945-09-05)")
    what.add_argument("--event", help="an event id: what the treaty / draft provides")
    what.add_argument("--all-events", action="store_true", help="a numbered series of every event into --out DIR")
    p.add_argument("--perspective", default="de_facto", help="de_facto, japan, russia, usa (soviet = russia)")
    p.add_argument("--diff", action="store_true", help="mark where the points of view disagree")
    p.add_argument("--as-event-maps", action="store_true", help="with --all-events: what each event provides")
    p.add_argument("--format", default="svg", choices=FORMATS)
    p.add_argument("--size", default="double", choices=SIZES)
    p.add_argument("--width-mm", type=float)
    p.add_argument("--height-mm", type=float)
    p.add_argument("--dpi", type=int, default=300, choices=DPIS)
    p.add_argument("--lang", default="en", choices=compose.LANGS, help="title, legend and caption")
    p.add_argument("--names", default="both", choices=compose.NAMES, help="map labels")
    p.add_argument("--grayscale", action="store_true")
    p.add_argument("--base-url", default=compose.DEFAULT_BASE_URL, help="for the permalink in the caption")
    p.add_argument("--out", required=True, help="a file, or a directory with --all-events")
    p.add_argument("--force", action="store_true", help="with --all-events: redo existing files")
    p.set_defaults(func=run_export)


def _request(args: argparse.Namespace, **over: Any) -> compose.ExportRequest:
    base = dict(pov=args.perspective, diff=args.diff, names=args.names, lang=args.lang, fmt=args.format,
                size=args.size, width_mm=args.width_mm, height_mm=args.height_mm, dpi=args.dpi,
                grayscale=args.grayscale, base_url=args.base_url)
    base.update(over)
    return compose.ExportRequest(**base)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _complete(path: Path, fmt: str) -> bool:
    """An existing file that was fully written (renamed into place) and looks like its format."""
    try:
        if path.stat().st_size == 0:
            return False
        with open(path, "rb") as f:
            head = f.read(8)
            f.seek(max(0, path.stat().st_size - 16))
            tail = f.read()
    except OSError:
        return False
    if fmt == "png":
        return head.startswith(b"\x89PNG") and b"IEND" in tail
    if fmt == "pdf":
        return head.startswith(b"%PDF") and b"%%EOF" in tail
    return b"</svg>" in tail


def _bar(done: int, total: int, started: float, label: str) -> None:
    width = 30
    filled = int(width * done / max(total, 1))
    elapsed = time.monotonic() - started
    eta = elapsed / done * (total - done) if done else 0
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} "
                     f"{elapsed:5.0f}s eta {eta:4.0f}s {label[:40]:<40}")
    sys.stderr.flush()


def series(engine: Any, args: argparse.Namespace) -> list[dict]:
    events = [ev for ev in engine.event_list() if dt.date.fromisoformat(ev["sort_date"]) >= dt.date(1905, 1, 1)]
    out = []
    for n, ev in enumerate(events, start=1):
        date = dt.date.fromisoformat(ev["sort_date"])
        if args.as_event_maps:
            req = _request(args, mode="event", event=ev["id"], date=date)
            stem = f"{n:03d}_{date.isoformat()}_{compose.event_slug(ev['id'])}_provides"
        else:
            req = _request(args, date=date)
            stem = f"{n:03d}_{date.isoformat()}_{compose.event_slug(ev['id'])}_{args.perspective}"
        if args.grayscale:
            stem += "_gray"
        out.append({"number": n, "event": ev["id"], "date": date.isoformat(), "req": req,
                    "file": f"{stem}.{args.format}"})
    return out


def run_all(engine: Any, args: argparse.Namespace) -> str:
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    items = series(engine, args)
    started = time.monotonic()
    rows = []
    written = skipped = 0
    try:
        for i, item in enumerate(items):
            path = outdir / item["file"]
            req = item["req"]
            _bar(i, len(items), started, item["file"])
            if not args.force and _complete(path, args.format):
                skipped += 1
                title, subtitle = compose.titles(engine, req, compose.shown_date(engine, req))
                caption = _caption_only(engine, req)
            else:
                result = compose.export_figure(engine, req)
                _atomic_write(path, result.data)
                written += 1
                title, caption = result.title, result.caption
            rows.append({"number": item["number"], "event": item["event"], "date": item["date"],
                         "file": item["file"], "title": title, "caption": caption.replace("\n", " | ")})
        _bar(len(items), len(items), started, "done")
        sys.stderr.write("\n")
    finally:
        if rows:
            import io

            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=INDEX_COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
            _atomic_write(outdir / "index.csv", buf.getvalue().encode("utf-8"))
    return (f"{len(items)} events: {written} written, {skipped} already complete, "
            f"{time.monotonic() - started:.1f} s → {outdir}/index.csv\n")


def _caption_only(engine: Any, req: compose.ExportRequest) -> str:
    """The caption of an export without rendering it (for skipped, already complete files)."""
    _fig, meta = compose.build_figure(engine, compose.validate(engine, req))
    return meta["caption"]


def run_export(args: argparse.Namespace, engine: Any) -> str:
    from app.timeline.engine import QueryError

    try:
        if args.all_events:
            return run_all(engine, args)
        if args.event:
            if args.event not in engine.events:
                raise compose.ExportParamError("event", f"unknown event {args.event!r}", "python -m app events")
            req = _request(args, mode="event", event=args.event)
        else:
            try:
                date = dt.date.fromisoformat(args.date) if args.date else compose.us.DEFAULT_DATE
            except ValueError:
                raise compose.ExportParamError("date", f"{args.date!r} is not a date YYYY-MM-DD",
                                               "a date YYYY-MM-DD from 1905-01-01 to 1956-12-31") from None
            req = _request(args, date=date)
        result = compose.export_figure(engine, req)
        out = Path(args.out)
        if out.is_dir():
            out = out / result.filename
        _atomic_write(out, result.data)
        return f"{out} ({len(result.data)} bytes)\n{result.caption}\n"
    except compose.ExportParamError as exc:
        raise QueryError(exc.parameter, exc.message, exc.allowed) from None
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: finished files are kept; run the same command again to resume\n")
        raise SystemExit(130) from None
    finally:
        render.stop()
