"""The site's languages, read from the one place they are written: the i18n plugin's list in
mkdocs.yml. Adding a language means adding it there (plus its pages and its interface file)."""

from __future__ import annotations

from pathlib import Path

import yaml

from sitebuild.yaml_lines import Text, node_lines

PROJECT = Path(__file__).resolve().parent.parent
CONFIG_FILE = PROJECT / "mkdocs.yml"


class _ConfigLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml where PyYAML has it
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


def site_texts(config_file: Path = CONFIG_FILE) -> list[Text]:
    """Each language's own texts in mkdocs.yml (site_name, site_description, nav_translations),
    as `sitebuild.yaml_lines.Text`s with their lines, for the checks that read every text."""
    source = config_file.read_text(encoding="utf-8")
    rows = source.split("\n")
    found = []

    def scalars(node: yaml.Node, key: str | None):
        if isinstance(node, yaml.ScalarNode):
            yield key, node
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                yield from scalars(v, k.value if isinstance(k, yaml.ScalarNode) else key)

    root = yaml.compose(source, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for plugin in _items(root, "plugins"):
        for languages in _values(plugin, "i18n"):
            for language in _items(languages, "languages"):
                locale = next((v.value for k, v in language.value if k.value == "locale"), None)
                for k, v in language.value:
                    if k.value in ("site_name", "site_description", "nav_translations"):
                        for key, node in scalars(v, k.value):
                            found.append(Text(locale, key, node_lines(node, rows)))
    return found


def _values(node: yaml.Node, name: str) -> list[yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == name]


def _items(node: yaml.Node, name: str) -> list[yaml.Node]:
    return [item for value in _values(node, name) if isinstance(value, yaml.SequenceNode) for item in value.value]
