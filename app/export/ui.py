"""The export panel of the map page: format, size, dpi, language, names, grayscale, a download button.

    from app.export.ui import export_panel, register_export_callbacks
    layout: [..., export_panel(lang), ...]      # anywhere on the map page, in the page's language
    register_export_callbacks(app, engine)      # app.callback, never the global dash.callback

The file is rendered on the server from the page's URL state (dcc.Location `search`), not from the
screen, and sent through a dcc.Download. Component ids are the constants below (prefix `export-`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from dash import Dash, Input, Output, State, dcc, html, no_update

from app.export import compose, finish, render
from app.export.request import ExportParamError, request_from_args
from app.i18n import LANGUAGES, gettext_for, normalise_lang

PANEL = "export-panel"
FORMAT = "export-format"
SIZE = "export-size"
WIDTH = "export-width-mm"
HEIGHT = "export-height-mm"
DPI = "export-dpi"
LANG = "export-lang"
NAMES = "export-names"
GRAY = "export-grayscale"
BUTTON = "export-button"
DOWNLOAD = "export-download"
STATUS = "export-status"
URL_ID = "url"  # the page's dcc.Location (app/ids.py URL); override in register_export_callbacks

LANG_OPTIONS = [("en", "English"), ("ja", "日本語"), ("ru", "Русский"), ("zh", "中文")]
NAMES_OPTIONS = [("local", "—"), ("both", "日本語 / Русский"), ("ja", "日本語"), ("ru", "Русский"), ("en", "English")]


def _radio(id_: str, options: list[tuple[str, str]], value: str, label: str) -> html.Fieldset:
    return html.Fieldset([html.Legend(label),
                          dcc.RadioItems(id=id_, options=[{"label": t, "value": v} for v, t in options],
                                         value=value, inline=True, className="radio")],
                         className="control export-control")


def export_panel(lang: str = "en") -> html.Details:
    """The panel (a <details> so it stays out of the way until opened), in the page's language `lang`;
    the figure's language (title, legend, caption) defaults to it too."""
    lang = normalise_lang(lang)
    t = gettext_for(lang)
    return html.Details([
        html.Summary(t("Export figure (SVG, PDF, PNG)")),
        _radio(FORMAT, [("svg", "SVG"), ("pdf", "PDF"), ("png", "PNG")], "pdf", t("Format")),
        _radio(SIZE, [("single", t("85 mm (1 column)")), ("double", t("180 mm (2 columns)")),
                      ("slide", t("16:9 slide")), ("custom", t("Custom size"))], "double", t("Size")),
        html.Div([
            html.Label([t("Width (mm)"), " ", dcc.Input(id=WIDTH, type="number", min=40, max=600, value=120,
                                                        debounce=True)]),
            html.Label([" ", t("Height (mm)"), " ", dcc.Input(id=HEIGHT, type="number", min=40, max=600,
                                                              value=90, debounce=True)]),
        ], className="export-custom"),
        _radio(DPI, [("300", "300 dpi"), ("600", "600 dpi")], "300", t("PNG resolution")),
        _radio(LANG, LANG_OPTIONS, lang, t("Language of title, legend and caption")),
        _radio(NAMES, [(v, t("In the figure's language") if v == "local" else label) for v, label in NAMES_OPTIONS],
               "local", t("Place names on the map")),
        dcc.Checklist(id=GRAY, options=[{"label": " " + t("Grayscale-safe variant"), "value": "1"}], value=[],
                      className="export-gray"),
        html.Button(t("Download figure"), id=BUTTON, n_clicks=0, className="export-button"),
        html.Div(id=STATUS, role="status", **{"aria-live": "polite"}),
        dcc.Download(id=DOWNLOAD),
    ], id=PANEL, className="export-panel", lang=lang)


def page_lang(search: str | None) -> str:
    """The page's UI language from its URL (`lang=`), English when absent or unknown."""
    values = parse_qs((search or "").lstrip("?")).get("lang") or ["en"]
    return values[-1] if values[-1] in LANGUAGES else "en"


def args_from(search: str | None, fmt: str, size: str, width: Any, height: Any, dpi: str, lang: str,
              names: str, gray: list | None) -> dict[str, str]:
    """The /export query of the page state (URL search) plus the panel's options."""
    state = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()
             if k in ("date", "mode", "pov", "diff", "event", "unit", "view", "date2", "pov2", "event2")}
    args = {**state, "format": fmt or "pdf", "size": size or "double", "dpi": str(dpi or "300"),
            "lang": lang or page_lang(search), "names": names or "local", "grayscale": "1" if gray else "0"}
    if args.get("mode") == "event" and not args.get("event"):
        args.pop("mode")
    if args.get("view") not in (None, "map", "compare"):
        args.pop("view")
    if args["size"] == "custom":
        args["width_mm"] = "" if width is None else str(width)
        args["height_mm"] = "" if height is None else str(height)
    return args


def _text(value: Any) -> str | None:
    """A callback value as text; anything a browser could not have sent (lists, dicts, booleans) is absent."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def register_export_callbacks(app: Dash, engine: Any, url_id: str = URL_ID) -> None:
    @app.callback(Output(WIDTH, "disabled"), Output(HEIGHT, "disabled"), Output(DPI, "style"),
                  Input(SIZE, "value"), Input(FORMAT, "value"))
    def _toggle(size, fmt):
        custom = size == "custom"
        return not custom, not custom, ({} if fmt == "png" else {"opacity": 0.5})

    @app.callback(Output(DOWNLOAD, "data"), Output(STATUS, "children"),
                  Input(BUTTON, "n_clicks"),
                  State(url_id, "search"), State(FORMAT, "value"), State(SIZE, "value"), State(WIDTH, "value"),
                  State(HEIGHT, "value"), State(DPI, "value"), State(LANG, "value"), State(NAMES, "value"),
                  State(GRAY, "value"), State(url_id, "href"),
                  prevent_initial_call=True)
    def _download(n, search, fmt, size, width, height, dpi, lang, names, gray, href):
        if not n:
            return no_update, no_update
        search, fmt, size, dpi, lang, names, href = map(_text, (search, fmt, size, dpi, lang, names, href))
        width, height = _text(width), _text(height)
        gray = gray if isinstance(gray, list) else None
        base = (href or "").split("?")[0] or None
        t = gettext_for(page_lang(search))
        try:
            req = request_from_args(args_from(search, fmt, size, width, height, dpi, lang, names, gray),
                                    base_url=base)
            result = compose.export_figure(engine, req)
        except ExportParamError as exc:
            return no_update, t("Cannot export: {reason}", reason=f"{exc.parameter}: {exc.message}")
        except (render.RenderError, finish.ConvertError) as exc:
            return no_update, t("Cannot export: {reason}", reason=str(exc))
        return dcc.send_bytes(result.data, result.filename), t("Exported {filename}", filename=result.filename)
