"""The state of a map view and its URL: one pure parser and serialiser (no Dash, no I/O), unit-tested.

Query parameters (all optional; order when serialised is the order below):
  date=YYYY-MM-DD   shown date, 1905-01-01 … 1956-12-31            default DEFAULT_DATE (1945-09-05)
  mode=date|event   "On this date" or "Treaty or proposal"          default date
  pov=de_facto|japan|russia|usa   point of view (old: soviet = russia)  default de_facto
  diff=1            mark units where the points of view disagree    default off
  event=<id>        the event shown in event mode                   default none
  unit=<id>         the selected territory unit                     default none
  names=local|ja|ru|both  names convention of the labels (local: the interface language)  default local
  view=map|present|compare|embed|help   page view (classroom)        default map
  tour=key          a guided tour (presentation mode)               default none
  step=N            1-based step of the tour                        default 1 (only with tour)
  date2=YYYY-MM-DD  compare: the date of side B                     default DEFAULT_DATE2 (1956-12-31)
  pov2=…            compare: the point of view of side B            default de_facto
  event2=<id>       compare: the event of side B (event mode)       default none
  play=1            start playing on open (never when the reader asks for reduced motion); one-shot:
                    not written back once the page runs
See docs/url.md.
  lang=en|ja|ru|zh  language of the interface (app/i18n.py)        default en

An invalid value never raises: it falls back to the default and a human-readable notice is returned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qs, urlencode

from app.i18n import _

MIN_DATE = dt.date(1905, 1, 1)
MAX_DATE = dt.date(1956, 12, 31)
DEFAULT_DATE = dt.date(1945, 9, 5)
MODES = ("date", "event")
POVS = ("de_facto", "japan", "russia", "usa")
# Old point-of-view ids still read from links (normalised at this edge; app/timeline/engine.py has the same).
POV_ALIASES = {"soviet": "russia"}
NAMES = ("local", "ja", "ru", "both")
LANGS = ("en", "ja", "ru", "zh")  # interface languages (app/i18n.LANGUAGES); names= is the map labels' own
VIEWS = ("map", "present", "compare", "embed", "help")
DEFAULT_DATE2 = dt.date(1956, 12, 31)
KNOWN_KEYS = ("date", "mode", "pov", "diff", "event", "unit", "names", "lang", "view", "tour", "step", "date2",
              "pov2", "event2", "play")


def normalise_pov(value: object) -> object:
    """A point-of-view id with old aliases replaced (`soviet` → `russia`); other values unchanged."""
    return POV_ALIASES.get(value, value) if isinstance(value, str) else value


@dataclass(frozen=True)
class MapState:
    date: dt.date = DEFAULT_DATE
    mode: str = "date"
    pov: str = "de_facto"
    diff: bool = False
    event: str | None = None
    unit: str | None = None
    names: str = "local"
    lang: str = "en"
    view: str = "map"
    tour: str | None = None
    step: int = 1
    date2: dt.date = DEFAULT_DATE2
    pov2: str = "de_facto"
    event2: str | None = None
    play: bool = False
    notices: tuple[str, ...] = field(default=(), compare=False)


class Notice(str):
    """A notice: its English text (the str itself) plus the msgid and parameters it was made from, so
    the page can show it in the interface language (`notice_text`); the parser stays pure."""

    msgid: str
    params: dict[str, Any]


def notice(msgid: str, **params: Any) -> Notice:
    """A Notice from a marked msgid with {placeholders} and their values."""
    out = Notice(msgid.format(**params) if params else msgid)
    out.msgid, out.params = msgid, params
    return out


def notice_text(item: str, lang: str) -> str:
    """A notice in the interface language (a plain string is shown as it is)."""
    from app.i18n import translate

    if isinstance(item, Notice):
        return translate(item.msgid, lang, **item.params)
    return item


def day_index(date: dt.date) -> int:
    """Days since 1905-01-01 (the slider's value)."""
    return (date - MIN_DATE).days


def from_day_index(index: int) -> dt.date:
    return MIN_DATE + dt.timedelta(days=int(index))


MAX_DAY = day_index(MAX_DATE)


def _parse_date(values: dict, key: str, default: dt.date, notices: list[str]) -> dt.date:
    try:
        date = dt.date.fromisoformat(values[key])
    except ValueError:
        notices.append(notice(_("“{value}” is not a date (YYYY-MM-DD); showing {default}."),
                              value=values[key], default=default.isoformat()))
        return default
    if MIN_DATE <= date <= MAX_DATE:
        return date
    notices.append(notice(_("{value} is outside 1905-01-01 … 1956-12-31; showing {default}."),
                          value=date.isoformat(), default=default.isoformat()))
    return default


def parse(search: str | None, events: set[str] | frozenset[str] = frozenset(),
          units: set[str] | frozenset[str] = frozenset(), tours: dict[str, int] | None = None) -> MapState:
    """Parse a location search string ("?date=…&…" or "") into a MapState.

    `events` and `units` are the valid ids; an unknown id falls back to none with a notice.
    `tours` maps each tour name to its number of steps (None: any tour name "key", any step ≥ 1).
    """
    text = (search or "").lstrip("?")
    try:
        raw = parse_qs(text, keep_blank_values=True, strict_parsing=False)
    except ValueError:  # pragma: no cover - parse_qs is lenient
        raw = {}
    notices: list[str] = []
    values = {key: vals[-1].strip() for key, vals in raw.items()}
    for key in raw:
        if key not in KNOWN_KEYS:
            notices.append(notice(_("Unknown URL parameter “{value}” was ignored."), value=key))
    state = MapState()

    if "date" in values:
        state = replace(state, date=_parse_date(values, "date", DEFAULT_DATE, notices))
    if "mode" in values:
        if values["mode"] in MODES:
            state = replace(state, mode=values["mode"])
        else:
            notices.append(notice(_("Unknown mode “{value}”; showing “On this date”."), value=values["mode"]))
    if "pov" in values:
        if normalise_pov(values["pov"]) in POVS:
            state = replace(state, pov=normalise_pov(values["pov"]))
        else:
            notices.append(notice(_("Unknown point of view “{value}”; showing de facto control."),
                                  value=values["pov"]))
    if "diff" in values:
        if values["diff"] in ("1", "0", ""):
            state = replace(state, diff=values["diff"] == "1")
        else:
            notices.append(notice(_("diff must be 1 or 0, not “{value}”; disagreements are not marked."),
                                  value=values["diff"]))
    if "event" in values and values["event"]:
        if values["event"] in events:
            state = replace(state, event=values["event"])
        else:
            notices.append(notice(_("Unknown event “{value}”; no event is selected."), value=values["event"]))
    if "unit" in values and values["unit"]:
        if values["unit"] in units:
            state = replace(state, unit=values["unit"])
        else:
            notices.append(notice(_("Unknown territory “{value}”; no territory is selected."),
                                  value=values["unit"]))
    if "names" in values:
        if values["names"] in NAMES:
            state = replace(state, names=values["names"])
        else:
            notices.append(notice(_("Unknown names convention “{value}”; showing the names in the page's language."),
                                  value=values["names"]))
    if "lang" in values:
        if values["lang"] in LANGS:
            state = replace(state, lang=values["lang"])
        else:
            notices.append(notice(_("Unknown language “{value}”; showing English."), value=values["lang"]))
    if "view" in values:
        if values["view"] in VIEWS:
            state = replace(state, view=values["view"])
        else:
            notices.append(notice(_("Unknown view “{value}”; showing the map."), value=values["view"]))
    known_tours = tours if tours is not None else {"key": 10**6}
    if "tour" in values and values["tour"]:
        if values["tour"] in known_tours:
            state = replace(state, tour=values["tour"])
        else:
            notices.append(notice(_("Unknown tour “{value}”; no tour is shown."), value=values["tour"]))
    if "step" in values:
        text = values["step"]
        if state.tour is None:
            if "tour" not in values:
                notices.append(notice(_("step needs a tour (e.g. tour=key); it was ignored.")))
        elif text.isdigit() and 1 <= int(text) <= known_tours[state.tour]:
            state = replace(state, step=int(text))
        else:
            notices.append(notice(_("Step “{value}” is not a step of the tour (1 … {last}); showing step 1."),
                                  value=text, last=known_tours[state.tour]))
    if "date2" in values:
        state = replace(state, date2=_parse_date(values, "date2", DEFAULT_DATE2, notices))
    if "pov2" in values:
        if normalise_pov(values["pov2"]) in POVS:
            state = replace(state, pov2=normalise_pov(values["pov2"]))
        else:
            notices.append(notice(_("Unknown point of view “{value}” for side B; showing de facto control."),
                                  value=values["pov2"]))
    if "event2" in values and values["event2"]:
        if values["event2"] in events:
            state = replace(state, event2=values["event2"])
        else:
            notices.append(notice(_("Unknown event “{value}” for side B; no event is selected."),
                                  value=values["event2"]))
    if "play" in values:
        if values["play"] in ("1", "0", ""):
            state = replace(state, play=values["play"] == "1")
        else:
            notices.append(notice(_("play must be 1 or 0, not “{value}”; the map does not play."),
                                  value=values["play"]))
    if state.mode == "event" and state.event is None:
        notices.append(notice(_("Treaty-or-proposal mode needs an event; showing “On this date”.")))
        state = replace(state, mode="date")
    return replace(state, notices=tuple(notices))


def serialise(state: MapState) -> str:
    """The search string for a state ("?…"), every parameter that differs from its default, in a fixed order."""
    params: list[tuple[str, str]] = [("date", state.date.isoformat())]
    if state.mode != "date":
        params.append(("mode", state.mode))
    if state.pov != "de_facto":
        params.append(("pov", state.pov))
    if state.diff:
        params.append(("diff", "1"))
    if state.event:
        params.append(("event", state.event))
    if state.unit:
        params.append(("unit", state.unit))
    if state.names != "local":
        params.append(("names", state.names))
    if state.lang != "en":
        params.append(("lang", state.lang))
    if state.view != "map":
        params.append(("view", state.view))
    if state.tour:
        params.append(("tour", state.tour))
        params.append(("step", str(state.step)))
    if state.date2 != DEFAULT_DATE2 or state.view == "compare":
        params.append(("date2", state.date2.isoformat()))
    if state.pov2 != "de_facto":
        params.append(("pov2", state.pov2))
    if state.event2:
        params.append(("event2", state.event2))
    if state.play:
        params.append(("play", "1"))
    return "?" + urlencode(params)
