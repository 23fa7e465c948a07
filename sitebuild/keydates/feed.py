"""Build RFC 5545 feeds from key dates: one calendar per language, one file per event.

The same KeyDates and site URL always give the same bytes: nothing depends on the clock,
the machine or the icalendar version.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from icalendar import Calendar, Event, vDuration, vRecur, vText

from sitebuild.keydates.load import KeyDate, KeyDates
from sitebuild.urls import absolute, page_path

PRODID = "-//Beregi sebya//Key dates//RU"
UID_DOMAIN = "key-dates.beregi-sebya"
# DTSTAMP must not follow the build clock (feeds would change on every build). Subscribed
# clients reload the whole feed; this fixed stamp marks the feed format's first publication.
DTSTAMP = datetime(2026, 11, 1, tzinfo=timezone.utc)
# A yearly day starts its rule here (or in its `since` year, when that is later).
FIRST_YEAR = 2020
REFRESH = timedelta(days=1)


def uid(event: KeyDate, lang: str) -> str:
    """Stable across builds and machines; one per language, shared by feed and download."""
    return f"{event.id}.{lang}@{UID_DOMAIN}"


def _event(dates: KeyDates, event: KeyDate, lang: str, site_url: str) -> Event:
    year = max(FIRST_YEAR, event.since or FIRST_YEAR)
    text = event.texts[lang]
    component = Event()
    component.add("uid", uid(event, lang))
    component.add("dtstamp", DTSTAMP)
    component.add("dtstart", event.first_day(year))
    component.add("dtend", event.last_day(year) + timedelta(days=1))
    if event.yearly:
        component.add("rrule", vRecur(freq="YEARLY"))
    component.add("summary", text.title, parameters={"LANGUAGE": lang})
    component.add("description", text.description, parameters={"LANGUAGE": lang})
    component.add("url", absolute(site_url, page_path(lang, event.page)))
    component.add("categories", [dates.categories[c][lang] for c in event.categories], parameters={"LANGUAGE": lang})
    component.add("transp", "TRANSPARENT")
    component.add("class", "PUBLIC")
    return component


def _calendar(dates: KeyDates, lang: str, events: list[KeyDate], site_url: str) -> Calendar:
    info = dates.calendar[lang]
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", info.title, parameters={"LANGUAGE": lang})
    calendar.add("x-wr-calname", vText(info.title))
    calendar.add("description", info.description, parameters={"LANGUAGE": lang})
    calendar.add("x-wr-caldesc", vText(info.description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    for event in events:
        calendar.add_component(_event(dates, event, lang, site_url))
    return calendar


END = b"END:VCALENDAR\r\n"


def language_files(dates: KeyDates, lang: str, *, site_url: str) -> tuple[bytes, dict[str, bytes]]:
    """The feed of one language and each event's own file, every event serialised once.

    A calendar serialises as its own lines, then its events, then END:VCALENDAR; the feed and
    the one-event files share the calendar's lines and each event's bytes.
    """
    head = _calendar(dates, lang, [], site_url).to_ical().removesuffix(END)
    events = {e.id: _event(dates, e, lang, site_url).to_ical() for e in dates.in_year_order()}
    feed = head + b"".join(events.values()) + END
    return feed, {event_id: head + body + END for event_id, body in events.items()}


def feed_bytes(dates: KeyDates, lang: str, *, site_url: str) -> bytes:
    """The subscription feed of one language, all events in year order."""
    return _calendar(dates, lang, dates.in_year_order(), site_url).to_ical()


def event_bytes(dates: KeyDates, event: KeyDate, lang: str, *, site_url: str) -> bytes:
    """A one-event calendar for an "add to my calendar" link."""
    return _calendar(dates, lang, [event], site_url).to_ical()
