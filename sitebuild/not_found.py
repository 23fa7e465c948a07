"""What each language's 404 page offers: a way to that language's home and help pages.

Plain Python, no MkDocs import. The default language's page, served by GitHub Pages for every
missing address (whatever its language), offers every language, its own first; another language's
page offers its own.
"""

from __future__ import annotations

from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES
from sitebuild.urls import page_path

NOT_FOUND = "404.html"
HELP_PAGE = "help.md"


def not_found_path(lang: str) -> str:
    """Where a language's 404 page is written: "404.html", "ky/404.html"."""
    return NOT_FOUND if lang == DEFAULT_LANGUAGE else f"{lang}/{NOT_FOUND}"


def not_found_links(lang: str) -> list[dict[str, str]]:
    """For each language the 404 page of `lang` speaks: its code, home and help paths from the site root."""
    spoken = [lang, *(other for other in LANGUAGES if other != lang)] if lang == DEFAULT_LANGUAGE else [lang]
    return [{"lang": code, "home": page_path(code, "index.md"), "help": page_path(code, HELP_PAGE)}
            for code in spoken]
