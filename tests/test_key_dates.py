"""Key dates: dates.yaml → feeds that real clients accept, byte-identical on every build."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from conftest import LANGUAGES, ROOT
from sitebuild.keydates.feed import event_bytes, feed_bytes
from sitebuild.keydates.load import KeyDates, load_dates

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden" / "ky.ics"
YEAR = 2027
SITE_URL = "https://example.org/"


def real_dates() -> KeyDates:
    return load_dates(ROOT / "calendar" / "dates.yaml", page_exists=lambda p: (ROOT / "docs" / "ru" / p).is_file())


def expected_days(dates: KeyDates, year: int) -> dict[str, date]:
    """id -> first day in `year`, straight from the YAML."""
    return {e.id: e.first_day(year) for e in dates.events if e.yearly or e.year == year}


def unfolded_lines(feed: bytes) -> list[str]:
    return feed.decode("utf-8").replace("\r\n ", "").split("\r\n")


# --- the data --------------------------------------------------------------------------------


def test_real_dates_file_holds_every_key_date_of_the_fact_sheet() -> None:
    dates = real_dates()
    days = {(e.month, e.day, e.end_month, e.end_day) for e in dates.events}
    fact_sheet = {(2, 13), (3, 1), (3, 3), (5, 17), (6, 2), (6, 26), (8, 31), (9, 14), (11, 20),
                  (11, 25), (12, 1), (12, 10), (12, 17)}
    assert {(m, d, m, d) for m, d in fact_sheet} <= days
    assert (11, 25, 12, 10) in days  # 16 Days of Activism
    assert len(dates.events) == 14


# --- golden file and determinism -------------------------------------------------------------


def test_feed_matches_golden_file() -> None:
    dates = load_dates(DATA / "dates.yaml")
    assert feed_bytes(dates, "ky", site_url=SITE_URL) == GOLDEN.read_bytes()


def test_feeds_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for n, tz in enumerate(["UTC", "Asia/Bishkek"]):
        out = tmp_path / str(n)
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": str(n + 1)}
        subprocess.run([sys.executable, "-m", "sitebuild.keydates", "feeds", "--out", str(out), "--site-url", SITE_URL],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*.ics"))})
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) == len(LANGUAGES) * (1 + len(real_dates().events))


def test_uids_do_not_change_when_texts_or_site_change(tmp_path: Path) -> None:
    source = (DATA / "dates.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "dates.yaml"
    changed.write_text(source.replace("Однодневный тренинг.", "Тренинг на весь день."), encoding="utf-8")
    uids = [
        [str(e["UID"]) for e in Calendar.from_ical(feed_bytes(load_dates(p), "ru", site_url=url)).walk("VEVENT")]
        for p, url in [(DATA / "dates.yaml", SITE_URL), (changed, "https://mirror.example.net/")]
    ]
    assert uids[0] == uids[1]
    assert len(set(uids[0])) == 3


# --- RFC 5545 shape --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_has_everything_clients_need(lang: str) -> None:
    dates = real_dates()
    feed = feed_bytes(dates, lang, site_url=SITE_URL)
    assert feed.endswith(b"\r\n") and b"\n" not in feed.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in feed.split(b"\r\n")), "a line is longer than 75 octets"
    for line in feed.split(b"\r\n"):
        line.decode("utf-8")  # folding never cuts a Cyrillic letter in half
    lines = unfolded_lines(feed)
    head = lines[: lines.index("BEGIN:VEVENT")]
    assert head[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    prodid = next(l for l in head if l.startswith("PRODID:"))
    assert not re.search(r"\d+\.\d+", prodid), "PRODID must not carry a library version"
    for prop in ("METHOD:PUBLISH", f"NAME;LANGUAGE={lang}:", "X-WR-CALNAME:", "X-WR-CALDESC:",
                 "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D"):
        assert any(l.startswith(prop) for l in head), prop
    events = Calendar.from_ical(feed).walk("VEVENT")
    assert len(events) == len(dates.events)
    for event, key_date in zip(events, dates.in_year_order()):
        text = event.to_ical().decode("utf-8").replace("\r\n ", "")
        assert f"UID:{key_date.id}.{lang}@" in text
        assert "DTSTAMP:20261101T000000Z" in text
        assert "DTSTART;VALUE=DATE:" in text and "DTEND;VALUE=DATE:" in text
        assert ("RRULE:FREQ=YEARLY" in text) == key_date.yearly
        assert f"SUMMARY;LANGUAGE={lang}:" in text and f"DESCRIPTION;LANGUAGE={lang}:" in text
        assert f"CATEGORIES;LANGUAGE={lang}:" in text
        assert "TRANSP:TRANSPARENT" in text
        assert str(event["SUMMARY"]) == key_date.texts[lang].title
        end = event.decoded("DTEND")
        assert (end - event.decoded("DTSTART")).days == (key_date.last_day(2020) - key_date.first_day(2020)).days + 1


def test_event_file_is_the_feed_event_alone() -> None:
    dates = real_dates()
    event = dates.events[0]
    single = Calendar.from_ical(event_bytes(dates, event, "kk", site_url=SITE_URL)).walk("VEVENT")
    in_feed = [e for e in Calendar.from_ical(feed_bytes(dates, "kk", site_url=SITE_URL)).walk("VEVENT")
               if e["UID"] == single[0]["UID"]]
    assert len(single) == 1 and single[0].to_ical() == in_feed[0].to_ical()


# --- independent parsers ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_vobject_parses_the_feed_and_its_rules_give_the_yaml_dates(lang: str) -> None:
    dates = real_dates()
    parsed = vobject.readOne(feed_bytes(dates, lang, site_url=SITE_URL).decode("utf-8"))
    got = {}
    for vevent in parsed.vevent_list:
        event_id = vevent.uid.value.split(".")[0]
        occurrences = vevent.getrruleset(addRDate=True).between(
            datetime(YEAR, 1, 1), datetime(YEAR, 12, 31, 23, 59), inc=True)
        days = [d.date() for d in occurrences]
        assert len(days) == 1, f"{event_id}: {days}"
        got[event_id] = days[0]
        assert vevent.summary.params["LANGUAGE"] == [lang]
    assert got == expected_days(dates, YEAR)


def test_ical_js_parses_every_feed_and_expands_the_yaml_dates(tmp_path: Path) -> None:
    dates = real_dates()
    paths = []
    for lang in LANGUAGES:
        path = tmp_path / f"{lang}.ics"
        path.write_bytes(feed_bytes(dates, lang, site_url=SITE_URL))
        paths.append(path)
    run = subprocess.run(["node", str(Path(__file__).parent / "icaljs_expand.mjs"), str(YEAR), *map(str, paths)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    parsed = json.loads(run.stdout)
    expected = {k: [v.isoformat()] for k, v in expected_days(dates, YEAR).items()}
    for lang, path in zip(LANGUAGES, paths):
        feed = parsed[str(path)]
        assert feed["method"] == "PUBLISH"
        assert feed["name"] == feed["calname"] == dates.calendar[lang].title
        got = {e["uid"].split(".")[0]: e["occurrences"] for e in feed["events"]}
        assert got == expected
        for event, key_date in zip(feed["events"], dates.in_year_order()):
            assert event["allDay"] and event["summaryLanguage"] == lang
            assert event["summary"] == key_date.texts[lang].title
            assert event["lengthDays"] == (key_date.last_day(YEAR) - key_date.first_day(YEAR)).days + 1
            assert event["url"].startswith(SITE_URL)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_files_of_a_build_equal_the_feed_and_event_serialisations(lang: str) -> None:
    from sitebuild.keydates.feed import language_files

    dates = real_dates()
    feed, events = language_files(dates, lang, site_url=SITE_URL)
    assert feed == feed_bytes(dates, lang, site_url=SITE_URL)
    assert events == {e.id: event_bytes(dates, e, lang, site_url=SITE_URL) for e in dates.events}
