"""Traditional Chinese (zh-Hant): derived from the Simplified texts by OpenCC and a reviewed terms table
(app/hant.py), chosen by lang=zh-Hant or by a browser in Taiwan or Hong Kong, with Taiwan's dates."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from app import DataFileError, hant, ids
from app.cartography.labels import label_specs
from app.data import load_engine
from app.i18n import browser_language, catalogue_path, format_date_for, gettext_for, localised
from app.mapstate import DATA_LANGS, LANGS, LANGUAGES


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_hant001_the_committed_catalogue_is_the_one_the_converter_writes(tmp_path):
    """translations/zh_Hant is written by `make zh-hant` from the Simplified catalogue: after a change to that
    catalogue or to the terms, run it again."""
    fresh = tmp_path / "messages.po"
    hant.build_catalogue(catalogue_path("zh"), fresh)
    assert fresh.read_bytes() == catalogue_path("zh-Hant").read_bytes(), "stale: run `make zh-hant`"


@pytest.mark.parametrize(("unit", "name"), [
    ("sakhalin_south", "南庫頁島"), ("sakhalin_north", "北庫頁島"), ("kurils_north", "北千島群島"),
    ("iturup", "擇捉島"), ("kunashir", "國後島"), ("shikotan", "色丹島"), ("habomai", "齒舞群島")])
def test_hant002_territories_take_their_traditional_names(engine, unit, name):
    assert localised(engine.registry.territory_units[unit].names, "zh-Hant") == (name, "zh-Hant")


def test_hant003_straits_and_labels_where_opencc_alone_is_wrong(engine):
    """Straits as a reader in Taiwan writes them; 占守島 is a name (OpenCC writes 佔, 'to occupy'); the map's
    labels carry the converted names in every form (Toyohara → Yuzhno-Sakhalinsk too)."""
    straits = {k: localised(v.names, "zh-Hant")[0] for k, v in engine.registry.straits.items()}
    assert straits["strait_tsushima"] == "對馬海峽" and straits["strait_soya"] == "宗谷海峽"
    specs = {s.id: s for s in label_specs()}
    shumshu = [s for s in specs.values() if "占守" in "".join(s.forms["zh"])]
    assert shumshu and all("占守" in "".join(s.forms["zh-Hant"]) for s in shumshu)
    assert not any("佔守" in "".join(s.forms["zh-Hant"]) for s in specs.values())
    for spec in specs.values():
        assert len(spec.forms["zh-Hant"]) == len(spec.forms["zh"]) == len(spec.starts), spec.id
    assert hant.to_traditional("萨哈林（库页岛）与千岛群岛") == "薩哈林（庫頁島）與千島群島"
    assert hant.to_traditional("90天后") == "90天後"


def test_hant004_the_interface_speaks_taiwan_words_and_history_keeps_its_documents():
    """s2tw, not s2twp: 文件 stays 'a document' in the data's sentences; the catalogue says 連結 and 影片."""
    t = gettext_for("zh-Hant")
    assert t("Copy link") == "複製連結"
    assert "文件" in hant.to_traditional("条约文件的规定")
    assert "檔案" not in hant.to_traditional("条约文件的规定")


@pytest.mark.parametrize(("header", "lang"), [
    ("zh-TW", "zh-Hant"), ("zh-HK,zh;q=0.8", "zh-Hant"), ("zh-Hant", "zh-Hant"), ("zh-Hant-TW", "zh-Hant"),
    ("zh-MO", "zh-Hant"), ("zh-CN", "zh"), ("zh", "zh"), ("zh-Hans-CN", "zh"), ("zh-SG", "zh"),
    ("fr-FR,ja;q=0.7", "ja"), ("ru-RU", "ru"), ("en-US", "en"), ("de-DE", "en"), ("", "en")])
def test_hant005_a_browser_gets_the_chinese_it_asks_for(header, lang):
    assert browser_language(parse_accept_header(header, LanguageAccept)) == lang


def test_hant006_the_page_opens_in_the_browsers_language_and_says_so(engine):
    """An address without lang= in a zh-TW browser: the page, its layout and its boot state in zh-Hant, and the
    answer varies by Accept-Language; lang= in the address wins."""
    from app.server import create_app

    client = create_app().server.test_client()
    page = client.get("/?date=1956-12-12", headers={"Accept-Language": "zh-TW,zh;q=0.9"})
    text = page.get_data(as_text=True)
    assert '<html lang="zh-Hant">' in text and '"lang":"zh-Hant"' in text and '"browserLang":"zh-Hant"' in text
    assert "Accept-Language" in page.headers.get("Vary", "")
    layout = client.get("/_dash-layout", headers={"Accept-Language": "zh-TW", "Referer": "http://localhost/"})
    assert f'"id":"{ids.LANG_STORE}","data":"zh-Hant"' in layout.get_data(as_text=True)
    english = client.get("/?lang=en", headers={"Accept-Language": "zh-TW"}).get_data(as_text=True)
    assert '<html lang="en">' in english


def test_hant007_dates_and_languages():
    assert format_date_for(dt.date(1956, 12, 12), "zh-Hant") == "1956年12月12日"
    assert LANGS[-1] == "zh-Hant" and "zh-Hant" not in DATA_LANGS and LANGUAGES["zh-Hant"].cjk == "TC"


def test_hant008_a_broken_terms_file_names_the_item_and_field(tmp_path):
    bad = tmp_path / "terms.yaml"
    bad.write_text("terms:\n  - {from: 佔守, to: 占守}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"terms.yaml: term 1: why"):
        hant.terms("all", bad)


# A treaty's name in each Chinese script, and what any spelling of it looks like (Portsmouth was written 朴茨茅斯 in
# one text and 朴次茅斯 in another, so zh-Hant showed 朴茨茅斯和約 beside 樸次茅斯和約).
TREATY_NAMES = [({"zh": "朴茨茅斯", "zh-Hant": "樸資茅斯"}, r"[朴樸][茨次資]茅斯"),
                ({"zh": "日苏共同宣言", "zh-Hant": "日蘇共同宣言"}, r"日[ソ苏蘇]共同宣言")]


def _chinese_texts() -> dict[str, list[str]]:
    """Every Chinese text a reader meets: the catalogues' translations and the data's and content's zh texts (the
    quotes' originals are kept as published and are not among them), zh-Hant as the app converts them."""
    import yaml
    from babel.messages.pofile import read_po

    from app import PROJECT_ROOT

    out: dict[str, list[str]] = {"zh": [], "zh-Hant": []}
    for lang in out:
        for domain in ("messages", "sources"):
            with catalogue_path(lang, domain).open("rb") as fh:
                out[lang] += [m.string for m in read_po(fh) if m.id and isinstance(m.string, str)]

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "zh" and isinstance(value, str):
                    out["zh"].append(value)
                    out["zh-Hant"].append(hant.to_traditional(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((PROJECT_ROOT / "geodata" / "timeline").glob("*.yaml")) + \
            sorted((PROJECT_ROOT / "content").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def test_hant009_a_treaty_has_one_name_in_each_chinese_script():
    import re

    texts = _chinese_texts()
    for names, spelling in TREATY_NAMES:
        for lang, name in names.items():
            seen = {m for text in texts[lang] for m in re.findall(spelling, text)}
            assert seen == {name}, (lang, sorted(seen))


def test_hant010_every_date_of_an_event_is_named_in_the_readers_language(engine):
    """Present's "when" line names each of an event's dates: "declared" and "sent" had no label and showed in
    English in zh-Hant (開始：1920年4月22日、declared：1920年7月3日)."""
    from app.terms import DATE_LABELS

    kinds = {kind for ev in engine.events.values() for kind, day in ev.dates.items() if day}
    assert kinds <= set(DATE_LABELS), sorted(kinds - set(DATE_LABELS))
    t = gettext_for("zh-Hant")
    untranslated = sorted(k for k in kinds if t(DATE_LABELS[k]) == DATE_LABELS[k])
    assert not untranslated, untranslated
