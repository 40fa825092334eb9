"""One measure of type for the page's labels and every printed word: Noto Sans for Latin and Cyrillic, Noto Sans
CJK for Japanese and Chinese, found through fontconfig as the renderers find them (Chromium for the page and the
SVG, librsvg/Pango for PDF and PNG), measured with FreeType through Pillow.

    text_width("Kunashir", 12)        # advance width in CSS px
    text_size("色丹島", 16)            # (width, line height) in CSS px

Widths are measured once at MEASURE_PX and scaled: browsers lay text out with unhinted, fractional advances,
which scale linearly. Pillow is imported on first use: placing labels is build- or export-time work, and the
page's start-up reads the committed ladder (app/cartography/ladder.py).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from itertools import groupby
from typing import Any

# Latin and Cyrillic in Noto Sans in every language, CJK from the CJK face: Latin set in Noto Sans CJK pulls that
# font's large Latin subroutines into a PDF subset (a ja figure with a citation caption: 1.15 MB → 0.32 MB).
FAMILY = {"en": "Noto Sans, Noto Sans CJK JP, sans-serif", "ru": "Noto Sans, Noto Sans CJK JP, sans-serif",
          "ja": "Noto Sans, Noto Sans CJK JP, sans-serif", "zh": "Noto Sans, Noto Sans CJK SC, sans-serif"}
FALLBACK_FILES = {
    ("Noto Sans", False): ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
    ("Noto Sans", True): ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
    ("Noto Sans CJK JP", False): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("Noto Sans CJK JP", True): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
}
MEASURE_PX = 100


def family(lang: str) -> str:
    """The CSS font family a text in `lang` is set in."""
    return FAMILY.get(lang, FAMILY["en"])


def is_cjk(ch: str) -> bool:
    """A wide (East Asian) character, set in the CJK face."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


@functools.cache
def _font_file(name: str, bold: bool) -> tuple[str, int] | None:
    if shutil.which("fc-match"):
        try:
            out = subprocess.run(["fc-match", "-f", "%{file}\t%{index}", f"{name}:{'bold' if bold else 'regular'}"],
                                 capture_output=True, text=True, timeout=10).stdout
            path, index = out.split("\t")
            return path, int(index or 0)
        except (OSError, ValueError, subprocess.SubprocessError):
            pass
    return FALLBACK_FILES.get((name, bold))


@functools.cache
def _font(cjk: bool, bold: bool) -> Any:
    """The FreeType face (Pillow) at MEASURE_PX; an error naming the Debian packages when it is missing."""
    from PIL import ImageFont

    name = "Noto Sans CJK JP" if cjk else "Noto Sans"
    found = _font_file(name, bold) or FALLBACK_FILES[(name, bold)]
    try:
        return ImageFont.truetype(found[0], MEASURE_PX, index=found[1])
    except OSError as exc:
        raise RuntimeError(f"font {found[0]} ({name}) is missing ({exc}): install the Debian packages "
                           "fonts-noto-core and fonts-noto-cjk (make system-deps)") from None


def _runs(text: str) -> list[tuple[bool, str]]:
    return [(cjk, "".join(run)) for cjk, run in groupby(text, key=is_cjk)]


@functools.lru_cache(maxsize=20000)
def text_width(text: str, size_px: float, bold: bool = False) -> float:
    """The advance width of one line of `text` in CSS px at `size_px`."""
    return sum(_font(cjk, bold).getlength(run) for cjk, run in _runs(text)) * size_px / MEASURE_PX


@functools.lru_cache(maxsize=20000)
def text_size(text: str, size_px: float, bold: bool = False) -> tuple[float, float]:
    """Width and line height (ascent + descent of the faces the text uses) of one line, in CSS px."""
    if not text:
        return 0.0, 0.0
    height = max(sum(_font(cjk, bold).getmetrics()) for cjk, _run in _runs(text))
    return text_width(text, size_px, bold), height * size_px / MEASURE_PX
