"""The export figure without a browser: paint lookup, names, the key's words per map kind, requests, SVG
finishing, captions."""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from app.cartography.key import KeyLine, KeyState, key_rows
from app.data import load_engine
from app.export import caption, compose, finish, paint, request
from app.export.request import ExportParamError, ExportRequest


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def ctx(engine):
    return paint.context(engine)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_print_and_page_give_the_same_frame(engine, lang):
    """A figure's map is the page's: the print table (full-resolution layers, print labels) and the page's table
    answer the same Frame for the same state (app/cartography/resolve.py)."""
    from app.cartography.resolve import resolve
    from app.layout import page_map

    table, events, _fig = page_map(engine, lang)
    for date, pov, mode, event in [(dt.date(1951, 9, 8), "japan", "date", None), (dt.date(1945, 9, 5), "de_facto",
                                   "date", None), (dt.date(1920, 8, 1), "soviet", "date", None),
                                   (dt.date(1952, 4, 28), "japan", "date", None),
                                   (dt.date(1951, 9, 8), "de_facto", "event", "san_francisco_treaty_1951")]:
        req = ExportRequest(date=date, pov=pov, mode=mode, event=event, lang=lang, diff=True)
        printed = paint.frame_for(engine, req)
        page = resolve(table, req, events)
        assert printed.keys == page.keys and printed.diff == page.diff and printed.notes == page.notes
        assert printed.lines == page.lines and printed.key == page.key and printed.headline == page.headline
        assert printed.government == page.government and printed.in_force == page.in_force
        assert {k: v for k, v in printed.labels.items() if k in page.labels} == page.labels


def test_event_mode_uses_the_event_paint(engine, ctx):
    req = ExportRequest(mode="event", event="san_francisco_treaty_1951")
    assert paint.frame_for(engine, req).keys == tuple(ctx.events["keys"]["san_francisco_treaty_1951"])
    assert request.shown_date(engine, req) == dt.date(1951, 9, 8)


def test_names_conventions(engine, ctx):
    date = dt.date(1951, 9, 8)

    def labels(**kw):
        return paint.frame_for(engine, ExportRequest(date=date, **kw)).labels.values()

    assert "択捉島" in labels(names="ja") and "Итуруп" in labels(names="ru")
    assert "択捉島 / Итуруп" in labels(names="both")
    assert "択捉島" in labels(names="local", lang="ja") and "Итуруп" in labels(names="local", lang="ru")
    assert "Iturup" in labels(names="local", lang="en") and "Iturup" in labels(names="en", lang="ja")


def test_historical_names_follow_the_date(engine, ctx):
    before = paint.frame_for(engine, ExportRequest(names="ja", date=dt.date(1940, 1, 1))).labels.values()
    after = paint.frame_for(engine, ExportRequest(names="ru", date=dt.date(1950, 1, 1))).labels.values()
    assert "真岡" in before and "Холмск" in after


def test_print_names_the_habomai_islets(engine, ctx):
    labels = paint.frame_for(engine, ExportRequest(names="ja", lang="ja")).labels
    assert labels["island_habomai"] == "歯舞" and labels["island_zelyony"] == "志発島"


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh"])
def test_key_words_follow_the_map_kind_in_every_language(lang):
    state = KeyState(keys={"T|japan|sovereignty||russia|", "T|undetermined|renounced|||",
                           "T|undetermined|undetermined|||", "T|japan|sovereignty|||russia",
                           "S|closed_to_foreign_warships"},
                     proposed_regimes={"closed_to_foreign_warships"},
                     lines=[KeyLine("line_kushiro_rumoi", "Kushiro–Rumoi line", "proposed")])
    by_kind = {kind: key_rows(state, kind, lang) for kind in ("de_facto", "government", "event")}
    for kind, rows in by_kind.items():
        texts = {r.id: r.text for r in rows}
        # renounced and undetermined: two rows, two different symbols
        assert texts["mode:renounced"] != texts["mode:undetermined"]
        styles_ = {r.id: r.style for r in rows}
        assert styles_["mode:renounced"]["pattern"] != styles_["mode:undetermined"]["pattern"]
        assert all(r.text.strip() for r in rows)
        if lang == "en":
            assert all(r.text.endswith((".", ")")) or r.kind == "header" or r.id.startswith("group:") for r in rows)
            assert "proposed" in texts["proposed"] and "proposed" in texts["line:line_kushiro_rumoi"]
            if kind != "event":
                assert "proposed" in texts["regime:closed_to_foreign_warships"]
    solid = {k: next(r.text for r in rows if r.id == "mode:sovereignty") for k, rows in by_kind.items()}
    assert len(set(solid.values())) == 3  # the fill means three different things
    if lang == "en":
        assert "view" in solid["government"] and "held" in solid["de_facto"] and "document" in solid["event"]


def test_one_key_for_two_maps():
    a = KeyState(keys={"T|japan|sovereignty|||"})
    b = KeyState(keys={"T|russia|military_occupation|||"}, diff=True)
    ids = [r.id for r in key_rows(a.merge(b), "de_facto")]
    assert {"group:japan", "group:russia", "mode:sovereignty", "mode:military_occupation", "diff"} <= set(ids)


def test_validate_names_the_parameter(engine):
    bad = [(dict(fmt="gif"), "format"), (dict(pov="mars"), "pov"), (dict(event="nope"), "event"),
           (dict(mode="event"), "event"), (dict(lang="fr"), "lang"), (dict(names="xx"), "names"),
           (dict(date=dt.date(1900, 1, 1)), "date"), (dict(size="custom"), "width_mm"),
           (dict(fmt="png", dpi=72), "dpi"), (dict(view="present"), "view"), (dict(pov2="mars"), "pov2")]
    for kwargs, parameter in bad:
        with pytest.raises(ExportParamError) as err:
            request.validate(engine, ExportRequest(**kwargs))
        assert err.value.parameter == parameter, kwargs


def test_unknown_territory_lists_the_valid_ids(engine):
    with pytest.raises(ExportParamError) as err:
        request.validate(engine, ExportRequest(unit="etorofu"))
    assert "habomai" in err.value.allowed and "shikotan" in err.value.allowed and "zelyony" in err.value.allowed


def test_soviet_is_an_alias(engine):
    req = request.validate(engine, ExportRequest(pov="soviet"))
    assert req.pov == request.normalise_pov("soviet")


def test_query_parameters_are_the_pages(engine):
    req = request.request_from_args({"date": "1952-04-28", "pov": "japan", "view": "compare", "pov2": "usa",
                                     "tour": "key", "names": "ja", "lang": "ja"})
    assert req.view == "compare" and req.pov2 == "usa" and req.names == "ja"
    with pytest.raises(ExportParamError) as err:
        request.request_from_args({"perspective": "japan"})
    assert err.value.parameter == "perspective"


def test_filenames_say_size_language_and_both_sides(engine):
    assert request.filename(engine, ExportRequest(date=dt.date(1951, 9, 8), pov="japan")) == \
        "1951-09-08_san-francisco-treaty_japan_double_en.svg"
    assert request.filename(engine, ExportRequest(mode="event", event="us_draft_1951_03", fmt="png", dpi=600,
                                                  size="single", lang="ja")) == \
        "1951-03-29_us-draft_provides_single_ja_600dpi.png"
    assert request.filename(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan", view="compare", pov2="usa",
                                                  date2=dt.date(1952, 4, 28), size="custom", width_mm=120,
                                                  height_mm=100)) == \
        "1952-04-28_san-francisco-treaty_japan_vs_usa_120x100mm_en.svg"
    assert request.event_slug("us_uk_draft_1951_07") == "us-uk-draft"


def test_permalink_only_to_a_public_address(monkeypatch):
    monkeypatch.delenv(request.PUBLIC_URL_ENV, raising=False)
    assert ExportRequest(base_url="http://127.0.0.1:8050/").permalink() is None
    assert ExportRequest().permalink() is None
    monkeypatch.setenv(request.PUBLIC_URL_ENV, "https://atlas.example.org/")
    assert ExportRequest(pov="japan").permalink().startswith("https://atlas.example.org/?date=")
    assert ExportRequest(base_url="https://x.example/").permalink().startswith("https://x.example/?")


SNAKE_KEY = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+){2,}\b")


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh"])
def test_caption_has_no_internal_keys_or_loopback(engine, lang, monkeypatch):
    monkeypatch.delenv(request.PUBLIC_URL_ENV, raising=False)
    req = ExportRequest(date=dt.date(1952, 4, 28), pov="japan", lang=lang, base_url="http://127.0.0.1:8050/")
    text = "\n".join(caption.caption_lines(engine, req, caption.projection_note(lang)))
    assert "127.0.0.1" not in text and "[1952-04-28]" not in text
    assert not [k for k in engine.timeline.sources if k in text]
    assert not SNAKE_KEY.search(text.replace("Sakhalin–Kurils", ""))
    assert caption.data_version() in text and caption.dataset_label(engine) in text


def test_caption_names_date_view_event_projection(engine, monkeypatch):
    monkeypatch.setenv(request.PUBLIC_URL_ENV, "https://atlas.example.org")
    lines = caption.caption_lines(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan"),
                                  caption.projection_note("en"))
    text = "\n".join(lines)
    assert "28 April 1952" in text and "Japan's view" in text and "San Francisco" in text
    assert "Lambert conformal conic" in text and lines[-1].startswith("Online: https://atlas.example.org/?date=")


def test_point_of_view_is_named_as_on_the_page():
    from app import styles
    from app.i18n import gettext_for

    for lang in ("en", "ja", "ru", "zh"):
        for pov, msgid in styles.POV_LABELS.items():
            assert caption.pov_label(pov, lang) == gettext_for(lang)(msgid)


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh"])
def test_titles_are_long_dates_and_name_the_government_of_the_day(engine, lang):
    """The figure's title is Babel's long date (never ISO, English included); its subtitle names the government
    that held the point of view on that date, in the catalogue's words."""
    from app import styles
    from app.i18n import format_date_for, gettext_for

    t = gettext_for(lang)
    formed = engine.events[styles.USSR_FORMATION].sort_date
    cases = [(dt.date(1910, 1, 1), "The Russian Empire's view"),
             (dt.date(1917, 5, 1), "The Provisional Government's view"),
             (formed - dt.timedelta(days=1), "Soviet Russia's view"), (dt.date(1921, 1, 20), "Soviet Russia's view"),
             (formed, "The USSR's view"), (dt.date(1956, 12, 31), "The USSR's view")]
    for date, msgid in cases:
        title, sub = caption.titles(engine, ExportRequest(date=date, pov="russia", lang=lang))
        assert title == format_date_for(date, lang) and not re.search(r"\d{4}-\d{2}-\d{2}", title), title
        assert sub.startswith(t(msgid)) and t(msgid) != t(styles.POV_LABELS["russia"]), (date, sub)
    assert caption.titles(engine, ExportRequest(date=dt.date(1956, 12, 31), lang="en"))[0] == "31 December 1956"
    assert caption.titles(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="usa", lang=lang))[1].startswith(
        t("The USA's view"))
    assert caption.titles(engine, ExportRequest(date=dt.date(1952, 4, 28), lang=lang))[1].startswith(
        t("De facto control"))
    compare = ExportRequest(date=dt.date(1921, 1, 20), pov="russia", lang=lang, view="compare",
                            date2=dt.date(1956, 12, 31), pov2="russia")
    svg = compose.export_figure(engine, compare).svg if lang == "en" else ""
    if svg:
        assert "Soviet Russia" in svg and "The USSR" in svg


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh"])
def test_the_page_writes_dates_with_babels_pattern(lang):
    """The painter's date (assets/map_paint.js formatDay) is Babel's long pattern as parts with Babel's month
    names: assembled here the same way, it gives format_date_for's text on every day of a year."""
    from app.cartography.paint_table import js_strings
    from app.i18n import format_date_for

    spec = js_strings(lang)["date"]
    for n in range(0, 366, 7):
        day = dt.date(1956, 1, 1) + dt.timedelta(days=n)
        fields = {"d": str(day.day), "M": str(day.month), "y": str(day.year)}
        text = "".join(p if isinstance(p, str) else spec["months"][day.month - 1] if p[0] == "M" and p[1] >= 3
                       else fields[p[0]] for p in spec["parts"])
        assert text == format_date_for(day, lang)


def test_finish_svg_swaps_sentinels_for_the_page_styles():
    meta = {"finish": {"rgb(1, 0, 5)": {"fill": "#E69F00", "pattern": '<rect width="12" height="12"/>',
                                        "stroke": "#FFFFFF", "width": 0.8, "dash": ""}},
            "pattern_scale": 1.0, "W": 680, "H": 472}
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="680" height="472"><defs id="defs-1"/>'
           '<path class="choroplethlocation" fill="rgb(1, 0, 5)" d="M0,0L1,1Z" style="stroke: rgb(255, 255, 255);"/>'
           '<path d="M0,0" style="fill: rgb(230, 159, 0); stroke: #0B4F8A"/></svg>')
    out = finish.finish_svg(svg, meta, grayscale=False)
    root = ET.fromstring(out)
    assert root.get("width").endswith("mm") and root.get("viewBox")
    assert "rgb(1, " not in out and "url(#xpat0)" in out and '<pattern id="xpat0"' in out
    gray = finish.to_grayscale(out)
    assert "#0B4F8A" not in gray and "rgb(230, 159, 0)" not in gray


def test_the_halo_is_only_under_the_maps_texts(engine):
    """Labels and scale texts over the map get the white halo; the title, key and caption (on white) do not: librsvg
    draws a stroked text as glyph outlines besides the font, which made every PDF about four times larger."""
    req = compose.validate(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan", fmt="svg"))
    fig, meta = compose.build_figure(engine, req)
    texts = [a["text"] for a in fig["layout"]["annotations"]]
    haloed = {texts[i] for i in meta["halo"]}
    placed = {p.text for _g, labels, _f in meta["labels"] for p in labels}
    assert placed and all(any(text in h for h in haloed) for text in placed)
    assert "500 km" in " ".join(haloed)
    assert not any(meta["title"] in h or "Coastlines" in h or "Japan's view" in h for h in haloed)
    css = finish.halo_css(meta["halo"])
    assert css.count(".annotation-text") == len(meta["halo"]) < len(texts)
    assert all(f'g.annotation[data-index="{i}"] .annotation-text' in css for i in meta["halo"])
    assert finish.halo_css(None).startswith(".annotation-text {")  # a figure without the list: every text


def test_grayscale_keeps_groups_apart():
    from app import styles

    lum = [finish.grey(int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16))
           for c in (styles.GROUP_COLOURS[g] for g in ("japan", "russia", "usa", "other"))]
    assert len(set(lum)) == 4


def test_no_word_tables_in_the_export():
    from pathlib import Path

    src = "".join(p.read_text(encoding="utf-8") for p in Path(paint.__file__).parent.glob("*.py"))
    assert "MONTHS" not in src and "REGIME_T" not in src and "января" not in src


def test_caption_says_where_sources_disagree(engine):
    req = ExportRequest(date=dt.date(1952, 4, 28), pov="japan")
    questions = [d["question"] for d in engine.disagreements_for(date="1952-04-28")]
    assert questions  # the data records disagreements that bear on this day
    text = " ".join(caption.caption_lines(engine, req, caption.projection_note("en")))
    shown = text.split("Sources disagree: ")[1]
    assert any(shown.startswith(q) for q in questions)  # one of the day's, the one about what is drawn first
    event = " ".join(caption.caption_lines(engine, ExportRequest(mode="event", event="yalta_agreement_1945"),
                                           caption.projection_note("en")))
    assert "Sources disagree:" in event
