"""Interface languages: English, Japanese, Russian, Chinese (simplified): gettext with Babel.

Catalogues: translations/<lang>/LC_MESSAGES/messages.po (English is the source language: no
catalogue). They are read from the .po files on first use (babel.messages.pofile; no compiled .mo,
so a clean clone runs as it is). Update them with

    pybabel extract -F babel.cfg -k t -k translate --no-location -o translations/messages.pot .
    pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --no-location

tests/unit/test_i18n_catalogues.py fails when a marked string has no translation in one language.

How to use it:

* At import time `_("…")` only MARKS a string for extraction and returns it unchanged (module
  constants, option lists); translate it later with `t(constant)`.
* At request time a layout builder or a callback takes `lang` and calls `t = gettext_for(lang)`,
  then `t("Legend")` or, with placeholders, `t("On {date}", date=…)` (str.format after
  translation). Literal calls `t("…")` are extracted too (keyword `t`).
* `format_date_for(date, lang)`: a long date in the language (8 September 1951, 1951年9月8日,
  8 сентября 1951 г.).
* Data text (event titles/summaries, actor, unit and place names) is already in four languages in
  the data: `localised(obj, lang)` picks it, falling back to English (FALLBACK_MARKER).

The UI language is kept in the URL (`lang=`, read by app/mapstate.py, where the languages are listed); a
language change reloads the page, which is built in that language (`language_from_request`). The map labels'
names convention (`names=ja|ru|both`) is separate.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app import mapstate
from app.mapstate import DEFAULT_LANG

LANGUAGES = mapstate.LANGS  # the languages and their facts are app/mapstate.py's LANGUAGES
LANGUAGE_NAMES = {code: lang.name for code, lang in mapstate.LANGUAGES.items()}  # in the switch, in its own words
HTML_LANG = {code: lang.html for code, lang in mapstate.LANGUAGES.items()}  # <html lang> and lang= attributes
BABEL_LOCALE = {code: lang.babel for code, lang in mapstate.LANGUAGES.items()}  # dates

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
DOMAIN = "messages"
_po_lock = threading.Lock()  # reading a catalogue
_layout_lock = threading.Lock()  # building a language's layout (which reads catalogues)


def _(msgid: str) -> str:
    """Mark a string for extraction; returns it untranslated (translate later: `gettext_for`)."""
    return msgid


def normalise_lang(lang: Any) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANG


def catalogue_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """msgid → msgstr of one language (empty and fuzzy entries are left out: English)."""
    if lang == DEFAULT_LANG:
        return {}
    path = catalogue_path(lang)
    if not path.exists():
        return {}
    from babel.messages.pofile import read_po

    with _po_lock, path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    out: dict[str, str] = {}
    for msg in cat:
        if not msg.id or msg.fuzzy or isinstance(msg.id, tuple):
            continue
        if msg.string:
            out[msg.id] = msg.string
    return out


def translate(msgid: str, lang: str, **kwargs: Any) -> str:
    """The translation of `msgid` in `lang` (English when missing), formatted with `kwargs`."""
    text = catalogue(normalise_lang(lang)).get(msgid, msgid) if msgid else msgid
    if kwargs:
        try:
            return text.format(**kwargs)
        except (KeyError, IndexError, ValueError):  # a broken translation never breaks the page
            return msgid.format(**kwargs)
    return text


def gettext_for(lang: str) -> Callable[..., str]:
    """`t = gettext_for(lang)`; then `t("Legend")` or `t("On {date}", date=…)`."""
    lang = normalise_lang(lang)

    def t(msgid: str, **kwargs: Any) -> str:
        return translate(msgid, lang, **kwargs)

    t.lang = lang  # type: ignore[attr-defined]
    return t


def format_date_for(date: dt.date | str | None, lang: str, fmt: str = "long") -> str:
    """A date as the language writes it: 8 September 1951, 1951年9月8日, 8 сентября 1951 г."""
    if date is None or date == "":
        return ""
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            return date
    from babel.dates import format_date

    return format_date(date, format=fmt, locale=BABEL_LOCALE[normalise_lang(lang)])


def date_pattern_for(lang: str, fmt: str = "long") -> dict[str, list]:
    """Babel's date pattern as parts (a literal, or [field, width]) and its month names, so a browser writes a
    date exactly as `format_date_for` does without a date library of its own."""
    from babel.dates import get_date_format, get_month_names, tokenize_pattern

    locale = BABEL_LOCALE[normalise_lang(lang)]
    parts: list = []
    for kind, value in tokenize_pattern(get_date_format(fmt, locale=locale).pattern):
        if kind == "field":
            parts.append([value[0], value[1]])
        elif parts and isinstance(parts[-1], str):
            parts[-1] += value
        else:
            parts.append(value)
    months = get_month_names("wide", "format", locale=locale)
    return {"parts": parts, "months": [months[m] for m in range(1, 13)]}


FALLBACK_MARKER = "[EN] "


def localised(obj: Any, lang: str) -> tuple[str, str]:
    """(text, language of the text) of a four-language data text (pydantic Names/Text or a dict).

    Falls back to English when the language is missing or empty; the second item then is "en".
    """
    lang = normalise_lang(lang)
    if obj is None:
        return "", lang

    def get(code: str) -> str | None:
        value = obj.get(code) if isinstance(obj, dict) else getattr(obj, code, None)
        return str(value).strip() if value else None

    text = get(lang)
    if text:
        return text, lang
    return get("en") or "", "en"


def localised_text(obj: Any, lang: str, marker: bool = True) -> str:
    """The text of `obj` in `lang`; an English fallback is prefixed with FALLBACK_MARKER."""
    text, got = localised(obj, lang)
    if text and got != normalise_lang(lang) and marker:
        return FALLBACK_MARKER + text
    return text


def localised_span(obj: Any, lang: str, **props: Any) -> Any:
    """An html.Span of the text with its real `lang` attribute; an English fallback carries class
    "i18n-fallback" and a tooltip saying it is not translated."""
    from dash import html

    text, got = localised(obj, lang)
    if got != normalise_lang(lang) and text:
        return html.Span(text, lang=HTML_LANG[got], className="i18n-fallback",
                         title=translate("Not translated yet: shown in English", lang), **props)
    return html.Span(text, lang=HTML_LANG[got], **props)


def notice_text(item: str, lang: str) -> str:
    """A notice of the state's parser (app/mapstate.Notice) in the interface language; a plain string as it is."""
    if isinstance(item, mapstate.Notice):
        return translate(item.msgid, lang, **item.params)
    return item


def language_from_request() -> str:
    """The interface language of the current request.

    The page's own request (/) carries the query string; Dash's layout and callback requests do not,
    so they read it from the Referer (the page URL, same origin; Referrer-Policy: same-origin).
    Outside a request: the default.
    """
    try:
        from flask import has_request_context, request
    except ImportError:  # pragma: no cover
        return DEFAULT_LANG
    if not has_request_context():
        return DEFAULT_LANG
    if "lang" in request.args:
        return mapstate.parse(request.args).lang
    ref = request.referrer
    if ref:
        try:
            parts = urlsplit(ref)
        except ValueError:
            return DEFAULT_LANG
        if parts.netloc in ("", request.host):
            return mapstate.parse(parts.query).lang
    return DEFAULT_LANG


def install(dash_app: Any, build: Callable[[str], Any]) -> None:
    """Serve the layout in the request's language and set <html lang> on the page.

    `build(lang)` builds the layout of one language; each is built once, on first use, and kept.
    """
    built: dict[str, Any] = {}

    def layout() -> Any:
        lang = language_from_request()
        if lang not in built:
            with _layout_lock:
                if lang not in built:
                    built[lang] = build(lang)
        return built[lang]

    original = dash_app.interpolate_index

    def interpolate_index(**kwargs: Any) -> str:
        page = original(**kwargs)
        lang = HTML_LANG[language_from_request()]
        return page.replace("<html>", f'<html lang="{lang}">', 1)

    dash_app.interpolate_index = interpolate_index
    dash_app.layout = layout
