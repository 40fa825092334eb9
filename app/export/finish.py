"""From the rendered SVG to print-true files.

* SVG: the sentinel colours swapped for the page's fills, `<pattern>` tiles, outlines and dashes; the page
  size in mm.
* PDF: librsvg (Debian `rsvg-convert`, cairo's PDF backend) draws the finished SVG: patterns stay vector
  PDF patterns (no bitmap anywhere in the file), Noto Sans is embedded as a CID TrueType subset and Noto Sans
  CJK as a CID-keyed CFF subset (never Type 3), and the ToUnicode maps come from the text itself, so 色丹
  extracts as 色丹 (not as Kangxi radicals). pikepdf then writes the figure's Title, Author, Subject and
  Keywords (Info dictionary and XMP).
* PNG: the same librsvg at exactly the asked pixels, written by Pillow as RGB with a pHYs chunk at the asked
  dpi (so Word or InDesign place it at its real size).
Chromium's print path (kaleido's PDF) is not used: it embeds pattern fills as low-resolution images and
CFF fonts as Type 3 (measurements in docs/export.md).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field

import app

RSVG = "rsvg-convert"
CONVERT_TIMEOUT_S = 40.0
EXPORT_NICE = int(os.environ.get("ATLAS_EXPORT_NICE", "10"))
AUTHOR = "Sakhalin–Kurils atlas"


class ConvertError(RuntimeError):
    """The SVG could not be converted (message safe to show)."""


# ------------------------------------------------------------------------------------------ SVG
# A white halo under the map's texts (labels over hatches and stripes stay legible). Only those: librsvg draws a
# stroked text as glyph outlines beside the embedded font, so a halo on the key and the caption (on white, where it
# shows nothing) made the PDF four times larger.
HALO = ("{ paint-order: stroke; stroke: #FFFFFF; stroke-width: 2.4px; stroke-opacity: 0.85; "
        "stroke-linejoin: round; }")


def halo_css(indices: list[int] | None) -> str:
    """The halo rule for the annotations at `indices` (meta["halo"]); every annotation when not given."""
    if indices is None:
        return f".annotation-text {HALO}"
    if not indices:
        return ""
    return ", ".join(f'g.annotation[data-index="{i}"] .annotation-text' for i in indices) + f" {HALO}"
_PATH = re.compile(r"<path\b[^>]*?/?>")
_SENT = re.compile(r"rgb\(1, ?(\d+), ?(\d+)\)")
_FILL_ATTR = re.compile(r'\sfill="[^"]*"')
_STYLE = re.compile(r'\sstyle="([^"]*)"')


def finish_svg(svg: str, meta: dict, grayscale: bool) -> str:
    """Swap every sentinel colour for its style; set the page size in mm; optionally greyscale."""
    styles_by_sentinel = meta["finish"]
    patterns: dict[str, str] = {}
    scale = meta["pattern_scale"]

    def pattern_id(body: str) -> str:
        pid = patterns.get(body)
        if pid is None:
            pid = patterns[body] = f"xpat{len(patterns)}"
        return pid

    def repl(m: re.Match) -> str:
        tag = m.group(0)
        s = _SENT.search(tag)
        if not s:
            return tag
        style = styles_by_sentinel.get(f"rgb(1, {s.group(1)}, {s.group(2)})")
        if style is None:
            return tag
        fill = f"url(#{pattern_id(style['pattern'])})" if style.get("pattern") else (style.get("fill") or "none")
        dash = style.get("dash") or ""
        css = (f"fill: {fill}; fill-opacity: 1; stroke: {style.get('stroke') or 'none'}; "
               f"stroke-width: {float(style.get('width') or 0):.3g}px; stroke-linejoin: round; "
               f"opacity: {style.get('opacity', 1)};" + (f" stroke-dasharray: {dash};" if dash else ""))
        tag = _FILL_ATTR.sub("", tag)
        if _STYLE.search(tag):
            return _STYLE.sub(f' style="{css}"', tag, count=1)
        return tag.replace("<path", f'<path style="{css}"', 1)

    svg = _PATH.sub(repl, svg)
    defs = "".join(f'<pattern id="{pid}" width="12" height="12" patternUnits="userSpaceOnUse" '
                   f'patternTransform="rotate(45) scale({scale:.3g})">{body}</pattern>'
                   for body, pid in patterns.items())
    defs += f"<style>{halo_css(meta.get('halo'))}</style>"
    i = svg.find("<defs")
    if i >= 0:
        j = svg.find(">", i)
        if svg[j - 1] == "/":
            svg = svg[:j - 1] + ">" + defs + "</defs>" + svg[j + 1:]
        else:
            svg = svg[:j + 1] + defs + svg[j + 1:]
    else:
        j = svg.find(">", svg.find("<svg"))
        svg = svg[:j + 1] + f"<defs>{defs}</defs>" + svg[j + 1:]
    W, H = meta["W"], meta["H"]
    head_end = svg.find(">", svg.find("<svg"))
    head = svg[:head_end]
    head = re.sub(r'\swidth="[^"]*"', f' width="{W / 96 * 25.4:.3f}mm"', head, count=1)
    head = re.sub(r'\sheight="[^"]*"', f' height="{H / 96 * 25.4:.3f}mm"', head, count=1)
    if "viewBox" not in head:
        head += f' viewBox="0 0 {W:.3f} {H:.3f}"'
    svg = head + svg[head_end:]
    return to_grayscale(svg) if grayscale else svg


def grey(r: int, g: int, b: int) -> str:
    y = int(round(0.299 * r + 0.587 * g + 0.114 * b))
    return f"rgb({y}, {y}, {y})"


def to_grayscale(svg: str) -> str:
    """Every colour of the document as its luma grey (Rec. 601): what a greyscale print shows."""
    svg = re.sub(r"rgba?\((\d+), ?(\d+), ?(\d+)((?:, ?[\d.]+)?)\)",
                 lambda m: grey(int(m.group(1)), int(m.group(2)), int(m.group(3))).replace(")", m.group(4) + ")")
                 if m.group(4) else grey(int(m.group(1)), int(m.group(2)), int(m.group(3))), svg)
    return re.sub(r"#([0-9A-Fa-f]{6})(?![\w-])",
                  lambda m: grey(int(m.group(1)[0:2], 16), int(m.group(1)[2:4], 16), int(m.group(1)[4:6], 16)), svg)


# ------------------------------------------------------------------------------------------ PDF, PNG
def _rsvg(svg: str, args: list[str], timeout: float = CONVERT_TIMEOUT_S) -> bytes:
    exe = shutil.which(RSVG)
    if exe is None:
        raise ConvertError("rsvg-convert is not installed (Debian package librsvg2-bin: make system-deps)")
    cmd = [exe, *args]
    if EXPORT_NICE > 0 and shutil.which("nice"):
        cmd = ["nice", "-n", str(EXPORT_NICE), *cmd]
    try:
        done = subprocess.run(cmd, input=svg.encode("utf-8"), capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        raise ConvertError(f"the figure was not converted within {timeout:g} s") from None
    if done.returncode != 0 or not done.stdout:
        raise ConvertError(f"rsvg-convert failed ({done.stderr.decode('utf-8', 'replace').strip()[:200]})")
    return done.stdout


@dataclass
class PdfInfo:
    title: str
    subject: str
    keywords: list[str] = field(default_factory=list)
    caption: str = ""
    lang: str = "en"


def to_pdf(svg: str, info: PdfInfo) -> bytes:
    """The finished SVG as a vector PDF with embedded CID fonts and the figure's metadata."""
    return with_info(_rsvg(svg, ["-f", "pdf"]), info)


def pages_to_pdf(paths: list[str], info: PdfInfo) -> bytes:
    """Finished SVG files, one page each in order, as one vector PDF (librsvg subsets each font once for the
    whole document) with the document's metadata."""
    return with_info(_rsvg("", ["-f", "pdf", *paths], CONVERT_TIMEOUT_S + 5 * len(paths)), info)


def with_info(raw: bytes, info: PdfInfo) -> bytes:
    """A PDF from librsvg with Title, Author, Subject, Keywords (Info and XMP) and /Lang written by pikepdf."""
    import pikepdf

    with pikepdf.open(io.BytesIO(raw)) as pdf:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:title"] = info.title
            xmp["dc:creator"] = [AUTHOR]
            xmp["dc:description"] = info.caption or info.subject
            xmp["dc:subject"] = info.keywords
            xmp["dc:language"] = [info.lang]
            xmp["pdf:Keywords"] = ", ".join(info.keywords)
            xmp["pdf:Producer"] = f"{AUTHOR} v{app.__version__} (librsvg, cairo, pikepdf)"
            xmp["xmp:CreatorTool"] = f"{AUTHOR} v{app.__version__}"
        pdf.docinfo["/Title"] = info.title
        pdf.docinfo["/Author"] = AUTHOR
        pdf.docinfo["/Subject"] = info.subject
        pdf.docinfo["/Keywords"] = ", ".join(info.keywords)
        pdf.docinfo["/Creator"] = f"{AUTHOR} v{app.__version__}"
        pdf.docinfo["/Producer"] = f"{AUTHOR} v{app.__version__} (librsvg, cairo, pikepdf)"
        pdf.Root.Lang = pikepdf.String(info.lang)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def text_as_paths(svg: str) -> str:
    """The finished SVG with every glyph drawn as an outline (librsvg's cairo SVG surface, the same fonts and
    layout as the PDF), for a journal whose software lacks Noto; the page keeps its size in mm."""
    size = re.match(r'<svg\b[^>]*?\swidth="([^"]+)" height="([^"]+)"', svg)
    out = _rsvg(svg, ["-f", "svg"]).decode("utf-8")
    if size:
        out = re.sub(r'(<svg\b[^>]*?)\swidth="[^"]*" height="[^"]*"',
                     lambda m: f'{m.group(1)} width="{size.group(1)}" height="{size.group(2)}"', out, count=1)
    return out


def raster(svg: str, px_w: int, px_h: int):  # noqa: ANN201 - a PIL RGB image
    """The finished SVG drawn by librsvg at exactly px_w × px_h pixels, on white, as an RGB image."""
    from PIL import Image

    raw = _rsvg(svg, ["-f", "png", "-w", str(px_w), "-h", str(px_h), "-b", "white"])
    with Image.open(io.BytesIO(raw)) as im:
        return im.convert("RGB")


def to_png(svg: str, px_w: int, px_h: int, dpi: int) -> bytes:
    """The finished SVG as exactly px_w × px_h pixels, RGB, with a pHYs chunk saying `dpi`."""
    rgb = raster(svg, px_w, px_h)
    out = io.BytesIO()
    rgb.save(out, format="PNG", dpi=(dpi, dpi), compress_level=3)  # 6 is 2x slower for 3 % less
    return out.getvalue()
