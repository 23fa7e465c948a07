"""Translations in MkDocs: check every page's front matter, language and links, the data files'
texts and the term base; fill the status page.

A thin adapter around the plain-Python `sitebuild.translations` package. The status page asks for its
tables with the marker <!-- translation-status --> on a line of its own. `mkdocs serve` watches
docs/ itself (every language), so an edit to any page rebuilds the site and runs the checks again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.urls import path_in_language
from sitebuild.translations import (PageStatus, check_data, check_docs, check_terms, checked_files, fingerprint,
                                    render_page, translation_status)
from sitebuild.yaml_lines import SourceError

if TYPE_CHECKING:  # loaded by `mkdocs serve` only (watchdog, http.server)
    from mkdocs.livereload import LiveReloadServer

MARKER = "<!-- translation-status -->"
# mkdocs-static-i18n runs on_config once per language: the pages are checked once per change.
_checked: tuple[tuple, list[PageStatus]] | None = None


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> None:
    """Check every page of every language, the data files and the terms before anything is built."""
    global _checked
    project = _project(config)
    key = fingerprint(config.docs_dir, checked_files(project))
    if _checked is not None and _checked[0] == key:
        return
    try:
        pages = check_docs(config.docs_dir)
        findings = check_terms(project, pages, check_data(project))
    except SourceError as error:
        raise PluginError(str(error)) from None
    if findings:
        raise PluginError(f"{len(findings)} term(s) that glossary/terms.yaml says to avoid (one word for one thing):\n"
                          + "\n".join(f"  {finding}" for finding in findings))
    _checked = (key, translation_status(pages, changes=True))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if MARKER not in markdown or _checked is None:
        return markdown
    path = path_in_language(page.file.src_uri)
    return markdown.replace(MARKER, render_page(_checked[1], config.theme["language"], page=path))


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> None:
    for file in checked_files(_project(config)):
        if file.exists():
            server.watch(str(file))
