"""Traditional Chinese (zh-Hant) derived from the Simplified texts: OpenCC's `s2tw` (Taiwan standard characters,
character and phrase forms, no vocabulary rewriting), then a reviewed table of terms (translations/zh_Hant/terms.yaml).

Why s2tw and not s2twp: s2twp also swaps mainland words for Taiwan ones, and in this app it turns 文件 ("a
document", a treaty) into 檔案 ("a computer file") and 联合声明 into 联合宣告; the terms table makes the few swaps a
Taiwan reader expects in the interface (連結, 影片, 資料 …) and corrects OpenCC where a place name is not a phrase
it knows (占守島, not 佔守島). The same conversion writes the interface catalogue (`python -m app.hant`, `make
zh-hant`: translations/zh_Hant/LC_MESSAGES/*.po from the Simplified ones) and the data's texts at run time
(app/i18n.py `localised`), so a name reads the same in both.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import yaml

from app import PROJECT_ROOT, DataFileError

TERMS_FILE = PROJECT_ROOT / "translations" / "zh_Hant" / "terms.yaml"
CONFIG = "s2tw"


SCOPES = ("all", "interface")


@functools.cache
def terms(scope: str = "all", path: Path = TERMS_FILE) -> tuple[tuple[str, str], ...]:
    """(s2tw output, shown text) pairs of a scope ("all": every text; "interface": the catalogue, which also takes
    the "all" ones), longest first so a longer term wins over a shorter one inside it."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise DataFileError(f"{path.name}: cannot be read: {error}") from error
    pairs = []
    for n, item in enumerate(data.get("terms") or [], start=1):
        for field in ("from", "to", "why"):
            if not isinstance(item, dict) or not isinstance(item.get(field), str) or not item[field].strip():
                raise DataFileError(f"{path.name}: term {n}: {field}: missing or empty")
        if item.get("scope", "all") not in SCOPES:
            raise DataFileError(f"{path.name}: term {n}: scope: one of {', '.join(SCOPES)}")
        if item.get("scope", "all") in ("all", scope):
            pairs.append((item["from"], item["to"]))
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC(CONFIG)


@functools.lru_cache(maxsize=20000)
def to_traditional(text: str, scope: str = "all") -> str:
    """`text` (Simplified Chinese) in Traditional characters as a reader in Taiwan or Hong Kong expects them; the
    "interface" scope also takes the interface's Taiwan words."""
    if not text:
        return text
    out = _converter().convert(text)
    for old, new in terms(scope):
        if old in out:
            out = out.replace(old, new)
    return out


def build_catalogue(source: Path, target: Path) -> int:
    """Write the zh-Hant catalogue from the Simplified one: every translation converted, the rest kept (ids,
    flags, comments); returns the number of messages written."""
    from babel.messages.pofile import read_po, write_po

    with source.open("rb") as fh:
        cat = read_po(fh, locale="zh_Hans_CN")
    cat.locale = "zh_Hant_TW"
    cat.language_team = "Chinese (Traditional), converted from zh by app/hant.py"
    cat.header_comment = ("# Chinese (Traditional) translations of sakhalin-kurils-atlas, written by `make zh-hant`\n"
                          "# (app/hant.py) from translations/zh: do not edit; change the Simplified catalogue or\n"
                          "# translations/zh_Hant/terms.yaml and run it again.")
    for msg in cat:
        if msg.id and isinstance(msg.string, str):
            msg.string = to_traditional(msg.string, "interface")
        elif msg.id:  # a plural message: each form
            msg.string = tuple(to_traditional(form, "interface") for form in msg.string)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as fh:
        write_po(fh, cat, width=120, omit_header=False, no_location=True)
    return len(cat)


DOMAINS = ("messages", "sources")  # the interface; the words of the sources' citations (app/source_words.py)


def main() -> int:
    for domain in DOMAINS:
        source, target = (PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / f"{domain}.po"
                          for code in ("zh", "zh_Hant"))
        n = build_catalogue(source, target)
        print(f"wrote {target.relative_to(PROJECT_ROOT)} ({n} messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
