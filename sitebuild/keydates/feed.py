"""Build RFC 5545 calendars from key dates: the subscription feed of each language, the
organiser feed (with preparation reminders), a feed per topic, and one file per event.

The same KeyDates and site URL always give the same bytes: nothing depends on the clock,
the machine or the icalendar version. Each event's DTSTAMP, LAST-MODIFIED and SEQUENCE come
from its `updated` revision in dates.yaml.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache

from icalendar import Alarm, Calendar, Event, vDDDTypes, vDuration, vRecur, vText

from sitebuild.keydates.load import KeyDate, KeyDates
from sitebuild.keydates.texts import LABELS, reminder_summary, when
from sitebuild.urls import absolute, page_path

PRODID = "-//Beregi sebya//Key dates//EN"
UID_DOMAIN = "key-dates.beregi-sebya"
# A yearly day starts its rule here (or in its `since` year, when that is later).
FIRST_YEAR = 2020
REFRESH = timedelta(days=1)
# The alarm of a downloaded event: 9:00 the day before (15 hours before the all-day start).
ALARM_BEFORE = timedelta(hours=15)


def uid(event: KeyDate, lang: str) -> str:
    """Stable across builds and machines; one per language, shared by feeds and download.

    Kept as first published (`<id>.<lang>@…`): a new UID would make every copy imported so far
    impossible to update, and subscribers would lose their own alerts on each event once.
    """
    return f"{event.id}.{lang}@{UID_DOMAIN}"


def reminder_uid(event: KeyDate, lang: str, year: int, weeks: int) -> str:
    """The preparation reminders are new: their UIDs say nothing about the event."""
    return f"{event.neutral_id}-{year}-{weeks}w.{lang}@{UID_DOMAIN}"


def _stamp(event: KeyDate) -> datetime:
    return datetime.combine(event.updated, time(0), tzinfo=timezone.utc)


def _revision(component: Event, event: KeyDate) -> None:
    """DTSTAMP, LAST-MODIFIED and SEQUENCE, all from the event's `updated` (RFC 5546: a later
    revision carries a higher SEQUENCE, so clients replace the copy they have)."""
    component.add("dtstamp", _stamp(event))
    component.add("last-modified", _stamp(event))
    component.add("sequence", event.sequence)


def _page_url(event: KeyDate, lang: str, site_url: str) -> str:
    return absolute(site_url, page_path(lang, event.page))


def _with_link(text: str, lang: str, url: str) -> str:
    """Google, Outlook and Android calendars do not show URL: the link ends the description too."""
    return f"{text}\n\n{LABELS[lang]['more']}: {url}"


def _event(dates: KeyDates, event: KeyDate, lang: str, site_url: str) -> Event:
    year = max(FIRST_YEAR, event.since or FIRST_YEAR)
    text = event.texts[lang]
    url = _page_url(event, lang, site_url)
    component = Event()
    component.add("uid", uid(event, lang))
    _revision(component, event)
    component.add("dtstart", event.first_day(year))
    component.add("dtend", event.last_day(year) + timedelta(days=1))
    if event.yearly:
        component.add("rrule", vRecur(freq="YEARLY"))
    component.add("summary", text.title, parameters={"LANGUAGE": lang})
    component.add("description", _with_link(text.description, lang, url), parameters={"LANGUAGE": lang})
    component.add("url", url)
    component.add("categories", [dates.categories[c][lang] for c in event.categories], parameters={"LANGUAGE": lang})
    component.add("transp", "TRANSPARENT")
    component.add("class", "PUBLIC")
    return component


def _reminder(dates: KeyDates, event: KeyDate, lang: str, url: str, year: int, weeks: int, day: date) -> Event:
    """An all-day preparation event `weeks` before the occurrence that starts in `year`."""
    component = Event()
    component.add("uid", reminder_uid(event, lang, year, weeks))
    _revision(component, event)
    component.add("dtstart", day)
    component.add("dtend", day + timedelta(days=1))
    _summary(component, event, lang, weeks)
    body = LABELS[lang]["reminder_description"].format(when=when(event, lang), title=event.texts[lang].title)
    component.add("description", _with_link(body, lang, url), parameters={"LANGUAGE": lang})
    component.add("url", url)
    component.add("categories", [dates.categories[c][lang] for c in event.categories], parameters={"LANGUAGE": lang})
    component.add("transp", "TRANSPARENT")
    component.add("class", "PUBLIC")
    return component


def _summary(component: Event, event: KeyDate, lang: str, weeks: int) -> Event:
    component.add("summary", reminder_summary(event, lang, weeks), parameters={"LANGUAGE": lang})
    return component


def _reminders(dates: KeyDates, event: KeyDate, lang: str, site_url: str) -> list[tuple[tuple[date, str], bytes]]:
    """The preparation reminders before each occurrence in the feeds' years (one per year and lead
    time, no recurrence rule: "3 weeks before 3 March" is not the same day every year), each as
    ((its start, its UID), its bytes). Serialising is the cost, and an event's reminders differ
    only in UID, DTSTART and DTEND, and from one lead time to another in SUMMARY: the first is
    serialised, each other lead time's SUMMARY on its own, and each reminder is these lines with
    its own UID, DTSTART and DTEND values put in (tests/test_key_dates.py compares every feed with
    icalendar's serialisation of each reminder)."""
    url = _page_url(event, lang, site_url)
    found, first = [], {}
    for year in event.starts_in(dates.first_year, dates.last_year):
        for weeks, day in event.reminder_days(year):
            uid_text = reminder_uid(event, lang, year, weeks)
            values = _dated_values(uid_text, day)
            if weeks not in first:
                first[weeks] = _template(first, event, lang, weeks) or _serialised(
                    _reminder(dates, event, lang, url, year, weeks, day), values)
            body = _with_values(*first[weeks], values)
            if body is None:  # not as expected: this reminder serialised on its own
                body = _reminder(dates, event, lang, url, year, weeks, day).to_ical()
            found.append(((day, uid_text), body))
    return found


# A reminder as lines, the values of its DATED properties and where they stand (None: not found).
Template = tuple[list[bytes], tuple[bytes, ...], list[int] | None]
DATED = (b"UID", b"DTSTART", b"DTEND")  # the properties of a reminder that change with its year
CRLF = b"\r\n"
# Where a content line ends: at a line break not followed by a folded line's leading space or tab.
LINE_END = re.compile(rb"(?<=\r\n)(?![ \t])")


def _serialised(component: Event, values: tuple[bytes, ...]) -> Template:
    lines = _lines(component)
    return lines, values, _places(lines, values)


def _template(first: dict[int, Template], event: KeyDate, lang: str, weeks: int) -> Template | None:
    """Another lead time's reminder: the event's first one with its own SUMMARY (None: none yet, or not as expected)."""
    lines, values, places = next(iter(first.values()), ([], (), None))
    summary, alone = _place(lines, b"SUMMARY"), _lines(_summary(Event(), event, lang, weeks)) if lines else []
    if places is None or summary is None or len(alone) != 3:
        return None
    return [*lines[:summary], alone[1], *lines[summary + 1:]], values, places


def _dated_values(uid_text: str, day: date) -> tuple[bytes, ...]:
    """The values of a reminder's UID, DTSTART and DTEND, as icalendar serialises them."""
    return vText(uid_text).to_ical(), _day_value(day), _day_value(day + timedelta(days=1))


@lru_cache(maxsize=4096)  # the same days in every language
def _day_value(day: date) -> bytes:
    return vDDDTypes(day).to_ical()


def _lines(component: Event) -> list[bytes]:
    """The component's content lines as icalendar serialises them, each with its folds and line break."""
    return LINE_END.split(component.to_ical())[:-1]


def _place(lines: list[bytes], name: bytes) -> int | None:
    """Where the one line of the property `name` stands (`NAME[;parameters]:value`, RFC 5545 §3.1)."""
    found = [i for i, line in enumerate(lines) if line.startswith(name) and line[len(name):len(name) + 1] in (b":", b";")]
    return found[0] if len(found) == 1 else None


def _places(lines: list[bytes], values: tuple[bytes, ...]) -> list[int] | None:
    """Where each DATED property stands in `lines`, if each is one unfolded line with its value `values`."""
    places = [_place(lines, name) for name in DATED]
    if any(i is None or not lines[i].endswith(b":" + value + CRLF) or CRLF + b" " in lines[i]
           for i, value in zip(places, values)):
        return None
    return places


def _with_values(lines: list[bytes], old: tuple[bytes, ...], places: list[int] | None, new: tuple[bytes, ...]) -> bytes | None:
    """The reminder `lines` with the values `old` of its DATED properties (at `places`) replaced by
    `new`; None where they are not in place or a value's length changes (a longer line may need a fold)."""
    if places is None or any(len(before) != len(after) for before, after in zip(old, new)):
        return None
    lines = lines.copy()
    for i, before, after in zip(places, old, new):
        lines[i] = lines[i][:-len(before + CRLF)] + after + CRLF
    return b"".join(lines)


def _alarm(lang: str) -> Alarm:
    """A neutral alert (it may show on a locked screen): the event's title is not in it."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", LABELS[lang]["alarm"])
    alarm.add("trigger", -ALARM_BEFORE)
    return alarm


def _head(dates: KeyDates, lang: str, *, name: str | None = None) -> Calendar:
    """A subscription's calendar properties (name, refresh hints); `name=None`: a one-event
    file, which carries none of them (Outlook would open it as a new calendar)."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    if name is None:
        return calendar
    info = dates.calendar[lang]
    calendar.add("method", "PUBLISH")
    calendar.add("name", vText(name), parameters={"LANGUAGE": lang})  # TEXT (RFC 7986): escaped like X-WR-CALNAME
    calendar.add("x-wr-calname", vText(name))
    calendar.add("description", info.description, parameters={"LANGUAGE": lang})
    calendar.add("x-wr-caldesc", vText(info.description))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


END = b"END:VCALENDAR\r\n"


def _join(head: Calendar, bodies: list[bytes]) -> bytes:
    return head.to_ical().removesuffix(END) + b"".join(bodies) + END


def organiser_name(dates: KeyDates, lang: str) -> str:
    return f"{dates.calendar[lang].title} — {LABELS[lang]['organiser_name']}"


def topic_name(dates: KeyDates, lang: str, category: str) -> str:
    return f"{dates.calendar[lang].title} — {dates.categories[category][lang]}"


def language_files(dates: KeyDates, lang: str, *, site_url: str) -> dict[str, bytes | dict[str, bytes]]:
    """Every calendar of one language, each event serialised once:
    {"feed": …, "organiser": …, "topics": {category: …}, "events": {event id: …}}."""
    order = dates.in_year_order()
    bodies = {e.id: _event(dates, e, lang, site_url).to_ical() for e in order}
    one_event_head = _head(dates, lang)
    reminders = sorted(r for e in order for r in _reminders(dates, e, lang, site_url))
    return {
        "feed": _join(_head(dates, lang, name=dates.calendar[lang].title), list(bodies.values())),
        "organiser": _join(_head(dates, lang, name=organiser_name(dates, lang)),
                           list(bodies.values()) + [body for _, body in reminders]),
        "topics": {
            category: _join(_head(dates, lang, name=topic_name(dates, lang, category)),
                            [bodies[e.id] for e in order if category in e.categories])
            for category in dates.categories
        },
        "events": {e.id: _with_alarm(_join(one_event_head, [bodies[e.id]]), lang) for e in order},
    }


def feed_bytes(dates: KeyDates, lang: str, *, site_url: str) -> bytes:
    """The subscription feed of one language, all events in year order."""
    head = _head(dates, lang, name=dates.calendar[lang].title)
    return _join(head, [_event(dates, e, lang, site_url).to_ical() for e in dates.in_year_order()])


def event_bytes(dates: KeyDates, event: KeyDate, lang: str, *, site_url: str) -> bytes:
    """A one-event file for "add to my calendar": the feed's event plus an alarm the day before,
    under a head without subscription properties and without METHOD (RFC 5545 §3.7.2: a plain
    snapshot; no client we know of needs METHOD:PUBLISH to import a file)."""
    return _with_alarm(_join(_head(dates, lang), [_event(dates, event, lang, site_url).to_ical()]), lang)


EVENT_END = b"END:VEVENT\r\n"


def _with_alarm(calendar: bytes, lang: str) -> bytes:
    """A one-event calendar with the alarm as the event's last component (as icalendar writes a
    subcomponent: after the event's properties): the event is serialised once, for the feeds."""
    event, end = calendar.removesuffix(END).rsplit(EVENT_END, 1)
    return event + _alarm(lang).to_ical() + EVENT_END + end + END
