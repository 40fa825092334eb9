"""A page of words around pictures, as SVG: the animation's title and end cards and the handout's pages.

Text is wrapped with the figure's own font metrics (app/export/text.py) and drawn as live SVG text in the
figure's fonts, so librsvg draws it as the figure's text (vector PDF with embedded CID fonts, or pixels).
A swatch of the key is a path in a sentinel colour that app/export/finish.finish_svg turns into the key's fill,
pattern, outline and dash — the figure's own symbols, not a second drawing of them.

    sheet = Sheet(1280, 720, "en")
    sheet.para("Key events, 1905–1956", 48, bold=True)
    sheet.figure(svg, x, y, w, h)       # a finished figure placed on the page
    svg = sheet.svg()
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from app import styles
from app.export import compose, finish
from app.export.text import family, wrap
from app.i18n import HTML_LANG

NO_LINE_START = "。、，．,.:;：；！？!?）」』】〕〉》’”ー…"  # never at a line's start (JIS X 4051 line-start rules)


def _attr(text: str) -> str:
    return escape(text, {'"': "&quot;"})


@dataclass
class Sheet:
    """A page W × H CSS px with a cursor that moves down as blocks are added (margins in px)."""

    width: float
    height: float
    lang: str
    margin: float = 48.0
    y: float = 0.0
    parts: list[str] = field(default_factory=list)
    swatches: dict[str, dict] = field(default_factory=dict)
    lang_attr: str = ""
    grayscale: bool = False

    def __post_init__(self) -> None:
        self.y = self.y or self.margin
        self.lang_attr = HTML_LANG.get(self.lang, self.lang)

    @property
    def inner(self) -> float:
        return self.width - 2 * self.margin

    def room(self) -> float:
        return self.height - self.margin - self.y

    def lines(self, text: str, size: float, width: float | None = None, bold: bool = False) -> list[str]:
        """Wrapped lines; a closing mark a line would open with (。、」…) hangs at the end of the line before, as
        Japanese and Chinese type sets it."""
        out = wrap(text, size, width or self.inner, bold)
        for i in range(1, len(out)):
            head = len(out[i]) - len(out[i].lstrip(NO_LINE_START))
            if head:
                out[i - 1] += out[i][:head]
                out[i] = out[i][head:]
        return [line for line in out if line] or [""]

    def text(self, lines: list[str], size: float, x: float | None = None, bold: bool = False,
             colour: str = styles.INK, leading: float = 1.3, anchor: str = "start", italic: bool = False,
             lang: str | None = None) -> float:
        """Draw wrapped lines from the cursor; returns the height used."""
        x = self.margin if x is None else x
        weight = ' font-weight="bold"' if bold else ""
        style = ' font-style="italic"' if italic else ""
        lang_attr = f' xml:lang="{_attr(lang)}"' if lang else ""
        y = self.y + size
        for line in lines:
            self.parts.append(f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:.2f}" fill="{colour}"'
                              f' text-anchor="{anchor}"{weight}{style}{lang_attr}>{escape(line)}</text>')
            y += size * leading
        used = size * leading * len(lines)
        self.y += used
        return used

    def para(self, text: str, size: float, bold: bool = False, colour: str = styles.INK, gap: float = 0.5,
             width: float | None = None, max_lines: int | None = None, **kw) -> float:
        """A wrapped paragraph at the cursor and a gap of `gap` × size after it."""
        lines = self.lines(text, size, width, bold)
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1].rstrip(" .,;") + "…"
        used = self.text(lines, size, bold=bold, colour=colour, **kw)
        self.y += size * gap
        return used + size * gap

    def rule(self, colour: str = "#999999", width: float = 0.75) -> None:
        self.parts.append(f'<path d="M{self.margin:.2f} {self.y:.2f} H{self.width - self.margin:.2f}" '
                          f'stroke="{colour}" stroke-width="{width}" fill="none"/>')

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        self.parts.append(f'<rect x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}"/>')

    def swatch(self, x: float, y: float, size: float, style: dict, line: bool = False) -> None:
        """A key symbol: a square drawn with the key row's fill, pattern and outline (or a line sample)."""
        if line:
            dash = f' stroke-dasharray="{style["dash"]}"' if style.get("dash") else ""
            self.parts.append(f'<path d="M{x:.2f} {y + size / 2:.2f} h{size:.2f}" stroke="{style["stroke"]}" '
                              f'stroke-width="{style["width"]:.3g}" fill="none"{dash}/>')
            return
        sid = compose.sentinel(len(self.swatches) + 1)
        st = {**style, "opacity": 1.0, "width": min(style.get("width") or 0.6, 2.0)}
        if st.get("stroke") in ("#FFFFFF", "rgba(0,0,0,0)", None):
            st = {**st, "stroke": "#8C8C8C", "width": 0.5}
        self.swatches[sid] = st
        self.parts.append(f'<path d="M{x:.2f} {y:.2f} h{size:.2f} v{size:.2f} h{-size:.2f} Z" fill="{sid}"/>')

    def figure(self, svg: str, x: float, y: float, w: float, h: float) -> None:
        """A finished figure's SVG placed in the box (its own viewBox keeps it in proportion)."""
        inner = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
        tag = f"fig{sum(part.startswith('<svg') for part in self.parts)}pat"  # pattern ids unique on the page
        inner = inner.replace('id="xpat', f'id="{tag}').replace("url(#xpat", f"url(#{tag}")
        root = re.search(r"<svg\b[^>]*>", inner)
        if root is None:
            raise ValueError("not an SVG document")
        head = re.sub(r'\s(width|height|x|y)="[^"]*"', "", root.group(0))
        head = head.replace("<svg", f'<svg x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"', 1)
        inner = inner[:root.start()] + head + inner[root.end():]
        self.parts.append(inner)

    def svg(self) -> str:
        body = "".join(self.parts)
        doc = (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
               f'width="{self.width / 96 * 25.4:.3f}mm" height="{self.height / 96 * 25.4:.3f}mm" '
               f'viewBox="0 0 {self.width:.3f} {self.height:.3f}" '
               f'xml:lang="{self.lang_attr}" font-family="{_attr(family(self.lang))}">'
               f'<rect width="100%" height="100%" fill="#FFFFFF"/><defs/>{body}</svg>')
        if not self.swatches:
            return doc
        return finish.finish_svg(doc, {"finish": self.swatches, "pattern_scale": 1.0, "W": self.width,
                                       "H": self.height}, self.grayscale)
