"""The app bar: the title, the views, the language, Share and Download (always on screen, one row)."""

from __future__ import annotations

from dash import dcc, html

from app import ids
from app.i18n import HTML_LANG, LANGUAGE_NAMES, LANGUAGES, _, gettext_for
from app.mapstate import LANGUAGES as LANGUAGE_FACTS

# (view, label, keyboard shortcut shown in the tooltip); "tour" is the presentation view with the guided tour
VIEW_LABELS = [("map", _("Map")), ("compare", _("Compare")), ("present", _("Present")), ("tour", _("Tour")),
               ("help", _("Help"))]


def create_views(lang: str) -> html.Nav:
    """The view switcher; on a phone it folds behind the ☰ button (assets/classroom.js)."""
    t = gettext_for(lang)
    buttons = []
    for view, label in VIEW_LABELS:
        if view == "tour":
            buttons.append(html.Button(t(label), id=ids.TOUR_START, className="nav-btn", **{"data-view": "tour"}))
        else:
            buttons.append(html.Button(t(label), id={"type": ids.VIEW_BUTTON, "index": view}, className="nav-btn",
                                       **{"data-view": view}))
    return html.Nav(buttons, id=ids.NAV, className="view-nav", **{"aria-label": t("Views")})


def create_language_menu(lang: str) -> html.Details:
    """The interface language: a small menu (changing it reloads the page in that language, assets/i18n.js)."""
    t = gettext_for(lang)
    return html.Details([
        html.Summary([html.Span(t("Language") + ": ", className="sr-only"),
                      html.Span(LANGUAGE_FACTS[lang].short, lang=HTML_LANG[lang]), " ▾"],
                     className="bar-btn", title=t("Language")),
        html.Fieldset([
            html.Legend(t("Language")),
            dcc.RadioItems(id=ids.LANG, options=[
                {"label": html.Span(LANGUAGE_NAMES[code], lang=HTML_LANG[code]), "value": code}
                for code in LANGUAGES], value=lang, className="radio lang-switch"),
        ], className="popover lang-control"),
    ], className="menu lang-menu")


def create_app_bar(lang: str) -> html.Header:
    t = gettext_for(lang)
    return html.Header([
        html.Button("☰", id=ids.MENU_BUTTON, className="bar-btn menu-btn", title=t("Views"),
                    **{"aria-label": t("Views"), "aria-expanded": "false", "aria-controls": ids.NAV}),
        html.H1(t("Sakhalin and the Kurils, 1905–1956"), className="app-title"),
        create_views(lang),
        html.Div([
            create_language_menu(lang),
            html.Button("?", id=ids.KEYS_OPEN, className="bar-btn keys-btn", title=t("How to read the map"),
                        **{"aria-haspopup": "dialog", "aria-label": t("How to read the map")}),
            html.Button([html.Span("⤴", **{"aria-hidden": "true"}), html.Span(t("Share"), className="bar-label")],
                        id=ids.SHARE_OPEN, className="bar-btn", title=t("Share"), **{"aria-haspopup": "dialog"}),
            html.Button([html.Span("⤓", **{"aria-hidden": "true"}),
                         html.Span(t("Download"), className="bar-label")],
                        id=ids.DOWNLOAD_OPEN, className="bar-btn", title=t("Download"),
                        **{"aria-haspopup": "dialog"}),
        ], className="bar-actions"),
    ], id=ids.APP_BAR, className="app-bar")
