"""Three independent iCalendar engines, each asked the same question: which (UID, first day,
exclusive end) occurrences start in a year? And what we expect, read straight from the YAML
(plain yaml.safe_load and date arithmetic, not the project's loader)."""

from __future__ import annotations

import hashlib
import json
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import recurring_ical_events
import vobject
import yaml
from icalendar import Calendar

from conftest import ROOT

Occurrence = tuple[str, str, str]  # UID, first day, day after the last (DTEND), ISO dates
ICALJS = Path(__file__).parent / "icaljs_expand.mjs"
DOMAIN = "key-dates.beregi-sebya"


def with_icalendar(data: bytes, year: int) -> set[Occurrence]:
    """icalendar parses, recurring-ical-events expands."""
    events = recurring_ical_events.of(Calendar.from_ical(data)).between(date(year, 1, 1), date(year + 1, 1, 1))
    return {(str(e["UID"]), e["DTSTART"].dt.isoformat(), e["DTEND"].dt.isoformat())
            for e in events if e["DTSTART"].dt.year == year}


def with_vobject(data: bytes, year: int) -> set[Occurrence]:
    """vobject parses, dateutil (through vobject's rruleset) expands."""
    found = set()
    for vevent in vobject.readOne(data.decode("utf-8")).vevent_list:
        start, end = vevent.dtstart.value, vevent.dtend.value
        if hasattr(vevent, "rrule"):
            starts = [d.date() for d in vevent.getrruleset(addRDate=True).between(
                datetime(year, 1, 1), datetime(year, 12, 31, 23, 59), inc=True)]
        else:
            starts = [start] if start.year == year else []
        found |= {(vevent.uid.value, s.isoformat(), (s + (end - start)).isoformat()) for s in starts}
    return found


def with_icaljs(paths: list[Path], year: int) -> dict[str, dict]:
    """Thunderbird's ical.js, in node: the parsed calendars, keyed by file path."""
    run = subprocess.run(["node", str(ICALJS), str(year), *map(str, paths)], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def icaljs_occurrences(parsed: dict) -> set[Occurrence]:
    return {(e["uid"], start, end) for e in parsed["events"] for start, end in e["occurrences"]}


def all_parsers(files: dict[str, bytes], year: int, tmp: Path) -> dict[str, dict[str, set[Occurrence]]]:
    """site path -> parser -> occurrences starting in `year`, for every file."""
    paths = {}
    for name, data in files.items():
        path = tmp / name.replace("/", "_")
        path.write_bytes(data)
        paths[name] = path
    icaljs = with_icaljs(list(paths.values()), year)
    return {name: {"icalendar": with_icalendar(data, year), "vobject": with_vobject(data, year),
                   "ical.js": icaljs_occurrences(icaljs[str(paths[name])])}
            for name, data in files.items()}


# --- what the YAML says ---------------------------------------------------------------------


def raw_yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _occurrence(event: dict, year: int) -> tuple[date, date] | None:
    """(first day, last day inclusive) of the occurrence starting in `year`, if there is one."""
    start, end = str(event["date"]), str(event.get("end", event["date"]))
    if len(start) == 10:
        first, last = date.fromisoformat(start), date.fromisoformat(end)
        return (first, last) if first.year == year else None
    if event.get("since") and event["since"] > year:
        return None
    first = date(year, int(start[:2]), int(start[3:]))
    last = date(year, int(end[:2]), int(end[3:]))
    if last < first:  # across New Year
        last = date(year + 1, last.month, last.day)
    return first, last


def expected(raw: dict, lang: str, year: int, *, category: str | None = None, event_id: str | None = None,
             reminders: bool = False) -> set[Occurrence]:
    found = set()
    for event in raw["events"]:
        if (category and category not in event["categories"]) or (event_id and event["id"] != event_id):
            continue
        if occurrence := _occurrence(event, year):
            found.add((f"{event['id']}.{lang}@{DOMAIN}", occurrence[0].isoformat(),
                       (occurrence[1] + timedelta(days=1)).isoformat()))
        if not reminders:
            continue
        neutral = hashlib.sha256(event["id"].encode()).hexdigest()[:8]
        for event_year in range(raw["years"]["first"], raw["years"]["last"] + 1):
            if occurrence := _occurrence(event, event_year):
                for weeks in event.get("prepare_weeks", raw["prepare_weeks"]):
                    day = occurrence[0] - timedelta(weeks=weeks)
                    if day.year == year:
                        found.add((f"{neutral}-{event_year}-{weeks}w.{lang}@{DOMAIN}", day.isoformat(),
                                   (day + timedelta(days=1)).isoformat()))
    return found
