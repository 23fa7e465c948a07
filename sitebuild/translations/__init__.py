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

Translators also edit texts outside docs/: the data files (DATA_FILES) and the interface strings.
`check_data` holds the Kyrgyz and Kazakh texts of the data files to the same language rules as
pages; `check_terms` finds, in all of these texts, every variant the term base
(glossary/terms.yaml) says to avoid (translations.terms).
"""

from __future__ import annotations

from pathlib import Path

from sitebuild.docs_files import check_docs_files
from sitebuild.glossary import TERMS_FILE, load_terms
from sitebuild.interface import interface_file
from sitebuild.languages import CONFIG_FILE, DEFAULT_LANGUAGE, LANGUAGES, site_texts
from sitebuild.translations.policy import check_page_policy
from sitebuild.translations.links import check_links
from sitebuild.translations.pages import Page, TranslationError, check_front_matter, page_of, read_text
from sitebuild.translations.script import check_script, check_texts
from sitebuild.translations.status import PageStatus, render_page, render_text, source_hash, translation_status
from sitebuild.translations.terms import Finding, Source, find_avoided, page_source, text_source
from sitebuild.yaml_lines import Text, texts_by_language

__all__ = ["DATA_FILES", "Finding", "Page", "PageStatus", "TranslationError", "check_data", "check_docs", "check_terms",
           "fingerprint", "page_paths", "render_page", "render_text", "source_hash", "translation_status"]

# Data files with texts in every language, relative to the project folder. A file that does not
# exist is left out (help/services.yaml: the help page's data, where a deployment has it).
DATA_FILES = (Path("calendar/dates.yaml"), TERMS_FILE, Path("help/services.yaml"))


def page_order(path: str) -> tuple:
    """Top-level pages first (the home page first), then each folder, its index page first."""
    *folders, name = path.split("/")
    return (bool(folders), folders, name != "index.md", name)


def page_paths(docs: Path, lang: str) -> list[str]:
    """The Markdown pages of docs/<lang>, as paths inside it, in page_order."""
    base = docs / lang
    return sorted((p.relative_to(base).as_posix() for p in base.rglob("*.md")), key=page_order)


def fingerprint(docs: Path | str, others: tuple[Path, ...] = ()) -> tuple:
    """Changes whenever a file of docs/ (or one of `others`) is added, removed or saved: lets a
    caller skip checking twice. Every file of docs/, not only pages: docs_files rejects more."""
    files = sorted(Path(docs).rglob("*")) + [f for f in others if f.exists()]
    return tuple((str(f), f.lstat().st_mtime_ns, f.lstat().st_size) for f in files)


def checked_files(project: Path) -> tuple[Path, ...]:
    """The files outside docs/ that check_data and check_terms read."""
    return (*(project / f for f in DATA_FILES), *(interface_file(project, lang) for lang in LANGUAGES),
            project / CONFIG_FILE.name)


def check_data(project: Path, data_files: tuple[Path, ...] = DATA_FILES) -> dict[Path, list[Text]]:
    """Read the data files' texts and check the Kyrgyz and Kazakh ones are in their language, as
    pages are; return file -> its texts. Raises TranslationError (or the file's SourceError)."""
    texts = {}
    for name in data_files:
        file = project / name
        if file.exists():
            texts[file] = texts_by_language(file, LANGUAGES)
            check_texts(file, texts[file])
    return texts


def check_terms(project: Path, pages: dict[str, dict[str, Page]], data: dict[Path, list[Text]]) -> list[Finding]:
    """Every avoided variant (glossary/terms.yaml) in the pages, the interface strings, the
    languages' texts in mkdocs.yml and the data files (files that do not exist are left out:
    the build checks elsewhere that the ones it needs are there)."""
    if not (project / TERMS_FILE).exists():
        return []
    found_in: list[Source] = [page_source(page) for by_path in pages.values() for page in by_path.values()]
    config = project / CONFIG_FILE.name
    site = site_texts(config) if config.exists() else []
    for lang in LANGUAGES:
        if interface_file(project, lang).exists():
            found_in.append(text_source(interface_file(project, lang), lang,
                                        texts_by_language(interface_file(project, lang), (), lang=lang)))
        found_in.append(text_source(config, lang, site))
        found_in += [text_source(file, lang, texts) for file, texts in data.items()]
    return find_avoided(load_terms(project / TERMS_FILE), found_in)


# The pages the last check_docs passed, by what their checks read: the page's text and the
# files docs/ holds (links, originals). `mkdocs serve` checks again only the page that was saved.
_passed: dict[tuple, Page] = {}


def check_docs(docs: Path | str) -> dict[str, dict[str, Page]]:
    """Read and check every page; return language -> page path -> Page. Raises TranslationError."""
    global _passed
    docs = Path(docs)
    if not (docs / DEFAULT_LANGUAGE).is_dir():
        raise TranslationError(docs / DEFAULT_LANGUAGE, None, "the Russian pages' folder is missing")
    check_docs_files(docs)
    tree = tuple(sorted(str(p) for p in docs.rglob("*")))
    pages: dict[str, dict[str, Page]] = {}
    passed: dict[tuple, Page] = {}
    for lang in LANGUAGES:
        pages[lang] = {}
        for path in page_paths(docs, lang) if (docs / lang).is_dir() else []:
            text = read_text(docs / lang / path)
            key = (str(docs), lang, path, text, tree)
            page = _passed.get(key) or _check_page(docs, page_of(docs / lang / path, lang, path, text), pages)
            pages[lang][path] = passed[key] = page
    _passed = passed
    return pages


def _check_page(docs: Path, page: Page, pages: dict[str, dict[str, Page]]) -> Page:
    lang, path = page.lang, page.path
    check_front_matter(page)
    check_page_policy(page)
    if lang != DEFAULT_LANGUAGE and path not in pages[DEFAULT_LANGUAGE]:
        raise TranslationError(page.file, 1, f"there is no Russian page docs/{DEFAULT_LANGUAGE}/{path}: "
                                             "a translation has the same path as its Russian original")
    check_script(page)
    check_links(page, docs)
    return page
