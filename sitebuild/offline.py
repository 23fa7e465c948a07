"""An offline copy of one language of the built site, as a zip a reader can open from the
phone's files or an outreach worker can pass on.

Plain Python, no MkDocs import. The copy keeps the site's layout; links to folders
("../swit/") are rewritten to their index.html, which browsers need when opening files.
Entries are sorted and dated 1980-01-01, so the same site gives the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES

# Relative href/src values ending in "/" (or empty: the page itself; "/…" and "http…" are not
# relative). Absolute URLs and files keep their value. The pattern starts at '="' (a search for a
# literal, far quicker than trying every position) and looks back for the attribute's name.
# Matched in the UTF-8 bytes: every character it looks at is ASCII, no multi-byte one is.
FOLDER_LINK = re.compile(rb'="(?:(?<=href=")|(?<=src="))(?!/|http)((?:\.\.?/)*(?:[^":#?]+/)?)(#[^"]*)?"')
TEXT_SUFFIXES = {".html"}
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SHARED = ("assets/",)
CALENDAR_SHARED = ("dates.json", "embed.css")  # calendar/: used by every language's calendar files
# Material files our pages never load (its JavaScript bundle and search), source maps, the
# sitemap, and our search index (search cannot load it from a file:// page, so it stays hidden).
UNUSED = re.compile(r"^assets/javascripts/(bundle\.|lunr/|workers/)|\.map$|^sitemap\.xml|^search/")


def _folder_links_to_index(html: bytes) -> bytes:
    # A function, not the template '="\1index.html\2"' (which Python 3.11 expands in Python, slower).
    return FOLDER_LINK.sub(lambda link: b'="' + link[1] + b"index.html" + (link[2] or b"") + b'"', html)


def _belongs(rel: str, lang: str) -> bool:
    first = rel.split("/", 1)[0]
    if UNUSED.search(rel) or rel == "404.html":
        return False
    if rel.startswith(SHARED):
        return True
    if rel.startswith("offline/"):
        return False
    if rel.startswith("calendar/"):  # the calendar files: a language's own, and the shared ones
        rest = rel.removeprefix("calendar/")
        if rest.split("/", 1)[0] in LANGUAGES and "/" in rest:
            return rest.startswith(f"{lang}/")
        if rest.endswith(".ics"):
            return rest == f"{lang}.ics"
        if rest in CALENDAR_SHARED:
            return True
    if lang == DEFAULT_LANGUAGE:
        return first not in LANGUAGES or first == DEFAULT_LANGUAGE
    return first == lang


def _site_files(site_dir: Path) -> list[str]:
    """Every file of the built site but those whose name starts with ".", as sorted site paths."""
    skip = len(os.fspath(site_dir)) + 1
    return sorted(os.path.join(folder, name)[skip:].replace(os.sep, "/")
                  for folder, _, names in os.walk(site_dir) for name in names if not name.startswith("."))


def offline_zips(site_dir: Path, langs: Iterable[str]) -> dict[str, bytes]:
    """The zip of each language: its pages, the shared assets and its calendar files. Each file is
    read (and its links rewritten) once, however many zips hold it."""
    files, contents, zips = _site_files(site_dir), {}, {}
    for lang in langs:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            if lang != DEFAULT_LANGUAGE:
                start = f'<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0; url={lang}/index.html"><a href="{lang}/index.html">{lang}/index.html</a>\n'
                _add(archive, "index.html", start.encode("utf-8"))
            for rel in files:
                if _belongs(rel, lang):
                    if rel not in contents:
                        contents[rel] = (site_dir / rel).read_bytes()
                        if PurePosixPath(rel).suffix in TEXT_SUFFIXES:
                            contents[rel] = _folder_links_to_index(contents[rel])
                    _add(archive, rel, contents[rel])
        zips[lang] = buffer.getvalue()
    return zips


def _add(archive: zipfile.ZipFile, name: str, content: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    info.external_attr = 0o644 << 16
    # Level 6: within 1 % of level 9 in size (349.9 against 347.4 KB for ru), faster to build.
    archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
