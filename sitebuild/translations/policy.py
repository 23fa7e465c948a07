"""The content policy (sitebuild.content_policy) applied to one page: its title and description
are plain text of a bounded length, its body is Markdown with the allowed raw HTML only.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

from sitebuild.content_policy import check_markdown, check_plain
from sitebuild.translations.pages import Page

# Longest texts that reach the reader as they are (the nav, the browser tab, search results).
LIMITS = {"title": 120, "description": 300}


def check_page_policy(page: Page) -> None:
    """Raise PolicyError at the first line of the page that breaks the content policy."""
    for key, limit in LIMITS.items():
        if isinstance(page.meta.get(key), str):
            check_plain(page.meta[key], path=page.file, line=page.line_of(key), what=f"'{key}'", limit=limit)
    body = "\n".join(page.lines[page.body_start - 1:])
    check_markdown(body, path=page.file, first_line=page.body_start)
