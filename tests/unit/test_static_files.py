"""The static tree and WhiteNoise in front of Flask (app/static_files.py)."""

from __future__ import annotations

import functools
import os
import re
import time

import brotli

from app.static_files import (
    build_tree,
    compress_pending,
    layout_chunks,
    make_static_server,
    page_files,
    plotly_bundle,
)

IMMUTABLE = "public, max-age=31536000, immutable"


@functools.lru_cache(maxsize=1)
def app():
    from app.server import create_app

    return create_app()


def test_page_files_are_what_the_index_links_plus_the_layouts_chunks_and_never_the_full_plotly():
    files = page_files(app())
    index = app().server.test_client().get("/").get_data(as_text=True)
    for src in re.findall(r'<script src="(/_dash-component-suites/[^"]+)"', index):
        assert src in files, src
    assert {"dcc/async-graph.js", "dcc/async-slider.js"} <= set(layout_chunks(app()))
    for chunk in layout_chunks(app()):
        assert f"/_dash-component-suites/dash/{chunk}" in files
    assert plotly_bundle().url in files
    assert not [url for url in files if "plotly.min.js" in url or "mathjax" in url]
    assert all(path.is_file() for path in files.values())


def test_build_tree_writes_brotli_and_gzip_copies_and_skips_what_did_not_change(tmp_path):
    source = tmp_path / "src" / "a.js"
    source.parent.mkdir()
    source.write_text("var x = 1;\n" * 2000)
    tiny = tmp_path / "src" / "b.json"
    tiny.write_text("{}")
    root = tmp_path / "tree"
    assert build_tree({"/x/a.js": source, "/b.json": tiny}, root) == 2
    assert brotli.decompress((root / "x" / "a.js.br").read_bytes()) == source.read_bytes()
    assert (root / "x" / "a.js.gz").is_file()
    assert not (root / "b.json.br").exists()  # compression would not pay
    assert build_tree({"/x/a.js": source, "/b.json": tiny}, root) == 0
    time.sleep(0.01)
    source.write_text("var y = 2;\n" * 2000)
    os.utime(source)
    assert build_tree({"/x/a.js": source, "/b.json": tiny}, root) == 1
    assert brotli.decompress((root / "x" / "a.js.br").read_bytes()) == source.read_bytes()
    assert not [p for p in root.rglob("*.tmp")]


def test_static_server_cache_headers_and_encodings(tmp_path):
    files = {"/_dash-component-suites/dash/dcc/async-graph.js": tmp_path / "g.js",
             "/_dash-component-suites/dash/deps/react@18.v4_4_1m1796310335.3.1.min.js": tmp_path / "r.js",
             "/assets/map.css": tmp_path / "m.css", "/static/plotly-atlas.0123456789ab.min.js": tmp_path / "p.js"}
    for path in files.values():
        path.write_text("body { color: red; }\n" * 500)
    build_tree(files, tmp_path / "tree")

    def fallback(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"from the app"]

    from werkzeug.test import Client

    client = Client(make_static_server(fallback, tmp_path / "tree", {"X-Content-Type-Options": "nosniff"}))
    got = {url: client.get(url, headers={"Accept-Encoding": "gzip, br"}) for url in files}
    assert got["/_dash-component-suites/dash/dcc/async-graph.js"].headers["Cache-Control"] == "no-cache"
    assert got["/_dash-component-suites/dash/deps/react@18.v4_4_1m1796310335.3.1.min.js"].headers[
        "Cache-Control"] == IMMUTABLE
    assert got["/static/plotly-atlas.0123456789ab.min.js"].headers["Cache-Control"] == IMMUTABLE
    assert got["/assets/map.css"].headers["Cache-Control"] == "public, max-age=86400"
    assert client.get("/assets/map.css?m=17").headers["Cache-Control"] == IMMUTABLE
    assert all(r.headers["Content-Encoding"] == "br" and r.headers["X-Content-Type-Options"] == "nosniff"
               for r in got.values())
    plain = client.get("/assets/map.css")
    assert "Content-Encoding" not in plain.headers and plain.get_data() == files["/assets/map.css"].read_bytes()
    etag = plain.headers["ETag"]
    assert client.get("/assets/map.css", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/manifest.json").get_data() == b"from the app"
    assert client.get("/assets/nope.css").get_data() == b"from the app"


def test_stat201_plain_files_are_served_at_once_and_their_brotli_copies_once_written(tmp_path):
    """`make run` serves the first page before Brotli 11 of every file (issue 21): the tree is written plain,
    the compressor (a separate process in install) writes the copies later, and the server picks them up."""
    source = tmp_path / "a.js"
    source.write_text("var x = 1;\n" * 4000)
    root = tmp_path / "tree"
    assert build_tree({"/assets/a.js": source}, root, compress=False) == 1
    assert not (root / "assets" / "a.js.br").exists()

    def fallback(environ, start_response):
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"from the app"]

    from werkzeug.test import Client

    served = make_static_server(fallback, root)
    client = Client(served)
    plain = client.get("/assets/a.js", headers={"Accept-Encoding": "br"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    assert plain.get_data() == source.read_bytes()
    assert compress_pending(root) == 1 and compress_pending(root) == 0
    assert brotli.decompress((root / "assets" / "a.js.br").read_bytes()) == source.read_bytes()
    served._checked -= served.CHECK_EVERY_S  # the next request looks at the manifest again
    got = client.get("/assets/a.js", headers={"Accept-Encoding": "br"})
    assert got.headers["Content-Encoding"] == "br" and brotli.decompress(got.get_data()) == source.read_bytes()
    assert not served.following  # nothing pending: no more looking
    assert client.get("/.compress.lock").get_data() == b"from the app"
    assert not [p for p in root.rglob("*tmp")]
