"""Classroom narration and guided tours: two or three sentences per key event, each citing its sources.

The narrations and tours are data (content/narration.yaml, four languages each). Every narration names source keys
that exist in geodata/timeline/*.yaml (tests/unit/test_narration.py checks them against the loaded timeline), and
every sentence restates what those sources and the event's own summary say; nothing here is a new fact. Events
without a narration fall back to their sourced `summary` in the data.

A tour is an ordered list of steps. A step shows one event: on the date given (else the day the event took effect on
the map: entry into force, else its sort date) in "On this date" mode, or, for drafts and proposals that never took
effect, in "Treaty or proposal" mode (what it would have provided); in the point of view its story needs (a pair of
views is two steps on one day), and on the part of the map it needs (`view`: a named view of app/cartography/views.py
STEP_VIEWS, e.g. the southern Kurils zoomed; else the map's own). A tour may end with the epilogue (`epilogue:
true`): what happened after 1956, told on the map's last day (app/epilogue.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app import PROJECT_ROOT, DataFileError
from app.cartography.views import STEP_VIEWS
from app.epilogue import epilogue_title
from app.i18n import _, derived, gettext_for, language_from_request, localised, normalise_lang
from app.mapstate import DATA_LANGS, MAX_DATE, MIN_DATE, MODES, POVS, day_index

CONTENT_FILE = PROJECT_ROOT / "content" / "narration.yaml"


def _fail(item: str, field: str, problem: str) -> DataFileError:
    return DataFileError(f"{CONTENT_FILE.relative_to(PROJECT_ROOT)}: {item}: {field}: {problem}")


def load_content(path: Path = CONTENT_FILE) -> tuple[dict, dict, dict]:
    """(narrations, translations, tours) from the content file, in the shapes the page uses; a broken file stops
    the app at start with the file, the item and the field named."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, ValueError) as error:   # ValueError: a date YAML cannot read (1905-13-40)
        raise DataFileError(f"{path.name}: cannot be read: {error}") from error
    narrations: dict[str, tuple[str, list[str]]] = {}
    translations: dict[str, dict[str, str]] = {lang: {} for lang in DATA_LANGS[1:]}
    for event_id, item in (data.get("narrations") or {}).items():
        if not isinstance(item, dict):
            raise _fail(event_id, "narration", "must be a mapping")
        for lang in DATA_LANGS:
            if not isinstance(item.get(lang), str) or not item[lang].strip():
                raise _fail(event_id, lang, "missing or empty text")
        sources = item.get("sources")
        if not isinstance(sources, list) or not sources or not all(isinstance(k, str) for k in sources):
            raise _fail(event_id, "sources", "a non-empty list of source keys")
        narrations[event_id] = (item["en"].strip(), list(sources))
        for lang, text in derived({code: item[code].strip() for code in DATA_LANGS}).items():
            if lang != DATA_LANGS[0]:
                translations.setdefault(lang, {})[event_id] = text
    tours: dict[str, list[tuple[str, str | None, str, str, str | None]]] = {}
    for name, steps in (data.get("tours") or {}).items():
        if not isinstance(steps, list) or not steps:
            raise _fail(name, "steps", "a non-empty list")
        tours[name] = []
        for n, step in enumerate(steps, start=1):
            where = f"{name} step {n}"
            if isinstance(step, dict) and step.get("epilogue") is True:
                if n != len(steps):
                    raise _fail(where, "epilogue", "only the last step")
                tours[name].append((EPILOGUE_STEP, None, "date", "de_facto", None))
                continue
            if not isinstance(step, dict) or not isinstance(step.get("event"), str):
                raise _fail(where, "event", "an event id")
            mode = step.get("mode", "date")
            if mode not in MODES:
                raise _fail(where, "mode", f"one of {', '.join(MODES)}")
            date = step.get("date")
            if date is not None:
                try:
                    date = dt.date.fromisoformat(str(date)).isoformat()
                except ValueError as error:
                    raise _fail(where, "date", "YYYY-MM-DD") from error
            pov = step.get("pov", "de_facto")
            if pov not in POVS:
                raise _fail(where, "pov", f"one of {', '.join(POVS)}")
            view = step.get("view")
            if view is not None and view not in STEP_VIEWS:
                raise _fail(where, "view", f"one of {', '.join(STEP_VIEWS)}")
            tours[name].append((step["event"], date, mode, pov, view))
    return narrations, translations, tours


EPILOGUE_STEP = "epilogue"  # a tour's last step: what happened after 1956 (app/epilogue.py), on the map's last day


# event id -> (narration, [source keys]); language -> event id -> narration;
# tour -> [(event, date, mode, point of view, step view or None)]
NARRATION, NARRATION_TRANSLATIONS, TOURS = load_content()
TOUR_TITLES = {"key": _("Key events, 1905–1956")}


@dataclass(frozen=True)
class Step:
    n: int  # 1-based
    event: str
    date: dt.date
    mode: str
    title: str
    pov: str = "de_facto"
    epilogue: bool = False  # the card of what happened after 1956; `event` is then the tour's last event
    view: str | None = None  # a named view of app/cartography/views.py STEP_VIEWS; None: the map's own


def effective_date(engine: Any, event_id: str) -> dt.date:
    """The day an event took effect on the map: entry into force, else its sort date (clamped to the range)."""
    ev = engine.events[event_id]
    day = ev.dates.get("in_force") or ev.sort_date
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return min(max(day, MIN_DATE), MAX_DATE)


def tour_steps(engine: Any, tour: str = "key", lang: str = "en") -> list[Step]:
    """The tour's steps; titles in `lang` (the data's own four-language titles)."""
    out = []
    for n, (event_id, date, mode, pov, view) in enumerate(TOURS[tour], start=1):
        if event_id == EPILOGUE_STEP:
            out.append(Step(n, out[-1].event, MAX_DATE, mode, epilogue_title(lang), pov, epilogue=True))
            continue
        day = dt.date.fromisoformat(date) if date else effective_date(engine, event_id)
        out.append(Step(n, event_id, day, mode, localised(engine.events[event_id].title, lang)[0], pov, view=view))
    return out


def tour_lengths() -> dict[str, int]:
    return {name: len(steps) for name, steps in TOURS.items()}


def tour_title(tour: str, lang: str = "en") -> str:
    return gettext_for(lang)(TOUR_TITLES.get(tour, tour))


def js_strings(lang: str) -> dict[str, str]:
    """Interface strings assets/classroom.js shows (the tour store's "i18n" entry)."""
    t = gettext_for(lang)
    return {"reducedMotion": t("Autoplay is off because your system asks for reduced motion. "
                               "Press Play to start."),
            "iframeTitle": t("Sakhalin and the Kurils, 1905–1956")}


def tour_store(engine: Any, lang: str | None = None) -> dict:
    """What assets/classroom.js needs: per tour, per step the slider day, mode, event, title, point of view and view
    (a name in assets/constants.js GEO_VIEWS, or null); and,
    under "i18n" (never a tour name), its interface strings in the page's language (`lang`, else the
    language of the request the layout is built for)."""
    lang = normalise_lang(lang if lang is not None else language_from_request())
    out: dict[str, Any] = {
        name: [{"n": s.n, "event": s.event, "day": day_index(s.date), "date": s.date.isoformat(),
                "mode": s.mode, "title": s.title, "pov": s.pov, "epilogue": s.epilogue, "view": s.view}
               for s in tour_steps(engine, name, lang)]
        for name in TOURS}
    out["i18n"] = js_strings(lang)
    return out


def narration_text(event_id: str, lang: str = "en") -> str:
    """The classroom narration of an event in `lang` (English for "en")."""
    lang = normalise_lang(lang)
    if lang == "en":
        return NARRATION[event_id][0]
    return NARRATION_TRANSLATIONS[lang][event_id]


def narration_for(engine: Any, event_id: str | None, lang: str = "en") -> tuple[str, list[str]] | None:
    """(text, source keys) for an event in `lang`: its classroom narration, else its summary (in the
    data's four languages, English when missing) and sources."""
    if not event_id or event_id not in engine.events:
        return None
    if event_id in NARRATION:
        return narration_text(event_id, lang), NARRATION[event_id][1]
    ev = engine.events[event_id]
    if ev.summary and ev.summary.en:
        return localised(ev.summary, lang)[0], list(ev.sources)
    return None
