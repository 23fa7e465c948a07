"""Shared fixtures: the real site, built once per test session into a temp dir."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES  # one list: mkdocs.yml


def build_site(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run the strict MkDocs build of `project` into `site_dir`; return the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(site_dir)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from this checkout with `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def language_of(html_path: Path, site_dir: Path) -> str:
    """The language a built page belongs to, from its place in the site tree."""
    parts = html_path.relative_to(site_dir).parts
    if parts[0] == "calendar" and len(parts) > 2 and parts[1] in LANGUAGES:
        return parts[1]  # a language's calendar files (calendar/ky/embed.html)
    return parts[0] if parts[0] in LANGUAGES and parts[0] != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def pages(lang: str) -> list[str]:
    """Markdown pages of one language, as paths relative to docs/<lang>."""
    base = ROOT / "docs" / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md"))


def copy_project(where: Path) -> Path:
    """A copy of this checkout's sources, to break or edit in one test."""
    project = where / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "site"))
    return project


def build_without_translation(where: Path, lang: str) -> tuple[str, Path]:
    """Build a copy of the project in which one page of `lang` (linked from no other) is missing;
    return that page and the built site."""
    project = copy_project(where)
    page = unlinked_page(lang)
    (project / "docs" / lang / page).unlink()
    site = where / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return page, site


def unlinked_page(lang: str) -> str:
    """A page of `lang` that no other page of `lang` links to (it can be removed without a dead link)."""
    base = ROOT / "docs" / lang
    texts = {page: (base / page).read_text(encoding="utf-8") for page in pages(lang)}
    for page in sorted(texts, key=lambda p: (p.count("/"), p), reverse=True):
        name = page.rsplit("/", 1)[-1]
        if page != "index.md" and not any(name in text for other, text in texts.items() if other != page):
            return page
    raise AssertionError(f"every {lang} page is linked from another one: no page to remove for this test")


def html_for(site_dir: Path, lang: str, md_page: str) -> Path:
    """Where the built HTML of a Markdown page lands (use_directory_urls)."""
    prefix = site_dir if lang == DEFAULT_LANGUAGE else site_dir / lang
    stem = md_page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return prefix / stem.removesuffix("index") / "index.html"
    return prefix / stem / "index.html"


# --- browser tests: the built site served on loopback, Debian's chromium via Playwright ------

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # see Makefile
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="session")
def site_url(site: Path):
    """The built site served over HTTP on 127.0.0.1 (a random free port)."""
    import functools
    import http.server
    import threading

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian chromium driven by Playwright (it cannot download its own browser here)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or set CHROMIUM"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (empty cache, no cookies)."""
    context = browser.new_context(**PHONE)
    yield context
    context.close()
