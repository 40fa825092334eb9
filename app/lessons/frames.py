"""The pictures of an animation: a title card, one still per step (the export's 16:9 slide figure: the date, the
event in force, the key, the inset, the caption), an end card with the sources and the permalink.

Each still is rendered once and held for its duration by the encoder (app/lessons/video.py). Steps whose
figures differ only by their date (a range by day or month between two changes) share one Chromium render:
the rendered SVG is re-dated (the title, the caption's first words and the permalink's date) and only redrawn
by librsvg, which is checked to have found each text exactly where the figure put it, else the step is
rendered on its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import app
from app.export import caption, compose, finish
from app.export.caption import dataset_label
from app.export.sizes import NAMED
from app.i18n import format_date_for, gettext_for
from app.lessons.plan import Lesson, Step
from app.lessons.sheet import Sheet

RESOLUTIONS = {"720p": (1280, 720), "1080p": (1920, 1080)}
SLIDE_CSS = (1280.0, 720.0)  # the export's 16:9 slide (338.67 × 190.5 mm at 96 px per inch)
MAX_CARD_SOURCES = 12


@dataclass
class Still:
    image: Any  # PIL RGB image, exactly the video's size
    seconds: float
    label: str


def _tokens(step: Step) -> list[tuple[str, str]]:
    """(text, token): the strings of a date-mode step's figure that name its date."""
    if step.req.mode != "date":
        return []
    return [(step_title_text(step), "\x00TITLE\x00"), (f"date={step.date.isoformat()}", "\x00ISO\x00")]


def step_title_text(step: Step) -> str:
    return format_date_for(step.date, step.req.lang)


def _signature(fig: dict, tokens: list[tuple[str, str]]) -> tuple[str, dict[str, int]]:
    text = json.dumps(fig, sort_keys=True, ensure_ascii=False)
    counts = {}
    for old, token in tokens:
        counts[token] = text.count(old)
        text = text.replace(old, token)
    return text, counts


_TITLE = re.compile(r'(<text class="annotation-text") text-anchor="middle" x="[^"]*"([^>]*><tspan '
                    r'style="font-weight:bold">)([^<]*)(</tspan></text>)')


def _left_title(svg: str, title: str) -> tuple[str, int]:
    """The title annotation drawn from its left edge (plotly centres an annotation's text in its box, so a
    re-dated title of another length would shift): the same place for any date."""
    found = 0

    def repl(m: re.Match) -> str:
        nonlocal found
        if m.group(3) != title:
            return m.group(0)
        found += 1
        return f'{m.group(1)} text-anchor="start" x="1"{m.group(2)}{m.group(3)}{m.group(4)}'

    return _TITLE.sub(repl, svg), found


def redate(svg: str, old: Step, new: Step) -> str | None:
    """`old`'s finished SVG with `new`'s date, or None where a text was not found exactly once per use."""
    pairs = [(step_title_text(old), step_title_text(new)),
             (f"date={old.date.isoformat()}", f"date={new.date.isoformat()}")]
    for before, after in pairs:
        n = svg.count(before)
        if n == 0 and before.startswith("date="):
            continue
        if n == 0:
            return None
        svg = svg.replace(before, after)
    return svg


def step_svgs(engine: Any, lesson: Lesson) -> Iterator[tuple[Step, str]]:
    """Each step's finished slide SVG, re-dating the previous render where only the date differs."""
    last: tuple[str, dict, Step, str] | None = None
    for step in lesson.steps:
        fig, meta = compose.build_figure(engine, step.req)
        tokens = _tokens(step)
        sig, counts = _signature(fig, tokens)
        if last is not None and tokens and sig == last[0] and counts == last[1]:
            svg = redate(last[3], last[2], step)
            if svg is not None:
                yield step, svg
                continue
        from app.export import render

        raw = render.render(fig, "svg", meta["W"], meta["H"]).decode("utf-8")
        svg = finish.finish_svg(raw, meta, step.req.grayscale)
        if tokens:
            svg, found = _left_title(svg, step_title_text(step))
            if found != 1:
                last = None
                yield step, svg
                continue
        last = (sig, counts, step, svg)
        yield step, svg


# ------------------------------------------------------------------------------------------ cards
def title_card(lesson: Lesson) -> str:
    """The lesson's title, its date range, the point of view and how many steps, on a 16:9 card."""
    t = gettext_for(lesson.lang)
    w, h = SLIDE_CSS
    sheet = Sheet(w, h, lesson.lang, margin=80)
    sheet.y = h * 0.28
    sheet.para(lesson.title, 52, bold=True, gap=0.4, max_lines=3)
    sheet.para(lesson.range_text, 34, gap=0.8)
    sheet.rule("#555555", 1.5)
    sheet.y += 24
    sheet.para(caption.pov_label(lesson.pov, lesson.lang), 26, colour="#333333", gap=0.3)
    sheet.para(t("{count} steps", count=len(lesson.steps)), 22, colour="#555555", gap=0.3)
    sheet.y = h - 80 - 22
    sheet.para(t("Sakhalin–Kurils atlas"), 22, colour="#555555")
    return sheet.svg()


def end_card(engine: Any, lesson: Lesson) -> str:
    """The sources of every step (readable short citations), the permalink when a public address is set, the
    app and data version."""
    t = gettext_for(lesson.lang)
    w, h = SLIDE_CSS
    sheet = Sheet(w, h, lesson.lang, margin=64)
    sheet.para(t("Sources"), 34, bold=True, gap=0.5)
    cites = [c.short for c in lesson.sources()]
    footer_h = 3 * 20 * 1.3 + 24
    shown = 0
    for short in cites[:MAX_CARD_SOURCES]:
        lines = sheet.lines("• " + short, 20)
        if sheet.room() - footer_h < len(lines) * 26 + 30:
            break
        sheet.text(lines, 20)
        sheet.y += 4
        shown += 1
    if len(cites) > shown:
        sheet.para(t("and {count} more", count=len(cites) - shown), 20, colour="#555555")
    sheet.y = h - 64 - footer_h
    sheet.rule()
    sheet.y += 10
    link = lesson.permalink()
    if link:
        sheet.para(t("Online: {url}", url=link), 20, gap=0.2)
    sheet.para(t("{attribution}. Sakhalin–Kurils atlas {version}, data {data}.", attribution=caption.ATTRIBUTION,
                 version=f"v{app.__version__}", data=dataset_label(engine)), 16, colour="#444444")
    return sheet.svg()


def stills(engine: Any, lesson: Lesson, resolution: str, step_seconds: float, card_seconds: float,
           on_still: Callable[[int, int, str], None] | None = None) -> Iterator[Still]:
    """Title card, one still per step, end card — each drawn once at the video's size, to be held."""
    width, height = RESOLUTIONS[resolution]
    total = len(lesson.steps) + 2
    if on_still:
        on_still(0, total, "title")
    yield Still(finish.raster(title_card(lesson), width, height), card_seconds, "title")
    for i, (step, svg) in enumerate(step_svgs(engine, lesson), start=1):
        if on_still:
            on_still(i, total, step.title)
        yield Still(finish.raster(svg, width, height), step_seconds, step.title)
    if on_still:
        on_still(total - 1, total, "end")
    yield Still(finish.raster(end_card(engine, lesson), width, height), card_seconds, "end")


assert abs(NAMED["slide"][0] / 25.4 * 96 - SLIDE_CSS[0]) < 0.01  # the cards are the slide's size
