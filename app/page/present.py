"""Presentation (projector) pieces: the bar (step, full screen, exit), the caption column and its key of the
rows in use. The caption is filled by callbacks/classroom.py and fitted to its box by assets/classroom.js."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dash import html

from app import ids, narration, styles
from app.epilogue import EPILOGUE
from app.i18n import format_date_for, gettext_for, localised, localised_span
from app.page.cite import cite_dicts
from app.pov_label import pov_label
from app.terms import date_label


def create_present_bar(lang: str) -> html.Div:
    t = gettext_for(lang)
    return html.Div([
        html.Span(id=ids.PRESENT_STEP, className="present-step", **{"aria-live": "polite"}),
        html.Button(t("Full screen"), id=ids.FULLSCREEN, className="btn"),
        html.Button(t("Exit (Esc)"), id=ids.EXIT_VIEW, className="btn"),
    ], id=ids.PRESENT_BAR, className="present-bar")


def create_present_caption(lang: str) -> html.Div:
    """The narration; never scrolls: assets/classroom.js scales it to fit its box."""
    return html.Div(html.Div(id=ids.PRESENT_CAPTION, className="present-caption-inner"),
                    className="present-caption", role="region",
                    **{"aria-label": gettext_for(lang)("Narration"), "aria-live": "polite"})


def create_present_legend(lang: str) -> html.Div:
    """The key rows in use on the map shown (drawn by assets/classroom.js from the paint)."""
    return html.Div(id=ids.PRESENT_LEGEND, className="present-legend", role="group",
                    **{"aria-label": gettext_for(lang)("Key")})


SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*")
# A full stop that ends an abbreviation ("Art. 9", "para. 2", "p. 787") ends no sentence.
ABBREVIATION = re.compile(r"\b(?:Arts?|Nos?|paras?|pp?|Vol|St|Mr|Mrs|Dr|cf|vs|ca|art|ст|п|г|гг)\.$")


def sentences(text: str) -> list[str]:
    """The sentences of a text; a stop after an abbreviation, or before a digit or a lower-case word, is not
    a sentence end (so a caption never stops at "In Art.")."""
    out: list[str] = []
    ended = False   # the last piece certainly ended a sentence ("1956 г." and the template's own ".")
    for piece in (s for s in SENTENCE_END.split(text.strip()) if s):
        if out and out[-1].endswith(".") and piece.startswith("."):
            piece, ended = piece[1:].lstrip(), True
            if not piece:
                continue
        if ended:
            out.append(piece)
            ended = False
        elif out and piece[:1] in ")]},;:»":
            out[-1] += piece
        elif out and out[-1].endswith(".") and (ABBREVIATION.search(out[-1]) or piece[:1].isdigit()
                                                 or piece[:1].islower()):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def shortened(text: str, limit: int = 280) -> str:
    """The first sentences of a text, up to about `limit` characters (a projector's caption; the whole text is
    in the Why tab). A first sentence longer than the limit is kept whole."""
    out = ""
    for sentence in sentences(text):
        if out and len(out) + len(sentence) > limit:
            break
        out = f"{out} {sentence}".strip() if out and not out.endswith(("。", "！", "？")) else out + sentence
    return out


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else (str(value) if value else None)


def moment_of(engine: Any, event_id: str, shown: dt.date) -> str:
    """Which moment of the event the map is on: "signed" (before it took effect), "in_force", or "later"."""
    dates = engine.events[event_id].dates
    signed, in_force = _iso(dates.get("signed")), _iso(dates.get("in_force"))
    day = shown.isoformat()
    if signed and in_force and signed != in_force and signed <= day < in_force:
        return "signed"
    if in_force and day == in_force:
        return "in_force"
    return "later"


@dataclass(frozen=True)
class CaptionParts:
    """What Present says about an event on a shown date, as plain text: the point of view (or "what it
    provides"), the dates labelled with what they are, two or three sentences, a hint, the source keys. The
    lesson outputs (app/lessons) say the same."""

    view: str
    moment: str  # signed | in_force | later | event
    when: str
    text: str
    hint: str
    keys: list[str]


def caption_parts(engine: Any, event_id: str, shown: dt.date, pov: str, mode: str, lang: str = "en"
                  ) -> CaptionParts | None:
    """The parts of Present's caption for an event (None when it has neither narration nor summary)."""
    t = gettext_for(lang)
    view = t("Treaty or proposal: what it provides") if mode == "event" else \
        pov_label(engine, pov if pov in styles.POV_LABELS else "de_facto", shown, lang)
    told = narration.narration_for(engine, event_id, lang)
    if told is None:
        return None
    text, keys = told
    ev = engine.events[event_id]
    dates = ev.dates
    moment = "event" if mode == "event" else moment_of(engine, event_id, shown)
    signed, in_force = _iso(dates.get("signed")), _iso(dates.get("in_force"))
    when = ""
    if moment == "signed":
        when = t("Signed {signed}; in force from {in_force}", signed=format_date_for(signed, lang),
                 in_force=format_date_for(in_force, lang))
        summary = localised(ev.summary, lang)[0] if ev.summary else ""
        text = t("Signed, not yet in force: the map changes on {in_force}.",
                 in_force=format_date_for(in_force, lang)) + (" " + summary if summary else "")
    elif moment == "in_force":
        when = t("In force from {date}", date=format_date_for(in_force, lang))
    else:
        when = t(", ").join(t("{what} {date}", what=date_label(k, lang), date=format_date_for(v, lang))
                            for k, v in dates.items() if v)
    # a classroom narration is written to fit (≤ 420 characters); an event's summary from the data is cut to
    # its first sentences (the whole of it is in the Why tab)
    text = text if event_id in narration.NARRATION and moment != "signed" else shortened(text, 300)
    hint = t("The map shows what it would have provided, had it taken effect.") if mode == "event" else ""
    return CaptionParts(view, moment, when, text, hint, list(keys))


def present_caption(engine: Any, event_id: str | None, shown: dt.date, pov: str, mode: str,
                    lang: str = "en") -> list:
    """The projector's caption: the point of view, the event and the moment the map is on (signed, in force,
    or in force since), two or three sentences, and readable short citations. Every date it names is labelled
    with what it is; the map's own date is the header's."""
    t = gettext_for(lang)
    view = t("Treaty or proposal: what it provides") if mode == "event" else \
        pov_label(engine, pov if pov in styles.POV_LABELS else "de_facto", shown, lang)
    out: list = [html.P(view, className="present-pov", id=ids.PRESENT_POV)]
    parts = caption_parts(engine, event_id, shown, pov, mode, lang) if event_id else None
    if parts is None:
        return out + [html.P(t("Use ◀ ▶ (or Page Up / Page Down) to move between events."), className="present-hint")]
    out.append(html.H2(localised_span(engine.events[event_id].title, lang), className="present-title"))
    if parts.when:
        out.append(html.P(parts.when, className="present-when"))
    out.append(html.P(parts.text, className="present-text"))
    if parts.hint:
        out.append(html.P(parts.hint, className="present-hint"))
    cites = cite_dicts(engine, parts.keys, lang)
    out.append(html.Div([html.Span(t("Sources: "), className="present-src-label"),
                         html.Ul([html.Li(c["short"], title=c["full"]) for c in cites], className="present-sources")],
                        className="present-src"))
    return out


def present_epilogue(engine: Any, shown: dt.date, lang: str = "en") -> list:
    """The tour's last card: what happened after 1956, each document dated and sourced (content/epilogue.yaml).
    The map stays on its last day, in the view the card names."""
    t = gettext_for(lang)
    lang = lang if lang in EPILOGUE.title else "en"
    items = []
    for item in EPILOGUE.items:
        items.append(html.Li([
            html.P([html.Strong(format_date_for(item.date.isoformat(), lang)), " — ", item.text[lang]],
                   className="present-text"),
            html.Div([html.Span(t("Sources: "), className="present-src-label"),
                      html.Ul([html.Li(src.brief(lang), title=f"{src.full(lang)} {src.url}") for src in item.sources],
                              className="present-sources")], className="present-src"),
        ], **{"data-epilogue": item.id}))
    return [html.P(pov_label(engine, "de_facto", shown, lang), className="present-pov", id=ids.PRESENT_POV),
            html.H2(EPILOGUE.title[lang], className="present-title"),
            html.Ol(items, className="present-epilogue", title=EPILOGUE.intro[lang])]
