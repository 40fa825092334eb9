"""A one-file interactive lesson: one .html with everything inside, for a classroom without a server or a network.

It carries the page's own map: the paint table and event paints (app/cartography/paint_table.py), the map figure
with its inset (app/figures.py, through app.layout.page_map), the page's painter (assets/map_paint.js) and the
page's partial plotly.js bundle (bundles/plotly) — so the colours follow the same rules as the page, looked up by
the same code. Around it: the slider over the lesson's range, ◀ ⏵ ▶, the points of view, the key rows in use
(app/cartography/key.py, precomputed for every change of the map in the range), each step's caption and readable
sources, keyboard and clicker control (app/lessons/static/lesson.js). Plotly's geo topojson is given inline
(window.PlotlyGeoAssets), so nothing is fetched: the file opens from file:// with the network off.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import app
from app import ASSETS_DIR, PROJECT_ROOT, epilogue
from app import mapstate as us
from app.export import caption
from app.i18n import HTML_LANG, format_date_for, gettext_for
from app.lessons.plan import Lesson

STATIC = Path(__file__).resolve().parent / "static"
PLOTLY_BUNDLE = PROJECT_ROOT / "bundles" / "plotly" / "plotly-atlas.min.js"
PAINTER = ASSETS_DIR / "map_paint.js"
CONSTANTS = ASSETS_DIR / "constants.js"  # the painter's ids and date range (app/jsconst.py)
TOPOJSON = ("world_50m", "world_110m", "asia_50m", "asia_110m")
MAX_BYTES = 6 * 1024 * 1024


def _script_text(text: str) -> str:
    """Text safe inside an inline <script> (no early end tag, no HTML comment opener)."""
    return text.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT").replace("<!--", "<\\!--")


def _json(value: Any) -> str:
    return _script_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def lesson_data(engine: Any, lesson: Lesson, table: dict) -> dict:
    """What lesson.js shows: the steps with their words and sources, the range, the points of view, the key."""
    t = gettext_for(lesson.lang)
    start, end = us.day_index(lesson.start), us.day_index(lesson.end)
    steps = []
    for s in lesson.steps:
        w = s.words
        steps.append({
            "n": s.n, "day": us.day_index(s.date), "mode": s.mode, "event": s.event, "title": s.title,
            "eventTitle": w.event_title if s.event else "", "view": w.view, "when": w.when, "text": w.text,
            "hint": w.hint, "quote": w.quote, "pov": s.req.pov if s.mode == "date" else None,
            "geoView": s.geo_view or "home",
            "sources": [{"short": c.short, "full": c.full, "url": c.url} for c in w.sources],
        })
    link = lesson.permalink()
    return {
        "title": lesson.title, "range": lesson.range_text, "lang": lesson.lang, "pov": lesson.pov,
        "start": start, "end": end, "steps": steps,
        "povs": [{"id": p, "label": caption.pov_label(p, lesson.lang)} for p in us.POVS],
        "footer": t("{attribution}. Sakhalin–Kurils atlas {version}, data {data}.", attribution=caption.ATTRIBUTION,
                    version=f"v{app.__version__}", data=caption.dataset_label(engine)),
        "link": link,
        "epilogue": epilogue_data(lesson.lang) if lesson.epilogue else None,
        "i18n": {
            "prev": t("Previous step"), "next": t("Next step"), "play": t("Play"), "pause": t("Pause"),
            "step": t("Step {n} of {total}"), "sources": t("Sources"), "key": t("Key"), "says": t("What it says"),
            "view": t("Point of view"), "slider": t("Date"), "keys": t("Keys: ← → steps · Shift+← → a month · "
                                                                        "1–4 point of view · Space play"),
            "between": t("The map shows {date}; the last step before it:"), "online": t("Online: {url}"),
            "refs": t("References"),
        },
    }


def epilogue_data(lang: str) -> dict:
    """What happened after 1956 (app/epilogue.py), as the file shows it after the tour's last step."""
    ep = epilogue.EPILOGUE
    lang = lang if lang in ep.title else "en"
    return {"title": ep.title[lang], "intro": ep.intro[lang],
            "years": f"{ep.items[0].date.year} – {ep.items[-1].date.year}",
            "items": [{"id": i.id, "date": format_date_for(i.date.isoformat(), lang), "text": i.text[lang],
                       "sources": [{"short": s.short(lang), "brief": s.brief(lang), "full": s.full(lang), "url": s.url}
                                   for s in i.sources]}
                      for i in ep.items]}


def build_html(engine: Any, lesson: Lesson) -> bytes:
    """The lesson as one self-contained HTML file (UTF-8)."""
    from app.layout import page_map

    day = us.day_index(lesson.steps[0].date)
    table, events, fig = page_map(engine, lesson.lang, day)
    from plotly.utils import PlotlyJSONEncoder

    # what Dash sends the page: to_plotly_json keeps the traces' uids, which the painter finds them by
    figure = json.loads(json.dumps(fig.to_plotly_json(), cls=PlotlyJSONEncoder))
    geo_assets = {name: json.loads((ASSETS_DIR / "topojson" / f"{name}.json").read_text(encoding="utf-8"))
                  for name in TOPOJSON}
    template = (STATIC / "lesson.html").read_text(encoding="utf-8")
    parts = {
        "LANG": HTML_LANG.get(lesson.lang, lesson.lang),
        "TITLE": _html_text(f"{lesson.title} · {lesson.range_text}"),
        "STYLE": (STATIC / "lesson.css").read_text(encoding="utf-8"),
        "GEO": "window.PlotlyGeoAssets = {topojson: " + _json(geo_assets) + "};",
        "PLOTLY": _script_text(PLOTLY_BUNDLE.read_text(encoding="utf-8")),
        "SHIM": "window.dash_clientside = {no_update: {}, set_props: function () {}, callback_context: {}};",
        "CONSTANTS": _script_text(CONSTANTS.read_text(encoding="utf-8")),
        "PAINTER": _script_text(PAINTER.read_text(encoding="utf-8")),
        "TABLE": _json(table), "EVENTS": _json(events), "FIGURE": _json(figure),
        "LESSON": _json(lesson_data(engine, lesson, table)),
        "CONTROLLER": _script_text((STATIC / "lesson.js").read_text(encoding="utf-8")),
    }
    data = re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m.group(1)], template).encode("utf-8")
    if len(data) > MAX_BYTES:
        raise ValueError(f"the lesson is {len(data)} bytes, over {MAX_BYTES}")
    return data


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
