"""The tour's epilogue (content/epilogue.yaml): what happened after 1956, four dated documents in four languages,
each resting on sources a reader can follow; the map's range stays 1905–1956."""

from __future__ import annotations

import datetime as dt

import pytest

from app import DataFileError, epilogue, narration
from app.data import load_engine
from app.mapstate import LANGS, MAX_DATE
from app.page.present import present_epilogue


def test_four_documents_after_1956_each_dated_translated_and_sourced():
    items = epilogue.EPILOGUE.items
    assert [(i.id, i.date) for i in items] == [
        ("soviet_memorandum_1960", dt.date(1960, 1, 27)), ("tokyo_declaration_1993", dt.date(1993, 10, 13)),
        ("irkutsk_statement_2001", dt.date(2001, 3, 25)), ("singapore_meeting_2018", dt.date(2018, 11, 14))]
    for item in items:
        assert set(item.text) == set(LANGS) and len({item.text[lang] for lang in LANGS}) == len(LANGS), item.id
        assert len(item.text["en"]) <= 360, item.id
        assert item.sources and all(s.url.startswith(("https://", "http://")) and s.read for s in item.sources)
    # the primary texts: the ministries' and the Kremlin's own pages, and the Soviet leader's note
    urls = " ".join(s.url for i in items for s in i.sources)
    for where in ("mofa.go.jp", "kremlin.ru", "wilsoncenter.org"):
        assert where in urls, where


def test_the_key_tour_ends_with_the_epilogue_on_the_map_s_last_day():
    steps = narration.tour_steps(load_engine(), "key", "ja")
    assert steps[-1].epilogue and steps[-1].date == MAX_DATE and steps[-1].title == epilogue.EPILOGUE.title["ja"]
    assert not any(s.epilogue for s in steps[:-1])


@pytest.mark.parametrize("lang", LANGS)
def test_present_tells_each_document_with_its_day_and_sources(lang):
    text = str(present_epilogue(load_engine(), MAX_DATE, lang))
    for item in epilogue.EPILOGUE.items:
        brief = item.sources[0].brief(lang)
        assert item.text[lang] in text and (brief in text or repr(brief)[1:-1] in text), (lang, item.id)
    assert epilogue.EPILOGUE.title[lang] in text


def test_epilogue_citations_are_written_in_the_reader_s_language():
    """The documents' dates and our words around them follow the interface language, as every other citation."""
    memo, note = epilogue.EPILOGUE.items[0].sources[:2]
    assert memo.brief("en") == "Government of the USSR, 27 January 1960"
    assert memo.brief("ja") == "Government of the USSR, 1960年1月27日"
    assert memo.brief("ru").replace("\u202f", " ") == "Government of the USSR, 27 января 1960 г."
    assert "1960年1月24日～25日" in note.short("ja") and "24–25 янв. 1960" in note.short("ru").replace("\u202f", " ")
    assert memo.full("en").endswith("Read: " + memo.read + ".") and "閲読した範囲: " in memo.full("ja")
    assert "January" not in memo.full("zh") and "January" not in note.full("ja")
    undated = epilogue.EPILOGUE.items[0].sources[2]
    assert undated.date == "n.d." and undated.brief("ja") != undated.brief("en")


def test_a_broken_epilogue_stops_the_app_naming_the_item_and_field(tmp_path):
    good = epilogue.EPILOGUE_FILE.read_text(encoding="utf-8")
    for broken, where in ((good.replace("date: 1993-10-13", "date: 1950-10-13"), "tokyo_declaration_1993: date"),
                          (good.replace("  ru: После 1956 года — почему вопрос остаётся открытым\n", ""), "title: ru"),
                          (good.replace("url: https://www.mofa.go.jp/region/europe/russia/pmv0103/summit.html",
                                        "url: summit.html"), "irkutsk_statement_2001: source 1"),
                          (good.replace("date: '1993-10-13'", "date: 13 October 1993"),
                           "tokyo_declaration_1993: source 1")):
        assert broken != good, where
        path = tmp_path / "e.yaml"
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(DataFileError, match=where):
            epilogue.load_epilogue(path)


def test_the_one_file_lesson_of_the_tour_carries_the_epilogue_and_a_range_lesson_does_not():
    from app.lessons import onefile, plan

    engine = load_engine()
    tour = plan.build(engine, plan.LessonSpec(tour="key", lang="ru"))
    data = onefile.lesson_data(engine, tour, {})
    assert tour.epilogue and [i["id"] for i in data["epilogue"]["items"]] == [i.id for i in epilogue.EPILOGUE.items]
    assert data["epilogue"]["items"][1]["text"] == epilogue.EPILOGUE.items[1].text["ru"]
    assert [s["pov"] for s in data["steps"] if s["mode"] == "date"][6:8] == ["russia", "usa"]   # Yalta, twice
    span = plan.build(engine, plan.LessonSpec(start=dt.date(1945, 1, 1), end=dt.date(1946, 1, 1), by="month"))
    assert not span.epilogue and onefile.lesson_data(engine, span, {})["epilogue"] is None
