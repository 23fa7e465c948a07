"""The QR code of a feed URL, as SVG made at build time with segno (nothing is fetched when
the page is shown; no inline style, so the strict CSP holds)."""

from __future__ import annotations

import io

import segno

SCALE = 4  # pixels per module: 33 modules for our URLs, about 150 px with the border
BORDER = 4  # the quiet zone the QR standard asks for


def qr_svg(url: str, *, title: str) -> bytes:
    """Black modules on a white square (readable in dark mode too), with an accessible title."""
    code = segno.make(url, error="m", micro=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=SCALE, border=BORDER, dark="#000", light="#fff",
              xmldecl=False, svgclass="feed-qr", lineclass=None, title=title)
    return out.getvalue() + b"\n"


def qr_size(url: str) -> int:
    """Width and height of the SVG, in pixels (the page's <img> gives them, so nothing jumps)."""
    return segno.make(url, error="m", micro=False).symbol_size(scale=SCALE, border=BORDER)[0]
