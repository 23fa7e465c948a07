"""Absolute hreflang alternates with an x-default on every page (a thin adapter around
`sitebuild.hreflang`; the page's absolute URL comes from site_url)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild.hreflang import absolute_alternates
from sitebuild.languages import DEFAULT_LANGUAGE


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    if not page.canonical_url:
        return output
    return absolute_alternates(output, page.canonical_url, DEFAULT_LANGUAGE)
