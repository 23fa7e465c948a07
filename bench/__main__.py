"""`python -m bench [--quick]`: page weight, build time against stock, scaling. See README.

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

from bench import builds, feeds, weight

RESULTS = Path(__file__).resolve().parent / "results"
BUILD_RATIO_BUDGET = 1.3
FEED_EVENTS_BUDGET = (1000, 1.0)  # 1,000 events in under 1 s


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
    report.budget("next page", f"≤ {weight.NEXT_PAGE_BUDGET // weight.KB} KB",
                  f"{kb(worst_next.next.budget_bytes)} (worst: {worst_next.path})",
                  worst_next.next.budget_bytes <= weight.NEXT_PAGE_BUDGET, True)
    report.budget("search index before search is opened", "0 B", f"{index} B", index == 0, True)
    report.budget("third-party hosts", "0", f"{len(hosts)}{' (' + ', '.join(hosts) + ')' if hosts else ''}", not hosts, True)
    for r in results:
        for problem in r.problems:
            log(f"  budget: {problem}")


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


def scaling(report: Report, scales: list[tuple[int, int]], enforce: bool) -> None:
    log(f"scaling: synthetic content at {', '.join(f'{s}×' for s, _ in scales)} …")
    results = builds.scaling(scales, log)
    base = results[0]
    report.add(
        "## Scaling",
        "",
        "Synthetic projects: every page of every language copied N times (`page-x2.md`, …), nav omitted, "
        "our mkdocs.yml otherwise unchanged, and the stock config of the same docs. Times are CPU time "
        "(medians; wall clock in the last column). *Growth* = time / time at the first scale; growing no "
        "faster than the page count means growth ≤ page ratio. *Exponent* k in time ∝ pages^k from the "
        "previous row (1 = linear). *Per extra page* = (time − first time) / (pages − first pages).",
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
        if previous is not None:
            report.budget(f"build time growth {base.label} → {p.label} (CPU time)", f"≤ {page_ratio:.0f} (page ratio)",
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
    parser.add_argument("--skip", action="append", default=[], choices=["weight", "build", "scaling", "feeds"])
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
        if "build" not in args.skip:
            build_time(report, runs, enforce_timings)
        if "scaling" not in args.skip:
            scaling(report, scales, enforce_timings)
        if "feeds" not in args.skip:
            feed_time(report, [10, 100, 1000], 1 if quick else 3, enforce_timings)
    except builds.BuildFailed as error:
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
        header += ["Quick mode: only the page-weight budgets are enforced; timings are reported only.", ""]
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
