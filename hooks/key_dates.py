"""Key dates in MkDocs: check calendar/dates.yaml, fill the calendar pages, write the feeds.

A thin adapter: the work is done by the plain-Python `sitebuild.keydates` package.
Pages ask for generated content with a marker on a line of its own:
  <!-- key-dates -->          short list of all dates (home page)
  <!-- key-dates-full -->     every date with origin and "add to calendar" (calendar page)
  <!-- calendar-subscribe --> feed URL, copy button, one-click links per client, QR code (calendar page)
  <!-- calendar-organiser --> the organiser feed (with preparation reminders)
  <!-- calendar-topics -->    one feed per category
  <!-- calendar-data -->      dates.json and the embeddable list with its iframe snippet
  <!-- year-view -->          twelve month grids for `extra.calendar_year` (year page)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild import build_mode
from sitebuild.keydates.files import feed_files
from sitebuild.keydates.load import DatesError, KeyDates, load_dates
from sitebuild.keydates.lock import check_lock, lock_path
from sitebuild.keydates.pages import (SWIT_CHAPTER_PAGES, data_block, key_dates_full, key_dates_list, organiser_block,
                                      subscribe_block, topics_block, year_view)
from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.output import write_files
from sitebuild.site_config import ConfigValueError, check_calendar_year
from sitebuild.translations.pages import TranslationError, read_page
from sitebuild.urls import path_in_language

if TYPE_CHECKING:  # loaded by `mkdocs serve` only (watchdog, http.server)
    from mkdocs.livereload import LiveReloadServer

DATES_FILE = "calendar/dates.yaml"
YEAR_VIEW = "<!-- year-view -->"
SUBSCRIBE = "<!-- calendar-subscribe -->"
ANCHOR = re.compile(r'\sid="([^"]+)"')  # in the blocks this module writes (attributes in double quotes)
_dates: KeyDates | None = None
# language -> ((dates, site URL), its calendar files); kept in sitebuild.build_mode, since
# `mkdocs serve` loads this module anew for every rebuild.
_made: dict[str, tuple[tuple, dict[str, bytes]]] = build_mode.kept.setdefault("calendar_files", {})  # type: ignore[assignment]


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _language(config: MkDocsConfig) -> str:
    return config.theme["language"]


def on_config(config: MkDocsConfig) -> None:
    """Load and check the dates before each language is built, before anything is written."""
    global _dates
    docs = Path(config.docs_dir)
    try:
        check_calendar_year(config.extra.get("calendar_year"))
    except ConfigValueError as error:
        raise PluginError(str(error)) from None
    try:
        _dates = load_dates(_root(config) / DATES_FILE, page_exists=lambda page, lang: (docs / lang / page).is_file())
        check_lock(_dates, lock_path(_root(config) / DATES_FILE))
    except DatesError as error:
        raise PluginError(str(error)) from None


def _chapter_titles(config: MkDocsConfig, lang: str) -> dict[int, str]:
    """Each SWIT chapter's title in `lang` (the Russian one where it is not translated), read by the
    one front-matter reader of the translation checks (which have checked these pages already)."""
    docs, titles = Path(config.docs_dir), {}
    for number, page in SWIT_CHAPTER_PAGES.items():
        where = lang if (docs / lang / page).is_file() else DEFAULT_LANGUAGE
        try:
            titles[number] = read_page(docs, where, page).meta["title"]
        except TranslationError as error:
            raise PluginError(str(error)) from None
    return titles


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if "<!-- " not in markdown or _dates is None:
        return markdown
    lang = _language(config)
    path = path_in_language(page.file.src_uri)
    fills = {
        "<!-- key-dates -->": lambda: key_dates_list(_dates, lang, page=path),
        "<!-- key-dates-full -->": lambda: key_dates_full(_dates, lang, page=path),
    }
    if SUBSCRIBE in markdown:
        page.meta["copy_button"] = True  # overrides/main.html then loads its script
    for marker, fill in fills.items():
        if marker in markdown:
            markdown = markdown.replace(marker, fill())
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    """The HTML blocks go into the rendered page, not through Markdown (whose raw-HTML parser
    would only pass them on): the marker, an HTML comment, is in the page as written."""
    if "<!-- " not in html or _dates is None:
        return html
    lang = _language(config)
    path = path_in_language(page.file.src_uri)
    fills = {
        SUBSCRIBE: lambda: subscribe_block(_dates, lang, page=path, site_url=config.site_url),
        "<!-- calendar-organiser -->": lambda: organiser_block(_dates, lang, site_url=config.site_url),
        "<!-- calendar-topics -->": lambda: topics_block(_dates, lang, site_url=config.site_url),
        "<!-- calendar-data -->": lambda: data_block(_dates, lang, page=path, site_url=config.site_url),
        YEAR_VIEW: lambda: year_view(_dates, lang, config.extra["calendar_year"], page=path,
                                     chapter_titles=_chapter_titles(config, lang)),
    }
    for marker, fill in fills.items():
        if marker in html:
            block = fill()
            # MkDocs checks links to calendar/index.md#<id> against the anchors it found while rendering
            page.present_anchor_ids = (page.present_anchor_ids or set()) | set(ANCHOR.findall(block))
            html = html.replace(marker, block)
    return html


def on_post_build(*, config: MkDocsConfig) -> None:
    """Write this language's calendar files (mkdocs-static-i18n builds each language; the
    default language's build also writes dates.json). `mkdocs serve` computes them again only
    when the dates or the site's address changed."""
    if _dates is None:
        return
    lang, made = _language(config), _made.get(_language(config))
    if made is None or made[0] != (_dates, config.site_url):
        made = _made[lang] = ((_dates, config.site_url), feed_files(_dates, site_url=config.site_url, languages=(lang,)))
    write_files(made[1], Path(config.site_dir))


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> None:
    server.watch(str(_root(config) / DATES_FILE))
