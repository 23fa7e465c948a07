"""The page gate (content_policy.page_problems) judges a page as browsers read it (Lexbor, with
scripting off and on) and names the line with html.parser (start_tags), which reads only a page
found wrong; the rendered check (html_problems) reads as browsers do too. On hostile markup the two
readings find the same problems, except where html.parser misses what browsers read (the problem is
still found, at the line where its text is) and where it reads what no browser reads (the verdict is
the browsers')."""

from __future__ import annotations

import random

import pytest

from sitebuild.content_policy import (COMMENT, DANGEROUS_TAG, EVENT_IN_TAG, FORBIDDEN_TAGS, NEUTRAL_ATTRIBUTES,
                                      NOT_PUBLISHED, PLAIN_NOSCRIPT, RENDERED_FORBIDDEN, RESOURCE_ATTRIBUTES, PolicyError,
                                      _bad_resource, _noscript_words, _page_findings, _page_rules,
                                      as_browsers_read_comments, attribute_problem, browser_elements, check_html,
                                      html_problems, markdown_problems, page_problems, start_tags)

PAGE = '<!doctype html>\n<html lang="ru">\n<head>\n<title>Т</title>\n{head}</head>\n<body>\n{body}\n</body>\n</html>\n'
LINE = 7  # the line of {body} when {head} is empty
THEME_NOSCRIPT = '<noscript><link rel="stylesheet" href="../assets/stylesheets/no-js.css"></noscript>\n'

# (markup, words of the problem) that both readings find alike.
BOTH_READ = [
    ('<p onclick="x">', "<p onclick=…>: 'onclick=' runs code"),
    ("<P ONCLICK=x>", "<p onclick=…>"),
    ("<p/onclick=x>", "<p onclick=…>"),
    ('<p a="1"onclick=x>', "<p onclick=…>"),
    ("<p\x0conclick=x>", "<p onclick=…>"),
    ('<a href="x" onclick>', "<a onclick=…>"),
    ('<a href="javascript:x">', "is a javascript: link"),
    ('<a href="JaVaScRiPt:x">', "is a javascript: link"),
    ('<a href="java&Tab;script:x">', "is a javascript: link"),
    ('<a href="javascript&colon;x">', "is a javascript: link"),
    ('<a href="&#106;avascript:x">', "is a javascript: link"),
    ('<a href="&#x6A;avascript:x">', "is a javascript: link"),
    ('<a href="javascript&#58x">', "is a javascript: link"),
    ('<a href=" javascript:x">', "is a javascript: link"),
    ('<a href="data:text/html,x">', "is a data: link"),
    ('<img src="//e.org/x">', "'//e.org/x' is loaded from another place"),
    ('<img src="\\\\e.org/x">', "is loaded from another place"),
    ('<img src="https://e.org/x">', "is loaded from another place"),
    ('<img srcset="a.png 1x, https://e.org/b.png 2x">', "<img srcset=…>"),
    ("<script>alert(1)</script>", "an inline <script>"),
    ('<script type="module">x</script>', "an inline <script>"),
    ('<SCRIPT SRC="">x</SCRIPT>', "an inline <script>"),
    ('<script type="application/json" onload="x">{}</script>', "<script onload=…>"),
    ('<div style="color:red">', "'style=' is not used"),
    ("<svg onload=x></svg>", "<svg onload=…>"),
    ('<svg><a xlink:href="javascript:x"><text>t</text></a></svg>', "<a xlink:href=…>"),
    ('<math href="javascript:x"></math>', "<math href=…>"),
    ("<!--><img src=//e.org/x>-->", "<img src=…>"),      # browsers end a comment at '<!-->' ...
    ("<!---><img src=//e.org/x>-->", "<img src=…>"),     # ... at '<!--->' ...
    ("<!-- --!><img onerror=x>", "<img onerror=…>"),     # ... and at '--!>'
    ("<![CDATA[x]]><img onerror=x>", "<img onerror=…>"),  # in HTML a comment that ends at '>'
    ("<body onload=x>", "<body onload=…>"),              # attributes merged into the page's <body>
    ("<html onclick=x>", "<html onclick=…>"),
    ("<template><img onerror=x></template>", "<img onerror=…>"),
    ("<template><template><p onclick=x></p></template></template>", "<p onclick=…>"),
    ("<table><img onerror=x></table>", "<img onerror=…>"),  # moved before the table
    ("<table><tr><td background=//e.org/x>x</td></tr></table>", "<td background=…>"),
    ('<video poster="https://e.org/p.png"></video>', "<video poster=…>"),
    ("<object data=//e.org/x></object>", "<object data=…>"),
    ('<form action="javascript:x"></form>', "<form action=…>"),
    ('<button formaction="javascript:x">', "<button formaction=…>"),
    ('<a ping="/t">x</a>', "'ping=' loads a file"),
    ('<blockquote cite="javascript:x">', "<blockquote cite=…>"),
    ("<noscript><img src=//e.org/x></noscript>", "<img src=…>"),  # loads where scripts are off
    ('<select><selectedcontent></selectedcontent><option><b onclick="x">x</b></option></select>', "<b onclick=…>"),
]
# Markup where html.parser misses an element browsers build: still found, at the line of its text.
BROWSERS_ONLY = [
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', "<img onerror=…>"),
    ('<noscript><p title="</noscript><img src=x onerror=alert(1)>">', "<img onerror=…>"),
    ('<!--<noscript><link href="x.css"></noscript>--><NOSCRIPT><p title="</NOSCRIPT><img onerror=x>"></NOSCRIPT>',
     "<img onerror=…>"),
    ("<svg><style><img src=//e.org/x onerror=y></style></svg>", "<img onerror=…>"),  # <style> is no raw text in SVG
    ("<math><mi><mglyph><style><img onerror=y></style></mglyph></mi></math>", "<img onerror=…>"),
    ("<script src=a.js></script x><img onerror=y>", "<img onerror=…>"),  # an end tag with attributes ends a script
]
# Markup where html.parser reads an element that no browser builds (text of <textarea>, <title>,
# <xmp>, <iframe>, <noembed>, <plaintext>; a cell outside a table, a form in a form, a repeated
# attribute's second value): nothing runs or loads, the page passes. The rendered check refuses the
# elements that hold such text all the same.
PARSER_ONLY = [
    ("<textarea><img onerror=x></textarea>", True),
    ("<title><img onerror=x></title>", True),
    ("<xmp><img onerror=x></xmp>", True),
    ("<iframe><img onerror=x></iframe>", True),
    ("<noembed><img onerror=x></noembed>", True),
    ("<plaintext><img onerror=x>", True),
    ("<form><form onsubmit=x></form></form>", True),
    ("<td background=//e.org/x>x</td>", False),
    ('<a href="page/" href="javascript:x">x</a>', False),
]
# (markup, whether the rendered check passes it too: it refuses every <script>, and 'on…=' in any tag)
GOOD = [('<a href="page/">x</a>', True), ('<img src="pic.png" alt="">', True), ('<a href="tel:112">112</a>', True),
        ('<a href="javascript&colonx">x</a>', True), ('<a href="https://example.org/" hreflang="kk">x</a>', True),
        ('<p title="onclick=x">x</p>', False), ('<script src="a.js" defer></script>', False),
        ('<script type="application/json">{"a": "<img onerror=x>"}</script>', False)]


def browser_verdict(html: str) -> set[str]:
    return {problem for scripting in (False, True) for tag, attrs in browser_elements(html, scripting=scripting)
            for _, problem in _page_rules(tag, attrs)}


def parser_verdict(html: str) -> set[str]:
    """The problems html.parser finds, a repeated attribute's every value included."""
    return {problem for _, tag, attrs in start_tags(html) for values in (dict(attrs), dict(reversed(attrs)))
            for _, problem in _page_rules(tag, values)}


@pytest.mark.parametrize("head", ["", THEME_NOSCRIPT], ids=["", "theme noscript"])
@pytest.mark.parametrize(("markup", "words"), BOTH_READ + BROWSERS_ONLY, ids=[c[0] for c in BOTH_READ + BROWSERS_ONLY])
def test_the_page_gate_finds_what_browsers_read_at_its_line(markup: str, words: str, head: str) -> None:
    page = PAGE.format(head=head, body=markup)
    problems = list(page_problems(page))
    line = LINE + head.count("\n")
    assert any(problem.startswith(f"line {line}: ") and words in problem for problem in problems), problems
    with pytest.raises(PolicyError):  # what the rendered check refuses, where a page's text made it
        check_html(markup, path="docs/ru/page.md")


@pytest.mark.parametrize(("markup", "words"), BOTH_READ, ids=[c[0] for c in BOTH_READ])
def test_both_readings_agree(markup: str, words: str) -> None:
    page = PAGE.format(head="", body=markup)
    assert browser_verdict(page) == parser_verdict(page) != set()


@pytest.mark.parametrize(("markup", "words"), BROWSERS_ONLY, ids=[c[0] for c in BROWSERS_ONLY])
def test_html_parser_misses_what_browsers_read(markup: str, words: str) -> None:
    page = PAGE.format(head="", body=markup)
    assert any(words in problem for problem in browser_verdict(page) - parser_verdict(page))


@pytest.mark.parametrize(("markup", "refused"), PARSER_ONLY, ids=[c[0] for c in PARSER_ONLY])
def test_what_no_browser_reads_is_no_problem(markup: str, refused: bool) -> None:
    page = PAGE.format(head="", body=markup)
    assert parser_verdict(page) and not browser_verdict(page)
    assert list(page_problems(page)) == []
    try:
        check_html(markup, path="docs/ru/page.md")
    except PolicyError:
        assert refused
    else:
        assert not refused


@pytest.mark.parametrize(("markup", "rendered"), GOOD, ids=[c[0] for c in GOOD])
def test_what_the_site_uses_passes_both_readings(markup: str, rendered: bool) -> None:
    page = PAGE.format(head=THEME_NOSCRIPT, body=markup)
    assert browser_verdict(page) == parser_verdict(page) == set()
    assert list(page_problems(page)) == []
    if rendered:
        check_html(markup, path="docs/ru/page.md")


def test_problems_come_in_the_order_of_their_lines() -> None:
    page = PAGE.format(head='<link rel="icon" href="javascript:x">\n', body='<p style="x">\n<img src="//e.org/x">')
    assert [problem.split(": <")[0] for problem in page_problems(page)] == ["line 5", "line 8", "line 9"]


# Pieces that leave a parser in every state a line can end in: inside a tag, a comment, a script or
# a style, an attribute value, a character reference, foreign content, a template.
PIECES = ['<a href="x">', "</a>", "<script>", "</script>", "</ script>", "</script >", "<SCRIPT>", "if (a<b) {",
          "<!--", "-->", "<!-->", "--!>", "<![CDATA[x]]>", "<style>", "</style>", '<img src="//e.org/x"\n alt="a">',
          '<div\nonclick="x">', "text &amp; more", "&", "&am", "<", ">", "\n", "\n\n", "  ", "<p>", "</p>",
          '<a href="java\nscript:x">', "<title>", "</title>", "<br/>", "<?php ?>", "<!DOCTYPE html>", '"', "'",
          '<a title="a\n\nb">', "<x-y z=1>", "&#106;", "<a href=&#106;avascript:x>", "<b style='x'>", "<svg>", "</svg>",
          "<math>", "<template>", "</template>", "<noscript>", "</noscript>", "<table>", "<frameset>", "\x00", "<body onload=x>",
          "<![", "<![if x]>", "<![ ", "<![CDATA["]


@pytest.mark.parametrize("seed", range(4))
def test_hostile_pages_give_messages_not_tracebacks(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        doc = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 30)))
        for problem in page_problems(doc):
            assert problem.startswith("line ") or problem.endswith("(its line was not found)"), (doc, problem)
        try:
            check_html(doc, path="docs/ru/page.md", source_lines=doc.split("\n"))
        except PolicyError:
            pass


@pytest.mark.parametrize("text", ["<![картинка](pic.png)", "Текст <![ x", "<![if x]> <span onclick=x>", "<![CDATA[x"])
def test_marked_sections_give_messages_not_tracebacks(text: str) -> None:
    """html.parser stops with an AssertionError at '<![' followed by anything but a few keywords;
    browsers read a comment up to the first '>'."""
    found = any("'onclick=' runs code" in problem for _, problem in markdown_problems(text))
    assert found == ("onclick" in text)
    page = PAGE.format(head="", body=text + '>\n<p onclick="x">')  # '>' ends what is open
    lines = [f"line {LINE}"] * ("onclick" in text) + [f"line {LINE + 1}"]
    assert [problem.split(": <")[0] for problem in page_problems(page)] == lines


def test_a_line_seen_before_is_still_checked_in_another_context() -> None:
    page = '<p>\n<a href="page/">x</a>\n</p>\n'
    assert list(page_problems(page)) == []
    # The same line inside a tag that spans lines (in an attribute's value) is part of that tag, and
    # inside a script it is the script's text: read again, not taken from memory.
    hidden = '<p title=\'\n<a href="page/">x</a>\n\' onclick="x">\n'
    assert any("onclick" in problem for problem in page_problems(hidden))
    inline = '<script>\n<a href="page/">x</a>\n</script>\n'
    assert [p.split(":")[0] for p in page_problems(inline)] == ["line 1"]


# --- the fast paths: the same verdicts as reading every attribute of every element ----------------

def careful_page_findings(html: str) -> list[tuple[str, str]]:
    """_page_findings as it was: every element with attributes read, the page lowered to count <noscript>."""
    elements = list(browser_elements(html))
    if html.lower().count("noscript") != 2 * len(PLAIN_NOSCRIPT.findall(html)):
        elements = [*elements, *browser_elements(html, scripting=True)]
    return [found for tag, attrs in elements if attrs or tag == "script" for found in _page_rules(tag, attrs)]


def careful_html_problems(html: str) -> list[tuple[str, str]]:
    """html_problems as it was: every attribute of every element read."""
    found = []
    outside_comments = COMMENT.sub("", as_browsers_read_comments(html))
    if tag := DANGEROUS_TAG.search(outside_comments):
        name = tag.group(1).lower()
        found.append((f"<{name}", f"<{name}>: {FORBIDDEN_TAGS.get(name, NOT_PUBLISHED)}"))
    if event := EVENT_IN_TAG.search(outside_comments):
        name = event.group().rsplit("on", 1)[1].rstrip("= \t\n")
        found.append((f"on{name}", attribute_problem(f"on{name}", "", allowed=None) or ""))
    for tag, attrs in browser_elements(html):
        if tag in RENDERED_FORBIDDEN:
            found.append((f"<{tag}", f"<{tag}>: {FORBIDDEN_TAGS.get(tag, NOT_PUBLISHED)}"))
            continue
        for name, value in attrs.items():
            if problem := attribute_problem(name, value, allowed=None):
                needle = value if value and name not in {"style"} and not name.startswith("on") else name
                if name in RESOURCE_ATTRIBUTES:
                    needle = _bad_resource(name, value or "") or needle
                found.append((needle, f"<{tag}>: {problem}"))
    return found


HOSTILE = [markup for markup, _ in BOTH_READ + BROWSERS_ONLY + PARSER_ONLY + GOOD] + [
    '<p class="a" id="b" onclick="x">', "<p CLASS=a ONCLICK=x>", '<a class="x" href="javascript:x" id="y">',
    '<div class="a" style="x">', '<svg viewBox="0 0 1 1" onload=x></svg>', '<p class="a" id="b" lang="ru">',
    "<NOSCRİPT><img onerror=x></NOSCRİPT>", '<NoScRiPt><p title="</NoScRiPt><img onerror=x>"></NoScRiPt>',
    '<script class="a" type="text/plain">x</script>', '<p data-md-component="x" aria-label="y" on="z">',
    '<template class="a"><p id="b" onclick="x"></p></template>',
]


def hostile_pages(head: str) -> list[str]:
    rng = random.Random(19)
    pages = [PAGE.format(head=head, body=markup) for markup in HOSTILE]
    for _ in range(300):  # attributes no rule reads around one a rule may read, in any order and case
        parts = [f'{rng.choice(sorted(NEUTRAL_ATTRIBUTES))}="{rng.choice(["x", "onclick=y", "javascript:z"])}"'
                 for _ in range(rng.randrange(4))]
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(['onclick="x"', 'STYLE="x"', 'href="javascript:x"',
                                                                'src="//e.org/x"', 'href="page/"', 'OnLoad=x', "on=x"]))
        tag = rng.choice(["p", "a", "img", "script", "SCRIPT", "svg", "template", "div", "noscript"])
        pages.append(PAGE.format(head=head, body=f"<{tag} {' '.join(parts)}>x</{tag}>"))
    return pages


@pytest.mark.parametrize("head", ["", THEME_NOSCRIPT], ids=["", "theme noscript"])
def test_fast_paths_find_what_reading_every_attribute_finds(head: str) -> None:
    for page in hostile_pages(head):
        assert _page_findings(page) == careful_page_findings(page), page
        assert list(html_problems(page)) == careful_html_problems(page), page


def test_neutral_attributes_are_read_by_no_rule() -> None:
    for name in NEUTRAL_ATTRIBUTES:
        for value in ("x", "javascript:x", "//e.org/x", None):
            assert attribute_problem(name, value, allowed=None) is None
            assert _page_rules("p", {name: value}) == []


def test_the_noscript_count_is_the_lowered_count() -> None:
    for text in ("", "noscript NOSCRIPT NoScRiPt", "NOSCRİPT noscrİpt", "nos\u0130cript", "<noscript>ёЁ</NOSCRIPT>",
                 "noscriptnoscript", "\ud800noscript", "ＮＯＳＣＲＩＰＴ noſcript", "noscri\u0307pt", "NOSCRIPT\u212a"):
        assert _noscript_words(text) == text.lower().count("noscript"), text
