"""Record in a translation's front matter that it has caught up with its Russian page.

Plain Python, no MkDocs import. Only the `source_hash:` (and, if asked, `translation:`) line
is written; every other line of the file stays as the translator left it.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.translations.pages import TRANSLATION_STATES, TranslationError, check_front_matter, read_page
from sitebuild.translations.status import TRANSLATED, source_hash

BOM = "\ufeff"


def mark(docs: Path, lang: str, path: str, *, state: str | None = None) -> str:
    """Write the current hash of docs/ru/<path> into docs/<lang>/<path>; return the hash."""
    if lang not in TRANSLATED:
        raise TranslationError(docs / lang / path, None, f"only translations are marked: the page must be in "
                                                         f"{' or '.join(f'docs/{t}/' for t in TRANSLATED)}")
    if state is not None and state not in TRANSLATION_STATES:
        raise TranslationError(docs / lang / path, None, f"unknown state '{state}' (use {' or '.join(TRANSLATION_STATES)})")
    original = docs / DEFAULT_LANGUAGE / path
    if not original.is_file():
        raise TranslationError(docs / lang / path, 1, f"there is no Russian page docs/{DEFAULT_LANGUAGE}/{path} to compare with")
    if not (docs / lang / path).is_file():
        raise TranslationError(docs / lang / path, None, f"no such page: to start a translation, copy "
                                                         f"docs/{DEFAULT_LANGUAGE}/{path} here first")
    page = read_page(docs, lang, path)
    digest = source_hash(original)
    lines = list(page.lines)
    closing = _set(lines, page.body_start - 2, "source_hash", digest, after="translation")
    if state is not None:
        _set(lines, closing, "translation", state, after="title")
    raw = page.file.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = ("" if not raw.startswith(BOM) else BOM) + newline.join(lines)
    page.file.write_bytes(text.encode("utf-8"))
    check_front_matter(read_page(docs, lang, path))
    return digest


def _set(lines: list[str], closing: int, key: str, value: str, *, after: str) -> int:
    """Replace the front matter line `key: …`, or add it after the value of `after:` (else at the
    end of the front matter). Return the new index of the closing '---'."""
    own = re.compile(rf"^{key}\s*:")
    anchor = re.compile(rf"^{after}\s*:")
    for index in range(1, closing):
        if own.match(lines[index]):
            lines[index] = f"{key}: {value}"
            return closing
    where = next((i + 1 for i in range(1, closing) if anchor.match(lines[i])), closing)
    while where < closing and lines[where][:1] in (" ", "\t"):  # the anchor's value goes on
        where += 1
    lines.insert(where, f"{key}: {value}")
    return closing + 1
