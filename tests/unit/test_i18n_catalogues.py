"""The catalogues are complete: every string marked in the code (extracted with Babel's own
extractor, as `pybabel extract -F babel.cfg -k t -k translate` does) has a non-empty, non-fuzzy
translation in ja, ru and zh, and every translation keeps the msgid's {placeholders}."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app import PROJECT_ROOT
from app.i18n import BABEL_LOCALE, LANGUAGES, catalogue_path

TRANSLATED = [lang for lang in LANGUAGES if lang != "en"]
KEYWORDS = {**DEFAULT_KEYWORDS, "t": None, "translate": None}


@cache
def code_msgids() -> dict[str, list[str]]:
    """msgid → where it is marked (file:line), from the code the mapping in babel.cfg names."""
    with (PROJECT_ROOT / "babel.cfg").open() as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _ctx in extract_from_dir(
            str(PROJECT_ROOT), method_map, options_map, keywords=KEYWORDS):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return found


@cache
def po(lang: str) -> dict[str, object]:
    with catalogue_path(lang).open("rb") as fh:
        return {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in read_po(fh, locale=BABEL_LOCALE[lang]) if m.id}


def test_the_code_marks_strings():
    assert len(code_msgids()) >= 150


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_marked_string_is_translated(lang):
    cat = po(lang)
    missing = [f"{m!r} ({', '.join(code_msgids()[m][:2])})" for m in code_msgids()
               if m not in cat or not all(forms(cat[m].string)) or cat[m].fuzzy]
    assert not missing, f"{len(missing)} strings untranslated in {lang}:\n" + "\n".join(missing)


PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang):
    bad = [m.id for m in po(lang).values() for text in forms(m.string) if text and
           sorted(PLACEHOLDER.findall(forms(m.id)[0])) != sorted(PLACEHOLDER.findall(text))]
    assert not bad, bad


def forms(text) -> tuple:
    """A message's forms: one, or a plural message's (app/i18n.py ngettext_for)."""
    return tuple(text) if isinstance(text, (tuple, list)) else (text,)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_are_in_the_language(lang):
    """A translation that is the English msgid unchanged is suspicious unless it holds no words."""
    same = [m.id for m in po(lang).values()
            if m.string == m.id and re.search(r"[A-Za-z]{4,}", PLACEHOLDER.sub("", m.id))
            and m.id not in ALLOWED_SAME]
    assert not same, same


ALLOWED_SAME = {"SCAP", "Home/End"}


def test_catalogues_hold_no_stale_entries_beyond_a_few():
    """Entries no longer marked in the code are removed (pybabel update drops them)."""
    stale = [m for m in po("ja") if m not in code_msgids()]
    assert len(stale) <= 20, stale
