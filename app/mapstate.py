"""The state of a map view: its constants, one parser and one serialiser (pure: no Dash, no I/O, no other app module
but the ids). Every surface reads and writes a state through here: the page (its address, Share, the boot state it
ships), GET /export, the CLI, the lessons, the API; assets/mapstate.js mirrors `serialise` (a test checks parity).

Query parameters (all optional; written in this order, each only when it differs from its default):
  date=YYYY-MM-DD   shown date, MIN_DATE … MAX_DATE                 default DEFAULT_DATE (1945-09-05)
  mode=date|event   "On this date" or "Treaty or proposal"          default date
  pov=…             point of view (POVS; old alias soviet = russia) default de_facto
  diff=1            mark units where the points of view disagree    default off
  event=<id>        the event shown in event mode                   default none
  unit=<id>         the selected territory                          default none
  tab=…             the details panel's open tab (TABS)             default place with a unit, else why
  names=…           names convention of the labels (NAMES; local: the interface language)   default local
  lang=…            language of the interface (LANGS)               default en
  view=…            page view (VIEWS)                               default map
  tour=key, step=N  a guided tour and its 1-based step (step only with a tour)
  date2, pov2, event2   compare: side B                             default DEFAULT_DATE2, de_facto, none
  play=1            start playing on open; one-shot: never written back once the page runs
See docs/url.md.

`parse(query, strict=False)` (the page) never raises: an invalid value falls back to its default with a notice.
`parse(query, strict=True)` (the API, the CLI, /export, the lessons) raises ParamError naming the parameter and
what is allowed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlencode

from app import ids

MIN_DATE = dt.date(1905, 1, 1)  # the epoch: day 0 of the slider, the first day shown
MAX_DATE = dt.date(1956, 12, 31)  # the last day shown
MAX_DAY = (MAX_DATE - MIN_DATE).days
DEFAULT_DATE = dt.date(1945, 9, 5)
DEFAULT_DATE2 = MAX_DATE

MODES = ("date", "event")
POVS = ("de_facto", "japan", "russia", "usa")
POV_ALIASES = {"soviet": "russia"}  # old point-of-view ids still read from links
NAMES = ("local", "ja", "ru", "both")
FIGURE_NAMES = (*NAMES, "en")  # a figure (strict: /export, the CLI) can also print the English names
VIEWS = ("map", "present", "compare", "embed", "help")
FIGURE_VIEWS = ("map", "compare")  # what a figure can show
TABS = ("why", "place", "key", "table", "sources")


class Language(NamedTuple):
    """An interface language: adding one is a row here plus its catalogue translations/<babel language>/LC_MESSAGES
    (for a derived language, `make zh-hant` writes it)."""

    name: str  # in its own words, in the language switch
    short: str  # the app bar's button
    html: str  # BCP 47 tag for <html lang> and lang= attributes
    babel: str  # Babel locale of its dates
    cjk: str = "JP"  # the Noto Sans CJK face that draws its Han characters (JP, SC, TC)
    derived_from: str = ""  # the data holds no texts of its own: they and the catalogue are converted from this one
    browser: tuple[str, ...] = ()  # Accept-Language tags (lower case, besides the code itself) that ask for it


LANGUAGES = {
    "en": Language("English", "EN", "en", "en_GB"),
    "ja": Language("日本語", "日本語", "ja", "ja_JP"),
    "ru": Language("Русский", "RU", "ru", "ru_RU"),
    "zh": Language("中文（简体）", "简体", "zh-Hans", "zh_Hans_CN", cjk="SC", browser=("zh-hans", "zh-cn", "zh-sg")),
    "zh-Hant": Language("中文（繁體）", "繁體", "zh-Hant", "zh_Hant_TW", cjk="TC", derived_from="zh",
                        browser=("zh-tw", "zh-hk", "zh-mo")),
}
LANGS = tuple(LANGUAGES)
DATA_LANGS = tuple(code for code, lang in LANGUAGES.items() if not lang.derived_from)  # what data files hold
DEFAULT_LANG = LANGS[0]

KNOWN_KEYS = ("date", "mode", "pov", "diff", "event", "unit", "tab", "names", "lang", "view", "tour", "step",
              "date2", "pov2", "event2", "play")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


@dataclass(frozen=True)
class MapState:
    date: dt.date = DEFAULT_DATE
    mode: str = "date"
    pov: str = "de_facto"
    diff: bool = False
    event: str | None = None
    unit: str | None = None
    tab: str | None = None  # None: the state's default tab (default_tab)
    names: str = "local"
    lang: str = DEFAULT_LANG
    view: str = "map"
    tour: str | None = None
    step: int = 1
    date2: dt.date = DEFAULT_DATE2
    pov2: str = "de_facto"
    event2: str | None = None
    play: bool = False
    notices: tuple[str, ...] = field(default=(), compare=False)


# The page's controls that show the state: (component id, property, field). The server writes their values for a
# state (the page's boot state, app/page/boot.py); assets/mapstate.js reads the state back from them.
CONTROLS = (
    (ids.SLIDER, "value", "date"), (ids.MODE, "value", "mode"), (ids.POV, "value", "pov"),
    (ids.DIFF, "value", "diff"), (ids.EVENT_PICK, "value", "event"), (ids.UNIT, "data", "unit"),
    (ids.NAMES, "value", "names"), (ids.VIEW, "data", "view"), (ids.TOUR, "data", "tour"),
    (ids.STEP, "data", "step"), (ids.CMP_DATE2, "value", "date2"), (ids.CMP_POV2, "value", "pov2"),
    (ids.CMP_EVENT2, "value", "event2"),
)


class ParamError(ValueError):
    """A parameter the strict parser refuses (also a figure's file option, app/export/request.py): its name,
    what is wrong and what is allowed, for a 400 answer or the CLI's message."""

    def __init__(self, parameter: str, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.parameter, self.message, self.allowed = parameter, message, allowed


class Notice(str):
    """A notice: its English text (the str itself) plus the msgid and parameters it was made from, so the page shows
    it in the interface language (app/i18n.py notice_text) while the parser stays pure."""

    msgid: str
    params: dict[str, Any]


N_ = str  # marks a notice's msgid for extraction (Babel's default keyword N_); app/i18n.py translates it


def notice(msgid: str, **params: Any) -> Notice:
    """A Notice from a msgid with {placeholders}."""
    out = Notice(msgid.format(**params) if params else msgid)
    out.msgid, out.params = msgid, params
    return out


def normalise_pov(value: object) -> object:
    """A point-of-view id with old aliases replaced (`soviet` → `russia`); other values unchanged."""
    return POV_ALIASES.get(value, value) if isinstance(value, str) else value


def day_index(date: dt.date) -> int:
    """Days since MIN_DATE (the slider's value)."""
    return (date - MIN_DATE).days


def from_day_index(index: int) -> dt.date:
    return MIN_DATE + dt.timedelta(days=int(index))


def default_tab(state: MapState) -> str:
    """The tab a state opens on when it names none: a chosen territory's story, else Why."""
    return "place" if state.unit else "why"


def shown_tab(state: MapState) -> str:
    """The tab the details panel shows for a state (its own, else its default)."""
    return state.tab or default_tab(state)


def _values(query: str | Mapping[str, Any] | None) -> dict[str, str]:
    """The parameters of a search string ("?a=1&b=2"), a Flask/Werkzeug MultiDict or a mapping: the last value of
    each, stripped; a mapping's None values are absent."""
    if query is None or isinstance(query, str):
        raw = parse_qs((query or "").lstrip("?"), keep_blank_values=True)
        return {key: vals[-1].strip() for key, vals in raw.items()}
    if hasattr(query, "getlist"):
        return {key: str(query.getlist(key)[-1]).strip() for key in query}
    return {key: str(value).strip() for key, value in query.items() if value is not None}


def _allowed_dates() -> str:
    return f"a date YYYY-MM-DD from {MIN_DATE.isoformat()} to {MAX_DATE.isoformat()}"


def parse(query: str | Mapping[str, Any] | None, *, strict: bool = False, events: Collection[str] | None = None,
          units: Collection[str] | None = None, tours: Mapping[str, int] | None = None,
          extra: Collection[str] = ()) -> MapState:
    """The state of a query: a search string ("?date=…&…"), a MultiDict (request.args) or a mapping.

    `events`, `units`: the valid ids (None: any id); `tours`: each tour's number of steps (None: any tour, any step).
    `extra`: other parameter names the caller reads itself (a figure's file options), accepted here.
    Lenient (the page): an invalid value becomes its default and a notice (in `notices`). Strict: ParamError.
    A strict parse reads an empty value as absent and also takes the names FIGURE_NAMES.
    """
    values = _values(query)
    notices: list[Notice] = []

    def refuse(parameter: str, message: str, allowed: str, msgid: str, **params: Any) -> None:
        if strict:
            raise ParamError(parameter, message, allowed)
        notices.append(notice(msgid, **params))

    for key in values:
        if key not in KNOWN_KEYS and key not in extra:
            refuse(key, f"unknown parameter {key!r}", ", ".join((*KNOWN_KEYS, *extra)),
                   N_("Unknown URL parameter “{value}” was ignored."), value=key)
    if strict:
        values = {key: value for key, value in values.items() if value != ""}

    def date_of(key: str, default: dt.date) -> dt.date:
        text = values[key]
        try:
            if not ISO_DAY.fullmatch(text):
                raise ValueError(text)
            date = dt.date.fromisoformat(text)
        except ValueError:
            refuse(key, f"{text!r} is not a date YYYY-MM-DD", _allowed_dates(),
                   N_("“{value}” is not a date (YYYY-MM-DD); showing {default}."), value=text,
                   default=default)
            return default
        if MIN_DATE <= date <= MAX_DATE:
            return date
        refuse(key, f"date {text} is outside the map's range {MIN_DATE.isoformat()} … {MAX_DATE.isoformat()}",
               _allowed_dates(), N_("{value} is outside {first} … {last}; showing {default}."), value=text,
               first=MIN_DATE, last=MAX_DATE, default=default)
        return default

    def choice(key: str, allowed: tuple[str, ...], default: str, msgid: str, what: str,
               aliases: Mapping[str, str] | None = None) -> str:
        text = values[key]
        value = (aliases or {}).get(text, text)
        if value in allowed:
            return value
        refuse(key, f"unknown {what} {text!r}", ", ".join((*allowed, *(aliases or {}))), msgid, value=text)
        return default

    def flag(key: str, msgid: str) -> bool:
        text = values[key]
        if text in ("0", "1") or (text == "" and not strict):
            return text == "1"
        refuse(key, f"{key} must be 0 or 1, not {text!r}", "0, 1", msgid, value=text)
        return False

    def known(key: str, valid: Collection[str] | None, what: str, msgid: str) -> str | None:
        text = values[key]
        if not text:
            return None
        if valid is None or text in valid:
            return text
        refuse(key, f"unknown {what} {text!r}", _listed(valid, what), msgid, value=text)
        return None

    got: dict[str, Any] = {}
    if "date" in values:
        got["date"] = date_of("date", DEFAULT_DATE)
    if "mode" in values:
        got["mode"] = choice("mode", MODES, "date", N_("Unknown mode “{value}”; showing “On this date”."), "mode")
    if "pov" in values:
        got["pov"] = choice("pov", POVS, "de_facto", N_("Unknown point of view “{value}”; showing de facto control."),
                            "point of view", POV_ALIASES)
    if "diff" in values:
        got["diff"] = flag("diff", N_("diff must be 1 or 0, not “{value}”; disagreements are not marked."))
    if "event" in values:
        got["event"] = known("event", events, "event", N_("Unknown event “{value}”; no event is selected."))
    if "unit" in values:
        got["unit"] = known("unit", units, "territory", N_("Unknown territory “{value}”; no territory is selected."))
    if "names" in values:
        got["names"] = choice("names", FIGURE_NAMES if strict else NAMES, "local",
                              N_("Unknown names convention “{value}”; showing the names in the page's language."),
                              "names convention")
    if "lang" in values:
        got["lang"] = choice("lang", LANGS, DEFAULT_LANG, N_("Unknown language “{value}”; showing English."),
                             "language")
    if "view" in values:
        got["view"] = choice("view", VIEWS, "map", N_("Unknown view “{value}”; showing the map."), "view")
    if "tour" in values:
        got["tour"] = known("tour", tours, "tour", N_("Unknown tour “{value}”; no tour is shown."))
    if "step" in values:
        text, tour = values["step"], got.get("tour")
        last = (tours or {}).get(tour, 10**6) if tour else 0
        if tour is None:
            if "tour" not in values:
                refuse("step", "step needs a tour", "tour=key",
                       N_("step needs a tour (e.g. tour=key); it was ignored."))
        elif text.isdigit() and 1 <= int(text) <= last:
            got["step"] = int(text)
        else:
            refuse("step", f"step {text!r} is not a step of the tour", f"1 … {last}",
                   N_("Step “{value}” is not a step of the tour (1 … {last}); showing step 1."), value=text, last=last)
    if "date2" in values:
        got["date2"] = date_of("date2", DEFAULT_DATE2)
    if "pov2" in values:
        got["pov2"] = choice("pov2", POVS, "de_facto",
                             N_("Unknown point of view “{value}” for side B; showing de facto control."),
                             "point of view", POV_ALIASES)
    if "event2" in values:
        got["event2"] = known("event2", events, "event",
                              N_("Unknown event “{value}” for side B; no event is selected."))
    if "play" in values:
        got["play"] = flag("play", N_("play must be 1 or 0, not “{value}”; the map does not play."))
    state = MapState(**got)
    if state.mode == "event" and state.event is None:
        refuse("event", "mode=event needs an event", "an event id (GET /api/events)",
               N_("Treaty-or-proposal mode needs an event; showing “On this date”."))
        state = replace(state, mode="date")
    if values.get("tab"):
        text = values["tab"]
        if text in TABS:
            state = replace(state, tab=text if text != default_tab(state) else None)
        else:
            refuse("tab", f"unknown tab {text!r}", ", ".join(TABS), N_("Unknown tab “{value}” was ignored."),
                   value=text)
    return replace(state, notices=tuple(notices))


def _listed(valid: Collection[str], what: str) -> str:
    """The valid ids, or for a long list (the events) where to find them."""
    if len(valid) > 40:
        return f"a {what} id (GET /api/{what}s)"
    return ", ".join(sorted(valid))


def serialise(state: MapState) -> str:
    """The search string of a state ("?…"): the date, then every parameter that differs from its default, in the
    order of KNOWN_KEYS (assets/mapstate.js serialise is its mirror)."""
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
    if state.tab and state.tab != default_tab(state):
        params.append(("tab", state.tab))
    if state.names != "local":
        params.append(("names", state.names))
    if state.lang != DEFAULT_LANG:
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


def to_json(state: MapState) -> dict[str, Any]:
    """A state as JSON (dates as ISO days, no notices): what the page ships and assets/mapstate.js holds."""
    out = {key: getattr(state, key) for key in KNOWN_KEYS}
    out["date"], out["date2"] = state.date.isoformat(), state.date2.isoformat()
    return out


def to_controls(state: MapState) -> dict[tuple[str, str], Any]:
    """The value each control (component id, property) takes to show a state."""
    values = {name: getattr(state, name) for _i, _p, name in CONTROLS}
    values["date"], values["date2"] = day_index(state.date), day_index(state.date2)
    values["diff"] = ["1"] if state.diff else []
    return {(cid, prop): values[name] for cid, prop, name in CONTROLS}


def _day(value: Any, default: dt.date) -> dt.date:
    ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= MAX_DAY
    return from_day_index(int(value)) if ok else default


def _id(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def from_controls(**controls: Any) -> MapState:
    """The state the page's controls show (callbacks' inputs: any subset of the fields, each as its control holds
    it: days as slider values, diff as a checklist); anything a control cannot hold becomes the default. Treaty mode
    without an event is the date mode (assets/mapstate.js fromControls is its mirror)."""
    base = MapState()
    got: dict[str, Any] = {}
    for name, value in controls.items():
        if name in ("date", "date2"):
            got[name] = _day(value, getattr(base, name))
        elif name in ("pov", "pov2"):
            got[name] = value if value in POVS else "de_facto"
        elif name == "diff":
            got[name] = bool(value) and isinstance(value, list | tuple | bool)
        elif name in ("event", "unit", "event2", "tour"):
            got[name] = _id(value)
        elif name == "step":
            got[name] = value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else 1
        elif name == "tab":
            got[name] = value if value in TABS else None
        elif name in ("mode", "names", "lang", "view"):
            allowed = {"mode": MODES, "names": NAMES, "lang": LANGS, "view": VIEWS}[name]
            got[name] = value if value in allowed else getattr(base, name)
        else:
            raise TypeError(f"from_controls: no field {name!r}")
    state = MapState(**got)
    if state.mode == "event" and state.event is None:
        state = replace(state, mode="date")
    return state
