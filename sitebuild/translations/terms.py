"""The term check: one word for one thing. Finds every variant that glossary/terms.yaml says to
avoid, in every text of its language, and names the preferred form.

Plain Python, no MkDocs import. A variant is found in any grammatical form: the words of the texts
and of the variant are stemmed by the site search's own stemmers (sitebuild.stemming), and a
variant of several words is found where the same stems follow each other within one paragraph,
list item or data text. Texts are given as `Source`s: a page, an interface-string file, a
data file (`sources()` gathers all of them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from sitebuild.glossary import Term
from sitebuild.search import MAX_WORD, WORD, words
from sitebuild.stemming import stems
from sitebuild.translations.pages import Page
from sitebuild.translations.script import prose, units
from sitebuild.yaml_lines import Text

Lines = tuple[tuple[int, str], ...]  # (line number, text) of one paragraph / data text


@dataclass(frozen=True)
class Source:
    """The texts of one file in one language: each unit a paragraph or one data value."""

    file: Path
    lang: str
    units: tuple[Lines, ...]


@dataclass(frozen=True)
class Finding:
    """An avoided variant found at file:line, as written there."""

    file: Path
    line: int
    lang: str
    found: str
    variant: str
    preferred: str
    term_id: str

    def __str__(self) -> str:
        shown = os.path.relpath(self.file) if self.file.is_absolute() else str(self.file)
        return (f"{shown}:{self.line}: «{self.found}» — write «{self.preferred}» "
                f"(glossary/terms.yaml, term '{self.term_id}', {self.lang}: avoid «{self.variant}»)")


class _Word(NamedTuple):
    line: int
    column: int
    end: int
    form: str


def page_source(page: Page) -> Source:
    """A Markdown page: its title, description and body, as the script check reads them
    (code, link targets, tags and text marked as another language left out)."""
    return Source(page.file, page.lang, tuple(unit.lines for unit in units(page)))


# What the last check found in each language, by what it read (`mkdocs serve` checks again after every save).
_found: dict[str, tuple[tuple, list[Finding]]] = {}


def text_source(file: Path, lang: str, texts: Iterable[Text]) -> Source:
    """The `lang` texts of a data or interface file (`avoid` lists are not texts to check)."""
    return Source(file, lang, tuple(tuple((n, prose(part)) for n, part in text.lines)
                                    for text in texts if text.lang == lang and text.key != "avoid"))


def _words(lines: Lines) -> list[_Word]:
    """The words of a unit with their places, lower-cased and ё as е (as sitebuild.search.words)."""
    found = []
    for number, text in lines:
        for match in WORD.finditer(_lowered(text)):
            if len(match.group()) <= MAX_WORD:
                found.append(_Word(number, match.start(), match.end(), match.group()))
    return found


@lru_cache(maxsize=16384)  # the texts of a language stay the same from one check to the next but for the saved page
def _forms(lines: Lines) -> tuple[str, ...]:
    """The forms of _words(lines), found faster: their places are needed only where a variant stands."""
    return tuple(words("\n".join(text for _, text in lines)))


def _lowered(text: str) -> str:
    return text.lower().replace("ё", "е")


def find_avoided(terms: list[Term], found_in: list[Source]) -> list[Finding]:
    """Every place where a variant to avoid stands, in file order."""
    findings: list[Finding] = []
    for lang in sorted({lang for term in terms for lang in term.avoid}):
        rules = [(term, variant) for term in terms for variant in term.avoid.get(lang, ())]
        key = (tuple((term.id, term.words[lang], variant) for term, variant in rules),
               tuple(source for source in found_in if source.lang == lang))
        if lang not in _found or _found[lang][0] != key:
            _found[lang] = (key, _find(lang, rules, found_in))
        findings += _found[lang][1]
    return sorted(findings, key=lambda f: (str(f.file), f.line, f.found))


def _find(lang: str, rules: list[tuple[Term, str]], found_in: list[Source]) -> list[Finding]:
    """The avoided variants in the texts of one language."""
    findings: list[Finding] = []
    texts = [(source, unit, _forms(unit)) for source in found_in if source.lang == lang for unit in source.units]
    known = {form for _, _, forms in texts for form in forms}
    variant_words = {variant: _forms(((0, variant),)) for _, variant in rules}
    stem = stems(lang, {w for forms in variant_words.values() for w in forms}, known)
    by_first: dict[str, list[tuple[Term, str, tuple[str, ...]]]] = {}
    for term, variant in rules:
        key = tuple(stem[w] for w in variant_words[variant])
        if key:
            by_first.setdefault(key[0], []).append((term, variant, key))
    # Only words that can have one of the variants' stems need stemming (_beginnings).
    starts = tuple(sorted({start for s in stem.values() for start in _beginnings(s)}))
    stem.update(stems(lang, {w for w in known if w.startswith(starts)}, known))
    firsts = {form for form, first in stem.items() if first in by_first}  # forms a variant can start with
    for source, unit, forms in texts:
        if firsts.isdisjoint(forms):
            continue
        keys = [stem.get(form) for form in forms]
        for i, first in enumerate(keys):
            for term, variant, key in by_first.get(first, ()):
                if tuple(keys[i:i + len(key)]) == key:
                    words = _words(unit)
                    findings.append(Finding(source.file, words[i].line, lang, _as_written(unit, words[i:i + len(key)]),
                                            variant, term.words[lang], term.id))
    return findings


# A stem is the word less its endings (each begins with a Cyrillic letter: no letter is cut in two),
# its last letter perhaps hardened (search-engine.js: г → к, ғ → қ, б → п): a word has the stem only
# if it begins with the stem, or with the stem softened.
SOFTENED = {"к": "г", "қ": "ғ", "п": "б"}


def _beginnings(stem: str) -> tuple[str, ...]:
    """What a word begins with if `stem` is its stem."""
    return (stem, *(stem[:-1] + soft for soft in SOFTENED.get(stem[-1:], "")))


def _as_written(unit: Lines, words: list[_Word]) -> str:
    """The words as the text has them (their case, the punctuation between them)."""
    text = dict(unit)
    first, last = words[0], words[-1]
    if first.line == last.line:
        return text[first.line][first.column:last.end]
    return " ".join(text[w.line][w.column:w.end] for w in words)
