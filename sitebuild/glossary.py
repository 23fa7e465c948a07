"""The ru/ky/kk glossary and term base: kept once in glossary/terms.yaml, checked, rendered per language.

Each term gives, per language, the preferred form (`term`) and, optionally, the variants to avoid
(`avoid`), which sitebuild.translations.terms looks for in every text of that language. A term
with `glossary: false` is there for consistency only (the site's name, NGO, WHO…): it needs no
`explain` and is not shown on the glossary page.

Plain Python, no MkDocs import. Other pages link a shown term as `glossary.md#<id>`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from sitebuild.languages import LANGUAGES, NAMES
from sitebuild.search import WORD
from sitebuild.yaml_lines import SLUG, Mapping, SourceError, check_keys, language_texts, load_yaml

TERMS_FILE = Path("glossary") / "terms.yaml"  # relative to the project folder
TEXT_KEYS = {"term", "explain"}
# Each language's alphabet, in its own order: the glossary lists its terms that way (Kazakh ә after
# а, қ after к; Kyrgyz ң after н, ө after о). Other characters (Latin letters, digits) keep their
# code order, before these letters.
ALPHABETS = {
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "ky": "абвгдеёжзийклмнңоөпрстуүфхцчшщъыьэюя",
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
}
_ORDER = {lang: {letter: 0x110000 + i for i, letter in enumerate(letters)} for lang, letters in ALPHABETS.items()}


class GlossaryError(SourceError):
    item_kind = "term"


@dataclass(frozen=True)
class Term:
    id: str
    line: int
    words: dict[str, str]  # language -> the term (the preferred form)
    explanations: dict[str, str]  # language -> one plain sentence (empty for a term not shown)
    shown: bool = True  # on the glossary page; False: kept for consistency only
    avoid: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> variants not to use
    avoid_lines: dict[str, int] = field(default_factory=dict)  # language -> line of its `avoid`


def load_terms(path: Path = TERMS_FILE) -> list[Term]:
    """The terms of the file, checked; read once per version of the file (load_yaml gives the same
    values while the file is unchanged), however many hooks and languages ask."""
    global _last
    data = load_yaml(path, GlossaryError)
    if _last is None or _last[0] is not data:
        _last = (data, _terms(path, data))
    return list(_last[1])


_last: tuple[object, list[Term]] | None = None  # the file's values and their terms, from the last call


def _terms(path: Path, data: object) -> list[Term]:
    if not isinstance(data, Mapping) or not isinstance(data.get("terms"), list):
        raise GlossaryError(path, 1, "the file must have a 'terms:' list")
    terms, seen = [], {}
    for entry in data["terms"]:
        if not isinstance(entry, Mapping):
            raise GlossaryError(path, None, "each item of 'terms' must be a mapping (id, ru, ky, kk)")
        term_id = entry.get("id")
        shown_id = term_id if isinstance(term_id, str) else None
        check_keys(entry, {"id", "glossary", *LANGUAGES}, {"id", *LANGUAGES}, path=path, what="the term",
                   item_id=shown_id, error=GlossaryError)
        if not isinstance(term_id, str) or not SLUG.match(term_id):
            raise GlossaryError(path, entry.key_lines["id"], f"malformed id '{term_id}': use lowercase latin letters, digits and hyphens", shown_id)
        if term_id in seen:
            raise GlossaryError(path, entry.line, f"duplicate id: already used on line {seen[term_id]}", term_id)
        seen[term_id] = entry.line
        shown = entry.get("glossary", True)
        if not isinstance(shown, bool):
            raise GlossaryError(path, entry.key_lines["glossary"], "'glossary' must be true or false "
                                "(false: the term is kept for consistency only, not shown on the glossary page)", term_id)
        words, explanations, avoid, avoid_lines = {}, {}, {}, {}
        for lang in LANGUAGES:
            required, optional = (TEXT_KEYS, set()) if shown else ({"term"}, {"explain"})
            texts = language_texts(entry, lang, required, optional=optional, other={"avoid"}, path=path,
                                   item_id=term_id, error=GlossaryError)
            words[lang], explanations[lang] = texts["term"], texts.get("explain", "")
            block = entry[lang]
            if "avoid" in block:
                avoid_lines[lang] = block.key_lines["avoid"]
                avoid[lang] = _variants(block["avoid"], path, avoid_lines[lang], lang, term_id)
        terms.append(Term(term_id, entry.line, words, explanations, shown, avoid, avoid_lines))
    return terms


def _variants(value: object, path: Path, line: int, lang: str, term_id: str) -> tuple[str, ...]:
    """`avoid: ["variant", …]`: a list of distinct non-empty texts."""
    if not isinstance(value, list) or not value:
        raise GlossaryError(path, line, f"'{lang}.avoid' must be a list of the variants not to use, "
                            'e.g. avoid: ["variant one", "variant two"]', term_id)
    for variant in value:
        if not isinstance(variant, str) or not variant.strip():
            raise GlossaryError(path, line, f"each variant in '{lang}.avoid' must be non-empty text in quotes", term_id)
        if not WORD.search(variant.lower()):
            raise GlossaryError(path, line, f"the variant «{variant}» in '{lang}.avoid' has no word in it", term_id)
    variants = tuple(" ".join(variant.split()) for variant in value)
    if len(set(variants)) != len(variants):
        raise GlossaryError(path, line, f"'{lang}.avoid' lists a variant twice", term_id)
    return variants


def _listed(terms: list[Term], lang: str) -> list[Term]:
    """The terms the glossary page shows, in the order it shows them in `lang`."""
    order = _ORDER.get(lang, {})
    return sorted((t for t in terms if t.shown),
                  key=lambda t: [order.get(c, ord(c)) for c in t.words[lang].casefold()])


def render(terms: list[Term], lang: str) -> str:
    """A definition list (HTML, for the rendered page) in the page's language, sorted by its
    terms; each term has its id as anchor, the other two languages' terms are marked with their
    own `lang`. HTML written here, not Markdown for the page's renderer: every text is plain text
    (escaped, never read as Markdown), and rendering 20 KB of generated Markdown cost more than
    the rest of the page."""
    items = []
    for term in _listed(terms, lang):
        others = " · ".join(
            f'{_text(NAMES[other])}: <span lang="{other}">{_text(term.words[other])}</span>'
            for other in LANGUAGES if other != lang
        )
        items.append(
            f'<dt id="{term.id}">{_text(term.words[lang])}</dt>\n'
            f"<dd>\n<p>{_text(term.explanations[lang])}</p>\n"
            f'<p class="glossary-other">{others}</p>\n</dd>\n'
        )
    return "<dl>\n" + "".join(items) + "</dl>"


def ids(terms: list[Term]) -> set[str]:
    """The anchors `render` gives the page (other pages link them as glossary.md#<id>)."""
    return {term.id for term in terms if term.shown}


def _text(text: str) -> str:
    return escape(text, quote=False)


def letters(terms: list[Term], lang: str, label: str) -> str:
    """A jump list for the glossary page: the first letter of the terms in `lang`, each a link to
    the first term that starts with it (in the order `render` lists them)."""
    first: dict[str, str] = {}
    for term in _listed(terms, lang):
        letter = term.words[lang][:1].upper()
        first.setdefault(letter, term.id)
    links = "".join(f'<a href="#{term_id}">{escape(letter)}</a>' for letter, term_id in first.items())
    return f'<nav class="glossary-letters" aria-label="{escape(label)}">{links}</nav>'
