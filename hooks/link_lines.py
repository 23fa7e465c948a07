"""Dead links and anchors reported with their line (sitebuild.link_lines): MkDocs' own link
validation gives the page and the link, this adds the line of the Markdown file."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.link_lines import LinkLineFilter

LOGGER = logging.getLogger("mkdocs.structure.pages")


def on_config(config: MkDocsConfig) -> None:
    for old in [f for f in LOGGER.filters if isinstance(f, LinkLineFilter)]:
        LOGGER.removeFilter(old)
    LOGGER.addFilter(LinkLineFilter(Path(config.docs_dir)))
