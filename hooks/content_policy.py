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
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitebuild.content_policy import check_html, html_problems, page_problems
from sitebuild.site_config import ConfigValueError, check_quick_exit_url, check_site_url
from sitebuild.translations.pages import read_page
from sitebuild.yaml_lines import SourceError


def on_config(config: MkDocsConfig) -> None:
    """The addresses that reach every page: the site's own (canonical links, feeds) and the quick exit's."""
    try:
        config.site_url = check_site_url(config.site_url)
        check_quick_exit_url(config.extra.get("quick_exit", {}).get("url"))
    except ConfigValueError as error:
        raise PluginError(str(error)) from None


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    """The page as it will be published, held to the content policy; the source line is named
    where the offending text can be found in the page's Markdown."""
    if next(html_problems(html), None) is None:  # the usual case: no line to name, no source to read
        return html
    lang, path = page.file.src_uri.split("/", 1)
    try:
        source = read_page(Path(config.docs_dir), lang, path)  # the one front-matter reader
        check_html(html, path=source.file, source_lines=source.lines, body_start=source.body_start)
    except SourceError as error:
        raise PluginError(str(error)) from None
    return html


@event_priority(-50)  # after the other hooks' on_post_page: the page exactly as it is written
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """The whole published page, template and theme included: a last gate for what the CSP would
    block (an inline script, an event attribute) or what would call another host. It runs after
    the hooks that still change the page (hreflang, white space), on the text that is published."""
    for problem in page_problems(output):
        raise PluginError(f"{page.file.src_uri} (published as {page.url or './'}): {problem}. "
                          "This comes from a template or a hook (overrides/, hooks/), not from the page's text")
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The same gate for the theme's own pages (404.html, sitemap.xml)."""
    if template_name.endswith(".html"):
        for problem in page_problems(output_content):
            raise PluginError(f"{template_name}: {problem}. This comes from a template (overrides/)")
    return output_content
