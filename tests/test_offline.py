"""Offline copies: one zip per language, linked from the home page, that opens from the phone's
files (file://) with working links, the same bytes on every build."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, build_site, html_for


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_links_to_its_language_zip(site: Path, lang: str) -> None:
    home = html_for(site, lang, "index.md")
    href = re.search(r'<a href="([^"]+\.zip)" download>', home.read_text(encoding="utf-8")).group(1)
    target = (home.parent / href).resolve()
    assert target == (site / "offline" / f"{lang}.zip").resolve() and target.is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_zip_holds_its_language_only(site: Path, lang: str) -> None:
    names = zipfile.ZipFile(site / "offline" / f"{lang}.zip").namelist()
    prefix = "" if lang == "ru" else f"{lang}/"
    assert f"{prefix}index.html" in names and f"{prefix}take-care/index.html" in names
    assert any(re.fullmatch(r"assets/stylesheets/site\.[0-9a-f]{8}\.css", n) for n in names), names
    assert f"calendar/{lang}.ics" in names
    assert {f"calendar/{lang}/qr.svg", f"calendar/{lang}/embed.html", "calendar/embed.css", "calendar/dates.json"} <= set(names)
    assert not any(n.startswith("calendar/") and n.split("/")[1] in LANGUAGES and n.split("/")[1] != lang
                   for n in names if n.count("/") >= 2)
    for other in LANGUAGES:
        if other not in (lang, "ru"):
            assert not any(n.startswith(f"{other}/") for n in names), other
        if other != lang:
            assert f"calendar/{other}.ics" not in names
    assert not any(n.endswith((".map", ".zip")) or n.startswith("search/") for n in names)


def test_extracted_copy_opens_from_files_and_links_work(site: Path, browser, tmp_path: Path) -> None:
    zipfile.ZipFile(site / "offline" / "ky.zip").extractall(tmp_path)
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        page.wait_for_url("**/ky/index.html")
        assert page.evaluate("document.documentElement.lang") == "ky"
        assert page.evaluate("getComputedStyle(document.querySelector('.site-top')).position") == "sticky"
        page.locator("article a[href$='take-care/index.html']").first.click()
        page.wait_for_url("**/ky/take-care/index.html")
        assert page.locator("h1").first.inner_text().strip()
    finally:
        context.close()


def test_zips_are_byte_identical_across_builds(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    assert build_site(ROOT, again).returncode == 0
    for lang in LANGUAGES:
        assert (site / "offline" / f"{lang}.zip").read_bytes() == (again / "offline" / f"{lang}.zip").read_bytes(), lang


def test_folder_links_are_rewritten_in_the_bytes_as_in_the_text() -> None:
    """The rewrite runs on the pages' UTF-8 bytes; it gives what the text pattern gives."""
    import random

    from sitebuild.offline import FOLDER_LINK, _folder_links_to_index

    text_pattern = re.compile(FOLDER_LINK.pattern.decode("ascii"))
    pieces = ['href="', 'src="', 'xhref="', '="', '"', "../", "./", "/", "http", "#", "?", ":", "a", "папка/",
              "ош", "#якорь", " ", "\n", "=", "href=", "index.html"]
    rng = random.Random(5)
    for _ in range(2000):
        html = "".join(rng.choice(pieces) for _ in range(rng.randrange(30)))
        expected = text_pattern.sub(r'="\1index.html\2"', html)
        assert _folder_links_to_index(html.encode("utf-8")).decode("utf-8") == expected, html


def test_each_zip_is_the_same_made_alone_or_with_the_others(site: Path) -> None:
    """The three zips share one reading of the site; a zip made on its own has the same bytes, and
    both are the zips the build wrote."""
    from sitebuild.offline import offline_zips

    together = offline_zips(site, LANGUAGES)
    for lang in LANGUAGES:
        assert offline_zips(site, [lang])[lang] == together[lang] == (site / "offline" / f"{lang}.zip").read_bytes(), lang
