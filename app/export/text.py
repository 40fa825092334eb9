"""Type on the page: the figure's fonts, text widths measured with the real fonts (Pillow/FreeType, found
through fontconfig), and wrapping to a width.

The figure names Noto Sans with Noto Sans CJK as the fallback for Japanese and Chinese; the renderers
(Chromium for the SVG, librsvg/Pango for PDF and PNG) pick the same files through fontconfig.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata

# Latin and Cyrillic in Noto Sans in every language, CJK from the CJK face (as text_width measures them): Latin
# set in Noto Sans CJK pulls that font's large Latin subroutines into the PDF subset (a ja figure with a citation
# caption: 1.15 MB → 0.32 MB).
FAMILY = {"en": "Noto Sans, Noto Sans CJK JP, sans-serif", "ru": "Noto Sans, Noto Sans CJK JP, sans-serif",
          "ja": "Noto Sans, Noto Sans CJK JP, sans-serif", "zh": "Noto Sans, Noto Sans CJK SC, sans-serif"}
_FALLBACK_FILES = {
    ("Noto Sans", False): ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", 0),
    ("Noto Sans", True): ("/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", 0),
    ("Noto Sans CJK JP", False): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    ("Noto Sans CJK JP", True): ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0),
}
MEASURE_PX = 100  # widths are measured at 100 px and scaled


def family(lang: str) -> str:
    return FAMILY.get(lang, FAMILY["en"])


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
    return _FALLBACK_FILES.get((name, bold))


@functools.cache
def _font(name: str, bold: bool):  # noqa: ANN202 - a PIL FreeTypeFont or None
    from PIL import ImageFont

    found = _font_file(name, bold)
    if found is None:
        return None
    try:
        return ImageFont.truetype(found[0], MEASURE_PX, index=found[1])
    except OSError:
        return None


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


@functools.lru_cache(maxsize=20000)
def text_width(text: str, size_px: float, bold: bool = False) -> float:
    """The advance width of `text` in CSS px at `size_px`: Noto Sans for Latin/Cyrillic, CJK for the rest."""
    total = 0.0
    for cjk, run in ((k, "".join(g)) for k, g in _runs(text)):
        font = _font("Noto Sans CJK JP" if cjk else "Noto Sans", bold)
        if font is None:  # no font installed: an estimate (1 em per CJK character, 0.55 em otherwise)
            total += len(run) * (1.0 if cjk else 0.55) * MEASURE_PX
        else:
            total += font.getlength(run)
    return total * size_px / MEASURE_PX


def _runs(text: str):  # noqa: ANN202
    from itertools import groupby

    return groupby(text, key=_is_cjk)


def wrap(text: str, size_px: float, width_px: float, bold: bool = False) -> list[str]:
    """Greedy wrap on spaces, and between CJK characters; an over-long word is cut."""
    lines: list[str] = []
    line = ""
    for tok in re.findall(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+", text):
        trial = line + tok
        if text_width(trial.rstrip(), size_px, bold) <= width_px:
            line = trial
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        tok = tok.lstrip() if not line else tok
        while text_width(tok.rstrip(), size_px, bold) > width_px and len(tok) > 1:
            cut = len(tok) - 1
            while cut > 1 and text_width(tok[:cut], size_px, bold) > width_px:
                cut -= 1
            lines.append(tok[:cut])
            tok = tok[cut:]
        line = tok
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def esc(text: str) -> str:
    """Text for a plotly annotation (its own mini-HTML): &, <, > escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
