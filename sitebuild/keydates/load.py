"""Load calendar/dates.yaml and check every entry, reporting file, line, event id and problem.

Plain Python: no MkDocs import, so a command line or another site generator can call it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitebuild.yaml_lines import SLUG, Mapping, SourceError, check_keys, language_texts, load_yaml

from sitebuild.languages import LANGUAGES
YEARLY = re.compile(r"^(\d{2})-(\d{2})$")
ONE_OFF = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# 2000 is a leap year: "02-29" is a real date, refused separately for yearly events.
LEAP_YEAR = 2000

TOP_KEYS = {"calendar", "categories", "events"}
EVENT_KEYS = {"id", "date", "end", "since", "page", "categories", *LANGUAGES}
REQUIRED_EVENT_KEYS = EVENT_KEYS - {"end", "since"}
TEXT_KEYS = {"title", "description"}
CALENDAR_KEYS = {"name", "description"}


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
    line: int = 0

    @property
    def yearly(self) -> bool:
        return self.year is None

    @property
    def multi_day(self) -> bool:
        return (self.month, self.day) != (self.end_month, self.end_day) or self.year != self.end_year

    def first_day(self, year: int) -> date:
        """The first day of the occurrence in `year` (for one-off events: their own year)."""
        return date(self.year or year, self.month, self.day)

    def last_day(self, year: int) -> date:
        """The last day (inclusive) of the occurrence that starts in `year`."""
        return date(self.end_year or year, self.end_month, self.end_day)


@dataclass(frozen=True)
class KeyDates:
    source: Path
    calendar: dict[str, Text]
    categories: dict[str, dict[str, str]]
    events: tuple[KeyDate, ...]

    def in_year_order(self) -> list[KeyDate]:
        return sorted(self.events, key=lambda e: (e.month, e.day, e.year or 0, e.id))


# --- checks ----------------------------------------------------------------------------------


def load_dates(path: Path | str, *, page_exists: Any = None) -> KeyDates:
    """Read and check the dates file. `page_exists(page) -> bool` checks each event's `page`.

    Raises DatesError for the first defect found.
    """
    path = Path(path)
    data = load_yaml(path, DatesError)
    if not isinstance(data, Mapping):
        raise DatesError(path, 1, "the file must be a mapping with the keys 'calendar', 'categories' and 'events'")
    _check_keys(path, data, TOP_KEYS, TOP_KEYS, None, "the file")
    calendar = {lang: language_texts(data["calendar"], lang, CALENDAR_KEYS, path=path, item_id=None, error=DatesError)
                for lang in LANGUAGES}
    calendar = {lang: Text(t["name"], t["description"]) for lang, t in calendar.items()}
    categories = _categories(path, data["categories"])
    events_data = data["events"]
    if not isinstance(events_data, list) or not events_data:
        raise DatesError(path, data.key_lines["events"], "'events' must be a non-empty list")
    events: list[KeyDate] = []
    seen: dict[str, int] = {}
    for entry in events_data:
        event = _event(path, entry, categories, page_exists)
        if event.id in seen:
            raise DatesError(path, event.line, f"duplicate id: already used on line {seen[event.id]}", event.id)
        seen[event.id] = event.line
        events.append(event)
    return KeyDates(source=path, calendar=calendar, categories=categories, events=tuple(events))


def _check_keys(path: Path, mapping: Mapping, allowed: set[str], required: set[str], event_id: str | None, what: str) -> None:
    check_keys(mapping, allowed, required, path=path, what=what, item_id=event_id, error=DatesError)


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
        result[cat_id] = {lang: names[lang].strip() for lang in LANGUAGES}
    return result


def _day(path: Path, value: Any, line: int, event_id: str, key: str) -> tuple[int | None, int, int]:
    """Parse "MM-DD" (every year) or "YYYY-MM-DD" (once) into (year or None, month, day)."""
    if isinstance(value, date):
        return value.year, value.month, value.day
    text = str(value) if isinstance(value, (str, int)) else ""
    if match := YEARLY.match(text):
        year, month, day = None, int(match[1]), int(match[2])
    elif match := ONE_OFF.match(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise DatesError(path, line, f"'{key}: {value}' is not a date: write \"MM-DD\" (every year) or \"YYYY-MM-DD\" (once)", event_id)
    try:
        date(year or LEAP_YEAR, month, day)
    except ValueError:
        raise DatesError(path, line, f"'{key}: {value}' is an impossible date", event_id) from None
    if year is None and (month, day) == (2, 29):
        raise DatesError(path, line, f"'{key}: {value}': 29 February does not come every year; give a full date", event_id)
    return year, month, day


def _event(path: Path, entry: Any, categories: dict[str, dict[str, str]], page_exists: Any) -> KeyDate:
    if not isinstance(entry, Mapping):
        raise DatesError(path, None, "each item of 'events' must be a mapping (id, date, page, …)")
    raw_id = entry.get("id")
    event_id = raw_id if isinstance(raw_id, str) else None
    _check_keys(path, entry, EVENT_KEYS, REQUIRED_EVENT_KEYS, event_id, "the event")
    if not isinstance(raw_id, str) or not SLUG.match(raw_id):
        raise DatesError(path, entry.key_lines["id"], f"malformed id '{raw_id}': use lowercase latin letters, digits and hyphens", event_id)
    lines = entry.key_lines
    year, month, day = _day(path, entry["date"], lines["date"], raw_id, "date")
    end_year, end_month, end_day = year, month, day
    if "end" in entry:
        end_year, end_month, end_day = _day(path, entry["end"], lines["end"], raw_id, "end")
        if (year is None) != (end_year is None):
            raise DatesError(path, lines["end"], "'end' must have the same form as 'date' (both MM-DD or both YYYY-MM-DD)", raw_id)
        if (end_year or 0, end_month, end_day) < (year or 0, month, day):
            raise DatesError(path, lines["end"], f"'end: {entry['end']}' is before 'date: {entry['date']}'", raw_id)
    since = entry.get("since")
    if since is not None and (not isinstance(since, int) or isinstance(since, bool) or not 1800 <= since <= 2100):
        raise DatesError(path, lines["since"], f"'since: {since}' must be a year such as 2001", raw_id)
    page = entry["page"]
    if not isinstance(page, str) or not page.endswith(".md"):
        raise DatesError(path, lines["page"], f"'page: {page}' must be the path of a Markdown page, e.g. swit/index.md", raw_id)
    if page_exists is not None and not page_exists(page):
        raise DatesError(path, lines["page"], f"'page: {page}' does not exist in docs/", raw_id)
    cats = entry["categories"]
    if not isinstance(cats, list) or not cats:
        raise DatesError(path, lines["categories"], "'categories' must be a non-empty list, e.g. [sex-work, rights]", raw_id)
    for cat in cats:
        if cat not in categories:
            raise DatesError(path, lines["categories"], f"unknown category '{cat}' (known: {', '.join(sorted(categories))})", raw_id)
    texts = {}
    for lang in LANGUAGES:
        if lang not in entry:
            raise DatesError(path, entry.line, f"missing language '{lang}'", raw_id)
        block = language_texts(entry, lang, TEXT_KEYS, path=path, item_id=raw_id, error=DatesError)
        texts[lang] = Text(block["title"], block["description"])
    return KeyDate(
        id=raw_id, month=month, day=day, year=year, end_month=end_month, end_day=end_day,
        end_year=end_year, since=since, page=page, categories=tuple(cats), texts=texts, line=entry.line,
    )
