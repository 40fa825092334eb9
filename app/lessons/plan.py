"""A lesson: the ordered steps a teacher shows — a tour, a list of events, or a date range by day, month or year —
each with the export figure that draws it and the words that go with it.

    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang="ja"))
    for step in lesson.steps: step.req (the figure, app/export), step.title, step.words (Present's caption)

The three outputs (animation, handout, one-file lesson) read the same plan, so a step says the same on a slide,
on paper and in the file. A tour follows its classroom steps (content/narration.yaml, what Present shows); a list
of events follows the export's series (app/export/series.py: signature and in-force frames, the end state,
unchanged frames skipped); a range has one step per day, month or year. Each step's figure has the key of its own
map (the rows its Frame uses: app/cartography/resolve.py), never lines or statuses of another step's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from app import mapstate as us
from app import narration
from app.citations import TIER_ORDER, Citation, cite, cite_many
from app.export import series
from app.export.caption import disagreements, event_title, pov_label, source_keys
from app.export.request import ExportParamError, ExportRequest, validate
from app.i18n import format_date_for, gettext_for, localised

BY = ("day", "month", "year")
MAX_STEPS = 400  # a range longer than this is refused with the step that would fit
WHAT = series.WHAT


@dataclass(frozen=True)
class LessonSpec:
    """What a teacher asks for: one of tour / events / a date range (start, end, by), and the view."""

    tour: str | None = None
    events: str | None = None  # comma-separated event ids
    start: dt.date | None = None
    end: dt.date | None = None
    by: str = "year"
    pov: str = "de_facto"
    names: str = "local"
    lang: str = "en"
    base_url: str | None = None


@dataclass(frozen=True)
class Words:
    """What the step says beside its map: the event's title, its dates, the point of view, the clause as
    quoted (only where the wording was read: Citation.quote), two or three sentences, the sources."""

    event_title: str
    view: str
    when: str
    text: str
    hint: str
    quote: dict | None
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class Step:
    n: int
    date: dt.date
    mode: str  # date | event
    event: str | None  # the event the step is about (a range: the event in force)
    what: str  # signed | in_force | dated | end_state | provides | on_date
    req: ExportRequest
    title: str
    words: Words
    map_sources: tuple[Citation, ...] = ()  # what the figure's caption cites: the statuses it draws
    geo_view: str | None = None  # the tour step's part of the map (app/cartography/views.py STEP_VIEWS), else whole
    disputes: tuple[str, ...] = ()  # the figure caption's "Sources disagree" questions, the most relevant first


@dataclass(frozen=True)
class Lesson:
    title: str
    range_text: str
    start: dt.date
    end: dt.date
    lang: str
    pov: str
    steps: tuple[Step, ...]
    base: ExportRequest = field(repr=False)
    epilogue: bool = False  # a tour that ends with what happened after 1956 (app/epilogue.py)

    def sources(self) -> list[Citation]:
        """Every step's sources once, in a stable reading order (primary sources first)."""
        seen: dict[tuple[str, str], Citation] = {}
        for step in self.steps:
            for c in (*step.words.sources, *step.map_sources):
                seen.setdefault((c.short, c.full), c)
        return sorted(seen.values(), key=lambda c: (TIER_ORDER.get(c.tier, 9), c.short))

    def permalink(self) -> str | None:
        """The public address of the lesson's first step (none without a public base URL)."""
        return self.steps[0].req.permalink() if self.steps else None


def _date(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _words(engine: Any, event_id: str | None, day: dt.date, pov: str, mode: str, lang: str,
           req: ExportRequest) -> Words:
    from app.page.present import caption_parts

    t = gettext_for(lang)
    view = pov_label(pov, lang, engine, day) if mode == "date" else t("Treaty or proposal: what it provides")
    parts = caption_parts(engine, event_id, day, pov, mode, lang) if event_id else None
    if parts is None:
        keys = source_keys(engine, req)
        return Words(event_title(engine, event_id, lang) if event_id else t("Before the first event"), view, "",
                     "", "", None, tuple(cite_many(engine, keys, lang)))
    ev = engine.events[event_id]
    clause_key = ev.clause.source if ev.clause is not None and ev.clause.source else None
    quote = None
    for key in [k for k in (clause_key, *parts.keys, *ev.sources) if k]:
        if key in engine.timeline.sources:
            quote = cite(engine, key, lang).quote
            if quote:
                break
    keys = list(dict.fromkeys([*([clause_key] if clause_key else []), *parts.keys]))
    return Words(event_title(engine, event_id, lang), parts.view, parts.when, parts.text, parts.hint, quote,
                 tuple(cite_many(engine, keys, lang)))


def _step_title(engine: Any, event_id: str | None, what: str, day: dt.date, lang: str) -> str:
    """The step's one-line title, in the export series' words."""
    t = gettext_for(lang)
    date = format_date_for(day, lang)
    if what == "on_date":
        return date
    name = localised(engine.events[event_id].title, lang)[0] if event_id else t("End state")
    words = {"signed": t("{event}, signed {date}"), "in_force": t("{event}, in force {date}"),
             "dated": t("{event}, {date}"), "end_state": t("End state, {date}"),
             "provides": t("{event}: what it provides")}[what]
    return words.format(event=name, date=date)


def _tour(engine: Any, base: ExportRequest, tour: str) -> list[tuple[str | None, str, dt.date, ExportRequest,
                                                                     str | None]]:
    from app.page.present import moment_of

    if tour not in narration.TOURS:
        raise ExportParamError("tour", f"unknown tour {tour!r}", ", ".join(narration.TOURS))
    out = []
    for s in narration.tour_steps(engine, tour, base.lang):
        if s.epilogue:   # not a map step: the one-file lesson tells it after the last (Lesson.epilogue)
            continue
        if s.mode == "event":
            out.append((s.event, "provides", s.date, replace(base, mode="event", event=s.event, date=s.date,
                                                              pov=s.pov), s.view))
            continue
        moment = moment_of(engine, s.event, s.date)
        what = {"signed": "signed", "in_force": "in_force"}.get(moment, "dated")
        # the figure names the step's own event (its caption and file), as Present's caption does
        # and in the step's point of view: the view its story needs, as Present shows it
        out.append((s.event, what, s.date, replace(base, mode="date", event=s.event, date=s.date, pov=s.pov), s.view))
    return out


def _range_days(start: dt.date, end: dt.date, by: str) -> list[dt.date]:
    days = []
    day = start
    n = 0
    while day <= end:
        days.append(day)
        n += 1
        if by == "day":
            day = start + dt.timedelta(days=n)
        elif by == "month":
            month = start.month - 1 + n
            year = start.year + month // 12
            day = _clamp_day(year, month % 12 + 1, start.day)
        else:
            day = _clamp_day(start.year + n, start.month, start.day)
    return days


def _clamp_day(year: int, month: int, day: int) -> dt.date:
    for d in (day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day, d))
        except ValueError:
            continue
    raise ValueError("no such month")


def _check_range(spec: LessonSpec) -> tuple[dt.date, dt.date]:
    start, end = spec.start or us.MIN_DATE, spec.end or us.MAX_DATE
    for name, day in (("from", start), ("to", end)):
        if not (us.MIN_DATE <= day <= us.MAX_DATE):
            raise ExportParamError(name, f"{day.isoformat()} is outside the map's range",
                                   f"a date from {us.MIN_DATE.isoformat()} to {us.MAX_DATE.isoformat()}")
    if end < start:
        raise ExportParamError("to", f"the range ends ({end.isoformat()}) before it starts ({start.isoformat()})",
                               "a date on or after --from")
    if spec.by not in BY:
        raise ExportParamError("by", f"unknown step {spec.by!r}", ", ".join(BY))
    count = len(_range_days(start, end, spec.by)) if spec.by != "day" else (end - start).days + 1
    if count > MAX_STEPS:
        raise ExportParamError("by", f"{count} steps by {spec.by} from {start.isoformat()} to {end.isoformat()}: "
                               f"a lesson has at most {MAX_STEPS}", "a shorter range or a longer step (month, year)")
    return start, end


def build(engine: Any, spec: LessonSpec) -> Lesson:
    """The lesson's steps, each with its figure request and its words."""
    t = gettext_for(spec.lang)
    base = validate(engine, ExportRequest(pov=spec.pov, names=spec.names, lang=spec.lang, size="slide",
                                          base_url=spec.base_url))
    if spec.tour:
        planned = _tour(engine, base, spec.tour)
        title = narration.tour_title(spec.tour, spec.lang)
    elif spec.events:
        ids = series.event_ids(engine, spec.events, None)
        planned = [(f.event, f.what, f.date, f.req, None) for f in series.frames(engine, base, ids)]
        title = t("; ").join(event_title(engine, e, spec.lang) for e in ids[:3])
        if len(ids) > 3:
            title += t("; ") + t("and {count} more", count=len(ids) - 3)
    else:
        start, end = _check_range(spec)
        planned = []
        for day in _range_days(start, end, spec.by):
            planned.append((engine.current_event(day), "on_date", day, replace(base, mode="date", date=day), None))
        years = f"{start.year}" if start.year == end.year else f"{start.year}–{end.year}"
        title = t("Sakhalin and the Kurils, {years}", years=years)
    if not planned:
        raise ExportParamError("events", "the lesson has no step", "a tour, events or a date range")
    steps = []
    for n, (event_id, what, day, req, geo_view) in enumerate(planned, start=1):
        steps.append(Step(n, day, req.mode, event_id, what, req, _step_title(engine, event_id, what, day, spec.lang),
                          _words(engine, event_id, day, req.pov, req.mode, spec.lang, req),
                          tuple(cite_many(engine, source_keys(engine, req), spec.lang)), geo_view,
                          tuple(disagreements(engine, req))))
    days = [s.date for s in steps]
    first, last = min(days), max(days)
    range_text = t("{start} – {end}", start=format_date_for(first, spec.lang), end=format_date_for(last, spec.lang))
    ends = bool(spec.tour) and narration.tour_steps(engine, spec.tour, spec.lang)[-1].epilogue
    return Lesson(title, range_text, first, last, spec.lang, base.pov, tuple(steps), base, ends)
