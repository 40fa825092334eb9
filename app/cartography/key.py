"""The printed map's key: the rows a Frame uses (app/cartography/resolve.py), worded for the kind of map.

    from app.cartography.key import key_rows, key_state
    rows = key_rows(key_state(table, frame), "government", "ja")

A fill means different things on different maps, so the words follow the map kind:
  * `de_facto`: who held / controlled each place on the day;
  * `government`: whom that government held sovereign (not who controlled it);
  * `event`: what a treaty, draft or proposal provides, or would have given.
Renounced (a government gave the place up, naming no recipient) and undetermined (its sovereignty is held
open) are distinct rows with distinct symbols; everything that is only proposed says "proposed". Each row is
one complete sentence. Which rows are in use, and whose marker each is, is the Frame's answer; this module only
words and orders them for print (the figures, series, video and handout frames).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from app import styles
from app.i18n import _, gettext_for

from .resolve import group_notes, key_note_parts

MAP_KINDS = ("de_facto", "government", "event")
GROUP_ORDER = ("japan", "russia", "usa", "other")

HEADERS = {
    "de_facto": _("Colour: who held the place"),
    "government": _("Colour: whom this government held sovereign"),
    "event": _("Colour: to whom the document gives the place"),
}
MODE_ROWS = {
    ("de_facto", "sovereignty"): _("Solid fill: held as its own territory."),
    ("de_facto", "military_occupation"): _("Dots: held under military occupation."),
    ("de_facto", "administration"): _("White rules: administered, not annexed."),
    ("government", "sovereignty"): _("Solid fill: sovereign in this government's view (not who controlled it)."),
    ("government", "military_occupation"): _("Dots: under military occupation in this government's view."),
    ("government", "administration"): _("White rules: under administration in this government's view."),
    ("event", "sovereignty"): _("Solid fill: sovereignty the document provides."),
    ("event", "military_occupation"): _("Dots: military occupation the document provides."),
    ("event", "administration"): _("White rules: administration the document provides."),
}
UNDETERMINED = _("Grey cross-hatch: sovereignty undetermined.")
RENOUNCED = _("Grey single hatch: renounced, no recipient named.")
NO_POSITION = {
    "de_facto": _("Plain: held by no one the map follows."),
    "government": _("Plain: this government states no position."),
    "event": _("Plain: the document says nothing about it."),
}
CLAIMS = _("Stripes: claimed by the stripes' colour.")
PROMISED = _("Dashed outline: promised to the outline's colour.")
PROPOSED = _("Dotted outline: proposed for the outline's colour (a draft or proposal, not in force).")
DIFF = _("Heavy black outline (others faded): the points of view disagree.")
STRAIT_HEADER = _("Strait zones")
STRAIT_PROPOSED = _("{regime} (proposed, not in force).")
STRAIT_IN_FORCE = _("{regime}.")
LINES_HEADER = _("Lines")
LINE_IN_FORCE = _("{name}: in force.")
LINE_PROPOSED = _("{name}: proposed, never in force.")
LINE_PROVIDED = _("{name}: drawn by the document.")


@dataclass(frozen=True)
class KeyLine:
    id: str
    name: str  # in the key's language
    status: str  # in_force | proposed | provided


@dataclass
class KeyState:
    """What a map shows: the paint keys in use (the paint table's keys: TerritoryPaint / StraitPaint keys, a
    strait's with "|proposed:<regimes>"), the lines drawn, whether disagreements are marked, and whose markers the
    view shows only because it knew of them (the Frame's notes)."""

    keys: set[str] = field(default_factory=set)
    proposed_regimes: set[str] = field(default_factory=set)
    lines: list[KeyLine] = field(default_factory=list)
    diff: bool = False
    notes: tuple[tuple[str, str], ...] = ()  # (asserters, marker) parts, worded once per asserter group

    def merge(self, other: KeyState) -> KeyState:
        """One key for two panels (or a glossary of a lesson): everything either shows."""
        lines = list(self.lines) + [ln for ln in other.lines if ln not in self.lines]
        return KeyState(self.keys | other.keys, self.proposed_regimes | other.proposed_regimes, lines,
                        self.diff or other.diff, tuple(dict.fromkeys((*self.notes, *other.notes))))


def note_words(lang: str) -> tuple[Callable[[str, str], str], str, str]:
    """How notes are worded in `lang`: one asserter group's note, the join of its markers, the join of groups."""
    t = gettext_for(lang)
    return (lambda who, what: t("{who}: {what}", who=who, what=what)), t(", "), t("; ")


def key_state(table: dict, frame: Any) -> KeyState:
    """The Key of a Frame (app/cartography/resolve.py) on `table`: its paints in use, lines, notes and diff."""
    return KeyState(keys=frame.key_strings(table), lines=[KeyLine(ln.id, ln.name, ln.status) for ln in frame.lines],
                    diff=bool(frame.diff and any(frame.diff)),
                    notes=key_note_parts(table, frame))


@dataclass(frozen=True)
class KeyRow:
    kind: str  # header | swatch | line | note
    style: dict | None
    text: str
    id: str = ""


def _parse(key: str) -> tuple[str, list[str]]:
    parts = key.split("|")
    return parts[0], parts[1:]


def key_rows(state: KeyState, map_kind: str, lang: str = "en") -> list[KeyRow]:
    """The rows in use, in a fixed order (colours, status, strait zones, lines), worded for `map_kind`."""
    if map_kind not in MAP_KINDS:
        raise ValueError(f"map_kind must be one of {MAP_KINDS}, not {map_kind!r}")
    t = gettext_for(lang)
    groups: set[str] = set()
    modes: set[str] = set()
    regimes: set[str] = set()
    claims = promised = proposed = False
    in_force: set[str] = set()
    for key in state.keys:
        kind, parts = _parse(key)
        if kind == "T":
            holder, mode, claim, prom, prop = (parts + [""] * 5)[:5]
            if holder not in ("none", "undetermined", ""):
                groups.add(holder)
            modes.add(mode)
            claim_groups = [c for c in claim.split(",") if c]
            groups.update(claim_groups)
            groups.update(g for g in (prom, prop) if g)
            claims |= bool(claim_groups)
            promised |= bool(prom)
            proposed |= bool(prop)
        elif kind == "S":
            shown = {r for r in (parts[0] if parts else "").split(",") if r}
            only = {r for p in parts[1:] if p.startswith("proposed:") for r in p.removeprefix("proposed:").split(",")}
            regimes |= shown
            in_force |= shown - only
    TP = styles.TerritoryPaint
    rows: list[KeyRow] = []
    order = [g for g in GROUP_ORDER if g in groups]
    if order:
        rows.append(KeyRow("header", None, t(HEADERS[map_kind]), "colour"))
        rows += [KeyRow("swatch", styles.territory_style(TP(g, "sovereignty")), styles.group_label(g, lang),
                        f"group:{g}") for g in order]
    status: list[KeyRow] = []
    for mode, sample in (("sovereignty", TP("japan", "sovereignty")),
                         ("military_occupation", TP("japan", "military_occupation")),
                         ("administration", TP("usa", "administration"))):
        if mode in modes:
            status.append(KeyRow("swatch", styles.territory_style(sample), t(MODE_ROWS[(map_kind, mode)]),
                                 f"mode:{mode}"))
    if "undetermined" in modes:
        status.append(KeyRow("swatch", styles.territory_style(TP("undetermined", "undetermined")), t(UNDETERMINED),
                             "mode:undetermined"))
    if "renounced" in modes:
        status.append(KeyRow("swatch", styles.territory_style(TP("undetermined", "renounced")), t(RENOUNCED),
                             "mode:renounced"))
    if claims:
        status.append(KeyRow("swatch", styles.territory_style(TP("russia", "sovereignty", ("japan",))), t(CLAIMS),
                             "claims"))
    if promised:
        status.append(KeyRow("swatch", styles.territory_style(TP("japan", "sovereignty", (), "russia")), t(PROMISED),
                             "promised"))
    if proposed:
        status.append(KeyRow("swatch", styles.territory_style(TP("japan", "sovereignty", (), None, "russia")),
                             t(PROPOSED), "proposed"))
    say, join, _between = note_words(lang)
    status += [KeyRow("note", None, note, f"note:{n}") for n, note in enumerate(group_notes(state.notes, say, join))]
    if "none" in modes:
        status.append(KeyRow("swatch", styles.territory_style(TP()), t(NO_POSITION[map_kind]), "mode:none"))
    if state.diff:
        status.append(KeyRow("swatch", {"fill": "#FFFFFF", "pattern": None, "stroke": styles.INK, "width": 3,
                                        "dash": ""}, t(DIFF), "diff"))
    if status:
        rows.append(KeyRow("header", None, t("Status"), "status"))
        rows += status
    reg = [r for r in styles.STRAIT_REGIMES if r in regimes]
    if reg:
        rows.append(KeyRow("header", None, t(STRAIT_HEADER), "straits"))
        for r in reg:
            words = STRAIT_PROPOSED if r in state.proposed_regimes or r not in in_force else STRAIT_IN_FORCE
            rows.append(KeyRow("swatch", styles.strait_style(styles.StraitPaint((r,))),
                               t(words, regime=t(styles.REGIME_LABELS[r])), f"regime:{r}"))
    if state.lines:
        rows.append(KeyRow("header", None, t(LINES_HEADER), "lines"))
        words = {"in_force": LINE_IN_FORCE, "proposed": LINE_PROPOSED, "provided": LINE_PROVIDED}
        for ln in state.lines:
            style = styles.line_style(styles.LinePaint(ln.status != "proposed"))
            rows.append(KeyRow("line", style, t(words[ln.status], name=ln.name), f"line:{ln.id}"))
    return rows


def map_kind_of(mode: str, pov: str) -> str:
    """The map kind of a page/figure state: an event map, de facto, or a government's view."""
    if mode == "event":
        return "event"
    return "de_facto" if pov == "de_facto" else "government"


def merge_all(states: Iterable[KeyState]) -> KeyState:
    out = KeyState()
    for s in states:
        out = out.merge(s)
    return out
