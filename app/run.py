"""`make run`: the development server on http://127.0.0.1:8050, on the committed data."""

import os
import sys

from app import DataFileError
from app.security import ConfigError
from app.server import create_app


def main() -> None:
    try:
        app = create_app()
    except (DataFileError, ConfigError) as error:
        sys.exit(f"Cannot start: {error}")
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")), debug=False)


if __name__ == "__main__":
    main()
