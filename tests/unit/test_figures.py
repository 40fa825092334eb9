"""Pure figure builders and the paint table: encodings, colours, and agreement with the engine."""

import datetime as dt
import re
from pathlib import Path

import pytest

from app import figures, styles
from app.cartography.paint_table import add_page_cartography, build_table, territory_paint
from app.cartography.resolve import resolve
from app.cartography.views import GEO_VIEW
from app.layout import load_layers_fc
from app.mapstate import MapState, from_day_index

ROOT = Path(__file__).resolve().parents[2]


def first_frame(built):
    return resolve(built["table"], MapState(date=from_day_index(0)), built["events"])


@pytest.fixture(scope="module")
def engine():
    from app.data import load_engine

    return load_engine()


@pytest.fixture(scope="module")
def built(engine):
    out = build_table(engine, load_layers_fc())
    add_page_cartography(out["table"], "en")
    return out


def test_one_colour_per_group_and_distinct_in_grayscale():
    groups = ["japan", "russia", "usa", "undetermined"]
    colours = [styles.GROUP_COLOURS[g] for g in groups]
    assert len(set(colours)) == len(colours)

    def grey(hex_colour):
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    levels = sorted(grey(c) for c in colours)
    assert min(b - a for a, b in zip(levels, levels[1:], strict=False)) >= 25


def test_each_status_has_its_own_second_encoding():
    T = styles.TerritoryPaint
    sov = styles.territory_style(T("japan", "sovereignty"))
    occ = styles.territory_style(T("japan", "military_occupation"))
    claim = styles.territory_style(T("japan", "sovereignty", ("russia",)))
    promised = styles.territory_style(T("japan", "sovereignty", (), "russia"))
    proposed = styles.territory_style(T("japan", "sovereignty", (), None, "russia"))
    assert sov["pattern"] is None
    assert "circle" in occ["pattern"] and "circle" not in claim["pattern"]
    assert styles.GROUP_COLOURS["russia"] in claim["pattern"]
    assert promised["dash"] and proposed["dash"] and promised["dash"] != proposed["dash"]
    assert promised["stroke"] == proposed["stroke"] == styles.GROUP_COLOURS["russia"]
    regimes = {r: styles.strait_style(styles.StraitPaint((r,)))["pattern"]
               for r in ("free_navigation", "demilitarised", "closed_to_foreign_warships", "fishing_rights")}
    assert len(set(regimes.values())) == 4


def test_paint_of_a_contested_unit_shows_controller_and_claimant():
    value = {"controlled_by": "soviet", "control_kind": "sovereignty", "claimed_by": ["japan", "soviet"],
             "sovereign": "soviet", "promised": [], "proposed": [], "renounced": []}
    paint = territory_paint(value, "de_facto", {"soviet": "russia", "japan": "japan"})
    assert paint.holder == "russia" and paint.claims == ("japan",)


def test_table_covers_every_feature_and_view(engine, built):
    table = built["table"]
    for f in engine.feature_ids + engine.straits:
        assert f in table["locations"]
    for pov in ("de_facto", "japan", "russia", "usa"):
        assert len(table["pov"][pov]) == len(table["locations"])
    assert all(m["day"] >= 0 for m in table["marks"])
    assert "gromyko_amendments_1951" in built["events"]["keys"]


def test_north_sakhalin_1923_is_japanese_occupation(built):
    table = built["table"]
    z = resolve(table, MapState(date=dt.date(1923, 6, 1)), built["events"]).keys
    key = table["keys"][z[table["locations"].index("sakhalin_north")]]["key"]
    assert key.startswith("T|japan|military_occupation|")


def test_map_figure_is_vector_geo_without_builtin_borders(built):
    layers = load_layers_fc()
    fig = figures.map_figure(layers, built["table"], first_frame(built))
    geo = fig.layout.geo
    assert geo.visible is False and geo.projection.type == "conic conformal"
    types = {t.type for t in fig.data}
    assert types == {"choropleth", "scattergeo"}
    paint = next(t for t in fig.data if t.uid == "paint")
    assert list(paint.locations) == built["table"]["locations"]
    assert figures.GRAPH_CONFIG["topojsonURL"] == "/assets/topojson/"


def test_unit_timeline_chart(engine):
    hist = engine.history("iturup")
    rows = [{"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
             "start": dt.date.fromisoformat(s["start"]),
             "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]}
            for s in hist["statuses"]]
    fig = figures.unit_timeline_figure(rows, dt.date(1956, 12, 31))
    assert len(fig.data) >= 3
    colours = {t.marker.color for t in fig.data}
    assert colours <= set(styles.GROUP_COLOURS.values())


def test_place_chart_gives_1945_to_1956_room_and_says_what_it_shows(engine):
    """On a phone 1945–56 was a few pixels of a 1905–56 axis: now those eleven years take as much width as the
    forty before; the chart has a title, a labelled axis, each row's name above its bar and a key to its colours,
    one entry per colour, named as the bars are coloured."""
    hist = engine.history("habomai")
    rows = [{"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
             "start": dt.date.fromisoformat(s["start"]) if s["start"] else None,
             "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]}
            for s in hist["statuses"]]
    fig = figures.unit_timeline_figure(rows, dt.date(1956, 12, 12), lang="ru")
    lo, hi = fig.layout.xaxis.range
    x1945 = figures.chart_x(dt.date(1945, 1, 1))
    assert (hi - x1945) / (hi - lo) > 0.5
    assert fig.layout.title.text == "Кто владел и кто претендовал, 1905–1956" and fig.layout.xaxis.title.text
    assert list(fig.layout.xaxis.ticktext)[:5] == ["1905", "1915", "1925", "1935", "1945"]
    rows_named = {a.text for a in fig.layout.annotations}
    assert rows_named == set(fig.layout.yaxis.categoryarray) and fig.layout.yaxis.showticklabels is False
    keyed = [t for t in fig.data if t.showlegend]
    assert len({t.marker.color for t in keyed}) == len(keyed) == len({t.marker.color for t in fig.data})
    assert {t.name for t in keyed} >= {styles.group_label("japan", "ru"), styles.group_label("russia", "ru")}
    soviet = next(t for t in fig.data if t.marker.color == styles.GROUP_COLOURS["russia"])
    assert soviet.base[0] >= x1945 - 1   # the USSR's rows begin in 1945, in the wider part


def test_trace_uids_are_valid_css_identifiers(built):
    """Plotly.toImage ("Download plot") builds CSS selectors from the uids: no ':' or other punctuation."""
    fig = figures.map_figure(load_layers_fc(), built["table"], first_frame(built))
    uids = [t.uid for t in fig.data]
    assert len(uids) == len(set(uids))
    for uid in uids:
        assert re.fullmatch(r"[A-Za-z0-9_-]+", uid), uid
    assert any(uid.startswith("line-") for uid in uids)


def test_cached_chart_with_date_line_equals_the_chart_built_for_that_date(engine):
    """The story callback caches a unit's chart without the date line and adds the line per request: the result
    is the chart built for that date, and the cached chart is never changed."""
    import json

    import plotly

    hist = engine.history("shikotan")
    rows = [{"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"],
             "start": dt.date.fromisoformat(s["start"]),
             "end": dt.date.fromisoformat(s["end"]) if s["end"] else None, "event": s["event"]}
            for s in hist["statuses"]]
    base = figures.unit_timeline_figure(rows, None, lang="ru").to_plotly_json()
    before = json.dumps(base, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)
    for day in (dt.date(1905, 9, 5), dt.date(1945, 9, 3)):
        direct = figures.unit_timeline_figure(rows, day, lang="ru").to_plotly_json()
        cached = figures.with_date_line(base, day)
        assert json.dumps(cached, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True) == \
            json.dumps(direct, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)
    assert json.dumps(base, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True) == before


def test_map_figure_follows_its_box_and_holds_the_whole_chain(built):
    """No fixed height (assets/map.css sizes the map per view); the view, centred on its range, still holds every
    Kuril island and Cape Lopatka, Kamchatka's tip."""
    from app.layers import load_registry

    fig = figures.map_figure(load_layers_fc(), built["table"], first_frame(built))
    assert fig.layout.height is None and fig.layout.autosize is True
    (lon0, lon1), (lat0, lat1) = GEO_VIEW["lonaxis"]["range"], GEO_VIEW["lataxis"]["range"]
    assert lon0 < GEO_VIEW["center"]["lon"] < lon1 and lat0 < GEO_VIEW["center"]["lat"] < lat1
    reg = load_registry()
    kurils = [f for u in ("kurils_north", "kurils_central", "iturup", "kunashir", "shikotan")
              for f in reg["territory_units"][u]["features"] if "ref" in reg["features"][f]]
    assert "shumshu" in kurils and "kunashir" in kurils
    for lat, lon in [reg["features"][f]["ref"] for f in kurils] + [(50.87, 156.67)]:
        assert lon0 < lon < lon1 and lat0 < lat < lat1, (lat, lon)


def test_placed_labels_reach_the_map(built):
    """The page's first draw takes its labels from the ladder (app/cartography/ladder.py): each placed label at its
    rung's position and text anchor, dropped ones without a position, the lesson's islands named."""
    table = built["table"]
    fig = figures.map_figure(load_layers_fc(), table, first_frame(built))
    trace = next(t for t in fig.data if t.uid == "labels")
    rung = figures._rung(table)["names"]["local"]
    ids_ = [lab["id"] for lab in table["labels"]]
    assert ids_ == table["labelLadder"]["ids"]
    for i, pos in enumerate(rung["pos"]):
        assert (trace.lon[i] is None) == (pos is None), ids_[i]
    named = {ids_[i] for i, pos in enumerate(rung["pos"]) if pos}
    assert {"island_sakhalin", "island_kunashir", "island_iturup", "island_shikotan", "island_habomai"} <= named
    texts = dict(zip(ids_, trace.text, strict=True))
    assert texts["island_iturup"] == "Iturup"  # the name its captions use, in 1905 too
    assert texts["town_yuzhno_sakhalinsk"] == "Toyohara"  # 1905: the Japanese name of the town
    assert {t.uid for t in fig.data} >= {"proxies", "targets", "leaders", "paint-south_kurils", "paint-tsushima"}
