"""The topics index (sitebuild/topics.py) and the glossary's jump list, in the built site: every
h2 and h3 of every page of a language is linked from its topics page, every link lands on an
element that exists; the glossary's letters lead to the first term of each letter."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, html_for, pages
from sitebuild.glossary import letters
from sitebuild.topics import Entry, Section, render

HEADING = re.compile(r'<h([23])[^>]*\bid="([^"]+)"[^>]*>(.*?)</h\1>', re.S)


def article(html: str) -> str:
    return html.split('<article', 1)[1].split("</article>", 1)[0]


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def target_file(site: Path, page_url: str, href: str) -> tuple[Path, str]:
    """The built file and the anchor a relative link of the page at `page_url` points to."""
    path, _, anchor = urljoin(page_url, href).partition("#")
    return site / path.lstrip("/") / "index.html", anchor


@pytest.mark.parametrize("lang", LANGUAGES)
def test_topics_page_links_every_section_of_every_page(site: Path, lang: str) -> None:
    topics_file = html_for(site, lang, "topics.md")
    page_url = "/" + topics_file.parent.relative_to(site).as_posix() + "/"
    topics = article(topics_file.read_text(encoding="utf-8")).split('<div class="topics">', 1)[1]
    links = re.findall(r'<a href="([^"]+)">(.*?)</a>', topics)
    linked = set()
    for href, title in links:
        file, anchor = target_file(site, page_url, href)
        assert file.exists(), f"{href}: no page"
        if anchor:
            assert f'id="{anchor}"' in file.read_text(encoding="utf-8"), f"{href}: no such section"
            linked.add((file, anchor, text(title)))
    sections = 0
    for md in pages(DEFAULT_LANGUAGE):
        if md == "topics.md":
            continue
        file = html_for(site, lang, md)
        for level, anchor, title in HEADING.findall(article(file.read_text(encoding="utf-8"))):
            sections += 1
            assert (file, anchor, text(title)) in linked, f"{md}: section «{text(title)}» (#{anchor}) is not in the topics page"
    assert sections > 100 and len(linked) == sections


def test_topics_render_escapes_titles_and_nests_h3_under_h2() -> None:
    entry = Entry("A &amp; <b>", "ky/rights/police/", [Section("Kazakhstan <i>", "kazakhstan", 2, [Section("Time", "time", 3), Section("Deep", "deep", 4)])])
    html = render([entry], "ky/topics/")
    assert '<h2><a href="../../ky/rights/police/">A &amp; &lt;b&gt;</a></h2>' in html
    assert '<li><a href="../../ky/rights/police/#kazakhstan">Kazakhstan &lt;i&gt;</a><ul><li><a href="../../ky/rights/police/#time">Time</a></li></ul></li>' in html
    assert "deep" not in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_jump_list_leads_to_the_first_term_of_each_letter(site: Path, lang: str) -> None:
    html = article(html_for(site, lang, "glossary.md").read_text(encoding="utf-8"))
    jump = re.search(r'<nav class="glossary-letters" aria-label="[^"]+">(.*?)</nav>', html).group(1)
    entries = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', jump)
    terms = re.findall(r'<dt id="([^"]+)">(.*?)</dt>', html, re.S)
    assert len(entries) >= 10 and len(terms) > len(entries)
    firsts = {}
    for term_id, term in terms:
        firsts.setdefault(text(term)[:1].upper(), term_id)
    assert entries == [(term_id, letter) for letter, term_id in firsts.items()]


def test_glossary_letters_escape_and_group() -> None:
    from sitebuild.glossary import Term

    terms = [Term(i, 1, {"ru": w}, {"ru": "x"}) for i, w in (("b", "бета"), ("a", "альфа"), ("c", "Бор"), ("d", "<ой>"))]
    terms.append(Term("e", 1, {"ru": "я"}, {"ru": ""}, shown=False))
    assert letters(terms, "ru", 'A "B"') == (
        '<nav class="glossary-letters" aria-label="A &quot;B&quot;"><a href="#d">&lt;</a><a href="#a">А</a><a href="#b">Б</a></nav>')
