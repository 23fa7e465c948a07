"""Links from a Kyrgyz or Kazakh page to pages that exist only in Russian.

Plain Python, no MkDocs import. The strict MkDocs build does not see these: mkdocs-static-i18n
serves the Russian page in their place, so the reader of a Kyrgyz page would land on Russian
text. Links to pages that exist in no language are left to MkDocs, which reports them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.translations.pages import INLINE_CODE, Page, TranslationError
from sitebuild.translations.script import LANGUAGE_NAMES

INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
HTML_LINK = re.compile(r"""\b(?:href|src)\s*=\s*["']([^"']+)["']""")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def link_targets(page: Page) -> Iterator[tuple[int, str]]:
    """(line, target) of every link in the page body, outside code."""
    for number, line in page.body_lines():
        line = INLINE_CODE.sub("", line) if "`" in line else line
        if "](" not in line and "]:" not in line and "=" not in line:  # what each pattern needs
            continue
        for pattern in (INLINE_LINK, REFERENCE, HTML_LINK):
            for match in pattern.finditer(line):
                yield number, match.group(1)


def linked_page(page: Page, target: str) -> str | None:
    """The page path (inside a language folder) a relative link to a .md file points at."""
    if SCHEME.match(target) or target.startswith(("#", "/")):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path.endswith(".md"):
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), path))
    return None if resolved.startswith("../") or resolved == ".." else resolved


def check_links(page: Page, docs: Path) -> None:
    """Raise TranslationError for a link to a page that is missing in this language but exists in Russian."""
    if page.lang == DEFAULT_LANGUAGE:
        return
    for number, target in link_targets(page):
        linked = linked_page(page, target)
        if linked is None or (docs / page.lang / linked).is_file():
            continue
        if (docs / DEFAULT_LANGUAGE / linked).is_file():
            name = LANGUAGE_NAMES[page.lang]
            raise TranslationError(
                page.file, number,
                f"link to '{target}': that page is not translated into {name} yet (docs/{DEFAULT_LANGUAGE}/{linked} "
                f"exists, docs/{page.lang}/{linked} does not), so the reader would land on Russian text. "
                f"Translate it first, or remove the link",
            )
