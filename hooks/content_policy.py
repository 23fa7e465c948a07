"""The content policy in MkDocs: the site's address is checked before anything is built, and every
page's rendered HTML is checked (sitebuild.content_policy) before it is written.

The Markdown sources, their front matter and the files of docs/ are checked earlier, with the
translations (hooks/translation_checks.py runs sitebuild.translations.check_docs). This hook
checks what the pages became: Markdown, attribute lists and the hooks' own fills included.
A thin adapter: the rules live in sitebuild.content_policy and sitebuild.site_config.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from sitebuild.content_policy import PolicyError, check_html
from sitebuild.site_config import ConfigValueError, check_quick_exit_url, check_site_url
from sitebuild.translations.pages import FENCE, CLOSING, read_text


def on_config(config: MkDocsConfig) -> None:
    """The addresses that reach every page: the site's own (canonical links, feeds) and the quick exit's."""
    try:
        config.site_url = check_site_url(config.site_url)
        check_quick_exit_url(config.extra.get("quick_exit", {}).get("url"))
    except ConfigValueError as error:
        raise PluginError(str(error)) from None


def _source(page: Page) -> tuple[Path, list[str], int]:
    """The page's file, its lines, and the line its body starts at."""
    file = Path(page.file.abs_src_path)
    lines = read_text(file).split("\n")
    start = 1
    if lines and FENCE.match(lines[0]):
        start = next((i + 2 for i in range(1, len(lines)) if CLOSING.match(lines[i])), 1)
    return file, lines, start


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    file, lines, start = _source(page)
    try:
        check_html(html, path=file, source_lines=lines, body_start=start)
    except PolicyError as error:
        raise PluginError(str(error)) from None
    return html
