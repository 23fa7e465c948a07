"""The site's own search index: one small JSON file per language, fetched when search is opened.

Plain Python, no MkDocs import (hooks/search_index.py is the thin adapter). The index holds,
for one language:

  pages     [[url, title], ...]               url relative to the language's root ("swit/violence/")
  sections  [[page, anchor, heading], ...]    the part of a page under one h2/h3 ("" = the top)
  words     {word: "0 5 17", ...}             every word form in the text -> sections it is in
  synonyms  [["пкп", "постконтактная профилактика", "pep"], ...]   names of one thing, from the
            glossary (sitebuild.abbreviations): a query with one of them finds the others

On the wire (`dumps`, `loads`) `words` is smaller: ["form form …", "0 5 12,3 1,…"], the forms
joined by spaces and, in the same order, each form's sections as gaps from the previous
number ("0 5 17" is written "0 5 12"), joined by commas. Small, repeated gaps compress far
better than growing numbers: about 10% less index to download on a phone (issue 19).

Words are lower-cased surface forms (ё written е). They are not stemmed here: the browser
stems them when it loads the index (overrides/assets/javascripts/search.js), so that the
stemmers exist once, and the reader's query and the text go through the same code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import unescape

FORMAT = 3
# A word: letters and digits (Unicode), as the browser's /[\p{L}\p{N}]+/gu splits a query.
WORD = re.compile(r"[^\W_]+")
WORD_CHARACTERS = re.compile(r"\w+")  # the same as WORD in a text without '_' (\w is WORD's letters and '_'), and faster
# Elements whose text is not page text.
# (The look-ahead at the names' first letters changes no match: it lets most tags fail at once.)
SKIPPED = re.compile(r"<(?=[nst])(script|style|template|svg|noscript)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
# Headings that start a section of their own (h1 is the page title: its text joins the top).
SECTION_HEADING = re.compile(r"<h([23])\b([^>]*)>(.*?)</h\1\s*>", re.DOTALL)
ID_ATTRIBUTE = re.compile(r'\bid="([^"]*)"')
TAG = re.compile(r"<[^>]*>")
# Words longer than this are not words (hashes, URLs without separators).
MAX_WORD = 40


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, ё as е, in order (the browser does the same to a query)."""
    text = text.lower().replace("ё", "е")
    found = (WORD if "_" in text else WORD_CHARACTERS).findall(text)
    return found if max(map(len, found), default=0) <= MAX_WORD else [w for w in found if len(w) <= MAX_WORD]


@dataclass
class Section:
    """The part of a page under one heading: its anchor, heading text and body text."""

    anchor: str = ""
    heading: str = ""
    text: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Page:
    """One built page of a language: URL relative to the language's root, title, sections."""

    url: str
    title: str
    sections: list[Section]


def _text(fragment: str) -> str:
    """Plain text of an HTML fragment; block boundaries become spaces."""
    return unescape(TAG.sub(" ", fragment))


def sections_of(html: str) -> list[Section]:
    """Split a page's content HTML into sections at each h2/h3 (the text before the first one
    is the top section, anchor ""). Regular expressions rather than an HTML parser: the
    content is MkDocs' own well-formed output, and this runs for every page of every build."""
    html = SKIPPED.sub(" ", html)
    sections = [Section()]
    start = 0
    for heading in SECTION_HEADING.finditer(html):
        sections[-1].text.append(_text(html[start:heading.start()]))
        text = " ".join(_text(heading.group(3)).split())
        anchor = ID_ATTRIBUTE.search(heading.group(2))
        sections.append(Section(anchor=anchor.group(1) if anchor else "", heading=text, text=[text, " "]))
        start = heading.end()
    sections[-1].text.append(_text(html[start:]))
    # An h2/h3 without an id cannot be linked to: its text joins the section before it.
    top, rest = sections[0], sections[1:]
    merged = [top]
    for section in rest:
        if section.anchor:
            merged.append(section)
        else:
            merged[-1].text.extend([" "] + section.text)
    return merged


def page_from_html(url: str, title: str, html: str) -> Page:
    """A page of the index from its URL (relative to the language root), title and content HTML."""
    return Page(url=url, title=" ".join(title.split()), sections=sections_of(html))


def build_index(lang: str, pages: list[Page], synonyms: list[list[str]] | None = None) -> dict:
    """The search index of one language's pages (see the module's docstring)."""
    out_pages, out_sections, postings = _postings(pages)
    return _index(lang, out_pages, out_sections, {word: " ".join(map(str, postings[word])) for word in sorted(postings)},
                  synonyms)


def index_text(lang: str, pages: list[Page], synonyms: list[list[str]] | None = None) -> str:
    """dumps(build_index(…)), made without writing the section numbers out and reading them back."""
    out_pages, out_sections, postings = _postings(pages)
    forms = sorted(postings)
    gaps = ",".join(str(numbers[0]) if len(numbers) == 1 else " ".join(map(str, map(int.__sub__, numbers, [0, *numbers])))
                    for numbers in map(postings.__getitem__, forms))
    return _json(_index(lang, out_pages, out_sections, [" ".join(forms), gaps], synonyms))


def _postings(pages: list[Page]) -> tuple[list[list[str]], list[list[object]], dict[str, list[int]]]:
    """The pages, the sections and, for each word form, the sections it is in (rising numbers)."""
    out_pages: list[list[str]] = []
    out_sections: list[list[object]] = []
    postings: dict[str, list[int]] = {}
    for page_number, page in enumerate(sorted(pages, key=lambda p: p.url)):
        out_pages.append([page.url, page.title])
        for section in page.sections:
            number = len(out_sections)
            out_sections.append([page_number, section.anchor, section.heading])
            text = page.title + " " + "".join(section.text) if not section.anchor else "".join(section.text)
            for word in dict.fromkeys(words(text)):
                postings.setdefault(word, []).append(number)
    return out_pages, out_sections, postings


def _index(lang: str, pages: list[list[str]], sections: list[list[object]], words: object,
           synonyms: list[list[str]] | None) -> dict:
    return {"format": FORMAT, "lang": lang, "pages": pages, "sections": sections, "words": words,
            "synonyms": synonyms or []}


def _gaps(posting: str) -> str:
    numbers = [int(n) for n in posting.split()]
    return " ".join(str(b - a) for a, b in zip([0, *numbers], numbers))


def _sums(gaps: str) -> str:
    total, out = 0, []
    for gap in gaps.split():
        total += int(gap)
        out.append(str(total))
    return " ".join(out)


def dumps(index: dict) -> str:
    """The index as compact JSON text (UTF-8 letters kept as they are: smaller than \\u escapes),
    `words` in the wire form of the module's docstring."""
    forms = list(index["words"])
    return _json({**index, "words": [" ".join(forms), ",".join(_gaps(index["words"][f]) for f in forms)]})


def _json(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> dict:
    """The index `dumps` wrote, `words` back as {form: "0 5 17"}."""
    index = json.loads(text)
    forms, gaps = index["words"]
    index["words"] = dict(zip(forms.split(" "), map(_sums, gaps.split(",")))) if forms else {}
    return index
