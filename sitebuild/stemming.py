"""The search's stemmers, callable from Python: the very code the browser runs, not a copy.

The stemmers (Snowball Russian; Kyrgyz and Kazakh suffix stripping) live once, in
overrides/assets/javascripts/search-engine.js. The term check (sitebuild.terms) must stem exactly as the
search does, so it runs that file in QuickJS, a small JavaScript engine shipped as a Python wheel
(`quickjs` on PyPI): no Node.js, no browser. search-engine.js only defines `window.siteSearch`
(search.js, the interface, loads it when search is opened).

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import quickjs

SEARCH_JS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "search-engine.js"

# What the engine needs of a page: a `window` to define window.siteSearch on.
_STUB = "var window = {}; var document = {querySelector: function () { return null; }}; var location = {};"
# One call per batch of words (a call into the engine costs more than stemming a word). The known
# forms are handed over once, kept in the engine, and handed over again only when they change (the
# term check stems twice per language with the same ones): the stemmers only read them.
_KNOW = """(function (known, lines) {
  var k = {};
  (lines ? known.split("\\n") : JSON.parse(known)).forEach(function (w) { k[w] = 1; });
  window.termCheckKnown = k;
})"""
_STEM_ALL = """(function (lang, words) {
  var k = window.termCheckKnown;
  return JSON.stringify(JSON.parse(words).map(function (w) { return window.siteSearch.stem(lang, w, k); }));
})"""


@lru_cache(maxsize=1)
def _engine() -> tuple[quickjs.Function, quickjs.Function, list[frozenset[str] | None]]:
    """The engine's two calls, and the known forms it holds (none yet)."""
    context = quickjs.Context()
    context.eval(_STUB)
    context.eval(SEARCH_JS.read_text(encoding="utf-8"))
    return context.eval(_KNOW), context.eval(_STEM_ALL), [None]


def stems(lang: str, words: Iterable[str], known: Iterable[str] = ()) -> dict[str, str]:
    """word -> its stem in `lang`, as the site search computes it. `words` are lower-case word
    forms (sitebuild.search.words); `known` are the forms the language's texts contain: where
    two endings fit, the one that leaves a known word wins, as in the search."""
    unique = sorted(set(words))
    if not unique:
        return {}
    know, stem_all, held = _engine()
    known = frozenset(known)
    if held[0] != known:
        lines = "\n".join(known)  # one form a line, where no form has a line break (forms are words)
        if known and lines.count("\n") == len(known) - 1:
            know(lines, True)
        else:
            know(json.dumps(sorted(known), ensure_ascii=False), False)
        held[0] = known
    return dict(zip(unique, json.loads(stem_all(lang, json.dumps(unique, ensure_ascii=False)))))
