"""Command line: the API's JSON on stdout.

    python -m app state --date 1951-09-08 --perspective japan
    python -m app events                 # all events
    python -m app events <id>            # one event and what it provides per unit/strait/zone/line
    python -m app history <unit>
    python -m app diff --from 1945-08-01 --to 1946-03-01 [--perspective russia]
    python -m app paint [--perspective usa]

    python -m app export …               # a figure, a series (app/export/cli.py) or a lesson (app/lessons/cli.py)

Bad input: a message naming the parameter on stderr, exit code 2. Broken data: exit code 1.
To add a subcommand, write `add_<name>(subparsers)` that sets `func` and append it to COMMANDS.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import Any

from app import DataFileError
from app.export.cli import add_export, run_export
from app.lessons.cli import LESSON_FORMATS, add_lesson_args, is_lesson, run_lesson
from app.mapstate import MAX_DATE, MIN_DATE
from app.timeline import serialize
from app.timeline.engine import Engine, QueryError

Handler = Callable[[argparse.Namespace, Engine], Any]


def _engine(args: argparse.Namespace) -> Engine:
    from app.data import load_engine

    return load_engine(args.data)


def add_state(subparsers: Any) -> None:
    p = subparsers.add_parser("state", help="who controls, claims and holds sovereign each unit")
    p.add_argument("--date", required=True, help=f"YYYY-MM-DD, {MIN_DATE} … {MAX_DATE}")
    p.add_argument("--perspective", default="de_facto", help="de_facto, japan, russia (or soviet), usa, …")
    p.set_defaults(func=lambda a, e: serialize.state_payload(e, a.date, a.perspective))


def add_events(subparsers: Any) -> None:
    p = subparsers.add_parser("events", help="all events, or one event and its provisions")
    p.add_argument("event", nargs="?", help="an event id")
    p.set_defaults(func=lambda a, e: serialize.events_payload(e) if a.event is None
                   else serialize.event_payload(e, a.event))


def add_history(subparsers: Any) -> None:
    p = subparsers.add_parser("history", help="every interval of every role for a unit")
    p.add_argument("territory", help="a unit (or feature, strait, zone, line) id")
    p.set_defaults(func=lambda a, e: serialize.history_payload(e, a.territory))


def add_diff(subparsers: Any) -> None:
    p = subparsers.add_parser("diff", help="what changed between two dates")
    p.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    p.add_argument("--perspective", default="de_facto")
    p.set_defaults(func=lambda a, e: serialize.diff_payload(e, a.date_from, a.date_to,
                                                             a.perspective))


def add_paint(subparsers: Any) -> None:
    p = subparsers.add_parser("paint", help="the map's piecewise-constant segments")
    p.add_argument("--perspective", default="de_facto")
    p.set_defaults(func=lambda a, e: serialize.paint_payload(e, a.perspective))


def add_figure_or_lesson(subparsers: Any) -> None:
    """`export`: a figure or a series (app/export/cli.py), or with --animate / --handout / --lesson a lesson
    (app/lessons/cli.py): this dispatcher is the one place that knows both."""
    p, what = add_export(subparsers, formats=LESSON_FORMATS)
    add_lesson_args(p, what)
    p.set_defaults(func=lambda a, e: run_lesson(a, e) if is_lesson(a) else run_export(a, e))


COMMANDS: list[Callable[[Any], None]] = [add_state, add_events, add_history, add_diff, add_paint,
                                         add_figure_or_lesson]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=None, help=argparse.SUPPRESS)  # a timeline directory
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for add in COMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)  # argparse: usage errors exit 2 on stderr
    try:
        engine = _engine(args)
    except DataFileError as error:
        print(f"Cannot load the data: {error}", file=sys.stderr)
        return 1
    try:
        payload = args.func(args, engine)
    except QueryError as error:
        allowed = f" (allowed: {error.allowed})" if error.allowed else ""
        print(f"python -m app {args.command}: {error.parameter}: {error.message}{allowed}",
              file=sys.stderr)
        return 2
    if isinstance(payload, str):
        sys.stdout.write(payload)
    else:
        sys.stdout.write(serialize.dumps(payload) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
