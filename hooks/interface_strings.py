"""Interface strings in MkDocs: read interface/<lang>.yml into `extra.ui` for the templates.

A thin adapter around `sitebuild.interface`. Material's own strings are looked up through
overrides/partials/language.html, which reads the same dictionary, so each language's interface
is one file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from sitebuild.interface import INTERFACE_DIR, InterfaceError, load_interface

if TYPE_CHECKING:  # loaded by `mkdocs serve` only (watchdog, http.server)
    from mkdocs.livereload import LiveReloadServer


def _project(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_config(config: MkDocsConfig) -> None:
    try:
        config.extra["ui"] = load_interface(_project(config))
    except InterfaceError as error:
        raise PluginError(str(error)) from None


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> None:
    server.watch(str(_project(config) / INTERFACE_DIR))
