"""`make serve` (issue 16): a broken file shows its message in the browser instead of a request that
never ends; after the fix the site comes back; live reload works under the strict CSP."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import PHONE, copy_project
from test_calendar_site import free_port

BROKEN = "\n<script>alert(1)</script>\n"


def get(url: str) -> str:
    """The page's text; a request that hangs fails the test (the old behaviour)."""
    with urllib.request.urlopen(url, timeout=15) as response:
        return response.read().decode("utf-8")


def until(condition, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_a_broken_file_shows_its_message_and_the_fix_brings_the_site_back(tmp_path: Path, browser) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    page = project / "docs" / "ky" / "help.md"
    good = page.read_text(encoding="utf-8")
    context = browser.new_context(**PHONE)
    try:
        until(lambda: _answers(base + "ky/help/"), 120)
        tab = context.new_page()
        blocked: list[str] = []
        tab.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None)
        tab.goto(base + "ky/help/")
        tab.wait_for_load_state("load")

        page.write_text(good + BROKEN, encoding="utf-8")
        line = (good + BROKEN).split("\n").index("<script>alert(1)</script>") + 1
        until(lambda: "Build error" in get(base + "ky/help/"), 60)
        text = get(base + "ky/help/")
        assert f"docs/ky/help.md:{line}: &lt;script&gt;: scripts do not run" in text, text
        assert "<script>alert(1)</script>" not in text
        # The open tab reloaded by itself (live reload, a file under the CSP) and shows the message.
        # (Polled from Python: Playwright's wait_for_function evaluates strings, which the CSP forbids.)
        until(lambda: "Build error" in tab.title(), 30)
        assert "docs/ky/help.md" in tab.inner_text("pre")

        page.write_text(good, encoding="utf-8")
        until(lambda: "Build error" not in tab.title(), 60)
        assert "Build error" not in get(base + "ky/help/") and "Build error" not in get(base)
        assert not blocked, blocked
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=20)


def _answers(url: str) -> bool:
    try:
        return "<html" in get(url)
    except OSError:
        return False
