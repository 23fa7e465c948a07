"""The site's search index in MkDocs: collect each built page's text, write search/<lang>.json.

A thin adapter around the plain-Python `sitebuild.search` module. mkdocs-static-i18n builds each
language in turn into its own directory (site/, site/ky/, site/kk/); every build writes only
its own language's index, so a reader downloads one language. A page that is not translated
yet (built from docs/ru under /ky/) is indexed under the language it is served in.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild.search import Page as IndexPage
from sitebuild.search import build_index, dumps, page_from_html
from sitebuild.output import write_files

INDEX_DIR = "search"
_pages: dict[str, dict[str, IndexPage]] = {}


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def on_pre_build(*, config: MkDocsConfig) -> None:
    _pages[_language(config)] = {}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    entry = page_from_html(page.url, page.title or "", html)
    _pages.setdefault(_language(config), {})[page.url] = entry
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = _language(config)
    index = build_index(lang, list(_pages.get(lang, {}).values()))
    write_files({f"{INDEX_DIR}/{lang}.json": dumps(index).encode("utf-8")}, Path(config.site_dir))
