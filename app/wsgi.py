"""WSGI entry for gunicorn (`gunicorn -c gunicorn.conf.py app.wsgi:server`, see docs/deploy.md).

A broken data file or an invalid setting (e.g. ATLAS_FRAME_ANCESTORS) stops start-up with its
message.
Debug stays off: nothing here calls app.run(debug=True) or enable_dev_tools().
"""

import sys

from app import DataFileError
from app.security import ConfigError, warm_caches
from app.server import create_app

try:
    app = create_app()
except (DataFileError, ConfigError) as error:
    sys.exit(f"Cannot start: {error}")
warm_caches(app)  # in gunicorn's master (preload): every forked worker starts with warm caches
server = app.server
