"""calendar/dates.lock: the fingerprint of each event at its last revision (`updated`).

An event whose date, texts, page, categories or reminders changed while its `updated` stayed
the same would reach nobody who imported it (clients keep the copy with the same SEQUENCE), so
the build stops and names the field to move. `python -m sitebuild.keydates lock` records the
fingerprints after such a change (and refuses to record a change without a new `updated`).

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

from sitebuild.keydates.load import DatesError, KeyDate, KeyDates
from sitebuild.languages import LANGUAGES
from sitebuild.yaml_lines import Mapping, load_yaml

LOCK_COMMAND = "python -m sitebuild.keydates lock"
HEADER = (
    f"# Written by `{LOCK_COMMAND}`: do not edit by hand (see calendar/dates.yaml, «Изменения»).\n"
    "# For each event: its revision (updated) and a short fingerprint of each of its fields.\n"
)


def lock_path(dates_file: Path) -> Path:
    return dates_file.with_suffix(".lock")


def fingerprints(event: KeyDate) -> dict[str, str]:
    """Field -> a short digest of what the field gives the feeds (white space already collapsed)."""
    fields = {
        "date": [event.year, event.month, event.day, event.end_year, event.end_month, event.end_day, event.since],
        "page": event.page,
        "categories": list(event.categories),
        "prepare_weeks": list(event.prepare_weeks),
        **{lang: [event.texts[lang].title, event.texts[lang].description] for lang in LANGUAGES},
    }
    return {key: hashlib.sha256(json.dumps(value, ensure_ascii=False).encode("utf-8")).hexdigest()[:10]
            for key, value in fields.items()}


def lock_text(dates: KeyDates) -> str:
    """The lock file for these dates, in the order of dates.yaml (one line per event)."""
    lines = [HEADER]
    for event in dates.events:
        fields = ", ".join(f'{key}: "{value}"' for key, value in fingerprints(event).items())
        lines.append(f"{event.id}: {{updated: {event.updated.isoformat()}, {fields}}}\n")
    return "".join(lines)


def read_lock(path: Path) -> dict[str, tuple[date, dict[str, str]]]:
    try:
        data = load_yaml(path, DatesError)
    except DatesError as error:
        raise DatesError(path, error.line, f"{error.problem}: restore the lock from git, or run `{LOCK_COMMAND}`") from None
    if not isinstance(data, Mapping):
        raise DatesError(path, None, f"the lock is damaged: restore it from git, or run `{LOCK_COMMAND}`")
    lock = {}
    for event_id, entry in data.items():
        if (not isinstance(entry, Mapping) or not isinstance(entry.get("updated"), date)
                or not all(isinstance(v, str) for k, v in entry.items() if k != "updated")):
            raise DatesError(path, data.key_lines[event_id], f"the lock is damaged: restore it from git, or run `{LOCK_COMMAND}`")
        lock[event_id] = (entry["updated"], {k: v for k, v in entry.items() if k != "updated"})
    return lock


def check_lock(dates: KeyDates, path: Path) -> None:
    """Raise DatesError at the first event that changed without a later `updated` than the lock's."""
    if not path.is_file():
        raise DatesError(path, None, f"file not found: run `{LOCK_COMMAND}` to write it")
    lock = read_lock(path)
    for event in dates.events:
        line = event.key_lines.get("updated", event.line)
        if event.id not in lock:
            continue  # a new event: `lock` records it (tests/test_key_dates.py checks the lock is current)
        locked, prints = lock[event.id]
        if event.updated < locked:
            raise DatesError(dates.source, line, f"'updated: {event.updated.isoformat()}' is earlier than this event's "
                             f"last revision, {locked.isoformat()} (in {path.name}): a revision only moves forward", event.id)
        changed = [key for key, value in fingerprints(event).items() if prints.get(key) != value]
        if changed and event.updated == locked:
            fields = ", ".join(f"'{key}'" for key in changed)
            raise DatesError(dates.source, line, f"{fields} changed since the revision of {locked.isoformat()}, but "
                             f"'updated' did not: set 'updated:' to the day of this change (later than "
                             f"{locked.isoformat()}), then run `{LOCK_COMMAND}`", event.id)


def is_current(dates: KeyDates, path: Path) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == lock_text(dates)
