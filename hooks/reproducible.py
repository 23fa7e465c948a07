"""The same sources give the same site on any day: MkDocs dates its pages and the gzip header of
sitemap.xml.gz by the build clock unless SOURCE_DATE_EPOCH is set, so it is set (to the epoch,
or whatever a release pipeline set it to). The sitemap itself has no <lastmod> (overrides/sitemap.xml).
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig

FIXED_EPOCH = "0"


def on_config(config: MkDocsConfig) -> None:
    os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
