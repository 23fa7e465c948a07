"""The help directory in MkDocs: check help/services.yaml, fill the help page, the memos and cards.

A thin adapter around the plain-Python `sitebuild.help_directory` package. Pages ask for content
with a marker on a line of its own:
  <!-- help-directory -->     every organisation by country and city (help page)
  <!-- emergency-numbers -->  the emergency numbers of every country (help page)
    (both may name the countries to show first: <!-- help-directory: kg ru -->)
  <!-- help: kz -->          the organisations of one country with a verified contact (memos)
  <!-- emergency: kz -->     one country's emergency numbers on one line (rights cards)
Runs after hooks/interface_strings.py, whose strings (`help_directory`) it uses.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.help_directory.load import SERVICES_FILE, Directory, ServicesError, load_services
from sitebuild.help_directory.render import country_part, directory_page, emergency_list
from sitebuild.urls import path_in_language

if TYPE_CHECKING:  # loaded by `mkdocs serve` only (watchdog, http.server)
    from mkdocs.livereload import LiveReloadServer

MARKER = re.compile(r"^<!-- ((help-directory|emergency-numbers)(?:: ([a-z0-9 -]+))?|help: ([a-z0-9-]+)|emergency: ([a-z0-9-]+)) -->[ \t]*$",
                    re.M)
LEFTOVER = re.compile(r"<!--\s*(?:help|emergency)[^>]*-->")
_directory: Directory | None = None


def _services_file(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / SERVICES_FILE


def _where(page: Page, marker: str) -> str:
    """docs/<page>:<line> of a marker, for the message."""
    source = Path(page.file.abs_src_path).read_text(encoding="utf-8")
    index = source.find(marker.strip())
    line = f":{source[:index].count(chr(10)) + 1}" if index >= 0 else ""
    return f"docs/{page.file.src_uri}{line}"


def on_config(config: MkDocsConfig) -> None:
    """Load and check the directory before each language is built, before anything is written."""
    global _directory
    try:
        _directory = load_services(_services_file(config))
    except ServicesError as error:
        raise PluginError(str(error)) from None


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if "<!-- " not in markdown or _directory is None:
        return markdown
    directory, lang = _directory, config.theme["language"]
    labels = config.extra["ui"][lang]["help_directory"]
    path = path_in_language(page.file.src_uri)

    def fill(match: re.Match[str]) -> str:
        whole, first, help_country, emergency_country = match[2], match[3], match[4], match[5]
        first = tuple((first or "").split())
        for country in (*first, help_country or emergency_country):
            if country is not None and country not in directory.countries:
                raise PluginError(f"{_where(page, match[0])}: the marker names the unknown country '{country}' "
                                  f"(known in {SERVICES_FILE}: {', '.join(directory.countries)})")
        if whole == "help-directory":
            return directory_page(directory, lang, labels, first=first)
        if whole == "emergency-numbers":
            return emergency_list(directory, lang, first=first)
        if help_country:
            return country_part(directory, help_country, lang, labels, page=path)
        if emergency_country not in directory.emergency:
            raise PluginError(f"{_where(page, match[0])}: {SERVICES_FILE} has no emergency numbers for '{emergency_country}'")
        return emergency_list(directory, lang, countries=[emergency_country], css="card-numbers")

    filled = MARKER.sub(fill, markdown)
    if leftover := LEFTOVER.search(filled):
        raise PluginError(f"{_where(page, leftover[0])}: '{leftover[0]}' is not a marker this site knows: write it on a "
                          "line of its own, e.g. <!-- help: kz --> or <!-- emergency-numbers -->")
    return filled


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> None:
    server.watch(str(_services_file(config)))
