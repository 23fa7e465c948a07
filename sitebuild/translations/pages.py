"""Read a page's front matter (with line numbers) and check it against the rules for its language.

Plain Python, no MkDocs import. Front matter is the YAML block between the first two `---`
lines of a page, as MkDocs reads it; every problem is reported at its line in the .md file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.memo import latest
from sitebuild.yaml_lines import LineLoader, Mapping, SourceError


class TranslationError(SourceError):
    """One defect in a page of docs/, worded for the translator who has to fix it."""


# Keys every page may have; Kyrgyz and Kazakh pages may also have TRANSLATION_KEYS.
PAGE_KEYS = {"title", "description", "legal_review", "written"}
TRANSLATION_KEYS = {"translation", "source_hash"}
LEGAL_REVIEW_STATES = ("not yet", "reviewed")
TRANSLATION_STATES = ("draft", "reviewed")
SOURCE_HASH = re.compile(r"^[0-9a-f]{12}$")
FENCE = re.compile(r"^-{3}\s*$")
CLOSING = re.compile(r"^(?:-{3}|\.{3})\s*$")
# A line inside front matter: a key, an indented or list continuation, a comment, or blank. The first
# line that is none of these (the page's text) shows where a missing closing '---' belonged.
FRONT_MATTER_LINE = re.compile(r"^(?:\s|#|-|$|[\"']?[^\s:#\"'][^:]*[\"']?\s*:(?:\s|$))")
MAX_PAGE_BYTES = 1024 * 1024
DAY = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")
FENCE_LINE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"(`+).+?\1")


@dataclass(frozen=True)
class Page:
    """One Markdown page of one language: docs/<lang>/<path>."""

    file: Path
    lang: str
    path: str  # inside the language folder, e.g. "swit/index.md"
    meta: Mapping  # front matter; `meta.key_lines` are lines of the .md file
    lines: tuple[str, ...]  # the whole file, line by line (line n is lines[n - 1])
    body_start: int  # line number of the first line after the front matter

    def body_lines(self) -> Iterator[tuple[int, str]]:
        """(line number, text) of each body line outside fenced code."""
        in_fence = False
        for number, line in enumerate(self.lines[self.body_start - 1:], start=self.body_start):
            if FENCE_LINE.match(line):
                in_fence = not in_fence
            elif not in_fence:
                yield number, line

    def line_of(self, key: str) -> int:
        return self.meta.key_lines.get(key, 1)


def read_text(file: Path) -> str:
    """The file's text as MkDocs reads it (UTF-8, a leading BOM dropped), with \\n line ends."""
    try:
        raw = file.read_bytes()
    except OSError as error:
        raise TranslationError(file, None, f"cannot read the file ({error.strerror})") from None
    if len(raw) > MAX_PAGE_BYTES:
        raise TranslationError(file, None, f"the page is {len(raw) // 1024} KB; at most {MAX_PAGE_BYTES // 1024} KB "
                                           "(readers pay for every byte on their phones): split it into several pages")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise TranslationError(file, line, f"not UTF-8 text (byte 0x{raw[error.start]:02x} on this line: {error.reason}): "
                                           "save the file as UTF-8 (in the editor: Save with encoding → UTF-8), "
                                           "then check the letters of this line") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_page(docs: Path, lang: str, path: str) -> Page:
    """Read docs/<lang>/<path> and parse its front matter; raise TranslationError if it is broken."""
    file = docs / lang / path
    return page_of(file, lang, path, read_text(file))


def page_of(file: Path, lang: str, path: str, text: str) -> Page:
    """parse_page, once per text of the file: the checks, the content policy and the calendar read
    the same pages, in each language's build. The Page is shared: read it, never change it."""
    return latest(_parsed, file, (lang, path, text), lambda: parse_page(file, lang, path, text))


_parsed: dict[Path, tuple[tuple[str, str, str], Page]] = {}  # file -> what it was last parsed from, its Page


def parse_page(file: Path, lang: str, path: str, text: str) -> Page:
    """A page from its text (\\n line ends); `file` is where errors are reported."""
    lines = tuple(text.split("\n"))
    if not lines or not FENCE.match(lines[0]):
        raise TranslationError(file, 1, "no front matter: the page must start with a line '---', "
                                        "then 'title: …', then another line '---'")
    end = next((i for i in range(1, len(lines)) if CLOSING.match(lines[i])), None)
    stray = next((i for i in range(1, end or len(lines)) if not FRONT_MATTER_LINE.match(lines[i])), None)
    if end is None:
        _not_closed(file, lines, stray)
    if end == len(lines) - 1 and not text.endswith("\n"):
        raise TranslationError(file, end + 1, "the page ends on its front matter's closing line, without a line break: "
                                              "MkDocs would show the front matter as text. Press Enter at the end of "
                                              "this line and write the page's text below it")
    try:
        meta = _parse(file, "\n".join(lines[1:end]) + "\n")
    except TranslationError:
        if stray is None:
            raise
        _not_closed(file, lines, stray)  # the page's text was read as front matter
    return Page(file=file, lang=lang, path=path, meta=meta, lines=lines, body_start=end + 2)


def _not_closed(file: Path, lines: tuple[str, ...], stray: int | None) -> None:
    last = max((i for i in range(1, stray or len(lines)) if lines[i].strip() and lines[i][0] != "#"), default=0) + 1
    raise TranslationError(file, 1, "the front matter is not closed (it starts here): add a line '---' "
                                    f"after its last key (line {last}), before the page's text")


def _parse(file: Path, text: str) -> Mapping:
    """The front matter as a Mapping whose line numbers count from the top of the file."""
    try:
        data = yaml.load(text, Loader=LineLoader)
    except yaml.MarkedYAMLError as error:
        # An unclosed quote is found at the end of the text: its start (the context) is the line to fix.
        mark = error.context_mark if error.context_mark and "end of stream" in str(error.problem) else error.problem_mark
        mark = mark or error.context_mark
        line = mark.line + 2 if mark else 1  # +1: marks count from 0; +1: the opening '---'
        problem = error.problem or error.context
        if error.context and error.problem:
            problem = f"{error.context}: {error.problem}"
        raise TranslationError(file, line, f"front matter YAML syntax error: {_explain(problem)}") from None
    except yaml.YAMLError as error:
        raise TranslationError(file, 1, f"front matter YAML syntax error: {error}") from None
    except ValueError as error:  # YAML reads 2026-02-30 as a date and fails without a line
        line = next((number for number, row in enumerate(text.split("\n"), start=2)
                     if (found := DAY.search(row)) and not _is_date(found.group())), 1)
        raise TranslationError(file, line, f"impossible date in the front matter ({error})") from None
    if data is None:
        data = Mapping()
        data.line, data.key_lines = 2, {}
    if not isinstance(data, Mapping):
        raise TranslationError(file, 2, "the front matter must be lines of 'key: value', e.g. 'title: …'")
    data.line += 1
    data.key_lines = {key: line + 1 for key, line in data.key_lines.items()}
    return data


def check_front_matter(page: Page) -> None:
    """The rules of issue 9: allowed keys, required keys, known values."""
    meta, file = page.meta, page.file
    translated = page.lang != DEFAULT_LANGUAGE
    allowed = PAGE_KEYS | (TRANSLATION_KEYS if translated else set())
    for key in meta:
        if key in TRANSLATION_KEYS and not translated:
            raise TranslationError(file, page.line_of(key), f"'{key}' is only for Kyrgyz and Kazakh pages "
                                                            "(the Russian page is the original): remove this line")
        if key not in allowed:
            raise TranslationError(file, page.line_of(key), f"unknown key '{key}' in the front matter "
                                                            f"(allowed: {', '.join(sorted(allowed))})")
    title = meta.get("title")
    if "title" not in meta:
        raise TranslationError(file, 1, "missing key 'title' in the front matter: add a line 'title: …' "
                                        "between the two '---' lines")
    if not isinstance(title, str) or not title.strip():
        raise TranslationError(file, page.line_of("title"), "'title' must be non-empty text (put it in \"double quotes\" "
                                                            "if it is a number or contains ': ')")
    if "description" in meta and (not isinstance(meta["description"], str) or not meta["description"].strip()):
        raise TranslationError(file, page.line_of("description"), "'description' must be non-empty text, "
                                                                  "or remove the line")
    if "legal_review" in meta:
        _one_of(page, "legal_review", LEGAL_REVIEW_STATES)
        if "written" not in meta:
            raise TranslationError(file, page.line_of("legal_review"), "'legal_review' needs the line "
                                   "'written: YYYY-MM-DD' (the day the text of the memo was written)")
    if "written" in meta:
        _date(page, "written")
    if translated:
        if "translation" not in meta:
            raise TranslationError(file, 1, "missing key 'translation' in the front matter: add the line "
                                            "'translation: draft' (or 'reviewed' once a native speaker has checked the page)")
        _one_of(page, "translation", TRANSLATION_STATES)
        if "source_hash" in meta:
            value = meta["source_hash"]
            if not isinstance(value, str) or not SOURCE_HASH.match(value):
                raise TranslationError(file, page.line_of("source_hash"), f"'source_hash: {_typed(page, 'source_hash')}' "
                                       "is not a source hash (12 characters 0-9 a-f): run `python -m sitebuild.translations "
                                       f"mark {page.lang}/{page.path}` instead of typing it")


def _one_of(page: Page, key: str, states: tuple[str, ...]) -> None:
    if page.meta[key] not in states:
        known = " or ".join(f"'{state}'" for state in states)
        raise TranslationError(page.file, page.line_of(key), f"'{key}: {_typed(page, key)}' is not a known state (write {known})")


def _date(page: Page, key: str) -> None:
    value = page.meta[key]
    if isinstance(value, date) and not isinstance(value, datetime):
        return
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and _is_date(value):
        return
    raise TranslationError(page.file, page.line_of(key), f"'{key}: {_typed(page, key)}' is not a date: write YYYY-MM-DD, "
                                                         "e.g. 2026-11-25")


def _explain(problem: str) -> str:
    """PyYAML's words, with what to do about the usual causes."""
    if "mapping values are not allowed" in problem:
        return f"{problem}: a value that contains ': ' must be in \"double quotes\""
    if "quoted scalar" in problem:
        return f"{problem}: a quote opened on this line is not closed"
    if "appears twice" in problem:
        return problem
    return f"{problem} (a value that contains ': ' or starts with a quote must be in \"double quotes\")"


def _is_date(text: str) -> bool:
    try:
        year, month, day = map(int, text.split("-"))
        date(year, month, day)
        return True
    except ValueError:
        return False


def _typed(page: Page, key: str) -> str:
    """The value as the translator typed it on the key's line (YAML reads `no` as false)."""
    return page.lines[page.line_of(key) - 1].split(":", 1)[1].strip()
