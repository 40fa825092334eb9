"""A territory's story in plain sentences: who held it on the date shown, what each government said, what was
promised or proposed, and since when — each sentence with its readable citations (Place tab).

The sentences are gettext templates (translations/*.po), filled from the engine's rows; nothing here is a
fact of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import html

from app import pov_label, styles
from app.i18n import _, format_date_for, gettext_for, localised, localised_span
from app.mapstate import MIN_DATE
from app.page.cite import cite_list

# One sentence per role; {period} is "From 2 February 1946" or "From 4 September 1945 to 2 February 1946".
ROLE_SENTENCES = {
    "sovereignty": _("{period}, {actor} held {place} as its own territory ({event})."),
    "military_occupation": _("{period}, {actor} held {place} under military occupation ({event})."),
    "administration": _("{period}, {actor} administered {place} ({event})."),
    "claim": _("{period}, {actor} claimed {place} ({event})."),
    "title": _("{period}, {actor} held title to {place} ({event})."),
    "undetermined": _("{period}, the sovereignty of {place} was undetermined ({event})."),
    "renounced": _("{period}, {actor} had renounced {place} ({event})."),
    "promised": _("{period}, {place} was promised to {actor}: {event}."),
    "proposed": _("{period}, a proposal would have given {place} to {actor}: {event}."),
    "concession": _("{period}, {actor} held a concession in {place} ({event})."),
}
MARKER_ROLES = ("promised", "proposed", "renounced")


def _in_force(row: dict, day: dt.date) -> bool:
    start = dt.date.fromisoformat(row["start"]) if row.get("start") else dt.date.min
    end = dt.date.fromisoformat(row["end"]) if row.get("end") else None
    return start <= day and (end is None or day < end)


def _period(row: dict, lang: str) -> str:
    t = gettext_for(lang)
    start = format_date_for(row["start"], lang) if row.get("start") else ""
    if row.get("end"):
        return t("From {start} to {end}", start=start, end=format_date_for(row["end"], lang))
    return t("From {start}", start=start)


def _actor(engine: Any, actor: str | None, lang: str, day: Any = None, in_text: bool = False) -> str:
    """The actor's name on `day`; `in_text` for its form inside a sentence ("the USSR"), not as a label."""
    names = None
    if actor and in_text and hasattr(engine, "names_in_text_on"):
        names = engine.names_in_text_on(actor, day)
    if names is None and actor and hasattr(engine, "names_on"):
        names = engine.names_on(actor, day)
    if names is None:
        a = engine.timeline.actors.get(actor) if actor else None
        names = a.names if a is not None else None
    return localised(names, lang)[0] if names is not None else (actor or "—")


def _view_name(engine: Any, pov: str, day: Any, lang: str) -> str:
    """The point of view's name on `day` (Russia's names its government then: app.pov_label)."""
    return pov_label.pov_label(engine, pov, day, lang) if pov in styles.POV_LABELS else pov


def _in_text(label: str, lang: str) -> str:
    """A label inside a sentence: English capitalises a label's article ("The USSR's view") only where it begins one."""
    return "the" + label[3:] if lang.startswith("en") and label.startswith("The ") else label


def _sentence_start(text: str) -> str:
    """A sentence that opens with a name in its in-text form ("the USSR claimed it") starts with a capital."""
    return text[:1].upper() + text[1:]


def rows_in_force(engine: Any, unit: str, day: dt.date, pov: str) -> list[dict]:
    """The unit's rows in force on `day` that the story tells: on the ground, in the chosen government's view,
    and every promise, proposal or renunciation in force; the islets' copies of one row are told once."""
    seen: set[tuple] = set()
    out = []
    mine = set(getattr(engine, "asserters", {}).get(pov) or {pov})
    # a marker or claim is told where the point-of-view rule draws it (docs/data_model.md, "Points of view"):
    # in the de facto view a claim made public against the holder, never a title from an old treaty
    drawn = {r.get("id") for r in engine.state(day.isoformat(), pov)["territories"][unit].get("statuses") or []}
    for row in engine.history(unit)["statuses"]:
        if not _in_force(row, day):
            continue
        views = set(row.get("asserted_by") or [])
        told_as_drawn = row["role"] in MARKER_ROLES or (pov == "de_facto" and row["role"] == "claim")
        wanted = "de_facto" in views or views & mine or (
            told_as_drawn and row.get("id") in drawn)
        if not wanted:
            continue
        key = (row["role"], row.get("actor"), row.get("start"), row.get("end"), row.get("event"),
               tuple(sorted(views)))
        if key in seen:
            continue
        seen.add(key)
        out.append(row)
    order = {"de_facto": 0}
    out.sort(key=lambda r: (0 if "de_facto" in r.get("asserted_by", []) else 1 if mine & set(r.get("asserted_by", []))
                            else 2, order.get(r["role"], 1), r.get("start") or ""))
    return out


def sentence(engine: Any, row: dict, place: str, lang: str, day: dt.date | None = None) -> str:
    t = gettext_for(lang)
    ev = engine.events.get(row.get("event"))
    role = row["role"]
    if role == "sovereignty" and "de_facto" not in (row.get("asserted_by") or []):
        role = "title"  # a government's view of whose the place was, not who held it on the ground
    template = ROLE_SENTENCES.get(role, ROLE_SENTENCES["sovereignty"])
    return t(template, period=_period(row, lang), actor=_row_actor(engine, row, lang, day), place=place,
             event=localised(ev.title, lang)[0] if ev is not None else (row.get("event") or ""))


def _row_actor(engine: Any, row: dict, lang: str, day: dt.date | None) -> str:
    """The row's actor as named when the row began and, where the name changed by the shown day, as named then
    ("Soviet Russia (RSFSR), from 30 December 1922 the USSR,"), so the row and the summary name one claimant."""
    first = MIN_DATE.isoformat()
    named_on = max(row.get("start") or first, first)
    actor = row.get("actor")
    then = _actor(engine, actor, lang, named_on, in_text=True)
    if day is None or not actor:
        return then
    now = _actor(engine, actor, lang, day.isoformat(), in_text=True)
    known = engine.timeline.actors.get(actor) if hasattr(engine, "timeline") else None
    changes = [p.start for p in (known.names_from if known is not None else [])
               if named_on < p.start.isoformat() <= day.isoformat()]
    if now == then or not changes:
        return then
    t = gettext_for(lang)
    return t("{first}, from {date} {then},", first=then, date=format_date_for(max(changes).isoformat(), lang), then=now)


def _who_says(engine: Any, row: dict, day: Any, lang: str) -> str:
    """Whose position a row is: on the ground, a point of view of the map, or another government by name
    (the UK's 'renounced' on Iturup shown in Japan's view says "United Kingdom")."""
    t = gettext_for(lang)
    if "de_facto" in (row.get("asserted_by") or []):
        return t("On the ground")
    perspective_of = getattr(engine, "perspective_of", {})
    names: list[str] = []
    for actor in row.get("asserted_by") or []:
        pov = perspective_of.get(actor, actor)
        name = _view_name(engine, pov, day, lang) if pov in styles.POV_LABELS else _actor(engine, actor, lang, day)
        name = _in_text(name, lang) if names else name  # "Japan's view, the Russian Empire's view"
        if name not in names:
            names.append(name)
    return t(", ").join(names) if names else t("Other governments")


def _renounced_in_own_view(terr: dict) -> bool:
    """The view's own government holds it renounced (Japan's view of the Kurils 1952–56): a position, not none."""
    markers = (terr.get("markers") or {}).get("renounced") or []
    by = (terr.get("marker_asserters") or {}).get("renounced") or []
    return any(not (by[i] if i < len(by) else [None]) and not m[1] for i, m in enumerate(markers))


def summary(engine: Any, terr: dict, place: str, day: dt.date, pov: str, lang: str) -> str:
    """One or two sentences: who held it that day, and whom the chosen point of view held sovereign."""
    t = gettext_for(lang)
    when = format_date_for(day, lang)
    parts = []
    holder = terr.get("controlled_by")
    kind = terr.get("control_kind")
    if holder and kind == "military_occupation":
        parts.append(t("On {date} {actor} held {place} under military occupation.", date=when,
                       actor=_actor(engine, holder, lang, day, in_text=True), place=place))
    elif holder and kind == "administration":
        parts.append(t("On {date} {actor} administered {place}.", date=when,
                       actor=_actor(engine, holder, lang, day, in_text=True), place=place))
    elif holder:
        parts.append(t("On {date} {actor} held {place} as its own territory.", date=when,
                       actor=_actor(engine, holder, lang, day, in_text=True), place=place))
    else:
        parts.append(t("On {date} no one is recorded as holding {place}.", date=when, place=place))
    if pov == "de_facto" and terr.get("claimed_by"):
        parts.append(_sentence_start(t("{actors} claimed it.", actors=t(", ").join(
            _actor(engine, a, lang, day, in_text=True) for a in terr["claimed_by"]))))
    if pov != "de_facto":
        sov = terr.get("sovereign")
        view = _view_name(engine, pov, day, lang)
        inside = _in_text(view, lang)
        if sov == "undetermined":
            parts.append(t("In {view}, its sovereignty was undetermined.", view=inside))
        elif sov:
            parts.append(t("In {view}, it belonged to {actor}.", view=inside,
                           actor=_actor(engine, sov, lang, day, in_text=True)))
        elif _renounced_in_own_view(terr):
            parts.append(t("In {view}, it had been renounced, with no recipient named.", view=inside))
        else:
            parts.append(t("{view} stated no position on it.", view=view))
    by = (terr.get("marker_asserters") or {}).get("promised") or []
    for i, (actor, _event) in enumerate((terr.get("markers") or {}).get("promised") or []):
        promised = t("It had been promised to {actor}.", actor=_actor(engine, actor, lang, day, in_text=True))
        others = by[i] if i < len(by) else []
        if others:  # a promise this government only knew of is named as the other governments'
            promised = t("{who}: {what}", who=t(", ").join(_actor(engine, a, lang, day) for a in others),
                         what=promised)
        parts.append(promised)
    return " ".join(parts)


def disagreements_list(found: list[dict], lang: str) -> list:
    """"Sources disagree: …" with each position and its citations (engine.disagreements_for, INTERFACES.md)."""
    t = gettext_for(lang)
    items = []
    for d in found:
        question = d.get("question")
        text = localised(question, lang)[0] if isinstance(question, dict) else str(question or "")
        positions = []
        for p in d.get("positions") or []:
            cites = [c.get("short") for c in p.get("citations") or [] if isinstance(c, dict) and c.get("short")]
            value = p.get("value")
            value = localised(value, lang)[0] if isinstance(value, dict) else str(value or "")
            positions.append(html.Li([value, *([" (", "; ".join(cites), ")"] if cites else [])]))
        items.append(html.Li([html.Strong(t("Sources disagree: {question}", question=text)), html.Ul(positions)]))
    return [html.Ul(items, className="disagreements-here")] if items else []


def disagreements(engine: Any, unit: str, day: dt.date, lang: str) -> list:
    finder = getattr(engine, "disagreements_for", None)
    if finder is None:
        return []
    return disagreements_list(finder(target=unit, date=day.isoformat(), lang=lang) or [], lang)


def unit_story(engine: Any, unit: str, day: dt.date, pov: str, lang: str = "en") -> list:
    t = gettext_for(lang)
    names = engine.registry.territory_units[unit].names
    place = localised(names, lang)[0]
    terr = engine.state(day.isoformat(), pov)["territories"][unit]
    others = [html.Span(getattr(names, code), lang=code if code != "zh" else "zh-Hans")
              for code in ("ja", "ru", "zh", "en") if code != lang and getattr(names, code, None)]
    names_line: list = []
    for span in others:
        names_line += [span, " · "]
    items = []
    for row in rows_in_force(engine, unit, day, pov):
        items.append(html.Li([
            html.Span(_who_says(engine, row, day, lang), className="story-who"),
            html.P(sentence(engine, row, place, lang, day), className="story-sentence"),
            cite_list(engine, row.get("sources") or [], lang),
        ], className="status"))
    return [
        html.H2(localised_span(names, lang)),
        html.P(names_line[:-1], className="names-line"),
        html.P(summary(engine, terr, place, day, pov, lang), className="unit-summary"),
        *disagreements(engine, unit, day, lang),
        html.H3(t("Why, on {date}", date=format_date_for(day, lang))),
        html.Ul(items or [html.Li(t("No status in force."))], className="statuses"),
    ]
