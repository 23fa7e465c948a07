"""Remove the CSS rules no page can use, the way PurgeCSS does, with tinycss2 as the parser.

Plain Python, no MkDocs import. The "content" is every word-like token of the built HTML and
of the scripts the site deploys (so classes and attribute values that JavaScript sets, such
as the search results' classes, count as used). A selector is kept when every class, id,
element name, attribute name and attribute value it requires occurs in the content; what a
selector does not name (pseudo-classes such as :hover or :checked, pseudo-elements, the inside
of :not()) never removes it. A rule is kept when one of its selectors is; @media, @supports
and similar blocks are purged inside and dropped when empty; @keyframes are kept when a kept
rule names them; everything else (@font-face, @page, custom properties) is kept as written.

Chosen against the npm tool (PurgeCSS 7, same algorithm) because it needs no Node at build
time and gives the same size on this site (see README, "Page weight").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import tinycss2
from tinycss2 import ast

# Word-like tokens of HTML and JavaScript text: class names, ids, tag and attribute names.
TOKEN = re.compile(r"[A-Za-z0-9_-]+")
# Attributes the browser or the reader sets, not the markup: <details open>, [hidden].
ALWAYS_USED = {"open", "hidden"}
# Pseudo-classes whose argument is a selector that must match for the rule to apply.
SELECTOR_ARGUMENT = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
BLOCKS = {"media", "supports", "container", "layer", "document"}
KEYFRAMES = {"keyframes", "-webkit-keyframes", "-moz-keyframes"}
ANIMATION = re.compile(r"\banimation(?:-name)?\s*:\s*([^;}]*)")


def tokens_of(texts: Iterable[str]) -> set[str]:
    """Every token of the given HTML and script texts, case as written and lower-cased."""
    found: set[str] = set(ALWAYS_USED)
    # No token spans a line break, and the pages share most of their lines: each line read once.
    for line in {line for text in texts for line in text.split("\n")}:
        found.update(TOKEN.findall(line))
    found.update({t.lower() for t in found})
    return found


def _split(tokens: list) -> list[list]:
    """A selector list's component values, split at its top-level commas."""
    out: list[list] = [[]]
    for token in tokens:
        if token.type == "literal" and token.value == ",":
            out.append([])
        else:
            out[-1].append(token)
    return [s for s in out if any(t.type not in ("whitespace", "comment") for t in s)]


def _words(value: str) -> list[str]:
    return TOKEN.findall(value)


def _needs(selector: list, used: set[str]) -> bool:
    """True when everything `selector` (component values) names occurs in the content."""
    previous = None
    for i, token in enumerate(selector):
        if token.type == "ident":
            if previous is not None and previous.type == "literal" and previous.value == ".":
                if token.value not in used:
                    return False
            elif previous is not None and previous.type == "literal" and previous.value in (":", "::"):
                pass
            elif token.value.lower() not in used:  # an element name
                return False
        elif token.type == "hash":
            if token.value not in used:
                return False
        elif token.type == "[] block":
            if not _attribute_used(token.content, used):
                return False
        elif token.type == "function" and previous is not None and previous.type == "literal" and previous.value == ":":
            if token.lower_name in SELECTOR_ARGUMENT:
                if not any(_needs(inner, used) for inner in _split(token.arguments)):
                    return False
        if token.type != "whitespace":
            previous = token
    return True


def _attribute_used(content: list, used: set[str]) -> bool:
    parts = [t for t in content if t.type not in ("whitespace", "comment")]
    if not parts or parts[0].type != "ident" or parts[0].value.lower() not in used:
        return not parts or parts[0].type != "ident" or parts[0].value.lower() in used
    operator = "".join(t.value for t in parts[1:] if t.type == "literal")
    values = [t.value for t in parts[1:] if t.type in ("ident", "string")]
    if operator in ("=", "~=", "|=") and values:
        return all(word in used for word in _words(values[0]))
    return True


VAR = re.compile(r"var\(\s*(--[\w-]+)")


class Style(NamedTuple):
    """A kept style rule: its kept selectors and its declarations (name, value as written, !important)."""
    selectors: list[str]
    declarations: list[tuple[str, str, bool]]


class Block(NamedTuple):
    """A kept @media, @supports, … block: "@media print" and the rules kept inside."""
    head: str
    rules: list


def _kept(rules: list, used: set[str]) -> list:
    """The rules some content can match: Style, Block, or the text of any other at-rule."""
    out: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if kept := [tinycss2.serialize(s).strip() for s in _split(rule.prelude) if _needs(s, used)]:
                declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                out.append(Style(kept, [(d.name, tinycss2.serialize(d.value).strip(), d.important)
                                        for d in declarations if d.type == "declaration"]))
        elif rule.type == "at-rule":
            prelude = tinycss2.serialize(rule.prelude).strip()
            head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
            if rule.content is None:
                out.append(head + ";")
            elif rule.lower_at_keyword in BLOCKS:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                out.append(Block(head, _kept(inner, used)))
            else:
                out.append(head + "{" + tinycss2.serialize(rule.content).strip() + "}")
    return out


def _variables_used(kept: list) -> set[str]:
    """Custom properties that a kept declaration needs, directly or through other properties."""
    defined: dict[str, set[str]] = {}
    needed: set[str] = set()
    stack = list(kept)
    while stack:
        item = stack.pop()
        if isinstance(item, Style):
            for name, value, _ in item.declarations:
                refs = set(VAR.findall(value))
                if name.startswith("--"):
                    defined.setdefault(name, set()).update(refs)
                else:
                    needed |= refs
        elif isinstance(item, Block):
            stack.extend(item.rules)
        else:
            needed |= set(VAR.findall(item))
    todo = list(needed)
    while todo:
        for ref in defined.get(todo.pop(), ()):
            if ref not in needed:
                needed.add(ref)
                todo.append(ref)
    return needed


def _serialised(kept: list, variables: set[str]) -> list[str]:
    """The kept rules as text, without the custom properties no kept declaration needs; a style
    rule or a block left empty is dropped."""
    out: list[str] = []
    for item in kept:
        if isinstance(item, Style):
            body = ";".join(f"{name}:{value}" + ("!important" if important else "")
                            for name, value, important in item.declarations
                            if not name.startswith("--") or name in variables)
            if body:
                out.append(",".join(item.selectors) + "{" + body + "}")
        elif isinstance(item, Block):
            if inner := _serialised(item.rules, variables):
                out.append(item.head + "{" + "".join(inner) + "}")
        else:
            out.append(item)
    return out


def _keyframes_name(rule: str) -> str | None:
    match = re.match(r"@(?:-\w+-)?keyframes\s+([^{\s]+)", rule)
    return match.group(1) if match else None


def purge(css: str, used: set[str]) -> str:
    """`css` without the rules that no content token can match (see the module docstring)."""
    # One parse: the rules that stay, then (from the same rules) the custom properties they use.
    kept = _kept(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), used)
    kept = _serialised(kept, _variables_used(kept))
    body = "".join(r for r in kept if not _keyframes_name(r))
    animations = set()
    for match in ANIMATION.finditer(body):
        animations.update(_words(match.group(1)))
    return "".join(r for r in kept if (_keyframes_name(r) or "") in animations or not _keyframes_name(r))


def selectors_kept(css: str) -> Iterable[str]:
    """The selectors of every rule in `css`, for tests and reports."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if isinstance(rule, ast.QualifiedRule):
            yield from (tinycss2.serialize(s).strip() for s in _split(rule.prelude))
