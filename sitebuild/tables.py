"""Tables that reflow on phones: a Markdown extension that labels each body cell with its column's
header (`data-label`), so that the site's CSS can show a table as stacked rows on a narrow screen
(«Полиция: 102») instead of a table wider than the phone.

Plain Python-Markdown, no MkDocs import; mkdocs.yml lists it under markdown_extensions as
`sitebuild.tables`. Tables with a class of their own (the year view) are left as they are.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

PLACEHOLDER = re.compile("\x02wzxhzdk:\\d+\x03")  # raw HTML stashed by Python-Markdown


def _text(cell: etree.Element) -> str:
    return " ".join(PLACEHOLDER.sub("", "".join(cell.itertext())).split())


def label_cells(table: etree.Element) -> None:
    """Give every body cell of `table` the text of its column's header as `data-label`."""
    head = table.find("thead/tr")
    if head is None:
        return
    labels = [_text(cell) for cell in head if cell.tag == "th"]
    for row in table.iterfind("tbody/tr"):
        for cell, label in zip((c for c in row if c.tag in ("td", "th")), labels):
            if label:
                cell.set("data-label", label)


class _TableLabels(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            if not table.get("class"):
                label_cells(table)


class TableLabelsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # after the inline processor (20), which turns header text into its final form
        md.treeprocessors.register(_TableLabels(md), "table_labels", 6)


def makeExtension(**kwargs: object) -> TableLabelsExtension:
    return TableLabelsExtension(**kwargs)
