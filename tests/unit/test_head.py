"""The index page's head and /robots.txt (app/page/head.py): Lighthouse's SEO basics, in every language."""

from __future__ import annotations

import functools
import html
import re
import urllib.robotparser

from app.i18n import translate
from app.mapstate import LANGS
from app.page.head import DESCRIPTION, TITLE


@functools.lru_cache(maxsize=1)
def client():
    from app.server import create_app

    return create_app().server.test_client()


def test_head001_each_language_has_its_own_title_and_description():
    seen = set()
    for lang in LANGS:
        page = client().get(f"/?lang={lang}&date=1945-09-05").get_data(as_text=True)
        descriptions = re.findall(r'<meta name="description" content="([^"]+)">', page)
        titles = re.findall(r"<title>([^<]*)</title>", page)
        assert descriptions == [html.escape(translate(DESCRIPTION, lang), quote=True)], lang
        assert titles == [html.escape(translate(TITLE, lang))], lang
        assert len(html.unescape(descriptions[0])) >= 50
        seen.add(descriptions[0])
    assert len(seen) == len(LANGS)  # translated, not English four times


def test_head002_robots_txt_is_valid_and_lets_the_map_be_read_but_not_the_renders():
    got = client().get("/robots.txt")
    assert got.status_code == 200 and got.mimetype == "text/plain"
    lines = got.get_data(as_text=True).splitlines()
    assert all(re.fullmatch(r"(User-agent|Allow|Disallow): \S+", line) for line in lines), lines
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(lines)
    assert parser.can_fetch("*", "/?date=1951-09-08&lang=ja") and parser.can_fetch("*", "/api/events")
    assert not parser.can_fetch("*", "/export?format=svg") and not parser.can_fetch("*", "/lesson/start?tour=key")
