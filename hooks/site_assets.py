"""Deploy only what the pages use: one purged stylesheet, one script, no unused Material files.

A thin adapter around `sitebuild.site_assets`. Material's JavaScript bundle, lunr, the search
worker and source maps are never copied (no page loads them). Once every language is built
(mkdocs-static-i18n builds the other languages from inside the default language's
on_post_build, at priority -100), the pages' stylesheets become one purged file, their scripts one minified file, and the files
under assets/ that nothing refers to are removed. Each page is written without the templates'
indentation. `mkdocs serve` skips all this (a preview loads the stylesheets as they are, see
sitebuild.build_mode).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from sitebuild import build_mode
from sitebuild.site_assets import MATERIAL_UNUSED, collapse_whitespace, deploy_assets

log = get_plugin_logger(__name__)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    for file in [f for f in files if MATERIAL_UNUSED.search(f.dest_uri)]:
        files.remove(file)
    return files


def on_post_page(output: str, *, page: object, config: MkDocsConfig) -> str:
    return output if build_mode.serving else collapse_whitespace(output)


def whole_site_built(config: MkDocsConfig) -> bool:
    """True in the on_post_build (priority below -100) that follows the last language's build."""
    i18n = config.plugins.get("i18n")
    return not getattr(i18n, "building", False)


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not whole_site_built(config):
        return
    site, base = Path(config.site_dir), urlsplit(config.site_url or "/").path or "/"
    if build_mode.serving:
        return
    deploy_assets(site, base)
