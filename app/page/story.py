"""A territory's story in plain sentences: who held it on the date shown, what each government said, what was
promised or proposed, and since when — each sentence with its readable citations (Place tab).

The sentences are gettext templates (translations/*.po), filled from the engine's rows; nothing here is a
fact of its own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import html

from app import mapstate, pov_label, styles
from app.i18n import HTML_LANG, _, format_date_for, gettext_for, localised, localised_span, ngettext_for
from app.mapstate import MIN_DATE
from app.page.cite import cite_list

# One sentence per role; {period} is "From 2 February 1946" or "From 4 September 1945 to 2 February 1946". Where
# the place is the sentence's subject, the words follow its number (`sentence`: "the Habomai islets were promised").
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


def _actor(engine: Any, actor: str | None, lang: str, day: Any = None, in_text: bool = True) -> str:
    """The actor's name on `day`; `in_text`: as it stands inside a sentence ("the USSR"), else as a label."""
    names = None
    if actor and in_text and hasattr(engine, "names_in_text_on"):
        names = engine.names_in_text_on(actor, day)
    if names is None and actor and hasattr(engine, "names_on"):
        names = engine.names_on(actor, day)
    if names is None:
        a = engine.timeline.actors.get(actor) if actor else None
        names = a.names if a is not None else None
    return localised(names, lang)[0] if names is not None else (actor or "—")


def _place(engine: Any, unit: str, lang: str) -> tuple[str, int]:
    """The territory's name inside a sentence ("the Habomai islets") and its number (1, or 2 for a plural)."""
    item = engine.registry.territory_units[unit]
    names = {**item.names.model_dump(), **(item.in_text.model_dump(exclude_none=True) if item.in_text else {})}
    return localised(names, lang)[0], 2 if getattr(item, "plural", False) else 1


def _capital(text: str) -> str:
    """A sentence that starts with a name in running text ("the USSR held …") starts with a capital."""
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _sentences(parts: list[str]) -> str:
    """Sentences one after another: a space after a Latin or Cyrillic full stop, none after 。 (Japanese, Chinese)."""
    out = ""
    for part in parts:
        out += part if not out or out.endswith("。") else " " + part
    return out


def _view_name(engine: Any, pov: str, day: Any, lang: str) -> str:
    """The point of view's name on `day` (Russia's names its government then: app.pov_label), as it stands inside a
    sentence ("in the USA's view"; a sentence it starts gets its capital back from `_capital`)."""
    name = pov_label.pov_label(engine, pov, day, lang) if pov in styles.POV_LABELS else pov
    return "the " + name[4:] if name.startswith("The ") else name


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
        out.append(_since_it_began(engine.history(unit)["statuses"], row))
    order = {"de_facto": 0}
    out.sort(key=lambda r: (0 if "de_facto" in r.get("asserted_by", []) else 1 if mine & set(r.get("asserted_by", []))
                            else 2, order.get(r["role"], 1), r.get("start") or ""))
    return out


def _since_it_began(history: list[dict], row: dict) -> dict:
    """The row told from the day its holding began: a record cut at a later event (Japan's sovereignty over the
    Habomai islets, cut on 9 Aug 1945 when the USSR entered the war) is one sentence from its first row, with that
    row's event as the reason and every row's sources."""
    def same(other: dict) -> bool:
        return (other["role"], other.get("actor"), sorted(other.get("asserted_by") or [])) == \
            (row["role"], row.get("actor"), sorted(row.get("asserted_by") or []))

    first, sources = row, list(row.get("sources") or [])
    while first.get("start"):
        before = [r for r in history if r.get("end") == first["start"] and same(r)]
        if not before:
            break
        first = before[0]
        sources = [*(s for s in first.get("sources") or [] if s not in sources), *sources]
    if first is row:
        return row
    return {**row, "start": first.get("start"), "event": first.get("event"), "sources": sources}


def sentence(engine: Any, row: dict, place: str, lang: str, day: dt.date | None = None, number: int = 1) -> str:
    t, ngettext = gettext_for(lang), ngettext_for(lang)
    ev = engine.events.get(row.get("event"))
    role = row["role"]
    if role == "sovereignty" and "de_facto" not in (row.get("asserted_by") or []):
        role = "title"  # a government's view of whose the place was, not who held it on the ground
    template = ROLE_SENTENCES.get(role, ROLE_SENTENCES["sovereignty"])
    words = {"period": _period(row, lang), "actor": _row_actor(engine, row, lang, day), "place": place,
             "event": localised(ev.title, lang)[0] if ev is not None else (row.get("event") or "")}
    if row["role"] == "promised":
        return _capital(ngettext("{period}, {place} was promised to {actor}: {event}.",
                                 "{period}, {place} were promised to {actor}: {event}.", number, **words))
    return _capital(t(template, **words))


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
        name = (pov_label.pov_label(engine, pov, day, lang) if pov in styles.POV_LABELS
                else _actor(engine, actor, lang, day, in_text=False))
        if names and name.startswith("The "):
            name = "the " + name[4:]  # "Japan's view, the Russian Empire's view"
        if name not in names:
            names.append(name)
    return t(", ").join(names) if names else t("Other governments")


def _renounced_in_own_view(terr: dict) -> bool:
    """The view's own government holds it renounced (Japan's view of the Kurils 1952–56): a position, not none."""
    markers = (terr.get("markers") or {}).get("renounced") or []
    by = (terr.get("marker_asserters") or {}).get("renounced") or []
    return any(not (by[i] if i < len(by) else [None]) and not m[1] for i, m in enumerate(markers))


def summary(engine: Any, terr: dict, place: str, day: dt.date, pov: str, lang: str, number: int = 1) -> str:
    """One or two sentences: who held it that day, and whom the chosen point of view held sovereign."""
    t, ngettext = gettext_for(lang), ngettext_for(lang)
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
        parts.append(ngettext("{actors} claimed it.", "{actors} claimed them.", number, actors=t(", ").join(
            _actor(engine, a, lang, day) for a in terr["claimed_by"])))
    if pov != "de_facto":
        sov = terr.get("sovereign")
        view = _view_name(engine, pov, day, lang)
        if sov == "undetermined":
            parts.append(ngettext("In {view}, its sovereignty was undetermined.",
                                  "In {view}, their sovereignty was undetermined.", number, view=view))
        elif sov:
            parts.append(ngettext("In {view}, it belonged to {actor}.", "In {view}, they belonged to {actor}.", number,
                                  view=view, actor=_actor(engine, sov, lang, day)))
        elif _renounced_in_own_view(terr):
            parts.append(ngettext("In {view}, it had been renounced, with no recipient named.",
                                  "In {view}, they had been renounced, with no recipient named.", number, view=view))
        else:
            parts.append(ngettext("{view} stated no position on it.", "{view} stated no position on them.", number,
                                  view=view))
    by = (terr.get("marker_asserters") or {}).get("promised") or []
    for i, (actor, _event) in enumerate((terr.get("markers") or {}).get("promised") or []):
        promised = ngettext("It had been promised to {actor}.", "They had been promised to {actor}.", number,
                            actor=_actor(engine, actor, lang, day))
        others = by[i] if i < len(by) else []
        if others:  # a promise this government only knew of is named as the other governments'
            promised = t("{who}: {what}", who=t(", ").join(_actor(engine, a, lang, day, in_text=False)
                                                             for a in others), what=promised)
        parts.append(promised)
    return _sentences([_capital(p) for p in parts])


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
    place, number = _place(engine, unit, lang)
    terr = engine.state(day.isoformat(), pov)["territories"][unit]
    own = mapstate.LANGUAGES[lang].derived_from or lang   # a zh-Hant reader reads the zh name, converted
    others = [html.Span(getattr(names, code), lang=HTML_LANG[code])
              for code in ("ja", "ru", "zh", "en") if code != own and getattr(names, code, None)]
    names_line: list = []
    for span in others:
        names_line += [span, " · "]
    items = []
    for row in rows_in_force(engine, unit, day, pov):
        items.append(html.Li([
            html.Span(_who_says(engine, row, day, lang), className="story-who"),
            html.P(sentence(engine, row, place, lang, day, number), className="story-sentence"),
            cite_list(engine, row.get("sources") or [], lang),
        ], className="status"))
    # who held it, why (each sentence with its sources), then where the sources disagree
    return [
        html.H2(localised_span(names, lang)),
        html.P(names_line[:-1], className="names-line"),
        html.P(summary(engine, terr, place, day, pov, lang, number), className="unit-summary"),
        html.H3(t("Why, on {date}", date=format_date_for(day, lang))),
        html.Ul(items or [html.Li(t("No status in force."))], className="statuses"),
        *disagreements(engine, unit, day, lang),
    ]
