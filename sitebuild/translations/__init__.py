"""Translators' workflow: check every page of docs/ru, docs/ky and docs/kk, and say which
translations are reviewed, drafts, stale or missing.

Plain Python, no MkDocs import (the hook hooks/translation_checks.py and the command line
`python -m sitebuild.translations` call it). Rules of a page's front matter:
  every page       title (required, text), description (text), legal_review ("not yet" or
                   "reviewed"; needs `written`), written (a date, YYYY-MM-DD)
  ky and kk pages  translation (required: "draft" or "reviewed"), source_hash (the hash of the
                   Russian page the translation was made from, written by `python -m sitebuild.translations mark`)
A Kyrgyz or Kazakh page must be in its language (translations.script), must have a Russian
original at the same path, and must not link to pages that exist only in Russian
(translations.links). Before any page, the files of docs/ are checked (sitebuild.docs_files); each
page's title, description and body are held to the content policy (translations.policy). The first
defect found is raised as TranslationError (or PolicyError): file, line, problem.
"""

from __future__ import annotations

from pathlib import Path

from sitebuild.docs_files import check_docs_files
from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES
from sitebuild.translations.policy import check_page_policy
from sitebuild.translations.links import check_links
from sitebuild.translations.pages import Page, TranslationError, check_front_matter, read_page
from sitebuild.translations.script import check_script
from sitebuild.translations.status import PageStatus, render_page, render_text, source_hash, translation_status

__all__ = ["Page", "PageStatus", "TranslationError", "check_docs", "fingerprint", "page_paths", "render_page", "render_text",
           "source_hash", "translation_status"]


def page_order(path: str) -> tuple:
    """Top-level pages first (the home page first), then each folder, its index page first."""
    *folders, name = path.split("/")
    return (bool(folders), folders, name != "index.md", name)


def page_paths(docs: Path, lang: str) -> list[str]:
    """The Markdown pages of docs/<lang>, as paths inside it, in page_order."""
    base = docs / lang
    return sorted((p.relative_to(base).as_posix() for p in base.rglob("*.md")), key=page_order)


def fingerprint(docs: Path | str) -> tuple:
    """Changes whenever a page is added, removed or saved: lets a caller skip checking twice."""
    files = sorted(Path(docs).rglob("*"))  # every file: docs_files rejects more than pages
    return tuple((str(f), f.lstat().st_mtime_ns, f.lstat().st_size) for f in files)


def check_docs(docs: Path | str) -> dict[str, dict[str, Page]]:
    """Read and check every page; return language -> page path -> Page. Raises TranslationError."""
    docs = Path(docs)
    if not (docs / DEFAULT_LANGUAGE).is_dir():
        raise TranslationError(docs / DEFAULT_LANGUAGE, None, "the Russian pages' folder is missing")
    check_docs_files(docs)
    pages: dict[str, dict[str, Page]] = {}
    for lang in LANGUAGES:
        pages[lang] = {}
        for path in page_paths(docs, lang) if (docs / lang).is_dir() else []:
            page = read_page(docs, lang, path)
            check_front_matter(page)
            check_page_policy(page)
            if lang != DEFAULT_LANGUAGE and path not in pages[DEFAULT_LANGUAGE]:
                raise TranslationError(page.file, 1, f"there is no Russian page docs/{DEFAULT_LANGUAGE}/{path}: "
                                                     "a translation has the same path as its Russian original")
            check_script(page)
            check_links(page, docs)
            pages[lang][path] = page
    return pages
