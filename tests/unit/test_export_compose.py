"""The export figure without a browser: paint lookup, legend, names, clipping, SVG finishing."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from app.data import load_engine
from app.export import compose
from app.export.compose import ExportRequest


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def ctx(engine):
    return compose.context(engine)


def test_resolve_matches_the_page_initial_paint(engine, ctx):
    from app.cartography.paint_table import initial_paint
    from app.url_state import day_index

    for date, pov in [(dt.date(1951, 9, 8), "japan"), (dt.date(1945, 9, 5), "de_facto"),
                      (dt.date(1920, 8, 1), "russia")]:
        paint = compose.resolve(ctx, ExportRequest(date=date, pov=pov), date)
        assert paint.keys == initial_paint(ctx.table, day_index(date), pov)["z"]


def test_event_mode_uses_the_event_paint(engine, ctx):
    req = ExportRequest(mode="event", event="san_francisco_treaty_1951")
    paint = compose.resolve(ctx, req, compose.shown_date(engine, req))
    assert paint.keys == ctx.events["keys"]["san_francisco_treaty_1951"]
    assert compose.shown_date(engine, req) == dt.date(1951, 9, 8)


def test_names_convention(ctx):
    date = dt.date(1951, 9, 8)
    ja = compose.resolve(ctx, ExportRequest(names="ja"), date).labels
    ru = compose.resolve(ctx, ExportRequest(names="ru"), date).labels
    both = compose.resolve(ctx, ExportRequest(names="both"), date).labels
    assert "択捉島" in ja and "Итуруп" in ru
    assert "択捉島 / Итуруп" in both


def test_historical_names_follow_the_date(ctx):
    before = compose.resolve(ctx, ExportRequest(names="ja"), dt.date(1940, 1, 1)).labels
    after = compose.resolve(ctx, ExportRequest(names="ru"), dt.date(1950, 1, 1)).labels
    assert "真岡" in before and "Холмск" in after


def test_legend_lists_only_what_is_shown_in_the_language(engine, ctx):
    date = dt.date(1951, 9, 8)
    req = ExportRequest(date=date, pov="japan", lang="ja")
    rows = compose.legend_rows(ctx, compose.resolve(ctx, req, date), req)
    texts = [t for _k, _s, t in rows]
    assert "日本" in texts and "色＝主体" in texts
    assert not any("USA" in t for t in texts)


def test_validate_names_the_parameter(engine):
    bad = [(dict(fmt="gif"), "format"), (dict(pov="mars"), "pov"), (dict(event="nope"), "event"),
           (dict(mode="event"), "event"), (dict(lang="fr"), "lang"), (dict(names="xx"), "names"),
           (dict(date=dt.date(1900, 1, 1)), "date"), (dict(size="custom"), "width_mm"),
           (dict(fmt="png", dpi=72), "dpi")]
    for kwargs, parameter in bad:
        with pytest.raises(compose.ExportParamError) as err:
            compose.validate(engine, ExportRequest(**kwargs))
        assert err.value.parameter == parameter, kwargs


def test_filenames_say_what_they_hold(engine):
    assert compose.filename(engine, ExportRequest(date=dt.date(1951, 9, 8), pov="japan")) == \
        "1951-09-08_san-francisco-treaty_japan.svg"
    assert compose.filename(engine, ExportRequest(mode="event", event="us_draft_1951_03", fmt="png", dpi=600)) \
        == "1951-03-30_us-draft_provides_600dpi.png"
    assert compose.event_slug("us_uk_draft_1951_07") == "us-uk-draft"


def test_clip_keeps_inside_and_drops_outside():
    square = {"type": "Feature", "properties": {"id": "x"},
              "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0, 10], [10, 10], [10, 0], [0, 0]]]}}
    assert compose.clip_feature(square, (20, 20, 30, 30)) is None
    assert compose.clip_feature(square, (-1, -1, 11, 11)) is square
    clipped = compose.clip_feature(square, (5, 5, 20, 20))
    xs = [p[0] for p in clipped["geometry"]["coordinates"][0][0]]
    assert min(xs) == 5 and max(xs) == 10


def test_full_resolution_layers_are_used(ctx):
    from app.layers import load_layers

    interactive = load_layers("interactive").by_id["sakhalin_south"]["geometry"]
    full = next(f for f in ctx.fc["features"] if f["properties"]["id"] == "sakhalin_south")["geometry"]

    def count(c):
        return 1 if c and isinstance(c[0], (int, float)) else sum(count(x) for x in c)

    assert count(full["coordinates"]) > 2 * count(interactive["coordinates"])


def test_finish_svg_swaps_sentinels_for_the_page_styles(engine):
    fig, meta = compose.build_figure(engine, ExportRequest(date=dt.date(1951, 9, 8), pov="japan"))
    # the SVG kaleido would give, reduced to one location path and one legend swatch
    loc = next(k for k in meta["finish"] if meta["finish"][k].get("pattern"))
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="680" height="472"><defs id="defs-1"/>'
           f'<path class="choroplethlocation" fill="{loc}" d="M0,0L1,1Z" style="stroke: rgb(255, 255, 255);"/>'
           '<path d="M0,0" style="fill: rgb(230, 159, 0); stroke: #0B4F8A"/></svg>')
    out = compose._finish_svg(svg, meta, grayscale=False)
    root = ET.fromstring(out)
    assert root.get("width").endswith("mm") and root.get("viewBox")
    assert "rgb(1, " not in out and "url(#xpat0)" in out and "<pattern id=\"xpat0\"" in out
    gray = compose.to_grayscale(out)
    assert "#0B4F8A" not in gray and "rgb(230, 159, 0)" not in gray


def test_grayscale_keeps_groups_apart():
    from app import styles

    lum = [compose._grey(int(c[1:3], 16), int(c[3:5], 16), int(c[5:7], 16))
           for c in (styles.GROUP_COLOURS[g] for g in ("japan", "russia", "usa", "other"))]
    assert len(set(lum)) == 4


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh"])
def test_no_position_label_is_the_pages(lang):
    from app import styles

    # one source: the page legend's wording and catalogue ("No stated position"), never a copy
    assert compose.group_label("none", lang) == styles.group_label("none", lang)
    assert compose.group_label("japan", lang) == styles.group_label("japan", lang)
    assert "No holder" not in compose.group_label("none", lang)
    assert "none" not in compose.T
