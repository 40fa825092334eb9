"""The tour's epilogue: what happened after 1956 (content/epilogue.yaml), so that a class learns why the question
is still open. The map's range stays 1905–1956: these documents are told with their sources, never drawn.

A broken file stops the app at start with the file, the item and the field named.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from app import PROJECT_ROOT, DataFileError
from app.citations import format_reference_date, full_citation
from app.i18n import derived, gettext_for, normalise_lang
from app.mapstate import DATA_LANGS, MAX_DATE

EPILOGUE_FILE = PROJECT_ROOT / "content" / "epilogue.yaml"
SOURCE_FIELDS = ("author", "title", "date", "locator", "publication", "url", "read")
_SOURCE_DATE = re.compile(r"^(n\.d\.|\d{4}(-\d{2}(-\d{2}(/\d{4}-\d{2}-\d{2})?)?)?)$")


@dataclass(frozen=True)
class Source:
    author: str
    title: str
    date: str  # YYYY, YYYY-MM-DD, an ISO interval YYYY-MM-DD/YYYY-MM-DD, or n.d.: written by each language
    locator: str
    publication: str
    url: str
    read: str  # what of it was read, so a reader knows how far the sentence rests on it

    def brief(self, lang: str) -> str:
        """Who and when: a projector's citation (the whole of it on hover and in the page)."""
        return f"{self.author}, {format_reference_date(self.date, lang)}"

    def short(self, lang: str) -> str:
        return f"{self.author}, {self.title} ({format_reference_date(self.date, lang)})"

    def full(self, lang: str) -> str:
        cited = full_citation(self.author, self.title, self.date, self.locator, self.publication, "", lang)
        return f"{cited} {gettext_for(lang)('Read: {what}.', what=self.read)}"


@dataclass(frozen=True)
class Item:
    id: str
    date: dt.date
    text: dict[str, str]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Epilogue:
    title: dict[str, str]
    intro: dict[str, str]
    items: tuple[Item, ...]


def _fail(path: Path, item: str, field: str, problem: str) -> DataFileError:
    return DataFileError(f"{path.name}: {item}: {field}: {problem}")


def _texts(path: Path, value: object, item: str) -> dict[str, str]:
    """The item's text in every interface language: the data's languages as written, zh-Hant converted from zh."""
    if not isinstance(value, dict):
        raise _fail(path, item, "text", f"a mapping of {', '.join(DATA_LANGS)}")
    for lang in DATA_LANGS:
        if not isinstance(value.get(lang), str) or not value[lang].strip():
            raise _fail(path, item, lang, "missing or empty text")
    return derived({lang: " ".join(value[lang].split()) for lang in DATA_LANGS})


def load_epilogue(path: Path = EPILOGUE_FILE) -> Epilogue:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, ValueError) as error:
        raise DataFileError(f"{path.name}: cannot be read: {error}") from error
    items = []
    for n, raw in enumerate(data.get("items") or [], start=1):
        name = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"item {n}"
        if not isinstance(raw, dict):
            raise _fail(path, name, "item", "must be a mapping")
        day = raw.get("date")
        if not isinstance(day, dt.date) or day <= MAX_DATE:
            raise _fail(path, name, "date", f"a day (YYYY-MM-DD) after the map's last, {MAX_DATE.isoformat()}")
        sources = []
        for m, src in enumerate(raw.get("sources") or [], start=1):
            if not isinstance(src, dict) or any(not str(src.get(f) or "").strip() for f in SOURCE_FIELDS):
                raise _fail(path, name, f"source {m}", f"needs {', '.join(SOURCE_FIELDS)}")
            if not str(src["url"]).startswith(("https://", "http://")):
                raise _fail(path, name, f"source {m}", "url must be a web address")
            if not _SOURCE_DATE.match(str(src["date"]).strip()):
                raise _fail(path, name, f"source {m}", "date: YYYY, YYYY-MM-DD, YYYY-MM-DD/YYYY-MM-DD or n.d.")
            sources.append(Source(*(str(src[f]).strip() for f in SOURCE_FIELDS)))
        if not sources:
            raise _fail(path, name, "sources", "at least one source")
        items.append(Item(name, day, _texts(path, {k: raw.get(k) for k in DATA_LANGS}, name), tuple(sources)))
    if not items:
        raise _fail(path, "items", "items", "a non-empty list")
    if [i.date for i in items] != sorted(i.date for i in items):
        raise _fail(path, "items", "date", "in order of date")
    return Epilogue(_texts(path, data.get("title"), "title"), _texts(path, data.get("intro"), "intro"), tuple(items))


EPILOGUE = load_epilogue()


def epilogue_title(lang: str = "en") -> str:
    return EPILOGUE.title[normalise_lang(lang)]
