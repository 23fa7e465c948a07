"""Pocket rights cards (rights/cards.md): the "not yet reviewed by a lawyer — <date>" line, and the
print sheets. The card text is written once, in the page of each language; for print, each face
is repeated on an A4 sheet of eight (fronts on one sheet, backs on the next), with cut lines.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
from datetime import date
from html import escape

from sitebuild.keydates.pages import day_label

REVIEW_MARKER = "<!-- card-review -->"
FACE = re.compile(r'<div class="card-face card-(front|back)">(.*?)</div>', re.S)
HEADING = re.compile(r"<h2[^>]*>(.*?)</h2>", re.S)
COLUMNS, ROWS = 2, 4
CARDS_PER_SHEET = COLUMNS * ROWS
# Crop marks outside the grid, in line with every cut: above and below each column edge, left and
# right of each row edge (positions in cards.css).
CROP_MARKS = "".join(
    [f'<span class="crop v{x} {side}"></span>' for x in range(COLUMNS + 1) for side in ("t", "b")]
    + [f'<span class="crop h{y} {side}"></span>' for y in range(ROWS + 1) for side in ("l", "r")]
)


class CardsError(ValueError):
    """A card page that cannot be printed as it is written."""


def review_line(written: date, lang: str, template: str) -> str:
    when = f"{day_label(lang, written.day, written.month)} {written.year}"
    return f'<p class="card-review">{escape(template.format(date=when))}</p>'


def print_sheets(html: str, *, front: str, back: str, hint: str) -> str:
    """The page with its print sheets appended: for every card (a front face followed by a back
    face, under the country's heading), one sheet of its front eight times, one of its back."""
    faces = list(FACE.finditer(html))
    if not faces:
        return html
    sheets = []
    for number in range(0, len(faces), 2):
        pair = faces[number:number + 2]
        if [face[1] for face in pair] != ["front", "back"]:
            raise CardsError(f"card {number // 2 + 1}: each card needs a card-front face followed by a card-back face")
        for face in pair:
            if "<div" in face[2]:
                raise CardsError(f"card {number // 2 + 1}: a card face may not contain another <div> block")
        headings = HEADING.findall(html, 0, pair[0].start())
        country = re.sub(r"<[^>]+>", "", headings[-1]).strip() if headings else ""
        for face, side in zip(pair, (front, back)):
            sheets.append(
                f'<section class="card-sheet"><p class="sheet-label">{country} · {escape(side)}. {escape(hint)}</p>'
                f'<div class="sheet-grid">{face[0] * CARDS_PER_SHEET}{CROP_MARKS}</div></section>'
            )
    return html + '<div class="card-sheets">' + "".join(sheets) + "</div>"
