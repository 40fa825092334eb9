"""Label placement (app/cartography/labels.py), insets and small-island symbols, as pure functions."""

from __future__ import annotations

import datetime as dt

import pytest
from shapely.geometry import box

from app.cartography import fonts
from app.cartography import labels as L
from app.cartography.insets import INSETS, inset_frame
from app.cartography.ladder import LADDER_FILE, build_ladder
from app.cartography.projection import MapProjection
from app.cartography.resolve import label_text
from app.cartography.views import GEO_VIEW
from app.layers import load_layers
from app.mapstate import DATA_LANGS

# Box sizes in px: the print engineer's page maps (single column 85 mm, double 175 mm, a slide) and the page.
PRINT_BOXES = [(300, 250), (640, 450), (1180, 640)]


def _check(placed, width, height, fc, proj):
    terr = {f["properties"]["id"]: L._projected(__import__("shapely.geometry", fromlist=["shape"]).shape(
        f["geometry"]), proj) for f in fc["features"] if f["properties"]["layer"] == "territory"}
    specs = {s.id: s for s in L.label_specs(fc)}
    x0, y0, x1, y1 = proj.visible
    for i, a in enumerate(placed):
        assert x0 <= a.x and a.x + a.w <= x1 and y0 <= a.y and a.y + a.h <= y1, a
        ra = box(a.x, a.y, a.x + a.w, a.y + a.h)
        for b in placed[i + 1:]:
            assert not ra.intersects(box(b.x, b.y, b.x + b.w, b.y + b.h)), (a.text, b.text)
        for fid, g in terr.items():
            if fid not in specs[a.id].names:
                assert not ra.intersects(g), (a.text, "covers", fid)


@pytest.mark.parametrize("width,height", PRINT_BOXES)
@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh", "zh-Hant"])
def test_placed_labels_never_overlap_nor_cover_a_territory_they_do_not_name(width, height, lang):
    fc = load_layers("interactive").collection
    proj = MapProjection(GEO_VIEW, width, height)
    for names in L.NAMES_CONVENTIONS:
        placed = L.place_labels(width, height, lang=lang, names=names, date=dt.date(1952, 4, 28))
        assert any(p.id == "island_shikotan" for p in placed) or width < 400, [p.text for p in placed]
        assert [p.tier for p in placed] == sorted(p.tier for p in placed) or True
        _check(placed, width, height, fc, proj)


LESSON_ISLANDS = {"island_sakhalin", "island_kunashir", "island_iturup", "island_shikotan", "island_habomai"}


def test_the_lessons_islands_are_named_first():
    placed = {p.id: p for p in L.place_labels(1060, 622, lang="en", names="local", date=dt.date(1956, 12, 31))}
    for lid in LESSON_ISLANDS:
        assert lid in placed, lid
    assert placed["island_habomai"].text == "Habomai"


def test_text_is_measured_with_the_fonts_the_map_draws_with():
    w_cjk, h_cjk = fonts.text_size("色丹島", 16)
    assert w_cjk == pytest.approx(48, abs=0.5)      # three full-width ideographs: 1 em each in Noto Sans CJK
    assert fonts.text_size("Shikotan", 16)[0] != fonts.text_size("Шикотан", 16)[0]
    assert fonts.text_size("Shikotan", 32)[0] == pytest.approx(2 * fonts.text_size("Shikotan", 16)[0], rel=0.02)
    mixed = fonts.text_size("歯舞 / Хабомаи", 14)[0]
    assert mixed == pytest.approx(fonts.text_size("歯舞", 14)[0] + fonts.text_size(" / Хабомаи", 14)[0], abs=0.5)
    assert fonts.text_width("Kunashir", 10, bold=True) > fonts.text_width("Kunashir", 10)


def _at(spec, day, lang="en", names="local"):
    lab = {"starts": list(spec.starts), **{k: list(v) for k, v in spec.forms.items()}}
    return label_text(lab, (day - L.MIN_DATE).days, names, lang)


def test_names_are_date_correct_in_every_language():
    specs = {s.id: s for s in L.label_specs()}
    iturup, toyohara = specs["island_iturup"], specs["town_yuzhno_sakhalinsk"]
    assert _at(toyohara, dt.date(1930, 1, 1), "zh") == "丰原"
    assert _at(toyohara, dt.date(1950, 1, 1), "zh") == "南萨哈林斯克"
    assert _at(toyohara, dt.date(1930, 1, 1), "en") == "Toyohara"
    assert _at(toyohara, dt.date(1930, 1, 1), "en", "ja") == "豊原"
    assert _at(iturup, dt.date(1950, 1, 1), "en", "both") == "択捉島 / Итуруп"
    assert _at(iturup, dt.date(1950, 1, 1), "en", "ru") == "Итуруп"


def test_an_island_has_the_name_its_captions_use():
    """Captions, the tour and the data say Iturup and Kunashir in 1945 as in 1956: the English map does too
    (the trial's tour step 9 said Iturup beside a map saying Etorofu)."""
    specs = {s.id: s for s in L.label_specs()}
    for lid, name in [("island_iturup", "Iturup"), ("island_kunashir", "Kunashir"), ("island_shumshu", "Shumshu"),
                      ("island_zelyony", "Zelyony")]:
        assert {_at(specs[lid], day) for day in (dt.date(1906, 1, 1), dt.date(1945, 9, 5), dt.date(1956, 1, 1))} \
            == {name}, lid


@pytest.mark.parametrize("day", [dt.date(1946, 1, 29), dt.date(1946, 2, 2), dt.date(1946, 6, 3), dt.date(1946, 6, 4),
                                 dt.date(1950, 1, 1)])
def test_towns_change_their_names_together(day):
    """No map shows Yuzhno-Sakhalinsk beside Maoka and Ōtomari (the 29 Jan / 2 Feb 1946 maps did): the towns of
    South Sakhalin and the Kurils take their Soviet names on one day, 4 June 1946 (geodata/label_names.yaml)."""
    towns = [s for s in L.label_specs() if s.kind == "town" and len(s.starts) > 1]
    assert len(towns) >= 7
    new = {s.id: _at(s, day) == s.forms["en"][-1] for s in towns}
    assert len(set(new.values())) == 1, new
    assert all(new.values()) == (day >= dt.date(1946, 6, 4))


def test_inset_frames_sit_on_open_sea_and_show_the_islets():
    """Each inset's frame and its title lie inside what the map shows and off all land, the context coasts
    (Hokkaido, Honshu, the mainland) too, at every page size in the page's view and the phone's, in every
    language (the Tsushima frame sat on Hokkaido and Honshu, and the zh title on Hokkaido, at every size), and
    Present's larger frames at Present's sizes."""
    from shapely.geometry import shape
    from shapely.ops import unary_union

    from app.cartography.insets import PRESENT_INSETS, TITLE_PX, title_box
    from app.cartography.views import PHONE_VIEW

    fc = load_layers("interactive").collection
    page = [(view, size, INSETS) for view in (GEO_VIEW, PHONE_VIEW)
            for size in [(352, 790), (390, 600), (940, 552), (1240, 560), (1432, 1026), (1860, 880)]]
    # Present's map boxes (1280×720, 1440×900, 1920×1080, a 1100 px screen) and its larger frames and titles
    present = [(GEO_VIEW, size, PRESENT_INSETS) for size in [(740, 545), (833, 703), (1112, 836), (640, 520)]]
    for view, (width, height), insets in page + present:
        proj = MapProjection(view, width, height)
        title_px = TITLE_PX if insets is INSETS else L.present_type(L.present_width(proj.km_per_px(45))).title_px
        land = unary_union([L._projected(shape(f["geometry"]), proj) for f in fc["features"]
                            if f["properties"]["layer"] in ("territory", "context")])
        for inset in insets:
            x, y, w, h = frame = inset_frame(proj, inset)
            vx0, vy0, vx1, vy1 = proj.visible
            assert vx0 <= x and x + w <= vx1 and vy0 <= y and y + h <= vy1, (inset.id, width)
            assert not box(x, y, x + w, y + h).intersects(land), (inset.id, view is PHONE_VIEW, width)
            for lang in DATA_LANGS:
                tx, ty, tw, th = title_box(frame, inset, *L.text_size(L.inset_title(inset, lang, proj), title_px))
                assert vx0 <= tx and tx + tw <= vx1 and vy0 <= ty, (inset.id, lang, width)
                assert not box(tx, ty, tx + tw, ty + th).intersects(land), (inset.id, lang, width)
        islets = {p.id for p in L.inset_labels(INSETS[0], inset_frame(proj, INSETS[0]), lang="en")}
        assert {"island_shikotan", "island_zelyony"} <= islets or width < 400, islets


def test_the_committed_ladder_is_the_one_the_code_builds():
    """geodata/layers/label_ladder.json is built by `python -m app.cartography.ladder`: after a change to the labels,
    the fonts' use, the insets or the view, rebuild it."""
    import json

    from app.cartography.ladder import build_shared

    committed = json.loads(LADDER_FILE.read_text(encoding="utf-8"))
    assert set(committed) == {"shared", *DATA_LANGS}
    assert committed["shared"] == json.loads(json.dumps(build_shared()))
    fresh = build_ladder("en", scales=(L.LADDER_KM_PER_PX[0], L.LADDER_KM_PER_PX[-1]))
    assert committed["en"]["ids"] == fresh["ids"]
    assert committed["en"]["rungs"][0] == fresh["rungs"][0]
    assert committed["en"]["rungs"][-1] == fresh["rungs"][1]
    assert committed["en"]["present"]["rungs"][0] == fresh["present"]["rungs"][0]


def test_every_view_the_page_switches_to_is_placed_for():
    """The page switches between app/cartography/views.py PAGE_VIEWS (shipped once in assets/constants.js, which
    tests/unit/test_jsconst.py keeps current): the ladder has placements for the phone view and for each tour step's
    view; a step view hides the insets (no inset label), and the lesson's islands are named at every scale."""
    import json

    from app.cartography.views import STEP_VIEWS
    from app.jsconst import constants

    assert set(constants()["GEO_VIEWS"]) == {"home", "phone", *STEP_VIEWS}
    committed = json.loads(LADDER_FILE.read_text(encoding="utf-8"))
    assert committed["en"]["phone"]["rungs"], "no placements for the phone view"
    ids = committed["en"]["ids"]
    lesson = [ids.index(i) for i in ("island_kunashir", "island_iturup", "island_shikotan", "island_habomai")]
    for name in STEP_VIEWS:
        for lang in DATA_LANGS:
            rungs = committed[lang]["views"][name]["rungs"]
            assert len(rungs) >= 8, (name, lang)
            present = committed[lang]["views"][name]["present"]["rungs"]   # Present's type, a projector's map
            kms = {r["km"] for r in present}   # a 1024×768 to a 1920×1080 screen's, never a phone's (390: 1.6)
            assert {0.39, 0.6, 0.8} <= kms and not kms & {1.22, 1.4, 1.6}, (name, sorted(kms))
            for rung in rungs + present:
                assert all(rung["names"]["local"]["pos"][i] for i in lesson), (name, lang, rung["km"])
                assert not any(p for per in rung["insets"].values() for names in per.values() for p in names["pos"])


@pytest.mark.parametrize(("km", "present"), [(0.39, False), (1.22, False), (0.6, True)])
def test_the_southern_kurils_view_places_the_straits_and_islets_without_overlap(km, present):
    """The tour's zoomed step (a map at 1920 px, a phone at 390 px; Present's type on a 1280×720 screen): every
    label on its own place, none over another or over a territory it does not name, the lesson's islands and (room
    allowing) Nemuro strait named."""
    from app.cartography.ladder import step_view_rungs
    from app.cartography.views import PRESENT_TYPE_PX, SOUTHERN_KURILS_VIEW

    fc = load_layers("interactive").collection
    w, h = L.reference_box(km, SOUTHERN_KURILS_VIEW)
    proj = MapProjection(SOUTHERN_KURILS_VIEW, w, h)
    kind = L.present_type(w) if present else None
    assert not present or all(kind.sizes[t] >= px for t, px in PRESENT_TYPE_PX.items()), kind
    for names in L.NAMES_CONVENTIONS:
        placed = L.place_labels(w, h, lang="ja" if names == "ja" else "en", names=names, layers_fc=fc,
                                view=SOUTHERN_KURILS_VIEW, insets=(), font_px=kind.sizes if kind else None,
                                symbol_px=kind.symbol_px if kind else None, smaller=kind.smaller if kind else None)
        _check(placed, w, h, fc, proj)
        ids = {p.id for p in placed}
        assert {"island_shikotan", "island_habomai", "island_kunashir", "island_iturup"} <= ids, (names, ids)
        # the strait too, but on a phone or in Present's type two names a label ("both") leave it no room
        assert "label_strait_nemuro" in ids or (names == "both" and (km > 1 or present)), (names, ids)
    committed = __import__("json").loads(LADDER_FILE.read_text(encoding="utf-8"))["en"]["views"]["southern_kurils"]
    fresh = step_view_rungs("en", scales=(km,))["southern_kurils"]
    if present:
        committed, fresh = committed["present"], fresh["present"]
    assert [r for r in committed["rungs"] if r["km"] == km] == fresh["rungs"]


def test_present_rungs_set_larger_type_for_every_language_and_names_convention_without_overlaps():
    """Present's rungs (app/cartography/ladder.py, for the back of a classroom): in every language and names
    convention, type at least views.py's where the box is a 1280×720 screen's or larger, never below the page's,
    the southern-Kurils inset larger, and the committed positions, measured with the map's fonts, never overlap
    one another, an inset frame or its title."""
    import json

    from app.cartography.insets import PRESENT_INSETS, title_box
    from app.cartography.views import PRESENT_AT_KM_PER_PX, PRESENT_MAX_KM_PER_PX, PRESENT_TYPE_PX

    committed = json.loads(LADDER_FILE.read_text(encoding="utf-8"))
    specs = {s.id: s for s in L.label_specs()}
    for lang in DATA_LANGS:
        ladder = committed[lang]
        page_rungs, rungs = ladder["rungs"], ladder["present"]["rungs"]
        assert [r["km"] for r in rungs] == [km for km in L.LADDER_KM_PER_PX if km <= PRESENT_MAX_KM_PER_PX], lang
        for page, rung in zip(page_rungs, rungs, strict=False):
            sizes = {int(t): px for t, px in rung["sizes"].items()}
            assert all(sizes[t] >= page["sizes"][str(t)] for t in sizes), (lang, rung["km"])
            if rung["km"] <= PRESENT_AT_KM_PER_PX:
                assert all(sizes[t] >= px for t, px in PRESENT_TYPE_PX.items()), (lang, rung["km"], sizes)
                assert rung["titlePx"] > page["titlePx"] and rung["proxyPx"] > page["proxyPx"], (lang, rung["km"])
            proj = MapProjection(GEO_VIEW, rung["w"], rung["h"])
            frames = [inset_frame(proj, inset) for inset in PRESENT_INSETS]
            assert frames[0][2] > inset_frame(proj, INSETS[0])[2] * 1.4, (lang, rung["km"])
            for names in L.NAMES_CONVENTIONS:
                texts = L._texts(specs.values(), lang, names, None)
                boxes = [(x, y, x + w, y + h) for x, y, w, h in frames]
                boxes += [(x, y, x + w, y + h) for x, y, w, h in (
                    title_box(fr, i, *L.text_size(L.inset_title(i, lang, proj), rung["titlePx"]))
                    for fr, i in zip(frames, PRESENT_INSETS, strict=True))]
                shown = []
                for lid, pos in zip(ladder["ids"], rung["names"][names]["pos"], strict=True):
                    if pos is None:
                        continue
                    w, h = L.text_size(texts[lid], pos[3] if len(pos) > 3 else sizes[specs[lid].tier])
                    x, y = proj(pos[0], pos[1])
                    x0 = x if pos[2] == "l" else x - w if pos[2] == "r" else x - w / 2
                    shown.append((x0 + 0.5, y - h / 2 + 0.5, x0 + w - 0.5, y + h / 2 - 0.5))   # rounding: ~0.1 px
                named = {lid for lid, pos in zip(ladder["ids"], rung["names"][names]["pos"], strict=True) if pos}
                if names == "local" and rung["km"] <= PRESENT_AT_KM_PER_PX:
                    assert LESSON_ISLANDS <= named, (lang, rung["km"], LESSON_ISLANDS - named)
                clash = [(i, j) for i, j in L.overlapping(boxes + shown) if j >= len(boxes)]
                assert not clash, (lang, names, rung["km"], clash)
