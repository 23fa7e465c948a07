"""The ru/ky/kk glossary: kept once in glossary/terms.yaml, checked, rendered per language.

Plain Python, no MkDocs import. Other pages link a term as `glossary.md#<id>`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from sitebuild.languages import LANGUAGES, NAMES
from sitebuild.yaml_lines import SLUG, Mapping, SourceError, check_keys, language_texts, load_yaml

TERMS_FILE = Path("glossary") / "terms.yaml"  # relative to the project folder
TEXT_KEYS = {"term", "explain"}
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]{}]")


class GlossaryError(SourceError):
    item_kind = "term"


@dataclass(frozen=True)
class Term:
    id: str
    line: int
    words: dict[str, str]  # language -> the term
    explanations: dict[str, str]  # language -> one plain sentence


def load_terms(path: Path = TERMS_FILE) -> list[Term]:
    data = load_yaml(path, GlossaryError)
    if not isinstance(data, Mapping) or not isinstance(data.get("terms"), list):
        raise GlossaryError(path, 1, "the file must have a 'terms:' list")
    terms, seen = [], {}
    for entry in data["terms"]:
        if not isinstance(entry, Mapping):
            raise GlossaryError(path, None, "each item of 'terms' must be a mapping (id, ru, ky, kk)")
        term_id = entry.get("id")
        shown_id = term_id if isinstance(term_id, str) else None
        check_keys(entry, {"id", *LANGUAGES}, {"id", *LANGUAGES}, path=path, what="the term",
                   item_id=shown_id, error=GlossaryError)
        if not isinstance(term_id, str) or not SLUG.match(term_id):
            raise GlossaryError(path, entry.key_lines["id"], f"malformed id '{term_id}': use lowercase latin letters, digits and hyphens", shown_id)
        if term_id in seen:
            raise GlossaryError(path, entry.line, f"duplicate id: already used on line {seen[term_id]}", term_id)
        seen[term_id] = entry.line
        words, explanations = {}, {}
        for lang in LANGUAGES:
            texts = language_texts(entry, lang, TEXT_KEYS, path=path, item_id=term_id, error=GlossaryError)
            words[lang], explanations[lang] = texts["term"], texts["explain"]
        terms.append(Term(term_id, entry.line, words, explanations))
    return terms


def _markdown_text(text: str) -> str:
    """Text that Markdown shows as it is: HTML escaped, emphasis and link characters escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\g<0>", escape(text, quote=False))


def render(terms: list[Term], lang: str) -> str:
    """A Markdown definition list in the page's language, sorted by its terms; each term has
    its id as anchor (so MkDocs checks links to it), the other two languages' terms are marked
    with their own `lang`. Markdown, not HTML: raw HTML this long is slow to parse."""
    items = []
    for term in sorted(terms, key=lambda t: t.words[lang].casefold()):
        others = " · ".join(
            f'{NAMES[other]}: <span lang="{other}">{_markdown_text(term.words[other])}</span>'
            for other in LANGUAGES if other != lang
        )
        items.append(
            f"{_markdown_text(term.words[lang])} {{ #{term.id} }}\n"
            f":   {_markdown_text(term.explanations[lang])}\n\n"
            f"    {others}\n"
            f"    {{ .glossary-other }}\n"
        )
    return "\n".join(items)
