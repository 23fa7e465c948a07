"""Offline copies in MkDocs: once every language is built, zip each to offline/<lang>.zip, and
fill the <!-- offline-download --> marker with a link to it.

A thin adapter around the plain-Python `sitebuild.offline` module. The zips are made after
hooks/site_assets.py has bundled the stylesheets (lower priority: later), so that they hold
the pages as deployed. `mkdocs serve` makes no zips (sitebuild.build_mode).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitebuild import build_mode
from sitebuild.languages import LANGUAGES
from sitebuild.output import write_files
from sitebuild.offline import offline_zips
from sitebuild.urls import page_path, path_in_language, relative

MARKER = "<!-- offline-download -->"


def zip_path(lang: str) -> str:
    return f"offline/{lang}.zip"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: object) -> str:
    if MARKER not in markdown:
        return markdown
    lang = config.theme["language"]
    here = page_path(lang, path_in_language(page.file.src_uri))
    label = config.extra["ui"][lang]["offline_download"]
    return markdown.replace(MARKER, f'<a href="{relative(here, zip_path(lang))}" download>{label}</a>')


@event_priority(-300)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins.get("i18n")
    if getattr(i18n, "building", False) or build_mode.serving:
        return
    site = Path(config.site_dir)
    write_files({zip_path(lang): content for lang, content in offline_zips(site, LANGUAGES).items()}, site)
