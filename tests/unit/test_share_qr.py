"""Share's QR code is drawn from the link the browser sends (app/page/share.py), for links to this site only."""

from __future__ import annotations

from urllib.parse import quote

import segno
from flask import Flask

from app.page.share import MAX_LINK, QR_PATH, qr_svg, register_qr_route


def client():
    server = Flask("share-qr")
    register_qr_route(server)
    return server.test_client()


def test_stat131_the_qr_code_encodes_the_link_it_was_given():
    link = "http://localhost/?date=1956-10-19&pov=japan&unit=shikotan&lang=ja"
    response = client().get(f"{QR_PATH}?link={quote(link, safe='')}")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.get_data() == qr_svg(link)
    assert qr_svg(link) != qr_svg(link + "&diff=1")
    # segno's own matrix of that very link (version and size), drawn as the route's SVG
    assert f'width="{(segno.make(link, error="m").symbol_size(scale=6, border=2))[0]}"' in qr_svg(link).decode()


def test_stat132_only_links_to_this_site():
    c = client()
    assert c.get(f"{QR_PATH}?link={quote('https://example.org/?date=1945-09-05', safe='')}").status_code == 400
    assert c.get(QR_PATH).status_code == 400
    long = "http://localhost/?" + "x" * MAX_LINK
    assert c.get(f"{QR_PATH}?link={quote(long, safe='')}").status_code == 400
