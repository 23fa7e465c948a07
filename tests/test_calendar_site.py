"""The calendar on the built site: feeds and event files where the pages link to them,
every client's path, the QR code, the organiser and topic feeds, dates.json, the embeddable list, the year view, the home page list, and `mkdocs serve`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import json
from pathlib import Path
from urllib.parse import quote

import pytest

from conftest import LANGUAGES, ROOT, build_site, copy_project, html_for
from sitebuild.keydates.load import load_dates
from sitebuild.keydates.texts import LABELS

DATES = load_dates(ROOT / "calendar" / "dates.yaml")
SITE_URL_IN_TESTS = "http://127.0.0.1:8000/"  # mkdocs.yml default when SITE_URL is not set


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_add_to_calendar_link_reaches_its_event_file_under_a_neutral_name(site: Path, lang: str) -> None:
    page = html_for(site, lang, "calendar/index.md")
    links = re.findall(r'<a href="([^"]+\.ics)" download="([^"]+)">', page.read_text(encoding="utf-8"))
    assert len(links) == len(DATES.events) + 1  # one per event, and the whole feed
    for href, name in links:
        target = (page.parent / href).resolve()
        assert target.is_file(), href
        assert target.name == name and re.fullmatch(r"[0-9a-f]{8}\.ics|(ru|ky|kk)\.ics", name), name
        assert target.read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    feed = [href for href, name in links if name == f"{lang}.ics"]
    assert len(feed) == 1 and (page.parent / feed[0]).resolve() == (site / "calendar" / f"{lang}.ics").resolve()


# The path of each client on the calendar page: a one-click link or the steps, in every language.
CLIENT_HEADINGS = ["iPhone", "Google", "Outlook.com", "Android", "Thunderbird"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_page_gives_every_client_a_path(site: Path, lang: str) -> None:
    html = html_for(site, lang, "calendar/index.md").read_text(encoding="utf-8")
    https = f"{SITE_URL_IN_TESTS}calendar/{lang}.ics"
    webcal = f"webcal://{https.split('://', 1)[1]}"
    assert f'href="{webcal}"' in html
    google = "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
    assert f'href="{google}" rel="noreferrer noopener"' in html
    outlook = f"https://outlook.live.com/calendar/0/addfromweb?url={quote(https, safe='')}&amp;name="
    assert f'href="{outlook}' in html
    labels = LABELS[lang]
    for label in (labels["opens_google"], labels["opens_outlook"], labels["google"], labels["outlook"], labels["apple"]):
        assert label in html, label
    headings = re.findall(r"<h3[^>]*>(.*?)</h3>", html)
    for client in CLIENT_HEADINGS:
        assert any(h.startswith(client) for h in headings), (client, headings)
    assert "ICSx⁵" in html and "F-Droid" in html
    # the URL in a field to select (no JavaScript needed) and a copy button that JavaScript shows
    assert re.search(rf'<input id="feed-url-{lang}" class="feed-url" type="text" value="{re.escape(https)}" readonly>', html)
    assert f'data-copy="feed-url-{lang}"' in html and re.search(r"<button[^>]*hidden>", html)
    # the copy button's script is in the page's one script (sitebuild.site_assets.bundle_scripts)
    [script] = re.findall(r'<script src="[^"]*assets/javascripts/(site\.[0-9a-f]{8}\.js)" defer>', html)
    assert "data-copy" in (site / "assets" / "javascripts" / script).read_text(encoding="utf-8")
    # every link that leaves the site sends no referrer
    for href, attrs in re.findall(r'<a href="(https?://[^"]+)"([^>]*)>', html):
        if not href.startswith(SITE_URL_IN_TESTS):
            assert 'rel="noreferrer' in attrs, href


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_page_shows_the_qr_code_of_the_feed_url(site: Path, lang: str) -> None:
    page = html_for(site, lang, "calendar/index.md")
    html = page.read_text(encoding="utf-8")
    src, width = re.search(r'<figure class="feed-qr"><img src="([^"]+)" width="(\d+)"', html).groups()
    svg = (page.parent / src).resolve()
    assert svg == (site / "calendar" / lang / "qr.svg").resolve()
    assert f'width="{width}"' in svg.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_page_links_the_organiser_and_topic_feeds_json_and_embed(site: Path, lang: str) -> None:
    page = html_for(site, lang, "calendar/index.md")
    html = page.read_text(encoding="utf-8")
    for path in [f"calendar/{lang}/organiser.ics", *(f"calendar/{lang}/topics/{c}.ics" for c in DATES.categories),
                 "calendar/dates.json"]:
        assert f"<code>{SITE_URL_IN_TESTS}{path}</code>" in html, path
        assert (site / path).is_file(), path
    snippet = re.search(r'<pre class="embed-snippet"><code>(.*?)</code></pre>', html).group(1)
    assert snippet.startswith(f"&lt;iframe src=&quot;{SITE_URL_IN_TESTS}calendar/{lang}/embed.html&quot;")
    assert "sandbox=&quot;allow-popups" in snippet
    embed = site / "calendar" / lang / "embed.html"
    text = embed.read_text(encoding="utf-8")
    assert "<script" not in text
    for href in re.findall(r'href="([^"]+)"', text):
        assert (embed.parent / href.split("#")[0]).resolve().exists(), href
    json.loads((site / "calendar" / "dates.json").read_text(encoding="utf-8"))


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
        first = DATES.in_year_order()[0]
        text = dates.read_text(encoding="utf-8")
        start = text.index(f"  - id: {first.id}\n")
        changed = (text[start:].replace(first.texts["ky"].title, "Жаңы аталыш", 1)
                   .replace("updated: 2026-12-01", "updated: 2026-12-02", 1))  # a change needs a new revision
        dates.write_text(text[:start] + changed, encoding="utf-8")
        wait_for(lambda: "Жаңы аталыш".encode() in fetch(base + "calendar/ky.ics"), 120)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_links_to_the_anchors_of_the_html_blocks_are_checked(tmp_path: Path) -> None:
    """The subscribe block goes into the rendered page (hooks/key_dates.py on_page_content): the
    strict build still knows its anchors, and still refuses one that is not there."""
    project = copy_project(tmp_path)
    help_page = project / "docs" / "ru" / "help.md"
    source = help_page.read_text(encoding="utf-8")
    help_page.write_text(source + "\n[Ссылка на календарь](calendar/index.md#feed-url-ru)\n", encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr
    help_page.write_text(source + "\n[Ссылка на календарь](calendar/index.md#feed-url-xx)\n", encoding="utf-8")
    broken = build_site(project, tmp_path / "broken")
    assert broken.returncode != 0 and "#feed-url-xx" in broken.stderr
