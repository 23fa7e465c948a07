"""The translator's edit loop: from saving a page to `make serve` showing the change.

A copy of the project is served the way `make serve` serves it (SERVE_ARGS, the same flags as the
Makefile's serve target), a page is open in headless Chromium, and the page's Markdown file is
saved with a new sentence several times. Each time: from the save (the file written and closed)
to the reloaded page showing the sentence, measured by the wall clock.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# As the Makefile's serve target (keep the two alike).
SERVE_ARGS = ["serve", "--livereload", "--dirty"]
PAGE = ("ky", "rights/police.md", "/ky/rights/police/")
START_TIMEOUT_S = 120
RELOAD_TIMEOUT_S = 30


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"mkdocs serve did not answer {url} within {timeout:.0f} s")


def measure(edits: int, log=print) -> list[float]:
    """Seconds from each save to the page showing the change."""
    from playwright.sync_api import sync_playwright

    from bench.weight import CHROMIUM, CHROMIUM_ARGS, PHONE

    lang, page_file, path = PAGE
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = Path(tmp) / "project"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site", "bench"))
        port = _free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", *SERVE_ARGS, "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        times = []
        lines: list[tuple[float, str]] = []
        import threading

        def read() -> None:
            for line in server.stderr:
                lines.append((time.perf_counter(), line.rstrip()))

        threading.Thread(target=read, daemon=True).start()
        try:
            url = f"http://127.0.0.1:{port}{path}"
            _wait_for(url, START_TIMEOUT_S)
            source = project / "docs" / lang / page_file
            original = source.read_text(encoding="utf-8")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_context(**PHONE).new_page()
                page.goto(url, wait_until="load")
                page.wait_for_timeout(1500)  # the livereload script is waiting for a change
                for n in range(edits):
                    marker = f"Бул сүйлөм {n + 1} жолу сакталды {time.monotonic_ns()}."
                    text = original + f"\n\n{marker}\n"
                    start = time.perf_counter()
                    source.write_text(text, encoding="utf-8")
                    page.wait_for_function("m => document.body && document.body.innerText.includes(m)",
                                           arg=marker, timeout=RELOAD_TIMEOUT_S * 1000, polling=20)
                    times.append(time.perf_counter() - start)
                    events = [f"{t - start:+.2f} {text[8:60]}" for t, text in lines if t >= start
                              and ("Detected" in text or "built in" in text or "Reloading" in text)]
                    log(f"  edit loop: save {n + 1}/{edits}: {times[-1]:.2f} s ({'; '.join(events)})")
                    page.wait_for_timeout(1000)
                browser.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        return times


if __name__ == "__main__":
    import statistics

    values = measure(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print(f"median {statistics.median(values):.2f} s, {min(values):.2f}–{max(values):.2f} s")
