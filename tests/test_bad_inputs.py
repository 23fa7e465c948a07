"""A corpus of bad inputs for the whole build (issue 16), as a careless or a hostile contributor
would send them. Each case breaks a copy of the project and runs `make build`'s command
(sitebuild.publish) over an existing site/, and asserts: the build fails; the message names the
file and the line (where there is one) and says what is wrong; no traceback; site/ is exactly
what it was; no temporary folder is left behind.

Rule-by-rule tests without a build: tests/test_content_policy.py; `make mark`: tests/test_mark.py.
"""

from __future__ import annotations

import re

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import copy_project


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple  # ("append"|"replace"|"line"|"write"|"symlink", path, …)
    where: str | None  # "docs/ru/help.md:{line}" with {line} found from `marker`, or a text the message starts with
    words: str  # in the message
    marker: str | None = None  # the text of the line the message must name (its first occurrence after the edit)
    env: dict = field(default_factory=dict)
    below_marker: int = 0  # the message names the line this far below the marker's


TITLE = "title: Где получить помощь"
KK_TITLE = "title: Көмекті қайдан алуға болады"

CASES = [
    # --- raw HTML and links in pages ------------------------------------------------------------
    Case("script in a page", (("append", "docs/ru/help.md", "\n<script>alert(1)</script>\n"),),
         "docs/ru/help.md:{line}", "<script>: scripts do not run", "<script>alert(1)</script>"),
    Case("onerror on a raw img", (("append", "docs/ky/help.md", '\n<img src=x onerror="alert(1)">\n'),),
         "docs/ky/help.md:{line}", "<img>: no raw <img>", "<img src=x"),
    Case("onclick on an allowed tag", (("append", "docs/kk/help.md", '\n<span onclick="alert(1)">x</span>\n'),),
         "docs/kk/help.md:{line}", "'onclick=' runs code", "<span onclick"),
    Case("javascript: link", (("append", "docs/ru/help.md", "\n[Помощь](javascript:alert(1))\n"),),
         "docs/ru/help.md:{line}", "is a javascript: link", "[Помощь](javascript"),
    Case("entity-encoded javascript: link", (("append", "docs/ru/help.md", '\n<a href="&#x6A;avascript:alert(1)">x</a>\n'),),
         "docs/ru/help.md:{line}", "is a javascript: link", "&#x6A;avascript"),
    Case("meta refresh", (("append", "docs/ru/index.md", '\n<meta http-equiv="refresh" content="0;url=https://example.org/">\n'),),
         "docs/ru/index.md:{line}", "<meta>: no <meta>", "<meta http-equiv"),
    Case("iframe", (("append", "docs/ru/about.md", '\n<iframe src="https://example.org/"></iframe>\n'),),
         "docs/ru/about.md:{line}", "<iframe>", "<iframe"),
    Case("tracker image", (("append", "docs/ru/about.md", "\n![](https://example.org/pixel.gif)\n"),),
         "docs/ru/about.md:{line}", "is loaded from another place", "pixel.gif"),
    Case("attribute list with an event", (("append", "docs/ru/about.md", "\n[Помощь](help.md){: onmouseover=alert(1) }\n"),),
         "docs/ru/about.md:{line}", "'onmouseover=' runs code", "onmouseover"),
    Case("style attribute with url()", (("append", "docs/ru/about.md", '\n<div style="background:url(https://example.org/t)">x</div>\n'),),
         "docs/ru/about.md:{line}", "'style=' is not used", "<div style"),
    # The source check sees a reference link to another site (allowed); only the rendered page shows
    # it is an image. It fails in the last language, after the others were built: site/ stays as it was.
    Case("remote image by reference, found in the rendered Kazakh page",
         (("append", "docs/kk/help.md", "\n![сурет][r]\n\n[r]: https://example.org/t.png\n"),),
         "docs/kk/help.md:{line}", "'https://example.org/t.png' is loaded from another place", "[r]: https://"),
    Case("script behind an empty comment <!-->", (("append", "docs/ru/help.md", "\n<!--> <script>alert(1)</script> -->\n"),),
         "docs/ru/help.md:{line}", "<script>: scripts do not run", "<!-->"),
    Case("script behind CDATA", (("append", "docs/ru/help.md", "\n<![CDATA[ > <script>alert(1)</script> ]]>\n"),),
         "docs/ru/help.md:{line}", "<script>: scripts do not run", "<![CDATA["),
    Case("noscript parser confusion", (("append", "docs/ru/help.md", '\n<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>\n'),),
         "docs/ru/help.md:{line}", "<noscript> is not in the raw HTML this site allows", "<noscript>"),
    Case("link in brackets the source check cannot read, found in the rendered page",
         (("append", "docs/ky/help.md", "\n[a [b] c](javascript:alert(1))\n"),),
         "docs/ky/help.md:{line}", "is a javascript: link", "[a [b] c]"),
    # --- front matter ---------------------------------------------------------------------------
    Case("HTML in a title (nav, <title>)", (("replace", "docs/ru/help.md", TITLE, "title: Помощь<img src=x onerror=alert(1)>"),),
         "docs/ru/help.md:2", "'title' is shown as plain text"),
    Case("description breaking out of <head>",
         (("line", "docs/ru/help.md", "description: ", 'description: \'"><script>alert(1)</script>\''),),
         "docs/ru/help.md:3", "'description' is shown as plain text"),
    Case("title of 500 characters", (("replace", "docs/kk/help.md", KK_TITLE, "title: " + "Көмек " * 100),),
         "docs/kk/help.md:2", "at most 120"),
    Case("front matter not closed", (("write", "docs/ru/about.md", "---\ntitle: О сайте\n\n# О сайте\n\nТекст.\n"),),
         "docs/ru/about.md:1", "the front matter is not closed (it starts here): add a line '---' after its last key (line 2)"),
    Case("not closed, a rule later in the body",
         (("write", "docs/ru/about.md", "---\ntitle: О сайте\n\n# О сайте\n\nТекст о сайте.\n\n---\n\nЕщё.\n"),),
         "docs/ru/about.md:1", "the front matter is not closed"),
    Case("only front matter, no final newline", (("write", "docs/ru/about.md", "---\ntitle: О сайте\n---"),),
         "docs/ru/about.md:3", "without a line break"),
    Case("invalid UTF-8 byte", (("write", "docs/ru/about.md", b"---\ntitle: \xd0\x9e\n---\n\n# \xd0\x9e\n\nbad \xff byte\n"),),
         "docs/ru/about.md:7", "not UTF-8 text (byte 0xff on this line"),
    Case("Windows-1251 page", (("write", "docs/ru/about.md", "---\ntitle: О сайте\n---\n\n# О сайте\n".encode("cp1251")),),
         "docs/ru/about.md:2", "not UTF-8 text"),
    Case("page of 2 MB", (("append", "docs/ru/about.md", ("Длинный текст. " * 20 + "\n\n") * 3600),),
         "docs/ru/about.md:", "at most 1024 KB"),
    Case("lists nested 3000 deep (Markdown's parser would overflow)", (("append", "docs/ru/about.md", "\n" + "- " * 3000 + "x\n"),),
         "docs/ru/about.md:{line}", "nested more than 16 levels deep", "- - - -"),
    Case("quotes nested 3000 deep", (("append", "docs/ru/about.md", "\n" + ">" * 3000 + " x\n"),),
         "docs/ru/about.md:{line}", "nested more than 16 levels deep", ">>>>"),
    Case("HTML blocks nested 50 deep", (("append", "docs/ru/about.md", "\n" + "<div markdown>\n" * 50 + "x\n" + "</div>\n" * 50),),
         "docs/ru/about.md:{line}", "nested more than 16 levels deep", "<div markdown>", below_marker=16),
    Case("50,000 opening brackets (minutes of parsing)", (("append", "docs/ru/about.md", "\n" + "![" * 50000 + "\n"),),
         "docs/ru/about.md:{line}", "too many '['", "!["),
    Case("50,000 unclosed tags", (("append", "docs/ru/about.md", "\n" + "<a " * 50000 + "\n"),),
         "docs/ru/about.md:{line}", "too many '<'", "<a <a"),
    # --- files in docs/ -------------------------------------------------------------------------
    Case("symlink to a file outside", (("symlink", "docs/ru/secret.md", "/etc/hostname"),),
         "docs/ru/secret.md:", "this is a symbolic link"),
    Case("symlinked folder", (("symlink", "docs/ru/more", "/etc"),), "docs/ru/more:", "this is a symbolic link"),
    Case("editor backup ~", (("write", "docs/ru/help.md~", "old"),), "docs/ru/help.md~:", "not a file this site publishes"),
    Case("vim swap file", (("write", "docs/ky/.help.md.swp", b"\x00\x01"),), "docs/ky/.help.md.swp:", "no hidden files"),
    Case("Word document", (("write", "docs/kk/памятка.docx", b"PK\x03\x04"),), "docs/kk/памятка.docx:", "a Word document?"),
    Case("SVG with a script", (("write", "docs/ru/assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg">\n<script>alert(1)</script>\n</svg>\n'),),
         "docs/ru/assets/logo.svg:2", "<script> in an SVG picture"),
    Case("SVG with onload", (("write", "docs/ru/assets/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>\n'),),
         "docs/ru/assets/logo.svg:1", "'onload=' runs code"),
    Case("picture of 3 MB", (("write", "docs/ru/assets/big.png", b"\x89PNG" + b"\x00" * 3 * 1024 * 1024),),
         "docs/ru/assets/big.png:", "at most 2048 KB"),
    Case("a page outside the language folders", (("write", "docs/evil.md", "---\ntitle: x\n---\n\nТекст\n"),),
         "docs/evil.md:", "docs/ holds only the language folders"),
    Case("a folder for an unknown language", (("write", "docs/en/index.md", "---\ntitle: x\n---\n\nText\n"),),
         "docs/en:", "docs/ holds only the language folders"),
    Case("a hidden folder", (("write", "docs/ru/.old/help.md", "---\ntitle: x\n---\n\nТекст\n"),),
         "docs/ru/.old:", "a hidden folder"),
    Case("a page in capitals .MD", (("write", "docs/ru/extra.MD", "<script>alert(1)</script>\n"),),
         "docs/ru/extra.MD:", "in small letters"),
    Case("an HTML file", (("write", "docs/ru/extra.html", "<script>alert(1)</script>\n"),),
         "docs/ru/extra.html:", "not a file this site publishes"),
    # --- links --------------------------------------------------------------------------------
    Case("dead link", (("append", "docs/ru/help.md", "\nСм. [памятку](rights/polic.md).\n"),),
         "docs/ru/help.md:{line}", "the link 'rights/polic.md' is broken", "rights/polic.md"),
    Case("dead anchor", (("append", "docs/ky/help.md", "\n[Полиция](rights/police.md#no-such-part)\n"),),
         "docs/ky/help.md:{line}", "does not contain an anchor '#no-such-part'", "#no-such-part"),
    Case("dead glossary anchor", (("append", "docs/kk/help.md", "\n[ПКП](glossary.md#no-such-term)\n"),),
         "docs/kk/help.md:{line}", "does not contain an anchor '#no-such-term'", "#no-such-term"),
    # --- templates (the last gate: the whole published page) --------------------------------------
    Case("an inline script in the template", (("replace", "overrides/main.html", "{% block extrahead %}",
                                                "{% block extrahead %}<script>track()</script>"),),
         "404.html: line ", "an inline <script> (the CSP would block it)"),
    Case("an event attribute in the template", (("replace", "overrides/main.html", "{% block extrahead %}",
                                                 '{% block extrahead %}<link rel="stylesheet" href="x.css" onload="track()">'),),
         "404.html: line ", "'onload=' runs code"),
    # --- configuration ---------------------------------------------------------------------------
    Case("empty SITE_URL", (), "SITE_URL (or site_url in mkdocs.yml) is empty", "e.g. https://example.org/ (or leave SITE_URL unset", env={"SITE_URL": ""}),
    Case("SITE_URL with a quote", (), "SITE_URL", "contains a space, a quote", env={"SITE_URL": 'https://e.org/"><script>'}),
    Case("SITE_URL with spaces", (), "SITE_URL", "contains a space", env={"SITE_URL": "https://e.org/a b/"}),
    Case("ftp SITE_URL", (), "SITE_URL", "not an absolute http(s) address", env={"SITE_URL": "ftp://e.org/"}),
    Case("SITE_URL with a query", (), "SITE_URL", "has a query", env={"SITE_URL": "https://e.org/?utm_source=x"}),
    Case("quick exit to a javascript: address",
         (("replace", "mkdocs.yml", "url: https://www.google.com/", "url: 'javascript:alert(1)//'"),),
         "mkdocs.yml: extra.quick_exit.url", "not an absolute http(s) address"),
    Case("quick exit over http", (("replace", "mkdocs.yml", "url: https://www.google.com/", "url: http://example.org/"),),
         "mkdocs.yml: extra.quick_exit.url", "must start with https://"),
    Case("a list as a key in a data file", (("append", "glossary/terms.yaml", "\n? [a]\n: b\n"),),
         "glossary/terms.yaml:{line}", "a key must be a plain word or text", "? [a]"),
    Case("HTML in an interface string (every page)",
         (("replace", "interface/ky.yml", 'quick_exit: "Тез чыгуу"', "quick_exit: '\"><img src=x onerror=alert(1)>'"),),
         "interface/ky.yml:60 (key 'quick_exit')", "interface texts are plain text"),
    Case("calendar_year: 0", (("replace", "mkdocs.yml", "calendar_year: 2027", "calendar_year: 0"),),
         "mkdocs.yml: extra.calendar_year is 0", "not a year this calendar can show"),
    Case("calendar_year: yes", (("replace", "mkdocs.yml", "calendar_year: 2027", "calendar_year: yes"),),
         "mkdocs.yml: extra.calendar_year is 'True'", "not a year"),
    Case("calendar_year: 27", (("replace", "mkdocs.yml", "calendar_year: 2027", "calendar_year: 27"),),
         "mkdocs.yml: extra.calendar_year is 27", "not a year this calendar can show"),
    Case("calendar_year missing", (("replace", "mkdocs.yml", "calendar_year: 2027", "calendar_yaer: 2027"),),
         "mkdocs.yml: extra.calendar_year is missing", "e.g. 'calendar_year: 2027'"),
]


def apply(project: Path, edits: tuple) -> None:
    for kind, rel, *args in edits:
        path = project / rel
        if kind == "append":
            path.write_text(path.read_text(encoding="utf-8") + args[0], encoding="utf-8")
        elif kind == "replace":
            text = path.read_text(encoding="utf-8")
            assert args[0] in text, f"fixture changed: {args[0]!r} not in {rel}"
            path.write_text(text.replace(args[0], args[1], 1), encoding="utf-8")
        elif kind == "line":  # the first line that starts with args[0] becomes args[1]
            lines = path.read_text(encoding="utf-8").split("\n")
            index = next(i for i, line in enumerate(lines) if line.startswith(args[0]))
            lines[index] = args[1]
            path.write_text("\n".join(lines), encoding="utf-8")
        elif kind == "write":
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(args[0] if isinstance(args[0], bytes) else args[0].encode("utf-8"))
        elif kind == "symlink":
            path.symlink_to(args[0])


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with the hash of its bytes."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_build(project: Path, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """`make build`'s command in `project`."""
    return subprocess.run([sys.executable, "-m", "sitebuild.publish", "--site-dir", "site"], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a complete site/ from `make build`."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_stops_the_build_with_one_message(tmp_path: Path, built: Path, case: Case) -> None:
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    for rel, digest in tree(built / "site").items():  # the previous site, byte for byte
        target = project / "site" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((built / "site" / rel).read_bytes())
    before = tree(project / "site")
    apply(project, case.edits)
    result = make_build(project, case.env)
    assert result.returncode != 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    where = case.where
    if case.marker is not None:
        rel = where.split(":", 1)[0]
        text = (project / rel).read_text(encoding="utf-8")
        where = where.format(line=text[: text.index(case.marker)].count("\n") + 1 + case.below_marker)
    message = next((line for line in result.stderr.splitlines() if where in line), None)
    assert message is not None, f"no message naming {where!r}:\n{result.stderr}"
    assert case.words in message, message
    assert "site/ was not changed" in result.stderr
    assert tree(project / "site") == before, "site/ changed after a failed build"
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")], "a temporary folder was left"


def test_a_good_build_replaces_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "stale.html").write_text("old", encoding="utf-8")
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    assert not (project / "site" / "stale.html").exists()
    assert (project / "site" / "kk" / "index.html").is_file() and (project / "site" / "offline" / "kk.zip").is_file()
    assert oct((project / "site").stat().st_mode & 0o777) == oct(0o755)
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")]


def test_the_year_view_reads_any_valid_front_matter(tmp_path: Path) -> None:
    """A SWIT chapter's title with '---' in it, and front matter closed with '...': valid YAML the
    year view once read with a parser of its own (and crashed)."""
    project = copy_project(tmp_path)
    chapter = project / "docs" / "ru" / "swit" / "violence.md"
    text = chapter.read_text(encoding="utf-8")
    title = "title: Преодоление насилия в отношении секс-работников"
    assert text.startswith("---\n" + title + "\n")
    closing = text.index("\n---\n", 4)
    text = text[:closing] + "\n...\n" + text[closing + 5:]
    chapter.write_text(text.replace(title, "title: Насилие --- и как его остановить", 1), encoding="utf-8")
    result = make_build(project)
    assert result.returncode == 0, result.stderr
    year = (project / "site" / "calendar" / "year" / "index.html").read_text(encoding="utf-8")
    assert "Насилие --- и как его остановить" in year


def test_quotes_and_ampersands_reach_html_escaped(tmp_path: Path) -> None:
    """What is allowed in a title, a description and SITE_URL is escaped wherever it lands."""
    project = copy_project(tmp_path)
    apply(project, (("replace", "docs/ru/help.md", TITLE, 'title: \'Помощь & "защита"\''),
                    ("line", "docs/ru/help.md", "description: ", "description: 'Телефоны \"112\" & адреса'")))
    result = make_build(project, {"SITE_URL": "https://example.org/a&b/"})
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "help" / "index.html").read_text(encoding="utf-8")
    head = html.split("</head>", 1)[0]
    # The CSP is the first element of <head>, whatever the white space around it.
    assert re.match(r'\s*<!doctype html>\s*<html lang="ru" class="no-js">\s*<head>\s*<meta http-equiv="Content-Security-Policy"',
                    head), head[:200]
    assert '<meta name="description" content="Телефоны &#34;112&#34; &amp; адреса">' in head
    assert "<title>Помощь &amp; &#34;защита&#34; - " in head
    assert '<link rel="canonical" href="https://example.org/a&amp;b/help/">' in head
    assert head.count("<meta") == 5  # CSP, charset, referrer, viewport, description: nothing pushed in
