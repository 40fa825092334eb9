"""app.layers: structural validation, lookups and error messages."""

from __future__ import annotations

import copy
import json

import pytest

from app.layers import FILES, LAYERS_DIR, LayerDataError, load_layers, load_registry


@pytest.fixture(scope="module")
def raw():
    return json.loads((LAYERS_DIR / FILES["interactive"]).read_text(encoding="utf-8"))


def test_loads_both_resolutions_with_lookups():
    reg = load_registry()
    for res in ("interactive", "full"):
        lay = load_layers(res)
        assert lay.resolution == res
        assert lay.feature_unit["urup"] == "kurils_central"
        assert lay.unit_features["habomai"][-1] == "habomai_other"
        assert set(lay.feature_unit) == {f for u in reg["territory_units"].values()
                                         for f in u["features"]}
        assert all(f["properties"]["layer"] == "strait" for f in lay.features("strait"))
        assert len(lay.collection_for("territory")["features"]) == len(lay.feature_unit)
    assert load_layers() is load_layers("interactive")  # cached


def _write(tmp_path, fc):
    p = tmp_path / "layers_interactive.geojson"
    p.write_text(json.dumps(fc), encoding="utf-8")
    return p


def _index(fc, fid):
    return next(i for i, f in enumerate(fc["features"]) if f["properties"]["id"] == fid)


def test_bad_unit_names_file_feature_and_field(tmp_path, raw):
    fc = copy.deepcopy(raw)
    i = _index(fc, "urup")
    fc["features"][i]["properties"]["unit"] = "kurils_centre"
    p = _write(tmp_path, fc)
    with pytest.raises(LayerDataError) as exc:
        load_layers(path=p)
    msg = str(exc.value)
    assert msg == (f"{p}: feature #{i} (id 'urup'): field 'unit': "
                   "'kurils_centre' is not a known unit")


@pytest.mark.parametrize(
    "fid, mutate, field, text",
    [
        ("town_korsakov", lambda p, g: p.pop("name_en"), "name_en", "Field required"),
        ("context_hokkaido", lambda p, g: p.update(unit="kunashir"), "properties",
         "never a claim"),
        ("line_1855", lambda p, g: p.update(note=None), "properties", "needs a 'note'"),
        ("strait_soya", lambda p, g: p.update(layer="sea"), "layer", "'sea' is not one of"),
        ("kunashir", lambda p, g: g["coordinates"][0][0][0].__setitem__(0, "145.1"),
         "geometry.coordinates[0][0][0]", "not a finite number"),
        ("line_50n", lambda p, g: g.update(type="Polygon"), "geometry.type", "'Polygon'"),
        ("town_kholmsk", lambda p, g: p["historical"][0].pop("source"), "historical.0.source",
         "Field required"),
        ("kunashir", lambda p, g: p.update(id="iturup", unit="iturup"), "id", "duplicate id"),
        ("moneron", lambda p, g: p.update(unit="sakhalin_north"), "unit",
         "registry puts 'moneron' in 'sakhalin_south'"),
    ],
)
def test_broken_fields_raise_layer_data_error(tmp_path, raw, fid, mutate, field, text):
    fc = copy.deepcopy(raw)
    i = _index(fc, fid)
    feat = fc["features"][i]
    mutate(feat["properties"], feat["geometry"])
    p = _write(tmp_path, fc)
    with pytest.raises(LayerDataError) as exc:
        load_layers(path=p)
    msg = str(exc.value)
    assert msg.startswith(f"{p}: feature #")
    assert f"field '{field}'" in msg
    assert text in msg


def test_missing_registry_id_and_unreadable_files(tmp_path, raw):
    fc = copy.deepcopy(raw)
    del fc["features"][_index(fc, "signalny")]
    with pytest.raises(LayerDataError, match="registry territory id 'signalny' has no feature"):
        load_layers(path=_write(tmp_path, fc))
    with pytest.raises(LayerDataError, match="cannot read the layer file"):
        load_layers(path=tmp_path / "nope.geojson")
    bad = tmp_path / "bad.geojson"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(LayerDataError, match="not valid JSON"):
        load_layers(path=bad)
    with pytest.raises(ValueError):
        load_layers("medium")
