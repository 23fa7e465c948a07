"""Only what the pages use is deployed (issue 19): one purged stylesheet, no Material bundle,
lunr, workers or source maps in the site or its offline zips; absolute hreflang alternates."""

from __future__ import annotations

import random
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, html_for
from sitebuild.abbreviations import names_of, synonym_groups
import material as material_theme
import tinycss2

from sitebuild import css_purge, site_assets
from sitebuild.css_purge import purge, selectors_kept, tokens_of
from sitebuild.hreflang import absolute_alternates
from sitebuild.site_assets import bundle_scripts, bundle_stylesheets, collapse_whitespace, deploy_assets, remove_unused

UNUSED = re.compile(r"(^|/)(bundle\.[0-9a-f]+\.min\.js|lunr/|workers/)|\.map$|main\.[0-9a-f]+\.min\.css|palette\.")


# --- the purge ------------------------------------------------------------------------------

def test_purge_keeps_what_the_content_names_and_drops_the_rest() -> None:
    css = (".used{color:red}.unused{color:blue}.a .b{x:1}div.used:hover{y:2}table{z:3}"
           "[data-x=on]{p:1}[data-x=off]{p:2}.used:not(.nowhere){q:1}:is(.nowhere,.used) a{r:1}"
           "@media print{.unused{s:1}.used{s:2}}@media screen{.unused{t:1}}"
           ":root{--kept:1px;--dropped:2px;--via:var(--kept)}.used{width:var(--via)}"
           "@keyframes spin{to{x:1}}@keyframes idle{to{x:2}}.used{animation:spin 1s}details[open]{o:1}")
    used = tokens_of(['<div class="used a" data-x="on"><a href="#">x</a><details><summary>s</summary></details></div>',
                      'el.className = "b"'])
    out = purge(css, used)
    kept = set(selectors_kept(out))
    assert {".used", ".a .b", "div.used:hover", "[data-x=on]", ".used:not(.nowhere)", ":is(.nowhere,.used) a",
            "details[open]"} <= kept
    assert not {".unused", "table", "[data-x=off]"} & kept
    assert "@media print{.used{s:2}}" in out and "@media screen" not in out
    assert "--kept:1px" in out and "--via:var(--kept)" in out and "--dropped" not in out
    assert "@keyframes spin" in out and "idle" not in out


def test_tokens_are_those_the_token_pattern_finds() -> None:
    """tokens_of splits UTF-8 bytes; it finds what css_purge.TOKEN finds in the text."""
    rng = random.Random(6)
    pieces = ["a", "Z", "0", "_", "-", " ", "\n", "\t", "<", ">", '"', "=", ".", "ф", "Ё", "ә", "\u00a0", "\ud800",
              "\U0001f600", "\x00", "\x7f", "é", "ﬁ", "К"]
    for _ in range(500):
        texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(40))) for _ in range(rng.randrange(4))]
        expected = set(css_purge.ALWAYS_USED) | {t for text in texts for t in css_purge.TOKEN.findall(text)}
        assert tokens_of(texts) == expected | {t.lower() for t in expected}, texts


def test_the_split_finds_the_events_the_case_insensitive_pattern_finds() -> None:
    """css_purge.EVENT starts with a set of characters (quicker to search); it finds the events the
    pattern written first found, with IGNORECASE for url(."""
    first = re.compile(r"""/\*.*?(?:\*/|\Z)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?"""
                       r"""|(?<![\w\-#@])url\((?![ \t\n]*["'])|[{}()\[\];\\]""", re.DOTALL | re.IGNORECASE)
    rng = random.Random(7)
    pieces = ["/", "*", "*/", "/*", '"', "'", "\\", "\n", "u", "U", "rl(", "RL(", "url(", "uRl(", "xurl(", "-url(",
              "#url(", "@url(", "url( '", " ", "\t", "{", "}", "(", ")", "[", "]", ";", "a", "\u017f", "\u212a", "é"]
    for _ in range(5000):
        css = "".join(rng.choice(pieces) for _ in range(rng.randrange(25)))
        assert [m.span() for m in css_purge.EVENT.finditer(css)] == [m.span() for m in first.finditer(css)], css


def test_at_rule_preludes_read_from_their_text_are_what_tinycss2_serialises() -> None:
    """An at-rule's prelude that PLAIN_AT_RULE reads (most @media) is kept as written: the text
    that tinycss2's tokens give back; anything else is left to tinycss2."""
    pieces = ["media", "screen", " ", "\n", "\t", "and", "(", ")", ":", ",", "min-width", "60em", "76.25em", "1e3", "1e",
              "1.5.5", "+.5", "-1", "50%", "#a1", "-x", "--v", "-", "--", '"s"', '"(x"', "'s'", "f(", "url(", "U+0-7F",
              "é", "/*c*/", "/", "@", ".", "*", "!", "1", "e", "E-1", "e-x", "print", "1px", "-->", "<!--", "\\"]
    rng, plain = random.Random(8), 0
    for _ in range(20000):
        text = "@" + rng.choice(["media", "page", "-webkit-keyframes", "--x", "Media", "import", "1", ""]) + \
            "".join(rng.choice(pieces) for _ in range(rng.randrange(8)))
        try:
            rule = css_purge._Rule(text, None)
        except css_purge._Unusual:
            continue
        if rule.prelude_text is not None:
            plain += 1
            tokens = tinycss2.parse_component_value_list(text, skip_comments=True)
            assert tokens[0].type == "at-keyword" and tokens[0].value == rule.at_keyword, text
            assert tokens[0].lower_value == rule.lower_at_keyword, text
            assert tinycss2.serialize(tokens[1:]).strip() == rule.prelude_text, text
    assert plain > 3000


# The purge as it was written first: purge, serialise, parse the kept CSS again and drop the
# custom properties it does not use. The one-pass purge must give the same bytes.
def _two_pass_purge(css: str, used: set[str]) -> str:
    def declarations(rule):
        return [d for d in tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                if d.type == "declaration"]

    def variables_used(rules):
        defined, needed, stack = {}, set(), list(rules)
        while stack:
            rule = stack.pop()
            if rule.type == "qualified-rule":
                for d in declarations(rule):
                    refs = set(css_purge.VAR.findall(tinycss2.serialize(d.value)))
                    if d.name.startswith("--"):
                        defined.setdefault(d.name, set()).update(refs)
                    else:
                        needed |= refs
            elif rule.type == "at-rule" and rule.content is not None:
                if rule.lower_at_keyword in css_purge.BLOCKS:
                    stack.extend(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                else:
                    needed |= set(css_purge.VAR.findall(tinycss2.serialize(rule.content)))
        todo = list(needed)
        while todo:
            for ref in defined.get(todo.pop(), ()):
                if ref not in needed:
                    needed.add(ref)
                    todo.append(ref)
        return needed

    def body(rule, variables):
        if variables is None:
            return tinycss2.serialize(rule.content).strip()
        return ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}" + ("!important" if d.important else "")
                        for d in declarations(rule) if not d.name.startswith("--") or d.name in variables)

    def purge_rules(rules, variables=None):
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                kept = [tinycss2.serialize(s).strip() for s in css_purge._split(rule.prelude) if css_purge._needs(s, used)]
                text = body(rule, variables) if kept else ""
                if text:
                    out.append(",".join(kept) + "{" + text + "}")
            elif rule.type == "at-rule":
                prelude = tinycss2.serialize(rule.prelude).strip()
                head = f"@{rule.at_keyword}" + (f" {prelude}" if prelude else "")
                if rule.content is None:
                    out.append(head + ";")
                elif rule.lower_at_keyword in css_purge.BLOCKS:
                    inner = purge_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True),
                                        variables)
                    if inner:
                        out.append(head + "{" + "".join(inner) + "}")
                else:
                    out.append(head + "{" + tinycss2.serialize(rule.content).strip() + "}")
        return out

    keyframes = css_purge._keyframes_name
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    first = tinycss2.parse_stylesheet("".join(purge_rules(rules)), skip_comments=True, skip_whitespace=True)
    kept = purge_rules(first, variables_used(first))
    animations = {w for m in css_purge.ANIMATION.finditer("".join(r for r in kept if not keyframes(r)))
                  for w in css_purge._words(m.group(1))}
    return "".join(r for r in kept if (keyframes(r) or "") in animations or not keyframes(r))


TRICKY_CSS = [
    # nested blocks, a custom property used only through another one, one used only by @font-face
    ":root{--a:1px;--b:var(--a);--c:var(--b) var(--d);--d:red;--unused:var(--a);--face:x}"
    "@media screen{@supports (display:grid){.used{margin:var(--c)}.gone{margin:var(--unused)}}.gone{x:1}}"
    "@media print{@supports (x:y){.gone{a:b}}}@font-face{font-family:var(--face);src:url(\"f.woff2\")}",
    # keyframes kept by a nested rule's animation, dropped when only a dropped rule names them
    "@keyframes spin{0%{a:1}to{a:2}}@-webkit-keyframes pulse{to{b:1}}@keyframes lost{to{c:1}}"
    "@media (min-width:10em){.used{animation:spin 1s,pulse 2s}}.gone{animation:lost 1s}",
    # strings and comments holding braces, semicolons and quotes; escapes; !important; empty rules
    '/* .used{color:red} } { */.used::after{content:"} {;"/* not a comment */;color:red!important}'
    ".used{content:'a\\'}b';--x:\"{\"}.used{}.used{ /* only a comment */ }.gone,.used > b{c:d}"
    '.used{background:url("a{b}.svg");mask:url(data:image/svg+xml;x)} @import url("x.css");'
    "@charset \"utf-8\";@page :first{margin:1cm}@media print{.used{x:var( --a )}}",
    # selectors: :is/:not, attributes, an invalid declaration, a rule without a block at the end
    ".used:is(.gone,[data-x=on]){a:b}.used:not(.gone){c:d}[data-x='off']{e:f}.used{oops;g:h}"
    "table td.used{i:j}@media screen{.gone{k:l}}}.used{m:n}.used",
    "<!-- .used{a:b} -->\r\n.used{c:d\f}\0.used{e:f}",
]


# Split at the text level (no backslash, no unquoted url(…) outside strings): selectors and
# declarations that text alone decides, and those it leaves to tinycss2's tokens.
TEXT_SPLIT_CSS = [
    TRICKY_CSS[0], TRICKY_CSS[1],
    '/* .used{a:b} } { " */.used::after{content:"} {;(";color:red!important;top:0 ! important}'
    ".used{content:'single}';--x:\"{\"}.used{}.used{ /* only a comment */ }.gone,.used > b{c:d}"
    '.used{background:url("a{b};c.svg");b:f(x;y);c:1.5.5;d:1e;e:1px-2px;f:#1a;g:-->;h:!IMPORTANT}'
    '@import url("x.css");@charset "utf-8";@page :first{margin:1cm}@media print{.used{x:var( --a )}}',
    '.used:is(.gone,[data-x=on]){a:b}.used:not(.gone, .x){c:d}[data-x="off"]{e:f}[data-x="on"],.gone{g:h}'
    '[nowhere=on],[nowhere].used{z:z}[data-x=on i]{i:j}[DATA-X=on],u+b{k:l}.used{oops;m:n;@apply x;o:p}.used{q:{r};s:t}'
    "b.used , .gone>b{u:v}.used::-webkit-x,.used:hover{w:x}@media screen{@media (x){.used{y:z}.gone{a:b}}}"
    ".used{--n:1;--m: a  b ;Color:RED;c:\"a'b\"}@media print{.gone{a:b}}@font-face{src:url(\"x\")}",
]
# What the text split does not model: tinycss2 parses the whole stylesheet.
FALLBACK_CSS = [
    TRICKY_CSS[2], TRICKY_CSS[3], TRICKY_CSS[4],
    ".used{background:url(plain.png)}", ".u\\73 ed{a:b}.used{c:d}", "{a:b}.used{c:d}", ".used{a:b",
    ".used{a:b}}", ".used{a:(b]}", "@media print{.used{a:b} x}", ".used{a:b} .used",
]


def _purge_parsed_by_tinycss2(css: str, used: set[str], monkeypatch: pytest.MonkeyPatch) -> str:
    def unusual(*args: object, **kwargs: object) -> None:
        raise css_purge._Unusual

    with monkeypatch.context() as patch:
        patch.setattr(css_purge, "_split_rules", unusual)
        return purge(css, used)


def _split(css: str, used: set[str] | None = None) -> bool:
    """True when the purge of `css` takes the quick path (the text split) to the end."""
    try:
        css_purge._kept(css_purge._split_rules(css, css_purge.EVENT.finditer(css))[0], used or tokens_of(USED))
    except css_purge._Unusual:
        return False
    return True


USED = ['<p class="used" data-x="on"><b>x</b></p>']


@pytest.mark.parametrize("css", TRICKY_CSS + TEXT_SPLIT_CSS + FALLBACK_CSS)
def test_the_one_pass_purge_gives_the_bytes_of_the_two_pass_one(css: str, monkeypatch: pytest.MonkeyPatch) -> None:
    used = tokens_of(USED)
    assert purge(css, used) == _two_pass_purge(css, used) == _purge_parsed_by_tinycss2(css, used, monkeypatch)


@pytest.mark.parametrize("css", TEXT_SPLIT_CSS)
def test_the_text_split_reads_css_without_backslashes_or_bare_urls(css: str) -> None:
    assert _split(css)


@pytest.mark.parametrize("css", FALLBACK_CSS)
def test_what_the_text_split_does_not_model_is_left_to_tinycss2(css: str) -> None:
    assert not _split(css.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\0", "\uFFFD"))


def _random_css(rng: random.Random) -> str:
    """A stylesheet of random rules built from pieces the text split reads in its own way."""
    items = [".used", ".gone", "b", "table", "[data-x=on]", "[data-x='off']", '[data-x="a,b"]', "[nowhere]", "[data-x=on i]",
             ":not(.gone)", ":is(.used,.gone)", ":nth-child(2n+1)", "::before", ":hover", "#used", "*", "u", "/*c*/", "é"]
    values = ["red", ".5em", "1e3px", "1e", "1.5.5", "var(--a)", "var( --b )", "calc(1px - 2px)", "#1a", '"s"', "'s'",
              '"a;b"', '"(x"', 'url("a{b}")', "rgba(0,0,0,.5)", "", "a !important", "a ! important", "x/*c*/y",
              "U+0-7F", "f(x;y)", "1px-2px", "+.5", "2 * 3", "spin 1s", '"\\""', "é"]
    names = ["color", "--a", "--b", "--c", "animation", "Color", " top"]

    def rule(depth: int) -> str:
        if depth < 2 and rng.random() < 0.12:
            inner = "".join(rule(depth + 1) for _ in range(rng.randint(0, 3)))
            return rng.choice(["@media print", "@supports (display:grid)"]) + "{" + inner + "}"
        if rng.random() < 0.06:
            return rng.choice(["@keyframes spin{to{a:1}}", "@font-face{font-family:var(--c)}", '@import "x";'])
        selectors = ",".join("".join(rng.choice(items) + rng.choice(["", " ", ">", "+"]) for _ in range(rng.randint(1, 3)))
                             for _ in range(rng.randint(1, 3)))
        body = ";".join(f"{rng.choice(names)}:{rng.choice(values)}" for _ in range(rng.randint(0, 4)))
        return selectors + rng.choice(["", "\n"]) + "{" + body + rng.choice(["", ";", ";;"]) + "}" + rng.choice(["", " /* x{ */"])

    return "".join(rule(0) for _ in range(rng.randint(1, 8)))


def test_the_text_split_and_tinycss2_agree_on_random_stylesheets(monkeypatch: pytest.MonkeyPatch) -> None:
    rng, used = random.Random(19), tokens_of(USED)
    split = 0
    for _ in range(300):
        css = _random_css(rng)
        split += _split(css)
        assert purge(css, used) == _purge_parsed_by_tinycss2(css, used, monkeypatch), css
    assert split > 150  # most of them take the quick path


def test_the_one_pass_purge_gives_the_bytes_of_the_two_pass_one_on_the_site(site: Path) -> None:
    """On the stylesheets the site bundles (Material's and ours) and the site's own tokens."""
    material = Path(material_theme.__file__).parent / "templates" / "assets" / "stylesheets"
    sheets = [*sorted(material.glob("*.min.css")), *sorted((ROOT / "overrides" / "assets" / "stylesheets").glob("*.css"))]
    css = "\n".join(p.read_text(encoding="utf-8") for p in sheets)
    used = tokens_of(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert _split(css, used)  # the quick path, not the fallback
    assert purge(css, used) == _two_pass_purge(css, used)


def test_whitespace_is_collapsed_outside_preformatted_text() -> None:
    html = "<div>\n    <p>a\n      b</p>\n</div>\n<pre>\n    code\n      indented</pre>\n   <textarea>\n  t</textarea>"
    assert collapse_whitespace(html) == "<div>\n<p>a\nb</p>\n</div>\n<pre>\n    code\n      indented</pre>\n<textarea>\n  t</textarea>"


def test_bundle_replaces_each_pages_stylesheets_by_one_and_keeps_noscript_ones(tmp_path: Path) -> None:
    (tmp_path / "assets" / "stylesheets").mkdir(parents=True)
    (tmp_path / "assets" / "stylesheets" / "a.css").write_text(".x{color:red}.gone{color:blue}", encoding="utf-8")
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "b.css").write_text(".y{background:url(img.png)}", encoding="utf-8")
    (tmp_path / "css" / "img.png").write_bytes(b"png")
    (tmp_path / "assets" / "stylesheets" / "no-js.css").write_text(".z{}", encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<head><link rel="stylesheet" href="../assets/stylesheets/a.css">\n'
        '<link rel="stylesheet" href="../css/b.css" media="print">\n</head>'
        '<body class="x y"><noscript><link rel="stylesheet" href="../assets/stylesheets/no-js.css"></noscript></body>',
        encoding="utf-8")
    (tmp_path / "404.html").write_text('<link rel="stylesheet" href="/base/assets/stylesheets/a.css"><p class="x">',
                                       encoding="utf-8")
    bundle = bundle_stylesheets(tmp_path, "/base/")
    css = (tmp_path / bundle).read_text(encoding="utf-8")
    # Only the site's stylesheets under assets/ are bundled; css/b.css stays the page's own link.
    assert css == ".x{color:red}"
    page = (tmp_path / "page" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', page) == [
        f"../{bundle}", "../css/b.css", "../assets/stylesheets/no-js.css"]
    assert f'href="/base/{bundle}"' in (tmp_path / "404.html").read_text(encoding="utf-8")
    removed = remove_unused(tmp_path, "/base/")
    assert removed == ["assets/stylesheets/a.css"]  # css/ is not under assets/: left alone


def test_bundle_replaces_each_pages_scripts_by_one_minified_file(tmp_path: Path) -> None:
    js = tmp_path / "assets" / "javascripts"
    js.mkdir(parents=True)
    (js / "a.js").write_text("// comment\nconst seen = 1;\nwindow.a = seen;\n", encoding="utf-8")
    (js / "b.js").write_text("const seen = 2; // the same top-level name as in a.js\nwindow.b = seen;\n", encoding="utf-8")
    (js / "engine.js").write_text("/* loaded on demand */\nwindow.engine = 1;\n", encoding="utf-8")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<head><script src="../assets/javascripts/a.js" defer></script></head>'
        '<body data-engine="../assets/javascripts/engine.js"><script src="../assets/javascripts/b.js" defer></script>'
        '<script src="../elsewhere.js" defer></script></body>', encoding="utf-8")
    (tmp_path / "404.html").write_text('<script src="/base/assets/javascripts/a.js" defer></script>', encoding="utf-8")
    bundle = bundle_scripts(tmp_path, "/base/")
    assert re.fullmatch(r"assets/javascripts/site\.[0-9a-f]{8}\.js", bundle)
    code = (tmp_path / bundle).read_text(encoding="utf-8")
    assert "comment" not in code and "window.a=seen" in code
    # each script in its own function scope, in the order first seen (pages sorted): a.js, then b.js
    assert code.index("window.a") < code.index("window.b") and code.count("(function(){") == 2
    page = (tmp_path / "page" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<script src="([^"]+)"', page) == [f"../{bundle}", "../elsewhere.js"]
    assert f'src="/base/{bundle}"' in (tmp_path / "404.html").read_text(encoding="utf-8")
    assert (js / "engine.js").read_text(encoding="utf-8") == "window.engine=1;"
    assert remove_unused(tmp_path, "/base/") == ["assets/javascripts/a.js", "assets/javascripts/b.js"]


def test_the_steps_on_one_reading_of_the_pages_give_the_same_site(tmp_path: Path) -> None:
    """deploy_assets (what the build runs) reads and writes each page once; the site it leaves is
    the one the three steps leave when each reads and writes the pages itself."""
    site = tmp_path / "one"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "a.css").write_text(".x{color:red}.gone{color:blue}", encoding="utf-8")
    (site / "assets" / "stylesheets" / "unused.css").write_text(".y{}", encoding="utf-8")
    (site / "assets" / "javascripts" / "a.js").write_text("window.a = 1;\n", encoding="utf-8")
    (site / "page").mkdir()
    for page, prefix in (("index.html", ""), ("page/index.html", "../"), ("404.html", "/base/")):
        (site / page).write_text(
            f'<head><link rel="stylesheet" href="{prefix}assets/stylesheets/a.css">\n'
            f'<script src="{prefix}assets/javascripts/a.js" defer></script></head><body class="x"><a href="{prefix}page/">p</a>'
            "</body>\n<p>unchanged page text</p>", encoding="utf-8")
    (site / "plain.html").write_text("<p>no stylesheet, no script</p>", encoding="utf-8")
    three = tmp_path / "three"
    shutil.copytree(site, three)
    deploy_assets(site, "/base/")
    bundle_scripts(three, "/base/")
    bundle_stylesheets(three, "/base/")
    remove_unused(three, "/base/")
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert files == sorted(p.relative_to(three).as_posix() for p in three.rglob("*"))
    assert "assets/stylesheets/unused.css" not in files and "assets/javascripts/a.js" not in files
    for rel in files:
        if (site / rel).is_file():
            assert (site / rel).read_bytes() == (three / rel).read_bytes(), rel
    assert "site." in (site / "page" / "index.html").read_text(encoding="utf-8")


# remove_unused as it was written first: every reference of every page resolved, every file
# under assets/ listed with pathlib. The quick one must delete the same files.
def _careful_remove_unused(site: Path, base: str) -> list[str]:
    reference = re.compile(r'(?:href|src|data-[\w-]+)="([^"#?]+)|url\(\s*[\'"]?([^\'")?#]+)')
    referenced = set()
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".css") and path.is_file():
            rel = path.relative_to(site).as_posix()
            for href, url in reference.findall(path.read_text(encoding="utf-8")):
                if not re.match(r"^([a-z][a-z0-9+.-]*:|//)", href or url, re.IGNORECASE):
                    referenced.add(site_assets._site_path(rel, href or url, base))
    removed = []
    for path in sorted((site / "assets").rglob("*")):
        if path.is_file() and path.relative_to(site).as_posix() not in referenced:
            path.unlink()
            removed.append(path.relative_to(site).as_posix())
    for folder in sorted((site / "assets").rglob("*"), key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return removed


def test_remove_unused_deletes_what_the_careful_way_deletes_on_hostile_sites(tmp_path: Path) -> None:
    rng = random.Random(4)
    folders = ["", "ky", "ky/help", "assets", "assets/stylesheets", "assets/fonts", ".well-known", "assetsx", "x/assets"]
    names = ["a.css", "b.js", "c.woff2", ".html", "d.html", "e.png", "f.css"]
    pieces = ['href="', 'src="', 'data-engine="', 'xhref="', 'data-src="', "url(", "url( '", 'url("', 'URL(',
              "assets/", "../", "./", "/base/", "/", "//", "https:", "#", "?", "x", '"', "'", ")", " ", "\n",
              "stylesheets/a.css", "fonts/c.woff2", "b.js", "assetsx/", "assets", "..", "=", "(", '="', '("', "\xa0",
              "\u2003", '"assets/', "?assets/", "#assets", 'url( "assets/fonts/c.woff2', 'url(\u2003"../assets/b.js',
              'url(\n"/base/assets/fonts/c.woff2', 'href="../assets/b.js', "url('assets/b.js", "(assets/b.js"]
    for round_ in range(150):
        one = tmp_path / f"one{round_}"
        for folder in rng.sample(folders, 6):
            for name in rng.sample(names, 3):
                path = one / folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text("".join(rng.choice(pieces) for _ in range(rng.randrange(80))), encoding="utf-8")
        (one / "assets" / "fonts").mkdir(parents=True, exist_ok=True)
        (one / "assets" / "fonts" / "c.woff2").write_bytes(b"font")
        (one / "assets" / "b.js").write_text("", encoding="utf-8")
        two = tmp_path / f"two{round_}"
        shutil.copytree(one, two)
        assert remove_unused(one, "/base/") == _careful_remove_unused(two, "/base/")
        assert sorted(p.relative_to(one).as_posix() for p in one.rglob("*")) == \
            sorted(p.relative_to(two).as_posix() for p in two.rglob("*"))


def test_every_page_loads_one_stylesheet_and_one_script(site: Path) -> None:
    """Few requests on a slow phone network (issue 19): the site's own stylesheet and script,
    one each, on every page (the embeddable calendar list keeps its own stylesheet)."""
    pages = [p for p in site.rglob("*.html") if "/calendar/" not in f"/{p.relative_to(site).as_posix()}" or p.name == "index.html"]
    assert len(pages) > 70
    for path in pages:
        html = path.read_text(encoding="utf-8")
        visible = re.sub(r"<noscript>.*?</noscript>", "", html, flags=re.S)
        sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', visible)
        scripts = re.findall(r'<script\b[^>]*src="([^"]+)"', html)
        where = path.relative_to(site).as_posix()
        assert len(sheets) == 1 and "assets/stylesheets/site." in sheets[0], (where, sheets)
        assert len(scripts) == 1 and re.search(r"assets/javascripts/site\.[0-9a-f]{8}\.js$", scripts[0]), (where, scripts)


# --- hreflang and abbreviations -----------------------------------------------------------------

def test_alternates_become_absolute_with_x_default() -> None:
    html = ('<link rel="alternate" href="../../" hreflang="ru">\n'
            '<link rel="alternate" href="./" hreflang="ky">')
    out = absolute_alternates(html, "https://example.org/site/ky/help/", "ru")
    assert out == ('<link rel="alternate" href="https://example.org/site/" hreflang="ru">\n'
                   '<link rel="alternate" href="https://example.org/site/ky/help/" hreflang="ky">\n'
                   '<link rel="alternate" href="https://example.org/site/" hreflang="x-default">')


def test_alternates_are_read_in_the_head_only() -> None:
    head = '<head><link rel="alternate" href="../" hreflang="ru">\n<link rel="alternate" href="./" hreflang="ky"></head>'
    body = '<body><pre>&lt;link&gt;</pre><link rel="alternate" href="x/" hreflang="kk"></body>'
    out = absolute_alternates(head + body, "https://example.org/ky/", "ru")
    assert out == ('<head><link rel="alternate" href="https://example.org/" hreflang="ru">\n'
                   '<link rel="alternate" href="https://example.org/ky/" hreflang="ky">\n'
                   '<link rel="alternate" href="https://example.org/" hreflang="x-default"></head>' + body)


def test_glossary_names_give_abbreviation_groups() -> None:
    assert names_of("ПКП (постконтактная профилактика, PEP)") == ["ПКП", "постконтактная профилактика", "PEP"]
    assert names_of("ЛЖВ (люди, живущие с ВИЧ)") == ["ЛЖВ", "люди, живущие с ВИЧ"]
    assert synonym_groups([("Адвокат (защитник)", ()), ("Контакттан кийинки профилактика (ПКП, PEP)", ()), ("Аутрич", ())]) == [
        ["контакттан кийинки профилактика", "пкп", "pep"]]


def test_glossary_variants_to_avoid_join_their_term() -> None:
    """Readers type the variants the pages avoid: each joins its term's names (an abbreviation's too)."""
    groups = synonym_groups([("Врач", ("дарыгер",)), ("Контакттан кийинки профилактика (ПКП, PEP)", ("байланыштан кийинки алдын алуу",)),
                             ("Адвокат (защитник)", ()), ("Россия", ("россия",)), ("Ёлка", ("Елка",))])
    # a variant that differs from its term only in case or ё gives no group
    assert groups == [["врач", "дарыгер"],
                      ["контакттан кийинки профилактика", "пкп", "pep", "байланыштан кийинки алдын алуу"]], groups


# --- the built site -----------------------------------------------------------------------------

def test_site_deploys_no_unused_material_files(site: Path) -> None:
    files = [p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    assert not [f for f in files if UNUSED.search(f)], [f for f in files if UNUSED.search(f)]
    stylesheets = [f for f in files if f.endswith(".css")]
    assert len([f for f in stylesheets if re.fullmatch(r"assets/stylesheets/site\.[0-9a-f]{8}\.css", f)]) == 1, stylesheets
    for lang in LANGUAGES:
        names = zipfile.ZipFile(site / "offline" / f"{lang}.zip").namelist()
        assert not [n for n in names if UNUSED.search(n)], lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_links_one_stylesheet_and_absolute_alternates(site: Path, lang: str) -> None:
    for page in ("index.md", "rights/police.md", "take-care.md"):
        html = html_for(site, lang, page).read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert len(re.findall(r'<link rel="stylesheet"', head)) == 1, page
        alternates = dict((b, a) for a, b in re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">', head))
        assert set(alternates) == {*LANGUAGES, "x-default"}, alternates
        assert all(href.startswith("http://127.0.0.1:8000/") for href in alternates.values()), alternates
        assert alternates["x-default"] == alternates["ru"]
        assert '<script id="__config"' not in html
