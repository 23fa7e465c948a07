"""The topics index page in MkDocs: fill the <!-- topics --> marker of topics.md with every section of
every page of the language, and give the templates its address (the link shown, without
JavaScript, where the search field would be).

A thin adapter around the plain-Python `sitebuild.topics` module. The marker is filled when the
page goes into its template: by then every page of the language has its table of contents.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink

from sitebuild.topics import MARKER, TOPICS_PAGE, Entry, Section, render
from sitebuild.urls import page_path


def on_pre_build(*, config: MkDocsConfig) -> None:
    config.extra["topics_path"] = page_path(config.theme["language"], TOPICS_PAGE)


def _sections(links: list[AnchorLink]) -> list[Section]:
    return [Section(link.title, link.id, link.level, _sections(link.children)) for link in links]


# The sections of every page of the last navigation read (a language's build): one topics page or
# several (a site may copy it) read them once.
_read: tuple[Navigation, list[tuple[Page, Entry]]] | None = None


def _entries(nav: Navigation) -> list[tuple[Page, Entry]]:
    global _read
    if _read is None or _read[0] is not nav:
        entries = []
        for other in nav.pages:
            top = list(other.toc)
            # the page's own title (h1) holds its sections; a page may also start at h2
            links = [child for link in top for child in link.children] if len(top) == 1 and top[0].level == 1 else top
            entries.append((other, Entry(other.title or "", other.url, _sections(links))))
        _read = (nav, entries)
    return _read[1]


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content is None or MARKER not in page.content:
        return context
    entries = [entry for other, entry in _entries(nav) if other is not page]
    page.content = page.content.replace(MARKER, render(entries, page.url))
    return context
