"""Runtime access to the committed map layers (``geodata/layers/layers_*.geojson``).

Fast and dependency-light on purpose: stdlib ``json`` + pydantic + PyYAML, no shapely/GEOS.
The files are built by ``python -m geodata.build.build_layers``; here they are only read and
checked for structure (the geometric checks live in ``tests/unit/test_layers_*.py``).

    layers = load_layers()                       # interactive resolution, cached per process
    layers.by_layer["territory"]                 # tuple of GeoJSON feature dicts
    layers.feature_unit["urup"]                  # -> "kurils_central"
    layers.unit_features["habomai"]              # -> ("polonsky", ..., "habomai_other")
    layers.collection_for("territory")           # a FeatureCollection for one layer

Any structural problem raises :class:`LayerDataError` with a one-line message naming the file,
the feature (index and id) and the field. The returned objects are shared between callers
(``lru_cache``): treat them as read-only.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

ROOT = Path(__file__).resolve().parents[1]
LAYERS_DIR = ROOT / "geodata" / "layers"
REGISTRY_PATH = ROOT / "geodata" / "registry.yaml"
FILES = {"interactive": "layers_interactive.geojson", "full": "layers_full.geojson"}
LAYER_NAMES = ("context", "territory", "zone", "strait", "line", "label")
GEOMETRY_TYPES = {
    "context": ("Polygon", "MultiPolygon"),
    "territory": ("Polygon", "MultiPolygon"),
    "zone": ("Polygon", "MultiPolygon"),
    "strait": ("Polygon", "MultiPolygon"),
    "line": ("LineString", "MultiLineString"),
    "label": ("Point",),
}


class LayerDataError(Exception):
    """The layer file or the registry is missing or malformed. The message is user-facing."""


# ------------------------------------------------------------------ models (properties)
NonEmpty = Annotated[str, Field(min_length=1)]


class _Named(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True)
    id: NonEmpty
    name_en: NonEmpty
    name_ja: NonEmpty
    name_ru: NonEmpty
    name_zh: NonEmpty


class TerritoryProps(_Named):
    layer: Literal["territory"]
    unit: NonEmpty


class ContextProps(_Named):
    layer: Literal["context"]

    @model_validator(mode="before")
    @classmethod
    def _no_unit(cls, data: Any) -> Any:
        if isinstance(data, dict) and "unit" in data:
            raise ValueError("context land must not have a 'unit' (it is never a claim)")
        return data


class ZoneProps(_Named):
    layer: Literal["zone"]
    source: NonEmpty


class StraitProps(_Named):
    layer: Literal["strait"]
    source: NonEmpty


class LineProps(_Named):
    layer: Literal["line"]
    source: NonEmpty
    schematic: bool
    note: str | None = None

    @model_validator(mode="after")
    def _schematic_needs_note(self) -> LineProps:
        if self.schematic and not self.note:
            raise ValueError("a schematic line needs a 'note' saying what is approximated")
        return self


class HistoricalName(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)
    name_ja: str | None = None
    name_ru: str | None = None
    name_en: str | None = None
    from_: NonEmpty = Field(alias="from")
    to: NonEmpty
    source: NonEmpty
    verified: bool = True


class LabelProps(_Named):
    layer: Literal["label"]
    kind: Literal["town", "island", "strait", "sea", "region"]
    historical: list[HistoricalName]


PROPS_MODEL: dict[str, type[BaseModel]] = {
    "territory": TerritoryProps,
    "context": ContextProps,
    "zone": ZoneProps,
    "strait": StraitProps,
    "line": LineProps,
    "label": LabelProps,
}


# ------------------------------------------------------------------ geometry (hand-checked: fast)
class _GeomError(ValueError):
    def __init__(self, where: str, msg: str):
        super().__init__(msg)
        self.where = where


def _position(p: Any, where: str) -> None:
    if not isinstance(p, list) or len(p) != 2:
        raise _GeomError(where, "a position must be [lon, lat]")
    for v in p:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise _GeomError(where, f"coordinate {v!r} is not a finite number")
    if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90):
        raise _GeomError(where, f"position {p!r} is outside lon -180..180 / lat -90..90")


def _positions(seq: Any, where: str, min_len: int, closed: bool = False) -> None:
    if not isinstance(seq, list) or len(seq) < min_len:
        raise _GeomError(where, f"expected a list of at least {min_len} positions")
    for i, p in enumerate(seq):
        _position(p, f"{where}[{i}]")
    if closed and seq[0] != seq[-1]:
        raise _GeomError(where, "ring is not closed (first position != last)")


def _polygon(rings: Any, where: str) -> None:
    if not isinstance(rings, list) or not rings:
        raise _GeomError(where, "a polygon needs at least one ring")
    for i, ring in enumerate(rings):
        _positions(ring, f"{where}[{i}]", 4, closed=True)


def _check_geometry(geom: Any, allowed: tuple[str, ...]) -> None:
    if not isinstance(geom, dict):
        raise _GeomError("geometry", "missing or not an object")
    gtype, coords = geom.get("type"), geom.get("coordinates")
    if gtype not in allowed:
        raise _GeomError("geometry.type", f"{gtype!r} is not one of {', '.join(allowed)}")
    where = "geometry.coordinates"
    if coords is None:
        raise _GeomError(where, "missing")
    if gtype == "Point":
        _position(coords, where)
    elif gtype == "LineString":
        _positions(coords, where, 2)
    elif gtype == "MultiLineString":
        if not isinstance(coords, list) or not coords:
            raise _GeomError(where, "expected a non-empty list of lines")
        for i, line in enumerate(coords):
            _positions(line, f"{where}[{i}]", 2)
    elif gtype == "Polygon":
        _polygon(coords, where)
    else:  # MultiPolygon
        if not isinstance(coords, list) or not coords:
            raise _GeomError(where, "expected a non-empty list of polygons")
        for i, poly in enumerate(coords):
            _polygon(poly, f"{where}[{i}]")


# ------------------------------------------------------------------ registry
@functools.lru_cache(maxsize=8)
def _load_registry(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as f:
            reg = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as exc:
        raise LayerDataError(f"{_rel(path)}: cannot read the registry: {exc}") from None
    for key in ("territory_units", "features", "straits", "zones", "lines"):
        if not isinstance(reg, dict) or not isinstance(reg.get(key), dict):
            raise LayerDataError(f"{_rel(path)}: section '{key}' is missing or not a mapping")
    for unit, d in reg["territory_units"].items():
        for fid in (d or {}).get("features", []):
            if fid not in reg["features"]:
                raise LayerDataError(
                    f"{_rel(path)}: unit '{unit}' lists feature '{fid}', which is not under "
                    f"'features'")
    return reg


def load_registry(path: str | Path | None = None) -> dict:
    """The parsed ``geodata/registry.yaml`` (cached; do not mutate)."""
    return _load_registry(str(Path(path or REGISTRY_PATH).resolve()))


def _rel(path: str | Path) -> str:
    p = Path(path).resolve()
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(p)


# ------------------------------------------------------------------ the loaded layers
@dataclass(frozen=True)
class Layers:
    path: str
    resolution: str
    collection: dict  # the whole FeatureCollection as read
    by_layer: dict[str, tuple[dict, ...]]
    by_id: dict[str, dict]
    feature_unit: dict[str, str]  # territory feature id -> unit id
    unit_features: dict[str, tuple[str, ...]]  # unit id -> territory feature ids (registry order)

    def features(self, layer: str) -> tuple[dict, ...]:
        return self.by_layer.get(layer, ())

    def collection_for(self, *layers: str) -> dict:
        """A FeatureCollection holding only the given layers (in file order)."""
        feats = [f for f in self.collection["features"] if f["properties"]["layer"] in layers]
        return {"type": "FeatureCollection", "features": feats}


def _fail(path: str, i: int, fid: Any, field: str, msg: str) -> LayerDataError:
    who = f"feature #{i}" + (f" (id {fid!r})" if isinstance(fid, str) and fid else "")
    return LayerDataError(f"{_rel(path)}: {who}: field '{field}': {msg}")


def _validate(path: str, fc: Any, registry: dict) -> Layers:
    rel = _rel(path)
    if not isinstance(fc, dict) or fc.get("type") != "FeatureCollection":
        raise LayerDataError(f"{rel}: not a GeoJSON FeatureCollection")
    feats = fc.get("features")
    if not isinstance(feats, list) or not feats:
        raise LayerDataError(f"{rel}: 'features' is missing or empty")
    unit_of = {f: u for u, d in registry["territory_units"].items() for f in d["features"]}
    known = {"zone": registry["zones"], "strait": registry["straits"], "line": registry["lines"]}
    seen: dict[str, int] = {}
    by_layer: dict[str, list[dict]] = {name: [] for name in LAYER_NAMES}
    for i, feat in enumerate(feats):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            raise _fail(path, i, None, "type", "not a GeoJSON Feature")
        props = feat.get("properties")
        if not isinstance(props, dict):
            raise _fail(path, i, None, "properties", "missing or not an object")
        fid = props.get("id")
        layer = props.get("layer")
        if layer not in PROPS_MODEL:
            raise _fail(path, i, fid, "layer", f"{layer!r} is not one of {', '.join(LAYER_NAMES)}")
        try:
            PROPS_MODEL[layer].model_validate(props)
        except ValidationError as exc:
            err = exc.errors()[0]
            field = ".".join(str(x) for x in err["loc"]) or "properties"
            raise _fail(path, i, fid, field, err["msg"]) from None
        if fid in seen:
            raise _fail(path, i, fid, "id", f"duplicate id (also feature #{seen[fid]})")
        seen[fid] = i
        if layer == "territory":
            if fid not in registry["features"] or fid not in unit_of:
                raise _fail(path, i, fid, "id", f"{fid!r} is not a territory feature in the "
                            "registry")
            unit = props["unit"]
            if unit not in registry["territory_units"]:
                raise _fail(path, i, fid, "unit", f"{unit!r} is not a known unit")
            if unit_of[fid] != unit:
                raise _fail(path, i, fid, "unit", f"{unit!r} but the registry puts {fid!r} in "
                            f"{unit_of[fid]!r}")
        elif layer in known and fid not in known[layer]:
            raise _fail(path, i, fid, "id", f"{fid!r} is not a known {layer} id in the registry")
        elif layer == "context" and not fid.startswith("context_"):
            raise _fail(path, i, fid, "id", "context ids start with 'context_'")
        try:
            _check_geometry(feat.get("geometry"), GEOMETRY_TYPES[layer])
        except _GeomError as exc:
            raise _fail(path, i, fid, exc.where, str(exc)) from None
        by_layer[layer].append(feat)
    expected = [(f, "territory") for f in unit_of] + [
        (k, layer) for layer, ids in known.items() for k in ids]
    for rid, layer in expected:
        if rid not in seen:
            raise LayerDataError(f"{rel}: registry {layer} id {rid!r} has no feature")
    by_id = {f["properties"]["id"]: f for f in feats}
    feature_unit = {f["properties"]["id"]: f["properties"]["unit"] for f in by_layer["territory"]}
    unit_features = {u: tuple(d["features"]) for u, d in registry["territory_units"].items()}
    return Layers(
        path=path,
        resolution=fc.get("name", ""),
        collection=fc,
        by_layer={k: tuple(v) for k, v in by_layer.items()},
        by_id=by_id,
        feature_unit=feature_unit,
        unit_features=unit_features,
    )


@functools.lru_cache(maxsize=8)
def _load(path: str, registry_path: str) -> Layers:
    try:
        with open(path, encoding="utf-8") as f:
            fc = json.load(f)
    except OSError as exc:
        raise LayerDataError(f"{_rel(path)}: cannot read the layer file: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise LayerDataError(f"{_rel(path)}: not valid JSON: {exc}") from None
    return _validate(path, fc, _load_registry(registry_path))


def load_layers(
    resolution: str = "interactive",
    path: str | Path | None = None,
    registry_path: str | Path | None = None,
) -> Layers:
    """Read and validate one resolution of the committed layers (cached per process).

    ``resolution`` is ``"interactive"`` (simplified, for the Dash view) or ``"full"`` (for figure
    export). ``path`` overrides the file (tests); ``registry_path`` the registry.
    """
    if resolution not in FILES:
        raise ValueError(f"resolution must be one of {sorted(FILES)}, not {resolution!r}")
    p = Path(path) if path is not None else LAYERS_DIR / FILES[resolution]
    r = Path(registry_path) if registry_path is not None else REGISTRY_PATH
    return _load(str(p.resolve()), str(r.resolve()))
