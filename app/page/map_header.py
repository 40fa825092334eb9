"""The map header: the date as the headline with the event in force (in treaty mode: the document and its
dates), the point of view as a segmented control, and the settings (names, disagreements, speed)."""

from __future__ import annotations

from dash import dcc, html

from app import ids, styles
from app.i18n import _, gettext_for
from app.mapstate import POVS

POV_KEYS = {pov: str(n) for n, pov in enumerate(POVS, start=1)}  # the keys 1–4 (assets/frame.js shortcut)
NAMES_OPTIONS = [("local", _("In this language")), ("ja", _("Japanese names")), ("ru", _("Russian names")),
                 ("both", _("Both"))]
SHORT_LABELS = {"de_facto": _("De facto"), "japan": _("Japan"), "russia": _("USSR"), "usa": _("USA")}
SPEEDS = [(7, _("1 week / step")), (30, _("1 month / step")), (91, _("3 months / step")),
          (365, _("1 year / step"))]


def create_pov_control(lang: str) -> html.Fieldset:
    """Four points of view as a segmented control (native radios: arrow keys move, 1–4 choose)."""
    t = gettext_for(lang)
    options = []
    for pov in POVS:
        value = pov
        label = t(styles.POV_LABELS[value])
        text = [html.Span(label, className="seg-long"), html.Span(t(SHORT_LABELS[pov]), className="seg-short")]
        options.append({"label": html.Span(text, className="seg-label", title=f"{label} ({POV_KEYS[pov]})",
                                           **{"data-pov": pov}), "value": value})
    return html.Fieldset([
        html.Legend(t("Point of view"), className="sr-only"),
        dcc.RadioItems(id=ids.POV, options=options, value="de_facto", inline=True, className="segmented pov-seg"),
    ], className="seg-control pov-control")


def create_settings(lang: str) -> html.Details:
    """Names convention, "where they disagree" and the play speed, behind ⚙ (a <details>: no script needed)."""
    t = gettext_for(lang)
    return html.Details([
        html.Summary([html.Span("⚙", **{"aria-hidden": "true"}), html.Span(t("Settings"), className="bar-label")],
                     className="bar-btn", title=t("Settings")),
        html.Div([
            dcc.Checklist(id=ids.DIFF, options=[{"label": t("Where they disagree"), "value": "1"}], value=[],
                          className="diff"),
            html.Fieldset([html.Legend(t("Place names")),
                           dcc.RadioItems(id=ids.NAMES, options=[{"label": t(text), "value": v}
                                                                 for v, text in NAMES_OPTIONS],
                                          value="local", className="radio")], className="control"),
            html.Label([t("Speed"), dcc.Dropdown(id=ids.SPEED, options=[{"label": t(text), "value": v}
                                                                        for v, text in SPEEDS],
                                                 value=30, clearable=False, searchable=False, className="speed")],
                       className="speed-label"),
        ], className="popover settings-body"),
    ], id=ids.SETTINGS, className="menu settings")


def create_map_header(lang: str) -> html.Section:
    t = gettext_for(lang)
    return html.Section([
        html.Div([
            html.Div(id=ids.DATE_BIG, className="date-big", **{"aria-live": "polite"}),
            html.Div(id=ids.EVENT_IN_FORCE, className="event-in-force"),
            html.Div(id=ids.DOC_HEADLINE, className="doc-headline", **{"aria-live": "polite"}),
        ], className="headline"),
        create_pov_control(lang),
        create_settings(lang),
        html.Button([html.Span(t("Details"), className="bar-label"), html.Span(" ▸", **{"aria-hidden": "true"})],
                     id=ids.DETAILS_TOGGLE, className="bar-btn details-toggle",
                     **{"aria-controls": ids.DETAILS, "aria-expanded": "false"}),
    ], id=ids.MAP_HEADER, className="map-header", **{"aria-label": t("Date and point of view")})
