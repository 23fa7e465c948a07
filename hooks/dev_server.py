"""`mkdocs serve`: a failed rebuild shows its message in the browser instead of a request that
never ends, and live reload works under the strict CSP (sitebuild.dev_server).

MkDocs 1.6 (pinned) calls `server.builder()` for each rebuild and `server._inject_js_into_html`
for each page it serves; both are replaced on this server object only.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.dev_server import reload_tag, show_error, with_reload_tag, write_livereload

if TYPE_CHECKING:  # the server's modules (watchdog, http.server) are loaded by `mkdocs serve` only
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.dev_server")


class _Collect(logging.Handler):
    """The warnings and errors of one build, for the error page."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
    if getattr(server, "_site_dev_server", False):
        return server
    server._site_dev_server = True
    build, site_dir = server.builder, Path(server.root)

    def build_or_show_error() -> None:
        collect = _Collect()
        logging.getLogger("mkdocs").addHandler(collect)
        try:
            build()
        except (Exception, SystemExit) as error:  # PluginError, Abort (strict), ConfigurationError, …
            messages = [*collect.messages, str(error) or type(error).__name__]
            log.error("The site is not updated; the browser shows this message until the next good build.")
            show_error(site_dir, "\n".join(dict.fromkeys(messages)))
        finally:
            logging.getLogger("mkdocs").removeHandler(collect)
            write_livereload(site_dir)

    def inject(content: bytes, epoch: int) -> bytes:
        return with_reload_tag(content, reload_tag(server.mount_path, epoch, time.monotonic_ns()))

    server.builder = build_or_show_error
    server._inject_js_into_html = inject
    write_livereload(site_dir)
    return server
