"""The names of one thing, from the glossary, for the search index: abbreviations and what they
stand for, and the variants translators are told to avoid.

Plain Python, no MkDocs import. A glossary term such as «ПКП (постконтактная профилактика, PEP)»
names one thing several ways; the search treats them as one (a reader who types «ПКП» finds the
pages that say «PEP» or «постконтактная профилактика», and the other way round). A term gives a
group when one of its names is an abbreviation (a word of 2–6 letters, at least two of them
capitals) — «Адвокат (защитник)» is not one thing named twice — or when it lists variants to
avoid: the pages never use them, but readers still type them (ky «дарыгер» finds the pages that
say «врач», kk «врач» those that say «дәрігер»).

`names_of` reads one term's text: the one function to adapt if the glossary's format changes
(issue 17 turns it into a term base with preferred forms and variants).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

ABBREVIATION = re.compile(r"^[^\W\d_]{2,6}$")
PARTS = re.compile(r"^(?P<main>[^(]*?)\s*(?:\((?P<inner>[^)]*)\))?\s*$")


def names_of(term: str) -> list[str]:
    """The names a term's text gives: «ПКП (постконтактная профилактика, PEP)» →
    ['ПКП', 'постконтактная профилактика', 'PEP']."""
    match = PARTS.match(term)
    if not match:
        return [term.strip()]
    # Commas in the brackets separate names only next to an abbreviation: «(люди, живущие с ВИЧ)»
    # is one name, «(постконтактная профилактика, PEP)» two.
    pieces = [" ".join(p.split()) for p in (match.group("inner") or "").split(",") if p.strip()]
    abbreviations = [p for p in pieces if is_abbreviation(p)]
    rest = ", ".join(p for p in pieces if not is_abbreviation(p))
    names = [" ".join(match.group("main").split())]
    for piece in pieces:
        if piece in abbreviations:
            names.append(piece)
        elif rest:
            names.append(rest)
            rest = ""
    return [n for n in names if n]


def is_abbreviation(name: str) -> bool:
    return bool(ABBREVIATION.match(name)) and sum(c.isupper() for c in name) >= 2


def synonym_groups(terms: Iterable[tuple[str, Sequence[str]]]) -> list[list[str]]:
    """Lower-cased groups of names, ё written е: one per (term, its variants to avoid) that has an
    abbreviation or variants; the term's names first, then the variants."""
    groups = []
    for term, variants in terms:
        names = names_of(term)
        if variants or (len(names) > 1 and any(is_abbreviation(n) for n in names)):
            group = list(dict.fromkeys(n.lower().replace("ё", "е") for n in [*names, *variants]))
            if len(group) > 1:
                groups.append(group)
    return groups
