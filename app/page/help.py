"""The Help view with the embed code; help and about (app/help.py) arrive when Help is first shown
(app/page/fragments.py, assets/lazy.js)."""

from __future__ import annotations

from dash import html

from app import ids
from app.i18n import gettext_for
from app.page.fragments import holder


def create_help(lang: str) -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        holder(ids.HELP_BODY, ids.HELP_FRAGMENT, lang),
        html.H3(t("Embed this map on a school site")),
        html.P(t("Copy this into the page (the map, the date slider and the legend, with the state shown now):")),
        html.Pre(html.Code(id=ids.EMBED_CODE), className="embed-code", tabIndex="0",
                 **{"aria-label": t("Embed code")}),
    ], id=ids.HELP, className="help-section", **{"aria-label": t("Help and About")})
