"""Presentation (projector) pieces: the bar (step, full screen, exit), the caption column and its key of the
rows in use. The caption is filled by callbacks/classroom.py and fitted to its box by assets/classroom.js."""

from __future__ import annotations

from dash import html

from app import ids
from app.i18n import gettext_for


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
