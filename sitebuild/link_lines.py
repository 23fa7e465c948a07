"""Dead links and anchors with their line: MkDocs' link validation names the page and the link
but not the line; this finds the line in the Markdown source and rewrites the message.

Plain Python, no MkDocs import (hooks/link_lines.py attaches `LinkLineFilter` to MkDocs' logger).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from sitebuild.translations.pages import read_text
from sitebuild.yaml_lines import SourceError

MESSAGE = re.compile(r"^Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized relative) link '(?P<link>[^']*)'"
                     r"(?:, but | )?(?P<rest>.*)$", re.DOTALL)
WHAT_TO_DO = ("Fix the link: a page is named by its path relative to this page (e.g. ../help.md), "
              "an anchor by the {#id} written after its heading")


def link_line(file: Path, link: str) -> int | None:
    """The first line of the page that contains the link as written (`](link`, then the link alone)."""
    try:
        lines = read_text(file).split("\n")
    except SourceError:
        return None
    for needle in (f"]({link}", f"]: {link}", f'"{link}"', link):
        for number, line in enumerate(lines, start=1):
            if needle in line:
                return number
    return None


def with_line(message: str, docs: Path) -> str | None:
    """MkDocs' message about a link, rewritten as 'docs/<page>:<line>: …', or None if it is not one."""
    found = MESSAGE.match(message)
    if not found:
        return None
    file = docs / found["page"]
    line = link_line(file, found["link"])
    where = f"{docs.name}/{found['page']}" + (f":{line}" if line else "")
    generated = "" if line else " (the link is not written in the page: a hook generated it)"
    rest = found["rest"].rstrip(".")
    return f"{where}: the link '{found['link']}' is broken: {rest}{generated}. {WHAT_TO_DO}"


class LinkLineFilter(logging.Filter):
    """Rewrites MkDocs' link warnings in place (they still count as warnings for --strict)."""

    def __init__(self, docs: Path) -> None:
        super().__init__()
        self.docs = docs

    def filter(self, record: logging.LogRecord) -> bool:
        rewritten = with_line(record.getMessage(), self.docs)
        if rewritten is not None:
            record.msg, record.args = rewritten, ()
        return True
