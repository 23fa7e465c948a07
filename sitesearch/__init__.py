"""The site's own search index: one small JSON file per language, fetched when search is opened.

Plain Python, no MkDocs import (hooks/search_index.py is the thin adapter). The index holds,
for one language:

  pages     [[url, title], ...]               url relative to the language's root ("swit/violence/")
  sections  [[page, anchor, heading], ...]    the part of a page under one h2/h3 ("" = the top)
  words     {word: "0 5 17", ...}             every word form in the text -> sections it is in

Words are lower-cased surface forms (ё written е). They are not stemmed here: the browser
stems them when it loads the index (overrides/assets/javascripts/search.js), so that the
stemmers exist once, and the reader's query and the text go through the same code.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

FORMAT = 1
# A word: letters and digits (Unicode), as the browser's /[\p{L}\p{N}]+/gu splits a query.
WORD = re.compile(r"[^\W_]+")
# Tags whose text is not page text.
SKIP_TAGS = {"script", "style", "template", "svg", "noscript"}
# Headings that start a section of their own (h1 is the page title: its text joins the top).
SECTION_TAGS = {"h2", "h3"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Words longer than this are not words (hashes, URLs without separators).
MAX_WORD = 40


def words(text: str) -> list[str]:
    """The words of `text`, lower-cased, ё as е, in order (the browser does the same to a query)."""
    text = text.lower().replace("ё", "е")
    return [w for w in WORD.findall(text) if len(w) <= MAX_WORD]


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


class _SectionParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [Section()]
        self._skip = 0
        self._heading: str | None = None  # tag of the section heading being read
        self._heading_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in SECTION_TAGS and not self._skip:
            self.sections.append(Section(anchor=dict(attrs).get("id") or ""))
            self._heading, self._heading_text = tag, []
        elif tag in {"br", "p", "li", "td", "th", "dt", "dd", "div"} | HEADING_TAGS:
            self._add(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag == self._heading:
            self.sections[-1].heading = " ".join("".join(self._heading_text).split())
            self._heading = None
        self._add(" ")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._heading:
            self._heading_text.append(data)
        self._add(data)

    def _add(self, text: str) -> None:
        if not self._skip:
            self.sections[-1].text.append(text)


def sections_of(html: str) -> list[Section]:
    """Split a page's content HTML into sections at each h2/h3 (the text before the first one
    is the top section, anchor "")."""
    parser = _SectionParser()
    parser.feed(html)
    parser.close()
    top, rest = parser.sections[0], parser.sections[1:]
    # An h2/h3 without an id cannot be linked to: its text joins the section before it.
    merged = [top]
    for section in rest:
        if section.anchor:
            merged.append(section)
        else:
            merged[-1].text.extend(section.text)
    return merged


def page_from_html(url: str, title: str, html: str) -> Page:
    """A page of the index from its URL (relative to the language root), title and content HTML."""
    return Page(url=url, title=" ".join(title.split()), sections=sections_of(html))


def build_index(lang: str, pages: list[Page]) -> dict:
    """The search index of one language's pages (see the module's docstring)."""
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
    return {
        "format": FORMAT,
        "lang": lang,
        "pages": out_pages,
        "sections": out_sections,
        "words": {word: " ".join(map(str, postings[word])) for word in sorted(postings)},
    }


def dumps(index: dict) -> str:
    """The index as compact JSON text (UTF-8 letters kept as they are: smaller than \\u escapes)."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
