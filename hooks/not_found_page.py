"""The 404 page in each language: /404.html (the default language, with the others under it),
/ky/404.html, /kk/404.html.

mkdocs-static-i18n builds every language into the same site directory, and each build writes the
theme's 404.html to the root. The default language's build keeps it there; every other build's
page is taken before it is written and saved under its own language folder instead. The links
each page offers come from `sitebuild.not_found` (overrides/404.html shows them).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.not_found import NOT_FOUND, not_found_links, not_found_path
from sitebuild.output import write_files

_pages: dict[str, str] = {}


def on_pre_build(*, config: MkDocsConfig) -> None:
    config.theme.static_templates.add(NOT_FOUND)
    config.extra["not_found"] = not_found_links(config.theme["language"])


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    lang = config.theme["language"]
    if template_name != NOT_FOUND or lang == DEFAULT_LANGUAGE:
        return output_content
    _pages[lang] = output_content
    return ""  # an empty page is not written (to the root)


def on_post_build(*, config: MkDocsConfig) -> None:
    lang = config.theme["language"]
    if lang in _pages:
        write_files({not_found_path(lang): _pages.pop(lang).encode("utf-8")}, Path(config.site_dir))
