"""The embed bar: shown instead of the app bar when the page is in an iframe (view=embed)."""

from __future__ import annotations

from dash import html

from app import ids
from app.i18n import gettext_for


def create_embed_bar(lang: str) -> html.Div:
    t = gettext_for(lang)
    return html.Div([
        html.Span(t("Sakhalin and the Kurils, 1905–1956"), className="embed-title"),
        html.A(t("Open the full map ↗"), id=ids.EMBED_LINK, href="/", target="_blank", rel="noopener",
               className="embed-link"),
    ], id=ids.EMBED_BAR, className="embed-bar")
