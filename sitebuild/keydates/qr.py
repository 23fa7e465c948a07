"""The QR code of a feed URL, as SVG made at build time with segno (nothing is fetched when
the page is shown; no inline style, so the strict CSP holds)."""

from __future__ import annotations

import io
from functools import lru_cache

import segno

SCALE = 4  # pixels per module: 33 modules for our URLs, about 150 px with the border
BORDER = 4  # the quiet zone the QR standard asks for


@lru_cache(maxsize=8)  # made once per URL: the page gives its size, the build writes its SVG
def _code(url: str) -> segno.QRCode:
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, title: str) -> bytes:
    """Black modules on a white square (readable in dark mode too), with an accessible title."""
    out = io.BytesIO()
    _code(url).save(out, kind="svg", scale=SCALE, border=BORDER, dark="#000", light="#fff",
                    xmldecl=False, svgclass="feed-qr", lineclass=None, title=title)
    return out.getvalue() + b"\n"


def qr_size(url: str) -> int:
    """Width and height of the SVG, in pixels (the page's <img> gives them, so nothing jumps)."""
    return _code(url).symbol_size(scale=SCALE, border=BORDER)[0]
