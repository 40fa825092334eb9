"""Help and About: how to read the map, the method and editorial policy, disagreements, the bibliography, licences.

The "how to read" part is generated from app/styles.py (the same colours, pattern tiles and labels the map and
the legend use), so it cannot drift from the map. The bibliography lists every source of geodata/timeline/*.yaml
grouped by tier, and the five seed documents with their file names.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from dash import html

from app import GEODATA_DIR, styles

SEED_DOCUMENTS = [
    ("000_35f06b7ab388f102.txt", "Zhang Shengfa, in Chinese, on the Sino-Soviet boycott of the 1951 peace treaty"),
    ("001_c133e1c72bf2635e.txt", "Chinese Wikipedia, Japan–Soviet relations"),
    ("002_75a651e2120786e9.txt", "A Japanese chapter on Soviet Far East strategy, 1931–1945"),
    ("003_1ed9afed02548069.txt", "Ozawa (1987), on the 1925 normalisation of Japan–Soviet relations"),
    ("004_88f433bdb5fd47f9.txt", "A Thai translation of a Russian article by A. A. Koshkin on 1951–1960"),
]
TIERS = [("primary", "Primary sources (treaties, government documents)"),
         ("scholarship", "Scholarship and reference works"),
         ("seed", "Seed documents (read line by line; locators are line numbers)")]
COASTLINE_CREDIT = "Coastlines: GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0-or-later"

T = styles.TerritoryPaint
# (what the reader sees, the paint drawn with the map's own tile, explanation)
STATUS_ROWS = [
    ("Solid fill", T("japan", "sovereignty"), "Sovereign control: the colour's actor holds and governs it."),
    ("White dots with a dark ring", T("japan", "military_occupation"),
     "Military occupation: held by the colour's actor's army, without sovereignty."),
    ("White horizontal rules", T("usa", "administration"), "Administration without sovereignty."),
    ("Grey cross-hatch", T("undetermined", "undetermined"),
     "Sovereignty undetermined in this point of view, or renounced without a recipient."),
    ("Diagonal stripes", T("russia", "sovereignty", ("japan",)), "Claimed by the stripes' colour."),
    ("Dashed thick outline", T("japan", "sovereignty", (), "russia"), "Promised to the outline's colour."),
    ("Dotted thick outline", T("japan", "sovereignty", (), None, "russia"),
     "A draft or proposal would have given it to the outline's colour."),
]


def _swatch(uri: str) -> html.Img:
    return html.Img(src=uri, alt="", width=34, height=34, className="help-swatch")


def encoding_rows() -> list[dict]:
    """Every colour, pattern, strait mark and line style the map can show, with its meaning (from styles)."""
    rows = []
    for group in ("japan", "russia", "usa", "other", "undetermined", "none"):
        paint = T(group, "sovereignty" if group not in ("undetermined", "none") else
                  ("undetermined" if group == "undetermined" else "none"))
        label = styles.GROUP_LABELS[group]["en"]
        meaning = {"undetermined": "Sovereignty undetermined (always with the grey cross-hatch).",
                   "none": "A government states no position on it (in that government's point of view)."}.get(
            group, f"Colour of {label}.")
        rows.append({"kind": "colour", "key": group, "name": label, "colour": styles.GROUP_COLOURS[group],
                     "uri": styles.swatch_uri(styles.territory_style(paint)), "meaning": meaning})
    for name, paint, meaning in STATUS_ROWS:
        rows.append({"kind": "status", "key": paint.key, "name": name, "colour": None,
                     "uri": styles.swatch_uri(styles.territory_style(paint)), "meaning": meaning})
    rows.append({"kind": "status", "key": "diff", "name": "Heavy black outline, other places faded",
                 "colour": None, "uri": styles.swatch_uri({"fill": "#FFFFFF", "pattern": None, "stroke": styles.INK,
                                                           "width": 3, "dash": ""}),
                 "meaning": "“Where they disagree”: the points of view hold different sovereigns here."})
    for regime in styles.STRAIT_REGIMES:
        rows.append({"kind": "strait", "key": regime, "name": styles.REGIME_LABELS[regime], "colour": None,
                     "uri": styles.swatch_uri(styles.strait_style(styles.StraitPaint((regime,)))),
                     "meaning": "Strait or sea zone regime in force (light blue zone, dashed edge, marks)."})
    for active, name, meaning in ((True, "Solid red line", "A boundary or line in force that day."),
                                  (False, "Dotted grey line", "A line not in force that day (shown for context).")):
        rows.append({"kind": "line", "key": f"line{int(active)}", "name": name, "colour": None,
                     "uri": styles.line_swatch_uri(styles.line_style(styles.LinePaint(active))), "meaning": meaning})
    return rows


def _encodings_table() -> html.Table:
    kinds = {"colour": "Colour", "status": "Pattern", "strait": "Strait zone", "line": "Line"}
    body = [html.Tr([html.Td(_swatch(r["uri"])), html.Th(r["name"], scope="row"), html.Td(kinds[r["kind"]]),
                     html.Td(r["meaning"])], **{"data-key": r["key"]}) for r in encoding_rows()]
    return html.Table([
        html.Caption("What each colour, pattern and line means (drawn with the map's own tiles)"),
        html.Thead(html.Tr([html.Th("Sample", scope="col"), html.Th("Name", scope="col"),
                            html.Th("Kind", scope="col"), html.Th("Meaning", scope="col")])),
        html.Tbody(body),
    ], className="help-table")


METHOD = [
    ("How a claim is coded",
     "Every colour on the map comes from a status row in the data: a place, an actor, a role (sovereignty, "
     "military occupation, administration, claim, undetermined, renounced, promised, proposed, concession, or a "
     "strait regime), a start and an end date, the event that started it and at least one source. Intervals "
     "are half-open: a status that starts on the day a treaty enters into force holds on that day. Signed is "
     "not in force: a status starts on the date that matters for it, usually entry into force."),
    ("What a point of view means",
     "“De facto control” shows who actually held each place on the ground, a fact that is the same for "
     "everyone. “Japan's view”, “The USSR's view” and “The USA's view” show whom that government officially "
     "held sovereign on that day. When a government states no position (for example Japan after renouncing a "
     "territory), the place is shown neutral and labelled “No stated position”, never given to someone."),
    ("Treaties, drafts and proposals",
     "“Treaty or proposal” mode shows what one document provided. For drafts and proposals that never took "
     "effect, the map shows what would have been, had it taken effect; its outcome (rejected, superseded, …) "
     "is stated next to the map."),
    ("How disagreements between sources are shown",
     "When sources differ on a date or a fact, the data records each position with its sources and the choice "
     "the map makes (below). Dates uncertain in the sources are kept as written, and the map uses the earliest "
     "defensible day. A claim from a seed document that is a known error is recorded here but never drawn as "
     "fact."),
    ("Colour is never the only encoding",
     "Colours are the Okabe–Ito palette, safe for colour-blind readers and distinct in grayscale; every status "
     "also has a pattern or outline, and the text table under the map says the same in words."),
]


def _disagreements(engine: Any) -> html.Div:
    items = []
    for dis in engine.timeline.disagreements.values():
        positions = [html.Li([p.value, " — ", html.Span(", ".join(p.sources), className="keys")])
                     for p in dis.positions]
        items.append(html.Li([
            html.Strong(dis.question),
            html.Ul(positions),
            html.P(["Adopted: ", dis.adopted]),
            html.P("A known error in a seed document: recorded, not drawn.", className="hint")
            if dis.seed_error else None,
        ], id=f"dis-{dis.id}", className="disagreement"))
    return html.Div([html.H3(f"Where sources disagree ({len(items)})"), html.Ul(items, className="disagreements")])


def _bibliography(engine: Any) -> html.Div:
    sources = list(engine.timeline.sources.values())
    parts: list = []
    for tier, heading in TIERS:
        mine = sorted((s for s in sources if s.tier == tier), key=lambda s: s.key)
        parts.append(html.H3(f"{heading} ({len(mine)})"))
        parts.append(html.Ol([
            html.Li([html.Cite(s.citation), f", {s.locator}" if s.locator else "",
                     f" — {s.seed_file}" if s.seed_file else "",
                     html.Span(f" [{s.key}]", className="keys"),
                     "" if s.verbatim else html.Span(" (wording not checked verbatim)", className="hint")],
                    id=f"src-{s.key}")
            for s in mine], className="bibliography"))
    seed_counts = {}
    for s in sources:
        if s.seed_file:
            seed_counts[s.seed_file] = seed_counts.get(s.seed_file, 0) + 1
    parts.insert(0, html.Div([
        html.H3("The five seed documents"),
        html.Ul([html.Li([html.Code(name), f" — {what} ({seed_counts.get(name, 0)} passages cited)"])
                 for name, what in SEED_DOCUMENTS], className="seeds"),
    ]))
    return html.Div(parts)


def _licence() -> html.Div:
    try:
        prov = json.loads((GEODATA_DIR / "layers" / "provenance.json").read_text(encoding="utf-8"))
        citation = prov.get("source", {}).get("citation", "")
        notes = prov.get("notes", [])
    except (OSError, ValueError):
        citation, notes = "", []
    return html.Div([
        html.H3("Data, licence and credits"),
        html.Ul([
            html.Li([html.Strong(COASTLINE_CREDIT), "; clipped, assigned to territories and simplified for this map "
                     "(geodata/layers/provenance.json). ", citation]),
            html.Li("Historical texts: treaty and government documents (public domain), cited per status."),
            html.Li("The timeline data (geodata/timeline/*.yaml) and the code: MIT."),
            *[html.Li(n, className="hint") for n in notes],
        ]),
    ])


def keyboard_help() -> html.Div:
    keys = [("← / →", "previous / next event (in a tour: previous / next step)"),
            ("Page Up / Page Down", "previous / next (presentation clickers)"),
            ("Shift + ← / →", "one month back / forward"), ("Home / End", "1905 / 1956"),
            ("Space", "play / pause"), ("Esc", "leave presentation, compare or help")]
    return html.Div([html.H3("Keyboard"), html.Dl([x for k, v in keys for x in (html.Dt(html.Kbd(k)), html.Dd(v))],
                                                   className="keys-list")])


@lru_cache(maxsize=2)
def _cached(engine_id: int, engine: Any) -> list:
    return [
        html.H2("Help and About"),
        html.H3("How to read the map"),
        _encodings_table(),
        keyboard_help(),
        html.H3("Method and editorial policy"),
        *[x for title, text in METHOD for x in (html.H4(title), html.P(text))],
        _disagreements(engine),
        html.H3("Bibliography"),
        _bibliography(engine),
        _licence(),
    ]


def help_content(engine: Any) -> list:
    """The Help and About section's children (built once per engine)."""
    return _cached(id(engine), engine)
