"""The short handout's glossary (content/glossary.yaml): the words a student meets on the maps and in the clauses,
each term and its meaning in every interface language (zh-Hant converted from zh, app/i18n.derived).

A broken file stops the app at start with the file, the term and the field named.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from app import PROJECT_ROOT, DataFileError
from app.i18n import derived, normalise_lang
from app.mapstate import DATA_LANGS

GLOSSARY_FILE = PROJECT_ROOT / "content" / "glossary.yaml"


@dataclass(frozen=True)
class Term:
    id: str
    term: dict[str, str]
    text: dict[str, str]


def _fail(path: Path, item: str, field: str, problem: str) -> DataFileError:
    return DataFileError(f"{path.name}: {item}: {field}: {problem}")


def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, ValueError) as error:
        raise DataFileError(f"{path.name}: cannot be read: {error}") from error
    terms, seen = [], set()
    for n, raw in enumerate(data.get("terms") or [], start=1):
        name = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else f"term {n}"
        if not isinstance(raw, dict) or name in seen:
            raise _fail(path, name, "id", "a mapping with an id used once")
        seen.add(name)
        words: dict[str, dict[str, str]] = {"term": {}, "text": {}}
        for lang in DATA_LANGS:
            entry = raw.get(lang)
            for field in ("term", "text"):
                value = entry.get(field) if isinstance(entry, dict) else None
                if not isinstance(value, str) or not value.strip():
                    raise _fail(path, name, f"{lang}.{field}", "missing or empty")
                words[field][lang] = " ".join(value.split())
        terms.append(Term(name, derived(words["term"]), derived(words["text"])))
    if not terms:
        raise _fail(path, "terms", "terms", "a non-empty list")
    return tuple(terms)


GLOSSARY = load_glossary()


def entries(lang: str) -> list[tuple[str, str]]:
    """(term, meaning) in `lang`, in the file's order."""
    lang = normalise_lang(lang)
    return [(t.term.get(lang, t.term["en"]), t.text.get(lang, t.text["en"])) for t in GLOSSARY]
