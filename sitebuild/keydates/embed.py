"""The embeddable list: a small static page per language that an NGO puts in an iframe.
No script, nothing from another host, one style sheet of its own (the CSP allows nothing else)."""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path

from sitebuild.keydates.load import KeyDates
from sitebuild.keydates.texts import LABELS, when
from sitebuild.urls import EMBED_CSS, embed_path, page_path

CSS = (Path(__file__).parent / "embed.css").read_bytes()
CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'"


def _link(from_path: str, to_path: str) -> str:
    return posixpath.relpath(to_path, posixpath.dirname(from_path)) + ("/" if to_path.endswith("/") else "")


def embed_html(dates: KeyDates, lang: str) -> bytes:
    here = embed_path(lang)
    labels = LABELS[lang]
    items = "".join(
        f'<li><span class="when">{escape(when(e, lang))}</span> '
        f'<a href="{escape(_link(here, page_path(lang, e.page) or "./"))}" target="_blank" rel="noopener noreferrer">'
        f"{escape(e.texts[lang].title)}</a></li>\n"
        for e in dates.in_year_order()
    )
    calendar_page = _link(here, page_path(lang, "calendar/index.md"))
    return (
        "<!doctype html>\n"
        f'<html lang="{lang}">\n<head>\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'  # first, as on every page
        '<meta charset="utf-8">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(dates.calendar[lang].title)}</title>\n"
        f'<link rel="stylesheet" href="{_link(here, EMBED_CSS)}">\n</head>\n<body>\n'
        f"<h1>{escape(labels['embed_title'])}</h1>\n<ul>\n{items}</ul>\n"
        f'<p><a href="{calendar_page}" target="_blank" rel="noopener noreferrer">{escape(labels["embed_more"])}</a></p>\n'
        "</body>\n</html>\n"
    ).encode("utf-8")


def embed_snippet(url: str, title: str) -> str:
    """What an NGO pastes into its page: a sandboxed iframe that may only open links."""
    return (f'<iframe src="{escape(url)}" title="{escape(title)}" width="360" height="480" loading="lazy" '
            'referrerpolicy="no-referrer" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>')
