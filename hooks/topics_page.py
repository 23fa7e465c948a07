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


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    if page.content is None or MARKER not in page.content:
        return context
    entries = []
    for other in nav.pages:
        if other is page:
            continue
        top = list(other.toc)
        # the page's own title (h1) holds its sections; a page may also start at h2
        links = [child for link in top for child in link.children] if len(top) == 1 and top[0].level == 1 else top
        entries.append(Entry(other.title or "", other.url, _sections(links)))
    page.content = page.content.replace(MARKER, render(entries, page.url))
    return context
