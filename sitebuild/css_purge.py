"""Remove the CSS rules no page can use, the way PurgeCSS does, with tinycss2 as the parser.

Plain Python, no MkDocs import. The "content" is every word-like token of the built HTML and
of the scripts the site deploys (so classes and attribute values that JavaScript sets, such
as the search results' classes, count as used). A selector is kept when every class, id,
element name, attribute name and attribute value it requires occurs in the content; what a
selector does not name (pseudo-classes such as :hover or :checked, pseudo-elements, the inside
of :not()) never removes it. A rule is kept when one of its selectors is; @media, @supports
and similar blocks are purged inside and dropped when empty; @keyframes are kept when a kept
rule names them; everything else (@font-face, @page, custom properties) is kept as written.

How it reads the CSS: the stylesheet is split into rules at the text level (comments, strings
and brackets respected), and tinycss2 tokenises only what the text cannot decide: a selector
list with :is(), :not() and the like that names nothing missing outside them, and a declaration
that would not serialise back to its own text. Most rules are dropped by their selectors' text
alone and never tokenised. CSS the split does not model (a backslash or an unquoted url(…)
outside a string, an unclosed block, …) is parsed whole by tinycss2; both ways give the same
bytes (tests/test_site_assets.py). The custom properties a kept rule needs are found from the
kept rules themselves, in the same pass.

Chosen against the npm tool (PurgeCSS 7, same algorithm) because it needs no Node at build
time and gives the same size on this site (see README, "Page weight").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
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


# TOKEN's characters are ASCII: in UTF-8 bytes every other byte becomes a space, and the tokens
# are what bytes.split() leaves (far quicker than the pattern on the text).
NOT_TOKEN_TO_SPACE = bytes(b if re.fullmatch(TOKEN, chr(b)) else ord(" ") for b in range(256))


def tokens_of(texts: Iterable[str]) -> set[str]:
    """Every token of the given HTML and script texts (TOKEN), case as written and lower-cased."""
    found: set[str] = set(ALWAYS_USED)
    # No token spans a line break, and the pages share most of their lines: each line read once.
    text = "\n".join({line for text in texts for line in text.split("\n")})
    found.update(word.decode("ascii") for word in set(text.encode("utf-8", "surrogatepass").translate(NOT_TOKEN_TO_SPACE).split()))
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


# What decides where a rule starts and ends: comments, strings, brackets, semicolons; a
# backslash or an unquoted url(…) outside a string (where a bracket may be escaped) ends the
# quick split (see _split_rules). Written to start with the set of the events' first characters,
# which the regex engine skips to (so "url(" is spelt in both cases rather than with IGNORECASE).
EVENT = re.compile(r"""[/"'uU{}()\[\];\\](?:(?<=/)\*.*?(?:\*/|\Z)|(?<=")(?:[^"\\\n]|\\.)*"?|(?<=')(?:[^'\\\n]|\\.)*'?"""
                   r"""|(?<=[uU])(?<![\w\-#@].)[rR][lL]\((?![ \t\n]*["'])|(?<=[{}()\[\];\\]))""", re.DOTALL)
BLANK = re.compile(r"(?:[ \t\n]+|/\*.*?\*/)*", re.DOTALL)
CLOSING = {"{": "}", "(": ")", "[": "]"}


class _Unusual(Exception):
    """CSS the quick split does not model: tinycss2 parses the whole stylesheet instead."""


# A selector list of element names, .classes, #ids, :pseudo-classes and ::pseudo-elements,
# combinators, "*" and [attribute] or [attribute=value] groups: decided from its text alone,
# exactly as _needs decides from its tokens. Other groups (:not(…), :is(…), …) leave it to _needs
# unless what the selector names outside them is missing already.
SIMPLE_ITEM = re.compile(r"(::?|[.#]|)(--[A-Za-z0-9_-]*|-?[A-Za-z_][A-Za-z0-9_-]*)")
SIMPLE = re.compile(r"(?:[ \t\n>+~,*!?]|(?:::?|[.#])?(?:--|-?[A-Za-z_])[A-Za-z0-9_-]*+)*+")
NOT_SIMPLE = re.compile(r"-->|[uU]\+|[!?]")  # tokens of their own (a CDC, a unicode-range), the marks below
GROUP = re.compile(r"""(::?-?[A-Za-z_][A-Za-z0-9_-]*)\((?:[^()"'\\]|"[^"\\\n]*"|'[^'\\\n]*')*\)"""
                   r"""|\[(?:[^\[\]"'\\]|"[^"\\\n]*"|'[^'\\\n]*')*\]""")
ATTRIBUTE = re.compile(r"""\[[ \t\n]*(-?[A-Za-z_][A-Za-z0-9_-]*)[ \t\n]*"""
                       r"""(?:([~|^$*]?=)[ \t\n]*(?:(-?[A-Za-z_][A-Za-z0-9_-]*)|"([^"\\\n]*)")[ \t\n]*)?\]""")


def _group_mark(group: re.Match[str], used: set[str]) -> str:
    """What a group leaves in the selector's text: "*" (nothing required), "!" (a requirement
    missing) or "?" (only _needs can tell)."""
    if group.group(1) or not (attribute := ATTRIBUTE.fullmatch(group.group(0))):
        return (group.group(1) or "") + "?"
    name, operator, ident, string = attribute.groups()
    value = ident if ident is not None else string
    if name.lower() not in used or operator in ("=", "~=", "|=") and value is not None and \
            not all(word in used for word in _words(value)):
        return "!"
    return "*"


def _items_used(selector: str, used: set[str]) -> bool:
    """Whether every .class, #id and element name of a simple selector occurs (a pseudo-class
    never removes it)."""
    for kind, name in SIMPLE_ITEM.findall(selector):
        if kind == "." or kind == "#":
            if name not in used:
                return False
        elif not kind and name.lower() not in used:
            return False
    return True


class _Rule:
    """A rule found by _split_rules, shaped like tinycss2's QualifiedRule and AtRule; its prelude
    and body are tokenised only when asked for (most rules are dropped by their selectors alone)."""

    def __init__(self, prelude: str, body: str | None) -> None:
        self.text, self.body, self.rules = prelude, body, None
        self.type = "at-rule" if prelude.startswith("@") else "qualified-rule"
        self.prelude_text: str | None = None  # the prelude after the at-keyword, as serialised
        if self.type == "at-rule" and (plain := PLAIN_AT_RULE.fullmatch(prelude)) and _nested(plain.group(2)):
            self.at_keyword, self.prelude_text = plain.group(1), plain.group(2).strip()
            self.lower_at_keyword = self.at_keyword.lower()
        elif self.type == "at-rule":
            first = self.prelude[0]
            if first.type != "at-keyword":
                raise _Unusual
            self.at_keyword, self.lower_at_keyword, self.prelude = first.value, first.lower_value, self.prelude[1:]
        elif body is None or not prelude:
            raise _Unusual

    @cached_property
    def prelude(self) -> list:
        tokens = tinycss2.parse_component_value_list(self.text, skip_comments=True)
        if not tokens or tokens[0].type in ("error", "whitespace") or tokens[0] in ("<!--", "-->"):
            raise _Unusual
        return tokens

    @property
    def content(self) -> list | None:
        return None if self.body is None else tinycss2.parse_component_value_list(self.body, skip_comments=True)


def _selectors_kept(rule, used: set[str]) -> list[str]:
    """The selectors of a style rule that the content can match, as written (see _needs)."""
    if isinstance(rule, _Rule) and not NOT_SIMPLE.search(rule.text):
        grouped = "(" in rule.text or "[" in rule.text  # else GROUP finds nothing
        marked = GROUP.sub(lambda group: _group_mark(group, used), rule.text) if grouped else rule.text
        if SIMPLE.fullmatch(marked):
            selectors = marked.split(",")
            kept = [i for i, selector in enumerate(selectors) if selector.strip() and "!" not in selector
                    and _items_used(selector, used)]
            if not any("?" in selectors[i] for i in kept):
                if marked != rule.text:  # the kept selectors as written, groups and all
                    masked = GROUP.sub(lambda group: "\0" * len(group.group(0)), rule.text)
                    selectors, at = [], 0
                    for piece in masked.split(","):  # as long as the text it masks
                        selectors.append(rule.text[at:at + len(piece)])
                        at += len(piece) + 1
                return [selectors[i].strip() for i in kept]
    return [tinycss2.serialize(s).strip() for s in _split(rule.prelude) if _needs(s, used)]


# A declaration whose tokens serialise back to its text: ASCII names, numbers and units (not
# "e", which tinycss2 escapes), #hashes, functions, double-quoted strings without escapes,
# commas, slashes and white space; each word followed by something that keeps it apart.
_NAME = r"(?:--[A-Za-z0-9_-]+|-?[A-Za-z_][A-Za-z0-9_-]*)"
_WORD = rf"""(?:{_NAME}|[+-]?(?:[0-9]*\.)?[0-9]+(?:[eE][+-]?[0-9]+)?(?:%|(?![eE](?![A-Za-z]))[A-Za-z]+)?|#[A-Za-z0-9_-]+)"""
_STRING = r'"[^"\\\n]*"'
PLAIN_DECLARATION = re.compile(  # one declaration, or none, up to the next ";"
    rf"""[ \t\n]*(?:({_NAME})[ \t\n]*:((?:[ \t\n]+|[,/()]|{_STRING}|{_NAME}\(|{_WORD}(?=[ \t\n,/)!;]|\Z)"""
    rf"""|[-+*](?=[ \t\n]))*+)(!important)?[ \t\n]*)?(?:;|\Z)""")
STRING = re.compile(_STRING)
# An at-rule's prelude whose tokens serialise back to its text (as PLAIN_DECLARATION's values, and
# ":"): "@media screen and (min-width:60em)", "@page :first". Others are tokenised.
PLAIN_AT_RULE = re.compile(rf"""@((?>{_NAME}))((?:[ \t\n]+|[(),:]|{_STRING}|{_NAME}\(|{_WORD}(?=[ \t\n),:]|\Z))*+)""")


def _declarations(rule) -> list[tuple[str, str, bool]]:
    """A style rule's declarations: (name, value as serialised, !important). From a _Rule's text
    where a declaration is plain (most are), else from tinycss2's tokens."""
    if not isinstance(rule, _Rule):
        return _parsed_declarations(rule.content)
    body, out, at = rule.body, [], 0
    while True:
        if (match := PLAIN_DECLARATION.match(body, at)) and "/*" not in match.group(0) and _balanced(match.group(2)):
            name, value, important = match.groups()
            if name is not None:
                out.append((name, value.strip(), bool(important)))
            end = match.end() - 1
        else:  # tokenise this declaration alone, or all the rest if it holds a block
            end = _declaration_end(body, at)
            if "{" in body[at:end] or "@" in body[at:end]:
                return out + _parsed_declarations(body[at:])
            out += _parsed_declarations(body[at:end])
        if end >= len(body) - 1:
            return out
        at = end + 1


def _balanced(value: str | None) -> bool:
    """False when the plain declaration stopped at a ";" inside brackets."""
    bare = STRING.sub("", value) if value and '"' in value else value or ""
    return bare.count("(") == bare.count(")")


def _nested(text: str) -> bool:
    """Whether the brackets of `text` (outside strings) close in order: tinycss2 closes the others."""
    brackets = NOT_BRACKET.sub("", STRING.sub("", text) if '"' in text else text)
    while "()" in brackets:
        brackets = brackets.replace("()", "")
    return not brackets


NOT_BRACKET = re.compile(r"[^()]+")


def _declaration_end(body: str, at: int) -> int:
    """The position of the ";" that ends the declaration at `at` (or the end of `body`)."""
    depth = 0
    for event in EVENT.finditer(body, at):
        c = event.group()[0]
        if c in CLOSING:
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == ";" and depth == 0:
            return event.start()
    return len(body)


def _parsed_declarations(content) -> list[tuple[str, str, bool]]:
    declarations = tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
    return [(d.name, tinycss2.serialize(d.value).strip(), d.important) for d in declarations if d.type == "declaration"]


def _split_rules(css: str, events, start: int = 0, nested: bool = False) -> tuple[list, int]:
    """The rules of `css` from `start` as tinycss2 would find them, split at the text level; the
    end (the position of the closing "}" when `nested`). Raises _Unusual on what it does not model."""
    rules: list = []
    for event in events:
        c, at = event.group()[0], event.start()
        if c in "/\"'":
            continue
        if c == ";":
            if css.startswith("@", lead := BLANK.match(css, start).end()):
                rules.append(_Rule(css[lead:at], None))
                start = at + 1
        elif c == "{":
            rule = _Rule(css[BLANK.match(css, start).end():at], "")
            if rule.type == "at-rule" and rule.lower_at_keyword in BLOCKS:
                rule.rules, end = _split_rules(css, events, at + 1, nested=True)
            else:
                end = _closing(events, "}")
            rule.body, start = css[at + 1:end], end + 1
            rules.append(rule)
        elif c in "([":
            _closing(events, CLOSING[c])
        elif c == "}" and nested and BLANK.match(css, start).end() == at:
            return rules, at
        else:  # "\", an unquoted url(, a closing bracket with no opening one, text left before a "}"
            raise _Unusual
    if nested or BLANK.match(css, start).end() != len(css):
        raise _Unusual
    return rules, len(css)


def _closing(events, closing: str) -> int:
    """The position of the bracket that closes the one just opened."""
    expected = [closing]
    for event in events:
        c = event.group()[0]
        if c in CLOSING:
            expected.append(CLOSING[c])
        elif c in ")]}":
            if c != expected.pop():
                raise _Unusual
            if not expected:
                return event.start()
        elif c not in "/\"';":
            raise _Unusual
    raise _Unusual


def _kept(rules: list, used: set[str]) -> list:
    """The rules some content can match: Style, Block, or the text of any other at-rule."""
    out: list = []
    for rule in rules:
        if rule.type == "qualified-rule":
            if kept := _selectors_kept(rule, used):
                out.append(Style(kept, _declarations(rule)))
        elif rule.type == "at-rule":
            prelude = getattr(rule, "prelude_text", None)
            prelude = tinycss2.serialize(rule.prelude).strip() if prelude is None else prelude
            head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
            if isinstance(rule, _Rule) and rule.rules is not None:
                out.append(Block(head, _kept(rule.rules, used)))
            elif rule.content is None:
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
    css = css.replace("\0", "\uFFFD").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    try:  # split at the text level, tokenising only what the purge reads
        kept = _kept(_split_rules(css, EVENT.finditer(css))[0], used)
    except _Unusual:  # CSS the split does not model: tinycss2 parses all of it
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
