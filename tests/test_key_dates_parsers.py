"""Every calendar file the build writes (subscription, organiser and topic feeds, one-event
files), in every language, read by three independent engines: icalendar + recurring-ical-events,
vobject (dateutil), and Thunderbird's ical.js. Each must give, for 2027 and 2028, exactly the
occurrences the YAML says, with the 16 days, the reminders and the event across New Year."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from ical_parsers import all_parsers, expected, raw_yaml
from sitebuild.keydates.files import feed_files
from sitebuild.keydates.load import load_dates

SITE_URL = "https://example.org/"
SOURCES = {"real": ROOT / "calendar" / "dates.yaml", "fixture": Path(__file__).parent / "data" / "dates.yaml"}


def calendars(source: Path) -> tuple[dict[str, bytes], dict[str, dict]]:
    """The .ics files of a build of `source`, and what each should hold."""
    dates = load_dates(source)
    by_neutral = {e.neutral_id: e.id for e in dates.events}
    files, kinds = {}, {}
    for name, data in feed_files(dates, site_url=SITE_URL).items():
        if not name.endswith(".ics"):
            continue
        parts = name.removeprefix("calendar/").removesuffix(".ics").split("/")
        lang = parts[0]
        if len(parts) == 1:
            kind = {}
        elif parts[1] == "organiser":
            kind = {"reminders": True}
        elif parts[1] == "topics":
            kind = {"category": parts[2]}
        else:
            kind = {"event_id": by_neutral[parts[1]]}
        files[name] = data
        kinds[name] = {"lang": lang, **kind}
    return files, kinds


@pytest.mark.parametrize("year", [2027, 2028])
@pytest.mark.parametrize("source", SOURCES, ids=list(SOURCES))
def test_every_file_gives_the_yaml_occurrences_in_three_engines(tmp_path: Path, source: str, year: int) -> None:
    files, kinds = calendars(SOURCES[source])
    raw = raw_yaml(SOURCES[source])
    categories = len(raw["categories"])
    assert len(files) == len(LANGUAGES) * (2 + categories + len(raw["events"]))
    results = all_parsers(files, year, tmp_path)
    empty = [name for name in results if not expected(raw, year=year, **kinds[name])]
    assert len(empty) <= len(LANGUAGES), f"nothing expected in {year} from {empty}: the test would prove little"
    for name, by_parser in results.items():
        want = expected(raw, year=year, **kinds[name])
        for parser, got in by_parser.items():
            assert got == want, f"{name} read by {parser} in {year}: missing {want - got}, extra {got - want}"


@pytest.mark.parametrize(("year", "days"), [
    (2027, ["2027-11-05", "2027-11-26", "2027-12-10", "2027-12-17"]),
    (2028, ["2028-11-05", "2028-11-26", "2028-12-10", "2028-12-17"]),
])
def test_organiser_feed_prepares_17_december_6_3_and_1_weeks_ahead(tmp_path: Path, year: int, days: list[str]) -> None:
    files, _ = calendars(SOURCES["real"])
    neutral = hashlib.sha256(b"end-violence-against-sex-workers").hexdigest()[:8]
    for lang in LANGUAGES:
        results = all_parsers({"o": files[f"calendar/{lang}/organiser.ics"]}, year, tmp_path)["o"]
        for parser, got in results.items():
            mine = sorted(start for uid, start, _ in got
                          if uid.startswith((f"{neutral}-{year}-", "end-violence-against-sex-workers.")))
            assert mine == days, (lang, parser, mine)


@pytest.mark.parametrize(("year", "reminder"), [(2027, "2027-02-10"), (2028, "2028-02-11")])
def test_a_reminder_before_march_counts_29_february(tmp_path: Path, year: int, reminder: str) -> None:
    """3 weeks before 3 March is 10 February, and 11 February in a leap year: no yearly rule."""
    files, _ = calendars(SOURCES["real"])
    got = all_parsers({"o": files["calendar/ru/organiser.ics"]}, year, tmp_path)["o"]
    for parser, occurrences in got.items():
        assert any(start == reminder and "-3w." in uid for uid, start, _ in occurrences), parser


@pytest.mark.parametrize("year", [2027, 2028])
def test_event_across_new_year_ends_in_the_next_year(tmp_path: Path, year: int) -> None:
    files, _ = calendars(SOURCES["fixture"])
    got = all_parsers({"f": files["calendar/kk.ics"]}, year, tmp_path)["f"]
    want = ("winter-school.kk@key-dates.beregi-sebya", f"{year}-12-28", f"{year + 1}-01-04")
    for parser, occurrences in got.items():
        assert want in occurrences, parser
