"""What the index page's head tells a search engine or a link preview: the title and a description in the
page's language, and GET /robots.txt (Lighthouse's SEO audits: meta description, a valid robots.txt)."""

from __future__ import annotations

import html
import re
from typing import Any

from flask import Response

from app.i18n import _, gettext_for, language_from_request

TITLE = _("Sakhalin and the Kurils, 1905–1956")
DESCRIPTION = _("An interactive map of who held and who claimed South and North Sakhalin, the Kuril Islands, "
                "Shikotan and the Habomai islets from 1905 to 1956, under each treaty, draft and proposal, "
                "with a source for every status.")
# Crawlers may read the page and its data; the figure and lesson renders are made on demand (each costs a
# browser's CPU), so they are not for crawling.
ROBOTS_TXT = "User-agent: *\nDisallow: /export\nDisallow: /lesson/\nAllow: /\n"  # first match wins in some parsers
_TITLE_TAG = re.compile(r"<title>.*?</title>", re.S)


def head_tags(lang: str) -> str:
    t = gettext_for(lang)
    return f'<meta name="description" content="{html.escape(t(DESCRIPTION), quote=True)}">'


def install_head(dash_app: Any) -> None:
    """The index page's title and description in the language of its address; GET /robots.txt."""
    original = dash_app.interpolate_index

    def interpolate_index(**kwargs: Any) -> str:
        page = original(**kwargs)
        lang = language_from_request()
        title = html.escape(gettext_for(lang)(TITLE))
        page = _TITLE_TAG.sub(lambda _m: f"<title>{title}</title>", page, count=1)
        return page.replace("</head>", head_tags(lang) + "\n</head>", 1)

    dash_app.interpolate_index = interpolate_index

    @dash_app.server.route("/robots.txt", methods=["GET"])
    def robots_txt() -> Response:
        return Response(ROBOTS_TXT, mimetype="text/plain")
