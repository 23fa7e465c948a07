"""The calendar on the built site: feeds and event files where the pages link to them,
subscription links from site_url, the year view, the home page list, and `mkdocs serve`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, copy_project, html_for
from sitebuild.keydates.load import load_dates

DATES = load_dates(ROOT / "calendar" / "dates.yaml")
SITE_URL_IN_TESTS = "http://127.0.0.1:8000/"  # mkdocs.yml default when SITE_URL is not set


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_add_to_calendar_link_reaches_its_event_file(site: Path, lang: str) -> None:
    page = html_for(site, lang, "calendar/index.md")
    links = re.findall(r'<a href="([^"]+\.ics)" download>', page.read_text(encoding="utf-8"))
    assert len(links) == len(DATES.events) + 1  # one per event, and the whole feed
    for href in links:
        target = (page.parent / href).resolve()
        assert target.is_file(), href
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    assert (page.parent / links[0]).resolve() == (site / "calendar" / f"{lang}.ics").resolve()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_subscribe_block_gives_webcal_and_https_links_from_site_url(site: Path, lang: str) -> None:
    html = html_for(site, lang, "calendar/index.md").read_text(encoding="utf-8")
    https = f"{SITE_URL_IN_TESTS}calendar/{lang}.ics"
    assert f'href="webcal://{https.split("://", 1)[1]}"' in html
    assert f"<code>{https}</code>" in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_page_lists_every_date_in_year_order_with_its_origin(site: Path, lang: str) -> None:
    html = html_for(site, lang, "calendar/index.md").read_text(encoding="utf-8")
    positions = [html.index(f'id="{e.id}"') for e in DATES.in_year_order()]
    assert positions == sorted(positions)
    for event in DATES.events:
        assert event.texts[lang].description.split()[0] in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_shows_the_key_dates(site: Path, lang: str) -> None:
    html = html_for(site, lang, "index.md").read_text(encoding="utf-8")
    for event in DATES.events:
        assert event.texts[lang].title.replace('"', "&quot;") in html or event.texts[lang].title in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_year_view_marks_every_key_day_of_the_configured_year(site: Path, lang: str) -> None:
    html = html_for(site, lang, "calendar/year.md").read_text(encoding="utf-8")
    assert html.count('<section class="month">') == 12
    days = {(e.month, e.day) for e in DATES.events if e.yearly}
    assert html.count('class="key-date"') == len(days)
    assert "2027" in re.search(r'<h2 class="month-name">([^<]+)</h2>', html).group(1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def wait_for(condition, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_mkdocs_serve_writes_feeds_and_rebuilds_when_dates_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: b"BEGIN:VCALENDAR" in fetch(base + "calendar/ky.ics"), 120)
        assert f"webcal://127.0.0.1:{port}/calendar/ky.ics".encode() in fetch(base + "ky/calendar/")
        dates = project / "calendar" / "dates.yaml"
        old = DATES.in_year_order()[0].texts["ky"].title
        dates.write_text(dates.read_text(encoding="utf-8").replace(old, "Жаңы аталыш", 1), encoding="utf-8")
        wait_for(lambda: "Жаңы аталыш".encode() in fetch(base + "calendar/ky.ics"), 120)
    finally:
        server.terminate()
        server.wait(timeout=20)
