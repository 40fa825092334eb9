"""Colours and encodings of the map, the legend, the panels and the timeline chart: one source of truth.

Colour = actor group (Okabe–Ito palette, colour-blind safe; the four groups also differ in lightness so they
stay apart in grayscale). Everything else has a second, shape-based encoding that survives grayscale and print:

* fill colour ............ who controls the unit (de facto) or whom the chosen government holds sovereign
* black dots ............. military occupation; white horizontal rules: administration (not sovereignty)
* diagonal stripes ....... claimed by the stripes' colour (each stripe has a dark edge)
* dashed thick outline ... promised transfer to the outline's colour
* dotted thick outline ... a proposal / draft would give it to the outline's colour
* grey cross-hatch ....... sovereignty undetermined
* grey single hatch ...... renounced without a recipient named
* strait zone marks ...... free navigation (arrows → parallel rules), no fortification / demilitarised (crosses),
                           closed to non-riparian warships (bars), fishing rights / limits (small circles)
* red line ............... solid: a boundary or line in force on the day; dotted: a line the document shown in
                           Treaty mode proposes. Lines outside their period are not drawn.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import quote

from app.i18n import _, gettext_for

GROUP_COLOURS: dict[str, str] = {
    "japan": "#E69F00",  # orange, light in grayscale
    "russia": "#0B4F8A",  # dark blue, darkest in grayscale
    "usa": "#009E73",  # bluish green, middle grey
    "other": "#CC79A7",  # reddish purple
    "undetermined": "#D4D4D4",  # light grey (+ cross-hatch)
    "none": "#CFC6B2",  # not held by anyone we track: a warm grey, darker than the land around and outlined
}
GROUP_LABELS = {
    "japan": _("Japan"),
    "russia": _("Russia / USSR"),
    "usa": _("USA (incl. SCAP)"),
    "other": _("Other state"),
    "undetermined": _("Undetermined"),
    "none": _("No stated position"),
}


def group_label(group: str, lang: str = "en") -> str:
    """An actor group's name in the interface language (legend, hover text, panels)."""
    return gettext_for(lang)(GROUP_LABELS.get(group, GROUP_LABELS["other"]))

ACTOR_GROUP_DEFAULT = {
    "japan": "japan", "russia": "russia", "soviet": "russia", "fer": "russia", "usa": "usa", "scap": "usa",
    "uk": "other", "china_roc": "other", "china_prc": "other",
}
CONTEXT_LAND = "#E8E4DA"
CONTEXT_LINE = "#B9B2A3"
SEA = "#FFFFFF"
STRAIT_FILL = "#D8EAF3"
STRAIT_STROKE = "#3C6E8F"
INK = "#1A1A1A"
LINE_ACTIVE = "#B2182B"

CONTROL_MODES = ("sovereignty", "military_occupation", "administration")
STRAIT_REGIMES = (
    "free_navigation", "no_fortification", "demilitarised", "closed_to_foreign_warships",
    "fishing_rights", "fishing_limit",
)
REGIME_LABELS = {
    "free_navigation": _("Free navigation"),
    "no_fortification": _("No fortification"),
    "demilitarised": _("Demilitarised"),
    "closed_to_foreign_warships": _("Closed to non-riparian warships"),
    "fishing_rights": _("Fishing rights"),
    "fishing_limit": _("Fishing limit"),
}
MODE_LABELS = {
    "sovereignty": _("sovereignty"),
    "military_occupation": _("military occupation"),
    "administration": _("administration"),
    "undetermined": _("sovereignty undetermined"),
    "renounced": _("renounced"),
    "none": "",
}
POV_LABELS = {"de_facto": _("De facto control"), "japan": _("Japan's view"), "russia": _("Russia's / the USSR's view"),
              "usa": _("The USA's view")}
# A point of view named after the government that held it on the shown date (engine.government_of → actor id);
# `soviet` is Soviet Russia until the USSR's formation (the event USSR_FORMATION), the USSR from then.
GOVERNMENT_VIEW_LABELS = {"japan": _("Japan's view"), "usa": _("The USA's view"),
                          "russia": _("The Russian Empire's view"),
                          "russia_provisional": _("The Provisional Government's view"),
                          "soviet": _("Soviet Russia's view"), "ussr": _("The USSR's view")}
USSR_FORMATION = "ussr_formation_1922"


def group_of(actor: str | None, actor_groups: dict[str, str] | None = None) -> str:
    if actor is None:
        return "undetermined"
    groups = actor_groups or ACTOR_GROUP_DEFAULT
    return groups.get(actor, "other")


@dataclass(frozen=True)
class TerritoryPaint:
    """What one territory feature shows on one day from one point of view (hashable: it is a paint key)."""

    holder: str = "none"  # actor group, "undetermined" or "none"
    mode: str = "none"  # sovereignty | military_occupation | administration | undetermined | renounced | none
    claims: tuple[str, ...] = ()  # claimant groups (sorted, unique, never the holder's group)
    promised: str | None = None  # recipient group of a promised transfer
    proposed: str | None = None  # group a proposal would give it to

    @property
    def key(self) -> str:
        return "T|" + "|".join([self.holder, self.mode, ",".join(self.claims), self.promised or "",
                                self.proposed or ""])


@dataclass(frozen=True)
class StraitPaint:
    regimes: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return "S|" + ",".join(self.regimes)


@dataclass(frozen=True)
class LinePaint:
    """A drawn line: `active` = in force on the day shown; otherwise a line a draft or proposal would draw
    (shown only in Treaty mode for that document). A line that exists in neither sense is not drawn at all."""

    active: bool = False

    @property
    def key(self) -> str:
        return "L|" + ("1" if self.active else "0")


def _pattern_body(fill: str, dots: bool = False, rules: bool = False, hatch: bool = False,
                  stripes: tuple[str, ...] = (), single_hatch: bool = False) -> str:
    """The inside of a 12×12 pattern tile, rotated 45° by the pattern transform."""
    parts = [f'<rect width="12" height="12" fill="{fill}"/>']
    if hatch:
        parts.append('<path d="M0 6H12M6 0V12" stroke="#8C8C8C" stroke-width="1.2"/>')
    if single_hatch:  # renounced: one set of grey rules, across the claim stripes' direction
        parts.append('<path d="M0 6H12" stroke="#6E6E6E" stroke-width="1.6"/>')
    if rules:
        parts.append('<path d="M0 9H12" stroke="#FFFFFF" stroke-width="1.6"/>')
    if dots:
        dot = '<circle cx="{c}" cy="{c}" r="1.7" fill="#FFFFFF" stroke="{ink}" stroke-width="0.9"/>'
        parts.append(dot.format(c=3, ink=INK) + dot.format(c=9, ink=INK))
    for i, colour in enumerate(stripes[:2]):
        x = 6 if i == 0 else 0
        parts.append(f'<path d="M{x} 0V12" stroke="{INK}" stroke-width="{STRIPE_EDGE}"/>'
                     f'<path d="M{x} 0V12" stroke="{colour}" stroke-width="{STRIPE_CORE}"/>')
    return "".join(parts)


def _strait_pattern_body(regimes: tuple[str, ...]) -> str:
    parts = [f'<rect width="12" height="12" fill="{STRAIT_FILL}"/>']
    if "free_navigation" in regimes:
        parts.append(f'<path d="M0 3H12" stroke="{STRAIT_STROKE}" stroke-width="1.2"/>')
    if "no_fortification" in regimes or "demilitarised" in regimes:
        parts.append(f'<path d="M6 5L10 9M10 5L6 9" stroke="{INK}" stroke-width="1.3"/>')
    if "closed_to_foreign_warships" in regimes:
        parts.append(f'<path d="M2 5V11" stroke="{LINE_ACTIVE}" stroke-width="2.4"/>')
    if "fishing_rights" in regimes or "fishing_limit" in regimes:
        parts.append(f'<circle cx="3" cy="9" r="1.4" fill="none" stroke="{INK}" stroke-width="0.9"/>')
    return "".join(parts)


# A claim stripe covers a quarter of its tile and an outline stays thin, so that on islands only a few
# pixels wide the fill (whom the chosen view holds sovereign or in control) still reads first.
STRIPE_EDGE, STRIPE_CORE = 3.2, 2.0
NONE_OUTLINE = "#6E6759"
MARKER_OUTLINE_WIDTH = 2.0


def territory_style(paint: TerritoryPaint) -> dict:
    """Fill colour, optional pattern tile (SVG), outline of a territory paint."""
    base = GROUP_COLOURS.get(paint.holder, GROUP_COLOURS["other"])
    if paint.mode in ("undetermined", "renounced"):
        base = GROUP_COLOURS["undetermined"]
    stripes = tuple(GROUP_COLOURS.get(g, GROUP_COLOURS["other"]) for g in paint.claims)
    dots = paint.mode == "military_occupation"
    rules = paint.mode == "administration"
    single_hatch = paint.mode == "renounced"
    hatch = not single_hatch and (paint.mode == "undetermined" or paint.holder == "undetermined")
    pattern = (_pattern_body(base, dots, rules, hatch, stripes, single_hatch)
               if (dots or rules or hatch or single_hatch or stripes) else None)
    stroke, width, dash = "#FFFFFF", 0.8, ""
    if paint.holder == "none":   # "no stated position": outlined, so that it never vanishes into the sea or the land
        stroke, width = NONE_OUTLINE, 1.0
    if paint.promised:
        stroke, width, dash = GROUP_COLOURS.get(paint.promised, INK), MARKER_OUTLINE_WIDTH, "9 4"
    if paint.proposed:
        stroke, width, dash = GROUP_COLOURS.get(paint.proposed, INK), MARKER_OUTLINE_WIDTH, "1.5 3.5"
    return {"fill": base, "pattern": pattern, "stroke": stroke, "width": width, "dash": dash}


def strait_style(paint: StraitPaint) -> dict:
    if not paint.regimes:
        return {"fill": "rgba(0,0,0,0)", "pattern": None, "stroke": "rgba(0,0,0,0)", "width": 0, "dash": ""}
    return {"fill": STRAIT_FILL, "pattern": _strait_pattern_body(paint.regimes), "stroke": STRAIT_STROKE,
            "width": 1.5, "dash": "5 3"}


def line_style(paint: LinePaint) -> dict:
    """Solid red: in force. Dotted red, as heavy: proposed — the key's dotted "proposed" convention, never a
    faint context line (a line is drawn only while it exists or as the named proposal of a document)."""
    if paint.active:
        return {"fill": "", "pattern": None, "stroke": LINE_ACTIVE, "width": 3, "dash": ""}
    return {"fill": "", "pattern": None, "stroke": LINE_ACTIVE, "width": 2.5, "dash": "2 4"}


def swatch_uri(style: dict, size: int = 34) -> str:
    """A legend swatch as an SVG data URI that uses exactly the map's pattern tile."""
    fill = style["fill"] or "none"
    defs, paint = "", fill
    if style.get("pattern"):
        defs = (f'<defs><pattern id="p" width="12" height="12" patternUnits="userSpaceOnUse" '
                f'patternTransform="rotate(45)">{style["pattern"]}</pattern></defs>')
        paint = "url(#p)"
    dash = f' stroke-dasharray="{style["dash"]}"' if style.get("dash") else ""
    w = max(style.get("width", 1), 1)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 {size} {size}">'
           f'{defs}<rect x="{w / 2 + 1}" y="{w / 2 + 1}" width="{size - w - 2}" height="{size - w - 2}" '
           f'fill="{paint}" stroke="{style.get("stroke") or INK}" stroke-width="{w}"{dash}/></svg>')
    return "data:image/svg+xml;utf8," + quote(svg)


def line_swatch_uri(style: dict, size: int = 34) -> str:
    dash = f' stroke-dasharray="{style["dash"]}"' if style.get("dash") else ""
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}">'
           f'<path d="M2 {size / 2}H{size - 2}" stroke="{style["stroke"]}" stroke-width="{style["width"]}"{dash}/>'
           f'</svg>')
    return "data:image/svg+xml;utf8," + quote(svg)


def describe_territory(paint: TerritoryPaint, lang: str = "en") -> str:
    """One-line plain-language summary of a paint (hover text and the live text table), in `lang`."""
    t = gettext_for(lang)
    g = lambda group: group_label(group, lang)  # noqa: E731
    sep = t(", ")
    if paint.mode in ("undetermined", "renounced") or paint.holder == "undetermined":
        text = t("Sovereignty undetermined") if paint.mode != "renounced" else t("Renounced, no recipient named")
    elif paint.holder == "none" and paint.promised:
        return html.escape(t("Promised to {group}", group=g(paint.promised)))
    elif paint.holder == "none" and paint.proposed:
        return html.escape(t("Proposed for {group}", group=g(paint.proposed)))
    elif paint.holder == "none":
        text = t("No stated position")
    else:
        text = t("{holder}: {mode}", holder=g(paint.holder), mode=t(MODE_LABELS.get(paint.mode, paint.mode)))
    if paint.claims:
        text += t("; claimed by {groups}", groups=sep.join(g(c) for c in paint.claims))
    if paint.promised:
        text += t("; promised to {group}", group=g(paint.promised))
    if paint.proposed:
        text += t("; proposed for {group}", group=g(paint.proposed))
    return html.escape(text)


def describe_strait(paint: StraitPaint, lang: str = "en") -> str:
    t = gettext_for(lang)
    if not paint.regimes:
        return t("No regime")
    return t(", ").join(t(REGIME_LABELS.get(r, r)) for r in paint.regimes)
