"""The site's search index in MkDocs: collect each built page's text, write search/<lang>.json.

A thin adapter around the plain-Python `sitebuild.search` module. mkdocs-static-i18n builds each
language in turn into its own directory (site/, site/ky/, site/kk/); every build writes only
its own language's index, so a reader downloads one language. The index carries the glossary's
abbreviations, their expansions and the variants it tells translators to avoid (sitebuild.abbreviations). A page that is not translated
yet (built from docs/ru under /ky/) is indexed under the language it is served in.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild import build_mode
from sitebuild.abbreviations import synonym_groups
from sitebuild.glossary import TERMS_FILE, GlossaryError, load_terms
from sitebuild.search import Page as IndexPage
from sitebuild.search import index_text, page_from_html
from sitebuild.output import write_files

INDEX_DIR = "search"
# Kept in sitebuild.build_mode: `mkdocs serve` loads this module anew for every rebuild.
_pages: dict[str, dict[str, IndexPage]] = build_mode.kept.setdefault("search_pages", {})  # type: ignore[assignment]
_terms: dict[str, list[tuple[str, tuple[str, ...]]]] = {}  # language -> the glossary's (term, variants to avoid)
# language -> ((its pages, synonyms), its index as written)
_made: dict[str, tuple[tuple, bytes]] = build_mode.kept.setdefault("search_indexes", {})  # type: ignore[assignment]


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def on_config(config: MkDocsConfig) -> None:
    """Read the glossary's terms (hooks/glossary_page.py reports a broken file; then no synonyms)."""
    _terms.clear()
    try:
        terms = load_terms(Path(config.config_file_path).parent / TERMS_FILE)
    except GlossaryError:
        return
    for term in terms:
        for lang, text in term.words.items():
            _terms.setdefault(lang, []).append((text, term.avoid.get(lang, ())))


def on_pre_build(*, config: MkDocsConfig) -> None:
    if build_mode.serving:
        # `mkdocs serve --dirty` renders only the pages that changed: keep the others' entries.
        _pages.setdefault(_language(config), {})
    else:
        _pages[_language(config)] = {}


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    entry = page_from_html(page.url, page.title or "", html)
    _pages.setdefault(_language(config), {})[page.url] = entry
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = _language(config)
    pages, synonyms = list(_pages.get(lang, {}).values()), synonym_groups(_terms.get(lang, []))
    made = _made.get(lang)
    if made is None or made[0] != (pages, synonyms):  # `mkdocs serve`: a language nobody edited keeps its index
        made = _made[lang] = ((pages, synonyms), index_text(lang, pages, synonyms).encode("utf-8"))
    write_files({f"{INDEX_DIR}/{lang}.json": made[1]}, Path(config.site_dir))
