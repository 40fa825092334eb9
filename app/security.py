"""Security and cache headers for every response of the Dash/Flask server (see docs/deploy.md).

`apply_security(app)` is called once by `create_app` after the layout and every callback exist.
It adds an `after_request` hook that sets:

* Content-Security-Policy: only the app's own origin. Dash's index page carries one executable
  inline script (`var renderer = new DashRenderer(...)`) and possibly inline clientside callbacks;
  they are allowed by their sha256 hashes (`Dash.csp_hashes()`), never by 'unsafe-inline'.
  plotly.js injects `<style>` elements at run time (its modebar/hover CSS), so `style-src` needs
  'unsafe-inline' (styles cannot run code). `img-src data: blob:` is for plotly's "download plot"
  (it rasterises an SVG data: URL in an <img> and hands a blob: URL to the download link).
  `frame-ancestors` is the configurable list of sites that may embed the map
  (ATLAS_FRAME_ANCESTORS, default 'self').
* X-Content-Type-Options: nosniff, Referrer-Policy: same-origin, Permissions-Policy (no camera,
  microphone, geolocation…), Cross-Origin-Opener-Policy and -Resource-Policy: same-origin,
  X-Frame-Options: SAMEORIGIN when only 'self' may embed (old browsers; CSP frame-ancestors wins).
* Cache-Control:
  - Dash component bundles with a fingerprint in the path (`.v4_4_1m…js`) and /assets files
    requested with Dash's `?m=<mtime>` parameter: `public, max-age=31536000, immutable` (the URL
    changes when the file does).
  - /assets files without `?m=` (plotly fetches the topojson stubs by bare name): one day.
  - /api/download/* (layers.geojson, dataset.json, statuses.csv): an ETag of the body (computed
    once per process: the data is static per deployment), `public, max-age=3600`, and 304 on a
    matching If-None-Match; with `?v=<etag>` (the ETag value without quotes) the URL is
    content-addressed: one year, immutable.
  - /_dash-update-component and /healthz: `no-store`; everything else (the page, /_dash-layout,
    the JSON API): `no-cache` (revalidate every time, so a new deployment is picked up at once).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Iterable
from typing import Any

import brotli
from flask import Flask, Response, g, request

FRAME_ANCESTORS_ENV = "ATLAS_FRAME_ANCESTORS"
ONE_YEAR = 31_536_000
IMMUTABLE = f"public, max-age={ONE_YEAR}, immutable"

# A CSP source expression we accept for frame-ancestors: 'self', 'none', or scheme://host[:port]
# (host may start with "*."). Nothing that could end the directive (; , quotes, spaces).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})"
_ORIGIN_RE = re.compile(rf"^https?://(\*\.)?{_LABEL}(?:\.{_LABEL})*(?::\d{{1,5}})?$")
_KEYWORDS = {"self": "'self'", "'self'": "'self'", "none": "'none'", "'none'": "'none'"}
PERMISSIONS_POLICY = ("camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                      "interest-cohort=()")
_COMPRESS_SUFFIXES = ("", ":gzip", ":br", ":deflate", ":zstd")


class ConfigError(ValueError):
    """A deployment setting (environment variable) is invalid; the message names it."""


def parse_frame_ancestors(value: str | Iterable[str] | None) -> list[str]:
    """Validate the list of origins allowed to embed the app; default ["'self'"].

    Accepts a string separated by spaces and/or commas, or an iterable of strings. Raises
    ConfigError naming the bad entry (the app refuses to start rather than send a broken header).
    """
    if value is None:
        return ["'self'"]
    items = re.split(r"[\s,]+", value.strip()) if isinstance(value, str) else list(value)
    out: list[str] = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        keyword = _KEYWORDS.get(item.lower())
        if keyword:
            token = keyword
        elif _ORIGIN_RE.match(item.rstrip("/")):
            token = item.rstrip("/")
        else:
            raise ConfigError(
                f"{FRAME_ANCESTORS_ENV}: {item!r} is not an origin like https://school.example "
                f"(or 'self' / 'none')")
        if token not in out:
            out.append(token)
    if not out:
        return ["'self'"]
    if "'none'" in out and len(out) > 1:
        raise ConfigError(f"{FRAME_ANCESTORS_ENV}: 'none' cannot be combined with other origins")
    return out


def content_security_policy(script_hashes: Iterable[str], frame_ancestors: Iterable[str]) -> str:
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", *script_hashes]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:", "blob:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", list(frame_ancestors)),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def _json_error(message: str, status: int = 400) -> Response:
    body = json.dumps({"error": message}, ensure_ascii=False)
    return Response(body, status=status, mimetype="application/json")


def _same_id(sent: Any, declared: str) -> bool:
    """A sent input id against the declared one (a wildcard id is declared as its JSON)."""
    if isinstance(sent, str):
        return sent == declared
    if not isinstance(sent, dict) or not declared.startswith("{"):
        return False
    try:
        pattern = json.loads(declared)
    except ValueError:
        return False
    if set(sent) != set(pattern):
        return False
    return all(isinstance(v, list) or sent[k] == v for k, v in pattern.items())


def _matches(sent: Any, declared: dict) -> bool:
    """One item of `inputs`/`state` as Dash expects it for the declared dependency."""
    wildcard = str(declared["id"]).startswith("{") and '["' in str(declared["id"])
    items = sent if wildcard else [sent]
    if not isinstance(items, list):
        return False
    for item in items:
        if not (isinstance(item, dict) and item.get("property") == declared["property"]
                and _same_id(item.get("id"), str(declared["id"]))):
            return False
    return True


def check_callback_request(dash_app: Any, body: Any) -> str | None:
    """Why a /_dash-update-component body is malformed, or None when Dash can dispatch it.

    Dash itself answers 500 with a KeyError/TypeError traceback for a body that names no callback
    or carries the wrong number or shape of inputs; a client (or an attacker) sending such a body
    gets 400 instead, and the callbacks only ever see the inputs they declared (values may still
    be anything JSON allows: the callbacks must cope with those).
    """
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' must be a string"
    spec = dash_app.callback_map.get(output)
    if spec is None or not callable(spec.get("callback")):
        return "no server callback has this output"
    outputs = body.get("outputs")
    n_out = len(output[2:-2].split("...")) if output.startswith("..") else 1
    outs = outputs if isinstance(outputs, list) else [outputs]
    if (output.startswith("..") != isinstance(outputs, list) or len(outs) != n_out
            or not all(isinstance(o, dict) and isinstance(o.get("property"), str)
                       and isinstance(o.get("id"), (str, dict)) for o in outs)):
        return "'outputs' does not match the callback's outputs"
    for group in ("inputs", "state"):
        sent = body.get(group, [])
        declared = spec.get(group) or []
        if not isinstance(sent, list) or len(sent) != len(declared):
            return f"'{group}' must list the callback's {len(declared)} {group}"
        if not all(_matches(s, d) for s, d in zip(sent, declared, strict=True)):
            return f"'{group}' does not match the callback's {group}"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    if not isinstance(body.get("parsedChangedPropsIds", []), list):
        return "'parsedChangedPropsIds' must be a list"
    return None


class _Security:
    def __init__(self, dash_app: Any, frame_ancestors: list[str]) -> None:
        self.dash_app = dash_app
        self.frame_ancestors = frame_ancestors
        self._csp: str | None = None
        self._etags: dict[str, str] = {}
        assets = str(getattr(dash_app.config, "assets_url_path", "assets")).strip("/")
        self.assets_prefix = f"/{assets}/"
        self.routes_prefix = str(dash_app.config.requests_pathname_prefix or "/")
        # Bodies fixed per process, served from memory after the first request (see before_request).
        self._bodies: dict[str, tuple[bytes, dict[str, str]]] = {}
        self.callback_path = f"{self.routes_prefix}_dash-update-component"
        self.layout_path = f"{self.routes_prefix}_dash-layout"
        self.fixed_exact = {f"{self.routes_prefix}_dash-dependencies", self.layout_path}
        self._layouts: dict[int, Any] = {}  # id -> layout object (kept alive: ids stay unique)
        self._lock = threading.Lock()

    @property
    def csp(self) -> str:
        # Computed on first use: every inline clientside callback is registered by then.
        if self._csp is None:
            with self._lock:
                if self._csp is None:
                    hashes = self.dash_app.csp_hashes()
                    self._csp = content_security_policy(hashes, self.frame_ancestors)
        return self._csp

    def _etag_for(self, response: Response) -> str:
        key = request.path
        tag = self._etags.get(key)
        if tag is None:
            tag = hashlib.sha256(response.get_data()).hexdigest()[:32]
            with self._lock:
                if len(self._etags) < 256:  # bounded: only the few download URLs land here
                    self._etags[key] = tag
        return tag

    def _not_modified(self, tag: str) -> bool:
        wanted = request.if_none_match
        return wanted.star_tag or any(wanted.contains(tag + sfx) for sfx in _COMPRESS_SUFFIXES)

    def _fixed(self) -> bool:
        path = request.path
        return request.method in ("GET", "HEAD") and (
            path in self.fixed_exact or path.startswith("/api/download/"))

    def before_request(self) -> Response | None:
        if request.method == "POST" and request.path == self.callback_path:
            body = request.get_json(silent=True)
            problem = check_callback_request(self.dash_app, body)
            return _json_error(f"bad callback request: {problem}") if problem else None
        rule = request.url_rule
        if request.path.startswith("/api/") and rule is not None and "<path:" in rule.rule:
            # Dash's catch-all would answer the page (200 HTML) for a mistyped API URL
            return _json_error("no such API endpoint (see docs/api.md)", status=404)
        return self._fixed_body()

    def _body_key(self) -> str | None:
        """The key of a fixed body: the path; for a layout function, the path and which layout.

        A layout function (e.g. one layout per language) is called (cheap when it returns a
        prebuilt tree) and the body is cached per returned object: the object is kept alive with
        the entry so its id cannot be reused; at most 16 such layouts, then no more caching.
        """
        path = request.path
        if path != self.layout_path or not callable(self.dash_app.layout):
            return path
        try:
            layout = self.dash_app.layout()
        except Exception:  # noqa: BLE001 - let Dash answer (and report) it
            return None
        key = f"{path}#{id(layout)}"
        if id(layout) not in self._layouts:
            with self._lock:
                if len(self._layouts) >= 16:
                    return None
                self._layouts[id(layout)] = layout
        return key

    def _fixed_body(self) -> Response | None:
        """Answer /_dash-layout, /_dash-dependencies and /api/download/* from memory.

        Dash serialises the whole layout (the paint table and the figure: 0.5 MB of JSON) on every
        request, ~50-200 ms of CPU per page load; the downloads cost as much. The data and the
        layout are fixed once the process has started, so the first body is kept (key: the path,
        see _body_key; the query string is ignored by these routes) and served again.
        """
        if not self._fixed():
            return None
        key = self._body_key()
        g.atlas_body_key = key
        if key is None:
            return None
        cached = self._bodies.get(key)
        if cached is None:
            return None
        body, headers = cached
        tag = headers.get("ETag", "").strip('"')
        if tag and self._not_modified(tag):  # a warm page load revalidates the layout: 304, not 66 KB again
            return Response(status=304, headers={"ETag": headers["ETag"]})
        return Response(body, status=200, headers=headers)

    def _remember(self, response: Response) -> None:
        key = g.get("atlas_body_key")
        if (key is None or key in self._bodies or response.status_code != 200
                or response.is_streamed or "Content-Encoding" in response.headers
                or request.method != "GET"):
            return
        keep = {k: v for k, v in response.headers.items()
                if k.lower() in ("content-type", "content-disposition")}
        body = response.get_data()
        if request.path in self.fixed_exact:  # the downloads get theirs in _cache
            keep["ETag"] = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
            response.headers["ETag"] = keep["ETag"]
        with self._lock:
            self._bodies.setdefault(key, (body, keep))

    def after_request(self, response: Response) -> Response:
        if self._fixed():
            self._remember(response)
        response.headers.update(self.common_headers())
        if request.path in (self.routes_prefix, self.layout_path) and "lang" not in request.args:
            response.vary.add("Accept-Language")  # an address without lang= opens in the browser's language
        return self._cache(response)

    def common_headers(self) -> dict[str, str]:
        """The headers of every response (app.static_files puts them on the static files too)."""
        headers = {
            "Content-Security-Policy": self.csp,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "same-origin",
            "Permissions-Policy": PERMISSIONS_POLICY,
            "Cross-Origin-Opener-Policy": "same-origin",
            "Cross-Origin-Resource-Policy": "same-origin",
        }
        if self.frame_ancestors == ["'self'"]:
            headers["X-Frame-Options"] = "SAMEORIGIN"
        elif self.frame_ancestors == ["'none'"]:
            headers["X-Frame-Options"] = "DENY"
        return headers

    def _cache(self, response: Response) -> Response:
        path = request.path
        status = response.status_code
        if path.startswith(self.routes_prefix + "_dash-component-suites/"):
            if status == 200 and response.cache_control.max_age:  # Dash saw a fingerprint
                response.headers["Cache-Control"] = IMMUTABLE
            elif "Cache-Control" not in response.headers:
                response.headers["Cache-Control"] = "no-cache"
            return response
        if path.startswith(self.assets_prefix):
            if status in (200, 304) and "m" in request.args:
                response.headers["Cache-Control"] = IMMUTABLE
            elif status in (200, 304):
                response.headers["Cache-Control"] = "public, max-age=86400"
            else:
                response.headers["Cache-Control"] = "no-store"
            return response
        downloads = path.startswith("/api/download/") and request.method in ("GET", "HEAD")
        if downloads and status == 200:
            tag = self._etag_for(response)
            version = request.args.get("v")
            cache = IMMUTABLE if version == tag else "public, max-age=3600"
            if self._not_modified(tag):
                drop = ("content-length", "content-type", "content-disposition")
                keep = {k: v for k, v in response.headers.items() if k.lower() not in drop}
                response = Response(status=304)
                response.headers.update(keep)
                response.headers["Cache-Control"] = cache
                response.headers["ETag"] = f'"{tag}"'
                return response
            response.set_etag(tag)
            response.headers["Cache-Control"] = cache
            return response
        if path.startswith(self.routes_prefix + "_dash-update-component") or path == "/healthz":
            response.headers["Cache-Control"] = "no-store"
            return response
        if "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-cache"
        return response


class _CompressedCache:
    """In-memory cache of compressed bodies for flask-compress, for responses fixed per process.

    flask-compress would otherwise gzip plotly.min.js (4.8 MB) and /_dash-layout (0.4 MB) again for
    every page load (~50-150 ms of CPU each), and also for a revalidation that ends in 304. Only
    paths whose body depends on the path alone are cached (component bundles, /assets, the static
    layout and callback map, /api/download/*); the key ignores the query string, so random
    parameters cannot grow it, and it stops storing beyond `max_bytes`.
    """

    SKIP = "-"
    RECOMPRESS_OVER = 16_384

    def __init__(self, prefixes: tuple[str, ...], exact: tuple[str, ...], max_bytes: int) -> None:
        self.prefixes, self.exact, self.max_bytes = prefixes, exact, max_bytes
        self._data: dict[str, bytes] = {}
        self._size = 0
        self._lock = threading.Lock()

    def key(self, req: Any) -> str:
        path = req.path
        if req.method != "GET":
            return self.SKIP
        if path in self.exact:
            return g.get("atlas_body_key") or self.SKIP  # set by _Security._fixed_body
        if path.startswith(self.prefixes):
            return path
        return self.SKIP

    def get(self, key: str) -> bytes | None:
        return self._data.get(key)

    def set(self, key: str, value: bytes) -> None:
        if key.endswith(";" + self.SKIP) or key in self._data:
            return
        if key.startswith("br;") and len(value) > self.RECOMPRESS_OVER:
            # compressed once per process, so at Brotli's best (the layout: 98 KB at level 4, 66 KB at 11)
            value = brotli.compress(brotli.decompress(value), quality=11)
        with self._lock:
            if self._size + len(value) <= self.max_bytes:
                self._data[key] = value
                self._size += len(value)


def tune_compression(dash_app: Any, max_bytes: int = 64 * 2**20) -> bool:
    """Cache compressed static bodies and compress GeoJSON/CSV downloads too (see _CompressedCache).

    Works on the flask-compress instance Dash registered (`compress=True`); returns False if none.
    """
    server: Flask = dash_app.server
    compress = next((f.__self__ for f in server.after_request_funcs.get(None, [])
                     if type(getattr(f, "__self__", None)).__name__ == "Compress"), None)
    if compress is None:
        return False
    prefix = str(dash_app.config.requests_pathname_prefix or "/")
    assets = str(getattr(dash_app.config, "assets_url_path", "assets")).strip("/")
    exact = (f"{prefix}_dash-dependencies", f"{prefix}_dash-layout")
    cache = _CompressedCache((f"{prefix}_dash-component-suites/", f"/{assets}/", "/api/download/", "/fragment/"),
                             exact, max_bytes)
    compress.cache = cache
    compress.cache_key = cache.key
    # Brotli first when the browser takes several (Chromium sends "gzip, deflate, br, zstd"): the smallest
    # bodies for the cached ones (see _CompressedCache.set); callbacks' small replies at level 4 cost ~nothing.
    compress.enabled_algorithms = ("br", "zstd", "gzip", "deflate")
    compress.compress_mimetypes_set |= {"application/geo+json", "text/csv"}
    return True


def apply_security(dash_app: Any, frame_ancestors: str | Iterable[str] | None = None) -> None:
    """Install the security/cache header hook on `dash_app.server`.

    `frame_ancestors` defaults to the ATLAS_FRAME_ANCESTORS environment variable, else 'self'.
    Call after every callback is registered (the CSP hashes the inline scripts on first request).
    """
    if frame_ancestors is None:
        frame_ancestors = os.environ.get(FRAME_ANCESTORS_ENV)
    server: Flask = dash_app.server
    sec = _Security(dash_app, parse_frame_ancestors(frame_ancestors))
    server.extensions["atlas_security"] = sec
    # Flask runs after_request hooks in reverse order of registration: this one runs before
    # flask-compress (registered by Dash earlier), so ETags are computed on the plain body.
    server.before_request(sec.before_request)
    server.after_request(sec.after_request)
    tune_compression(dash_app)


def warm_caches(dash_app: Any) -> int:
    """Fill the body and compression caches once, e.g. in gunicorn's master before the fork
    (`--preload`), so every worker starts with them (shared copy-on-write). Returns the count of
    URLs warmed; errors are ignored (a cold cache is only slower)."""
    from app.i18n import DEFAULT_LANG, LANGUAGES

    server: Flask = dash_app.server
    client = server.test_client()
    prefix = str(dash_app.config.requests_pathname_prefix or "/")
    try:
        index = client.get(prefix).get_data(as_text=True)
    except Exception:  # noqa: BLE001
        return 0
    urls = re.findall(r'(?:src|href)="(/[^"]+)"', index)
    urls += [f"{prefix}_dash-layout", f"{prefix}_dash-dependencies", "/api/download/layers.geojson"]
    # the layout in every language (chosen by the page's URL, sent as the Referer)
    pages = [None] + [f"http://localhost{prefix}?lang={lang}" for lang in LANGUAGES if lang != DEFAULT_LANG]
    done = 0
    for url in dict.fromkeys(urls):
        for referer in pages if url == f"{prefix}_dash-layout" else [None]:
            for encoding in ("gzip, deflate, br, zstd", "gzip, deflate", "identity"):
                headers = {"Accept-Encoding": encoding, **({"Referer": referer} if referer else {})}
                try:
                    client.get(url, headers=headers)
                except Exception:  # noqa: BLE001
                    break
        done += 1
    return done
