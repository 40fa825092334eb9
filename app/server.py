"""The composition root: `create_app` builds the Dash app, a fresh one per call (each test gets its own).

    python -m app.server [DIR]     build the page's static tree (default build/static, $ATLAS_STATIC_ROOT), e.g.
                                   for nginx on another host (app/static_files.py, docs/deploy.md)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from dash import Dash

from app import ASSETS_DIR, __version__, ids
from app.api import register_api
from app.data import load_engine
from app.export.routes import register_export_routes
from app.health import register_health
from app.help import help_content
from app.i18n import install as install_i18n
from app.layout import build_layout
from app.lessons.routes import register_lesson_routes
from app.page.boot import install_boot
from app.page.dialogs import keys_content
from app.page.fragments import register_fragment_routes
from app.page.head import TITLE, install_head
from app.page.share import register_qr_route
from app.security import apply_security
from app.static_files import STATIC_ROOT_ENV, compress_pending
from app.static_files import install as install_static_files
from callbacks import register_callbacks


def create_app(frame_ancestors: str | list[str] | None = None) -> Dash:
    """Build the Dash app: load and validate the data, lay out the page, register callbacks and routes.

    `frame_ancestors`: who may embed the page (default $ATLAS_FRAME_ANCESTORS, else 'self').
    Raises DataFileError (or a subclass) when a data file is broken, so callers can stop cleanly.
    """
    engine = load_engine()
    app = Dash(
        "app",
        title=TITLE,  # in the page's language: app/page/head.py
        assets_folder=str(ASSETS_DIR),
        compress=True,
        serve_locally=True,
        update_title=None,
        # Every language's layout has the same ids, so Dash need not ship a 480 KB validation
        # layout inside every index page (measured: it dominated GET / under load).
        suppress_callback_exceptions=True,
    )
    install_i18n(app, lambda lang: build_layout(engine, lang))  # the layout in the URL's lang=
    install_head(app)  # the title and description in the page's language, /robots.txt
    install_boot(app, engine)  # the index page carries the state its address asks for (app/mapstate.py)
    register_callbacks(app, engine)
    register_api(app.server, engine)
    register_health(app.server, engine, __version__)
    register_export_routes(app.server, engine)
    register_lesson_routes(app.server, engine)
    register_qr_route(app.server)
    register_fragment_routes(app.server, {ids.HELP_FRAGMENT: lambda lang: help_content(engine, lang),
                                          ids.KEYS_FRAGMENT: keys_content})  # Help and "?" on first use
    apply_security(app, frame_ancestors)  # after every inline script: the CSP hashes them on first request
    install_static_files(app)  # last: it requests the index page to learn what the page loads
    return app


def main(argv: list[str] | None = None) -> int:
    """Build the static tree: the app is made once, which writes it (app/static_files.py install)."""
    args = argv if argv is not None else sys.argv[1:]
    if args:
        os.environ[STATIC_ROOT_ENV] = str(Path(args[0]).resolve())
    app = create_app()
    root = app.server.extensions["atlas_static_root"]
    compress_pending(root)  # nginx serves the tree itself: wait for its Brotli/gzip copies
    print(f"static tree: {root}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
