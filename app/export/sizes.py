"""Page sizes of the export and the pixel maths (pure).

Named sizes: journal single column (85 mm wide), double column (175 mm), 16:9 slide (13.333 × 7.5 in,
the PowerPoint/Keynote widescreen page), or custom width × height in mm. The figure is laid out in
CSS px (96 per inch: what Chromium and plotly use), so an SVG/PDF page is exactly the chosen mm.
A PNG has exactly round(mm / 25.4 × dpi) pixels in each direction.
"""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_IN = 25.4
CSS_DPI = 96
DPIS = (300, 600)
FORMATS = ("svg", "pdf", "png")
MIME = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
# (width mm, height mm); heights chosen so the map keeps its shape next to / above the legend
NAMED = {
    "single": (85.0, 130.0),
    "double": (175.0, 125.0),  # journals set a double column at 174–175 mm
    "slide": (13.333333 * MM_PER_IN, 7.5 * MM_PER_IN),  # 338.67 × 190.5 mm, 16:9
}
SIZES = (*NAMED, "custom")
MIN_MM = 40.0
MAX_MM = 600.0  # a custom side longer than this is refused (A2 is 594 mm)
MAX_PIXELS = 60_000_000  # 60 MP: a 600-dpi A2 page would be 140 MP


class SizeError(ValueError):
    def __init__(self, parameter: str, message: str, allowed: str = "") -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message
        self.allowed = allowed


@dataclass(frozen=True)
class PageSize:
    name: str
    width_mm: float
    height_mm: float

    @property
    def width_css(self) -> float:
        return self.width_mm / MM_PER_IN * CSS_DPI

    @property
    def height_css(self) -> float:
        return self.height_mm / MM_PER_IN * CSS_DPI

    def pixels(self, dpi: int) -> tuple[int, int]:
        return px(self.width_mm, dpi), px(self.height_mm, dpi)

    @property
    def pt_scale(self) -> float:
        """Type scale: 1.0 for a journal column, larger for a slide."""
        return 1.0 if self.width_mm <= 200 else min(2.2, self.width_mm / 180.0)


def px(mm: float, dpi: int) -> int:
    """Pixels for a length in mm at dpi: mm / 25.4 × dpi, rounded to the nearest pixel."""
    return int(round(mm / MM_PER_IN * dpi))


def page_size(size: str, width_mm: float | None = None, height_mm: float | None = None) -> PageSize:
    """A named size, or custom (both sides required). Raises SizeError naming the parameter."""
    if size not in SIZES:
        raise SizeError("size", f"unknown size {size!r}", ", ".join(SIZES))
    if size != "custom":
        w, h = NAMED[size]
        return PageSize(size, w, h)
    for name, value in (("width_mm", width_mm), ("height_mm", height_mm)):
        if value is None:
            raise SizeError(name, f"size=custom needs {name}", f"a number of mm from {MIN_MM:g} to {MAX_MM:g}")
        if not (MIN_MM <= value <= MAX_MM):
            raise SizeError(name, f"{name}={value:g} is outside {MIN_MM:g} … {MAX_MM:g} mm",
                            f"a number of mm from {MIN_MM:g} to {MAX_MM:g}")
    assert width_mm is not None and height_mm is not None
    return PageSize("custom", float(width_mm), float(height_mm))


def check_pixels(page: PageSize, dpi: int) -> tuple[int, int]:
    if dpi not in DPIS:
        raise SizeError("dpi", f"dpi must be 300 or 600, not {dpi}", "300, 600")
    w, h = page.pixels(dpi)
    if w * h > MAX_PIXELS:
        raise SizeError("dpi", f"{w} × {h} px is more than {MAX_PIXELS // 1_000_000} megapixels; "
                        "use 300 dpi or a smaller size", "a size × dpi of at most 60 MP")
    return w, h


def parse_mm(parameter: str, text: str | None) -> float | None:
    if text is None or text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise SizeError(parameter, f"{parameter}={text!r} is not a number",
                        f"a number of mm from {MIN_MM:g} to {MAX_MM:g}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise SizeError(parameter, f"{parameter}={text!r} is not a number",
                        f"a number of mm from {MIN_MM:g} to {MAX_MM:g}")
    return value
