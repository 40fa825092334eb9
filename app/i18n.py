"""Interface languages: English, Japanese, Russian, Chinese (Simplified and Traditional): gettext with Babel.

Catalogues: translations/<lang>/LC_MESSAGES/messages.po (English is the source language: no
catalogue). They are read from the .po files on first use (babel.messages.pofile; no compiled .mo,
so a clean clone runs as it is). Update them with `make extract` (pybabel extract and update of this domain and of
`sources`, the words of the sources' citations: app/source_words.py).

tests/unit/test_i18n_catalogues.py fails when a marked string has no translation in one language.

How to use it:

* At import time `_("…")` only MARKS a string for extraction and returns it unchanged (module
  constants, option lists); translate it later with `t(constant)`.
* At request time a layout builder or a callback takes `lang` and calls `t = gettext_for(lang)`,
  then `t("Legend")` or, with placeholders, `t("On {date}", date=…)` (str.format after
  translation). Literal calls `t("…")` are extracted too (keyword `t`). A sentence whose words follow a
  number (a place named in the plural: "the Habomai islets were promised") takes `ngettext_for(lang)`.
* `format_date_for(date, lang)`: a long date in the language (8 September 1951, 1951年9月8日,
  8 сентября 1951 г.).
* Data text (event titles/summaries, actor, unit and place names) is already in four languages in
  the data: `localised(obj, lang)` picks it, falling back to English (FALLBACK_MARKER). Traditional Chinese
  (zh-Hant) is derived: its catalogue is written from the Simplified one (`make zh-hant`) and its data texts are
  converted from the `zh` fields as they are read (app/hant.py; `derived` for a dict of texts per language).

The UI language is kept in the URL (`lang=`, read by app/mapstate.py, where the languages are listed); an
address without one opens in the browser's language when we have it (Accept-Language: zh-TW and zh-HK get
zh-Hant, zh-CN and zh get zh), else English. A language change reloads the page, which is built in that language
(`language_from_request`). The map labels' names convention (`names=ja|ru|both`) is separate.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app import mapstate
from app.hant import to_traditional
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


def catalogue_path(lang: str, domain: str = DOMAIN) -> Path:
    """translations/<dir>/LC_MESSAGES/<domain>.po; the directory is Babel's spelling of the code (zh_Hant). The
    interface is `messages`; the words of the sources' citations are `sources` (app/source_words.py)."""
    return TRANSLATIONS_DIR / lang.replace("-", "_") / "LC_MESSAGES" / f"{domain}.po"


@functools.cache
def _read(lang: str, domain: str = DOMAIN) -> tuple[dict[str, str], dict[str, list[str]], Callable[[int], int]]:
    """A catalogue as (msgid → msgstr, singular msgid → plural forms, n → form index); empty and fuzzy entries are
    left out (English)."""
    path = catalogue_path(lang, domain)
    if lang == DEFAULT_LANG or not path.exists():
        return {}, {}, lambda n: 0 if n == 1 else 1
    from gettext import c2py

    from babel.messages.pofile import read_po

    with _po_lock, path.open("rb") as fh:
        cat = read_po(fh, locale=BABEL_LOCALE[lang])
    out: dict[str, str] = {}
    plural: dict[str, list[str]] = {}
    for msg in cat:
        if not msg.id or msg.fuzzy:
            continue
        if isinstance(msg.id, tuple):
            if all(msg.string):
                plural[msg.id[0]] = list(msg.string)
        elif msg.string:
            out[msg.id] = msg.string
    return out, plural, c2py(cat.plural_expr)


def catalogue(lang: str, domain: str = DOMAIN) -> dict[str, str]:
    """msgid → msgstr of one language (empty and fuzzy entries are left out: English)."""
    return _read(lang, domain)[0]


def _formatted(text: str, msgid: str, kwargs: dict[str, Any]) -> str:
    if not kwargs:
        return text
    try:
        return text.format(**kwargs)
    except (KeyError, IndexError, ValueError):  # a broken translation never breaks the page
        return msgid.format(**kwargs)


def translate(msgid: str, lang: str, **kwargs: Any) -> str:
    """The translation of `msgid` in `lang` (English when missing), formatted with `kwargs`."""
    text = catalogue(normalise_lang(lang)).get(msgid, msgid) if msgid else msgid
    return _formatted(text, msgid, kwargs)


def translate_plural(singular: str, plural: str, n: int, lang: str, **kwargs: Any) -> str:
    """The form of a message for `n` things in `lang` ("… it." / "… them."; Russian has three forms)."""
    _single, forms, index = _read(normalise_lang(lang))
    english = singular if n == 1 else plural
    found = forms.get(singular)
    text = found[min(index(n), len(found) - 1)] if found else english
    return _formatted(text, english, kwargs)


def gettext_for(lang: str) -> Callable[..., str]:
    """`t = gettext_for(lang)`; then `t("Legend")` or `t("On {date}", date=…)`."""
    lang = normalise_lang(lang)

    def t(msgid: str, **kwargs: Any) -> str:
        return translate(msgid, lang, **kwargs)

    t.lang = lang  # type: ignore[attr-defined]
    return t


def ngettext_for(lang: str) -> Callable[..., str]:
    """`ngettext = ngettext_for(lang)`; then `ngettext("{who} claimed it.", "{who} claimed them.", n, who=…)`
    (Babel extracts `ngettext` calls as plural messages)."""
    lang = normalise_lang(lang)

    def ngettext(singular: str, plural: str, n: int, **kwargs: Any) -> str:
        return translate_plural(singular, plural, n, lang, **kwargs)

    return ngettext


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

    source = mapstate.LANGUAGES[lang].derived_from
    text = get(source or lang)
    if text:
        return (to_traditional(text) if source else text), lang
    return get("en") or "", "en"


def derived(texts: dict[str, Any]) -> dict[str, Any]:
    """`texts` (per data language: a string, or a list of them) with every derived language added, converted from
    its source (zh-Hant from zh); a derived language the dict already holds is kept."""
    out = dict(texts)
    for code, lang in mapstate.LANGUAGES.items():
        if lang.derived_from and code not in out and lang.derived_from in out:
            value = out[lang.derived_from]
            out[code] = ([to_traditional(v) if isinstance(v, str) else v for v in value]
                         if isinstance(value, list | tuple) else to_traditional(value) if isinstance(value, str)
                         else value)
            if isinstance(value, tuple):
                out[code] = tuple(out[code])
    return out


def browser_language(accept: Any) -> str:
    """The language an Accept-Language header asks for (werkzeug's LanguageAccept, best first): its first tag
    we have, by code or by the tags a language lists (zh-TW → zh-Hant); English when none."""
    for tag, _quality in accept or ():
        tag = str(tag).lower().replace("_", "-")
        for code, lang in mapstate.LANGUAGES.items():
            if tag == code.lower() or tag in lang.browser:
                return code
        prefixes = [(len(prefix), code) for code, lang in mapstate.LANGUAGES.items()
                    for prefix in (code.lower(), *lang.browser) if tag.startswith(prefix + "-")]
        if prefixes:  # zh-Hant-TW, ja-JP: the longest listed prefix
            return max(prefixes)[1]
    return DEFAULT_LANG


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
    """A notice of the state's parser (app/mapstate.Notice) in the interface language, its dates as the language
    writes them (the parser stays language-free); a plain string as it is."""
    if isinstance(item, mapstate.Notice):
        params = {k: format_date_for(v, lang) if isinstance(v, dt.date) else v for k, v in item.params.items()}
        return translate(item.msgid, lang, **params)
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
        if parts.netloc in ("", request.host) and "lang" in parse_qs(parts.query):
            return mapstate.parse(parts.query).lang
    return requested_language()


def requested_language() -> str:
    """The language the browser of the current request asks for (English outside a request)."""
    from flask import has_request_context, request

    return browser_language(request.accept_languages) if has_request_context() else DEFAULT_LANG


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
