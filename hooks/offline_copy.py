"""Offline copies in MkDocs: after each language is built, zip it to offline/<lang>.zip, and
fill the <!-- offline-download --> marker with a link to it.

A thin adapter around the plain-Python `sitebuild.offline` module.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from sitebuild.output import write_files
from sitebuild.offline import offline_zip
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


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = config.theme["language"]
    site = Path(config.site_dir)
    write_files({zip_path(lang): offline_zip(site, lang)}, site)
