"""Printed words: wrapping to a width with the one type measure (app/cartography/fonts.py) and escaping for a
Plotly annotation."""

from __future__ import annotations

import re

from app.cartography.fonts import family, text_width

__all__ = ["esc", "family", "text_width", "wrap"]
# kinsoku: marks that never start a line
NO_LINE_START = set("。、，．，）」』】〕！？：；・ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ")


def wrap(text: str, size_px: float, width_px: float, bold: bool = False) -> list[str]:
    """Greedy wrap on spaces, and between CJK characters; an over-long word is cut. A closing mark (。、）…) never
    starts a line: it takes the character before it along (a key row ended "有効" / "。")."""
    lines: list[str] = []
    line = ""
    for tok in re.findall(r"[\u3000-\u9fff\uff00-\uffef]|[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+", text):
        trial = line + tok
        if text_width(trial.rstrip(), size_px, bold) <= width_px:
            line = trial
            continue
        cut = len(line)
        while cut > 1 and line[cut - 1] in NO_LINE_START:  # "日）" before "、": all three go down together
            cut -= 1
        if tok in NO_LINE_START and cut > 1 and not line[cut - 1].isspace() and line[:cut - 1].strip():
            lines.append(line[:cut - 1].rstrip())
            line = line[cut - 1:] + tok
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
