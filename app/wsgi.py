"""WSGI entry for gunicorn (`gunicorn app.wsgi:server`); a broken data file stops start-up with its message."""

import sys

from app import DataFileError, create_app

try:
    app = create_app()
except DataFileError as error:
    sys.exit(f"Cannot start: {error}")
server = app.server
