"""`python -m bench [--quick]`: page weight, search, Lighthouse, edit loop, build time against stock, scaling. See README.

Prints Markdown tables and writes them to bench/results/latest.md (quick mode:
bench/results/latest-quick.md). Exits 1 when an enforced budget is broken, 2 when a build
or the browser fails. Quick mode (CI) enforces the page-weight budgets only and reports
timings from fewer runs at a smaller scale.
"""

from __future__ import annotations

import argparse
import datetime
import math
import os
import platform
import statistics
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from bench import builds, edit_loop, feeds, lighthouse, search_quality, weight

RESULTS = Path(__file__).resolve().parent / "results"
BUILD_RATIO_BUDGET = 1.3
FEED_EVENTS_BUDGET = (1000, 1.0)  # 1,000 events in under 1 s
EDIT_LOOP_BUDGET = 1.0  # seconds from a save to the reloaded page, median
SEARCH_LATENCY_BUDGET = 250  # ms from the last key to the results, median, CPU 4× slower
SEARCH_INDEX_BUDGET = 40 * weight.KB  # gzip, per language
LIGHTHOUSE_BUDGET = 100


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def opened(n: int | None) -> str:
    return "no search field" if n is None else f"{n / weight.KB:.1f} KB"


def kb(n: int) -> str:
    return f"{n / weight.KB:.1f} KB"


def ratio_spread(values: list[float]) -> str:
    return f"{med(values):.2f}×" + (f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else "")


def med(values: list[float]) -> float:
    return statistics.median(values)


def spread(values: list[float]) -> str:
    return f"{med(values):.2f} s" + (f" ({min(values):.2f}–{max(values):.2f})" if len(values) > 1 else "")


class Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.budgets: list[tuple[str, str, str, str]] = []  # name, limit, measured, verdict
        self.broken: list[str] = []

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def budget(self, name: str, limit: str, measured: str, ok: bool, enforced: bool) -> None:
        verdict = ("ok" if ok else "**BROKEN**") if enforced else ("ok" if ok else "over (reported only)")
        self.budgets.append((name, limit, measured, verdict))
        if enforced and not ok:
            self.broken.append(f"{name}: {measured} (limit {limit})")


def page_weight(report: Report, site_dir: Path) -> None:
    log("page weight: loading pages in headless Chromium …")
    results = weight.measure_pages(site_dir)
    report.add(
        "## Page weight",
        "",
        "Built site served on 127.0.0.1 by bench/server.py like GitHub Pages: gzip for text, "
        "`Cache-Control: max-age=600`, ETag. Headless Chromium, phone 360×740. "
        "**Bytes transferred = Chromium's CDP `Network.loadingFinished.encodedDataLength`** "
        "(response headers + gzip body as received; 0 for a cache hit). "
        "*First view*: fresh context, empty cache. *Next page*: the page visited just before it in "
        "the same context (column *after*). Requests: all / not from cache. *Search index once search is opened*: "
        "after the first view, the search field is focused and a letter typed (not budgeted). KB = 1,000 bytes.",
        "",
        "| page | first view: requests | first view: transferred | next page (after) | next page: requests | next page: transferred | search index before search | search index once search is opened | third-party hosts |",
        "|---|---|---|---|---|---|---|---|---|",
    )
    mismatches = []
    for r in results:
        hosts = sorted(r.first.third_party | r.next.third_party)
        index = r.first.search_index_bytes + r.next.search_index_bytes
        report.add(
            f"| {r.label} `{r.path}` | {r.first.requests} / {r.first.from_network} | {kb(r.first.bytes)} "
            f"| `{r.before}` | {r.next.requests} / {r.next.from_network} | {kb(r.next.bytes)} "
            f"| {index} B | {opened(r.first.search_opened_bytes)} | {len(hosts)}{' (' + ', '.join(hosts) + ')' if hosts else ''} |"
        )
        for name, load in (("first view", r.first), ("next page", r.next)):
            if load.bytes != load.server_bytes:
                mismatches.append(f"{r.path} {name}: browser {load.bytes} B, server {load.server_bytes} B")
    report.add("")
    if mismatches:
        report.add("Cross-check with the server's own count of bytes sent **differs** (budgets use the larger):", "")
        report.add(*(f"- {m}" for m in mismatches), "")
    else:
        report.add("Cross-check: the server's own count of bytes sent (headers + body) matches the browser's for every load.", "")
    worst_first = max(results, key=lambda r: r.first.budget_bytes)
    report.add(f"What the heaviest first view (`{worst_first.path}`) downloads:", "",
               "| request | transferred |", "|---|---|")
    for url, size in sorted(worst_first.first.sizes, key=lambda item: -item[1]):
        report.add(f"| `{url.split('127.0.0.1', 1)[-1].split('/', 1)[-1] or '/'}` | {size:,} B |")
    report.add("")
    worst_next = max(results, key=lambda r: r.next.budget_bytes)
    index = sum(r.first.search_index_bytes + r.next.search_index_bytes for r in results)
    hosts = sorted(set().union(*(r.first.third_party | r.next.third_party for r in results)))
    report.budget("first view", f"≤ {weight.FIRST_VIEW_BUDGET // weight.KB} KB",
                  f"{kb(worst_first.first.budget_bytes)} (worst: {worst_first.path})",
                  worst_first.first.budget_bytes <= weight.FIRST_VIEW_BUDGET, True)
    worst_requests = max(results, key=lambda r: r.first.requests)
    report.budget("first view: requests", f"≤ {weight.FIRST_VIEW_REQUESTS}",
                  f"{worst_requests.first.requests} (worst: {worst_requests.path})",
                  worst_requests.first.requests <= weight.FIRST_VIEW_REQUESTS, True)
    report.budget("next page", f"≤ {weight.NEXT_PAGE_BUDGET // weight.KB} KB",
                  f"{kb(worst_next.next.budget_bytes)} (worst: {worst_next.path})",
                  worst_next.next.budget_bytes <= weight.NEXT_PAGE_BUDGET, True)
    report.budget("search index before search is opened", "0 B", f"{index} B", index == 0, True)
    report.budget("third-party hosts", "0", f"{len(hosts)}{' (' + ', '.join(hosts) + ')' if hosts else ''}", not hosts, True)
    for r in results:
        for problem in r.problems:
            log(f"  budget: {problem}")


def search(report: Report, site_dir: Path, enforce: bool) -> None:
    import gzip

    log("search: development query set and typing latency …")
    qualities, latencies = search_quality.measure(site_dir, log)
    report.add(
        "## Search",
        "",
        "Development query set (tests/data/search_queries.yaml, phone-typed phrases with the expected page): "
        "*hit@1* the expected page is the first result, *hit@5* among the first five. *Latency*: each query "
        f"typed key by key into the search field of a phone-sized page with the CPU {search_quality.CPU_SLOWDOWN}× "
        "slower (CDP), from the last key's input event to the results painted (the 100 ms typing pause included). "
        "*Index*: search/<lang>.json, gzip level 6.",
        "",
        "| language | queries | hit@1 | hit@5 | latency median | latency 90th percentile | latency worst | index (gzip) |",
        "|---|---|---|---|---|---|---|---|",
    )
    worst_median, worst_index = 0.0, 0
    for q in qualities:
        times = sorted(latencies[q.lang])
        p90 = times[min(len(times) - 1, int(0.9 * len(times)))]
        index = len(gzip.compress((site_dir / "search" / f"{q.lang}.json").read_bytes(), 6))
        worst_median, worst_index = max(worst_median, med(times)), max(worst_index, index)
        report.add(f"| {q.lang} | {q.queries} | {q.hit1} ({q.hit1 / q.queries:.0%}) | {q.hit5} ({q.hit5 / q.queries:.0%}) "
                   f"| {med(times):.0f} ms | {p90:.0f} ms | {times[-1]:.0f} ms | {kb(index)} |")
    report.add("")
    held_out = search_quality.measure(site_dir, log, latency=False, queries_file=search_quality.HELD_OUT)[0]
    report.add(
        "Held-out query set (tests/data/search_queries_heldout.yaml): written by a second reader from the pages "
        "alone; the search was not tuned on it (reported, not budgeted).",
        "",
        "| language | queries | hit@1 | hit@5 | not among the first five |",
        "|---|---|---|---|---|",
        *(f"| {q.lang} | {q.queries} | {q.hit1} ({q.hit1 / q.queries:.0%}) | {q.hit5} ({q.hit5 / q.queries:.0%}) "
          f"| {', '.join(f'«{m}»' for m in q.misses) or '–'} |" for q in held_out),
        "",
    )
    report.budget("search results after the last key (median, CPU 4× slower)", f"≤ {SEARCH_LATENCY_BUDGET} ms",
                  f"{worst_median:.0f} ms (worst language)", worst_median <= SEARCH_LATENCY_BUDGET, enforce)
    report.budget("search index per language (gzip)", f"≤ {SEARCH_INDEX_BUDGET // weight.KB} KB", kb(worst_index),
                  worst_index <= SEARCH_INDEX_BUDGET, True)


def lighthouse_scores(report: Report) -> None:
    log("lighthouse: mobile audits …")
    results = lighthouse.measure(log)
    report.add(
        "## Lighthouse",
        "",
        "npm `lighthouse` (version in package.json), Debian's Chromium, default mobile profile (emulated phone, "
        "simulated slow 4G, 4× CPU slowdown); the site built with SITE_URL set to the loopback address it is "
        f"served on by bench/server.py. Each page audited {lighthouse.RUNS} times: the run with the median "
        "performance score.",
        "",
        "| page | performance | accessibility | best practices | SEO | layout shift (CLS) | below full marks |",
        "|---|---|---|---|---|---|---|",
    )
    for r in results:
        report.add(f"| {r.label} `{r.path}` | " + " | ".join(str(r.scores[c]) for c in lighthouse.CATEGORIES)
                   + f" | {r.cls:.3f} | {'; '.join(r.failed) or '–'} |")
    report.add("")
    lowest = min(results, key=lambda r: min(r.scores.values()))
    report.budget("Lighthouse mobile, every category, home + memo × 3 languages", f"{LIGHTHOUSE_BUDGET}",
                  f"lowest {min(lowest.scores.values())} ({lowest.path})",
                  all(min(r.scores.values()) >= LIGHTHOUSE_BUDGET for r in results), True)
    worst_cls = max(r.cls for r in results)
    report.budget("layout shift (CLS)", "0", f"{worst_cls:.3f}", worst_cls == 0, True)


def edit_time(report: Report, edits: int, enforce: bool) -> None:
    log(f"edit loop: {edits} saves of one Kyrgyz page under `mkdocs serve` …")
    times = edit_loop.measure(edits, log)
    report.add(
        "## Edit loop",
        "",
        f"A copy of the project served as `make serve` serves it (`mkdocs {' '.join(edit_loop.SERVE_ARGS)}`), "
        f"`{edit_loop.PAGE[2]}` open in headless Chromium, its Markdown file saved {edits} times with a new "
        "sentence: wall clock from the save to the reloaded page showing it.",
        "",
        "| saves | median | min–max |",
        "|---|---|---|",
        f"| {len(times)} | **{med(times):.2f} s** | {min(times):.2f}–{max(times):.2f} s |",
        "",
    )
    report.budget("edit loop: save → page shows it (median)", f"≤ {EDIT_LOOP_BUDGET:.1f} s", f"{med(times):.2f} s",
                  med(times) <= EDIT_LOOP_BUDGET, enforce)


def build_time(report: Report, runs: int, enforce: bool) -> None:
    log(f"build time: our build and the stock build, {runs} alternating runs each …")
    pairs = builds.real_content(runs, log)
    report.add(
        "## Build time against stock",
        "",
        f"Real content ({pairs.pages} Markdown pages in 3 languages). *Ours*: `mkdocs build --strict` with "
        "mkdocs.yml (hooks, overrides). *Stock*: the same docs and nav with Material (`theme.language: ru`, "
        "only the ky/kk interface strings Material lacks) + mkdocs-static-i18n, no hooks, not strict. "
        "A whole `mkdocs build` process, timed by the wall clock and by its CPU time (user + system); "
        "runs alternate (order flips each run). The budget is checked on the CPU-time ratio, which "
        "other processes on a busy machine disturb far less than the wall clock.",
        "",
        "| build | runs | wall clock, median (min–max) | CPU time, median (min–max) |",
        "|---|---|---|---|",
        f"| ours | {len(pairs.ours)} | {spread(pairs.ours)} | {spread(pairs.ours_cpu)} |",
        f"| stock | {len(pairs.stock)} | {spread(pairs.stock)} | {spread(pairs.stock_cpu)} |",
        f"| ours / stock, per pair | {len(pairs.ratios)} | {ratio_spread(pairs.ratios)} | **{ratio_spread(pairs.cpu_ratios)}** |",
        "",
    )
    report.budget("build time / stock (real content, CPU time)", f"≤ {BUILD_RATIO_BUDGET}×",
                  f"{pairs.cpu_ratio:.2f}× (wall clock {pairs.ratio:.2f}×)", pairs.cpu_ratio <= BUILD_RATIO_BUDGET, enforce)


def scaling(report: Report, scales: list[tuple[int, int]], enforce: bool, *, worst_case: bool) -> None:
    log(f"scaling: synthetic content at {', '.join(f'{s}×' for s, _ in scales)} …")
    report.add(
        "## Scaling",
        "",
        "Synthetic projects: every page of every language copied N times (`page-x2.md`, …), our mkdocs.yml "
        "otherwise unchanged, and the stock config of the same docs. **Fixed menu** (budgeted): the real nav, "
        "the copies pages outside it (`not_in_nav`), so every page is the size of a real one and the work per "
        "page stays the same. **Every page in the menu** (reported, one run a scale): nav omitted, so MkDocs "
        "lists every page in every page's menu and each page grows with the page count (at 10× the published "
        "HTML grows about 25×): the worst case, where both builds grow faster than the page count. "
        "Times are CPU time (medians; wall clock in the last column). *Growth* = time / time at the first "
        "scale; growing no faster than the page count means growth ≤ page ratio. *Exponent* k in time ∝ "
        "pages^k from the previous row (1 = linear). *Per extra page* = (time − first time) / (pages − first pages).",
        "",
    )
    _scaling_table(report, "Fixed menu", builds.scaling(scales, log, menu="fixed"), enforce)
    if worst_case:
        log("scaling: every page in the menu (worst case), one run a scale …")
        _scaling_table(report, "Every page in the menu", builds.scaling([(s, 1) for s, _ in scales], log, menu="every page"),
                       None)


def _scaling_table(report: Report, title: str, results: list, enforce: bool | None) -> None:
    """One table of scaling results; its growth rows are budgets unless `enforce` is None."""
    base = results[0]
    report.add(
        f"{title}:",
        "",
        "| scale | pages | runs | ours | stock | ours / stock | ours growth | stock growth | ours exponent | stock exponent | ours per extra page | stock per extra page | wall clock ours / stock |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    )
    previous = None
    for p in results:
        page_ratio = p.pages / base.pages
        ours, stock = med(p.ours_cpu), med(p.stock_cpu)
        growth_ours, growth_stock = ours / med(base.ours_cpu), stock / med(base.stock_cpu)
        exp_ours = exp_stock = per_ours = per_stock = "–"
        if previous is not None:
            step = math.log(p.pages / previous.pages)
            exp_ours = f"{math.log(ours / med(previous.ours_cpu)) / step:.2f}"
            exp_stock = f"{math.log(stock / med(previous.stock_cpu)) / step:.2f}"
            extra = p.pages - base.pages
            per_ours = f"{(ours - med(base.ours_cpu)) / extra * 1000:.0f} ms"
            per_stock = f"{(stock - med(base.stock_cpu)) / extra * 1000:.0f} ms"
        report.add(
            f"| {p.label} | {p.pages} | {len(p.ours)} | {spread(p.ours_cpu)} | {spread(p.stock_cpu)} "
            f"| {p.cpu_ratio:.2f}× | {growth_ours:.2f} | {growth_stock:.2f} | {exp_ours} | {exp_stock} "
            f"| {per_ours} | {per_stock} | {med(p.ours):.1f} s / {med(p.stock):.1f} s |"
        )
        if previous is not None and enforce is not None:
            report.budget(f"build time growth {base.label} → {p.label} (CPU time, fixed menu)", f"≤ {page_ratio:.0f} (page ratio)",
                          f"{growth_ours:.2f} (stock {growth_stock:.2f})", growth_ours <= page_ratio, enforce)
        previous = p
    report.add("")


def feed_time(report: Report, sizes: list[int], runs: int, enforce: bool) -> None:
    log(f"feeds: {', '.join(map(str, sizes))} events …")
    results = feeds.measure(sizes, runs, log)
    report.add(
        "## Feed generation",
        "",
        "Synthetic KeyDates (the real entries repeated with new ids and days). `feed_bytes`: the Russian "
        "subscription feed. `feed_files`: all that a build writes, for 3 languages (subscription, organiser and topic feeds, one .ics per event, QR codes, embeddable lists, dates.json); "
        "a build calls it once per language. *Exponent* k in time ∝ events^k from the previous row (1 = linear).",
        "",
        "| events | runs | feed_bytes (ru) | feed size | feed_files (3 languages) | files | feed_files per event | exponent feed_bytes / feed_files |",
        "|---|---|---|---|---|---|---|---|",
    )
    previous = None
    for f in results:
        exponents = "–"
        if previous is not None:
            step = math.log(f.events / previous.events)
            exponents = (f"{math.log(med(f.feed_bytes) / med(previous.feed_bytes)) / step:.2f} / "
                         f"{math.log(med(f.feed_files) / med(previous.feed_files)) / step:.2f}")
        report.add(
            f"| {f.events:,} | {len(f.feed_bytes)} | {spread(f.feed_bytes)} | {f.feed_size / 1000:.0f} KB "
            f"| {spread(f.feed_files)} | {f.files:,} | {med(f.feed_files) / f.events * 1000:.1f} ms | {exponents} |"
        )
        previous = f
    report.add("")
    n, limit = FEED_EVENTS_BUDGET
    for f in results:
        if f.events == n:
            report.budget(f"feed_bytes, {n:,} events", f"< {limit:.0f} s", f"{med(f.feed_bytes):.2f} s",
                          med(f.feed_bytes) < limit, enforce)
            report.budget(f"feed_files (3 languages, feed + per-event files), {n:,} events", f"< {limit:.0f} s",
                          f"{med(f.feed_files):.2f} s", med(f.feed_files) < limit, False)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="CI mode: page-weight budgets enforced, timings only reported")
    parser.add_argument("--out", type=Path, help="where to write the Markdown report")
    parser.add_argument("--runs", type=int, help="alternating runs of each build on real content")
    parser.add_argument("--scales", help="synthetic scales:runs, first one the base (default 1:3,10:3; "
                        "quick 1:1,3:1). 30× (1:3,10:3,30:1) adds 5-10 minutes on 2 cores")
    parser.add_argument("--skip", action="append", default=[], choices=["weight", "search", "lighthouse", "edit", "build", "scaling", "feeds"])
    args = parser.parse_args()

    quick = args.quick
    enforce_timings = not quick
    runs = args.runs or (2 if quick else 5)
    scale_spec = args.scales or ("1:1,3:1" if quick else "1:3,10:3")
    scales = [tuple(int(x) for x in item.split(":")) for item in scale_spec.split(",")]
    out = args.out or RESULTS / ("latest-quick.md" if quick else "latest.md")

    report = Report()
    load_before = os.getloadavg()
    started = datetime.datetime.now().astimezone()
    try:
        if "weight" not in args.skip:
            with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp:
                log("building the site for the page-weight check …")
                builds.timed_build(builds.ROOT / "mkdocs.yml", Path(tmp) / "site", strict=True)
                page_weight(report, Path(tmp) / "site")
                if "search" not in args.skip:
                    search(report, Path(tmp) / "site", enforce_timings)
        if "lighthouse" not in args.skip and not quick:
            lighthouse_scores(report)
        if "edit" not in args.skip:
            edit_time(report, 3 if quick else 7, enforce_timings)
        if "build" not in args.skip:
            build_time(report, runs, enforce_timings)
        if "scaling" not in args.skip:
            scaling(report, scales, enforce_timings, worst_case=not quick)
        if "feeds" not in args.skip:
            feed_time(report, [10, 100, 1000], 1 if quick else 3, enforce_timings)
    except (builds.BuildFailed, RuntimeError) as error:
        log(f"bench: {error}")
        return 2

    header = [
        f"# Benchmark{' (quick)' if quick else ''}",
        "",
        f"{started:%Y-%m-%d %H:%M %Z}; {os.cpu_count()} cores, load average {load_before[0]:.1f} at start, "
        f"{os.getloadavg()[0]:.1f} at end; Python {platform.python_version()}, mkdocs {version('mkdocs')}, "
        f"mkdocs-material {version('mkdocs-material')}, mkdocs-static-i18n {version('mkdocs-static-i18n')}. "
        "Times are medians of runs taken side by side on a shared machine: compare ratios, not seconds.",
        "",
        "## Budgets",
        "",
        "| budget | limit | measured | result |",
        "|---|---|---|---|",
        *(f"| {name} | {limit} | {measured} | {verdict} |" for name, limit, measured, verdict in report.budgets),
        "",
    ]
    if quick:
        header += ["Quick mode: only the page-weight budgets are enforced; timings are reported only; no Lighthouse.", ""]
    text = "\n".join(header + report.lines) + "\n"
    print(text)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log(f"written to {out}")
    if report.broken:
        log("bench: budget broken: " + "; ".join(report.broken))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
