"""Short citations and locators in the reader's language (app/source_words.py, the gettext domain `sources`): every
source's words are found by the Babel extraction method that babel_sources.cfg names, translated in every language,
with their numbers, article numerals, letters and dates intact; the page, captions, handouts and CSV show them."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import cache

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app import PROJECT_ROOT, hant
from app.citations import cite
from app.data import load_engine
from app.export.caption import short_citations
from app.i18n import BABEL_LOCALE, LANGUAGES, catalogue_path, format_date_for
from app.mapstate import DEFAULT_LANG
from app.source_words import DOMAIN, JOIN, message, words

TRANSLATED = [lang for lang in LANGUAGES if lang != DEFAULT_LANG]
PLACEHOLDER = re.compile(r"\{[a-z_0-9]*\}")
ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
ORDINALS = {"first": 1, "second": 2, "third": 3}
# Where a Russian reader reads the English words as they are: names, ids and a Japanese title.
SAME_IN_RUSSIAN = {JOIN, "SCAPIN-677 (1946)", "SCAPIN-1033 (1946)", "Willmott (2009)", "Hill (1995)",
                   "日ソ共同宣言 (1956)", "Sakh.online, {date}"}


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@cache
def extracted() -> dict[str, list[str]]:
    """msgid → its translator comments, as `make extract` finds them (Babel, with the mapping in babel_sources.cfg)."""
    with (PROJECT_ROOT / "babel_sources.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, list[str]] = {}
    for _file, _line, msgid, comments, _ctx in extract_from_dir(str(PROJECT_ROOT), method_map, options_map):
        found.setdefault(msgid, []).extend(comments)
    return found


@cache
def po(lang: str) -> dict[str, object]:
    with catalogue_path(lang, DOMAIN).open("rb") as fh:
        return {m.id: m for m in read_po(fh, locale=BABEL_LOCALE[lang]) if m.id}


def numbers(text: str, keep_roman: bool = False) -> Counter:
    """The numbers a citation states: arabic, Roman (as values, or as written), the placeholders' names."""
    text = PLACEHOLDER.sub(" ", text)
    found: Counter = Counter(int(n) for n in re.findall(r"\d+", text))
    for token in re.findall(r"\b[IVXLC]+\b", text):
        if keep_roman:
            found[token] += 1
        else:
            values = [ROMAN[c] for c in token]
            found[sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))] += 1
    return found


def test_cite001_the_extractor_finds_every_source_word_and_the_template_is_current(engine):
    """A new source's short citation or locator reaches the catalogues through `make extract`, not by hand."""
    wanted = {message(str(getattr(src, field)))[0] for src in engine.timeline.sources.values()
              for field in ("short", "locator") if getattr(src, field) and src.tier != "seed"}
    wanted |= {message(seed.short)[0] for seed in engine.timeline.seeds.values()}
    assert len(wanted) > 200
    assert not wanted - set(extracted()), sorted(wanted - set(extracted()))
    with (PROJECT_ROOT / "translations" / f"{DOMAIN}.pot").open("rb") as fh:
        template = {m.id for m in read_po(fh) if m.id}
    assert template == set(extracted()), "stale translations/sources.pot: run `make extract`"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_cite002_every_source_word_is_translated(lang):
    cat = po(lang)
    missing = [f"{m!r} ({', '.join(extracted()[m][:2])})" for m in extracted()
               if m not in cat or not cat[m].string or cat[m].fuzzy]
    assert not missing, f"{len(missing)} citation words untranslated in {lang}:\n" + "\n".join(missing)
    same = [m for m in extracted() if cat[m].string == m and not (lang == "ru" and m in SAME_IN_RUSSIAN)]
    assert not same, same


@pytest.mark.parametrize("lang", TRANSLATED)
def test_cite003_numbers_numerals_letters_and_dates_survive_translation(lang):
    """"FRUS 1955–57, vol. XXIII pt 1, doc. 92" keeps 1955, 57, 23, 1 and 92: Russian keeps the Roman numeral as
    written; Japanese and Chinese write its value in arabic (第23巻, 第9条). An ordinal word may become its number
    (first paragraph, 第1段落), never another number."""
    bad = []
    for msgid in extracted():
        text = po(lang)[msgid].string
        keep = lang == "ru"
        english, translated = numbers(msgid, keep), numbers(text, keep)
        ordinals = Counter(ORDINALS[w] for w in re.findall(r"\b(first|second|third)\b", msgid))
        if english - translated or translated - english - ordinals:
            bad.append(f"{msgid!r} → {text!r}: {dict(english)} vs {dict(translated)}")
        if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text)):
            bad.append(f"{msgid!r} → {text!r}: placeholders")
        if set(re.findall(r"\(([a-d])\)", msgid)) - set(re.findall(r"\(([a-d])\)", text)):
            bad.append(f"{msgid!r} → {text!r}: lettered sub-paragraph")
    assert not bad, "\n".join(bad)


def test_cite004_the_traditional_chinese_catalogue_is_the_converter_output(tmp_path):
    fresh = tmp_path / f"{DOMAIN}.po"
    hant.build_catalogue(catalogue_path("zh", DOMAIN), fresh)
    assert fresh.read_bytes() == catalogue_path("zh-Hant", DOMAIN).read_bytes(), "stale: run `make zh-hant`"


def test_cite005_the_numbers_check_can_fail():
    assert numbers("Art. IX, para. 1") == numbers("第9条第1項")
    assert numbers("Art. IX, para. 1") != numbers("第11条第1項")
    assert numbers("ст. IX, п. 1", keep_roman=True) != numbers("ст. 9, п. 1", keep_roman=True)
    assert numbers("FRUS 1955–57, vol. XXIII pt 1, doc. 92") == numbers("『FRUS』1955–57年 第23巻 第1部 文書92")


@pytest.mark.parametrize(("lang", "short"), [
    ("en", "Treaty of Portsmouth (1905), Art. IX, para. 1"),
    ("ja", "ポーツマス条約（1905年）、第9条第1項"),
    ("ru", "Портсмутский мирный договор (1905), ст. IX, п. 1"),
    ("zh", "《朴茨茅斯和约》（1905年），第9条第1款"),
    ("zh-Hant", "《樸資茅斯和約》（1905年），第9條第1款"),
])
def test_cite006_cite_gives_the_short_citation_and_locator_in_the_language(engine, lang, short):
    c = cite(engine, "portsmouth_1905_art9", lang)
    assert c.short == short
    src = engine.timeline.sources["portsmouth_1905_art9"]
    assert src.title in c.full and src.author in c.full and src.url in c.full  # bibliographic data as published
    locator = {"en": "Art. IX, para. 1", "ja": "第9条第1項", "ru": "ст. IX, п. 1", "zh": "第9条第1款",
               "zh-Hant": "第9條第1款"}[lang]
    assert locator in c.full


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cite007_a_locator_the_short_citation_already_says_is_not_repeated(engine, lang):
    """FRUS "doc. 563" and its locator "d563"; "Basic Convention (1925), Art. III, Japanese text" and "Art. III"."""
    for key in ("frus_1925_d563", "basic_convention_1925_art3_ja", "cairo_1943_snow_1955"):
        src = engine.timeline.sources[key]
        assert cite(engine, key, lang).short == words(src.short, lang), (key, lang)


def test_cite008_dates_in_a_short_citation_are_written_as_the_language_writes_dates(engine):
    """The date is the data's, formatted by Babel, in every language (never a translator's copy of it)."""
    day = format_date_for(dt.date(1955, 12, 9), "ru")
    assert day.startswith("9 декабря 1955")
    expected = {"en": "Diet record, 9 Dec 1955", "ja": "1955年12月9日の国会会議録",
                "ru": f"Стенограмма парламента Японии, {day}", "zh": "日本国会会议记录，1955年12月9日",
                "zh-Hant": "日本國會會議記錄，1955年12月9日"}
    for lang, text in expected.items():
        assert cite(engine, "diet_1955_12_09_nakagawa", lang).short.startswith(text), lang
    assert message("Allison discussed it with Tani on 28 Jan 1955")[1] == {"date": dt.date(1955, 1, 28)}
    assert message("the answers of 7 and 10 Dec 1955")[0] == "the answers of {date} and {date_2}"


def _texts(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list | tuple):
        return [t for x in node for t in _texts(x)]
    children = getattr(node, "children", None)
    return _texts(children) if children is not None else []


def _summaries(node) -> list[str]:
    """The short citations of a page piece: the summaries of its citation <details>."""
    if isinstance(node, list | tuple):
        return [s for x in node for s in _summaries(x)]
    if type(node).__name__ == "Summary":
        return ["".join(_texts(node))]
    children = getattr(node, "children", None)
    return _summaries(children) if children is not None else []


def test_cite009_a_japanese_place_story_cites_articles_as_japanese_does(engine):
    from app.page.story import unit_story

    shorts = _summaries(unit_story(engine, "sakhalin_south", dt.date(1906, 1, 1), "de_facto", "ja"))
    assert any(re.search(r"第\d+条", s) for s in shorts), shorts
    assert not [s for s in shorts if re.search(r"\b(Art|para|doc|vol|pp?)\.", s)], shorts


def test_cite010_caption_csv_and_handout_cite_in_the_language(engine):
    from app.lessons import plan
    from app.timeline.serialize import statuses_csv

    caption = short_citations(engine, ["portsmouth_1905_art9", "frus_1955_57_d92", "diet_1955_12_09_nakagawa"], "ja")
    assert caption == ["ポーツマス条約（1905年）、第9条第1項", "『FRUS』1955–57年 第23巻 第1部 文書92、208頁",
                       "1955年12月9日の国会会議録、ヤルタ協定の千島列島に関する菊池義郎への答弁"]
    csv_ru = statuses_csv(engine, "ru")
    assert "ст. IX, п. 1" in csv_ru and ", Art. IX, para. 1" not in csv_ru
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang="zh"))
    shorts = [c.short for step in lesson.steps for c in step.words.sources]
    assert shorts and not [s for s in shorts if re.search(r"\b(Art|para|doc|vol|pp?)\.", s)], shorts
