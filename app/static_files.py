"""Static files: the Plotly partial bundle, precompressed copies, and serving them without Flask.

The page's scripts, styles and data files never change while a build runs, so they are written once into a
static tree (default build/static, $ATLAS_STATIC_ROOT), each file at the path of its URL with Brotli (.br) and
gzip (.gz) copies beside it, and served from there by WhiteNoise in front of Flask (sendfile, 304s, ranges;
no Dash route, no per-request compression). nginx in deploy/ serves the same tree. Dash's own routes still
answer anything not in the tree.

plotly.js is ours, not Dash's: bundles/plotly/plotly-atlas.min.js (built from npm by bundles/plotly/build.mjs
with only the trace types the figures use) at a content-addressed URL, handed to dcc.Graph through the
renderer's config; the full 4.8 MB plotly.min.js of the Python package is never linked.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app import ASSETS_DIR, PROJECT_ROOT

STATIC_ROOT_ENV = "ATLAS_STATIC_ROOT"
PLOTLY_BUNDLE_ENV = "ATLAS_PLOTLY_BUNDLE"
DEFAULT_STATIC_ROOT = PROJECT_ROOT / "build" / "static"
BUNDLE_DIR = PROJECT_ROOT / "bundles" / "plotly"
SUITES = "/_dash-component-suites/"
ONE_YEAR = 31_536_000
# URLs whose content can never change: Dash's fingerprinted bundles (name.v4_4_1m<mtime>.js, the package's
# version and the file's mtime) and our content-addressed plotly bundle.
_FINGERPRINTED = re.compile(r"\.v\d+_\d+_\d+(?:[a-z0-9_]*)m\d+\.|/static/plotly-(?:atlas|full)\.[0-9a-f]{12}\.min\.js$")
# dcc / dash_table components whose code is a separate chunk, fetched when the first one mounts.
_CHUNKS = {"Graph": "dcc/async-graph.js", "Slider": "dcc/async-slider.js", "RangeSlider": "dcc/async-slider.js",
           "Dropdown": "dcc/async-dropdown.js", "DatePickerSingle": "dcc/async-datepicker.js",
           "DatePickerRange": "dcc/async-datepicker.js", "Markdown": "dcc/async-markdown.js",
           "Upload": "dcc/async-upload.js", "DataTable": "dash_table/async-table.js"}
_COMPRESSIBLE = (".js", ".css", ".json", ".geojson", ".svg", ".ico", ".txt", ".csv", ".html", ".map")


@dataclass(frozen=True)
class PlotlyBundle:
    path: Path
    version: str
    traces: tuple[str, ...]
    url: str


@cache
def plotly_bundle() -> PlotlyBundle:
    """The committed partial bundle and its content-addressed URL (/static/plotly-atlas.<sha256[:12]>.min.js).

    $ATLAS_PLOTLY_BUNDLE=full serves the Python package's full plotly.min.js the same way instead (to measure
    what the partial bundle saves, or as a way out should a figure ever need a trace type the bundle lacks).
    """
    spec = json.loads((BUNDLE_DIR / "bundle.json").read_text(encoding="utf-8"))
    name, path, traces = "atlas", BUNDLE_DIR / spec["output"], tuple(spec["traces"])
    if os.environ.get(PLOTLY_BUNDLE_ENV) == "full":
        import plotly

        name, path, traces = "full", Path(plotly.__file__).parent / "package_data" / "plotly.min.js", ("*",)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return PlotlyBundle(path, spec["plotly.js"], traces, f"/static/plotly-{name}.{digest}.min.js")


def static_root() -> Path:
    return Path(os.environ.get(STATIC_ROOT_ENV) or DEFAULT_STATIC_ROOT)


def _component_types(node: Any, out: set[str]) -> set[str]:
    """Every component type in a layout tree (Dash components or their JSON form)."""
    if isinstance(node, list | tuple):
        for child in node:
            _component_types(child, out)
    elif hasattr(node, "_type"):
        out.add(node._type)
        for name in getattr(node, "_prop_names", ()):
            value = getattr(node, name, None)
            if isinstance(value, list | tuple) or hasattr(value, "_type"):
                _component_types(value, out)
    return out


def _index_urls(page: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/[^"]+)"', page)


def page_files(dash_app: Any) -> dict[str, Path]:
    """URL path → file, for what the page loads: what the index links, the chunks of the components in the
    layout, every file in assets/, the favicon and the plotly bundle (never the full plotly.min.js). Anything
    else (a chunk no component on the page needs) is still answered by Dash's own route."""
    from dash.fingerprint import check_fingerprint

    client = dash_app.server.test_client()
    page = client.get(dash_app.config.requests_pathname_prefix or "/").get_data(as_text=True)
    files: dict[str, Path] = {}

    def package_file(namespace: str, rel: str) -> Path:
        return Path(sys.modules[namespace].__file__).parent / rel

    for url in _index_urls(page):
        path = url.split("?")[0]
        if path.startswith(SUITES):
            namespace, _, fingerprinted = path[len(SUITES):].partition("/")
            rel, _ = check_fingerprint(fingerprinted)
            files[path] = package_file(namespace, rel)
    for rel in layout_chunks(dash_app):
        files[f"{SUITES}dash/{rel}"] = package_file("dash", rel)
    for path in sorted(ASSETS_DIR.rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            files[f"/assets/{path.relative_to(ASSETS_DIR).as_posix()}"] = path
    favicon = ASSETS_DIR / "favicon.ico"
    import dash

    files["/_favicon.ico"] = favicon if favicon.is_file() else Path(dash.__file__).parent / "favicon.ico"
    bundle = plotly_bundle()
    files[bundle.url] = bundle.path
    return files


def _source_stamp(path: Path) -> list:
    stat = path.stat()
    return [str(path), stat.st_size, stat.st_mtime_ns]


_build_lock = threading.Lock()
MANIFEST = "manifest.json"
COMPRESS_LOCK = ".compress.lock"


def _read_manifest(root: Path) -> dict:
    """{"files": {url: source stamp}, "pending": [urls written but not yet compressed]} (older or broken
    manifests read as empty: everything is rebuilt)."""
    try:
        found = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"files": {}, "pending": []}
    if not isinstance(found, dict) or not isinstance(found.get("files"), dict):
        return {"files": {}, "pending": []}
    return {"files": found["files"], "pending": list(found.get("pending") or [])}


def _write_manifest(root: Path, manifest: dict) -> None:
    tmp = root / f".manifest.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(json.dumps(manifest, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(tmp, root / MANIFEST)


def _compress_file(target: Path) -> None:
    """target.br and target.gz beside it (WhiteNoise's compressor: Brotli 11, gzip 9, each kept when ≥ 5 %
    smaller), written under temporary names and renamed, so a reader never sees half a file."""
    from whitenoise.compress import Compressor

    tmp = target.with_name(f".{target.name}.{os.getpid()}.ztmp")
    shutil.copy2(target, tmp)
    try:
        for made in Compressor(quiet=True).compress(str(tmp)):
            os.replace(made, str(target) + made[len(str(tmp)):])
    finally:
        tmp.unlink(missing_ok=True)


def build_tree(files: dict[str, Path], root: Path, compress: bool = True) -> int:
    """Copy each file to root/<url path>; with `compress`, write its .br/.gz copies too, else list it as
    pending for `compress_pending` (the first page need not wait ~5 s of Brotli 11). Files whose source is
    unchanged (manifest.json: path, size, mtime) are left alone, so a restart costs nothing. Returns how many
    files were (re)written. Safe for concurrent builders: every file is written to a temporary name and renamed."""
    root.mkdir(parents=True, exist_ok=True)
    with _build_lock:
        manifest = _read_manifest(root)
        stamps, pending = manifest["files"], set(manifest["pending"])
        written = 0
        for url, source in files.items():
            stamp = _source_stamp(source)
            target = root / url.lstrip("/")
            if stamps.get(url) == stamp and target.is_file():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            shutil.copy2(source, tmp)  # keeps the mtime: the same ETag on every host of one build
            for suffix in (".br", ".gz"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            os.replace(tmp, target)
            pending.discard(url)
            if source.suffix in _COMPRESSIBLE:
                if compress:
                    _compress_file(target)
                else:
                    pending.add(url)
            stamps[url] = stamp
            written += 1
        _write_manifest(root, {"files": stamps, "pending": sorted(pending)})
    return written


def compress_pending(root: Path) -> int:
    """Write the .br/.gz copies `build_tree(compress=False)` left for later; one compressor per tree at a time
    (an exclusive lock on root/.compress.lock), each file's manifest entry updated as it is done. Returns how
    many files were compressed."""
    import fcntl

    root.mkdir(parents=True, exist_ok=True)
    done = 0
    with open(root / COMPRESS_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        while True:
            with _build_lock:
                pending = _read_manifest(root)["pending"]
            if not pending:
                return done
            url = pending[0]
            target = root / url.lstrip("/")
            if target.is_file():
                _compress_file(target)
                done += 1
            with _build_lock:
                manifest = _read_manifest(root)
                manifest["pending"] = [u for u in manifest["pending"] if u != url]
                _write_manifest(root, manifest)


def start_compressor(root: Path) -> Any:
    """Compress the tree's pending files in a separate process at a low CPU priority (nice 10): the server
    answers meanwhile, sending those files plain, and picks up each copy when it is ready (make_static_server)."""
    import subprocess

    return subprocess.Popen([sys.executable, "-m", "app.static_files", "--compress", str(root)],
                            cwd=str(PROJECT_ROOT), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, preexec_fn=lambda: os.nice(10))


def _immutable(path: str, url: str) -> bool:  # noqa: ARG001
    return bool(_FINGERPRINTED.search(url))


def make_static_server(application: Any, root: Path, headers: dict[str, str] | None = None) -> Any:
    """WhiteNoise over `root`: fingerprinted URLs immutable for a year, /assets/ files a day (Dash links them
    with ?m=<mtime>, made immutable per request below), everything else revalidated (ETag/Last-Modified).
    `headers` go on every file (the app's security headers). The manifest is not served."""
    from whitenoise import WhiteNoise

    class _StaticFiles(WhiteNoise):
        def __call__(self, environ: dict, start_response: Any) -> Any:
            path = environ.get("PATH_INFO", "")
            if path.startswith("/assets/") and path in self.files and re.search(
                    r"(?:^|&)m=", environ.get("QUERY_STRING", "")):
                def immutable_start(status: str, headers: list, exc_info: Any = None) -> Any:
                    headers = [(k, v) for k, v in headers if k.lower() != "cache-control"]
                    headers.append(("Cache-Control", f"public, max-age={ONE_YEAR}, immutable"))
                    return start_response(status, headers, exc_info)

                return super().__call__(environ, immutable_start)
            return super().__call__(environ, start_response)

        def add_cache_headers(self, headers: Any, path: str, url: str) -> None:
            if self.immutable_file_test(path, url):
                headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
            elif url.startswith("/assets/"):
                headers["Cache-Control"] = "public, max-age=86400"
            else:
                headers["Cache-Control"] = "no-cache"

    def add_headers(file_headers: Any, path: str, url: str) -> None:  # noqa: ARG001 - WhiteNoise's signature
        for name, value in (headers or {}).items():
            file_headers[name] = value

    def scan() -> _StaticFiles:
        server = _StaticFiles(application, root=None, autorefresh=False, allow_all_origins=False, index_file=None,
                              immutable_file_test=_immutable, add_headers_function=add_headers)
        server.add_files(str(root), prefix="/")
        for url in [u for u in server.files if u == "/" + MANIFEST or "/." in u]:
            del server.files[url]  # the manifest, the compressor's lock and half-written temporary files
        return server

    return _FollowingTree(root, scan)


class _FollowingTree:
    """The WSGI app over the tree while its compressed copies are still being written: every second at most it
    looks at the manifest and, when it changed, scans the tree again (WhiteNoise learns a file's .br/.gz copies
    when it scans). Once nothing is pending it only serves."""

    CHECK_EVERY_S = 1.0

    def __init__(self, root: Path, scan: Any) -> None:
        self.root, self.scan = root, scan
        self.current = scan()
        self.files = self.current.files
        self._stamp = self._manifest_stamp()
        self.following = bool(_read_manifest(root)["pending"])
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def _manifest_stamp(self) -> int:
        try:
            return (self.root / MANIFEST).stat().st_mtime_ns
        except OSError:
            return 0

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < self.CHECK_EVERY_S or not self._lock.acquire(blocking=False):
            return
        try:
            self._checked = now
            stamp = self._manifest_stamp()
            if stamp != self._stamp:
                self._stamp = stamp
                self.following = bool(_read_manifest(self.root)["pending"])
                self.current = self.scan()
                self.files = self.current.files
        finally:
            self._lock.release()

    def __call__(self, environ: dict, start_response: Any) -> Any:
        if self.following:
            self._refresh()
        return self.current(environ, start_response)



def layout_chunks(dash_app: Any) -> list[str]:
    """The async chunks (paths in the dash package) of the components the layout mounts."""
    try:
        layout = dash_app.layout() if callable(dash_app.layout) else dash_app.layout
    except Exception:  # noqa: BLE001 - no preload is only slower
        layout = None
    return sorted({_CHUNKS[t] for t in _component_types(layout, set()) if t in _CHUNKS})


def _preload_links(dash_app: Any) -> str:
    """<link rel=preload> for plotly.js, the chunks of the components the layout mounts and the layout: fetched
    while the other scripts run instead of one after the other once the layout has rendered."""
    prefix = (dash_app.config.requests_pathname_prefix or "/").rstrip("/")
    urls = [plotly_bundle().url] + [f"{prefix}{SUITES}dash/{chunk}" for chunk in layout_chunks(dash_app)]
    # The renderer fetches these two (same-origin credentials, cors mode: `crossorigin` matches) only once
    # every script has run; preloaded, they arrive while the scripts are parsed.
    fetches = [f"{prefix}/_dash-layout", f"{prefix}/_dash-dependencies"]
    return "".join([f'<link rel="preload" as="script" href="{url}">' for url in urls]
                   + [f'<link rel="preload" as="fetch" crossorigin href="{url}">' for url in fetches])


def use_plotly_bundle(dash_app: Any) -> None:
    """dcc.Graph loads window._dashPlotlyJSURL when window.Plotly is missing; the renderer sets it to Dash's
    plotly.min.js unless `serve_locally` is false in its config, then to `plotlyjs_url`. The renderer reads
    `serve_locally` for nothing else (dash 4.4.1), and Python-side resources keep serving locally."""
    original_config = dash_app._config

    def config() -> dict:
        return {**original_config(), "serve_locally": False, "plotlyjs_url": plotly_bundle().url}

    dash_app._config = config
    original_index = dash_app.interpolate_index
    links: dict[str, str] = {}

    def interpolate_index(**kwargs: Any) -> str:
        page = original_index(**kwargs)
        if "html" not in links:
            links["html"] = _preload_links(dash_app)
        return page.replace("</head>", links["html"] + "\n</head>", 1)

    dash_app.interpolate_index = interpolate_index


def install(dash_app: Any, root: Path | None = None, compress: str = "background") -> Path:
    """Serve the page's static files from the tree (built or refreshed now); call last in create_app.

    `compress`: "background" writes the plain files now and their Brotli/gzip copies in a separate process
    (start_compressor), "now" waits for them (a tree built for nginx), "off" leaves them pending."""
    from app.security import ConfigError

    use_plotly_bundle(dash_app)
    root = root or static_root()
    try:
        build_tree(page_files(dash_app), root, compress=compress == "now")
        if compress == "background" and _read_manifest(root)["pending"]:
            dash_app.server.extensions["atlas_compressor"] = start_compressor(root)
    except OSError as error:
        raise ConfigError(f"{STATIC_ROOT_ENV}: cannot write the static files to {root} ({error.strerror}); "
                          "point it at a writable directory") from None
    server = dash_app.server
    security = server.extensions.get("atlas_security")  # its CSP is final: the index has been served
    headers = security.common_headers() if security is not None else None
    server.wsgi_app = make_static_server(server.wsgi_app, root, headers)
    server.extensions["atlas_static_root"] = root
    return root


if __name__ == "__main__":
    if sys.argv[1:2] == ["--compress"] and len(sys.argv) == 3:
        compress_pending(Path(sys.argv[2]))
    else:
        sys.exit("usage: python -m app.static_files --compress ROOT   (the page's tree: python -m app.server)")
