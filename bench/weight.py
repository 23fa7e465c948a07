"""Page weight: what a phone downloads, measured in headless Chromium against the gzip server.

Bytes are Chromium's own count of what came over the network: the `encodedDataLength` of
CDP `Network.loadingFinished` (response headers + body as sent, gzip included; 0 for a
cache hit). Requests that a CDP page session cannot see (e.g. a worker's) are caught by
Playwright's context-wide request events and counted with Playwright's `request.sizes()`.
The server's own count of bytes sent is kept as a cross-check.
"""

from __future__ import annotations

import itertools
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench.server import SiteServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # see Makefile
# Same phone as the browser tests (tests/conftest.py).
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Nothing may leave the machine: every host but loopback fails to resolve. A page that
    # tries another host still shows the attempt, which is what we count.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]

# (label, path, page visited just before it for the "next page" measurement)
PAGES = [
    ("home", "/", "/about/"),
    ("SWIT chapter", "/swit/violence/", "/"),
    ("brochure", "/take-care/", "/"),
    ("memo", "/rights/police/", "/"),
    ("calendar", "/calendar/", "/"),
    ("ky home", "/ky/", "/ky/about/"),
    ("ky memo", "/ky/rights/police/", "/ky/"),
    ("ky brochure", "/ky/take-care/", "/ky/"),
    ("kk home", "/kk/", "/kk/about/"),
    ("kk memo", "/kk/rights/police/", "/kk/"),
    ("kk brochure", "/kk/take-care/", "/kk/"),
]
# A search index: /search/<anything>.json, search_index.json, search-index*.json, …
SEARCH_INDEX = re.compile(r"(/search/[^?#]*\.json|search[_-]?index[^/?#]*\.json)(\?|#|$)", re.IGNORECASE)

SEARCH_FIELD = 'input[type="search"]'

KB = 1000
FIRST_VIEW_BUDGET = 25 * KB
FIRST_VIEW_REQUESTS = 5
NEXT_PAGE_BUDGET = 12 * KB
QUIET_MS = 1000  # the page counts as loaded after this long with no request in flight
MAX_WAIT_S = 15


@dataclass
class Load:
    requests: int = 0           # http(s) requests made, cache hits included
    from_network: int = 0       # of which not served from the browser cache
    bytes: int = 0              # transferred (encodedDataLength)
    search_index_bytes: int = 0
    search_index_urls: list[str] = field(default_factory=list)
    third_party: set[str] = field(default_factory=set)
    server_bytes: int = 0       # the server's count, cross-check
    search_opened_bytes: int | None = None  # index bytes fetched once the search field is focused
    urls: list[str] = field(default_factory=list)
    sizes: list[tuple[str, int]] = field(default_factory=list)  # (url, bytes) per request

    @property
    def budget_bytes(self) -> int:
        """What the budgets are checked against: the larger of the browser's and the server's count."""
        return max(self.bytes, self.server_bytes)


class _Recorder:
    """Collects one navigation's requests from a CDP session and Playwright's events."""

    def __init__(self, context, page) -> None:
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.reset()
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.requestServedFromCache", self._cached)
        self.cdp.on("Network.loadingFinished", self._finished)
        self.cdp.on("Network.loadingFailed", self._failed)
        context.on("requestfinished", lambda r: self.playwright.append(r))
        context.on("requestfailed", lambda r: self.playwright.append(r))
        context.on("request", lambda r: self.playwright_seen.append(r.url))

    def reset(self) -> None:
        self.urls: dict[str, str] = {}
        self.inflight: set[str] = set()
        self.cached: set[str] = set()
        self.done: dict[str, int] = {}
        self.last_activity = time.monotonic()
        self.hops = itertools.count()
        self.playwright: list = []
        self.playwright_seen: list[str] = []

    def _sent(self, event: dict) -> None:
        url = event["request"]["url"]
        if not url.startswith(("http:", "https:")):
            return
        rid = event["requestId"]
        if rid in self.urls and event.get("redirectResponse"):
            # A redirect reuses the request id: count the hop as its own request.
            hop = f"{rid}#{next(self.hops)}"
            self.urls[hop] = self.urls[rid]
            self.done[hop] = event["redirectResponse"].get("encodedDataLength", 0)
        self.urls[rid] = url
        self.inflight.add(rid)
        self.last_activity = time.monotonic()

    def _cached(self, event: dict) -> None:
        self.cached.add(event["requestId"])

    def _finished(self, event: dict) -> None:
        rid = event["requestId"]
        if rid in self.urls:
            self.done[rid] = int(event.get("encodedDataLength", 0))
            self.inflight.discard(rid)
            self.last_activity = time.monotonic()

    def _failed(self, event: dict) -> None:
        rid = event["requestId"]
        if rid in self.urls:
            self.done[rid] = 0
            self.inflight.discard(rid)
            self.last_activity = time.monotonic()

    def wait_quiet(self, page) -> None:
        deadline = time.monotonic() + MAX_WAIT_S
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)  # lets Playwright deliver the CDP events
            if not self.inflight and (time.monotonic() - self.last_activity) * 1000 >= QUIET_MS:
                return

    def result(self, site_host: str) -> Load:
        load = Load()
        cdp_urls = Counter()
        for rid, url in self.urls.items():
            cdp_urls[url] += 1
            size = self.done.get(rid, 0)
            load.requests += 1
            load.from_network += rid not in self.cached and size > 0
            load.bytes += size
            load.urls.append(url)
            load.sizes.append((url, size))
            self._classify(load, url, size, site_host)
        # Requests Playwright saw that the page's CDP session did not (workers, …).
        seen = Counter(cdp_urls)
        for request in self.playwright:
            url = request.url
            if not url.startswith(("http:", "https:")):
                continue
            if seen[url] > 0:
                seen[url] -= 1
                continue
            try:
                sizes = request.sizes()
                size = sizes["responseHeadersSize"] + sizes["responseBodySize"]
            except Exception:  # a failed request has no sizes
                size = 0
            load.requests += 1
            load.from_network += size > 0
            load.bytes += size
            load.urls.append(url + "  (outside the page's CDP session)")
            load.sizes.append((url + " (worker or other target; Playwright sizes)", size))
            self._classify(load, url, size, site_host)
        for url in self.playwright_seen:  # attempts that never finished or failed
            host = urlsplit(url).hostname or ""
            if url.startswith(("http:", "https:")) and host != site_host:
                load.third_party.add(host)
        return load

    @staticmethod
    def _classify(load: Load, url: str, size: int, site_host: str) -> None:
        host = urlsplit(url).hostname or ""
        if host != site_host:
            load.third_party.add(host)
        if SEARCH_INDEX.search(urlsplit(url).path):
            load.search_index_bytes += size
            load.search_index_urls.append(url)


def _measure(browser, server: SiteServer, path: str, before: str | None) -> Load:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        recorder = _Recorder(context, page)
        if before is not None:
            page.goto(server.url.rstrip("/") + before, wait_until="load")
            recorder.wait_quiet(page)
        recorder.reset()
        server.take_sent()
        page.goto(server.url.rstrip("/") + path, wait_until="load")
        recorder.wait_quiet(page)
        load = recorder.result("127.0.0.1")
        load.server_bytes = sum(size for _, size in server.take_sent())
        if before is None:
            load.search_opened_bytes = _open_search(page, recorder)
        return load
    finally:
        context.close()


def _open_search(page, recorder: _Recorder) -> int | None:
    """Focus the search field, if the page shows one; the search index bytes that follow."""
    field = page.locator(SEARCH_FIELD).first
    try:
        if not field.is_visible():
            return None
        recorder.reset()
        field.focus()
        field.type("a")
    except Exception:
        return None
    recorder.wait_quiet(page)
    return recorder.result("127.0.0.1").search_index_bytes


@dataclass
class PageWeight:
    label: str
    path: str
    before: str
    first: Load
    next: Load

    @property
    def problems(self) -> list[str]:
        out = []
        if self.first.budget_bytes > FIRST_VIEW_BUDGET:
            out.append(f"{self.path}: first view {self.first.budget_bytes / KB:.1f} KB > {FIRST_VIEW_BUDGET / KB:.0f} KB")
        if self.first.requests > FIRST_VIEW_REQUESTS:
            out.append(f"{self.path}: first view {self.first.requests} requests > {FIRST_VIEW_REQUESTS}")
        if self.next.budget_bytes > NEXT_PAGE_BUDGET:
            out.append(f"{self.path}: next page {self.next.budget_bytes / KB:.1f} KB > {NEXT_PAGE_BUDGET / KB:.0f} KB")
        index = self.first.search_index_bytes + self.next.search_index_bytes
        if index:
            urls = sorted(set(self.first.search_index_urls + self.next.search_index_urls))
            out.append(f"{self.path}: {index} B of search index fetched before search was opened ({', '.join(urls)})")
        hosts = self.first.third_party | self.next.third_party
        if hosts:
            out.append(f"{self.path}: requests to other hosts: {', '.join(sorted(hosts))}")
        return out


def measure_pages(site_dir: Path) -> list[PageWeight]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: run `make browser` (it installs Debian's chromium)")
    results = []
    with SiteServer(site_dir) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, path, before in PAGES:
                first = _measure(browser, server, path, None)
                warm = _measure(browser, server, path, before)
                results.append(PageWeight(label, path, before, first, warm))
        finally:
            browser.close()
    return results
