"""A printable handout of a lesson: a multi-page PDF, A4 or US Letter, portrait, in two forms.

The short form (2–4 pages: what a class keeps) has a lesson's key maps, two to a page, each with a caption naming
its day, view and event; the clauses behind them (quoted where the wording was read, each with its citation); the
glossary (content/glossary.yaml) and what happened after 1956 (content/epilogue.yaml), each document sourced.

The full form:
Pages: a cover (the lesson's title, its date range, the point of view, the steps); one page per step (the export's
double-column figure — map, inset, key, caption — then the event's title and dates, the clause as quoted where
the wording was read (Citation.quote: verbatim only), Present's two or three sentences, the readable sources);
a glossary of the key (every row the lesson's maps use, with the figure's own symbols); the references in full.

Print standards are the figures': each page is an SVG drawn by librsvg into one vector PDF (patterns as vector
patterns, Noto fonts embedded as CID subsets, never Type 3, no raster image), metadata by pikepdf
(app/export/finish.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import app
from app import epilogue
from app.cartography.key import key_rows, key_state, map_kind_of, merge_all
from app.citations import Citation
from app.export import caption, compose, finish, paint
from app.export.request import ExportParamError
from app.i18n import format_date_for, gettext_for
from app.lessons.plan import Lesson, Step
from app.lessons.sheet import Sheet

PAPERS = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
FORMS = ("full", "short")
SHORT_MAPS = 4
MARGIN_MM = 15.0
FIGURE_MM = (180.0, 125.0)  # the export's double-column size: the same figure a journal gets


def _px(mm: float) -> float:
    return mm / 25.4 * 96


def pt(points: float) -> float:
    return points * 96 / 72


class Pages:
    """Sheets of one paper size; `new()` starts a page with the running header and footer."""

    def __init__(self, lesson: Lesson, paper: str) -> None:
        self.lesson, self.paper = lesson, paper
        self.size = tuple(_px(v) for v in PAPERS[paper])
        self.sheets: list[Sheet] = []

    def new(self, header: bool = True) -> Sheet:
        w, h = self.size
        sheet = Sheet(w, h, self.lesson.lang, margin=_px(MARGIN_MM))
        if header:
            t = gettext_for(self.lesson.lang)
            sheet.para(t("{title} · {range}", title=self.lesson.title, range=self.lesson.range_text), pt(8),
                       colour="#555555", gap=0.2, max_lines=1)
            sheet.rule("#BBBBBB", 0.5)
            sheet.y += pt(6)
        self.sheets.append(sheet)
        return sheet

    def finish(self) -> list[str]:
        """Each page's SVG with its number at the foot."""
        out = []
        total = len(self.sheets)
        t = gettext_for(self.lesson.lang)
        for n, sheet in enumerate(self.sheets, start=1):
            sheet.y = sheet.height - sheet.margin * 0.6
            sheet.text([t("Page {n} of {total}", n=n, total=total)], pt(8), x=sheet.width - sheet.margin,
                       colour="#555555", anchor="end")
            out.append(sheet.svg())
        return out


def cover(pages: Pages, engine: Any) -> None:
    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    s = pages.new(header=False)
    s.y = s.height * 0.18
    s.para(lesson.title, pt(26), bold=True, gap=0.3)
    s.para(lesson.range_text, pt(16), gap=0.6)
    s.para(caption.pov_label(lesson.pov, lesson.lang), pt(12), colour="#333333", gap=1.2)
    s.rule("#555555", 1.0)
    s.y += pt(10)
    s.para(t("Steps"), pt(12), bold=True, gap=0.4)
    for step in lesson.steps:
        if s.room() < pt(60):
            s.para(t("and {count} more", count=len(lesson.steps) - step.n + 1), pt(10), colour="#555555")
            break
        s.para(f"{step.n}. {step.title}", pt(10), gap=0.25, max_lines=2)
    s.y = s.height - s.margin - pt(40)
    link = lesson.permalink()
    if link:
        s.para(t("Online: {url}", url=link), pt(9), gap=0.2)
    s.para(t("{attribution}. Sakhalin–Kurils atlas {version}, data {data}.", attribution=caption.ATTRIBUTION,
             version=f"v{app.__version__}", data=caption.dataset_label(engine)), pt(8), colour="#444444")


def step_page(pages: Pages, engine: Any, step: Step) -> None:
    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    s = pages.new()
    words = step.words
    s.para(t("Step {n} of {total}", n=step.n, total=len(lesson.steps)), pt(9), colour="#555555", gap=0.1)
    s.para(step.title, pt(15), bold=True, gap=0.35, max_lines=2)
    fw, fh = (_px(v) for v in FIGURE_MM)
    svg, _meta = compose.compose_svg(engine, compose.validate(engine, _figure_request(step)))
    s.figure(svg, s.margin + (s.inner - fw) / 2, s.y, fw, fh)
    s.y += fh + pt(8)
    if step.event:
        s.para(words.event_title, pt(12), bold=True, gap=0.2, max_lines=2)
    if words.when:
        s.para(words.when, pt(9.5), colour="#333333", gap=0.5)
    if words.quote:
        s.para(t("What it says"), pt(10), bold=True, gap=0.3)
        original, english = words.quote.get("original") or "", words.quote.get("en") or ""
        bar = s.y
        s.para(f"“{original.strip()}”", pt(9.5), gap=0.3, max_lines=9, x=s.margin + pt(8),
               width=s.inner - pt(8), lang=words.quote.get("lang"))
        if english and english.strip() != original.strip() and lesson.lang != words.quote.get("lang"):
            s.para(f"“{english.strip()}”", pt(9), colour="#333333", gap=0.3, max_lines=6, x=s.margin + pt(8),
                   width=s.inner - pt(8), italic=True, lang="en")
        s.rect(s.margin, bar, pt(2), s.y - bar - pt(4), "#999999")
        s.y += pt(2)
    if words.text:
        s.para(words.text, pt(10.5), gap=0.4, max_lines=max(2, int((s.room() - pt(70)) / (pt(10.5) * 1.3))))
    if words.hint:
        s.para(words.hint, pt(9), colour="#444444", gap=0.4, italic=True)
    if words.sources and s.room() > pt(30):
        s.para(t("Sources"), pt(9.5), bold=True, gap=0.2)
        for c in words.sources:
            if s.room() < pt(22):
                break
            s.para("• " + c.short, pt(9), gap=0.15, max_lines=2)


def _figure_request(step: Step):  # noqa: ANN202 - an ExportRequest
    from dataclasses import replace

    return replace(step.req, size="double", fmt="pdf")


def glossary_rows(engine: Any, lesson: Lesson) -> dict[str, list]:
    """Per kind of map the lesson shows (date, event), every key row any of its steps uses."""
    ctx = paint.context(engine, lesson.lang)
    states: dict[str, list] = {}
    for step in lesson.steps:
        states.setdefault(step.req.mode, []).append(key_state(ctx.table, paint.frame_for(engine, step.req)))
    return {mode: key_rows(merge_all(found), map_kind_of(mode, lesson.pov), lesson.lang)
            for mode, found in states.items()}


def glossary(pages: Pages, engine: Any) -> None:
    """The key rows of every kind of map the lesson shows, each with the figure's symbol."""
    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    s = pages.new()
    s.para(t("Glossary of the key"), pt(16), bold=True, gap=0.6)
    kinds = glossary_rows(engine, lesson)
    sw = pt(14)
    for mode, rows in kinds.items():
        if len(kinds) > 1:
            s.para(t("Treaty or proposal: what it provides") if mode == "event" else
                   caption.pov_label(lesson.pov, lesson.lang), pt(12), bold=True, gap=0.4)
        for row in rows:
            if s.room() < pt(40):
                s = pages.new()
            if row.kind == "header":
                s.y += pt(4)
                s.para(row.text, pt(11), bold=True, gap=0.3)
                continue
            if row.kind == "note":
                s.text(s.lines(row.text, pt(10), s.inner - sw - pt(8)), pt(10), x=s.margin + sw + pt(8))
                s.y += pt(3)
                continue
            lines = s.lines(row.text, pt(10), s.inner - sw - pt(8))
            top = s.y
            s.swatch(s.margin, top + pt(1), sw, row.style, line=row.kind == "line")
            s.text(lines, pt(10), x=s.margin + sw + pt(8))
            s.y = max(s.y, top + sw + pt(3)) + pt(3)
        s.y += pt(8)


def references(pages: Pages, engine: Any) -> None:
    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    s = pages.new()
    s.para(t("References"), pt(16), bold=True, gap=0.6)
    for n, c in enumerate(lesson.sources(), start=1):
        lines = s.lines(f"{n}. {c.full or c.short}", pt(9), s.inner - pt(10))
        if s.room() < len(lines) * pt(9) * 1.3 + pt(30):
            s = pages.new()
            s.para(t("References"), pt(12), bold=True, gap=0.4)
        s.text(lines, pt(9), x=s.margin)
        s.y += pt(4)


# ------------------------------------------------------------------------------------------ the short form
def key_maps(engine: Any, lesson: Lesson, count: int = SHORT_MAPS) -> list[Step]:
    """The few maps a class keeps: the steps whose map differs from the one kept before it (its key's rows; a
    treaty in force rather than signed), then, when more are left than `count`, the first, the last and those
    evenly between."""
    ctx = paint.context(engine, lesson.lang)
    kept: list[Step] = []
    last = None
    for step in lesson.steps:
        state = key_rows(key_state(ctx.table, paint.frame_for(engine, step.req)), map_kind_of(step.req.mode,
                                                                                              step.req.pov))
        rows = tuple((r.kind, r.text) for r in state)
        if rows != last:
            if kept and kept[-1].event == step.event and kept[-1].what == "signed":
                kept.pop()   # a treaty's map in force, not the day before it took effect
            kept.append(step)
            last = rows
    if len(kept) <= count:
        return kept
    picks = sorted({round(i * (len(kept) - 1) / (count - 1)) for i in range(count)})
    return [kept[i] for i in picks]


@dataclass(frozen=True)
class PlacedMap:
    """A map on a short handout's page: its step, its caption, and the figure's own title (its day)."""

    step: Step
    caption: str
    figure_title: str
    page: int


def map_caption(engine: Any, step: Step, number: int, lang: str) -> str:
    """“Map 2. 11 February 1945 · The USSR's view · Yalta Agreement regarding Japan”: its day, view and event."""
    t = gettext_for(lang)
    view = step.words.view if step.mode == "event" else caption.pov_label(step.req.pov, lang, engine, step.date)
    what = step.words.event_title if step.event else step.title
    day = format_date_for(step.date, lang)
    return t("Map {n}", n=number) + ". " + " · ".join((day, view, what))


def short_maps(pages: Pages, engine: Any, steps: list[Step]) -> list[PlacedMap]:
    """Two maps a page, the first under the lesson's title."""
    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    placed = []
    for i, step in enumerate(steps):
        if i % 2 == 0:
            s = pages.new()
            if i == 0:
                s.para(lesson.title, pt(18), bold=True, gap=0.2)
                s.para(lesson.range_text + " · " + t("Short handout: the key maps, the clauses, a glossary"),
                       pt(10), colour="#333333", gap=0.6)
            slots = min(2, len(steps) - i)
            per = (s.room() - pt(14)) / slots
        svg, meta = compose.compose_svg(engine, compose.validate(engine, _figure_request(step)))
        text = map_caption(engine, step, i + 1, lesson.lang)
        cap_lines = s.lines(text, pt(10), bold=True)
        fh = min(per - len(cap_lines) * pt(10) * 1.3 - pt(12), _px(FIGURE_MM[1]))
        fw = min(s.inner, fh * FIGURE_MM[0] / FIGURE_MM[1])
        fh = fw * FIGURE_MM[1] / FIGURE_MM[0]
        s.text(cap_lines, pt(10), bold=True)
        s.y += pt(3)
        s.figure(svg, s.margin + (s.inner - fw) / 2, s.y, fw, fh)
        s.y += fh + pt(12)
        placed.append(PlacedMap(step, text, str(meta.get("title", "")), len(pages.sheets)))
    return placed


def quoted_citation(step: Step) -> Citation | None:
    """The source whose verbatim words the step quotes."""
    quote = step.words.quote
    return next((c for c in step.words.sources if quote and c.quote == quote), None)


def clauses(pages: Pages, engine: Any, steps: list[Step]) -> list[tuple[Step, str, str]]:
    """What each key map rests on: the clause quoted (verbatim only) with its citation, else the tour's words
    and their sources. Returns (step, what was printed, its citation)."""
    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    s = pages.new()
    s.para(t("The clauses behind the maps"), pt(15), bold=True, gap=0.5)
    out = []
    for n, step in enumerate(steps, start=1):
        words = step.words
        if s.room() < pt(90):
            s = pages.new()
        s.para(t("Map {n}", n=n) + ". " + (words.event_title if step.event else step.title), pt(11), bold=True,
               gap=0.15, max_lines=2)
        if words.when:
            s.para(words.when, pt(9), colour="#333333", gap=0.3)
        cited = quoted_citation(step)
        if words.quote and cited is not None:
            original, english = words.quote.get("original") or "", words.quote.get("en") or ""
            bar = s.y
            s.para(f"“{original.strip()}”", pt(9.5), gap=0.25, max_lines=8, x=s.margin + pt(8),
                   width=s.inner - pt(8), lang=words.quote.get("lang"))
            if english and english.strip() != original.strip() and lesson.lang != words.quote.get("lang"):
                s.para(f"“{english.strip()}”", pt(9), colour="#333333", gap=0.25, max_lines=5,
                       x=s.margin + pt(8), width=s.inner - pt(8), italic=True, lang="en")
            s.rect(s.margin, bar, pt(2), s.y - bar - pt(3), "#999999")
            printed, citation = original, cited.short
        else:
            s.para(words.text, pt(9.5), gap=0.25, max_lines=6)
            printed, citation = words.text, t("; ").join(c.short for c in words.sources)
        s.para(t("Source: {source}", source=citation), pt(8.5), colour="#444444", gap=0.9, max_lines=2)
        out.append((step, printed, citation))
    return out


def glossary_terms(pages: Pages) -> None:
    """The words of the maps and clauses, then what happened after 1956, each document with its sources."""
    from app.lessons import glossary as terms

    lesson = pages.lesson
    t = gettext_for(lesson.lang)
    s = pages.new()
    s.para(t("Glossary"), pt(15), bold=True, gap=0.4)
    for term, meaning in terms.entries(lesson.lang):
        if s.room() < pt(40):
            s = pages.new()
        top = s.y
        s.text(s.lines(term, pt(9.5), pt(110), bold=True), pt(9.5), bold=True)
        used = s.y
        s.y = top
        s.text(s.lines(meaning, pt(9.5), s.inner - pt(118)), pt(9.5), x=s.margin + pt(118))
        s.y = max(s.y, used) + pt(4)
    ep = epilogue.EPILOGUE
    lang = lesson.lang if lesson.lang in ep.title else "en"
    s.y += pt(6)
    s.rule("#BBBBBB", 0.5)
    s.y += pt(6)
    s.para(ep.title[lang], pt(13), bold=True, gap=0.3)
    s.para(ep.intro[lang], pt(9), colour="#333333", gap=0.5)
    for item in ep.items:
        if s.room() < pt(50):
            s = pages.new()
        s.para(format_date_for(item.date, lang), pt(10), bold=True, gap=0.1)
        s.para(item.text[lang], pt(9.5), gap=0.15)
        s.para(t("Sources: ") + t("; ").join(src.short(lang) for src in item.sources), pt(8), colour="#444444", gap=0.7)


def short_handout(pages: Pages, engine: Any) -> dict:
    """The short form's pages; returns what was placed (the maps, the clauses) for a reader to check."""
    steps = key_maps(engine, pages.lesson)
    placed = short_maps(pages, engine, steps)
    printed = clauses(pages, engine, steps)
    glossary_terms(pages)
    return {"maps": placed, "clauses": printed}


def handout(engine: Any, lesson: Lesson, paper: str = "a4",
            progress: Callable[[int, int, str], None] | None = None, form: str = "full",
            placed: dict | None = None) -> bytes:
    """The handout's PDF bytes (`placed`, when given, receives what the short form put on its pages)."""
    if paper not in PAPERS:
        raise ExportParamError("paper", f"unknown paper {paper!r}", ", ".join(PAPERS))
    if form not in FORMS:
        raise ExportParamError("form", f"unknown handout {form!r}", ", ".join(FORMS))
    pages = Pages(lesson, paper)
    total = len(lesson.steps) + 3
    if form == "short":
        if progress:
            progress(1, total, lesson.title)
        found = short_handout(pages, engine)
        if placed is not None:
            placed.update(found)
    else:
        cover(pages, engine)
        for step in lesson.steps:
            if progress:
                progress(step.n, total, step.title)
            step_page(pages, engine, step)
        glossary(pages, engine)
        references(pages, engine)
    if progress:
        progress(total - 1, total, "PDF")
    t = gettext_for(lesson.lang)
    with tempfile.TemporaryDirectory(prefix="atlas-handout-") as tmp:
        paths = []
        for n, svg in enumerate(pages.finish(), start=1):
            path = Path(tmp) / f"page{n:03d}.svg"
            path.write_text(svg, encoding="utf-8")
            paths.append(str(path))
        data = finish.pages_to_pdf(paths, finish.PdfInfo(
            title=lesson.title, subject=t("{title} · {range}", title=lesson.title, range=lesson.range_text),
            keywords=["Sakhalin", "Kuril Islands", "Shikotan", "Habomai", "Japan", "Russia", "USSR", "lesson"],
            caption=lesson.range_text, lang=lesson.lang))
    if progress:
        progress(total, total, "done")
    return data
