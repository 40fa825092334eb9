"""Each tour step shows the point of view its story needs and says so; its caption never names a symbol that the
step's map (the resolved Frame) does not draw (trial 2026-12-07: the Yalta step promised a dashed outline on the
de facto map, which has none; San Francisco and 1956 were shown only in the view where nothing changes)."""

from __future__ import annotations

import re

import pytest

from app import narration
from app.cartography.resolve import resolve
from app.data import load_engine
from app.hant import to_traditional
from app.layout import page_map
from app.mapstate import LANGS, MapState
from app.page.present import caption_parts

# What a caption may say about the map, per language, and the paint that says it. A caption's own words only:
# the Key's rows are drawn from the Frame itself.
SYMBOL_WORDS = {
    "dashed outline": {"en": r"dashed outline", "ja": r"破線", "ru": r"штриховым контуром|штриховой контур",
                       "zh": r"虚线"},
    "dotted outline": {"en": r"dotted outline", "ja": r"点線", "ru": r"пунктир", "zh": r"点线"},
    "stripes": {"en": r"stripe", "ja": r"縞|ストライプ", "ru": r"полос", "zh": r"条纹"},
    "hatch": {"en": r"hatch", "ja": r"斜線|ハッチ", "ru": r"штриховк", "zh": r"斜线|阴影线"},
    "occupation dots": {"en": r"military occupation", "ja": r"軍事占領", "ru": r"военн\w* оккупаци",
                        "zh": r"军事占领"},
    # a drawn line (a parallel named as a place, "crossed the 50th parallel", is geography, not a symbol)
    "line": {"en": r"(?:MacArthur|Bulganin|red) [Ll]ine", "ja": r"ライン|赤い線",
             "ru": r"[Лл]ини\w+ (?:Макартура|Булганина)|красн\w+ лини", "zh": r"麦克阿瑟线|布尔加宁线|红线"},
}
for _words in SYMBOL_WORDS.values():   # zh-Hant's captions are zh's, converted the way the app converts them
    _words["zh-Hant"] = to_traditional(_words["zh"])


def drawn_symbols(table: dict, frame) -> set[str]:
    """The symbols a Frame draws, read from its paint keys ("T|holder|mode|claims|promised|proposed") and lines."""
    out = set()
    for k in set(frame.keys):
        parts = table["keys"][k]["key"].split("|")
        if parts[0] != "T":
            continue
        _t, holder, mode, claims, promised, proposed = parts
        if promised:
            out.add("dashed outline")
        if proposed:
            out.add("dotted outline")
        if claims:
            out.add("stripes")
        if mode in ("undetermined", "renounced") or holder == "undetermined":
            out.add("hatch")
        if mode == "military_occupation":
            out.add("occupation dots")
    if any(line.status == "proposed" for line in frame.lines):
        out.add("dotted outline")
    if frame.lines:
        out.add("line")
    return out


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def page(engine):
    table, events, _fig = page_map(engine, "en")
    return table, events


def test_every_step_caption_names_only_symbols_its_map_draws(engine, page):
    table, events = page
    problems = []
    for lang in LANGS:
        for s in narration.tour_steps(engine, "key", lang):
            if s.epilogue:   # after 1956: told, never drawn
                continue
            frame = resolve(table, MapState(date=s.date, mode=s.mode, pov=s.pov,
                                            event=s.event if s.mode == "event" else None, lang=lang), events)
            parts = caption_parts(engine, s.event, s.date, s.pov, s.mode, lang)
            said = " ".join([parts.view, parts.when, parts.text, parts.hint])
            drawn = drawn_symbols(table, frame)
            for symbol, words in SYMBOL_WORDS.items():
                if re.search(words[lang], said) and symbol not in drawn:
                    problems.append((lang, s.n, s.event, s.pov, symbol))
    assert not problems, problems


def test_the_yalta_step_draws_the_dashed_outline_its_caption_names(engine, page):
    """The symbol check above is not vacuous: the Yalta caption names a dashed outline, which only the USSR's
    and the USA's views draw on 11 Feb 1945 (the de facto map does not)."""
    table, events = page
    said = narration.narration_text("yalta_agreement_1945", "en")
    assert re.search(SYMBOL_WORDS["dashed outline"]["en"], said)
    day = next(s.date for s in narration.tour_steps(engine) if s.event == "yalta_agreement_1945")
    assert "dashed outline" not in drawn_symbols(table, resolve(table, MapState(date=day), events))


def test_each_step_shows_the_view_its_story_needs_and_says_so(engine):
    """Yalta in the USSR's and the USA's view; San Francisco signed in Japan's, in force in Japan's and the
    USA's; 1956 in Japan's and the USSR's; the caption's first line names the view the map is in (Present shows
    it above the title)."""
    steps = narration.tour_steps(engine, "key")
    views = {}
    for s in steps:
        views.setdefault((s.event, s.date.isoformat()), []).append(s.pov)
    assert views[("yalta_agreement_1945", "1945-02-11")] == ["russia", "usa"]
    assert views[("san_francisco_treaty_1951", "1951-09-08")] == ["japan"]
    assert views[("san_francisco_treaty_1951", "1952-04-28")] == ["japan", "usa"]
    assert set(views[("joint_declaration_1956", "1956-10-19")] + views[("joint_declaration_1956", "1956-12-12")]) \
        == {"japan", "russia"}
    said = {"japan": "Japan's view", "russia": "The USSR's view", "usa": "The USA's view"}
    for s in steps:
        if s.mode == "date" and s.pov in said:
            assert caption_parts(engine, s.event, s.date, s.pov, s.mode, "en").view == said[s.pov], s
    store = narration.tour_store(engine, "en")["key"]
    assert [x["pov"] for x in store] == [s.pov for s in steps]


def test_a_bad_step_pov_stops_the_app_naming_the_step(tmp_path):
    from app import DataFileError

    path = tmp_path / "n.yaml"
    path.write_text("narrations: {}\ntours:\n  key:\n  - event: portsmouth_1905\n    pov: martian\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="key step 1: pov"):
        narration.load_content(path)
