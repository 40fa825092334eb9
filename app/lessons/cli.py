"""`python -m app export --animate | --handout | --lesson`: a lesson as a video, a printed handout or one HTML file.

    python -m app export --animate --tour key --resolution 1080p --out tour.mp4        (.webm, .gif)
    python -m app export --animate --from 1945-08-01 --to 1946-03-01 --by month --step-seconds 2 --out DIR
    python -m app export --handout --events portsmouth_1905,joint_declaration_1956 --paper letter --out h.pdf
    python -m app export --lesson --tour key --lang ja --out lesson.html

What the lesson shows: --tour NAME (the classroom tour's steps), --events a,b,c (the export series' frames),
--all-events, or --from/--to with --by day|month|year; with none of them, the key tour. --perspective, --names,
--lang and --base-url (the end card's and the handout's permalink: a public address only) as for figures.
A progress bar goes to stderr; the file appears only when complete. These flags join the `export` sub-command
(app/__main__.py dispatches to run_lesson when one of --animate, --handout, --lesson is given).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

from app import mapstate
from app.cli_io import atomic_write, progress_bar
from app.export.request import ExportParamError
from app.lessons import plan
from app.lessons.naming import lesson_filename
from app.narration import tour_lengths

LESSON_FORMATS = ("mp4", "webm", "gif", "html")
OUTPUTS = ("animate", "handout", "lesson")


def add_lesson_args(p: argparse.ArgumentParser, what: Any) -> None:
    what.add_argument("--from", dest="date_from", help="a lesson over a date range from YYYY-MM-DD (with --to, --by)")
    p.add_argument("--to", dest="date_to", help=f"the range's last day, YYYY-MM-DD (default {mapstate.MAX_DATE})")
    p.add_argument("--by", default="year", choices=plan.BY, help="a range's step: day, month or year")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--animate", action="store_true", help="the lesson as a video: mp4 (default), webm or gif")
    kind.add_argument("--handout", action="store_true", help="the lesson as a printable PDF handout")
    kind.add_argument("--lesson", action="store_true", help="the lesson as one interactive HTML file (offline)")
    p.add_argument("--resolution", default="1080p", choices=("720p", "1080p"), help="--animate: video size")
    p.add_argument("--step-seconds", type=float, default=None,
                   help="--animate: seconds each step is shown (default: as long as its words take a class to read)")
    p.add_argument("--fps", type=int, default=25, help="--animate: frames per second (mp4, webm)")
    p.add_argument("--paper", default="a4", choices=("a4", "letter"), help="--handout: paper size (portrait)")
    p.add_argument("--short", action="store_true",
                   help="--handout: the short form (2–4 pages: the key maps, the clauses, a glossary, after 1956)")


def is_lesson(args: argparse.Namespace) -> bool:
    return any(getattr(args, name, False) for name in OUTPUTS)


def _day(parameter: str, text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ExportParamError(parameter, f"{text!r} is not a date YYYY-MM-DD", "a date YYYY-MM-DD") from None


def spec_from_args(args: argparse.Namespace, engine: Any) -> plan.LessonSpec:
    """The lesson a command asks for; its point of view, names, language and tour read by the one strict parser."""
    query = {"pov": args.perspective, "names": args.names, "lang": args.lang, "tour": args.tour}
    try:
        state = mapstate.parse(query, strict=True, tours=tour_lengths())
    except ExportParamError as exc:
        flag = {"pov": "--perspective"}.get(exc.parameter, f"--{exc.parameter}")
        raise ExportParamError(flag, exc.message, exc.allowed) from None
    common = {"pov": state.pov, "names": state.names, "lang": state.lang, "base_url": args.base_url}
    if args.date_from or args.date_to:
        return plan.LessonSpec(start=_day("from", args.date_from), end=_day("to", args.date_to), by=args.by, **common)
    if args.events:
        return plan.LessonSpec(events=args.events, **common)
    if args.all_events:
        from app.export import series

        return plan.LessonSpec(events=",".join(series.event_ids(engine)), **common)
    return plan.LessonSpec(tour=state.tour or "key", **common)


def _format(args: argparse.Namespace) -> str:
    out = Path(args.out)
    ext = out.suffix.lower().lstrip(".") if not out.is_dir() else ""
    if args.handout:
        want = ("pdf",)
    elif args.lesson:
        want = ("html",)
    else:
        want = ("mp4", "webm", "gif")
    fmt = args.format or (ext if ext else want[0])
    if fmt not in want:
        raise ExportParamError("format", f"{'--' + next(o for o in OUTPUTS if getattr(args, o))} writes "
                               f"{', '.join(want)}, not {fmt}", ", ".join(want))
    if ext and ext != fmt:
        raise ExportParamError("out", f"--out {args.out} ends in .{ext} but the format is {fmt}",
                               f"a file name ending in .{fmt}, or a directory")
    return fmt


def _target(args: argparse.Namespace, name: str) -> Path:
    out = Path(args.out)
    if out.is_dir():
        return out / name
    if not out.parent.is_dir():
        raise ExportParamError("out", f"the folder {out.parent} does not exist", "an existing folder")
    return out


def run_lesson(args: argparse.Namespace, engine: Any) -> str:
    from app.export import finish, render
    from app.lessons.video import EncodeError
    from app.timeline.engine import QueryError

    started = time.monotonic()

    shown = {"at": None}

    def progress(done: int, total: int, label: str) -> None:
        at = (done * 60 // max(total, 1), label)
        if at != shown["at"]:
            shown["at"] = at
            progress_bar(done, total, started, label)

    try:
        fmt = _format(args)
        lesson = plan.build(engine, spec_from_args(args, engine))
        if args.animate:
            from app.lessons.animate import AnimationOptions, animate

            opts = AnimationOptions(fmt, args.resolution, args.step_seconds, args.fps).check()
            target = _target(args, lesson_filename(lesson, fmt, opts.resolution))
            count = animate(engine, lesson, target, opts, progress)
            what = f"{count} {'stills' if fmt == 'gif' else 'frames'}"
        elif args.handout:
            from app.lessons.handout import handout

            target = _target(args, lesson_filename(lesson, "pdf", args.paper))
            atomic_write(target, handout(engine, lesson, args.paper, progress,
                                         form="short" if getattr(args, "short", False) else "full"))
            what = "handout"
        else:
            from app.lessons.onefile import build_html

            target = _target(args, lesson_filename(lesson, "html", "lesson"))
            progress(0, 1, "lesson")
            atomic_write(target, build_html(engine, lesson))
            what = "one-file lesson"
        progress(1, 1, "done")
        sys.stderr.write("\n")
        return (f"{target} ({target.stat().st_size} bytes, {what}, {len(lesson.steps)} steps, "
                f"{time.monotonic() - started:.1f} s)\n")
    except ExportParamError as exc:
        raise QueryError(exc.parameter, exc.message, exc.allowed) from None
    except (render.RenderError, finish.ConvertError, EncodeError) as exc:
        raise QueryError("render", str(exc), "") from None
    except KeyboardInterrupt:
        sys.stderr.write("\ninterrupted: no file was written\n")
        raise SystemExit(130) from None
    finally:
        render.stop()
