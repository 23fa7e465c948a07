"""What the built site deploys: one purged stylesheet, one script, and no file that no page uses.

Plain Python, no MkDocs import (hooks/site_assets.py runs it once every language is built).

- `bundle_stylesheets`: every page's stylesheets under assets/ (Material's, ours, any a page adds) become
  one file, assets/stylesheets/site.<hash>.css, purged of the rules no page can use
  (sitebuild.css_purge). Each page links that one file where its first stylesheet was, in the
  same order of rules, so the cascade is unchanged; a `media` attribute becomes an @media block.
- `bundle_scripts`: every page's deferred scripts under assets/javascripts become one minified file,
  assets/javascripts/site.<hash>.js (each script in its own function scope, first seen first), linked
  where the page's first script was: one request instead of three or four on a slow phone network.
  Each script does nothing on a page without its elements. Scripts loaded on demand (the search
  engine, named in a data- attribute) stay files of their own, minified in place.
- `remove_unused`: files under assets/ that no page, stylesheet or script names (Material's
  JavaScript bundle, lunr, the search worker, source maps, the stylesheets just bundled, …).
- `deploy_assets`: the three in that order, on one reading of the pages (what the build runs).
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from pathlib import Path

import rjsmin

from sitebuild.css_purge import purge, tokens_of
from sitebuild.output import write_files

ASSETS = "assets/"
BUNDLE_DIR = "assets/stylesheets"
SCRIPT_DIR = "assets/javascripts/"
# Material's files that no page of this site loads: never copied (see hooks/site_assets.py).
MATERIAL_UNUSED = re.compile(r"^assets/javascripts/(bundle\.|lunr/|workers/)|\.map$")
SCRIPT = re.compile(r'<script\b(?=[^>]*\bdefer\b)[^>]*\bsrc="([^"]+)"[^>]*>\s*</script\s*>\n?')
STYLESHEET = re.compile(r'[ \t]*<link\b(?=[^>]*\brel="stylesheet")[^>]*>\n?')
# The same links found by their "<link" (a search for a literal, far quicker than trying every position).
STYLESHEET_START = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")')
NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.DOTALL | re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]+)"')
MEDIA = re.compile(r'\bmedia="([^"]+)"')
# href="…", src="…", data-…="…" (a script loads it) and url(…): what a page or a stylesheet refers to.
# Written to start with the set of their first letters, which the regex engine skips to.
REFERENCE = re.compile(r'[dhsu](?:(?:(?<=h)ref|(?<=s)rc|(?<=d)ata-[\w-]+)="([^"#?]+)|(?<=u)rl\(\s*[\'"]?([^\'")?#]+))')
CSS_URL = re.compile(r'url\(\s*([\'"]?)(?![a-z]+:|/|#)([^\'")]+)\1\s*\)')


# Where white space is the content: left as it is.
PREFORMATTED = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.DOTALL | re.IGNORECASE)
INDENT = re.compile(r"\n\s+")


def collapse_whitespace(html: str) -> str:
    """A page without the templates' indentation: every run of white space that starts a line
    becomes one line break (the browser shows both as one space), except inside <pre> and
    <textarea>."""
    parts = PREFORMATTED.split(html)
    # split() returns text, then (whole match, tag name) pairs
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            out.append(INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


NOT_LOCAL = re.compile(r"([a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


def _local(href: str) -> bool:
    return not NOT_LOCAL.match(href)


def _site_path(page: str, href: str, base: str = "/") -> str:
    """The site-relative path an href in `page` (site-relative, e.g. "ky/help/index.html") names;
    `base` is the site's path on its host (404.html links from there: "/assets/…")."""
    href = href.split("?")[0].split("#")[0]
    if href.startswith("/"):
        return posixpath.normpath(href.removeprefix(base.rstrip("/")).lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _rebased(css: str, source: str, target_dir: str) -> str:
    """Relative url(…) of a stylesheet at `source`, rewritten for a file in `target_dir`."""
    def rebase(match: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), match.group(2)))
        return f"url({match.group(1)}{posixpath.relpath(path, target_dir)}{match.group(1)})"

    return CSS_URL.sub(rebase, css) if posixpath.dirname(source) != target_dir else css


def _stylesheet_links(html: str) -> list[re.Match[str]]:
    """STYLESHEET.finditer(html): each match starts at the blanks before its "<link"."""
    links, end = [], 0
    for found in STYLESHEET_START.finditer(html):
        if found.start() < end:
            continue
        start = found.start()
        while start > end and html[start - 1] in " \t":
            start -= 1
        link = STYLESHEET.match(html, start)
        links.append(link)
        end = link.end()
    return links


def _page_stylesheets(html: str) -> list[re.Match[str]]:
    """The local stylesheet links of a page, those inside <noscript> left out (they stay as they are)."""
    hidden = [m.span() for m in NOSCRIPT.finditer(html)]
    return [m for m in _stylesheet_links(html)
            if (h := HREF.search(m.group(0))) and _local(h.group(1))
            and not any(a <= m.start() < b for a, b in hidden)]


def _files(top: Path) -> list[tuple[str, str]]:
    """(folder, name) of every file under `top`, folders relative to `top` ("" for `top` itself)."""
    out, skip = [], len(os.fspath(top)) + 1
    for folder, _, names in os.walk(top):
        rel = folder[skip:].replace(os.sep, "/")
        out.extend((rel, name) for name in names)
    return out


def _named(site: Path, suffix: str) -> list[str]:
    """The site paths of the files whose names end with `suffix`, sorted as pathlib sorts them (by parts)."""
    return sorted((f"{folder}/{name}" if folder else name for folder, name in _files(site) if name.endswith(suffix)),
                  key=lambda rel: rel.split("/"))


def html_files(site: Path) -> dict[str, str]:
    """Every page of the built site, by its site path: read once for all the steps below."""
    return {rel: (site / rel).read_text(encoding="utf-8") for rel in _named(site, ".html")}


def write_pages(site: Path, pages: dict[str, str]) -> None:
    for page, html in pages.items():
        (site / page).write_text(html, encoding="utf-8")


def deploy_assets(site: Path, base: str = "/") -> None:
    """The three steps on one reading of the pages (each page read once and written once)."""
    pages = html_files(site)
    before = dict(pages)
    bundle_scripts(site, base, pages)
    bundle_stylesheets(site, base, pages)
    write_pages(site, {page: html for page, html in pages.items() if html != before[page]})
    remove_unused(site, base, pages)


def _bundled(page: str, html: str, base: str) -> list[tuple[re.Match[str], str]]:
    """The page's stylesheets that go into the bundle, with the site path each names: the site's
    own, under assets/. A stylesheet elsewhere (calendar/embed.css of the embeddable list) stays the
    page's own, unmerged."""
    links = ((link, _site_path(page, HREF.search(link.group(0)).group(1), base)) for link in _page_stylesheets(html))
    return [(link, path) for link, path in links if path.startswith(ASSETS)]


def bundle_stylesheets(site: Path, base: str = "/", pages: dict[str, str] | None = None) -> str | None:
    """Bundle and purge every page's stylesheets (see the module docstring); the bundle's path.
    `base`: the site's path on its host (the path of site_url). With `pages` (html_files), the
    pages are changed there and not written."""
    given = pages is not None
    pages = pages if given else html_files(site)
    bundled = {page: _bundled(page, html, base) for page, html in pages.items()}
    order: list[tuple[str, str]] = []  # (site path, media), first seen first
    for page, html in pages.items():
        for link, path in bundled[page]:
            media = MEDIA.search(link.group(0))
            entry = (path, media.group(1) if media else "all")
            if entry not in order:
                order.append(entry)
    if not order:
        return None
    parts = []
    for path, media in order:
        css = _rebased((site / path).read_text(encoding="utf-8"), path, BUNDLE_DIR)
        parts.append(css if media == "all" else f"@media {media}{{{css}}}")
    scripts = [(site / rel).read_text(encoding="utf-8") for rel in _named(site, ".js")]
    css = purge("\n".join(parts), tokens_of([*pages.values(), *scripts])).encode("utf-8")
    bundle = f"{BUNDLE_DIR}/site.{hashlib.sha256(css).hexdigest()[:8]}.css"
    write_files({bundle: css}, site)
    for page, html in pages.items():
        if links := [link for link, _ in bundled[page]]:
            first = HREF.search(links[0].group(0)).group(1)
            pages[page] = _relinked(html, links, '<link rel="stylesheet" href="{}">\n', _bundle_href(page, first, bundle, base))
    if not given:
        write_pages(site, {page: pages[page] for page in bundled if bundled[page]})
    return bundle


def _bundle_href(page: str, first: str, bundle: str, base: str) -> str:
    """How `page` names `bundle`: as its first bundled file was named (from the site's root, or
    relative to the page)."""
    return base.rstrip("/") + "/" + bundle if first.startswith("/") else posixpath.relpath(bundle, posixpath.dirname(page) or ".")


def _relinked(html: str, tags: list[re.Match[str]], tag: str, href: str) -> str:
    """`html` with `tags` (matches in page order) replaced by one `tag` naming `href`, where the
    first of them was."""
    out, last = [], 0
    for i, match in enumerate(tags):
        out.append(html[last:match.start()])
        if i == 0:
            out.append(tag.format(href))
        last = match.end()
    out.append(html[last:])
    return "".join(out)


def _page_scripts(page: str, html: str, base: str) -> list[tuple[re.Match[str], str]]:
    """The page's deferred scripts under assets/javascripts/, in page order, with their site paths."""
    scripts = ((m, _site_path(page, m.group(1), base)) for m in SCRIPT.finditer(html) if _local(m.group(1)))
    return [(m, path) for m, path in scripts if path.startswith(SCRIPT_DIR)]


def bundle_scripts(site: Path, base: str = "/", pages: dict[str, str] | None = None) -> str | None:
    """Bundle every page's deferred scripts into one minified file (see the module docstring);
    the bundle's path. With `pages` (html_files), the pages are changed there and not written."""
    given = pages is not None
    pages = pages if given else html_files(site)
    found = {page: _page_scripts(page, html, base) for page, html in pages.items()}
    order: list[str] = []
    for page, scripts in found.items():
        for _, path in scripts:
            if path not in order:
                order.append(path)
    if not order:
        return None
    # One function scope per script: their top-level names cannot meet.
    source = "\n".join(f"(function(){{\n{(site / path).read_text(encoding='utf-8')}\n}})();" for path in order)
    js = rjsmin.jsmin(source).encode("utf-8")
    bundle = f"{SCRIPT_DIR}site.{hashlib.sha256(js).hexdigest()[:8]}.js"
    on_demand = {p.relative_to(site).as_posix(): rjsmin.jsmin(p.read_text(encoding="utf-8")).encode("utf-8")
                 for p in sorted((site / SCRIPT_DIR).glob("*.js")) if p.relative_to(site).as_posix() not in order}
    write_files({bundle: js, **on_demand}, site)
    for page, html in pages.items():
        if scripts := [script for script, _ in found[page]]:
            pages[page] = _relinked(html, scripts, '<script src="{}" defer></script>\n', _bundle_href(page, scripts[0].group(1), bundle, base))
    if not given:
        write_pages(site, {page: pages[page] for page in found if found[page]})
    return bundle


ASSETS_WORD = ASSETS.rstrip("/")


def _may_be_asset(folder: str, target: str) -> bool:
    """False when `target`, named from `folder`, cannot be a path under assets/ (see _site_path): the
    first part of the path is one of the target's parts or the folder's first part."""
    return ASSETS_WORD in target or folder.startswith(ASSETS_WORD)


# A reference (REFERENCE) never holds a # or a ?, and holds a " only right after its = or its url(
# and blanks: no reference spans a # or a ? or any other ", so the text between two of them can be
# searched on its own.
def _is_barrier(text: str, at: int) -> bool:
    """Whether the ", # or ? at `at` is one that no reference holds."""
    return text[at] != '"' or at > 0 and text[at - 1] not in "=(" and not text[at - 1].isspace()


def _barrier_before(text: str, at: int) -> int:
    """The last barrier before `at` (see _is_barrier), or -1."""
    mark = max(text.rfind("#", 0, at), text.rfind("?", 0, at))
    quote = text.rfind('"', 0, at)
    while quote > mark and not _is_barrier(text, quote):
        quote = text.rfind('"', 0, quote)
    return max(mark, quote)


def _barrier_after(text: str, at: int) -> int:
    """The first barrier from `at` on (see _is_barrier), or the text's length."""
    mark = min((found for found in (text.find("#", at), text.find("?", at)) if found != -1), default=len(text))
    quote = text.find('"', at, mark)
    while quote != -1 and not _is_barrier(text, quote):
        quote = text.find('"', quote + 1, mark)
    return mark if quote == -1 else quote


def _asset_references(text: str) -> list[tuple[str, str]]:
    """What REFERENCE.findall(text) finds that holds "assets": only the stretches between two
    barriers around an "assets" are searched."""
    found, end = [], 0
    while (at := text.find(ASSETS_WORD, end)) != -1:
        start, end = _barrier_before(text, at) + 1, _barrier_after(text, at)
        found += REFERENCE.findall(text, start, end)
    return found


def remove_unused(site: Path, base: str = "/", pages: dict[str, str] | None = None) -> list[str]:
    """Delete the files under assets/ that nothing in the site refers to; their paths. `pages`:
    the pages' text if already read (html_files)."""
    referenced: set[str] = set()
    seen: set[tuple[str, str]] = set()  # (folder, reference): most pages name the same files
    for folder, name in _files(site):
        if not name.endswith((".html", ".css")) or name in (".html", ".css"):  # Path.suffix
            continue
        rel = f"{folder}/{name}" if folder else name
        text = pages[rel] if pages is not None and rel in pages else (site / rel).read_text(encoding="utf-8")
        # From outside assets/, only a reference holding "assets" can name a file there (_may_be_asset).
        for href, url in REFERENCE.findall(text) if folder.startswith(ASSETS_WORD) else _asset_references(text):
            target = href or url
            if (folder, target) not in seen:
                seen.add((folder, target))
                if _local(target) and _may_be_asset(folder, target):
                    referenced.add(_site_path(rel, target, base))
    removed = []
    for folder, name in _files(site / ASSETS):
        rel = f"{ASSETS}{folder}/{name}" if folder else f"{ASSETS}{name}"
        if rel not in referenced:
            (site / rel).unlink()
            removed.append(rel)
    for folder, _, _ in sorted(os.walk(site / ASSETS), key=lambda walked: -len(Path(walked[0]).parts)):
        if folder != str(site / ASSETS) and not os.listdir(folder):
            os.rmdir(folder)
    return sorted(removed, key=lambda rel: rel.split("/"))
