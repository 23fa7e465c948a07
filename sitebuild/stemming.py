"""The search's stemmers, callable from Python: the very code the browser runs, not a copy.

The stemmers (Snowball Russian; Kyrgyz and Kazakh suffix stripping) live once, in
overrides/assets/javascripts/search.js. The term check (sitebuild.terms) must stem exactly as the
search does, so it runs that file in QuickJS, a small JavaScript engine shipped as a Python wheel
(`quickjs` on PyPI): no Node.js, no browser. search.js only defines `window.siteSearch` when
there is no search box on the page, which is what the stub `document` below says.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import quickjs

SEARCH_JS = Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "search.js"

# A page without a search box: search.js defines window.siteSearch and stops.
_STUB = "var window = {}; var document = {querySelector: function () { return null; }}; var location = {};"
# One call per batch of words (a call into the engine costs more than stemming a word).
_STEM_ALL = """(function (lang, words, known) {
  var k = {};
  JSON.parse(known).forEach(function (w) { k[w] = 1; });
  return JSON.stringify(JSON.parse(words).map(function (w) { return window.siteSearch.stem(lang, w, k); }));
})"""


@lru_cache(maxsize=1)
def _engine() -> quickjs.Function:
    context = quickjs.Context()
    context.eval(_STUB)
    context.eval(SEARCH_JS.read_text(encoding="utf-8"))
    return context.eval(_STEM_ALL)


def stems(lang: str, words: Iterable[str], known: Iterable[str] = ()) -> dict[str, str]:
    """word -> its stem in `lang`, as the site search computes it. `words` are lower-case word
    forms (sitebuild.search.words); `known` are the forms the language's texts contain: where
    two endings fit, the one that leaves a known word wins, as in the search."""
    unique = sorted(set(words))
    if not unique:
        return {}
    result = json.loads(_engine()(lang, json.dumps(unique, ensure_ascii=False),
                                  json.dumps(sorted(set(known)), ensure_ascii=False)))
    return dict(zip(unique, result))
