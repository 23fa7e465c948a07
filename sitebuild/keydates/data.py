"""calendar/dates.json: every key date for an NGO's own site or bot, with plain YYYY-MM-DD days
(no time zone to get wrong) for the years dates.yaml names (never the build clock)."""

from __future__ import annotations

import json

from sitebuild.keydates.feed import organiser_name
from sitebuild.keydates.load import KeyDate, KeyDates
from sitebuild.languages import LANGUAGES
from sitebuild.urls import absolute, event_path, feed_path, organiser_path, page_path, topic_path

FORMAT = "key-dates/1"  # raised when a field changes meaning or disappears (new fields may appear)


def _rule(event: KeyDate, key: str) -> str:
    """The date as dates.yaml has it: "12-17" every year, "2027-03-15" once."""
    month, day = (event.month, event.day) if key == "date" else (event.end_month, event.end_day)
    year = event.year if key == "date" else event.end_year
    return f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"


def _event(dates: KeyDates, event: KeyDate, site_url: str) -> dict:
    return {
        "id": event.id,
        "repeats": "yearly" if event.yearly else "once",
        "date": _rule(event, "date"),
        "end": _rule(event, "end"),
        "since": event.since,
        "updated": event.updated.isoformat(),
        "sequence": event.sequence,
        "categories": list(event.categories),
        "prepare_weeks": list(event.prepare_weeks),
        "days": [{"start": event.first_day(year).isoformat(), "end": event.last_day(year).isoformat()}
                 for year in event.starts_in(dates.first_year, dates.last_year)],
        "texts": {
            lang: {
                "title": event.texts[lang].title,
                "description": event.texts[lang].description,
                "page": absolute(site_url, page_path(lang, event.page)),
                "ics": absolute(site_url, event_path(lang, event.neutral_id)),
            }
            for lang in LANGUAGES
        },
    }


def dates_json(dates: KeyDates, *, site_url: str) -> bytes:
    """The whole file: the same dates and URL give the same bytes."""
    data = {
        "format": FORMAT,
        "years": {"first": dates.first_year, "last": dates.last_year},
        "languages": list(LANGUAGES),
        "calendars": {
            lang: {
                "name": dates.calendar[lang].title,
                "feed": absolute(site_url, feed_path(lang)),
                "organiser": {"name": organiser_name(dates, lang), "feed": absolute(site_url, organiser_path(lang))},
                "topics": {c: absolute(site_url, topic_path(lang, c)) for c in dates.categories},
            }
            for lang in LANGUAGES
        },
        "categories": dates.categories,
        "events": [_event(dates, event, site_url) for event in dates.in_year_order()],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
