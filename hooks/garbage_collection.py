"""`mkdocs build`: what is alive when a language's build starts is frozen out of the cyclic
garbage collector's way (gc.freeze).

A build is one short process that keeps most of what it makes to the end (the configuration,
the templates, the pages and their search entries); CPython's full collections walk all of it
again each time, about a tenth of a second per build. Frozen objects are never collected; in a
build that ends in seconds this costs a little memory. `mkdocs serve` rebuilds for hours in one
process, where a frozen object of an old rebuild would never be freed: it is left alone.
"""

from __future__ import annotations

import gc

from mkdocs.config.defaults import MkDocsConfig

from sitebuild import build_mode


def on_config(config: MkDocsConfig) -> None:
    if not build_mode.serving:
        gc.freeze()

