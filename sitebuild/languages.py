"""The site's languages, read from the one place they are written: the i18n plugin's list in
mkdocs.yml. Adding a language means adding it there (plus its pages and its interface file)."""

from __future__ import annotations

from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_FILE = PROJECT / "mkdocs.yml"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its tags (`!ENV`, `!relative`) are read as plain values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_languages(config_file: Path = CONFIG_FILE) -> tuple[tuple[str, ...], str, dict[str, str]]:
    """(locales in build order, the default locale, each language's own name) from mkdocs.yml."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages = plugin["i18n"]["languages"]
            break
    else:
        raise SystemExit(f"{config_file}: no i18n plugin with a list of languages")
    locales = tuple(language["locale"] for language in languages)
    default = next(language["locale"] for language in languages if language.get("default"))
    return locales, default, {language["locale"]: language["name"] for language in languages}


LANGUAGES, DEFAULT_LANGUAGE, NAMES = read_languages()
