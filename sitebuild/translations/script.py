"""Is a Kyrgyz page Kyrgyz, a Kazakh page Kazakh? Telling the three alphabets apart by their letters.

Plain Python, no MkDocs import.
  - Kazakh letters ә ғ қ ұ һ і are not in the Kyrgyz (nor the Russian) alphabet;
  - ң ө ү are in the Kyrgyz and Kazakh alphabets, not in the Russian one;
  - Russian has none of these letters, and it has short words Kyrgyz and Kazakh lack (и, в, что…).
A Kyrgyz page with any Kazakh letter, a Kazakh paragraph with ң ө ү but no Kazakh letter, and a
paragraph with no such letter that reads as Russian are flagged. Text inside an element marked
with another language (`<span lang="kk">Қазақша</span>`) and code are not checked. The same
rules apply to each Kyrgyz and Kazakh text of the data files (check_texts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitebuild.memo import latest
from sitebuild.translations.pages import INLINE_CODE, Page, TranslationError
from sitebuild.yaml_lines import Text

KAZAKH_ONLY = "әғқұһі"
TURKIC_SHARED = "ңөү"
SPECIFIC = {"ky": TURKIC_SHARED, "kk": KAZAKH_ONLY}
LANGUAGE_NAMES = {"ky": "Kyrgyz", "kk": "Kazakh"}
# Short Russian words that are not words of Kyrgyz or Kazakh (so not "а", "же", "он", "от", "так", "не", "из").
RUSSIAN_WORDS = frozenset(
    "и в с к у о на по для что это как или при если когда только уже ещё еще чтобы который которая "
    "которые которых вы мы вам нам вас нас их его её ее но во со ко об есть нет".split()
)
RUSSIAN_MIN_WORDS = 3  # a paragraph of 3 words or more with no Turkic letter and a Russian word is Russian
KYRGYZ_MIN_WORDS = 6  # words a paragraph of a Kazakh page needs before "no Kazakh letter" is telling
WORD = re.compile(r"[а-яёәғқңөұүһі]+")
FOREIGN_ELEMENT = re.compile(r'<(\w+)\b[^>]*\blang="[^"]*"[^>]*>.*?</\1>', re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|^\s*\[[^\]]+\]:\s*\S+.*$")
TAG_OR_COMMENT = re.compile(r"<!--.*?-->|<[^>]+>|\{[:.#][^}]*\}", re.DOTALL)
URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+")
BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|\||!!!|\?\?\?)")


@dataclass(frozen=True)
class Unit:
    """A paragraph, heading, list item or table row: its first line and text, and each line's text."""

    line: int
    lines: tuple[tuple[int, str], ...]

    @property
    def text(self) -> str:
        return " ".join(text for _, text in self.lines)


def prose(text: str) -> str:
    """What a reader reads, without code, URLs, tags, other-language elements and link targets."""
    for pattern, sign in ((FOREIGN_ELEMENT, "<"), (INLINE_CODE, "`"), (LINK_TARGET, "]"), (TAG_OR_COMMENT, "<"),
                          (TAG_OR_COMMENT, "{"), (URL, "://")):
        if sign in text:
            text = pattern.sub(" ", text)
    return text


def units(page: Page) -> list[Unit]:
    """The page's text split into units, with the front matter's title and description first.
    Split once per text of the page: the script check and the term check both read them."""
    return latest(_units, page.file, (page.lang, page.lines), lambda: _split(page))


# file -> what its units were last split from, the units (`mkdocs serve` checks again after every save).
_units: dict[Path, tuple[tuple[str, tuple[str, ...]], list[Unit]]] = {}


def _split(page: Page) -> list[Unit]:
    found = [Unit(page.line_of(key), ((page.line_of(key), page.meta[key]),))
             for key in ("title", "description") if isinstance(page.meta.get(key), str)]
    current: list[tuple[int, str]] = []
    for number, raw in page.body_lines():
        if not raw.strip() or BLOCK_START.match(raw):
            if current:
                found.append(Unit(current[0][0], tuple(current)))
            current = []
        if raw.strip():
            current.append((number, prose(raw)))
    if current:
        found.append(Unit(current[0][0], tuple(current)))
    return found


def check_script(page: Page) -> None:
    """Raise TranslationError at the first line that is not in the page's language."""
    if page.lang in SPECIFIC:
        _check_units(page.file, page.lang, units(page), "page")


def check_texts(file: Path, texts: list[Text]) -> None:
    """The same rules for the Kyrgyz and Kazakh texts of a data file (dates.yaml, terms.yaml…):
    raise TranslationError at the first line that is not in its text's language."""
    for text in texts:
        if text.lang in SPECIFIC:
            unit = Unit(text.lines[0][0], tuple((number, prose(part)) for number, part in text.lines))
            _check_units(file, text.lang, [unit], "text", key=text.key)


def _check_units(file: Path, lang: str, all_units: list[Unit], kind: str, key: str | None = None) -> None:
    """`kind`: "page" (the units are a whole page) or "text" (one value of a data file)."""
    name = LANGUAGE_NAMES[lang]
    where = f"a {name} {kind}" if kind == "page" else f"a {name} text ('{lang}.{key}')" if key != lang else f"a {name} text"
    texts = [unit.text.lower() for unit in all_units]
    word_count = 0
    for unit, text in zip(all_units, texts):
        words = WORD.findall(text)
        word_count += len(words)
        if lang == "ky":
            for number, line_text in unit.lines if _has(text, KAZAKH_ONLY) else ():  # else no line to name
                letters = [c for c in KAZAKH_ONLY if c in line_text.lower()]
                if letters:
                    raise TranslationError(file, number, f"Kazakh letters {', '.join(letters)} in {where} "
                                           f"({_quote(line_text)}): Kyrgyz has no {' '.join(KAZAKH_ONLY)}. Is this text "
                                           "Kazakh, or typed with a Kazakh keyboard? (A Kazakh word quoted on purpose: "
                                           "<span lang=\"kk\">…</span>)")
        elif len(words) >= KYRGYZ_MIN_WORDS and not _has(text, KAZAKH_ONLY) and _has(text, TURKIC_SHARED):
            raise TranslationError(file, unit.line, f"this text looks Kyrgyz, not Kazakh ({_quote(unit.text)}): "
                                   f"it has {', '.join(c for c in TURKIC_SHARED if c in text)} but none of "
                                   f"the Kazakh letters {' '.join(KAZAKH_ONLY)}")
        if (len(words) >= RUSSIAN_MIN_WORDS and not _has(text, KAZAKH_ONLY + TURKIC_SHARED)
                and not RUSSIAN_WORDS.isdisjoint(words)):
            advice = (f"Translate it (a page that is not translated yet is better deleted from docs/{lang}/: readers "
                      "then get the Russian page with a notice)" if kind == "page" else
                      f"Translate it: readers of the {name} site see this text")
            raise TranslationError(file, unit.line, f"this text looks Russian, not {name} ({_quote(unit.text)}): "
                                   f"it has none of the {name} letters {' '.join(SPECIFIC[lang])}. {advice}")
    if kind == "page" and word_count >= 20 and not any(_has(text, SPECIFIC[lang]) for text in texts):
        first = next((u for u in all_units if WORD.search(u.text.lower())), all_units[0])
        raise TranslationError(file, first.line, f"this page has none of the {name} letters "
                               f"{' '.join(SPECIFIC[lang])}: is it in {name}?")


def _has(text: str, letters: str) -> bool:
    return _letters(letters).search(text) is not None


@lru_cache(maxsize=None)  # a few sets of letters, searched in every text
def _letters(letters: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(letters)}]")


def _quote(text: str, length: int = 40) -> str:
    text = " ".join(text.split())
    return f"«{text[:length]}…»" if len(text) > length else f"«{text}»"
