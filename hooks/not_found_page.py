"""One 404 page, in the default language, at the site root.

mkdocs-static-i18n builds every language into the same site directory, and each build would
write the theme's 404.html to the root, the last language winning (a Kazakh page marked
lang="kk" for everyone). Only the default-language build writes it.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from sitebuild.languages import DEFAULT_LANGUAGE

NOT_FOUND = "404.html"


def on_pre_build(*, config: MkDocsConfig) -> None:
    templates = config.theme.static_templates
    if config.theme["language"] == DEFAULT_LANGUAGE:
        templates.add(NOT_FOUND)
    else:
        templates.discard(NOT_FOUND)
