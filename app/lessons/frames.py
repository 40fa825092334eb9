"""The pictures of an animation: a title card, one still per step, the epilogue's cards (what happened after 1956,
a tour's ending), an end card with the sources and the permalink.

A step's still is the export's 16:9 slide figure (the date, the event in force, the map, the inset, the key of
that map) down to its caption rule, and below it a caption panel: the step's sentences as the tour says them,
set by Pango (app/lessons/panel.py), the step's sources, short, and where they disagree, the figure caption's
"Sources disagree" question. The figure's citation caption gives way to the panel; every source is on the end
card. How long each still is held: app/lessons/pace.py.

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
from app import epilogue
from app.export import caption, compose, finish
from app.export.caption import dataset_label
from app.export.sizes import NAMED
from app.i18n import format_date_for, gettext_for
from app.lessons import pace
from app.lessons.panel import Block, Laid, set_blocks
from app.lessons.plan import Lesson, Step
from app.lessons.sheet import Sheet

# 360p is a preview (and what the tests encode); the page and the command line offer 720p and 1080p
RESOLUTIONS = {"360p": (640, 360), "720p": (1280, 720), "1080p": (1920, 1080)}
SLIDE_CSS = (1280.0, 720.0)  # the export's 16:9 slide (338.67 × 190.5 mm at 96 px per inch)
MAX_CARD_SOURCES = 12
PANEL_SHARE = 0.27  # of the frame's height: the caption panel under the figure (194 px at 720p)
PANEL_BG = "#F4F2EC"


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
    for step, svg, _top in step_renders(engine, lesson):
        yield step, svg


def step_renders(engine: Any, lesson: Lesson) -> Iterator[tuple[Step, str, float]]:
    """Each step's finished slide SVG and where its caption starts (CSS px from the top)."""
    last: tuple[str, dict, Step, str, float] | None = None
    for step in lesson.steps:
        fig, meta = compose.build_figure(engine, step.req)
        top = float(meta["caption_top"])
        tokens = _tokens(step)
        sig, counts = _signature(fig, tokens)
        if last is not None and tokens and sig == last[0] and counts == last[1]:
            svg = redate(last[3], last[2], step)
            if svg is not None:
                yield step, svg, last[4]
                continue
        from app.export import render

        raw = render.render(fig, "svg", meta["W"], meta["H"]).decode("utf-8")
        svg = finish.finish_svg(raw, meta, step.req.grayscale)
        if tokens:
            svg, found = _left_title(svg, step_title_text(step))
            if found != 1:
                last = None
                yield step, svg, top
                continue
        last = (sig, counts, step, svg, top)
        yield step, svg, top


# ------------------------------------------------------------------------------------------ a step's still
def crop_top(svg: str, height: float) -> str:
    """The SVG showing only its top `height` CSS px (its viewBox and page height cut there)."""
    head_end = svg.find(">", svg.find("<svg"))
    head = svg[:head_end]
    box = re.search(r'viewBox="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)"', head)
    if box is None:
        raise ValueError("a finished figure has a viewBox")
    x, y, w, _h = (float(v) for v in box.groups())
    head = head.replace(box.group(0), f'viewBox="{x:.3f} {y:.3f} {w:.3f} {height:.3f}"')
    head = re.sub(r'\sheight="[^"]*"', f' height="{height / 96 * 25.4:.3f}mm"', head, count=1)
    return head + svg[head_end:]


def panel_height(size: tuple[int, int]) -> int:
    return round(size[1] * PANEL_SHARE)


def caption_blocks(step: Step, lang: str, scale: float) -> list[Block]:
    """What the panel says: the tour's sentences for the step, the hint (a treaty's map), the figure caption's
    "Sources disagree" (its first question: the panel replaces that caption), its sources."""
    t = gettext_for(lang)
    words = step.words
    blocks = [Block(words.text or words.event_title, 25 * scale)]
    if words.hint:
        blocks.append(Block(words.hint, 18 * scale, italic=True, colour="#333333"))
    if words.sources:
        shorts = t("; ").join(c.short for c in words.sources)
        blocks.append(Block(t("Sources: ") + shorts, 15 * scale, colour="#444444"))
    if step.disputes:
        blocks.append(Block(t("Sources disagree: {questions}", questions=step.disputes[0]), 15 * scale, bold=True,
                            colour="#333333"))
    return blocks


def caption_panel(step: Step, lang: str, size: tuple[int, int]) -> Laid:
    """The step's caption panel at the video's size (its lines as Pango broke them: what a test reads back)."""
    width, height = size
    scale = height / 720
    blocks = caption_blocks(step, lang, scale)
    laid = set_blocks(blocks, width, panel_height(size), lang, padding=16 * scale, background=PANEL_BG)
    if step.disputes and len(laid.lines) < len(blocks) and len(blocks) > 2:
        # no room for its own line: the disagreement ends the sources' paragraph, as in the figure's caption
        # (cut with an ellipsis at the panel's edge, never left out)
        *head, sources, disputes = blocks
        merged = Block(sources.text + gettext_for(lang)("; ") + disputes.text, sources.size, colour=sources.colour)
        laid = set_blocks([*head, merged], width, panel_height(size), lang, padding=16 * scale,
                          background=PANEL_BG)
    return laid


def step_still(step: Step, svg: str, caption_top: float, lang: str, size: tuple[int, int]) -> Any:
    """The figure down to its caption rule, as large as fits above the panel, and the caption panel."""
    from PIL import Image

    width, height = size
    room = height - panel_height(size)
    fig_w = SLIDE_CSS[0]
    scale = min(width / fig_w, room / caption_top)
    w, h = round(fig_w * scale), round(caption_top * scale)
    image = Image.new("RGB", size, "#FFFFFF")
    image.paste(finish.raster(crop_top(svg, caption_top), w, h), ((width - w) // 2, 0))
    image.paste(caption_panel(step, lang, size).image, (0, room))
    return image


def step_seconds(step: Step, fixed: float | None) -> float:
    """A fixed duration when one is asked for, else the reading pace of what the panel says."""
    return fixed if fixed is not None else pace.reading_seconds(step.words.text or step.words.event_title)


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


def epilogue_blocks(item: Any, first: bool, lang: str, scale: float) -> list[Block]:
    """One document after 1956: the epilogue's title (and its introduction on the first card), the day, the
    two sentences, each source in short."""
    ep = epilogue.EPILOGUE
    lang = lang if lang in ep.title else "en"
    t = gettext_for(lang)
    blocks = [Block(ep.title[lang], 30 * scale, bold=True, gap=0.5)]
    if first:
        blocks.append(Block(ep.intro[lang], 20 * scale, colour="#333333", gap=0.8))
    blocks.append(Block(format_date_for(item.date, lang), 34 * scale, bold=True, gap=0.3))
    blocks.append(Block(item.text[lang], 27 * scale, gap=0.8))
    blocks.append(Block(t("Sources"), 17 * scale, bold=True, gap=0.2, colour="#444444"))
    blocks += [Block("• " + s.short(lang), 16 * scale, colour="#444444", gap=0.25) for s in item.sources]
    return blocks


def epilogue_cards(lesson: Lesson, size: tuple[int, int]) -> list[tuple[Any, Laid]]:
    """(item, its card) for each document after 1956, when the lesson is a tour that ends with them."""
    if not lesson.epilogue:
        return []
    scale = size[1] / 720
    return [(item, set_blocks(epilogue_blocks(item, n == 0, lesson.lang, scale), size[0], size[1], lesson.lang,
                              padding=64 * scale))
            for n, item in enumerate(epilogue.EPILOGUE.items)]


def epilogue_seconds(item: Any, lang: str, fixed: float | None) -> float:
    ep = epilogue.EPILOGUE
    return fixed if fixed is not None else pace.reading_seconds(item.text[lang if lang in ep.title else "en"])


def stills(engine: Any, lesson: Lesson, resolution: str, step_seconds_fixed: float | None, card_seconds: float,
           on_still: Callable[[int, int, str], None] | None = None) -> Iterator[Still]:
    """Title card, one still per step, the epilogue's cards, end card — each drawn once at the video's size, to
    be held."""
    size = RESOLUTIONS[resolution]
    width, height = size
    total = len(lesson.steps) + 2 + (len(epilogue.EPILOGUE.items) if lesson.epilogue else 0)
    if on_still:
        on_still(0, total, "title")
    yield Still(finish.raster(title_card(lesson), width, height), card_seconds, "title")
    for i, (step, svg, top) in enumerate(step_renders(engine, lesson), start=1):
        if on_still:
            on_still(i, total, step.title)
        yield Still(step_still(step, svg, top, lesson.lang, size), step_seconds(step, step_seconds_fixed), step.title)
    for n, (item, card) in enumerate(epilogue_cards(lesson, size), start=len(lesson.steps) + 1):
        if on_still:
            on_still(n, total, item.id)
        yield Still(card.image, epilogue_seconds(item, lesson.lang, step_seconds_fixed), item.id)
    if on_still:
        on_still(total - 1, total, "end")
    yield Still(finish.raster(end_card(engine, lesson), width, height), card_seconds, "end")


assert abs(NAMED["slide"][0] / 25.4 * 96 - SLIDE_CSS[0]) < 0.01  # the cards are the slide's size
