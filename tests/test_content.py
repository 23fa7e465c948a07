"""Content rules: every page in all three languages, only the allowed phone numbers, legal memos
with their review notice and date, every cited article with its country."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import LANGUAGES, ROOT, html_for, pages

DOCS = ROOT / "docs"
SECTIONS = {
    "swit": ["swit/index.md", "swit/community-empowerment.md", "swit/violence.md",
             "swit/community-led-services.md", "swit/condoms-lubricants.md",
             "swit/clinical-services.md", "swit/programme-management.md"],
    "brochure and help": ["take-care.md", "help.md", "about.md"],
    "rights": ["rights/index.md", "rights/police.md", "rights/violence.md", "rights/doctor.md",
               "rights/documents.md", "glossary.md", "monitoring.md"],
}
MEMOS = ["rights/police.md", "rights/violence.md", "rights/doctor.md", "rights/documents.md"]
ALLOWED_NUMBERS = {"112", "102", "103"}
# Words that put a number in a phone context, in ru, ky, kk.
PHONE_WORDS = re.compile(r"звон|телефон|номер|позвон|чалы|қоңырау|нөмір", re.IGNORECASE)
LONG_NUMBER = re.compile(r"\+?\d[\d\s\-()\u00a0]{5,}\d")
ARTICLE = re.compile(r"(стат(ья|ьи|ье|ью|ей)|ст\.)\s*\d|\d+(\.\d+)*-(берене|бап)", re.IGNORECASE)
COUNTRY = re.compile(r"РФ|РК|Росси|Казахстан|Кыргызстан|Киргиз|Орусия|Ресей|Қазақстан|Қырғызстан|Кыргыз Республикасы")


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---", 2)[1])


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---", 2)[2]


def all_sources() -> list[Path]:
    return sorted(p for lang in LANGUAGES for p in (DOCS / lang).rglob("*.md"))


@pytest.mark.parametrize("section", SECTIONS)
def test_section_pages_exist_in_every_language(section: str) -> None:
    for page in SECTIONS[section]:
        for lang in LANGUAGES:
            assert (DOCS / lang / page).is_file(), f"docs/{lang}/{page} is missing"


def test_every_page_is_in_the_navigation_of_every_language(site: Path) -> None:
    for lang in LANGUAGES:
        home = html_for(site, lang, "index.md").read_text(encoding="utf-8")
        for page in pages("ru"):
            if page == "index.md":
                continue
            stem = page.removesuffix(".md").removesuffix("index")
            target = stem if stem.endswith("/") else stem + "/"
            assert f'href="{target}"' in home or f'href="./{target}"' in home, f"{lang}: {page} not in navigation"


def test_translated_pages_are_marked_as_drafts_or_reviewed() -> None:
    for lang in ("ky", "kk"):
        for path in (DOCS / lang).rglob("*.md"):
            assert front_matter(path).get("translation") in {"draft", "reviewed"}, path


@pytest.mark.parametrize("path", all_sources(), ids=lambda p: str(p.relative_to(DOCS)))
def test_no_phone_number_but_the_emergency_numbers(path: Path) -> None:
    text = body(path)
    for match in LONG_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        assert len(digits) < 7 or re.fullmatch(r"(19|20)\d\d[\s\-–]+(19|20)\d\d", match.group().strip()), \
            f"{path}: phone-like number {match.group()!r}"
    assert "tel:" not in text or set(re.findall(r"tel:(\d+)", text)) <= ALLOWED_NUMBERS, path
    for line in text.splitlines():
        if PHONE_WORDS.search(line):
            for number in re.findall(r"(?<![\d.,/])\d{3}(?![\d.,/])", line):
                assert number in ALLOWED_NUMBERS, f"{path}: number {number} next to a phone word: {line.strip()}"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("memo", MEMOS)
def test_memo_records_its_legal_review_and_date_and_shows_them(site: Path, lang: str, memo: str) -> None:
    meta = front_matter(DOCS / lang / memo)
    assert meta.get("legal_review") == "not yet"
    assert meta.get("written") is not None
    html = html_for(site, lang, memo).read_text(encoding="utf-8")
    assert 'class="admonition danger page-notice legal-review"' in html
    assert f'<time datetime="{meta["written"]}">' in html


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("memo", MEMOS)
def test_memo_has_a_part_for_each_country(lang: str, memo: str) -> None:
    headings = [line for line in body(DOCS / lang / memo).splitlines() if line.startswith("## ")]
    for country in {"ru": ["Росси", "Казахстан", "Кыргызстан"], "ky": ["Росси", "Казакстан", "Кыргызстан"],
                    "kk": ["Ресей", "Қазақстан", "Қырғызстан"]}[lang]:
        assert any(country in h for h in headings), f"{lang}/{memo}: no section for {country}"


@pytest.mark.parametrize("path", all_sources(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_cited_article_names_its_country(path: Path) -> None:
    section = ""
    for line in body(path).splitlines():
        if line.startswith("## "):
            section = line
        if ARTICLE.search(line):
            assert COUNTRY.search(line) or COUNTRY.search(section), f"{path}: article without a country: {line.strip()}"


def test_links_to_glossary_terms_reach_an_entry(site: Path) -> None:
    from sitebuild.glossary import load_terms

    terms = load_terms(ROOT / "glossary" / "terms.yaml")
    ids = {term.id for term in terms if term.shown}
    hidden = {term.id for term in terms if not term.shown}  # kept for consistency only (site name, NGO…)
    assert ids and hidden
    links = [(path, anchor) for path in all_sources()
             for anchor in re.findall(r"glossary\.md#([a-z0-9-]+)", path.read_text(encoding="utf-8"))]
    assert len(links) >= 30
    for path, anchor in links:
        assert anchor in ids, f"{path}: no glossary term '{anchor}'"
    for lang in LANGUAGES:
        html = html_for(site, lang, "glossary.md").read_text(encoding="utf-8")
        for term_id in ids:
            assert f'<dt id="{term_id}">' in html, f"{lang}: no entry for {term_id}"
        for term_id in hidden:
            assert f'id="{term_id}"' not in html, f"{lang}: {term_id} is for consistency only, not for the glossary page"
