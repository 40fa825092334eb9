"""The Download dialog: the figure (format, size, dpi, language, names, grayscale), the lesson (video, handout, one
file), the data files. Plain panels driven by assets/download.js, which builds each request from the map state the
browser holds (assets/mapstate.js) and fetches GET /export or /lesson/start: no Dash callback, so nothing here is
visited by the page's paint path, and a figure is the map as shown even while the server is busy."""

from __future__ import annotations

from dash import dcc, html

from app import ids
from app.dataset_citation import cite_as
from app.i18n import LANGUAGE_NAMES, gettext_for, normalise_lang
from app.mapstate import FIGURE_NAMES, MAX_DATE, MIN_DATE
from app.mapstate import LANGUAGES as LANGUAGE_FACTS
from app.page.dialogs import close_button

NAME_LABELS = {"local": "—", "both": "日本語 / Русский", "ja": LANGUAGE_NAMES["ja"], "ru": LANGUAGE_NAMES["ru"],
               "en": LANGUAGE_NAMES["en"]}


def _radio(id_: str, options: list[tuple[str, str]], value: str, label: str) -> html.Fieldset:
    return html.Fieldset([html.Legend(label),
                          dcc.RadioItems(id=id_, options=[{"label": t, "value": v} for v, t in options],
                                         value=value, inline=True, className="radio")],
                         className="control export-control")


def export_panel(lang: str = "en") -> html.Details:
    """The figure's panel (a <details>, out of the way until opened), in the page's language `lang`; the figure's
    language (title, key, caption) defaults to it too."""
    lang = normalise_lang(lang)
    t = gettext_for(lang)
    return html.Details([
        html.Summary(t("Export figure (SVG, PDF, PNG)")),
        _radio(ids.EXPORT_FORMAT, [("svg", "SVG"), ("pdf", "PDF"), ("png", "PNG")], "pdf", t("Format")),
        _radio(ids.EXPORT_SIZE, [("single", t("85 mm (1 column)")), ("double", t("175 mm (2 columns)")),
                                 ("slide", t("16:9 slide")), ("custom", t("Custom size"))], "double", t("Size")),
        html.Div([
            html.Label([t("Width (mm)"), " ", dcc.Input(id=ids.EXPORT_WIDTH, type="number", min=40, max=600,
                                                        value=120, disabled=True)]),
            html.Label([" ", t("Height (mm)"), " ", dcc.Input(id=ids.EXPORT_HEIGHT, type="number", min=40, max=600,
                                                              value=90, disabled=True)]),
        ], className="export-custom"),
        _radio(ids.EXPORT_DPI, [("300", "300 dpi"), ("600", "600 dpi")], "300", t("PNG resolution")),
        _radio(ids.EXPORT_LANG, [(code, LANGUAGE_NAMES[code]) for code in LANGUAGE_FACTS], lang,
               t("Language of title, legend and caption")),
        _radio(ids.EXPORT_NAMES, [(v, t("In the figure's language") if v == "local" else NAME_LABELS[v])
                                  for v in FIGURE_NAMES], "local", t("Place names on the map")),
        dcc.Checklist(id=ids.EXPORT_GRAY, options=[{"label": " " + t("Grayscale-safe variant"), "value": "1"}],
                      value=[], className="export-gray"),
        dcc.Checklist(id=ids.EXPORT_PATHS, options=[{"label": " " + t("SVG: text as outlines (no fonts needed)"),
                                                    "value": "paths"}], value=[], className="export-gray"),
        html.Button(t("Download figure"), id=ids.EXPORT_BUTTON, n_clicks=0, className="export-button",
                    type="button"),
        html.Div(id=ids.EXPORT_STATUS, role="status", **{"aria-live": "polite"}),
        html.A(id=ids.EXPORT_LINK, hidden=True, download=""),
    ], id=ids.EXPORT_PANEL, className="export-panel", lang=lang,
        **{"data-making": t("Making {label}…"), "data-done": t("Exported {filename}"),
           "data-queued": t("In line for the export: place {place}…"),
           "data-failed": t("Cannot export: {reason}")})


def _select(id_: str, options: list[tuple[str, str]], label: str, value: str) -> html.Label:
    return html.Label([label, " ", html.Select([html.Option(text, value=v, selected=v == value)
                                                for v, text in options], id=id_)], className="lesson-field")


def lesson_panel(lang: str = "en") -> html.Section:
    """What to make (the tour, or a date range by day, month or year), as what (MP4, WebM, GIF, a handout PDF A4 /
    Letter, one HTML file), the video's size and seconds per step, a Make button, a progress bar, and "Save this
    lesson" (the one-file lesson of the tour in the page's language, point of view and names)."""
    t = gettext_for(lang)
    first, last = MIN_DATE.isoformat(), MAX_DATE.isoformat()
    return html.Section([
        html.Div([
            _select(ids.LESSON_WHAT, [("tour", t("Key events, 1905–1956")), ("range", t("A date range"))],
                    t("Lesson"), "tour"),
            html.Span([
                html.Label([t("From"), " ", dcc.Input(id=ids.LESSON_FROM, type="date", value="1945-08-01",
                                                      min=first, max=last)]),
                html.Label([t("To"), " ", dcc.Input(id=ids.LESSON_TO, type="date", value="1946-03-01",
                                                    min=first, max=last)]),
                _select(ids.LESSON_BY, [("year", t("by year")), ("month", t("by month")), ("day", t("by day"))],
                        t("Step"), "year"),
            ], className="lesson-range"),
        ], className="lesson-row"),
        html.Div([
            _select(ids.LESSON_OUTPUT, [("video:mp4", t("Video MP4 (slides, browsers)")), ("video:webm", "WebM"),
                                        ("video:gif", "GIF"), ("handout:a4", t("Handout PDF, A4")),
                                        ("handout:letter", t("Handout PDF, US Letter")),
                                        ("handout:a4:short", t("Short handout PDF (2–4 pages), A4")),
                                        ("handout:letter:short", t("Short handout PDF (2–4 pages), US Letter")),
                                        ("html:html", t("One-file lesson (HTML, works offline)"))],
                    t("Make"), "video:mp4"),
            _select(ids.LESSON_RESOLUTION, [("1080p", "1080p"), ("720p", "720p")], t("Video size"), "1080p"),
            _select(ids.LESSON_SECONDS, [("reading", t("At reading pace (from each step's words)"))]
                    + [(v, t("{n} s per step", n=v)) for v in ("2", "3", "5", "8")], t("Duration"), "reading"),
        ], className="lesson-row"),
        html.Div([
            html.Button(t("Make the lesson"), id=ids.LESSON_MAKE, className="btn", type="button"),
            html.Button(t("Save this lesson"), id=ids.LESSON_SAVE, className="btn", type="button",
                        title=t("One HTML file with the map, the slider and the tour: opens without a network")),
        ], className="lesson-row"),
        html.Progress(id=ids.LESSON_PROGRESS, max=1, value=0, hidden=True),
        html.P(id=ids.LESSON_STATUS, role="status", className="hint", **{"aria-live": "polite"}),
        html.A(id=ids.LESSON_LINK, hidden=True, download=""),
    ], id=ids.LESSON_PANEL, className="lesson-panel", **{"data-making": t("Making {label}…"),
                                                         "data-done": t("Ready: {name}"),
                                                         "data-failed": t("Cannot make the lesson: {reason}")})


def create_download_dialog(lang: str) -> html.Dialog:
    t = gettext_for(lang)
    return html.Dialog([
        html.Div([html.H2(t("Download")), close_button(lang)], className="dialog-head"),
        html.H3(t("Figure")),
        export_panel(lang),
        html.H3(t("Lesson: video, handout, one file")),
        lesson_panel(lang),
        html.H3(t("Data")),
        html.Ul([
            html.Li(html.A(t("The whole timeline (JSON)"), href="/api/download/dataset.json", download="")),
            html.Li(html.A(t("Every status (CSV)"), href="/api/download/statuses.csv", download="")),
            html.Li(html.A(t("The map layers (GeoJSON)"), href="/api/download/layers.geojson", download="")),
            html.Li(html.A(t("The map layers at full resolution, as the figures draw them (GeoJSON)"),
                           href="/api/download/layers_full.geojson", download="")),
        ], className="data-links"),
        html.P(t("The table of what the map shows now is in Details → Table (CSV)."), className="hint"),
        cite_as(lang),
    ], id=ids.DOWNLOAD_DIALOG, className="dialog download-dialog")
