"""What an editor may write: Markdown, plus a short allow-list of raw HTML; never code that runs for
readers, never a request to another host.

Plain Python, no MkDocs import. One set of rules, checked where each text is:
  check_markdown(text)  a page's Markdown source: raw HTML tags, attribute lists `{: … }`, Markdown
                        links and images, nesting depth and the number of '<' and '[' (Markdown's
                        parser overflows or slows down with their square), each at its line;
  check_html(html)      the HTML a page renders to (hooks/content_policy.py, every page), so that
                        what Markdown or a hook produces is held to the same rules;
  page_problems(html)   a whole published page, theme included: no inline script, no event
                        attribute, no code link, nothing from another host (the last gate);
  check_text(...)       for loaders of data files (dates, glossary, …): one text, checked as
                        Markdown and as rendered HTML, reported at the text's line;
  check_plain(...)      a text that reaches HTML as it is (a page title, a description): no markup;
  markdown_text(text)   a data file's text made safe to put into a page's Markdown.
Rendered HTML and published pages are judged as browsers read them: parsed by Lexbor (selectolax,
an HTML5 parser in C; comments, foreign content, merged <html>/<body> attributes and template
contents as the HTML standard builds them). Lexbor gives no line numbers: only a page found wrong is
read again with the standard library's html.parser (after comments are ended the way browsers end
them) to name the line. The Markdown sources are read with html.parser, as Python-Markdown reads
their raw HTML. Both decode entities as a browser does; URLs are compared after the clean-up
browsers do (spaces, tabs and control characters dropped, '\\' read as '/').
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import markdown
from selectolax.lexbor import LexborHTMLParser, LexborNode

from sitebuild.yaml_lines import SourceError


class PolicyError(SourceError):
    """Raw HTML or a link that the site does not publish, worded for the editor who wrote it."""


# Raw HTML an editor may write in a page (CONTRIBUTING.md lists it): tag -> its own attributes.
ALLOWED_TAGS: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel", "hreflang", "download"}),
    "abbr": frozenset(),
    "br": frozenset(),
    "div": frozenset(),
    "nav": frozenset(),
    "section": frozenset(),
    "aside": frozenset(),
    "span": frozenset(),
    "details": frozenset({"open"}),
    "summary": frozenset(),
    "small": frozenset(),
    "strong": frozenset(),
    "em": frozenset(),
    "sup": frozenset(),
    "sub": frozenset(),
    "kbd": frozenset(),
    "time": frozenset({"datetime"}),
}
# Attributes every allowed tag may carry (`markdown` is md_in_html's switch).
COMMON_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "markdown", "role"})
ARIA = re.compile(r"^aria-[a-z]+$")
# Tags named in the rules, with what to do instead.
FORBIDDEN_TAGS = {
    "script": "scripts do not run on this site (its Content-Security-Policy blocks them); "
              "JavaScript goes into a file under overrides/assets/javascripts/, reviewed with the code",
    "iframe": "no embedded pages (they load another site): link to the page instead",
    "frame": "no embedded pages (they load another site): link to the page instead",
    "frameset": "no embedded pages (they load another site): link to the page instead",
    "object": "no embedded objects: link to the file instead",
    "embed": "no embedded objects: link to the file instead",
    "applet": "no embedded objects: link to the file instead",
    "form": "no forms (they send what a reader types somewhere): give a phone number or an address instead",
    "meta": "no <meta> in a page (a refresh would send the reader elsewhere): the page's title and "
            "description go in the front matter",
    "link": "no <link> in a page: stylesheets are the site's own (overrides/assets/stylesheets/)",
    "base": "no <base> in a page: it would change where every link of the page goes",
    "style": "no <style> in a page: use a class of the site's stylesheet, or ask for one",
    "svg": "no inline SVG (it can carry scripts): save the picture as a file in docs/ and use ![text](file.svg)",
    "math": "no inline MathML: write the formula as text",
    "template": "no <template>: write the text itself",
    "img": "no raw <img>: use Markdown, ![what the picture shows](picture.png), with a picture saved in docs/",
    "picture": "no raw pictures: use Markdown, ![what the picture shows](picture.png)",
    "video": "no video in pages (heavy, and often from another host): link to it instead",
    "audio": "no audio in pages (heavy, and often from another host): link to it instead",
    "source": "no media in pages: link to the file instead",
    "track": "no media in pages: link to the file instead",
    "input": "no form fields: pages give information, they do not collect it",
    "button": "no buttons: use a link, [text](page.md)",
    "textarea": "no form fields: pages give information, they do not collect it",
    "select": "no form fields: pages give information, they do not collect it",
}
# Tags the rendered HTML may not contain, whoever produced them (Markdown and the hooks' fills are
# otherwise free: a hook may show a read-only field or a picture of the site's own).
RENDERED_FORBIDDEN = (frozenset(FORBIDDEN_TAGS) - {"img", "input", "button", "select"}
                      | {"noscript", "noembed", "noframes", "xmp", "plaintext", "title"})
NOT_PUBLISHED = "this element is not published on this site"
# Attributes whose value is a URL the reader follows (checked for its scheme) ...
LINK_ATTRIBUTES = frozenset({"href", "action", "formaction", "cite", "longdesc", "xlink:href"})
# ... and those whose value the browser loads at once (must be on this site).
RESOURCE_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data", "background", "lowsrc", "dynsrc",
                                 "manifest", "codebase", "icon", "ping", "imagesrcset", "archive"})
URL_ATTRIBUTES = LINK_ATTRIBUTES | RESOURCE_ATTRIBUTES
# Attribute names that no rule finds fault with in rendered HTML or a published page, whatever their
# value (no event, no style=, no URL): an element that has only these is passed over. The site's
# common ones; the filter keeps out any name a rule reads, should one be added to the list.
NEUTRAL_ATTRIBUTES = frozenset(
    name for name in (
        "class", "id", "for", "rel", "hreflang", "type", "lang", "dir", "title", "content", "name", "scope",
        "tabindex", "autocomplete", "role", "xmlns", "viewbox", "viewBox", "d", "http-equiv", "charset",
        "enterkeyhint", "autocapitalize", "target", "download", "align", "datetime", "width", "height", "value",
        "spellcheck", "placeholder", "alt", "open", "colspan", "rowspan", "start", "markdown",
        "aria-label", "aria-labelledby", "aria-expanded", "aria-live", "aria-describedby", "aria-hidden",
        "data-md-component", "data-label", "data-md-level", "data-md-type", "data-md-toggle", "data-md-color-scheme",
        "data-md-color-primary", "data-md-color-accent", "data-found", "data-error")
    if not name.lower().startswith("on") and name.lower() != "style" and name.lower() not in URL_ATTRIBUTES)
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "webcal"})
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
# Markdown: fenced code (not HTML), inline code, links and images, reference definitions, attribute lists.
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
MD_LINK = re.compile(r"(!?)\[(?:[^\[\]\\]|\\.)*\]\(\s*<?([^)\s>]*)")
MD_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*|[^\s<>@/]+@[^\s<>]+)>")
ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
ATTR_PAIR = re.compile(r"([^\s=]+)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s}]*)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
PLAIN_MARKUP = re.compile(r"[<>]")
MAX_NESTING = 16
# Blocks end where a blank line starts: after a line break followed by a blank line (found by its
# line break, far quicker than a split at a zero-width match tried at every position).
BLOCK_END = re.compile(r"\n(?=[ \t]*\n)")
MARKUP_SIGNS = ("<", "[")
MAX_SIGNS_PER_BLOCK = 200  # the site's pages have at most 9
MAX_SIGNS_PER_PAGE = 3000
# Quotes and list items opened at the start of a line, each inside the one before: "> - 1. > x".
CONTAINER_PREFIX = re.compile(r"^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)|>)+")
CONTAINER_MARK = re.compile(r">|[-*+](?=[ \t]|$)|\d{1,9}[.)]")
# The characters CONTAINER_PREFIX is made of (\d: any decimal digit, as there), more than MAX_NESTING of them.
LONG_PREFIX = re.compile(r"^[ \t>*+\-.)\d]{%d}" % (MAX_NESTING + 1), re.MULTILINE)
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
BROWSER_EMPTY_COMMENT = re.compile(r"<!---?>")
BROWSER_CDATA = re.compile(r"<!\[CDATA\[[^>]*>")
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A second look at rendered HTML that needs no parser: a dangerous tag anywhere outside comments
# (Markdown escapes '<' in text, so in rendered HTML this is a tag), an event attribute in a tag.
DANGEROUS_NAMES = ("script", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "meta", "link", "base",
                   "style", "svg", "math", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "title",
                   "textarea")
# (The look-ahead at the names' first letters changes no match: it lets most tags fail at once.)
DANGEROUS_TAG = re.compile(r"<\s*(?=[%s])(%s)\b" % ("".join(sorted({name[0] for name in DANGEROUS_NAMES})),
                                                   "|".join(DANGEROUS_NAMES)), re.IGNORECASE)
EVENT_IN_TAG = re.compile(r"<[a-zA-Z][^>]*?[\s/\"']on[a-zA-Z]+\s*=", re.DOTALL)
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]{}]")
# A <noscript> holding only <link>/<meta> tags (the theme's) is read alike with scripting on and off,
# but for those tags, which the reading with scripting off shows; any other needs both readings.
PLAIN_NOSCRIPT = re.compile(r'<noscript>(?:[ \t\n\f\r]*<(?:link|meta)(?:[ \t\n\f\r]+[a-z-]+="[^"<>&]*")*/?>)*'
                            r'[ \t\n\f\r]*</noscript>')


def _blocks(text: str) -> list[str]:
    """`text` cut before each blank line (Markdown's HTML blocks end there)."""
    cuts = [0, *(match.end() for match in BLOCK_END.finditer(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _where(name: str, what: str) -> str:
    return f"<{name}>: {what}"


def url_problem(value: str, *, resource: bool) -> str | None:
    """What is wrong with a URL in an attribute, or None: `resource` URLs load at once."""
    url = URL_NOISE.sub("", value).replace("\\", "/").lower()
    scheme = URL_SCHEME.match(url)
    if resource:
        if scheme or url.startswith("//"):
            return (f"'{value.strip()}' is loaded from another place than this site (it would tell that host "
                    "who reads the page): save the file in docs/ and link it relatively, e.g. ![text](picture.png)")
        return None
    if scheme and scheme.group(1) not in LINK_SCHEMES:
        return (f"'{value.strip()}' is a {scheme.group(1)}: link, which can run code or hide content: "
                f"links may go to pages (relative links) or to {', '.join(sorted(LINK_SCHEMES))} addresses")
    return None


@lru_cache(maxsize=4096)  # the pages of a site share most of their links
def attribute_problem(name: str, value: str | None, *, allowed: frozenset[str] | None) -> str | None:
    """The rule an attribute breaks, or None; `allowed` None: any other attribute is accepted."""
    name = name.lower()
    if name.startswith("on"):
        return (f"'{name}=' runs code when the reader does something: remove it (scripts do not run on this "
                "site; JavaScript belongs in a file under overrides/assets/javascripts/)")
    if name == "style":
        return "'style=' is not used on this site: use a class from the site's stylesheet (or ask for one)"
    if name in RESOURCE_ATTRIBUTES:
        if allowed is not None or name == "ping":
            return f"'{name}=' loads a file when the page opens: use Markdown, ![text](picture.png), with a file in docs/"
        bad = _bad_resource(name, value or "")
        return url_problem(bad, resource=True) if bad is not None else None
    if name in LINK_ATTRIBUTES:
        if allowed is not None and name != "href":
            return f"'{name}=' is not allowed here: use href= on an <a>"
        return url_problem(value or "", resource=False)
    if allowed is not None and name not in allowed and name not in COMMON_ATTRIBUTES and not ARIA.match(name):
        known = ", ".join(sorted(allowed | COMMON_ATTRIBUTES)) + ", aria-…"
        return f"attribute '{name}' is not allowed here (allowed: {known})"
    return None


def _bad_resource(name: str, value: str) -> str | None:
    """The first URL of a resource attribute (srcset: one of its candidates) that is not on this site."""
    candidates = [c.strip().split(" ")[0] for c in value.split(",")] if name.endswith("srcset") else [value]
    return next((c for c in candidates if url_problem(c, resource=True)), None)


class _TagReader(HTMLParser):
    """Every start tag of an HTML text, with its line (1 = the text's first line), and the first
    line where elements are nested deeper than MAX_NESTING."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, str, list[tuple[str, str | None]]]] = []
        self.depth, self.too_deep = 0, None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((self.getpos()[0], tag, attrs))
        if tag not in VOID_TAGS:
            self.depth += 1
            if self.depth > MAX_NESTING and self.too_deep is None:
                self.too_deep = self.getpos()[0]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((self.getpos()[0], tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self.depth = max(0, self.depth - 1)


def as_browsers_read_comments(html: str) -> str:
    """Comments ended the way browsers end them (HTML5), so that html.parser of this Python does
    not read a tag as part of a comment: `<!-->` and `<!--->` are empty comments, `--!>` ends one,
    `<![CDATA[` in HTML is a comment that ends at the first '>', and so is any other `<![` (which
    html.parser would stop at with an AssertionError: `<![картинка](pic.png)`). Same length, same lines."""
    if "<!" not in html and "--!>" not in html:  # nothing of the sort (each rewrite needs one of the two)
        return html
    html = BROWSER_EMPTY_COMMENT.sub(lambda m: "<!--" + " " * (len(m.group()) - 7) + "-->", html)
    html = html.replace("--!>", "--> ")
    return BROWSER_CDATA.sub(lambda m: "<!--" + " " * (len(m.group()) - 7) + "-->" if len(m.group()) >= 7
                             else " " * len(m.group()), html).replace("<![", "<!-")  # html.parser: up to '>'


def _read(html: str) -> _TagReader:
    """Read `html` block by block (blank lines end Markdown's HTML blocks): html.parser slows down
    with the square of the distance to a '>' that never comes; a block bounds that distance."""
    reader, line = _TagReader(), 0
    for block in _blocks(as_browsers_read_comments(html)):
        if "<" not in block:  # no tag: nothing to read
            line += block.count("\n")
            continue
        part = _TagReader()
        part.depth = reader.depth
        part.feed(block)
        part.close()
        reader.tags += [(line + number, tag, attrs) for number, tag, attrs in part.tags]
        if reader.too_deep is None and part.too_deep is not None:
            reader.too_deep = line + part.too_deep
        reader.depth = part.depth
        line += block.count("\n")
    return reader


def start_tags(html: str) -> list[tuple[int, str, list[tuple[str, str | None]]]]:
    return _read(html).tags


def browser_elements(html: str, *, scripting: bool = False) -> list[tuple[str, dict[str, str | None]]]:
    """Every element of `html` as a browser with scripting on or off builds it, <template> contents
    included: (tag name in lower case, attributes; the first of a repeated one)."""
    return _elements(LexborHTMLParser(html, scripting=scripting).root)


def _elements(root: LexborNode) -> list[tuple[str, dict[str, str | None]]]:
    """A list made in one loop, not a generator: this runs over every element of every page."""
    found = []
    roots = [root]
    while roots:  # no recursion: templates in templates may go deeper than Python's stack
        for node in roots.pop().traverse():
            if not node.is_element_node:  # a doctype, a comment inside a template
                continue
            tag = node.tag
            found.append((tag.lower(), node.attributes))
            if tag == "template":  # its content is a fragment of its own, read after the rest
                roots += node.template_fragments()
    return found


def size_problems(masked: str) -> Iterator[tuple[int, str]]:
    """More '<' or '[' in one block or one page than any page needs (Markdown's parser slows down
    with their square: a hostile page would hold the build for minutes)."""
    if all(masked.count(sign) <= MAX_SIGNS_PER_BLOCK for sign in MARKUP_SIGNS):  # no block, nor the page, has more
        return
    line = 1
    totals = dict.fromkeys(MARKUP_SIGNS, 0)
    for block in _blocks(masked):
        for sign in MARKUP_SIGNS:
            count = block.count(sign)
            totals[sign] += count
            if count > MAX_SIGNS_PER_BLOCK or totals[sign] > MAX_SIGNS_PER_PAGE:
                limit = f"{MAX_SIGNS_PER_BLOCK} in one paragraph, {MAX_SIGNS_PER_PAGE} in a page"
                first = line + block[: len(block) - len(block.lstrip())].count("\n")  # its first non-blank line
                yield first, f"too many '{sign}' (links, pictures or tags; at most {limit}): split the text"
                return
        line += block.count("\n")


def nesting_problems(masked: list[str], *, deep: int | None) -> Iterator[tuple[int, str]]:
    """Lists, quotes and HTML blocks (`deep`: the first line where _read found them too deep) nested
    deeper than MAX_NESTING (Markdown's parser would run out of stack: a traceback, not a message)."""
    what = (f"nested more than {MAX_NESTING} levels deep (lists, quotes, indented blocks or HTML "
            "elements inside each other): write it flatter")
    for number, line in _long_prefixed(masked):
        expanded = line.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip(" "))
        prefix = CONTAINER_PREFIX.match(line)
        containers = len(CONTAINER_MARK.findall(prefix.group())) if prefix else 0
        if indent > 4 * MAX_NESTING or containers > MAX_NESTING:
            yield number, what
            return
    if deep is not None:
        yield deep, what


def _long_prefixed(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(number, line) of the lines that start with more than MAX_NESTING characters that indents and
    container marks are made of: only those can be indented more than 4 × MAX_NESTING columns (a
    character is at most a tab, 4 columns) or hold more than MAX_NESTING marks (one character or more each)."""
    text = "\n".join(lines)
    last, number = 0, 1
    for match in LONG_PREFIX.finditer(text):
        number += text.count("\n", last, match.start())
        last = match.start()
        yield number, lines[number - 1]


def masked_lines(text: str) -> tuple[list[str], list[str]]:
    """The text's lines with code (fenced blocks, inline spans) blanked out, and the same with
    autolinks (`<https://…>`, `<a@b.org>`; markdown_problems checks them as links) blanked out too.
    A line without the characters a pattern needs is not searched."""
    code_masked, in_fence = [], False
    for line in text.split("\n"):
        if ("```" in line or "~~~" in line) and FENCE.match(line):
            in_fence = not in_fence
            code_masked.append("")
        elif in_fence:
            code_masked.append("")
        else:
            code_masked.append(INLINE_CODE.sub(blank, line) if "`" in line else line)
    return code_masked, [AUTOLINK.sub(blank, line) if "<" in line else line for line in code_masked]


def blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def markdown_problems(text: str) -> Iterator[tuple[int, str]]:
    """(line, problem) for raw HTML, attribute lists and Markdown links of a Markdown text."""
    code_masked, masked_list = masked_lines(text)
    masked = "\n".join(masked_list)
    sizes = list(size_problems(masked))
    if sizes:  # nothing else is read in such a text
        yield from sizes
        return
    reader = _read(masked)
    yield from nesting_problems(masked_list, deep=reader.too_deep)
    for line, tag, attrs in reader.tags:
        if tag in FORBIDDEN_TAGS:
            yield line, _where(tag, FORBIDDEN_TAGS[tag])
        elif tag not in ALLOWED_TAGS:
            yield line, (f"<{tag}> is not in the raw HTML this site allows ({', '.join(f'<{t}>' for t in ALLOWED_TAGS)}; "
                         "see CONTRIBUTING.md): write it in Markdown")
        else:
            for name, value in attrs:
                if problem := attribute_problem(name, value, allowed=ALLOWED_TAGS[tag]):
                    yield line, f"<{tag}>: {problem}"
    for number, (code_line, line) in enumerate(zip(code_masked, masked_list), start=1):
        for match in AUTOLINK.finditer(code_line) if "<" in code_line else ():
            if problem := url_problem(match.group(1), resource=False):
                yield number, problem
        for match in ATTR_LIST.finditer(line) if "{" in line else ():
            for name, value in ATTR_PAIR.findall(match.group(1)):
                if problem := attribute_problem(name, value.strip("\"'"), allowed=frozenset()):
                    yield number, f"attribute list {{…}}: {problem}"
        if "[" not in line:
            continue
        for match in MD_LINK.finditer(line):
            if problem := url_problem(match.group(2), resource=bool(match.group(1))):
                yield number, problem
        for match in MD_REFERENCE.finditer(line):
            if problem := url_problem(match.group(1), resource=False):
                yield number, problem


def html_problems(html: str) -> Iterator[tuple[str, str]]:
    """(what to look for in the source, problem) for rendered HTML."""
    outside_comments = COMMENT.sub("", as_browsers_read_comments(html))
    if found := DANGEROUS_TAG.search(outside_comments):
        name = found.group(1).lower()
        yield f"<{name}", _where(name, FORBIDDEN_TAGS.get(name, NOT_PUBLISHED))
    if found := EVENT_IN_TAG.search(outside_comments):
        name = found.group().rsplit("on", 1)[1].rstrip("= \t\n")
        yield f"on{name}", attribute_problem(f"on{name}", "", allowed=None) or ""
    for tag, attrs in browser_elements(html):
        if tag in RENDERED_FORBIDDEN:
            yield f"<{tag}", _where(tag, FORBIDDEN_TAGS.get(tag, NOT_PUBLISHED))
            continue
        if attrs.keys() <= NEUTRAL_ATTRIBUTES:
            continue
        for name, value in attrs.items():
            if problem := attribute_problem(name, value, allowed=None):
                needle = value if value and name not in {"style"} and not name.startswith("on") else name
                if name in RESOURCE_ATTRIBUTES:
                    needle = _bad_resource(name, value or "") or needle
                yield needle, f"<{tag}>: {problem}"


def _page_rules(tag: str, attrs: dict[str, str | None]) -> list[tuple[str, str]]:
    """(what to look for in the page, problem) for one element of a published page: an inline
    script, an event or style attribute, a URL that runs code or loads from another host."""
    problems = []
    if tag == "script" and not attrs.get("src") and attrs.get("type") != "application/json":
        problems.append(("<script", "an inline <script> (the CSP would block it): move the code into a file"))
    for name, value in attrs.items():
        if name.startswith("on") or name == "style":
            problems.append((name, f"<{tag} {name}=…>: {attribute_problem(name, value, allowed=None)}"))
        elif name in URL_ATTRIBUTES and (problem := attribute_problem(name, value, allowed=None)):
            problems.append((value or name, f"<{tag} {name}=…>: {problem}"))
    return problems


def page_problems(html: str) -> Iterator[str]:
    """What is wrong with a whole published page (template, theme and hooks included): an inline
    script, an event attribute, a link that runs code, a resource from another host. The page's
    own scripts are files (`<script src>`), its data blocks `type="application/json"`. Judged as
    browsers read the page, with scripting off and, where a <noscript> could make a difference, on.
    Each problem is named at the line where html.parser finds it (or, where html.parser reads the
    page otherwise, where its text is), in the order of the lines."""
    problems = _page_findings(html)
    if not problems:
        return
    lines: dict[str, int | None] = {}
    for line, tag, attrs in start_tags(html):
        for _, problem in _page_rules(tag, dict(reversed(attrs))):  # a repeated attribute: the first counts
            lines.setdefault(problem, line)
    page_lines = html.split("\n")
    for needle, problem in problems:
        lines.setdefault(problem, find_line(page_lines, needle))
    for problem in sorted(dict.fromkeys(problem for _, problem in problems), key=lambda p: lines[p] or len(html)):
        yield f"line {lines[problem]}: {problem}" if lines[problem] else f"{problem} (its line was not found)"


def _page_findings(html: str) -> list[tuple[str, str]]:
    """_page_rules' findings for every element of the page, in the order browsers build them."""
    elements = browser_elements(html)
    if _noscript_words(html) != 2 * len(PLAIN_NOSCRIPT.findall(html)):  # each word in a plain one
        elements = [*elements, *browser_elements(html, scripting=True)]
    return [found for tag, attrs in elements if not attrs.keys() <= NEUTRAL_ATTRIBUTES or tag == "script"
            for found in _element_rules(tag, tuple(attrs.items()))]


@lru_cache(maxsize=1 << 14)  # the pages of a site share most of their elements (the menu's links)
def _element_rules(tag: str, attrs: tuple[tuple[str, str | None], ...]) -> tuple[tuple[str, str], ...]:
    return tuple(_page_rules(tag, dict(attrs)))


def _noscript_words(html: str) -> int:
    """html.lower().count("noscript"), found faster: UTF-8 bytes lowered as ASCII (no other character
    lowers to one of these letters but 'İ', to 'i' and a combining dot, which no 'p' follows)."""
    return html.encode("utf-8", "surrogatepass").lower().count(b"noscript")


def find_line(lines: list[str] | tuple[str, ...], needle: str, *, start: int = 1) -> int | None:
    """The first line (counting from `start`) that contains `needle`, ignoring case."""
    needle = needle.lower().strip()
    for number, line in enumerate(lines[start - 1:], start=start):
        if needle and needle in line.lower():
            return number
    return None


def check_markdown(text: str, *, path: Path | str, first_line: int = 1) -> None:
    """Raise PolicyError at the first problem of a Markdown text; `first_line`: where it starts in `path`."""
    for line, problem in sorted(markdown_problems(text), key=lambda found: found[0]):
        raise PolicyError(path, first_line + line - 1, problem)


def check_html(html: str, *, path: Path | str, source_lines: list[str] | tuple[str, ...] = (),
               body_start: int = 1) -> None:
    """Raise PolicyError for the first problem of a page's rendered HTML, at the source line that
    produced it when it can be found."""
    for needle, problem in html_problems(html):
        line = find_line(source_lines, needle, start=body_start)
        where = "" if line else " (found in the rendered page; the text that makes it is not on one line of the source)"
        raise PolicyError(path, line, problem + where)


def check_text(text: str, *, path: Path | str, line: int | None) -> None:
    """For loaders of data files: one editor's text that goes into a page as Markdown."""
    first = line or 1
    for offset, problem in sorted(markdown_problems(text), key=lambda found: found[0]):
        raise PolicyError(path, first + offset - 1 if line else None, problem)
    rendered = markdown.markdown(text, extensions=["attr_list", "md_in_html", "def_list", "tables"])
    for _, problem in html_problems(rendered):
        raise PolicyError(path, line, problem)


def markdown_text(text: str) -> str:
    """Text from a data file that Markdown shows as it is: HTML escaped, Markdown's characters escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\g<0>", escape(text, quote=False))


def check_plain(text: str, *, path: Path | str, line: int | None, what: str, limit: int) -> None:
    """A text shown as it is (title, description): no markup, no control characters, at most `limit` long."""
    if PLAIN_MARKUP.search(text):
        raise PolicyError(path, line, f"{what} is shown as plain text: remove '<' and '>' (no HTML here; "
                                      "write «…» for quotes, 'меньше'/'больше' for comparisons)")
    if CONTROL.search(text):
        raise PolicyError(path, line, f"{what} contains an invisible control character: retype the line")
    if len(text) > limit:
        raise PolicyError(path, line, f"{what} is {len(text)} characters long; at most {limit} fit on a phone "
                                      "screen: shorten it")
