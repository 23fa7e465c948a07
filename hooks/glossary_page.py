"""The glossary page in MkDocs: check glossary/terms.yaml and render it in the page's language.

A thin adapter around the plain-Python `sitebuild.glossary` module. The page asks for the terms with
the marker <!-- glossary --> on a line of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.glossary import TERMS_FILE, GlossaryError, Term, letters, load_terms, render

if TYPE_CHECKING:  # loaded by `mkdocs serve` only (watchdog, http.server)
    from mkdocs.livereload import LiveReloadServer

MARKER = "<!-- glossary -->"
_terms: list[Term] = []


def _terms_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / TERMS_FILE


def on_config(config: MkDocsConfig) -> None:
    global _terms
    try:
        _terms = load_terms(_terms_file(config))
    except GlossaryError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if MARKER not in markdown:
        return markdown
    lang = config.theme["language"]
    jump = letters(_terms, lang, config.extra["ui"][lang]["glossary_letters"])
    return markdown.replace(MARKER, f"{jump}\n\n{render(_terms, lang)}")


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> None:
    server.watch(str(_terms_file(config)))
