"""The Sakhalin–Kurils atlas: a Dash app built by a factory so every test gets a fresh app."""

from __future__ import annotations

from pathlib import Path

from dash import Dash

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ASSETS_DIR = PROJECT_ROOT / "assets"
GEODATA_DIR = PROJECT_ROOT / "geodata"

__version__ = "0.1.0"


class DataFileError(Exception):
    """A committed data file is broken; the message names the file, the item and the field."""


def create_app(frame_ancestors: str | list[str] | None = None) -> Dash:
    """Build the Dash app: load and validate the data, lay out the page, register callbacks and API.

    `frame_ancestors`: who may embed the page (default $ATLAS_FRAME_ANCESTORS, else 'self').
    Raises DataFileError (or a subclass) when a data file is broken, so callers can stop cleanly.
    """
    from app.api import register_api
    from app.data import load_engine
    from app.export.routes import register_export_routes
    from app.health import register_health
    from app.i18n import install as install_i18n
    from app.layout import build_layout
    from app.lessons.routes import register_lesson_routes
    from app.security import apply_security
    from app.static_files import install as install_static_files
    from callbacks import register_callbacks

    engine = load_engine()
    app = Dash(
        __name__,
        title="Sakhalin and the Kurils, 1905–1956",
        assets_folder=str(ASSETS_DIR),
        compress=True,
        serve_locally=True,
        update_title=None,
        # Every language's layout has the same ids, so Dash need not ship a 480 KB validation
        # layout inside every index page (measured: it dominated GET / under load).
        suppress_callback_exceptions=True,
    )
    install_i18n(app, lambda lang: build_layout(engine, lang))  # the layout in the URL's lang=
    register_callbacks(app, engine)
    register_api(app.server, engine)
    register_health(app.server, engine, __version__)
    register_export_routes(app.server, engine)
    register_lesson_routes(app.server, engine)
    apply_security(app, frame_ancestors)  # after every inline script: the CSP hashes them on first request
    install_static_files(app)  # last: it requests the index page to learn what the page loads
    return app
