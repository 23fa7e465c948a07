"""Lighthouse (npm `lighthouse`, pinned in package.json) on the built site: mobile scores.

The site is built with SITE_URL set to the loopback address it is served on (so canonical and
hreflang URLs point where Lighthouse loads the pages), served by bench/server.py like GitHub
Pages, and each page is audited in Debian's Chromium (CHROME_PATH) with Lighthouse's default
mobile profile (emulated phone, simulated slow 4G and 4× slower CPU): performance,
accessibility, best practices, SEO, and the layout shift (CLS) it measured.

Each page is audited RUNS times and the run with the median performance score is reported, as
Lighthouse's own guide on variability advises: the simulated throttling multiplies the main
thread's measured task times by 4, so a busy machine turns the same page's total blocking
time from 20 ms into 120 ms from one run to the next (measured here on /rights/police/).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
PAGES = [("home", "/"), ("memo", "/rights/police/"), ("ky home", "/ky/"), ("ky memo", "/ky/rights/police/"),
         ("kk home", "/kk/"), ("kk memo", "/kk/rights/police/")]


@dataclass
class Scores:
    label: str
    path: str
    scores: dict[str, int]
    cls: float
    failed: list[str]  # audits below full marks in a category below 100


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def audit(url: str, chromium: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": chromium}
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
             f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run"],
            env=env, capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}: {result.stderr[-1500:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def measure(log=print) -> list[Scores]:
    from bench.builds import timed_build
    from bench.server import SiteServer
    from bench.weight import CHROMIUM

    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (make test does)")
    port = free_port()
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-lh-site-") as tmp:
        site = Path(tmp) / "site"
        os.environ["SITE_URL"] = f"http://127.0.0.1:{port}/"
        try:
            timed_build(ROOT / "mkdocs.yml", site, strict=True, keep_site_url=True)
        finally:
            del os.environ["SITE_URL"]
        with SiteServer(site, port=port) as server:
            for label, path in PAGES:
                runs = sorted((audit(server.url.rstrip("/") + path, CHROMIUM) for _ in range(RUNS)),
                              key=lambda r: r["categories"]["performance"]["score"] or 0)
                report = runs[len(runs) // 2]
                scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
                failed = []
                for c in CATEGORIES:
                    if scores[c] < 100:
                        for ref in report["categories"][c]["auditRefs"]:
                            a = report["audits"][ref["id"]]
                            if ref["weight"] and a.get("score") is not None and a["score"] < 1:
                                failed.append(f"{c}: {ref['id']} ({a.get('displayValue') or a['score']})")
                cls = report["audits"]["cumulative-layout-shift"]["numericValue"]
                results.append(Scores(label, path, scores, cls, failed))
                log(f"  lighthouse {path}: {' / '.join(str(scores[c]) for c in CATEGORIES)}, CLS {cls:.3f}"
                    + (f"; below full marks: {', '.join(failed)}" if failed else ""))
    return results


if __name__ == "__main__":
    measure()
