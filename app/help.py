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
from app.citations import cite, cite_many
from app.dataset_citation import cite_as
from app.i18n import _, gettext_for, localised

SEED_DOCUMENTS = [  # ids of geodata/timeline/seeds.yaml
    ("seed_000", _("Zhang Shengfa, in Chinese, on the Sino-Soviet boycott of the 1951 peace treaty")),
    ("seed_001", _("Chinese Wikipedia, Japan–Soviet relations")),
    ("seed_002", _("A Japanese chapter on Soviet Far East strategy, 1931–1945")),
    ("seed_003", _("Ozawa (1987), on the 1925 normalisation of Japan–Soviet relations")),
    ("seed_004", _("A Thai translation of a Russian article by A. A. Koshkin on 1951–1960")),
]
TIERS = [("primary", _("Primary sources (treaties, government documents)")),
         ("scholarship", _("Scholarship and reference works")),
         ("seed", _("Seed documents (read line by line; locators are line numbers)")),
         ("web", _("Web pages (additional references, never a status's only support)"))]
COASTLINE_CREDIT = "Coastlines: GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0-or-later"

T = styles.TerritoryPaint
# (what the reader sees, the paint drawn with the map's own tile, explanation)
STATUS_ROWS = [
    (_("Solid fill"), T("japan", "sovereignty"), _("Sovereign control: the colour's actor holds and governs it.")),
    (_("White dots with a dark ring"), T("japan", "military_occupation"),
     _("Military occupation: held by the colour's actor's army, without sovereignty.")),
    (_("White horizontal rules"), T("usa", "administration"), _("Administration without sovereignty.")),
    (_("Grey cross-hatch"), T("undetermined", "undetermined"),
     _("Sovereignty undetermined in this point of view, or renounced without a recipient.")),
    (_("Diagonal stripes"), T("russia", "sovereignty", ("japan",)), _("Claimed by the stripes' colour.")),
    (_("Dashed thick outline"), T("japan", "sovereignty", (), "russia"), _("Promised to the outline's colour.")),
    (_("Dotted thick outline"), T("japan", "sovereignty", (), None, "russia"),
     _("A draft or proposal would have given it to the outline's colour.")),
]


def _swatch(uri: str) -> html.Img:
    return html.Img(src=uri, alt="", width=34, height=34, className="help-swatch")


GROUP_MEANINGS = {"undetermined": _("Sovereignty undetermined (always with the grey cross-hatch)."),
                  "none": _("A government states no position on it (in that government's point of view).")}


def encoding_rows(lang: str = "en") -> list[dict]:
    """Every colour, pattern, strait mark and line style the map can show, with its meaning (from styles)."""
    t = gettext_for(lang)
    rows = []
    for group in ("japan", "russia", "usa", "other", "undetermined", "none"):
        paint = T(group, "sovereignty" if group not in ("undetermined", "none") else
                  ("undetermined" if group == "undetermined" else "none"))
        label = styles.group_label(group, lang)
        meaning = t(GROUP_MEANINGS[group]) if group in GROUP_MEANINGS else t("Colour of {label}.", label=label)
        rows.append({"kind": "colour", "key": group, "name": label, "colour": styles.GROUP_COLOURS[group],
                     "uri": styles.swatch_uri(styles.territory_style(paint)), "meaning": meaning})
    for name, paint, meaning in STATUS_ROWS:
        rows.append({"kind": "status", "key": paint.key, "name": t(name), "colour": None,
                     "uri": styles.swatch_uri(styles.territory_style(paint)), "meaning": t(meaning)})
    rows.append({"kind": "status", "key": "diff", "name": t("Heavy black outline, other places faded"),
                 "colour": None, "uri": styles.swatch_uri({"fill": "#FFFFFF", "pattern": None, "stroke": styles.INK,
                                                           "width": 3, "dash": ""}),
                 "meaning": t("“Where they disagree”: the points of view hold different sovereigns here.")})
    for regime in styles.STRAIT_REGIMES:
        rows.append({"kind": "strait", "key": regime, "name": t(styles.REGIME_LABELS[regime]), "colour": None,
                     "uri": styles.swatch_uri(styles.strait_style(styles.StraitPaint((regime,)))),
                     "meaning": t("Strait or sea zone regime in force (light blue zone, dashed edge, marks).")})
    lines = ((True, _("Solid red line"), _("A boundary or line in force that day, named in the Key. A line is "
                                           "drawn only while it exists.")),
             (False, _("Dotted red line"), _("A line a draft or proposal would draw: shown in Treaty mode for "
                                             "that document, named in the Key.")))
    for active, name, meaning in lines:
        rows.append({"kind": "line", "key": f"line{int(active)}", "name": t(name), "colour": None,
                     "uri": styles.line_swatch_uri(styles.line_style(styles.LinePaint(active))), "meaning": t(meaning)})
    return rows


def reading_symbols(lang: str = "en") -> html.Ul:
    """The patterns and outlines the map draws over a colour, each with its tile and meaning ("?" on a phone)."""
    t = gettext_for(lang)
    return html.Ul([html.Li([_swatch(styles.swatch_uri(styles.territory_style(paint))),
                             html.Span([html.Strong(t(name)), " ", t(meaning)])], className="reading-row")
                    for name, paint, meaning in STATUS_ROWS], className="reading-list")


def _encodings_table(lang: str = "en") -> html.Table:
    t = gettext_for(lang)
    kinds = {"colour": t("Colour"), "status": t("Pattern"), "strait": t("Strait zone"), "line": t("Line")}
    body = [html.Tr([html.Td(_swatch(r["uri"])), html.Th(r["name"], scope="row"), html.Td(kinds[r["kind"]]),
                     html.Td(r["meaning"])], **{"data-key": r["key"]}) for r in encoding_rows(lang)]
    return html.Table([
        html.Caption(t("What each colour, pattern and line means (drawn with the map's own tiles)")),
        html.Thead(html.Tr([html.Th(t("Sample"), scope="col"), html.Th(t("Name"), scope="col"),
                            html.Th(t("Kind"), scope="col"), html.Th(t("Meaning"), scope="col")])),
        html.Tbody(body),
    ], className="help-table")


METHOD = [
    (_("How a claim is coded"),
     _("Every colour on the map comes from a status row in the data: a place, an actor, a role (sovereignty, "
       "military occupation, administration, claim, undetermined, renounced, promised, proposed, concession, "
       "or a strait regime), a start and an end date, the event that started it and at least one source. "
       "Intervals are half-open: a status that starts on the day a treaty enters into force holds on that "
       "day. Signed is not in force: a status starts on the date that matters for it, usually entry into "
       "force.")),
    (_("What a point of view means"),
     _("“De facto control” shows who actually held each place on the ground, a fact that is the same for "
       "everyone, the treaty obligations in force between the parties, and each government's public claim to "
       "a place another held, in stripes of the claimant's colour, from the day the claim was made public; "
       "secret, internal or not-yet-public positions are not drawn there. “Japan's view”, “Russia's / the "
       "USSR's view” and “The USA's view” show whom that government officially held sovereign on that day, "
       "and only the claims, promises and proposals that government made or knew of on that day. When a "
       "government states no position (for example the USSR on the Kurils between 1925 and 1941), the place is "
       "shown neutral and labelled “No stated position”, never given to someone. A place a government has "
       "renounced without naming a recipient (Japan after the San Francisco treaty) is shown with a grey "
       "cross-hatch and labelled “Renounced, no recipient named”.")),
    (_("Treaties, drafts and proposals"),
     _("“Treaty or proposal” mode shows what one document provided. For drafts and proposals that never "
       "took effect, the map shows what would have been, had it taken effect; its outcome (rejected, "
       "superseded, …) is stated next to the map.")),
    (_("How disagreements between sources are shown"),
     _("When sources differ on a date or a fact, the data records each position with its sources and the "
       "choice the map makes (below). Dates uncertain in the sources are kept as written, and the map uses "
       "the earliest defensible day. A claim from a seed document that is a known error is recorded here "
       "but never drawn as fact.")),
    (_("Which sources count"),
     _("Every status rests on a primary text (a treaty, a government document, a record of the Diet) or on "
       "published scholarship, with the article, paragraph or page. The seed documents the project started "
       "from and web pages are listed as additional references, labelled as such, and are never a status's "
       "only support. A position the sources imply but do not state is marked “(inferred)”.")),
    (_("Colour is never the only encoding"),
     _("Colours are the Okabe–Ito palette, safe for colour-blind readers and distinct in grayscale; every "
       "status also has a pattern or outline, and the text table under the map says the same in words.")),
]


def _text(value: Any, lang: str) -> str:
    """A data text: four-language Text/dict picked by `lang`, or a plain string as it is."""
    if value is None or isinstance(value, str):
        return value or ""
    return localised(value, lang)[0]


def _disagreements(engine: Any, lang: str = "en") -> html.Div:
    t = gettext_for(lang)
    items = []
    for dis in engine.timeline.disagreements.values():
        positions = [html.Li([_text(p.value, lang), " — ",
                              html.Span("; ".join(c.short for c in cite_many(engine, p.sources, lang)),
                                        className="keys")])
                     for p in dis.positions]
        items.append(html.Li([
            html.Strong(_text(dis.question, lang)),
            html.Ul(positions),
            html.P([t("Adopted: "), _text(dis.adopted, lang)]),
            html.P(t("A known error in a seed document: recorded, not drawn."), className="hint")
            if dis.seed_error else None,
        ], id=f"dis-{dis.id}", className="disagreement"))
    return html.Div([html.H3(t("Where sources disagree ({n})", n=len(items))),
                     html.Ul(items, className="disagreements")])


def _seed_reference(seed: Any) -> str:
    """A seed document by its bibliographic identity (author, title, publication, year)."""
    title = f"“{seed.title}”" + (f" [{seed.title_en}]" if seed.title_en else "")
    return ", ".join(x for x in (seed.author, title, seed.publication, seed.date, seed.url) if x)


def _bibliography(engine: Any, lang: str = "en") -> html.Div:
    t = gettext_for(lang)
    sources = list(engine.timeline.sources.values())
    parts: list = []
    for tier, heading in TIERS:
        mine = sorted((s for s in sources if s.tier == tier), key=lambda s: s.key)
        parts.append(html.H3(f"{t(heading)} ({len(mine)})"))
        parts.append(html.Ol([
            html.Li([html.Cite(cite(engine, s.key, lang).full),
                     "" if s.verbatim else html.Span(t(" (wording not checked verbatim)"), className="hint")],
                    id=f"src-{s.key}")
            for s in mine], className="bibliography"))
    seed_counts: dict[str, int] = {}
    for s in sources:
        if s.seed:
            seed_counts[s.seed] = seed_counts.get(s.seed, 0) + 1
    seeds = engine.timeline.seeds
    parts.insert(0, html.Div([
        html.H3(t("The five seed documents")),
        html.Ul([html.Li([t("{what} ({n} passages cited)", what=t(what), n=seed_counts.get(sid, 0)),
                          html.Br(), html.Cite(_seed_reference(seeds[sid]) if sid in seeds else sid)])
                 for sid, what in SEED_DOCUMENTS], className="seeds"),
    ]))
    return html.Div(parts)


def _dataset_version(engine: Any) -> str:
    info = getattr(engine.timeline, "dataset", None)
    return info.version if info is not None else "?"


def _licence(engine: Any, lang: str = "en") -> html.Div:
    t = gettext_for(lang)
    try:
        prov = json.loads((GEODATA_DIR / "layers" / "provenance.json").read_text(encoding="utf-8"))
        citation = prov.get("source", {}).get("citation", "")
        notes = prov.get("notes", [])
    except (OSError, ValueError):
        citation, notes = "", []
    return html.Div([
        html.H3(t("Data, licence and credits")),
        html.Ul([
            html.Li([html.Strong(COASTLINE_CREDIT), t("; clipped, assigned to territories and simplified for "
                                                      "this map (geodata/layers/provenance.json). "), citation]),
            html.Li(t("Historical texts: treaty and government documents (public domain), cited per status.")),
            html.Li(t("The timeline data (geodata/timeline/*.yaml and the downloads): CC BY 4.0, cite it with its "
                      "version ({version}). The code: MIT.", version=_dataset_version(engine))),
            html.Li(cite_as(lang)),
            html.Li(t("Quoted texts keep their own terms: government documents and treaties are public domain, "
                      "scholarship is quoted with attribution, and lines of Chinese Wikipedia (CC BY-SA 4.0) and "
                      "their translations are CC BY-SA 4.0.")),
            *[html.Li(n, className="hint", lang="en") for n in notes],
        ]),
    ])


KEYS = [("← / →", _("previous / next event (in a tour: previous / next step)")),
        ("Page Up / Page Down", _("previous / next (presentation clickers)")),
        ("Shift + ← / →", _("one month back / forward")), ("Home / End", "1905 / 1956"),
        ("Space", _("play / pause")), ("Esc", _("leave presentation, compare or help"))]
KEY_NAMES = {"Space": _("Space")}


def keyboard_help(lang: str = "en") -> html.Div:
    t = gettext_for(lang)
    items = [x for k, v in KEYS for x in (html.Dt(html.Kbd(t(KEY_NAMES[k]) if k in KEY_NAMES else k)),
                                          html.Dd(t(v)))]
    return html.Div([html.H3(t("Keyboard")), html.Dl(items, className="keys-list")])


@lru_cache(maxsize=8)
def _cached(engine_id: int, engine: Any, lang: str) -> list:
    t = gettext_for(lang)
    return [
        html.H2(t("Help and About")),
        html.H3(t("How to read the map")),
        _encodings_table(lang),
        keyboard_help(lang),
        html.H3(t("Method and editorial policy")),
        *[x for title, text in METHOD for x in (html.H4(t(title)), html.P(t(text)))],
        _disagreements(engine, lang),
        html.H3(t("Bibliography")),
        _bibliography(engine, lang),
        _licence(engine, lang),
    ]


def help_content(engine: Any, lang: str = "en") -> list:
    """The Help and About section's children (built once per engine and language)."""
    return _cached(id(engine), engine, lang)
