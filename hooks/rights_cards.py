"""Pocket rights cards in MkDocs: the lawyer-review line on each card and the A4 print sheets.

A thin adapter around `sitebuild.rights_cards`. The card page (rights/cards.md in each language)
writes each card once; `<!-- card-review -->` on a card becomes "not yet reviewed by a lawyer —
<the page's `written` date>". Listed after hooks/search_index.py, so that the eight printed
copies of each face are not indexed for search. Strings: `rights_cards` in interface/<lang>.yml.
"""

from __future__ import annotations

from datetime import date

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.rights_cards import REVIEW_MARKER, CardsError, print_sheets, review_line


def _labels(config: MkDocsConfig) -> dict[str, str]:
    return config.extra["ui"][config.theme["language"]]["rights_cards"]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if REVIEW_MARKER not in markdown:
        return markdown
    written = page.meta.get("written")
    if not isinstance(written, date):
        raise PluginError(f"docs/{page.file.src_uri}: the cards need `written: YYYY-MM-DD` in the front matter "
                          "(the date shown as 'not yet reviewed by a lawyer — <date>')")
    line = review_line(written, config.theme["language"], _labels(config)["review"])
    return markdown.replace(REVIEW_MARKER, line)


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if 'class="card-face' not in html:
        return html
    labels = _labels(config)
    try:
        return print_sheets(html, front=labels["front"], back=labels["back"], hint=labels["sheet_hint"])
    except CardsError as error:
        raise PluginError(f"docs/{page.file.src_uri}: {error}") from None
