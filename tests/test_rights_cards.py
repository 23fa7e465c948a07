"""Pocket rights cards (rights/cards.md): on screen, the three countries' cards; printed with
Chromium's own print to PDF, one A4 page per sheet, eight credit-card-size faces per sheet,
nothing cut off, text at least 7 pt, the card text in the PDF — in every language."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import LANGUAGES, ROOT, html_for
from sitebuild.keydates.pages import day_label
from sitebuild.interface import load_interface
from test_browser import url_of
from test_print import assert_only_the_page_prints, squeeze

CARDS = "rights/cards.md"
COUNTRIES = 3
A4_POINTS = (595.0, 842.0)
MM = 96 / 25.4  # CSS pixels per millimetre
UI = load_interface(ROOT)


def written(lang: str) -> date:
    text = (ROOT / "docs" / lang / CARDS).read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])["written"]


def review_text(lang: str) -> str:
    day = written(lang)
    return UI[lang]["rights_cards"]["review"].format(date=f"{day_label(lang, day.day, day.month)} {day.year}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cards_page_holds_three_cards_with_numbers_and_review_date(site: Path, lang: str) -> None:
    html = html_for(site, lang, CARDS).read_text(encoding="utf-8")
    screen = html.split('<div class="card-sheets">', 1)[0]
    fronts = re.findall(r'<div class="card-face card-front">(.*?)</div>', screen, re.S)
    backs = re.findall(r'<div class="card-face card-back">(.*?)</div>', screen, re.S)
    assert len(fronts) == len(backs) == COUNTRIES
    for front in fronts:
        assert 5 <= front.count("<li>") <= 7, "5 to 7 things that matter most"
    numbers = sorted(re.findall(r'<a href="tel:(\d+)">', back) for back in backs)
    assert numbers == [["112", "102", "103"], ["112", "102", "103"], ["112", "102", "103", "101"]], "emergency numbers"
    for back in backs:
        assert f'<p class="card-review">{review_text(lang)}</p>' in back
        assert back.count("<li>") >= 3, "short phrases to say aloud"
    assert "<!--" not in screen.split("<article", 1)[1]


def test_cards_are_in_the_rights_section_and_linked_from_the_police_memo(site: Path) -> None:
    for lang in LANGUAGES:
        memo = html_for(site, lang, "rights/police.md").read_text(encoding="utf-8")
        article = memo[memo.index("<article"):]
        assert 'href="../cards/"' in article, f"{lang}: the police memo does not link the cards"
        index = html_for(site, lang, "rights/index.md").read_text(encoding="utf-8")
        assert 'href="cards/"' in index[index.index("<article"):], f"{lang}: the rights index does not list the cards"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_cards_print_eight_to_an_a4_sheet_whole_and_readable(site_url: str, browser, lang: str) -> None:
    page = browser.new_page()
    page.goto(url_of(site_url, lang, CARDS))
    assert_only_the_page_prints(page)
    sheets = page.locator(".card-sheet")
    assert sheets.count() == 2 * COUNTRIES
    faces = page.evaluate("""() => [...document.querySelectorAll('.card-sheet')].map(sheet => {
        const faces = [...sheet.querySelectorAll('.card-face')];
        return {label: sheet.querySelector('.sheet-label').innerText,
                crops: [...sheet.querySelectorAll('.crop')].filter(c => {
                    const r = c.getBoundingClientRect(); return r.width + r.height > 10; }).length,
                sheetHeight: sheet.getBoundingClientRect().height,
                faces: faces.map(f => ({w: f.getBoundingClientRect().width, h: f.getBoundingClientRect().height,
                                        overflow: f.scrollHeight > f.clientHeight || f.scrollWidth > f.clientWidth,
                                        lines: f.innerText.split('\\n').map(s => s.trim()).filter(Boolean)})),
                smallest: Math.min(...[...sheet.querySelectorAll('.card-face *')]
                    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
                    .map(e => parseFloat(getComputedStyle(e).fontSize)))};
    })""")
    # nothing shown but the sheets: the on-screen cards and the page text are not printed
    assert page.evaluate("() => getComputedStyle(document.querySelector('.rights-card')).display") == "none"
    assert page.evaluate("() => getComputedStyle(document.querySelector('article h1')).display") == "none"
    for sheet in faces:
        assert len(sheet["faces"]) == 8, sheet["label"]
        assert sheet["crops"] == 16, f"{sheet['label']}: crop marks at both ends of every cut line"
        assert sheet["sheetHeight"] <= 277 * MM, f"{sheet['label']}: taller than an A4 page inside its margins"
        assert sheet["smallest"] >= 7 * 96 / 72 - 0.01, f"{sheet['label']}: text smaller than 7 pt"
        for face in sheet["faces"]:
            assert abs(face["w"] - 85.6 * MM) < 1 and abs(face["h"] - 53.98 * MM) < 1, "credit-card size"
            assert not face["overflow"], f"{sheet['label']}: a face is cut off: {face['lines'][:2]}"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    assert len(pdf.pages) == len(faces), "one A4 page per sheet"
    for number, (pdf_page, sheet) in enumerate(zip(pdf.pages, faces)):
        width, height = float(pdf_page.mediabox.width), float(pdf_page.mediabox.height)
        assert abs(width - A4_POINTS[0]) < 2 and abs(height - A4_POINTS[1]) < 2
        text = squeeze(pdf_page.extract_text())
        assert squeeze(sheet["label"].split(".")[0]) in text, f"page {number + 1} is not sheet {sheet['label']}"
        first, last = squeeze(sheet["faces"][0]["lines"][0]), squeeze(sheet["faces"][0]["lines"][-1])
        assert text.count(first) >= 8 and text.count(last) >= 8, \
            f"page {number + 1}: the face's first line {first!r} or last line {last!r} is not printed 8 times"
    backs = [squeeze(sheet["faces"][0]["lines"][-1]) for sheet in faces[1::2]]
    assert backs == [squeeze(review_text(lang))] * COUNTRIES, "each back ends with the lawyer-review line"
    page.close()
