"""Load calendar/dates.yaml and check every entry, reporting file, line, event id and problem.

Plain Python: no MkDocs import, so a command line or another site generator can call it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Callable

from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES
from sitebuild.translations.pages import TranslationError
from sitebuild.translations.script import check_texts
from sitebuild.yaml_lines import SLUG, Mapping, SourceError, check_keys, language_texts, load_yaml, texts_by_language

YEARLY = re.compile(r"^(\d{2})-(\d{2})$")
ONE_OFF = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# 2000 is a leap year: "02-29" is a real date, refused separately for yearly events.
LEAP_YEAR = 2000

TOP_KEYS = {"calendar", "categories", "years", "prepare_weeks", "events"}
EVENT_KEYS = {"id", "date", "end", "since", "updated", "prepare_weeks", "page", "categories", *LANGUAGES}
REQUIRED_EVENT_KEYS = EVENT_KEYS - {"end", "since", "prepare_weeks"}
TEXT_KEYS = {"title", "description"}
CALENDAR_KEYS = {"name", "description"}
# Longest texts, in characters: a title is one line in a phone's calendar, a description a paragraph.
MAX_LENGTH = {"title": 200, "description": 1000, "name": 100, "category": 60}
CALENDAR_MAX_LENGTH = {"name": 100, "description": 500}
MAX_YEARS = 10  # `years`: how many years dates.json and the organiser reminders list
MAX_WEEKS = 26  # a preparation reminder at most half a year ahead
MAX_DAYS = 62  # the longest event (the 16 Days are 16): a longer one is a typo in 'end'
# Revisions count from the feeds' first publication (their DTSTAMP until revisions existed).
FIRST_REVISION = date(2026, 11, 1)
PageExists = Callable[[str, str], bool]  # (page, language) -> is docs/<language>/<page> there?


class DatesError(SourceError):
    """One defect in the dates file."""

    item_kind = "event"


@dataclass(frozen=True)
class Text:
    title: str
    description: str


@dataclass(frozen=True)
class KeyDate:
    """One entry of dates.yaml. `year` is None for a day that recurs every year."""

    id: str
    month: int
    day: int
    year: int | None
    end_month: int
    end_day: int
    end_year: int | None
    since: int | None
    page: str
    categories: tuple[str, ...]
    texts: dict[str, Text] = field(hash=False)
    updated: date = FIRST_REVISION
    prepare_weeks: tuple[int, ...] = ()
    line: int = 0
    key_lines: dict[str, int] = field(default_factory=dict, hash=False, compare=False)

    @property
    def yearly(self) -> bool:
        return self.year is None

    @property
    def multi_day(self) -> bool:
        return (self.month, self.day) != (self.end_month, self.end_day) or self.year != self.end_year

    @property
    def crosses_new_year(self) -> bool:
        """A yearly event whose `end` is earlier in the year than its `date` ends the next year."""
        return self.yearly and (self.end_month, self.end_day) < (self.month, self.day)

    @property
    def neutral_id(self) -> str:
        """A short id that says nothing about the event: its download's file name. Stable as
        long as `id` is (a digest of it)."""
        return hashlib.sha256(self.id.encode("utf-8")).hexdigest()[:8]

    @property
    def sequence(self) -> int:
        """RFC 5545 SEQUENCE: days from the first publication to this event's revision, so that
        every later `updated` gives a higher number."""
        return (self.updated - FIRST_REVISION).days

    def first_day(self, year: int) -> date:
        """The first day of the occurrence in `year` (for one-off events: their own year)."""
        return date(self.year or year, self.month, self.day)

    def last_day(self, year: int) -> date:
        """The last day (inclusive) of the occurrence that starts in `year`."""
        return date(self.end_year or year + self.crosses_new_year, self.end_month, self.end_day)

    def starts_in(self, first: int, last: int) -> list[int]:
        """The years from `first` to `last` (inclusive) in which an occurrence starts."""
        if not self.yearly:
            return [self.year] if first <= self.year <= last else []
        return [year for year in range(max(first, self.since or first), last + 1)]

    def reminder_days(self, year: int) -> list[tuple[int, date]]:
        """(weeks, day) of each preparation reminder before the occurrence that starts in `year`."""
        start = self.first_day(year)
        return [(weeks, start - timedelta(weeks=weeks)) for weeks in self.prepare_weeks]


@dataclass(frozen=True)
class KeyDates:
    source: Path
    calendar: dict[str, Text]
    categories: dict[str, dict[str, str]]
    events: tuple[KeyDate, ...]
    # The years dates.json and the organiser reminders list: fixed in the file, never the clock.
    first_year: int = 2027
    last_year: int = 2030

    def in_year_order(self) -> list[KeyDate]:
        return sorted(self.events, key=lambda e: (e.month, e.day, e.year or 0, e.id))


# --- checks ----------------------------------------------------------------------------------


def load_dates(path: Path | str, *, page_exists: PageExists | None = None) -> KeyDates:
    """Read and check the dates file. `page_exists(page, lang) -> bool` checks each event's `page`
    (in the default language's folder, which every language falls back to).

    Raises DatesError for the first defect found.
    """
    path = Path(path)
    data = load_yaml(path, DatesError)
    if not isinstance(data, Mapping):
        raise DatesError(path, 1, "the file must be a mapping with the keys " + ", ".join(f"'{k}'" for k in sorted(TOP_KEYS)))
    _check_keys(path, data, TOP_KEYS, TOP_KEYS, None, "the file")
    calendar = {}
    for lang in LANGUAGES:
        texts = language_texts(data["calendar"], lang, CALENDAR_KEYS, path=path, item_id=None, error=DatesError)
        _check_texts(path, data["calendar"], lang, texts, CALENDAR_MAX_LENGTH, None)
        calendar[lang] = Text(texts["name"], texts["description"])
    categories = _categories(path, data["categories"])
    first_year, last_year = _years(path, data)
    default_weeks = _weeks(path, data, "prepare_weeks", None)
    events_data = data["events"]
    if not isinstance(events_data, list) or not events_data:
        raise DatesError(path, data.key_lines["events"], "'events' must be a non-empty list")
    events: list[KeyDate] = []
    seen: dict[str, int] = {}
    neutral: dict[str, str] = {}
    for entry in events_data:
        event = _event(path, entry, categories, page_exists, default_weeks)
        if event.id in seen:
            raise DatesError(path, event.line, f"duplicate id: already used on line {seen[event.id]}", event.id)
        if event.neutral_id in neutral:  # a digest collision: astronomically unlikely, but never silent
            raise DatesError(path, event.line, f"this id and '{neutral[event.neutral_id]}' give the same file name "
                             f"{event.neutral_id}: choose another id", event.id)
        seen[event.id] = event.line
        neutral[event.neutral_id] = event.id
        events.append(event)
    _check_language(path, events)
    return KeyDates(source=path, calendar=calendar, categories=categories, events=tuple(events),
                    first_year=first_year, last_year=last_year)


def _check_keys(path: Path, mapping: Mapping, allowed: set[str], required: set[str], event_id: str | None, what: str) -> None:
    check_keys(mapping, allowed, required, path=path, what=what, item_id=event_id, error=DatesError)


def _written(mapping: Mapping, key: str) -> str:
    """The value as the author typed it (YAML reads `0303` as 195 and `1:30` as 90)."""
    return mapping.sources.get(key, str(mapping[key]))


def _check_texts(path: Path, block: Mapping, lang: str, texts: dict[str, str], limits: dict[str, int],
                 event_id: str | None) -> None:
    """Length limits (the language of the texts: _check_language)."""
    lines = block[lang].key_lines
    for key, limit in limits.items():
        if len(texts[key]) > limit:
            raise DatesError(path, lines[key], f"'{lang}.{key}' is {len(texts[key])} characters long; "
                             f"at most {limit} are allowed: shorten it", event_id)


def _check_language(path: Path, events: list[KeyDate]) -> None:
    """Kyrgyz texts in Kyrgyz, Kazakh in Kazakh: the pages' rules (translations.script), each
    problem at its exact line and with the event it belongs to."""
    try:
        check_texts(path, texts_by_language(path, LANGUAGES, error=DatesError))
    except TranslationError as error:
        owner = next((e.id for e in reversed(events) if error.line and e.line <= error.line), None)
        raise DatesError(path, error.line, error.problem, owner) from None


def _years(path: Path, data: Mapping) -> tuple[int, int]:
    years = data["years"]
    line = data.key_lines["years"]
    if not isinstance(years, Mapping) or set(years) != {"first", "last"}:
        raise DatesError(path, line, "'years' must be written as {first: 2027, last: 2030}: the years that "
                         "dates.json and the organiser reminders list")
    first, last = years["first"], years["last"]
    if not all(isinstance(y, int) and not isinstance(y, bool) and 2000 <= y <= 2100 for y in (first, last)):
        raise DatesError(path, line, f"'years: {{first: {_written(years, 'first')}, last: {_written(years, 'last')}}}' "
                         "must be two years such as 2027 and 2030")
    if not 0 <= last - first < MAX_YEARS:
        raise DatesError(path, line, f"'years': 'last' must be from 'first' to {MAX_YEARS - 1} years after it")
    return first, last


def _weeks(path: Path, mapping: Mapping, key: str, event_id: str | None) -> tuple[int, ...]:
    weeks = mapping[key]
    if (not isinstance(weeks, list)
            or not all(isinstance(w, int) and not isinstance(w, bool) and 1 <= w <= MAX_WEEKS for w in weeks)
            or len(set(weeks)) != len(weeks)):
        raise DatesError(path, mapping.key_lines[key], f"'{key}: {_written(mapping, key)}' must be a list of "
                         f"different numbers of weeks from 1 to {MAX_WEEKS}, e.g. [3, 1] (or [] for no reminder)", event_id)
    return tuple(sorted(weeks, reverse=True))


def _categories(path: Path, data: Any) -> dict[str, dict[str, str]]:
    if not isinstance(data, Mapping) or not data:
        raise DatesError(path, None, "'categories' must be a mapping of category ids to names in each language")
    result = {}
    for cat_id, names in data.items():
        line = data.key_lines[cat_id]
        if not isinstance(cat_id, str) or not SLUG.match(cat_id):
            raise DatesError(path, line, f"malformed category id '{cat_id}' (use lowercase latin letters, digits, hyphens)")
        if not isinstance(names, Mapping):
            raise DatesError(path, line, f"category '{cat_id}' needs a name in {', '.join(LANGUAGES)}")
        _check_keys(path, names, set(LANGUAGES), set(LANGUAGES), None, f"category '{cat_id}'")
        for lang in LANGUAGES:
            if not isinstance(names[lang], str) or not names[lang].strip():
                raise DatesError(path, names.key_lines[lang], f"category '{cat_id}' has no {lang} name")
            if len(names[lang].strip()) > MAX_LENGTH["category"]:
                raise DatesError(path, names.key_lines[lang], f"the {lang} name of category '{cat_id}' is longer "
                                 f"than {MAX_LENGTH['category']} characters: shorten it")
        # white space collapsed, as in every text: a name is also a feed's NAME, written verbatim
        result[cat_id] = {lang: " ".join(names[lang].split()) for lang in LANGUAGES}
    return result


def _day(path: Path, entry: Mapping, key: str, event_id: str) -> tuple[int | None, int, int]:
    """Parse "MM-DD" (every year) or "YYYY-MM-DD" (once) into (year or None, month, day)."""
    value, line, written = entry[key], entry.key_lines[key], _written(entry, key)
    if isinstance(value, date):
        return value.year, value.month, value.day
    text = value if isinstance(value, str) else ""
    if match := YEARLY.match(text):
        year, month, day = None, int(match[1]), int(match[2])
    elif match := ONE_OFF.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        hint = ' (in quotes: without them YAML reads a number such as 0303 as something else)' if isinstance(value, int) else ""
        raise DatesError(path, line, f"'{key}: {written}' is not a date: write \"MM-DD\" (every year) or "
                         f"\"YYYY-MM-DD\" (once){hint}", event_id)
    try:
        date(year or LEAP_YEAR, month, day)
    except ValueError:
        raise DatesError(path, line, f"'{key}: {written}' is an impossible date", event_id) from None
    if year is None and (month, day) == (2, 29):
        raise DatesError(path, line, f"'{key}: {written}': 29 February does not come every year; give a full date", event_id)
    return year, month, day


def _updated(path: Path, entry: Mapping, event_id: str) -> date:
    value = entry["updated"]
    line = entry.key_lines["updated"]
    if isinstance(value, str) and ONE_OFF.match(value):
        raise DatesError(path, line, f"'updated: {value}' is an impossible date", event_id)
    if not isinstance(value, date) or value < FIRST_REVISION or value.year > 2100:
        raise DatesError(path, line, f"'updated: {_written(entry, 'updated')}' must be the day of this event's last "
                         f"change, written YYYY-MM-DD, not before {FIRST_REVISION.isoformat()}", event_id)
    return value


def _page(path: Path, entry: Mapping, event_id: str, page_exists: PageExists | None) -> str:
    page, line = entry["page"], entry.key_lines["page"]
    if not isinstance(page, str) or not page.endswith(".md"):
        raise DatesError(path, line, f"'page: {_written(entry, 'page')}' must be the path of a Markdown page, "
                         "e.g. swit/index.md", event_id)
    if page_exists is not None and not page_exists(page, DEFAULT_LANGUAGE):
        elsewhere = [lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE and page_exists(page, lang)]
        if elsewhere:
            where = ", ".join(f"docs/{lang}/{page}" for lang in elsewhere)
            raise DatesError(path, line, f"'page: {page}' is only in {where}, not in docs/{DEFAULT_LANGUAGE}/: "
                             f"every page starts in docs/{DEFAULT_LANGUAGE}/ (the other languages fall back to it); "
                             f"add docs/{DEFAULT_LANGUAGE}/{page} or link another page", event_id)
        raise DatesError(path, line, f"'page: {page}' does not exist in docs/{DEFAULT_LANGUAGE}/", event_id)
    return page


def _event(path: Path, entry: Any, categories: dict[str, dict[str, str]], page_exists: PageExists | None,
           default_weeks: tuple[int, ...]) -> KeyDate:
    if not isinstance(entry, Mapping):
        raise DatesError(path, None, "each item of 'events' must be a mapping (id, date, page, …)")
    raw_id = entry.get("id")
    event_id = raw_id if isinstance(raw_id, str) else None
    _check_keys(path, entry, EVENT_KEYS, REQUIRED_EVENT_KEYS, event_id, "the event")
    if not isinstance(raw_id, str) or not SLUG.match(raw_id):
        raise DatesError(path, entry.key_lines["id"], f"malformed id '{_written(entry, 'id')}': use lowercase latin "
                         "letters, digits and hyphens", event_id)
    lines = entry.key_lines
    year, month, day = _day(path, entry, "date", raw_id)
    end_year, end_month, end_day = year, month, day
    if "end" in entry:
        end_year, end_month, end_day = _day(path, entry, "end", raw_id)
        if (year is None) != (end_year is None):
            raise DatesError(path, lines["end"], "'end' must have the same form as 'date' (both MM-DD or both YYYY-MM-DD)", raw_id)
        # A yearly end earlier in the year than the date is in the next year (28 December – 3 January).
        if year is not None and (end_year, end_month, end_day) < (year, month, day):
            raise DatesError(path, lines["end"], f"'end: {_written(entry, 'end')}' is before "
                             f"'date: {_written(entry, 'date')}'", raw_id)
        first = date(year or 2027, month, day)  # 2027: any year that is not a leap year
        last = date(end_year or 2027 + ((end_month, end_day) < (month, day)), end_month, end_day)
        if (last - first).days + 1 > MAX_DAYS:
            ahead = " ('end' earlier in the year than 'date' is in the next year)" if last.year > first.year and year is None else ""
            raise DatesError(path, lines["end"], f"'date: {_written(entry, 'date')}' to 'end: {_written(entry, 'end')}' "
                             f"makes the event {(last - first).days + 1} days long{ahead}; at most {MAX_DAYS} are "
                             "allowed: check 'end'", raw_id)
    since = entry.get("since")
    if since is not None and (not isinstance(since, int) or isinstance(since, bool) or not 1800 <= since <= 2100):
        raise DatesError(path, lines["since"], f"'since: {_written(entry, 'since')}' must be a year such as 2001", raw_id)
    updated = _updated(path, entry, raw_id)
    weeks = _weeks(path, entry, "prepare_weeks", raw_id) if "prepare_weeks" in entry else default_weeks
    page = _page(path, entry, raw_id, page_exists)
    cats = entry["categories"]
    if not isinstance(cats, list) or not cats:
        raise DatesError(path, lines["categories"], "'categories' must be a non-empty list, e.g. [sex-work, rights]", raw_id)
    for cat in cats:
        if not isinstance(cat, str):
            raise DatesError(path, lines["categories"], f"'categories' must be a flat list of category ids, "
                             f"e.g. [sex-work, rights]; found {cat!r} inside it", raw_id)
        if cat not in categories:
            raise DatesError(path, lines["categories"], f"unknown category '{cat}' (known: {', '.join(sorted(categories))})", raw_id)
    if len(set(cats)) != len(cats):
        raise DatesError(path, lines["categories"], "a category appears twice in 'categories'", raw_id)
    texts = {}
    for lang in LANGUAGES:
        if lang not in entry:
            raise DatesError(path, entry.line, f"missing language '{lang}'", raw_id)
        block = language_texts(entry, lang, TEXT_KEYS, path=path, item_id=raw_id, error=DatesError)
        _check_texts(path, entry, lang, block, {k: MAX_LENGTH[k] for k in TEXT_KEYS}, raw_id)
        texts[lang] = Text(block["title"], block["description"])
    return KeyDate(
        id=raw_id, month=month, day=day, year=year, end_month=end_month, end_day=end_day,
        end_year=end_year, since=since, page=page, categories=tuple(cats), texts=texts,
        updated=updated, prepare_weeks=weeks, line=entry.line, key_lines=dict(lines),
    )
