"""Printing with the browser's own print (Chromium's PDF): brochure and memos on A4 and A5,
the monitoring checklist table on one A4 page, the year view on A4 — nothing but the page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from test_browser import url_of

HIDDEN_IN_PRINT = [".quick-exit", ".md-header", ".md-sidebar--primary", ".md-footer"]


def squeeze(text: str) -> str:
    """Text without white space: PDF text extraction spaces out some Kazakh and Kyrgyz letters."""
    return re.sub(r"\s+", "", text)


def printed(page, fmt: str) -> list[str]:
    """Text of each printed page, squeezed."""
    pdf = page.pdf(format=fmt, print_background=False)
    return [squeeze(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def assert_only_the_page_prints(page) -> None:
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        shown = page.evaluate(
            "s => [...document.querySelectorAll(s)].some(e => getComputedStyle(e).display !== 'none')", selector)
        assert not shown, f"{selector} is printed"


@pytest.mark.parametrize("fmt", ["A4", "A5"])
@pytest.mark.parametrize(("lang", "doc"), [("ru", "take-care.md"), ("kk", "take-care.md"), ("ru", "rights/police.md"),
                                          ("ky", "rights/violence.md"), ("kk", "rights/doctor.md"), ("ru", "rights/documents.md")])
def test_brochure_and_memos_print_without_site_furniture(site_url: str, browser, fmt: str, lang: str, doc: str) -> None:
    page = browser.new_page()
    page.goto(url_of(site_url, lang, doc))
    title = page.locator("article h1").first.inner_text().strip()
    assert_only_the_page_prints(page)
    pages = printed(page, fmt)
    assert squeeze(title) in pages[0]
    if doc.startswith("rights/") and doc != "rights/index.md":
        legal = page.locator(".legal-review .admonition-title").inner_text().split(":")[0]
        assert squeeze(legal) in pages[0], "the lawyer-review notice must print"
    page.close()


@pytest.mark.parametrize("lang", ["ru", "ky", "kk"])
def test_monitoring_checklist_table_prints_on_one_a4_page(site_url: str, browser, lang: str) -> None:
    page = browser.new_page()
    page.goto(url_of(site_url, lang, "monitoring.md"))
    rows = page.locator("article table").last.locator("tbody tr")
    first, last = rows.first.inner_text().split("\t")[0].strip(), rows.last.inner_text().split("\t")[0].strip()
    assert rows.count() >= 10
    assert_only_the_page_prints(page)
    pages = printed(page, "A4")
    holding = [i for i, text in enumerate(pages) if squeeze(first) in text and squeeze(last) in text]
    assert holding, f"first row {first!r} and last row {last!r} are not on one page"
    page.close()


@pytest.mark.parametrize("lang", ["ru", "ky", "kk"])
def test_year_view_prints_twelve_whole_months_on_a4(site_url: str, browser, lang: str) -> None:
    page = browser.new_page()
    page.goto(url_of(site_url, lang, "calendar/year.md"))
    months = page.locator(".year-view .month-name").all_inner_texts()
    assert len(months) == 12
    assert_only_the_page_prints(page)
    pages = printed(page, "A4")
    assert len(pages) <= 3, f"{len(pages)} pages"
    for month in months:
        assert sum(squeeze(month) in text for text in pages) == 1, f"{month} is split or missing"
    page.close()
