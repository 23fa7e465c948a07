"""The glossary page in MkDocs: check glossary/terms.yaml and render it in the page's language.

A thin adapter around the plain-Python `sitebuild.glossary` module. The page asks for the terms with
the marker <!-- glossary --> on a line of its own; the terms are HTML already and go into the
rendered page (before the hooks that check and index it), not through Markdown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.glossary import TERMS_FILE, GlossaryError, Term, ids, letters, load_terms, render

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


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if MARKER not in html:
        return html
    lang = config.theme["language"]
    jump = letters(_terms, lang, config.extra["ui"][lang]["glossary_letters"])
    # MkDocs checks links to glossary.md#<id> against the anchors it found while rendering
    page.present_anchor_ids = (page.present_anchor_ids or set()) | ids(_terms)
    return html.replace(MARKER, f"{jump}\n{render(_terms, lang)}")


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> None:
    server.watch(str(_terms_file(config)))
