"""Translations in MkDocs: check every page's front matter, language and links; fill the status page.

A thin adapter around the plain-Python `sitebuild.translations` package. The status page asks for its
tables with the marker <!-- translation-status --> on a line of its own. `mkdocs serve` watches
docs/ itself (every language), so an edit to any page rebuilds the site and runs the checks again.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.urls import path_in_language
from sitebuild.yaml_lines import SourceError
from sitebuild.translations import PageStatus, TranslationError, check_docs, fingerprint, render_page, translation_status

MARKER = "<!-- translation-status -->"
# mkdocs-static-i18n runs on_config once per language: the pages are checked once per change.
_checked: tuple[tuple, list[PageStatus]] | None = None


def on_config(config: MkDocsConfig) -> None:
    """Check every page of every language before anything is built."""
    global _checked
    key = fingerprint(config.docs_dir)
    if _checked is not None and _checked[0] == key:
        return
    try:
        pages = check_docs(config.docs_dir)
    except SourceError as error:  # TranslationError, or PolicyError of the content policy
        raise PluginError(str(error)) from None
    _checked = (key, translation_status(pages))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if MARKER not in markdown or _checked is None:
        return markdown
    path = path_in_language(page.file.src_uri)
    return markdown.replace(MARKER, render_page(_checked[1], config.theme["language"], page=path))
