"""The topics index: every section (h2, h3) of every page of one language, grouped by page, as
links — the way to a section when search is not there (no JavaScript, an offline copy).

Plain Python, no MkDocs import: hooks/topics_page.py gives it each page's title, address and
table of contents, in the order of the site's navigation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape, unescape

from sitebuild.urls import relative

MARKER = "<!-- topics -->"
TOPICS_PAGE = "topics.md"
DEEPEST = 3  # h2 and h3


@dataclass(frozen=True)
class Section:
    title: str  # plain text (HTML entities allowed: they are decoded, then escaped again)
    anchor: str
    level: int
    children: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class Entry:
    title: str
    path: str  # site-relative URL path of the page: "ky/rights/police/"
    sections: list[Section]


def _text(title: str) -> str:
    return escape(unescape(title), quote=False)


def _sections(sections: list[Section], here: str, path: str) -> str:
    items = []
    for section in sections:
        if section.level > DEEPEST:
            continue
        inner = _sections(section.children, here, path)
        items.append(f'<li><a href="{escape(relative(here, path))}#{escape(section.anchor)}">{_text(section.title)}</a>{inner}</li>')
    return f"<ul>{''.join(items)}</ul>" if items else ""


def render(entries: list[Entry], here: str) -> str:
    """HTML for the topics page at `here` (its URL path): one heading per page, its sections under it."""
    parts = ['<div class="topics">']
    for entry in entries:
        parts.append(f'<h2><a href="{escape(relative(here, entry.path) or "./")}">{_text(entry.title)}</a></h2>')
        parts.append(_sections(entry.sections, here, entry.path))
    parts.append("</div>")
    return "\n".join(part for part in parts if part)
