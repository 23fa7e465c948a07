"""The site's own search: one language per index, fetched when search is opened, stemming
measured on real word forms from the content.

Hit rate of inflected queries (the expected page among the first 5 results). Each query is
a word form that occurs in that language's pages but NOT on the expected page, so matching
exact words finds none of them by construction; the question is how many grammatical forms
the search bridges. Measured by test_inflected_queries_find_their_page on this content
(all queries / the held-out ones, see HELD_OUT):

    language  queries   exact words   prefix only   stemming    stemming + prefix (what readers get)
    ru        16 + 8     0 % / 0 %    17 % / 25 %   100 / 100 %   100 % / 100 %
    ky        20 + 12    0 % / 0 %    22 % / 33 %   100 / 100 %   100 % / 100 %
    kk        20 + 13    0 % / 0 %    15 % / 31 %   100 / 100 %   100 % / 100 %

Run `pytest tests/test_search.py -k inflected -s` to see the figures of the current content.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import LANGUAGES, ROOT, build_without_translation, pages
from sitebuild.search import MAX_WORD, WORD, build_index, dumps, index_text, loads, page_from_html, sections_of, words

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SEARCH_FIELD = "#site-search-input"
RESULT_LINKS = ".site-search__results a"
# gzip size a reader downloads when opening search, per language (measured: 35–37 KB)
INDEX_BUDGET = 45_000
# The page script (assets/javascripts/site.<hash>.js: search.js bundled with the quick exit,
# the language switcher and the copy button), gzip, downloaded with every first page view
# (measured: 1.8 KB); the engine (search-engine.js) comes with the index, once search is opened
# (measured: 5.6 KB)
ASSET_BUDGET = 2_500
ENGINE_BUDGET = 7_000


def prefix(lang: str) -> str:
    return "" if lang == "ru" else f"{lang}/"


def load_index(site: Path, lang: str) -> dict:
    return loads((site / "search" / f"{lang}.json").read_text(encoding="utf-8"))


def page_words(index: dict, url: str) -> set[str]:
    """Every word form the index holds for one page."""
    number = [p[0] for p in index["pages"]].index(url)
    sections = {str(i) for i, s in enumerate(index["sections"]) if s[0] == number}
    return {w for w, posting in index["words"].items() if sections & set(posting.split())}


# --- the plain-Python index --------------------------------------------------------------

def test_words_are_lowercased_and_split_like_the_browser_splits_a_query() -> None:
    assert words("Секс-работники, ЁЛКА и 112!") == ["секс", "работники", "елка", "и", "112"]
    assert words("Өзүңдү сакта: құқықтар") == ["өзүңдү", "сакта", "құқықтар"]


def test_sections_split_at_h2_and_h3_with_ids() -> None:
    html = ('<h1 id="t">Title</h1><p>intro text</p><h2 id="a">Alpha</h2><p>one</p>'
            '<h3 id="b">Beta</h3><p>two</p><h4 id="c">Gamma</h4><p>three</p>'
            '<script>var x = "hidden";</script><h2>No id</h2><p>four</p>')
    top, alpha, beta = sections_of(html)
    assert (top.anchor, alpha.anchor, alpha.heading, beta.heading) == ("", "a", "Alpha", "Beta")
    assert "intro" in "".join(top.text)
    assert "three" in "".join(beta.text) and "four" in "".join(beta.text)
    assert "hidden" not in "".join(top.text + alpha.text + beta.text)


def test_index_lists_pages_sections_and_word_forms() -> None:
    page = page_from_html("ky/a/", "Зомбулуктан  кийин", '<p>Зомбулук</p><h2 id="x">Арыз</h2><p>арызды</p>')
    index = build_index("ky", [page])
    assert index["lang"] == "ky"
    assert index["pages"] == [["ky/a/", "Зомбулуктан кийин"]]
    assert index["sections"] == [[0, "", ""], [0, "x", "Арыз"]]
    assert index["words"]["зомбулуктан"] == "0" and index["words"]["арызды"] == "1"
    assert index["words"]["арыз"] == "1"


def test_index_on_the_wire_writes_gaps_and_reads_back_the_same() -> None:
    pages = [page_from_html(f"p{n}/", "Арыз", "".join(f'<h2 id="s{i}">Арыз</h2><p>{"бир " * (i % 3)}эки</p>' for i in range(n + 2)))
             for n in range(4)]
    index = build_index("ky", pages)
    wire = json.loads(dumps(index))
    forms, gaps = wire["words"]
    assert forms.split(" ") == list(index["words"])
    assert len(gaps.split(",")) == len(index["words"])
    # "арыз" is in every section (0, 1, 2, …, 17): written as gaps, that is 0 then ones
    assert index["words"]["арыз"].split()[-1] == "17"
    assert set(gaps.split(",")[forms.split(" ").index("арыз")].split()) == {"0", "1"}
    assert loads(dumps(index)) == index
    assert loads(dumps(build_index("ky", []))) == build_index("ky", [])


def test_words_with_and_without_underscores_split_as_the_word_pattern_splits() -> None:
    for text in ("snake_case_word и _x_ ё__Ё", "Арыз " + "а" * (MAX_WORD + 1) + " бир", "a_" + "b" * MAX_WORD, ""):
        lowered = text.lower().replace("ё", "е")
        assert words(text) == [w for w in WORD.findall(lowered) if len(w) <= MAX_WORD]


def test_index_text_is_the_dumped_index() -> None:
    pages = [page_from_html(f"p{n}/", f"Арыз {n}", "".join(f'<h2 id="s{i}">Арыз_{i % 2}</h2><p>{"бир " * (i % 3)}эки ё</p>'
                                                            for i in range(n + 2))) for n in range(5)]
    for subset in (pages, pages[:1], []):
        for synonyms in (None, [["пкп", "pep"]]):
            assert index_text("ky", subset, synonyms) == dumps(build_index("ky", subset, synonyms))


# --- the built indexes -------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_small_index(site: Path, lang: str) -> None:
    path = site / "search" / f"{lang}.json"
    index = load_index(site, lang)
    assert index["lang"] == lang
    urls = [url for url, _ in index["pages"]]
    assert len(urls) == len(pages("ru")), urls
    for url in urls:
        if lang == "ru":
            assert not url.startswith(("ky/", "kk/")), url
        else:
            assert url.startswith(prefix(lang)), url
    size = len(gzip.compress(path.read_bytes(), 9))
    print(f"search/{lang}.json: {path.stat().st_size} bytes, {size} gzip, {len(index['words'])} word forms")
    assert size <= INDEX_BUDGET, f"{lang} index is {size} bytes gzip"


def test_search_assets_are_light(site: Path) -> None:
    [bundle] = (site / "assets" / "javascripts").glob("site.*.js")
    size = len(gzip.compress(bundle.read_bytes(), 9))
    assert size <= ASSET_BUDGET, f"{bundle.name}: {size} bytes gzip"
    engine = len(gzip.compress((site / "assets" / "javascripts" / "search-engine.js").read_bytes(), 9))
    assert engine <= ENGINE_BUDGET, f"search-engine.js: {engine} bytes gzip"
    assert not (site / "search" / "search_index.json").exists()  # Material's search stays off


def test_untranslated_page_is_indexed_under_the_language_it_is_served_in(tmp_path: Path) -> None:
    page, site = build_without_translation(tmp_path, "ky")
    url = page.removesuffix(".md").removesuffix("index") + ("" if page.endswith("index.md") else "/")
    ru_titles = dict(load_index(site, "ru")["pages"])
    ky = load_index(site, "ky")
    assert ["ky/" + url, ru_titles[url]] in ky["pages"], (url, ky["pages"])
    assert url not in dict(ky["pages"])
    assert set(words(ru_titles[url])) <= page_words(ky, "ky/" + url)  # the Russian text is searchable


# --- in the browser ----------------------------------------------------------------------

def open_page(context, url: str):
    """A new tab on `url`, with every request it makes and every script error recorded."""
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.goto(url, wait_until="networkidle")
    return page


def index_requests(page) -> list[str]:
    return [u for u in page.requests if "/search/" in urlparse(u).path and u.endswith(".json")]


def search(page, query: str) -> list[str]:
    """Type a query into the search field as a reader does; the result links' URLs."""
    page.fill(SEARCH_FIELD, query)
    page.wait_for_function("query => document.querySelector('[data-site-search]').dataset.shown === query", arg=query)
    return page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_index_is_fetched_when_search_is_opened_not_on_page_load(phone, site_url: str, lang: str) -> None:
    page = open_page(phone, f"{site_url}{prefix(lang)}rights/police/")
    assert page.is_visible(SEARCH_FIELD)
    assert index_requests(page) == [], "the index was fetched on page load"
    assert not [u for u in page.requests if "lunr" in u or "search_index" in u or "search-engine" in u]
    with page.expect_response(lambda r: r.url.endswith(f"/search/{lang}.json")):
        page.focus(SEARCH_FIELD)
    page.wait_for_function("() => window.siteSearch && window.siteSearch.engine")
    page.wait_for_load_state("networkidle")
    assert index_requests(page) == [f"{site_url}search/{lang}.json"]
    search(page, "полиция")
    assert index_requests(page) == [f"{site_url}search/{lang}.json"], "fetched again"
    assert all(urlparse(u).hostname == "127.0.0.1" for u in page.requests), page.requests
    assert page.errors == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_on_a_page_returns_only_pages_of_its_language(phone, site_url: str, lang: str) -> None:
    page = open_page(phone, f"{site_url}{prefix(lang)}")
    # «полиция» is written the same way in all three languages.
    links = search(page, "полиция")
    assert len(links) >= 3, links
    for link in links:
        path = urlparse(link).path
        if lang == "ru":
            assert not path.startswith(("/ky/", "/kk/")), link
        else:
            assert path.startswith(f"/{lang}/"), link
    status = page.text_content(".site-search__status")
    assert str(len(links)) in status
    # The first result opens its page.
    page.click(RESULT_LINKS)
    page.wait_for_load_state()
    assert urlparse(page.url).path.startswith(f"/{prefix(lang)}")
    assert page.errors == []


def test_russian_stemming_finds_other_grammatical_forms(phone, site_url: str, site: Path) -> None:
    """«насилие» finds the pages that only say «насилия» (or «насилием», «насилии»)."""
    index = load_index(site, "ru")
    pages_with = {url for url, _ in index["pages"] if "насилия" in page_words(index, url)}
    only_other_form = {url for url in pages_with if "насилие" not in page_words(index, url)}
    assert only_other_form, "the content changed: pick another word"
    page = open_page(phone, site_url)
    search(page, "насилие")
    found = set(page.evaluate("q => siteSearch.engine.search(q, {limit: 1000}).map(r => r.page)", "насилие"))
    assert pages_with <= found, sorted(pages_with - found)
    assert only_other_form <= found


# Real word forms from docs/<lang> that do not occur on the page a reader looking for them
# would want (both checked below). Hits are counted among the first five results.
# TUNING: the stemmers were adjusted while looking at these: the conditional -са/-се (ұстауға →
# the police page, titled «полиция ұстаса») and dropping a stem's last vowel (кармоого → кармаса).
# HELD_OUT: picked after the first of those changes and at 100 % when picked; the later change
# was checked against them, not made for them. After a fact audit removed some words from the
# pages, six queries were replaced by other real forms of the same words (no stemmer change).
TUNING = {
    "ru": [
        ("насилием", "rights/violence/"), ("полицию", "rights/police/"), ("врачи", "rights/doctor/"),
        ("документов", "rights/documents/"), ("организацией", "help/"), ("безопасные", "take-care/"),
        ("здоровья", "take-care/"), ("наркотик", "take-care/"), ("мониторинге", "monitoring/"),
        ("клиенты", "take-care/"), ("календаре", "calendar/"), ("протоколу", "rights/police/"),
        ("миграцией", "rights/documents/"), ("помощью", "help/"), ("телефоне", "take-care/"),
        ("права", "rights/"),
    ],
    "ky": [
        ("зомбулукка", "rights/violence/"), ("зомбулугуна", "swit/violence/"),
        ("полицияга", "rights/police/"), ("кармоого", "rights/police/"), ("протоколу", "rights/police/"),
        ("врачтар", "rights/doctor/"), ("документ", "rights/documents/"),
        ("паспорт", "rights/documents/"), ("любриканттарды", "swit/condoms-lubricants/"),
        ("уюмдардан", "help/"), ("коопсуздукка", "take-care/"), ("соолукка", "take-care/"),
        ("баңгизатка", "take-care/"), ("телефонуңузга", "take-care/"), ("укуктары", "rights/"),
        ("арызына", "rights/violence/"), ("стигманын", "glossary/"), ("кызматтарды", "monitoring/"),
        ("мониторингинин", "monitoring/"), ("кардарларды", "take-care/"),
    ],
    "kk": [
        ("зомбылығына", "rights/violence/"), ("полицияға", "rights/police/"),
        ("ұстауға", "rights/police/"), ("хаттамасы", "rights/police/"), ("дәрігерлер", "rights/doctor/"),
        ("құжат", "rights/documents/"), ("презервативпен", "swit/condoms-lubricants/"),
        ("ұйымдарға", "help/"), ("көмекке", "help/"), ("қауіпсіздікке", "take-care/"),
        ("денсаулыққа", "take-care/"), ("есірткіге", "take-care/"), ("құқықтары", "rights/"),
        ("арызына", "rights/violence/"), ("стигманың", "glossary/"), ("қызметтерді", "monitoring/"),
        ("мониторингінің", "monitoring/"), ("клиенттерді", "take-care/"), ("күнтізбесін", "calendar/"),
        ("заңгерлер", "rights/"),
    ],
}
HELD_OUT = {
    "ru": [
        ("лубриканта", "swit/condoms-lubricants/"), ("профилактики", "swit/clinical-services/"),
        ("аутрича", "swit/community-led-services/"), ("комитетом", "swit/community-led-services/"),
        ("законов", "rights/police/"), ("мигрантам", "rights/documents/"),
        ("участию", "swit/community-empowerment/"), ("передозировку", "take-care/"),
    ],
    "ky": [
        ("тренингдер", "swit/"), ("любриканттарды", "swit/condoms-lubricants/"),
        ("профилактикасы", "swit/clinical-services/"), ("аутричи", "swit/community-led-services/"),
        ("комитетине", "swit/community-led-services/"), ("мыйзамдар", "rights/police/"),
        ("форумунун", "about/"), ("номерлерин", "help/"), ("далилиңиз", "rights/violence/"),
        ("документтеринде", "rights/documents/"), ("катышууга", "swit/community-empowerment/"),
        ("браузерде", "quick-exit/"),
    ],
    "kk": [
        ("тренингтер", "swit/"), ("лубриканттарды", "swit/condoms-lubricants/"),
        ("профилактикасын", "swit/clinical-services/"), ("аутричі", "swit/community-led-services/"),
        ("комитетіне", "swit/community-led-services/"), ("заңдар", "rights/police/"),
        ("форумының", "about/"), ("нөмірлерін", "help/"), ("дәлеліңіз", "rights/violence/"),
        ("құжаттарында", "rights/documents/"), ("қатысуға", "swit/community-empowerment/"),
        ("браузерде", "quick-exit/"), ("дозасын", "take-care/"),
    ],
}
MODES = {
    "exact words": {"stem": False, "prefix": False},
    "prefix only": {"stem": False, "prefix": True},
    "stemming": {"stem": True, "prefix": False},
    "stemming + prefix": {"stem": True, "prefix": True},
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_inflected_queries_find_their_page(phone, site_url: str, site: Path, lang: str) -> None:
    index = load_index(site, lang)
    queries = [(q, prefix(lang) + url) for q, url in TUNING[lang] + HELD_OUT[lang]]
    for query, url in queries:
        assert query in index["words"], f"{query!r} is not in the {lang} pages: not a real query"
        assert query not in page_words(index, url), f"{query!r} is on {url} itself: not a test of stemming"
    page = open_page(phone, f"{site_url}{prefix(lang)}")
    search(page, queries[0][0])  # loads the index through the interface
    rates, misses, held_out = {}, {}, {}
    for mode, options in MODES.items():
        found = page.evaluate(
            """([queries, options]) => queries.map(([q, url]) =>
                   siteSearch.engine.search(q, Object.assign({limit: 5}, options)).some(r => r.page === url))""",
            [queries, options],
        )
        rates[mode] = sum(found) / len(queries)
        held_out[mode] = sum(found[len(TUNING[lang]):]) / len(HELD_OUT[lang])
        misses[mode] = [q for (q, _), hit in zip(queries, found) if not hit]
    report = ", ".join(f"{mode} {rates[mode]:.0%} (held out {held_out[mode]:.0%})" for mode in MODES)
    print(f"\n{lang}: {len(TUNING[lang])} + {len(HELD_OUT[lang])} held-out inflected queries, "
          f"hit rate in the first 5 results: {report}")
    print(f"{lang}: missed with stemming + prefix: {misses['stemming + prefix']}")
    assert rates["stemming + prefix"] >= 0.9, (report, misses["stemming + prefix"])
    assert rates["stemming + prefix"] > rates["prefix only"] > rates["exact words"] or rates["prefix only"] == 0
    # What the reader sees: the same query typed into the field.
    query, url = queries[1]
    assert f"{site_url}{url}" in [link.split("#")[0] for link in search(page, query)[:5]]
    assert page.errors == []


def test_search_is_accessible_and_announces_results(phone, site_url: str) -> None:
    page = open_page(phone, f"{site_url}ky/rights/")
    # Keyboard: Tab reaches the field after the quick exit and the skip link; focus is visible.
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "site-search-input":
            break
    assert page.evaluate("document.activeElement.id") == "site-search-input"
    outline = page.eval_on_selector(SEARCH_FIELD, "e => getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth")
    assert not outline.startswith("none") and not outline.endswith(" 0px"), outline
    assert page.eval_on_selector(SEARCH_FIELD, "e => e.labels.length && e.labels[0].textContent.trim()") == "Издөө"
    links = search(page, "врачтар")
    assert links
    status = page.locator("[role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.text_content() == f"Табылды: {len(links)}"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == links[0]
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # The search block on its own, and the whole page: no violation may involve the search.
    own = page.evaluate("""() => axe.run({include: [['[data-site-search]']]}, {resultTypes: ['violations']})
        .then(r => r.violations.map(v => v.id))""")
    assert own == []
    inside = page.evaluate("""() => axe.run(document, {resultTypes: ['violations']}).then(r =>
        r.violations.flatMap(v => v.nodes.filter(n => {
            const node = document.querySelector(n.target[0]);
            return node && node.closest('[data-site-search]');
        }).map(n => v.id + ': ' + n.target.join(' '))))""")
    assert inside == []
    search(page, "жжжжжж")
    assert page.text_content("[role=status]") == "Эч нерсе табылган жок. Башка сөздү жазып көрүңүз."
    assert page.eval_on_selector_all(RESULT_LINKS, "links => links.length") == 0
    assert page.errors == []


def test_without_javascript_the_page_reads_and_search_is_absent(browser, site_url: str) -> None:
    from conftest import PHONE

    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        for lang in LANGUAGES:
            page = open_page(context, f"{site_url}{prefix(lang)}rights/police/")
            assert page.is_visible("article h1")
            assert len(page.text_content("article")) > 2000
            assert not page.is_visible(".site-search")
            assert page.is_visible("[data-quick-exit]")
            assert index_requests(page) == []
            page.close()
    finally:
        context.close()


# --- the development query set (issue 19): phone typing ------------------------------------------
# tests/data/search_queries.yaml, written before the search was tuned. Measured on this content
# (bench/search_quality.py, `make bench`): before the tuning hit@1 / hit@5 were ru 33 / 36 of 40,
# ky 25 / 28 of 34, kk 17 / 18 of 35; after it ru 38 / 39, ky 31 / 34, kk 30 / 34 (after the
# content of issues 14, 15 and 17 was merged: ky 29 / 32 — «дарыгер» left the Kyrgyz pages, the
# rights cards now come first for «кармалдым» and «ұсталдым»); with the glossary's variants to
# avoid as synonyms, ky 30 / 33 («дарыгер» finds the pages that say «врач»).
# The queries of issue 19 must find their page among the first five.
ISSUE_QUERIES = {
    "ru": ["призерватив", "полицыя", "ПКП"],
    "ky": ["зомбулк", "укуктарыныз", "кармалдым", "ПКП"],
    "kk": ["зорлыктан", "полицияга", "ұсталдым", "ПКП"],
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_typed_queries_find_their_page(phone, site_url: str, lang: str) -> None:
    from bench.search_quality import evaluate, load_queries

    queries = load_queries()[lang]
    page = open_page(phone, f"{site_url}{prefix(lang)}")
    quality = evaluate(page, site_url, lang, queries)
    print(f"\n{lang}: hit@1 {quality.hit1}/{quality.queries}, hit@5 {quality.hit5}/{quality.queries}; missed {quality.misses}")
    assert quality.hit5 >= 0.9 * quality.queries, quality.misses
    assert quality.hit1 >= 0.8 * quality.queries, quality
    named = [q for q in ISSUE_QUERIES[lang] if q in quality.misses]
    assert not named, f"issue 19's queries miss their page: {named}"
    assert {q for q, _ in queries} >= set(ISSUE_QUERIES[lang])
    assert page.errors == []


def test_folding_is_a_fallback_that_keeps_plain_words(phone, site_url: str) -> None:
    """«психолог» (no Kyrgyz letters) still finds the help page first; «зорлыктан» typed without
    қ finds the same sections as «зорлықтан»."""
    page = open_page(phone, f"{site_url}kk/")
    search(page, "психолог")
    first = page.evaluate("q => siteSearch.engine.search(q, {limit: 1}).map(r => r.page)", "психолог")
    assert first == ["kk/help/"], first
    typed, real = page.evaluate("""() => ['зорлыктан ', 'зорлықтан '].map(
        q => siteSearch.engine.search(q, {limit: 1000}).map(r => r.url).sort().join(' '))""")
    assert typed and typed == real
    # Russian words are not folded: «психолог» on a Russian page is the plain stem match.
    assert page.evaluate("() => siteSearch.stem('ru', 'психологи')") == "психолог"


def test_skipped_elements_are_found_as_without_the_look_ahead() -> None:
    from sitebuild.search import SKIPPED
    careful = re.compile(r"<(script|style|template|svg|noscript)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
    names = ["script", "SCRIPT", "ſcript", "Style", "svg", "svgx", "template", "noscript", "p", "s"]
    for first in map(chr, range(0x2200)):
        for text in (f"<{first}cript>x</script>", f"<{first}vg>x</{first}vg> <svg>y</SVG >"):
            assert SKIPPED.sub(" ", text) == careful.sub(" ", text)
    for a in names:
        for b in names:
            text = f"a<{a}>x<{b}>y</{a}>z</{b} >w"
            assert SKIPPED.sub(" ", text) == careful.sub(" ", text), text
