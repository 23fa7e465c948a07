"""A fast preview for translators: what `mkdocs serve` rebuilds after a save, and a template cache.

- on_startup records the command (sitebuild.build_mode): while serving, other hooks skip the
  offline zips and the stylesheet bundle.
- When a rebuild of `mkdocs serve` follows a save in docs/ky or docs/kk only, only that language
  is built again (mkdocs-static-i18n always builds the default language first; with `--dirty`,
  as `make serve` runs, its unchanged pages are not rendered). A change to a Russian page, to
  mkdocs.yml or to a data file rebuilds every language: their pages use it.
- Every build compiles each template once: compiled templates are kept in memory across the
  languages' builds (and the preview's rebuilds), by Jinja's own bytecode cache, keyed by the
  template's source.
- MkDocs looks for saved files every 0.5 s; the preview looks every 0.1 s (a folder of
  Markdown files is quick to look through).
- Every build lists the theme's static files once: MkDocs lists them for each language's build,
  walking Material's 10,000 icon files each time (Files.add_files_from_theme, here given a cache
  keyed by the theme folders and the static templates; a docs file still overrides a theme file).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Literal

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from sitebuild import build_mode
from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES

log = get_plugin_logger(__name__)


class _MemoryCache(BytecodeCache):
    def __init__(self, store: dict) -> None:
        self.store = store

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.store.get(bucket.key)
        if code is not None and code[0] == bucket.checksum:
            bucket.code = code[1]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.store[bucket.key] = (bucket.checksum, bucket.code)


_CACHE = _MemoryCache(build_mode.kept.setdefault("templates", {}))  # type: ignore[arg-type]


def _theme_files(original):
    listed: dict[tuple, list[tuple[str, str]]] = build_mode.kept.setdefault("theme_files", {})  # type: ignore[assignment]

    def add_files_from_theme(self: Files, env, config: MkDocsConfig) -> None:
        key = (tuple(config.theme.dirs), tuple(sorted(config.theme.static_templates)))
        if key not in listed:
            probe = Files([])
            original(probe, env, config)
            listed[key] = [(f.src_uri, f.abs_src_path[: -len(f.src_uri) - 1]) for f in probe]
        for path, folder in listed[key]:
            if self.get_file_from_path(path) is None:
                self.append(File(path, folder, config.site_dir, config.use_directory_urls))

    add_files_from_theme.cached = True  # type: ignore[attr-defined]
    return add_files_from_theme


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    build_mode.record(command)
    if not getattr(Files.add_files_from_theme, "cached", False):
        Files.add_files_from_theme = _theme_files(Files.add_files_from_theme)  # type: ignore[method-assign]


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    if not build_mode.serving:
        return
    since, build_mode.last_build = build_mode.last_build, time.time()
    if since is None:
        return
    changed = build_mode.changed_languages(Path(config.docs_dir), LANGUAGES, since)
    if changed is None or DEFAULT_LANGUAGE in changed:
        return
    i18n = config.plugins.get("i18n")
    for language in i18n.config.languages:
        if language.locale != DEFAULT_LANGUAGE and language.locale not in changed:
            language.build = False
    log.info(f"preview: rebuilding {', '.join(sorted(changed))} (saved there) after {DEFAULT_LANGUAGE}")


POLL_S = 0.1


@event_priority(-100)  # after the other hooks have added the files they watch
def on_serve(server, *, config: MkDocsConfig, builder: object):
    observer = server.observer
    observer._timeout = POLL_S  # for files watched from now on
    for emitter in observer.emitters:
        emitter._timeout = POLL_S
    return server


def on_env(env, *, config: MkDocsConfig, files: object):
    env.bytecode_cache = _CACHE
    return env
