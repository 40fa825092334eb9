"""What to export, checked: one parameter model for the CLI, GET /export and the page's Download panel.

The URL-state names are the page's (app/mapstate.py: date, mode, pov, diff, event, unit, names, view,
date2, pov2, event2, lang); the file options are format, size, width_mm, height_mm, dpi, grayscale. The
point of view `soviet` is an alias of `russia`.
A bad value raises ExportParamError naming the parameter and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

from app import mapstate as us
from app.export.sizes import DPIS, FORMATS, MIME, PageSize, SizeError, check_pixels, page_size, parse_mm

LANGS = ("en", "ja", "ru", "zh")
# Names conventions of the map labels: `local` = the figure's language (the page's default); ja / ru / both
# as on the page; en kept for old links.
NAMES = ("local", "ja", "ru", "both", "en")
VIEWS = ("map", "compare")
PUBLIC_URL_ENV = "ATLAS_PUBLIC_URL"
FILE_KEYS = ("format", "size", "width_mm", "height_mm", "dpi", "grayscale")
# The page's parameter names an export understands (its URL may carry them all), and the file options.
URL_KEYS = ("date", "mode", "pov", "diff", "event", "unit", "names", "lang", "view", "date2", "pov2", "event2")
PAGE_ONLY_KEYS = ("tour", "step", "play")  # accepted from a page URL, without effect on a figure
KNOWN = (*URL_KEYS, *PAGE_ONLY_KEYS, *FILE_KEYS)


class ExportParamError(ValueError):
    def __init__(self, parameter: str, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.parameter, self.message, self.allowed = parameter, message, allowed


def public_base_url(explicit: str | None = None) -> str | None:
    """The public address a printed permalink points to: --base-url / base_url, else ATLAS_PUBLIC_URL,
    else none (a figure then carries no permalink: a loopback address is a dead link on paper)."""
    for value in (explicit, os.environ.get(PUBLIC_URL_ENV)):
        if value and value.strip() and not _is_loopback(value):
            return value.strip()
    return None


def _is_loopback(url: str) -> bool:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower()).split("/")[0].rsplit(":", 1)[0]
    return host in ("localhost", "127.0.0.1", "[::1]", "0.0.0.0") or host.startswith("127.")


def povs() -> tuple[str, ...]:
    """The points of view a figure can take: the page's (app/mapstate.POVS), plus the `soviet` alias."""
    return tuple(dict.fromkeys((*us.POVS, "soviet")))


def normalise_pov(pov: str) -> str:
    """`soviet` → `russia` (the alias kept for old links), as the page reads it."""
    return str(us.normalise_pov(pov))


@dataclass(frozen=True)
class ExportRequest:
    """The URL state (date, mode, pov, diff, event, unit, names; side B for view=compare) and file options."""

    date: dt.date = us.DEFAULT_DATE
    mode: str = "date"
    pov: str = "de_facto"
    diff: bool = False
    event: str | None = None
    unit: str | None = None
    names: str = "local"
    lang: str = "en"
    view: str = "map"
    date2: dt.date = us.DEFAULT_DATE2
    pov2: str = "de_facto"
    event2: str | None = None
    fmt: str = "svg"
    size: str = "double"
    width_mm: float | None = None
    height_mm: float | None = None
    dpi: int = 300
    grayscale: bool = False
    base_url: str | None = None
    key_rows: tuple | None = field(default=None, compare=False)  # a series' one key (set by series.py)

    @property
    def page(self) -> PageSize:
        return page_size(self.size, self.width_mm, self.height_mm)

    def side_b(self) -> ExportRequest:
        """The request of the compare figure's right panel (side B), as a one-panel request."""
        mode = "event" if self.event2 else "date"
        return replace(self, view="map", date=self.date2, pov=self.pov2, event=self.event2, mode=mode)

    def url_state(self) -> us.MapState:
        names = self.names if self.names in us.NAMES else "both"
        pov = self.pov if self.pov in us.POVS else "de_facto"
        pov2 = self.pov2 if self.pov2 in us.POVS else "de_facto"
        lang = self.lang if self.lang in us.LANGS else "en"
        return us.MapState(date=self.date, mode=self.mode, pov=pov, diff=self.diff, event=self.event,
                           unit=self.unit, names=names, lang=lang, view=self.view, date2=self.date2,
                           pov2=pov2, event2=self.event2)

    def permalink(self) -> str | None:
        base = public_base_url(self.base_url)
        return None if base is None else base.rstrip("/") + "/" + us.serialise(self.url_state())


def _allowed_dates() -> str:
    return f"a date YYYY-MM-DD from {us.MIN_DATE.isoformat()} to {us.MAX_DATE.isoformat()}"


def valid_targets(engine: Any) -> list[str]:
    """Every territory id `unit=` accepts: units and their features."""
    out = list(engine.units)
    for features in engine.units.values():
        out += [f for f in features if f not in out]
    return out


def validate(engine: Any, req: ExportRequest) -> ExportRequest:
    """Check every field against the engine; raise ExportParamError naming the parameter."""
    if req.fmt not in MIME:
        raise ExportParamError("format", f"unknown format {req.fmt!r}", ", ".join(FORMATS))
    for name, date in (("date", req.date), ("date2", req.date2)):
        if not (us.MIN_DATE <= date <= us.MAX_DATE):
            raise ExportParamError(name, f"date {date.isoformat()} is outside the map's range "
                                   f"{us.MIN_DATE.isoformat()} … {us.MAX_DATE.isoformat()}", _allowed_dates())
    if req.mode not in us.MODES:
        raise ExportParamError("mode", f"unknown mode {req.mode!r}", ", ".join(us.MODES))
    if req.view not in VIEWS:
        raise ExportParamError("view", f"a figure shows view=map or view=compare, not {req.view!r}", ", ".join(VIEWS))
    allowed_povs = povs()
    pov, pov2 = normalise_pov(req.pov), normalise_pov(req.pov2)
    for name, value in (("pov", pov), ("pov2", pov2)):
        if value not in allowed_povs:
            raise ExportParamError(name, f"unknown point of view {value!r}", ", ".join(allowed_povs))
    for name, value in (("event", req.event), ("event2", req.event2)):
        if value is not None and value not in engine.events:
            raise ExportParamError(name, f"unknown event {value!r}", "an event id (GET /api/events)")
    if req.mode == "event" and req.event is None:
        raise ExportParamError("event", "mode=event needs an event", "an event id (GET /api/events)")
    if req.unit is not None and req.unit not in valid_targets(engine):
        raise ExportParamError("unit", f"unknown territory {req.unit!r}", ", ".join(valid_targets(engine)))
    if req.names not in NAMES:
        raise ExportParamError("names", f"unknown names convention {req.names!r}", ", ".join(NAMES))
    if req.lang not in LANGS:
        raise ExportParamError("lang", f"unknown language {req.lang!r}", ", ".join(LANGS))
    try:
        page = req.page
        if req.fmt == "png":
            check_pixels(page, req.dpi)
    except SizeError as exc:
        raise ExportParamError(exc.parameter, exc.message, exc.allowed) from None
    return replace(req, pov=pov, pov2=pov2)


def _date(parameter: str, raw: str | None, default: dt.date) -> dt.date:
    if not raw:
        return default
    try:
        if len(raw) != 10:
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ExportParamError(parameter, f"{raw!r} is not a date YYYY-MM-DD", _allowed_dates()) from None


def _flag(parameter: str, raw: str | None) -> bool:
    value = raw or "0"
    if value not in ("0", "1"):
        raise ExportParamError(parameter, f"{parameter} must be 0 or 1, not {value!r}", "0, 1")
    return value == "1"


def request_from_args(args: Any, base_url: str | None = None) -> ExportRequest:
    """Query parameters (GET /export, the page's panel) → ExportRequest; unknown names are refused."""
    for key in args:
        if key not in KNOWN:
            raise ExportParamError(key, f"unknown parameter {key!r}", ", ".join(KNOWN))

    def get(name: str, default: str | None = None) -> str | None:
        value = args.get(name)
        return default if value is None else value.strip()

    fmt = (get("format", "svg") or "svg").lower()
    if fmt not in FORMATS:
        raise ExportParamError("format", f"unknown format {fmt!r}", ", ".join(FORMATS))
    size = get("size", "double") or "double"
    try:
        width_mm = parse_mm("width_mm", get("width_mm"))
        height_mm = parse_mm("height_mm", get("height_mm"))
    except SizeError as exc:
        raise ExportParamError(exc.parameter, exc.message, exc.allowed) from None
    if size != "custom" and (width_mm is not None or height_mm is not None):
        size = "custom" if width_mm is not None and height_mm is not None else size
    dpi_text = get("dpi", "300") or "300"
    if dpi_text not in {str(d) for d in DPIS}:
        raise ExportParamError("dpi", f"dpi must be 300 or 600, not {dpi_text!r}", "300, 600")
    return ExportRequest(
        date=_date("date", get("date"), us.DEFAULT_DATE), mode=get("mode", "date") or "date",
        pov=get("pov", "de_facto") or "de_facto", diff=_flag("diff", get("diff")), event=get("event") or None,
        unit=get("unit") or None, names=get("names", "local") or "local", lang=get("lang", "en") or "en",
        view=get("view", "map") or "map", date2=_date("date2", get("date2"), us.DEFAULT_DATE2),
        pov2=get("pov2", "de_facto") or "de_facto", event2=get("event2") or None, fmt=fmt, size=size,
        width_mm=width_mm, height_mm=height_mm, dpi=int(dpi_text), grayscale=_flag("grayscale", get("grayscale")),
        base_url=base_url)


# ------------------------------------------------------------------------------------------ names of files
def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "map"


def event_slug(event_id: str) -> str:
    """san_francisco_treaty_1951 -> san-francisco-treaty; us_draft_1951_03 -> us-draft."""
    parts = event_id.split("_")
    while len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
    return slug("-".join(parts))


def shown_date(engine: Any, req: ExportRequest) -> dt.date:
    """The day a request shows: its date, or in event mode the event's date."""
    if req.mode == "event" and req.event:
        return dt.date.fromisoformat(str(engine.events[req.event].sort_date))
    return req.date


def _side_stem(engine: Any, req: ExportRequest) -> str:
    date = shown_date(engine, req)
    if req.mode == "event" and req.event:
        return f"{date.isoformat()}_{event_slug(req.event)}_provides"
    cur = engine.current_event(date)
    middle = event_slug(cur) if cur else "map"
    return f"{date.isoformat()}_{middle}_{req.pov}" + ("_diff" if req.diff else "")


def size_tag(req: ExportRequest) -> str:
    if req.size == "custom":
        return f"{req.width_mm:g}x{req.height_mm:g}mm"
    return req.size


def filename(engine: Any, req: ExportRequest) -> str:
    """What the file holds: date, event in force, view (both sides of a comparison), size, language, grey, dpi."""
    stem = _side_stem(engine, req)
    if req.view == "compare":
        b = req.side_b()
        stem += "_vs_" + (_side_stem(engine, b) if b.date != req.date else
                          (f"{event_slug(b.event)}_provides" if b.mode == "event" and b.event else b.pov))
    stem += f"_{size_tag(req)}_{req.lang}"
    if req.grayscale:
        stem += "_gray"
    if req.fmt == "png":
        stem += f"_{req.dpi}dpi"
    return f"{stem}.{req.fmt}"
