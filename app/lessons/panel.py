"""Words set on a video frame by Pango, the layout engine librsvg already draws the figures' text with: lines break
where Unicode's rules allow in each language (between CJK characters, never before 。 or a closing bracket), in
the project's font family (app/cartography/fonts.py), drawn by cairo into a still.

    laid = set_blocks([Block("11 February 1945", 30, bold=True), Block(sentence, 24)], 1240, 160, "ja")
    laid.image   # PIL RGB, exactly width × height
    laid.lines   # per block, the lines Pango chose (a test reads them back against the sentence)

A block set too tall for its box is set smaller, down to MIN_SCALE of its size; below that the last block ends
in an ellipsis (Pango's), never under the box's edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app import styles
from app.cartography.fonts import family

MIN_SCALE = 0.8
LEADING = 1.3
PX_TO_PT = 72 / 96  # pangocairo lays out at 96 dpi; font sizes are points


@dataclass(frozen=True)
class Block:
    """One paragraph: its text, size in px, weight, colour, and the gap after it (× size)."""

    text: str
    size: float
    bold: bool = False
    colour: str = styles.INK
    italic: bool = False
    gap: float = 0.45


@dataclass
class Laid:
    image: Any  # PIL RGB image
    lines: list[list[str]] = field(default_factory=list)
    scale: float = 1.0
    height: float = 0.0  # the height the blocks took, px


def _rgb(colour: str) -> tuple[float, float, float]:
    c = colour.lstrip("#")
    return tuple(int(c[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _layout(ctx: Any, block: Block, width: float, lang: str, scale: float, height: float | None = None) -> Any:
    import pangocairocffi
    import pangocffi

    layout = pangocairocffi.create_layout(ctx)
    desc = pangocffi.FontDescription()
    desc.family = family(lang)
    desc.size = pangocffi.units_from_double(block.size * scale * PX_TO_PT)
    if block.bold:
        desc.weight = pangocffi.Weight.BOLD
    if block.italic:
        desc.style = pangocffi.Style.ITALIC
    layout.font_description = desc
    layout.width = pangocffi.units_from_double(width)
    layout.wrap = pangocffi.WrapMode.WORD_CHAR
    layout.spacing = pangocffi.units_from_double(block.size * scale * (LEADING - 1.2))
    if height is not None:
        layout.height = pangocffi.units_from_double(height)
        layout.ellipsize = pangocffi.EllipsizeMode.END
    layout.text = block.text
    return layout


def _height(layout: Any) -> float:
    import pangocffi

    return pangocffi.units_to_double(layout.get_extents()[1].height)


def layout_lines(layout: Any) -> list[str]:
    """The text of each line as Pango broke it (ellipsized lines end in …)."""
    data = layout.text.encode("utf-8")
    it = layout.get_iter()
    starts = [it.get_index()]
    while it.next_line():
        starts.append(it.get_index())
    ends = [*starts[1:], len(data)]
    lines = [data[a:b].decode("utf-8").strip() for a, b in zip(starts, ends, strict=True)]
    from pangocffi import pango

    if pango.pango_layout_is_ellipsized(layout.pointer):
        lines[-1] += "…"
    return lines


def set_blocks(blocks: list[Block], width: int, height: int, lang: str, padding: float = 20.0,
               background: str = "#FFFFFF") -> Laid:
    """The blocks set top-down in a width × height box (px) with `padding` around them."""
    import cairocffi
    from PIL import Image

    surface = cairocffi.ImageSurface(cairocffi.FORMAT_RGB24, width, height)
    ctx = cairocffi.Context(surface)
    ctx.set_source_rgb(*_rgb(background))
    ctx.paint()
    inner_w, inner_h = width - 2 * padding, height - 2 * padding

    def measure(scale: float) -> float:
        total = 0.0
        for b in blocks:
            total += _height(_layout(ctx, b, inner_w, lang, scale)) + b.size * scale * b.gap
        return total - (blocks[-1].size * scale * blocks[-1].gap if blocks else 0)

    scale = 1.0
    while scale > MIN_SCALE and measure(scale) > inner_h:
        scale = round(scale - 0.05, 2)
    laid = Laid(None, [], scale)
    y = padding
    for n, b in enumerate(blocks):
        room = padding + inner_h - y
        last = n == len(blocks) - 1
        layout = _layout(ctx, b, inner_w, lang, scale, room if last else None)
        h = _height(layout)
        if h > room + 0.5:   # a block before the last that does not fit: left out, never half drawn
            break
        import pangocairocffi

        ctx.move_to(padding, y)
        ctx.set_source_rgb(*_rgb(b.colour))
        pangocairocffi.show_layout(ctx, layout)
        laid.lines.append(layout_lines(layout))
        y += h + b.size * scale * b.gap
    surface.flush()
    stride = surface.get_stride()
    laid.image = Image.frombuffer("RGB", (width, height), bytes(surface.get_data()), "raw", "BGRX", stride, 1).copy()
    laid.height = y - padding
    return laid
