"""Search quality and speed on the development query set (tests/data/search_queries.yaml), and
quality on the held-out set the search was not tuned on (tests/data/search_queries_heldout.yaml).

hit@1 / hit@5: the share of queries whose expected page is the first result / among the first
five, with the site's own search engine (overrides/assets/javascripts/search.js) in headless
Chromium on the built site, each query evaluated as typed (its last word may be unfinished).

Speed: the queries typed key by key into the search field of a phone-sized page with the CPU
slowed down 4× (CDP Emulation.setCPUThrottlingRate, as Lighthouse's mobile profile does); the
time from the last key to the results on screen.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tests" / "data" / "search_queries.yaml"
HELD_OUT = ROOT / "tests" / "data" / "search_queries_heldout.yaml"
CPU_SLOWDOWN = 4


def load_queries(path: Path = QUERIES) -> dict[str, list[tuple[str, list[str]]]]:
    """{lang: [(query, [acceptable pages, relative to the language root])]}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for lang, items in data.items():
        out[lang] = [(item["q"], item["page"] if isinstance(item["page"], list) else [item["page"]]) for item in items]
    return out


def prefix(lang: str, default: str = "ru") -> str:
    return "" if lang == default else f"{lang}/"


@dataclass
class Quality:
    lang: str
    queries: int
    hit1: int
    hit5: int
    misses: list[str] = field(default_factory=list)  # queries without the page among the first five


def evaluate(page, base_url: str, lang: str, queries: list[tuple[str, list[str]]]) -> Quality:
    """Run the queries on `page` (any page of the site with its search field)."""
    page.focus("#site-search-input")  # loads the engine and the index
    page.wait_for_function("() => window.siteSearch && window.siteSearch.engine")
    ranked = page.evaluate(
        """async ([url, queries]) => {
             const index = await (await fetch(url)).json();
             const engine = new siteSearch.Engine(index);
             return queries.map(q => engine.search(q, {limit: 5}).map(r => r.page));
           }""",
        [f"{base_url}search/{lang}.json", [q for q, _ in queries]],
    )
    quality = Quality(lang, len(queries), 0, 0)
    for (query, expected), pages in zip(queries, ranked):
        wanted = {prefix(lang) + p for p in expected}
        quality.hit1 += bool(pages) and pages[0] in wanted
        if wanted & set(pages):
            quality.hit5 += 1
        else:
            quality.misses.append(query)
    return quality


def typing_latency(context, base_url: str, lang: str, queries: list[str]) -> list[float]:
    """Milliseconds from the last key to the results shown, per query, CPU slowed down."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(f"{base_url}{prefix(lang)}", wait_until="load")
    field = page.locator("#site-search-input")
    with page.expect_response(lambda r: r.url.endswith(f"/search/{lang}.json")):
        field.focus()
    page.wait_for_function("() => window.siteSearch && window.siteSearch.engine")
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    times = []
    for query in queries:
        field.fill("")
        page.evaluate("() => document.querySelector('[data-site-search]').removeAttribute('data-shown')")
        field.type(query[:-1])
        # The last key, timed in the page: from its input event to the results painted.
        page.evaluate(
            """q => { window.__shown = new Promise(resolve => {
                   const box = document.querySelector('[data-site-search]');
                   const start = { t: 0 };
                   document.addEventListener('input', () => { start.t = performance.now(); }, { once: true, capture: true });
                   new MutationObserver((_, observer) => {
                     if (box.dataset.shown === q) { observer.disconnect();
                       requestAnimationFrame(() => resolve(performance.now() - start.t)); }
                   }).observe(box, { attributes: true });
                 }); }""",
            query,
        )
        field.type(query[-1])
        times.append(page.evaluate("() => window.__shown"))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    page.close()
    return times


def measure(site_dir: Path, log=print, *, latency: bool = True,
            queries_file: Path = QUERIES) -> tuple[list[Quality], dict[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    from bench.server import SiteServer
    from bench.weight import CHROMIUM, CHROMIUM_ARGS, PHONE

    queries = load_queries(queries_file)
    qualities, latencies = [], {}
    with SiteServer(site_dir) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            for lang, items in queries.items():
                page.goto(f"{server.url}{prefix(lang)}", wait_until="load")
                qualities.append(evaluate(page, server.url, lang, items))
                if latency:
                    latencies[lang] = typing_latency(context, server.url, lang, [q for q, _ in items])
                log(f"  search {lang}: hit@1 {qualities[-1].hit1}/{len(items)}, hit@5 {qualities[-1].hit5}/{len(items)}"
                    + (f", median {statistics.median(latencies[lang]):.0f} ms after the last key" if latency else ""))
            context.close()
        finally:
            browser.close()
    return qualities, latencies


if __name__ == "__main__":
    import sys

    results, times = measure(Path(sys.argv[1]), latency="--latency" in sys.argv)
    for q in results:
        print(f"{q.lang}: hit@1 {q.hit1}/{q.queries} ({q.hit1 / q.queries:.0%}), hit@5 {q.hit5}/{q.queries} "
              f"({q.hit5 / q.queries:.0%}); missed: {', '.join(q.misses)}")
    for lang, values in times.items():
        print(f"{lang}: {statistics.median(values):.0f} ms median, {max(values):.0f} ms worst")
