"""What to export, checked: a map state (app/mapstate.py) plus file options, for the CLI, GET /export and the
page's Download panel (which sends the state the browser holds, assets/download.js).

The state's parameters are the page's, read by the one parser (mapstate.parse, strict): a page's address can be
pasted, and its page-only parameters (tour, step, tab, play) are accepted without effect. The file options are
format, size, width_mm, height_mm, dpi, grayscale. A bad value raises ExportParamError (mapstate.ParamError) naming
the parameter and what is allowed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field, fields, replace
from typing import Any

from app import mapstate
from app.export.sizes import DPIS, FORMATS, MIME, PageSize, SizeError, check_pixels, page_size, parse_mm
from app.mapstate import MapState
from app.mapstate import ParamError as ExportParamError
from app.narration import tour_lengths

PUBLIC_URL_ENV = "ATLAS_PUBLIC_URL"
FILE_KEYS = ("format", "size", "width_mm", "height_mm", "dpi", "grayscale", "text")
SVG_TEXTS = ("fonts", "paths")  # an SVG's text: set in the named Noto fonts, or drawn as outlines

__all__ = ["ExportParamError", "ExportRequest", "FileOptions", "request_from_args", "validate", "filename"]


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
    """The points of view a figure can take (app/mapstate.POVS) and their old aliases (`soviet`)."""
    return (*mapstate.POVS, *mapstate.POV_ALIASES)


def normalise_pov(pov: str) -> str:
    """`soviet` → `russia` (the alias kept for old links), as the page reads it."""
    return str(mapstate.normalise_pov(pov))


@dataclass(frozen=True)
class FileOptions:
    """How a figure is written: format, page size (named or custom mm), PNG resolution, grayscale, and an SVG's
    text as text in the named fonts or as paths (a journal's layout software may lack Noto)."""

    fmt: str = "svg"
    size: str = "double"
    width_mm: float | None = None
    height_mm: float | None = None
    dpi: int = 300
    grayscale: bool = False
    text: str = "fonts"

    @property
    def page(self) -> PageSize:
        return page_size(self.size, self.width_mm, self.height_mm)


@dataclass(frozen=True)
class ExportRequest(FileOptions, MapState):
    """A map state (date, mode, pov, diff, event, unit, names, lang; side B for view=compare) and file options, and
    where its printed permalink points (`base_url`)."""

    base_url: str | None = None
    key_rows: tuple | None = field(default=None, compare=False)  # a series' one key (set by series.py)

    @property
    def state(self) -> MapState:
        """The map state alone (what the permalink and the page read)."""
        return MapState(**{f.name: getattr(self, f.name) for f in fields(MapState)})

    def side_b(self) -> ExportRequest:
        """The request of the compare figure's right panel (side B), as a one-panel request."""
        mode = "event" if self.event2 else "date"
        return replace(self, view="map", date=self.date2, pov=self.pov2, event=self.event2, mode=mode)

    def url_state(self) -> MapState:
        """The state a page opens for this figure: its names as the page has them (English names: both)."""
        names = self.names if self.names in mapstate.NAMES else "both"
        return replace(self.state, names=names, notices=())

    def permalink(self) -> str | None:
        base = public_base_url(self.base_url)
        return None if base is None else base.rstrip("/") + "/" + mapstate.serialise(self.url_state())


def valid_targets(engine: Any) -> list[str]:
    """Every territory id `unit=` accepts: units and their features."""
    out = list(engine.units)
    for features in engine.units.values():
        out += [f for f in features if f not in out]
    return out


def _checked_state(query: Any, engine: Any | None) -> MapState:
    """The one strict parser, with the engine's ids when there is an engine; a figure shows the map or a
    comparison."""
    ids = {} if engine is None else {"events": engine.events, "units": valid_targets(engine)}
    state = mapstate.parse(query, strict=True, tours=tour_lengths(), extra=FILE_KEYS, **ids)
    if state.view not in mapstate.FIGURE_VIEWS:
        raise ExportParamError("view", f"a figure shows view=map or view=compare, not {state.view!r}",
                               ", ".join(mapstate.FIGURE_VIEWS))
    return state


def _checked_file(req: FileOptions) -> None:
    if req.fmt not in MIME:
        raise ExportParamError("format", f"unknown format {req.fmt!r}", ", ".join(FORMATS))
    try:
        page = req.page
        if req.fmt == "png":
            check_pixels(page, req.dpi)
    except SizeError as exc:
        raise ExportParamError(exc.parameter, exc.message, exc.allowed) from None


def validate(engine: Any, req: ExportRequest) -> ExportRequest:
    """Check every field against the engine: the state goes through the one parser (as its address would), the file
    options through the page sizes. Raises ExportParamError naming the parameter; aliases come back normalised."""
    _checked_file(req)
    state = _checked_state(mapstate.serialise(req), engine)
    return replace(req, **{f.name: getattr(state, f.name) for f in fields(MapState) if f.name != "notices"})


def file_options(args: Any) -> FileOptions:
    """format, size, width_mm, height_mm, dpi, grayscale, text of a query (GET /export, the page's Download
    panel)."""
    values = {key: str(value).strip() for key, value in args.items() if key in FILE_KEYS and value is not None}
    fmt = (values.get("format") or "svg").lower()
    if fmt not in FORMATS:
        raise ExportParamError("format", f"unknown format {fmt!r}", ", ".join(FORMATS))
    size = values.get("size") or "double"
    try:
        width_mm = parse_mm("width_mm", values.get("width_mm"))
        height_mm = parse_mm("height_mm", values.get("height_mm"))
    except SizeError as exc:
        raise ExportParamError(exc.parameter, exc.message, exc.allowed) from None
    if size != "custom" and width_mm is not None and height_mm is not None:
        size = "custom"
    dpi = values.get("dpi") or "300"
    if dpi not in {str(d) for d in DPIS}:
        raise ExportParamError("dpi", f"dpi must be 300 or 600, not {dpi!r}", "300, 600")
    gray = values.get("grayscale") or "0"
    if gray not in ("0", "1"):
        raise ExportParamError("grayscale", f"grayscale must be 0 or 1, not {gray!r}", "0, 1")
    text = values.get("text") or "fonts"
    if text not in SVG_TEXTS:
        raise ExportParamError("text", f"text must be fonts or paths, not {text!r}", ", ".join(SVG_TEXTS))
    return FileOptions(fmt=fmt, size=size, width_mm=width_mm, height_mm=height_mm, dpi=int(dpi),
                       grayscale=gray == "1", text=text)


def request_from_args(args: Any, base_url: str | None = None, engine: Any | None = None) -> ExportRequest:
    """Query parameters (GET /export, the page's panel, the CLI's flags by their page names) → ExportRequest;
    unknown names are refused. With an engine, event and territory ids are checked here too."""
    state = _checked_state(args, engine)
    opts = file_options(args)
    return ExportRequest(**{f.name: getattr(state, f.name) for f in fields(MapState)},
                         **{f.name: getattr(opts, f.name) for f in fields(FileOptions)}, base_url=base_url)


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
    zoom = f"_zoom-{req.unit}" if req.unit else ""
    if req.mode == "event" and req.event:
        return f"{date.isoformat()}_{event_slug(req.event)}_provides{zoom}"
    cur = engine.current_event(date)
    middle = event_slug(cur) if cur else "map"
    return f"{date.isoformat()}_{middle}_{req.pov}" + ("_diff" if req.diff else "") + zoom


def size_tag(req: ExportRequest) -> str:
    if req.size == "custom":
        return f"{req.width_mm:g}x{req.height_mm:g}mm"
    return req.size


def filename(engine: Any, req: ExportRequest) -> str:
    """What the file holds: date, event in force, view (both sides of a comparison), zoom, size, language, grey,
    dpi."""
    stem = _side_stem(engine, req)
    if req.view == "compare":
        b = req.side_b()
        stem += "_vs_" + (_side_stem(engine, b) if b.date != req.date else
                          (f"{event_slug(b.event)}_provides" if b.mode == "event" and b.event else b.pov))
    stem += f"_{size_tag(req)}_{req.lang}"
    if req.grayscale:
        stem += "_gray"
    if req.fmt == "svg" and req.text == "paths":
        stem += "_paths"
    if req.fmt == "png":
        stem += f"_{req.dpi}dpi"
    return f"{stem}.{req.fmt}"
