"""Key dates: dates.yaml → feeds that real clients accept, byte-identical on every build;
single-event files that import as one day; dates.json; the embeddable list; the QR code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from conftest import LANGUAGES, ROOT
from sitebuild.keydates.data import dates_json
from sitebuild.keydates.embed import embed_html
from sitebuild.keydates import feed
from sitebuild.keydates.feed import event_bytes, feed_bytes, language_files
from sitebuild.keydates.files import feed_files
from sitebuild.keydates.load import KeyDates, load_dates

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
SITE_URL = "https://example.org/"
SUBSCRIPTION_PROPERTIES = ("METHOD", "NAME", "X-WR-CALNAME", "X-WR-CALDESC", "REFRESH-INTERVAL", "X-PUBLISHED-TTL")


def real_dates() -> KeyDates:
    return load_dates(ROOT / "calendar" / "dates.yaml",
                      page_exists=lambda p, lang: (ROOT / "docs" / lang / p).is_file())


def unfolded_lines(feed: bytes) -> list[str]:
    return feed.decode("utf-8").replace("\r\n ", "").split("\r\n")


def head_of(feed: bytes) -> list[str]:
    lines = unfolded_lines(feed)
    return lines[: lines.index("BEGIN:VEVENT")]


# --- the data --------------------------------------------------------------------------------


def test_real_dates_file_holds_every_key_date_of_the_fact_sheet() -> None:
    dates = real_dates()
    days = {(e.month, e.day, e.end_month, e.end_day) for e in dates.events}
    fact_sheet = {(2, 13), (3, 1), (3, 3), (5, 17), (6, 2), (6, 26), (8, 31), (9, 14), (11, 20),
                  (11, 25), (12, 1), (12, 10), (12, 17)}
    assert {(m, d, m, d) for m, d in fact_sheet} <= days
    assert (11, 25, 12, 10) in days  # 16 Days of Activism
    assert len(dates.events) == 14


# --- golden files and determinism ------------------------------------------------------------


@pytest.mark.parametrize("name", ["ky.ics", "ky/organiser.ics", "ky/16d6214e.ics", "dates.json"])
def test_files_match_golden_files(name: str) -> None:
    """To accept a deliberate change: python -m sitebuild.keydates feeds tests/data/dates.yaml
    --site-url https://example.org/ --out /tmp/x, then copy the file into tests/data/golden/."""
    files = feed_files(load_dates(DATA / "dates.yaml"), site_url=SITE_URL)
    golden = GOLDEN / name.replace("/", "-")
    assert files[f"calendar/{name}"] == golden.read_bytes(), golden


def test_calendar_files_are_byte_identical_across_processes(tmp_path: Path) -> None:
    outputs = []
    for n, tz in enumerate(["UTC", "Asia/Bishkek"]):
        out = tmp_path / str(n)
        env = {**os.environ, "TZ": tz, "PYTHONHASHSEED": str(n + 1)}
        subprocess.run([sys.executable, "-m", "sitebuild.keydates", "feeds", "--out", str(out), "--site-url", SITE_URL],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        outputs.append({p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    dates = real_dates()
    per_language = 1 + 1 + len(dates.categories) + len(dates.events) + 2  # feed, organiser, topics, events, QR, embed
    assert len(outputs[0]) == len(LANGUAGES) * per_language + 2  # dates.json, embed.css


def test_uids_do_not_change_when_texts_or_site_change(tmp_path: Path) -> None:
    source = (DATA / "dates.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "dates.yaml"
    changed.write_text(source.replace("Однодневный тренинг.", "Тренинг на весь день."), encoding="utf-8")
    uids = [
        [str(e["UID"]) for e in Calendar.from_ical(feed_bytes(load_dates(p), "ru", site_url=url)).walk("VEVENT")]
        for p, url in [(DATA / "dates.yaml", SITE_URL), (changed, "https://mirror.example.net/")]
    ]
    assert uids[0] == uids[1]
    assert len(set(uids[0])) == 4
    # as first published (calendar-clients review, §2): imported copies stay updatable
    assert "end-violence-against-sex-workers.ru@key-dates.beregi-sebya" in uids[0]


def plain_organiser(dates: KeyDates, lang: str) -> bytes:
    """The organiser feed as icalendar serialises it, each reminder on its own."""
    url = feed._page_url
    reminders = sorted(
        (day, feed.reminder_uid(e, lang, year, weeks),
         feed._reminder(dates, e, lang, url(e, lang, SITE_URL), year, weeks, day).to_ical())
        for e in dates.events for year in e.starts_in(dates.first_year, dates.last_year)
        for weeks, day in e.reminder_days(year))
    head = feed._head(dates, lang, name=feed.organiser_name(dates, lang))
    bodies = [feed._event(dates, e, lang, SITE_URL).to_ical() for e in dates.in_year_order()]
    return feed._join(head, bodies + [body for *_, body in reminders])


@pytest.mark.parametrize("dates_file", [ROOT / "calendar" / "dates.yaml", DATA / "dates.yaml"])
def test_organiser_feed_is_icalendars_serialisation_of_each_reminder(dates_file: Path, tmp_path: Path) -> None:
    """The reminders of other years are the first year's lines with new UID, DTSTART and DTEND
    values: byte for byte what icalendar writes for each, also for long lines that fold."""
    hostile = tmp_path / "dates.yaml"
    prefix = r"Заголовок: с «;», «,» и «\\» — UID:20271125 "  # in YAML quotes: one backslash
    text = dates_file.read_text(encoding="utf-8")
    text = re.sub(r'title: "([^"]*)"', lambda m: f'title: "{prefix}{m[1]}"', text)  # calendar/dates.yaml
    text = re.sub(r'(?m)^(\s+title: )([^"\n]+)$', lambda m: f'{m[1]}"{prefix}{m[2]}"', text)  # tests/data
    hostile.write_text(text, encoding="utf-8")
    assert text.count(prefix) >= 3
    for path in (dates_file, hostile):
        dates = load_dates(path, page_exists=lambda p, lang: (ROOT / "docs" / lang / p).is_file())
        assert sum(len(e.starts_in(dates.first_year, dates.last_year)) > 1 and bool(e.prepare_weeks)
                   for e in dates.events), "no reminder repeats over the years"
        for lang in LANGUAGES:
            assert language_files(dates, lang, site_url=SITE_URL)["organiser"] == plain_organiser(dates, lang)


def test_reminder_lines_not_as_expected_are_left_to_icalendar() -> None:
    old, new = (b"a.ru@x", b"20270101", b"20270102"), (b"b.ru@x", b"20280101", b"20280102")
    lines = [b"BEGIN:VEVENT\r\n", b"DTSTART;VALUE=DATE:20270101\r\n", b"DTEND;VALUE=DATE:20270102\r\n",
             b"UID:a.ru@x\r\n", b"END:VEVENT\r\n"]
    assert feed._places(lines, old) == [3, 1, 2]
    assert feed._with_values(lines, old, [3, 1, 2], new) == (b"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20280101\r\n"
                                                           b"DTEND;VALUE=DATE:20280102\r\nUID:b.ru@x\r\nEND:VEVENT\r\n")
    assert feed._with_values(lines, old, [3, 1, 2], (b"bb.ru@x", *new[1:])) is None  # a longer line might fold
    assert feed._with_values(lines, old, None, new) is None
    for changed in ([*lines[:3], b"UID:a.ru\r\n @x\r\n", lines[4]],  # folded
                    [*lines[:3], b"XUID:a.ru@x\r\n", lines[4]],  # another property
                    [*lines[:3], b"UID:c.ru@x\r\n", lines[4]],  # another value
                    [*lines, b"UID:a.ru@x\r\n"]):  # twice
        assert feed._places(changed, old) is None
    assert feed._place([*lines, b"SUMMARY:a\r\n"], b"SUMMARY") == 5
    assert feed._place([*lines, b"SUMMARY:a\r\n", b"SUMMARY:b\r\n"], b"SUMMARY") is None


# --- RFC 5545 shape --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feeds_have_everything_subscribing_clients_need(lang: str) -> None:
    dates = real_dates()
    calendars = language_files(dates, lang, site_url=SITE_URL)
    for feed in [calendars["feed"], calendars["organiser"], *calendars["topics"].values()]:
        assert feed.endswith(b"\r\n") and b"\n" not in feed.replace(b"\r\n", b"")
        assert all(len(line) <= 75 for line in feed.split(b"\r\n")), "a line is longer than 75 octets"
        for line in feed.split(b"\r\n"):
            line.decode("utf-8")  # folding never cuts a Cyrillic letter in half
        head = head_of(feed)
        assert head[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
        prodid = next(l for l in head if l.startswith("PRODID:"))
        assert not re.search(r"\d+\.\d+", prodid), "PRODID must not carry a library version"
        for prop in ("METHOD:PUBLISH", f"NAME;LANGUAGE={lang}:", "X-WR-CALNAME:", "X-WR-CALDESC:",
                     "REFRESH-INTERVAL;VALUE=DURATION:P1D", "X-PUBLISHED-TTL:P1D"):
            assert any(l.startswith(prop) for l in head), prop
    names = {str(Calendar.from_ical(f)["NAME"]) for f in [calendars["feed"], calendars["organiser"],
                                                            *calendars["topics"].values()]}
    assert len(names) == 2 + len(dates.categories), "each feed needs its own name in the list of calendars"
    events = Calendar.from_ical(calendars["feed"]).walk("VEVENT")
    assert len(events) == len(dates.events)
    for event, key_date in zip(events, dates.in_year_order()):
        text = event.to_ical().decode("utf-8").replace("\r\n ", "")
        assert f"UID:{key_date.id}.{lang}@" in text
        assert "DTSTART;VALUE=DATE:" in text and "DTEND;VALUE=DATE:" in text
        assert ("RRULE:FREQ=YEARLY" in text) == key_date.yearly
        assert f"SUMMARY;LANGUAGE={lang}:" in text and f"DESCRIPTION;LANGUAGE={lang}:" in text
        assert f"CATEGORIES;LANGUAGE={lang}:" in text
        assert "TRANSP:TRANSPARENT" in text and "BEGIN:VALARM" not in text
        assert str(event["SUMMARY"]) == key_date.texts[lang].title
        end = event.decoded("DTEND")
        assert (end - event.decoded("DTSTART")).days == (key_date.last_day(2020) - key_date.first_day(2020)).days + 1


def test_revision_gives_dtstamp_last_modified_and_sequence(tmp_path: Path) -> None:
    source = (DATA / "dates.yaml").read_text(encoding="utf-8")
    dates = load_dates(DATA / "dates.yaml")
    event = Calendar.from_ical(feed_bytes(dates, "ru", site_url=SITE_URL)).walk("VEVENT")[0]
    text = event.to_ical().decode()
    assert "DTSTAMP:20261201T000000Z" in text and "LAST-MODIFIED:20261201T000000Z" in text
    assert event["SEQUENCE"] == 30  # days from 2026-11-01, the feeds' first publication
    later = tmp_path / "dates.yaml"
    later.write_text(source.replace("updated: 2026-12-01", "updated: 2027-01-15", 1), encoding="utf-8")
    event = Calendar.from_ical(feed_bytes(load_dates(later), "ru", site_url=SITE_URL)).walk("VEVENT")
    changed = [e for e in event if e["UID"].startswith("end-violence")][0]
    assert changed["SEQUENCE"] == 75 and changed.decoded("LAST-MODIFIED").date() == date(2027, 1, 15)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_event_files_import_as_one_day_with_a_link_back_and_an_alarm(lang: str) -> None:
    dates = real_dates()
    calendars = language_files(dates, lang, site_url=SITE_URL)
    files = feed_files(dates, site_url=SITE_URL, languages=(lang,))
    for key_date in dates.events:
        name = f"calendar/{lang}/{key_date.neutral_id}.ics"
        assert re.fullmatch(rf"calendar/{lang}/[0-9a-f]{{8}}\.ics", name)
        data = files[name]
        assert data == calendars["events"][key_date.id] == event_bytes(dates, key_date, lang, site_url=SITE_URL)
        head = head_of(data)
        assert head == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Beregi sebya//Key dates//EN", "CALSCALE:GREGORIAN"]
        for prop in SUBSCRIPTION_PROPERTIES:
            assert not any(l.startswith(prop + ":") or l.startswith(prop + ";") for l in head), prop
        (event,) = Calendar.from_ical(data).walk("VEVENT")
        page_url = str(event["URL"])
        assert page_url.startswith(SITE_URL) and str(event["DESCRIPTION"]).endswith("\n\n" + page_url.join(
            [{"ru": "Подробнее: ", "ky": "Кененирээк: ", "kk": "Толығырақ: "}[lang], ""]))
        (alarm,) = event.walk("VALARM")
        assert alarm["ACTION"] == "DISPLAY" and alarm.decoded("TRIGGER").total_seconds() == -15 * 3600
        assert key_date.texts[lang].title not in str(alarm["DESCRIPTION"]), "an alert on a locked screen names the day"
        body = re.sub(rb"BEGIN:VALARM\r\n.*?END:VALARM\r\n", b"", data, flags=re.S)
        vevent = body[body.index(b"BEGIN:VEVENT"):body.index(b"END:VEVENT") + 12]
        assert vevent in calendars["feed"], "the file's event is the feed's event (plus the alarm)"


def test_file_names_and_new_uids_say_nothing_about_the_event() -> None:
    dates = real_dates()
    files = feed_files(dates, site_url=SITE_URL)
    words = {w for e in dates.events for w in e.id.split("-") if len(w) > 3}
    for name in files:
        if name.count("/") == 2 and name.endswith(".ics"):
            assert not any(w in name for w in words), name
    organiser = Calendar.from_ical(files["calendar/ru/organiser.ics"]).walk("VEVENT")
    reminders = [str(e["UID"]) for e in organiser if "RRULE" not in e and str(e["UID"])[8] == "-"]
    assert len(reminders) > len(dates.events)
    assert not any(w in uid for uid in reminders for w in words)


# --- dates.json, the embeddable list, the QR code --------------------------------------------


def test_dates_json_lists_plain_days_of_the_fixed_years_with_texts_and_urls() -> None:
    dates = real_dates()
    data = json.loads(dates_json(dates, site_url=SITE_URL))
    assert data["years"] == {"first": 2027, "last": 2030} and data["languages"] == list(LANGUAGES)
    assert len(data["events"]) == len(dates.events)
    by_id = {e["id"]: e for e in data["events"]}
    sixteen = by_id["sixteen-days-against-gender-based-violence"]
    assert sixteen["days"][:2] == [{"start": "2027-11-25", "end": "2027-12-10"}, {"start": "2028-11-25", "end": "2028-12-10"}]
    assert [d["start"] for d in by_id["end-violence-against-sex-workers"]["days"]] == [f"{y}-12-17" for y in range(2027, 2031)]
    for event in data["events"]:
        assert event["repeats"] in ("yearly", "once") and event["updated"] == "2026-12-01" and event["sequence"] == 30
        for lang in LANGUAGES:
            texts = event["texts"][lang]
            assert texts["title"] and texts["description"]
            assert texts["page"].startswith(SITE_URL) and re.fullmatch(rf"{SITE_URL}calendar/{lang}/[0-9a-f]{{8}}\.ics", texts["ics"])
        for day in event["days"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\d", day["start"]) and day["start"] <= day["end"]
    assert data["calendars"]["ky"]["organiser"]["feed"] == f"{SITE_URL}calendar/ky/organiser.ics"


def test_dates_json_does_not_follow_the_clock(tmp_path: Path) -> None:
    """Same sources, any day: faketime-free check that no 'today' enters (the years are data)."""
    source = (ROOT / "calendar" / "dates.yaml").read_text(encoding="utf-8")
    moved = tmp_path / "dates.yaml"
    moved.write_text(source.replace("years: {first: 2027, last: 2030}", "years: {first: 2031, last: 2032}"), encoding="utf-8")
    data = json.loads(dates_json(load_dates(moved), site_url=SITE_URL))
    assert {d["start"][:4] for e in data["events"] for d in e["days"]} == {"2031", "2032"}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_embeddable_list_has_no_script_and_nothing_from_another_host(lang: str) -> None:
    dates = real_dates()
    html = embed_html(dates, lang).decode("utf-8")
    assert f'<html lang="{lang}">' in html and "default-src 'none'" in html
    assert "<script" not in html and "style=" not in html and "<style" not in html and " on" not in re.sub(r">[^<]*<", "><", html)
    assert not re.search(r'(src|href)="(https?:)?//', html), "a link or resource on another host"
    assert html.count("<li>") == len(dates.events)
    for event in dates.events:
        assert event.texts[lang].title.replace('"', "&quot;") in html


@pytest.mark.parametrize("lang", LANGUAGES)
def test_qr_code_is_a_plain_svg_of_the_feed_url(lang: str) -> None:
    import segno

    files = feed_files(real_dates(), site_url=SITE_URL, languages=(lang,))
    svg = files[f"calendar/{lang}/qr.svg"]
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert not any("style" in element.attrib for element in root.iter()), "inline style (the CSP blocks it)"
    title = root.find("{http://www.w3.org/2000/svg}title").text
    assert "QR" in title
    # the dark modules drawn are those of a QR code of the feed URL
    code = segno.make(f"{SITE_URL}calendar/{lang}.ics", error="m", micro=False)
    path = next(e for e in root.iter() if e.get("stroke") == "#000").get("d")
    dark = sum(int(run) for run in re.findall(r"h(\d+)", path))
    assert dark == sum(sum(row) for row in code.matrix)


def test_a_comma_or_semicolon_in_a_category_name_is_escaped_in_name(tmp_path: Path) -> None:
    """NAME is TEXT (RFC 7986 §5.1): ',', ';' and '\\' are escaped in it as in X-WR-CALNAME, so a
    client reads the topic feed's name as written, not cut at the comma."""
    source = (DATA / "dates.yaml").read_text(encoding="utf-8")
    edited = tmp_path / "dates.yaml"
    edited.write_text(source.replace("violence: {ru: Насилие,", 'violence: {ru: "Насилие, угрозы; защита",'), encoding="utf-8")
    files = language_files(load_dates(edited), "ru", site_url=SITE_URL)
    lines = files["topics"]["violence"].replace(b"\r\n ", b"").split(b"\r\n")
    for prop in (b"NAME;LANGUAGE=ru:", b"X-WR-CALNAME:"):
        value = next(line for line in lines if line.startswith(prop))[len(prop):].decode("utf-8")
        assert value.endswith("Насилие\\, угрозы\\; защита"), value
        assert re.sub(r"\\(.)", r"\1", value).endswith("Насилие, угрозы; защита")  # RFC 5545 §3.3.11 read back


def test_a_line_break_in_a_category_name_gives_valid_feeds(tmp_path: Path) -> None:
    """A category's name is also a topic feed's NAME: its white space is collapsed like every text's,
    so a line break typed into it (a block scalar) makes no broken content line and no traceback."""
    source = (DATA / "dates.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "dates.yaml"
    broken.write_text(source.replace("violence: {ru: Насилие,", 'violence: {ru: "Насилие\\nи угрозы",'), encoding="utf-8")
    dates = load_dates(broken)
    assert dates.categories["violence"]["ru"] == "Насилие и угрозы"
    files = language_files(dates, "ru", site_url=SITE_URL)
    topic = Calendar.from_ical(files["topics"]["violence"])
    assert str(topic["NAME"]).endswith("Насилие и угрозы")
    for body in [files["feed"], files["organiser"], *files["topics"].values()]:
        assert all(line[:1] == b" " or b":" in line for line in body.split(b"\r\n")[:-1])
