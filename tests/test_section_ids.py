"""Section ids on the built site: every heading of every page has a readable, stable id (set in
the Markdown with attr_list, `## Казахстан {#kazakhstan}`), the same in all three languages, so
that the home page, a leaflet or a chat can link to "the Kazakhstan section" in any language.
Memos open with the country jump bar and the "what to do now" steps; on Kyrgyz and Kazakh memos
the reader's own country comes first."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import LANGUAGES, html_for, pages

# Lowercase ASCII words joined by single hyphens, starting with a letter. Python-Markdown's own
# ids for Cyrillic headings are "_1", "_12", "-", "-_1", "swit_1", "1 2 3-", "2015": none fits.
READABLE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MEMOS = ["rights/police.md", "rights/violence.md", "rights/doctor.md", "rights/documents.md"]
COUNTRIES = ["russia", "kazakhstan", "kyrgyzstan"]
# The reader's country first: the order of the country sections (and of the jump bar) per language.
COUNTRY_ORDER = {"ru": COUNTRIES, "ky": ["kyrgyzstan", "russia", "kazakhstan"],
                 "kk": ["kazakhstan", "russia", "kyrgyzstan"]}


class Headings(HTMLParser):
    """Headings (tag, id) inside the page's article, in document order, and the page's jump bar links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 while inside <article>
        self.headings: list[tuple[str, str | None]] = []
        self.ids: list[str] = []
        self.in_jump_bar = False
        self.jump_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if attributes.get("id"):
            self.ids.append(attributes["id"] or "")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append((tag, attributes.get("id")))
        if tag == "nav" and "jump-bar" in (attributes.get("class") or "").split():
            self.in_jump_bar = True
        if tag == "a" and self.in_jump_bar:
            self.jump_links.append(attributes.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1
        if tag == "nav":
            self.in_jump_bar = False


def parse(path: Path) -> Headings:
    parser = Headings()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def unreadable(ids: list[str]) -> list[str]:
    """The ids that are auto-numbered, non-ASCII or otherwise not a readable slug."""
    return [i for i in ids if not READABLE_ID.match(i)]


def test_the_check_catches_what_markdown_generates_for_cyrillic_headings() -> None:
    generated = ["_1", "_12", "-", "-_1", "swit_1", "swit-", "1 2 3-", "2015", "қазақстан", "Kazakhstan", ""]
    assert unreadable(generated) == generated
    assert unreadable(["kazakhstan", "kazakhstan-detention", "now", "pep"]) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_heading_has_a_readable_unique_id(site: Path, lang: str) -> None:
    problems = []
    for page in pages("ru"):
        parsed = parse(html_for(site, lang, page))
        assert parsed.headings, f"{lang}/{page}: no heading found in the article"
        # Every Markdown heading gets an id (the toc extension); a heading a hook writes without
        # one (the year view's month names) is no section anyone links to.
        ids = [i for _, i in parsed.headings if i is not None]
        bad = unreadable(ids)
        if bad:
            problems.append(f"{lang}/{page}: {bad}")
        duplicates = {i for i in parsed.ids if parsed.ids.count(i) > 1}
        if duplicates:
            problems.append(f"{lang}/{page}: ids used twice: {sorted(duplicates)}")
    assert not problems, "set every heading's id with attr_list, e.g. `## Казахстан {#kazakhstan}`:\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "ru"])
def test_every_page_has_the_same_section_ids_as_the_russian_page(site: Path, lang: str) -> None:
    problems = []
    for page in pages("ru"):
        russian = {i for _, i in parse(html_for(site, "ru", page)).headings if i}
        translated = {i for _, i in parse(html_for(site, lang, page)).headings if i}
        if russian != translated:
            problems.append(f"{lang}/{page}: missing {sorted(russian - translated)}, "
                            f"not in Russian {sorted(translated - russian)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("memo", MEMOS)
def test_memo_opens_with_the_jump_bar_and_the_steps_and_puts_the_readers_country_first(
        site: Path, lang: str, memo: str) -> None:
    parsed = parse(html_for(site, lang, memo))
    order = COUNTRY_ORDER[lang]
    assert parsed.jump_links == [f"#{country}" for country in order], f"{lang}/{memo}: jump bar {parsed.jump_links}"
    ids = [i for _, i in parsed.headings]
    assert ids[1] == "now", f"{lang}/{memo}: the first section after the title is {ids[1]!r}, not 'now'"
    assert [i for i in ids if i in COUNTRIES] == order, f"{lang}/{memo}: countries in the order {ids}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_brochure_parts_that_cannot_wait_open_with_their_steps(site: Path, lang: str) -> None:
    html = html_for(site, lang, "take-care.md").read_text(encoding="utf-8")
    for section, block in [("pep", "now-pep"), ("after-violence", "now-violence"), ("overdose", "now-overdose")]:
        heading = re.search(rf'<h[23] id="{section}">.*?</h[23]>\s*<div class="now" id="{block}">\s*<ol>', html, re.S)
        assert heading, f"{lang}: section #{section} does not open with the steps #{block}"
        steps = re.search(rf'<div class="now" id="{block}">\s*<ol>(.*?)</ol>', html, re.S).group(1)
        assert 1 <= steps.count("<li>") <= 5, f"{lang}: #{block} has {steps.count('<li>')} steps"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_triage_gives_the_emergency_numbers_and_links_to_sections(site: Path, lang: str) -> None:
    html = html_for(site, lang, "index.md").read_text(encoding="utf-8")
    triage = re.search(r'<div class="triage">(.*?)</div>', html, re.S)
    assert triage, f"{lang}: no triage block on the home page"
    assert set(re.findall(r'href="tel:(\d+)"', triage.group(1))) == {"112", "102", "103"}
    links = re.findall(r'href="([^"#]+)#([a-z-]+)"', triage.group(1))
    assert 4 <= len(links) <= 6, links
    for target, fragment in links:
        page = html_for(site, lang, "index.md").parent / target / "index.html"
        assert f'id="{fragment}"' in page.read_text(encoding="utf-8"), f"{lang}: {target}#{fragment} lands nowhere"
