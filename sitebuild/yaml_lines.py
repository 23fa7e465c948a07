"""YAML that remembers line numbers, and the error a translator sees when a data file is wrong.

Plain Python: used by the key dates, the glossary and the interface strings; no MkDocs import.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml


# A stable id in a data file (an event, a category, a glossary term): "sex-workers-day".
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class SourceError(ValueError):
    """One defect in a data file, worded for the translator who has to fix it."""

    def __init__(self, path: Path | str, line: int | None, problem: str, item_id: str | None = None):
        self.path, self.line, self.problem, self.item_id = Path(path), line, problem, item_id
        shown = os.path.relpath(self.path) if self.path.is_absolute() else str(self.path)
        where = f"{shown}:{line}" if line else shown
        item = f" ({self.item_kind} '{item_id}')" if item_id else ""
        super().__init__(f"{where}{item}: {problem}")

    item_kind = "entry"


class Mapping(dict):
    """A YAML mapping that remembers where it and each of its keys stand in the file."""

    line: int = 0
    key_lines: dict[Any, int]
    # What the author typed for each plain scalar value: `date: 0303` is read as the number 195
    # (YAML 1.1 octal), and a message must quote "0303", not 195.
    sources: dict[Any, str]


# libyaml's parser where PyYAML was built with it (several times faster); same results.
class LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """A safe YAML loader whose mappings are `Mapping`s with line numbers."""


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Iterable[Mapping]:
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    mapping.sources = {}
    yield mapping
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):  # `? [a]`: a list or mapping as a key
            raise yaml.MarkedYAMLError(problem="a key must be a plain word or text, not a list or a mapping",
                                       problem_mark=key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        if key in mapping.key_lines:
            raise yaml.MarkedYAMLError(problem=f"key '{key}' appears twice", problem_mark=key_node.start_mark)
        mapping.key_lines[key] = key_node.start_mark.line + 1
        if isinstance(value_node, yaml.ScalarNode):
            mapping.sources[key] = value_node.value
        mapping[key] = loader.construct_object(value_node, deep=True)


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)


class DataLoader(LineLoader):
    """The loader of data files (dates, glossary, interface): an unquoted date such as 2027-02-30
    that is no real day stays the text the author wrote, so that the reader of the file reports
    it at its line instead of a Python traceback."""


def _construct_timestamp(loader: DataLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


DataLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


# (path, loader, the file's mtime and size) -> its values: a build reads each data file once,
# though several hooks ask for it, once per language each; a saved file is read again.
_loaded: dict[tuple, Any] = {}


def load_yaml(path: Path, error: type[SourceError] = SourceError, loader: type[LineLoader] = DataLoader) -> Any:
    """Parse a YAML file into plain values whose mappings are `Mapping`s; syntax errors carry a line.
    The values are shared by every caller that reads the same file: read them, never change them."""
    try:
        key = (_version(path), loader)
    except FileNotFoundError:
        raise error(path, None, "file not found") from None
    if key not in _loaded:
        _loaded[key] = _parse(path, error, loader, key)
    return _loaded[key]


def _version(path: Path) -> tuple:
    """Changes whenever the file is saved."""
    stat = path.stat()
    return str(path.resolve()), stat.st_mtime_ns, stat.st_size


# key -> the document load_yaml composed, for texts_by_language (the same file's nodes, composed once).
# Kept only where the text has no tag ('!': a !!set's merge keys would change the nodes as they
# are read) and no '\r' (then it is the very text Path.read_text gives).
_nodes: dict[tuple, yaml.Node] = {}


def _parse(path: Path, error: type[SourceError], loader: type[LineLoader], key: tuple) -> Any:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(path, None, "file not found") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as decode_error:
        line = raw[:decode_error.start].count(b"\n") + 1
        raise error(path, line, f"not UTF-8 text (byte 0x{raw[decode_error.start]:02x} on this line: "
                                f"{decode_error.reason}): save the file as UTF-8") from None
    try:
        reader = loader(text)  # yaml.load(text, Loader=loader), keeping the composed document
        try:
            node = reader.get_single_node()
            data = reader.construct_document(node) if node is not None else None
        finally:
            reader.dispose()
        if node is not None and "!" not in text and "\r" not in text:
            _nodes[key] = node
        return data
    except yaml.MarkedYAMLError as yaml_error:
        mark = yaml_error.problem_mark or yaml_error.context_mark
        line = mark.line + 1 if mark else None
        raise error(path, line, f"YAML syntax error: {yaml_error.problem or yaml_error.context}") from None
    except yaml.YAMLError as yaml_error:
        raise error(path, None, f"YAML syntax error: {yaml_error}") from None


def check_keys(mapping: Mapping, allowed: set[str], required: set[str], *, path: Path, what: str,
               item_id: str | None = None, error: type[SourceError] = SourceError) -> None:
    """Unknown keys (typos) and missing keys, each reported at its line."""
    for key in mapping:
        if key not in allowed:
            raise error(path, mapping.key_lines[key],
                        f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))})", item_id)
    for key in sorted(required):
        if key not in mapping:
            raise error(path, mapping.line, f"missing key '{key}' in {what}", item_id)


def language_texts(block: Any, lang: str, keys: set[str], *, path: Path, item_id: str | None,
                   error: type[SourceError] = SourceError, optional: set[str] = frozenset(),
                   other: set[str] = frozenset()) -> dict[str, str]:
    """One language's texts of an entry (`ky: {title: …, description: …}`): every key of `keys`
    present, those of `optional` may be, each non-empty text, white space collapsed. Keys in
    `other` are allowed and left to the caller (not returned)."""
    if not isinstance(block, Mapping):
        raise error(path, None, f"expected a mapping with the language '{lang}'", item_id)
    if lang not in block:
        raise error(path, block.line, f"missing language '{lang}'", item_id)
    texts = block[lang]
    if not isinstance(texts, Mapping):
        raise error(path, block.key_lines[lang], f"'{lang}' must be a mapping with {', '.join(sorted(keys))}", item_id)
    check_keys(texts, keys | optional | other, keys, path=path, what=f"'{lang}'", item_id=item_id, error=error)
    present = sorted(key for key in keys | optional if key in texts)
    for key in present:
        if not isinstance(texts[key], str) or not texts[key].strip():
            raise error(path, texts.key_lines[key], f"'{lang}.{key}' must be non-empty text", item_id)
    return {key: " ".join(texts[key].split()) for key in present}


@dataclass(frozen=True)
class Text:
    """A text value of a data file in one language, as it stands in the file: each line's part of it."""

    lang: str
    key: str | None  # the key it is the value of ("title"), None for an item of a list
    lines: tuple[tuple[int, str], ...]  # (line number, the value's text on that line), quotes included


def texts_by_language(path: Path, languages: Iterable[str], *, lang: str | None = None,
                      error: type[SourceError] = SourceError) -> list[Text]:
    """Every text value of the file that is in one of `languages`: those under a key that names
    the language (`ky: {title: …}`, `kk: …`), or, with `lang`, every value of the file (a file
    in one language). In file order, with exact lines, for checks that report file:line.
    Shared by every caller, as load_yaml's values are."""
    load_yaml(path, error)  # syntax errors reported as the loaders do
    key = (_version(path), frozenset(languages), lang)
    if key not in _texts:
        _texts[key] = _texts_by_language(path, languages, lang)
    return _texts[key]


_texts: dict[tuple, list[Text]] = {}


def _texts_by_language(path: Path, languages: Iterable[str], lang: str | None) -> list[Text]:
    source = path.read_text(encoding="utf-8").split("\n")
    languages = set(languages)
    found: list[Text] = []

    def walk(node: yaml.Node, current: str | None, key: str | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                walk(value_node, name if name in languages else current, name)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, current, key)
        elif isinstance(node, yaml.ScalarNode) and current and (lines := node_lines(node, source)):
            found.append(Text(current, key, lines))

    node = _nodes.get((_version(path), DataLoader))
    walk(node or yaml.compose("\n".join(source), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), lang, None)
    return found


def node_lines(node: yaml.Node, rows: list[str]) -> tuple[tuple[int, str], ...]:
    """(line number, the node's text on that line) for each line of a composed node's source."""
    start, end = node.start_mark, node.end_mark
    lines = []
    for number in range(start.line, min(end.line, len(rows) - 1) + 1):
        part = rows[number][start.column if number == start.line else 0:end.column if number == end.line else None]
        if part.strip():
            lines.append((number + 1, part))
    return tuple(lines)
