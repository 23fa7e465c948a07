"""The content policy (issue 16), rule by rule and without a build: what an editor writes in a
page or a data file is refused with its line and what to do instead; what pages really use passes.
The whole build with bad inputs is tests/test_bad_inputs.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from sitebuild.content_policy import PolicyError, check_html, check_markdown, check_plain, check_text, markdown_text
from sitebuild.site_config import ConfigValueError, check_calendar_year, check_site_url

# (what, Markdown body; the bad line is the one with ⟦ ⟧ removed, words of the message)
BAD_MARKDOWN = [
    ("script", "<script>alert(1)</script>", "<script>: scripts do not run"),
    ("script in capitals", "<SCRIPT>alert(1)</SCRIPT>", "<script>: scripts do not run"),
    ("script with a slash", "<script/src=x.js></script>", "<script>: scripts do not run"),
    ("script after text", "Текст <script>alert(1)</script> текст", "<script>"),
    ("script split over lines", "<div>\n<script\n>alert(1)</script>\n</div>", "<script>"),
    ("iframe", '<iframe src="https://example.org/"></iframe>', "<iframe>: no embedded pages"),
    ("object", '<object data="x.swf"></object>', "<object>: no embedded objects"),
    ("embed", '<embed src="x.swf">', "<embed>: no embedded objects"),
    ("form", '<form action="https://example.org/"><input name=q></form>', "<form>: no forms"),
    ("meta refresh", '<meta http-equiv="refresh" content="0;url=https://example.org/">', "<meta>: no <meta>"),
    ("link stylesheet", '<link rel="stylesheet" href="https://example.org/x.css">', "<link>: no <link>"),
    ("base", '<base href="https://example.org/">', "<base>: no <base>"),
    ("style element", "<style>body{background:url(https://example.org/t.png)}</style>", "<style>: no <style>"),
    ("inline svg", '<svg onload="alert(1)"><circle r="1"/></svg>', "<svg>: no inline SVG"),
    ("raw img with onerror", '<img src=x onerror="alert(1)">', "<img>: no raw <img>"),
    ("video poster", '<video poster="https://example.org/p.png"></video>', "<video>"),
    ("unknown tag", "<marquee>Текст</marquee>", "<marquee> is not in the raw HTML this site allows"),
    ("template", "<template><p>x</p></template>", "<template>"),
    ("onclick on a div", '<div class="now" markdown onclick="alert(1)">\nТекст\n</div>', "'onclick=' runs code"),
    ("onmouseover unquoted", "<span onmouseover=alert(1)>x</span>", "'onmouseover=' runs code"),
    ("event attribute in capitals", '<span ONCLICK="alert(1)">x</span>', "'onclick=' runs code"),
    ("style attribute", '<span style="background:url(https://example.org/t.png)">x</span>', "'style=' is not used"),
    ("javascript: href", '<a href="javascript:alert(1)">x</a>', "is a javascript: link"),
    ("javascript: href in capitals", '<a href="JavaScript:alert(1)">x</a>', "is a javascript: link"),
    ("javascript: href with a tab", '<a href="java\tscript:alert(1)">x</a>', "is a javascript: link"),
    ("javascript: href as entities", '<a href="&#106;avascript:alert(1)">x</a>', "is a javascript: link"),
    ("javascript: href with leading space", '<a href=" javascript:alert(1)">x</a>', "is a javascript: link"),
    ("vbscript: href", '<a href="vbscript:msgbox(1)">x</a>', "is a vbscript: link"),
    ("data: href", '<a href="data:text/html,<script>alert(1)</script>">x</a>', "is a data: link"),
    ("file: href", '<a href="file:///etc/passwd">x</a>', "is a file: link"),
    ("src on an allowed tag", '<span src="https://example.org/t.png">x</span>', "'src=' loads a file"),
    ("unknown attribute", '<a href="help.md" target="_blank">x</a>', "attribute 'target' is not allowed"),
    ("ping", '<a href="help.md" ping="https://example.org/t">x</a>', "'ping=' loads a file"),
    ("Markdown javascript: link", "[Помощь](javascript:alert(1))", "is a javascript: link"),
    ("Markdown link with spaces", "[Помощь]( javascript:alert(1) )", "is a javascript: link"),
    ("Markdown data: link", "[Помощь](data:text/html;base64,PHNjcmlwdD4=)", "is a data: link"),
    ("Markdown image from another host", "![счётчик](https://example.org/pixel.png)", "is loaded from another place"),
    ("Markdown image protocol-relative", "![счётчик](//example.org/pixel.png)", "is loaded from another place"),
    ("Markdown image with a backslash", "![счётчик](\\\\example.org/pixel.png)", "is loaded from another place"),
    ("Markdown image data:", "![x](data:image/png;base64,iVBORw0KGgo=)", "is loaded from another place"),
    ("reference javascript: link", "[Помощь][h]\n\n[h]: javascript:alert(1)", "is a javascript: link"),
    ("attribute list onclick", "[Помощь](help.md){: onclick=\"alert(1)\" }", "attribute list {…}: 'onclick=' runs code"),
    ("attribute list style", "## Заголовок {: style=\"color:red\" }", "attribute list {…}: 'style=' is not used"),
    ("attribute list src", "![x](a.png){: srcset=\"https://example.org/b.png 2x\" }", "attribute list {…}: 'srcset=' loads"),
    ("attribute list href", "Текст\n{: href=\"javascript:alert(1)\" }", "is a javascript: link"),
    ("javascript: autolink", "<javascript:alert(1)>", "is a javascript: link"),
]

GOOD_MARKDOWN = [
    ("Markdown and links", "# Заголовок {#id}\n\n[Помощь](help.md#now) · [сайт](https://example.org/) · "
                           "<mailto:a@example.org> · [112](tel:112)\n\n![рисунок](picture.png)"),
    ("the raw HTML pages use", '<nav class="jump-bar" aria-label="Разделы" markdown>\n[Россия](#ru)\n</nav>\n\n'
                               '<div class="now" id="now-pep" markdown>\nТекст\n</div>\n\nКазакча: '
                               '<span lang="kk">Өзіңді сақта</span>. <abbr title="ВИЧ">ВИЧ</abbr><br>'
                               '<details><summary>Ещё</summary>Текст</details>'),
    ("code shows HTML as text", "Пример: `<script>alert(1)</script>`\n\n```html\n<script>alert(1)</script>\n"
                                "<iframe src=x></iframe>\n```\n\n``<a href=\"javascript:x\">``"),
    ("markers", "<!-- key-dates -->\n\n<!-- glossary -->"),
    ("links to other sites", '<a href="https://example.org/" rel="noreferrer">сайт</a> [webcal](webcal://example.org/a.ics)'),
    ("a word that begins with 'on'", '<span class="one" title="once">x</span>'),
]


# The line of the case's text the message must name, where it is not the first one.
BAD_LINE = {"script split over lines": 2, "reference javascript: link": 3, "attribute list href": 2}


@pytest.mark.parametrize(("what", "text", "words"), BAD_MARKDOWN, ids=[c[0] for c in BAD_MARKDOWN])
def test_bad_markdown_is_refused_at_its_line(what: str, text: str, words: str) -> None:
    body = "Первая строка.\n\n" + text + "\n\nПоследняя строка.\n"
    with pytest.raises(PolicyError) as caught:
        check_markdown(body, path="docs/ru/page.md", first_line=10)
    error = caught.value
    expected = 10 + 2 + BAD_LINE.get(what, 1) - 1
    assert error.line == expected, str(error)
    assert words in error.problem, str(error)
    assert str(error).startswith(f"docs/ru/page.md:{expected}: ")


@pytest.mark.parametrize(("what", "text"), GOOD_MARKDOWN, ids=[c[0] for c in GOOD_MARKDOWN])
def test_what_pages_use_passes(what: str, text: str) -> None:
    check_markdown(text, path="docs/ru/page.md")


def test_every_page_of_the_site_passes() -> None:
    for page in (ROOT / "docs").rglob("*.md"):
        check_markdown(page.read_text(encoding="utf-8"), path=page)


# --- the rendered HTML: whatever produced it -------------------------------------------------------

BAD_HTML = [
    ('<p><script>alert(1)</script></p>', "<script", "<script>"),
    ('<p><img src="https://example.org/t.png" alt="x"></p>', "https://example.org/t.png", "is loaded from another place"),
    ('<p><img srcset="a.png 1x, https://example.org/b.png 2x"></p>', "https://example.org/b.png", "'https://example.org/b.png' is loaded"),
    ('<p><a href="javascript:alert(1)">x</a></p>', "javascript:alert(1)", "is a javascript: link"),
    ('<h2 id="x" onclick="alert(1)">x</h2>', "onclick", "'onclick=' runs code"),
    ('<p style="background:url(https://example.org/t.png)">x</p>', "style", "'style=' is not used"),
    ('<video poster="https://example.org/p.png"></video>', "<video", "<video>"),
    ('<p><meta http-equiv="refresh" content="0;url=https://example.org/"></p>', "<meta", "<meta>"),
    ('<p><object data="x"></object></p>', "<object", "<object>"),
]


@pytest.mark.parametrize(("html", "needle", "words"), BAD_HTML, ids=[c[2] for c in BAD_HTML])
def test_bad_rendered_html_is_refused_at_the_source_line(html: str, needle: str, words: str) -> None:
    source = ["---", "title: Т", "---", "", "Текст", f"Строка с {needle} в исходнике", ""]
    with pytest.raises(PolicyError) as caught:
        check_html(html, path="docs/ru/page.md", source_lines=source, body_start=4)
    assert words in caught.value.problem, str(caught.value)
    assert caught.value.line == 6, str(caught.value)


def test_rendered_html_not_in_the_source_has_no_line() -> None:
    with pytest.raises(PolicyError, match=r"^docs/ru/page\.md: <script>.*not on one line of the source"):
        check_html("<script>x</script>", path="docs/ru/page.md", source_lines=["Текст"])


def test_the_site_renders_nothing_the_policy_refuses(site: Path) -> None:
    """Every built page's content area (the part pages and hooks fill) passes the rendered check."""
    checked = 0
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if '<article class="md-content__inner' not in text:
            continue
        content = text.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        check_html(content.split(">", 1)[1], path=html)
        checked += 1
    assert checked > 60


# --- texts of data files and plain texts --------------------------------------------------------

@pytest.mark.parametrize(("text", "words"), [
    ("День <script>alert(1)</script>", "<script>"),
    ("[подробнее](javascript:alert(1))", "is a javascript: link"),
    ("![x][r]\n\n[r]: https://example.org/t.png", "is loaded from another place"),
    ("Текст {: onclick=alert(1) }", "'onclick=' runs code"),
])
def test_data_file_texts_are_held_to_the_same_rules(text: str, words: str) -> None:
    with pytest.raises(PolicyError) as caught:
        check_text(text, path="calendar/dates.yaml", line=12)
    assert str(caught.value).startswith("calendar/dates.yaml:1"), str(caught.value)
    assert words in caught.value.problem


def test_a_plain_data_text_passes() -> None:
    check_text("Международный день прав секс-работников: [подробнее](../help.md)", path="x.yaml", line=3)


@pytest.mark.parametrize(("text", "words"), [
    ('Права"><script>alert(1)</script>', "remove '<' and '>'"),
    ("<b>Права</b>", "remove '<' and '>'"),
    ("Права\x07", "invisible control character"),
    ("П" * 121, "121 characters long; at most 120"),
])
def test_titles_are_plain_text(text: str, words: str) -> None:
    with pytest.raises(PolicyError, match="docs/ru/x.md:2: 'title' ") as caught:
        check_plain(text, path="docs/ru/x.md", line=2, what="'title'", limit=120)
    assert words in caught.value.problem


def test_markdown_text_shows_data_as_it_is() -> None:
    assert markdown_text('<b>*День*</b> [x](y) & {#id}') == r"&lt;b&gt;\*День\*&lt;/b&gt; \[x\](y) &amp; \{#id\}"


# --- configuration ---------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "words"), [
    ("", "is empty"), ("   ", "is empty"), (None, "is empty"),
    ("https://example.org/a b/", "contains a space"), ('https://example.org/"><script>', "contains a space, a quote"),
    ("https://example.org/'", "a quote"), ("ftp://example.org/", "not an absolute http(s) address"),
    ("example.org", "not an absolute http(s) address"), ("/site/", "not an absolute http(s) address"),
    ("javascript:alert(1)//", "not an absolute http(s) address"), ("https:///path", "not an absolute http(s) address"),
    ("https://example.org/?utm=1", "has a query"), ("https://example.org/#top", "a fragment"),
    ("https://user:pw@example.org/", "user name or password"), ("https://example.org:99999/", "invalid port"),
    ("https://example.org/\n", "contains a space"),
])
def test_site_url_is_checked(value: object, words: str) -> None:
    with pytest.raises(ConfigValueError, match="SITE_URL") as caught:
        check_site_url(value)
    assert words in str(caught.value)


def test_a_good_site_url_gets_its_final_slash() -> None:
    assert check_site_url("https://example.org/site") == "https://example.org/site/"
    assert check_site_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000/"


@pytest.mark.parametrize(("value", "words"), [
    (0, "is 0, not a year"), (27, "is 27, not a year"), (True, "is 'True', not a year"), ("2027", "is '2027', not a year"),
    (2027.0, "not a year"), (None, "is missing"), (3000, "not a year this calendar"), (-2027, "not a year this calendar"),
])
def test_calendar_year_is_checked(value: object, words: str) -> None:
    with pytest.raises(ConfigValueError, match="extra.calendar_year") as caught:
        check_calendar_year(value)
    assert words in str(caught.value)
    assert "e.g. 'calendar_year: 2027'" in str(caught.value)
