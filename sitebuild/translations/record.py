"""Record in a translation's front matter that it has caught up with its Russian page.

Plain Python, no MkDocs import. Only the `source_hash:` (and, if asked, `translation:`) line is
written: its value is replaced in place (its quotes and a comment after it kept), or a line is
added after `translation:`; every other byte of the file stays as the translator left it (line
endings, comments, key order). The new text is checked before it is written, and written
through a temporary file and a rename.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.translations.pages import TRANSLATION_STATES, Page, TranslationError, check_front_matter, parse_page, read_page
from sitebuild.translations.status import TRANSLATED, source_hash

BOM = "\ufeff"
LINE_END = re.compile(r"(\r\n|\r|\n)")
# key: value  # comment      (the key and the value possibly quoted)
KEY_LINE = re.compile(r"""^(?P<head>\s*(?P<kq>["']?)[^"':#]+(?P=kq)\s*:[ \t]*)(?P<value>"[^"]*"|'[^']*'|[^#]*?)"""
                      r"""(?P<tail>[ \t]+#.*|[ \t]*)$""")


def page_inside(docs: Path, lang: str, path: str) -> Path:
    """docs/<lang>/<path>, refused unless it is a Markdown page inside docs/ky or docs/kk."""
    file = docs / lang / path
    if lang not in TRANSLATED:
        raise TranslationError(file, None, f"only translations are marked: the page must be in "
                                           f"{' or '.join(f'docs/{t}/' for t in TRANSLATED)}")
    parts = path.replace("\\", "/").split("/")
    folder = (docs / lang).resolve()
    if (any(part in ("", ".", "..") for part in parts) or not path.endswith(".md")
            or not file.resolve().is_relative_to(folder)):
        raise TranslationError(file, None, f"'{lang}/{path}' is not a page inside docs/{lang}/: name it as "
                                           f"{lang}/<folder>/<page>.md, without '..'")
    return file


def mark(docs: Path, lang: str, path: str, *, state: str | None = None) -> str:
    """Write the current hash of docs/ru/<path> into docs/<lang>/<path>; return the hash."""
    file = page_inside(docs, lang, path)
    if state is not None and state not in TRANSLATION_STATES:
        raise TranslationError(file, None, f"unknown state '{state}' (use {' or '.join(TRANSLATION_STATES)})")
    original = docs / DEFAULT_LANGUAGE / path
    if not original.is_file() or original.is_symlink():
        raise TranslationError(file, 1, f"there is no Russian page docs/{DEFAULT_LANGUAGE}/{path} to compare with")
    if not file.is_file() or file.is_symlink():
        raise TranslationError(file, None, f"no such page: to start a translation, copy "
                                           f"docs/{DEFAULT_LANGUAGE}/{path} here first")
    page = read_page(docs, lang, path)
    check_front_matter(page)  # a page that is already broken is fixed first, not marked
    digest = source_hash(original)
    raw = file.read_bytes().decode("utf-8")
    pieces = LINE_END.split(raw)  # line, end, line, end, …, last line
    rows = [[pieces[i], pieces[i + 1] if i + 1 < len(pieces) else ""] for i in range(0, len(pieces), 2)]
    _set(rows, page, "source_hash", digest, after="translation")
    if state is not None:
        page = _reparse(file, lang, path, rows)
        _set(rows, page, "translation", state, after="title")
    new = _reparse(file, lang, path, rows)
    check_front_matter(new)
    if new.meta.get("source_hash") != digest or (state is not None and new.meta.get("translation") != state):
        raise TranslationError(file, None, "could not write source_hash into the front matter: "
                                           "write the line 'source_hash: …' by hand after 'translation:'")
    _write(file, "".join(text + end for text, end in rows))
    return digest


def _reparse(file: Path, lang: str, path: str, rows: list[list[str]]) -> Page:
    text = "".join(text + end for text, end in rows).removeprefix(BOM)
    return parse_page(file, lang, path, text.replace("\r\n", "\n").replace("\r", "\n"))


def _set(rows: list[list[str]], page: Page, key: str, value: str, *, after: str) -> None:
    """Replace the value of `key:` on its line, or add the line after `after:`'s value (else at the
    end of the front matter). `rows` are [text, line end] of the file; lines count from 1."""
    if key in page.meta:
        index = page.meta.key_lines[key] - 1
        found = KEY_LINE.match(rows[index][0])
        if not found or not found["value"].strip():
            raise TranslationError(page.file, index + 1, f"'{key}:' must have its value on the same line: "
                                                         f"write '{key}: {value}'")
        quote = found["value"][:1] if found["value"][:1] in "\"'" else ""
        rows[index][0] = rows[index][0][:found.start("value")] + f"{quote}{value}{quote}" + found["tail"]
        return
    closing = page.body_start - 2  # index of the closing '---'
    where = page.meta.key_lines[after] if after in page.meta else closing
    while where < closing and rows[where][0][:1] in (" ", "\t"):  # the anchor's value goes on
        where += 1
    rows.insert(where, [f"{key}: {value}", rows[where - 1][1] or "\n"])


def _write(file: Path, text: str) -> None:
    """Replace the file through a temporary file in its folder and an atomic rename."""
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8"))
        os.chmod(tmp, file.stat().st_mode & 0o777)
        os.replace(tmp, file)
    except BaseException:
        os.unlink(tmp)
        raise
