"""Interface strings: interface/<lang>.yml, one file per language, Material's keys and the site's
own together. Every file must have exactly the keys of the default language's file, each a
non-empty text (or, for a group such as `legal_review_states`, a mapping of texts).

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES
from sitebuild.yaml_lines import Mapping, SourceError, load_yaml

INTERFACE_DIR = Path("interface")  # relative to the project folder
UNSAFE = re.compile(r"[<>\"\x00-\x08\x0b\x0c\x0e-\x1f]")


class InterfaceError(SourceError):
    item_kind = "key"


def interface_file(project: Path, lang: str) -> Path:
    return project / INTERFACE_DIR / f"{lang}.yml"


def _texts(data: Any, path: Path, prefix: str = "") -> dict[str, Any]:
    """The file's strings, each checked to be text; groups stay mappings."""
    if not isinstance(data, Mapping):
        raise InterfaceError(path, 1, "the file must be a mapping of keys to texts (key: \"text\")")
    strings: dict[str, Any] = {}
    for key, value in data.items():
        line = data.key_lines[key]
        if not isinstance(key, str):
            raise InterfaceError(path, line, f"the key {key!r} must be text")
        if isinstance(value, Mapping) and not prefix:
            strings[key] = _texts(value, path, prefix=f"{key}.")
        elif not isinstance(value, str):
            raise InterfaceError(path, line, "the value must be text in quotes", f"{prefix}{key}")
        elif UNSAFE.search(value):
            # Templates put these strings into every page, in text and in attributes (issue 16).
            raise InterfaceError(path, line, "interface texts are plain text: no '<', '>' or '\"' "
                                             "(write «…» for quotes)", f"{prefix}{key}")
        else:
            strings[key] = value
    return strings


def _same_keys(strings: dict[str, Any], expected: dict[str, Any], path: Path, data: Mapping, reference: Path,
               prefix: str = "") -> None:
    for key in expected:
        if key not in strings:
            raise InterfaceError(path, data.line, f"missing key '{prefix}{key}': copy it from {reference} and translate its text")
    for key, value in strings.items():
        if key not in expected:
            raise InterfaceError(path, data.key_lines[key], f"unknown key '{prefix}{key}' (not in {reference}): "
                                 "check its spelling or remove it")
        if isinstance(expected[key], dict) != isinstance(value, dict):
            raise InterfaceError(path, data.key_lines[key], f"'{prefix}{key}' must be written as in {reference}")
        if isinstance(value, dict):
            _same_keys(value, expected[key], path, data[key], reference, prefix=f"{key}.")


def load_interface(project: Path, languages: tuple[str, ...] = LANGUAGES) -> dict[str, dict[str, Any]]:
    """language -> key -> text, every language with the default language's keys."""
    reference = interface_file(project, DEFAULT_LANGUAGE)
    loaded = {}
    for lang in languages:
        path = interface_file(project, lang)
        data = load_yaml(path, InterfaceError)
        loaded[lang] = (data, _texts(data, path))
    expected = loaded[DEFAULT_LANGUAGE][1]
    for lang, (data, strings) in loaded.items():
        _same_keys(strings, expected, interface_file(project, lang), data, reference.relative_to(project))
    return {lang: strings for lang, (_, strings) in loaded.items()}
