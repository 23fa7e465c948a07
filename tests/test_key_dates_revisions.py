"""Changes reach everyone: an event's `updated` gives DTSTAMP, LAST-MODIFIED and SEQUENCE; a
corrected event imported again replaces the old copy; calendar/dates.lock stops a change made
without a new `updated`, naming the field; `python -m sitebuild.keydates lock` records it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import vobject
from icalendar import Calendar

from conftest import ROOT, build_site, copy_project
from ical_parsers import with_icaljs
from sitebuild.keydates.feed import event_bytes
from sitebuild.keydates.load import DatesError, load_dates
from sitebuild.keydates.lock import check_lock, is_current, lock_path

DATES = ROOT / "calendar" / "dates.yaml"
FIXTURE = Path(__file__).parent / "data" / "dates.yaml"
SITE_URL = "https://example.org/"
EVENT = "end-violence-against-sex-workers"


def project_dates(tmp_path: Path) -> Path:
    """A copy of calendar/dates.yaml and its lock, to change."""
    folder = tmp_path / "calendar"
    folder.mkdir()
    shutil.copy(DATES, folder / "dates.yaml")
    shutil.copy(lock_path(DATES), folder / "dates.lock")
    return folder / "dates.yaml"


def edit(path: Path, old: str, new: str, event: str = EVENT) -> None:
    """Replace `old` in the entry of `event` (the file's header has examples of every key)."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {event}\n")
    assert old in text[start:], old
    path.write_text(text[:start] + text[start:].replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str, after: str) -> int:
    source = path.read_text(encoding="utf-8")
    return source[: source.index(text, source.index(after))].count("\n") + 1


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitebuild.keydates", *args], cwd=ROOT, capture_output=True, text=True)


# --- the lock -----------------------------------------------------------------------------


def test_lock_in_the_repository_is_current() -> None:
    """After changing dates.yaml, run `python -m sitebuild.keydates lock` and commit the lock."""
    assert is_current(load_dates(DATES), lock_path(DATES)), "calendar/dates.lock is stale: run python -m sitebuild.keydates lock"


@pytest.mark.parametrize(("old", "new", "field"), [
    ('date: "12-17"', 'date: "12-18"', "'date'"),
    ('title: "Международный день борьбы с насилием в отношении секс-работников"',
     'title: "Международный день против насилия в отношении секс-работников"', "'ru'"),
    ("categories: [sex-work, violence, rights]", "categories: [sex-work, violence]", "'categories'"),
    ("prepare_weeks: [6, 3, 1]\n    page: rights/violence.md", "prepare_weeks: [4]\n    page: rights/violence.md", "'prepare_weeks'"),
])
def test_a_change_without_a_new_revision_names_the_field_to_bump(tmp_path: Path, old: str, new: str, field: str) -> None:
    dates_file = project_dates(tmp_path)
    edit(dates_file, old, new)
    dates = load_dates(dates_file)
    with pytest.raises(DatesError) as caught:
        check_lock(dates, lock_path(dates_file))
    error = caught.value
    assert error.item_id == EVENT and error.line == line_of(dates_file, "updated:", f"id: {EVENT}")
    assert field in error.problem and "set 'updated:'" in error.problem and "sitebuild.keydates lock" in error.problem


def test_a_new_revision_passes_and_lock_records_it(tmp_path: Path) -> None:
    dates_file = project_dates(tmp_path)
    edit(dates_file, 'date: "12-17"', 'date: "12-18"')
    edit(dates_file, "updated: 2026-12-01", "updated: 2026-12-05")
    check_lock(load_dates(dates_file), lock_path(dates_file))  # the build passes
    assert not is_current(load_dates(dates_file), lock_path(dates_file))
    result = run_cli("lock", str(dates_file))
    assert result.returncode == 0, result.stderr
    assert is_current(load_dates(dates_file), lock_path(dates_file))
    edit(dates_file, 'date: "12-18"', 'date: "12-19"')  # a second change under the same revision
    with pytest.raises(DatesError, match="'date' changed since the revision of 2026-12-05"):
        check_lock(load_dates(dates_file), lock_path(dates_file))


def test_lock_refuses_to_record_a_change_without_a_new_revision(tmp_path: Path) -> None:
    dates_file = project_dates(tmp_path)
    edit(dates_file, 'date: "12-17"', 'date: "12-18"')
    before = lock_path(dates_file).read_bytes()
    result = run_cli("lock", str(dates_file))
    assert result.returncode == 1 and "'date' changed" in result.stderr and "Traceback" not in result.stderr
    assert lock_path(dates_file).read_bytes() == before


def test_a_revision_cannot_go_back(tmp_path: Path) -> None:
    dates_file = project_dates(tmp_path)
    edit(dates_file, "updated: 2026-12-01", "updated: 2026-11-20")
    with pytest.raises(DatesError, match="earlier than this event's last revision, 2026-12-01"):
        check_lock(load_dates(dates_file), lock_path(dates_file))


def test_a_damaged_lock_is_one_message(tmp_path: Path) -> None:
    dates_file = project_dates(tmp_path)
    lock_path(dates_file).write_text("international-condom-day: [oops\n", encoding="utf-8")
    with pytest.raises(DatesError, match=r"dates\.lock:\d+: YAML syntax error"):
        check_lock(load_dates(dates_file), lock_path(dates_file))


def test_the_build_stops_on_a_change_without_a_new_revision(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    dates_file = project / "calendar" / "dates.yaml"
    edit(dates_file, 'date: "12-17"', 'date: "12-18"')
    line = line_of(dates_file, "updated:", f"id: {EVENT}")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"calendar/dates.yaml:{line} (event '{EVENT}'): 'date' changed since the revision of 2026-12-01" in result.stderr
    assert not site.exists() or not list(site.rglob("*.ics"))


# --- a corrected event replaces the imported copy -------------------------------------------


def corrected(tmp_path: Path, *, bump: bool) -> tuple[bytes, bytes]:
    """The one-event file of the fixture's first event (ru), before and after its date moves."""
    dates = load_dates(FIXTURE)
    old = event_bytes(dates, dates.events[0], "ru", site_url=SITE_URL)
    text = FIXTURE.read_text(encoding="utf-8").replace('date: "12-17"', 'date: "12-18"', 1)
    if bump:
        text = text.replace("updated: 2026-12-01", "updated: 2026-12-05", 1)
    changed = tmp_path / "dates.yaml"
    changed.write_text(text, encoding="utf-8")
    new_dates = load_dates(changed)
    return old, event_bytes(new_dates, new_dates.events[0], "ru", site_url=SITE_URL)


def read_icalendar(data: bytes, _: Path) -> tuple[str, int, datetime, str]:
    (event,) = Calendar.from_ical(data).walk("VEVENT")
    return str(event["UID"]), int(event["SEQUENCE"]), event.decoded("DTSTAMP"), event.decoded("DTSTART").isoformat()


def read_vobject(data: bytes, _: Path) -> tuple[str, int, datetime, str]:
    event = vobject.readOne(data.decode("utf-8")).vevent
    return event.uid.value, int(event.sequence.value), event.dtstamp.value, event.dtstart.value.isoformat()


def read_icaljs(data: bytes, tmp: Path) -> tuple[str, int, datetime, str]:
    path = tmp / f"{hash(data) & 0xffffff}.ics"
    path.write_bytes(data)
    (event,) = with_icaljs([path], 2027)[str(path)]["events"]
    return event["uid"], event["sequence"], datetime.fromisoformat(event["dtstamp"]), event["occurrences"][0][0]


class Store:
    """A calendar that imports by UID as RFC 5546 §2.1.5 says: a copy replaces the one it has
    only if its SEQUENCE is higher, or equal with a later DTSTAMP."""

    def __init__(self, read) -> None:
        self.read, self.events = read, {}

    def add(self, data: bytes, tmp: Path) -> None:
        uid, sequence, stamp, start = self.read(data, tmp)
        have = self.events.get(uid)
        if have is None or (sequence, stamp) > (have[0], have[1]):
            self.events[uid] = (sequence, stamp, start)


@pytest.mark.parametrize("read", [read_icalendar, read_vobject, read_icaljs], ids=["icalendar", "vobject", "ical.js"])
def test_a_corrected_event_imported_again_replaces_the_old_copy(tmp_path: Path, read) -> None:
    old, new = corrected(tmp_path, bump=True)
    store = Store(read)
    store.add(old, tmp_path)
    store.add(new, tmp_path)
    store.add(old, tmp_path)  # the stale file opened again changes nothing
    assert len(store.events) == 1, "a second copy instead of a replacement"
    ((uid, (sequence, _, start)),) = store.events.items()
    assert uid == f"{EVENT}.ru@key-dates.beregi-sebya" and sequence == 34 and start.replace("-", "")[4:] == "1218"
    assert read(new, tmp_path)[1] > read(old, tmp_path)[1]


@pytest.mark.parametrize("read", [read_icalendar, read_vobject, read_icaljs], ids=["icalendar", "vobject", "ical.js"])
def test_without_a_new_revision_the_correction_would_be_ignored(tmp_path: Path, read) -> None:
    """Why `updated` must move (the lock enforces it): same SEQUENCE and DTSTAMP, old copy kept."""
    old, new = corrected(tmp_path, bump=False)
    store = Store(read)
    store.add(old, tmp_path)
    store.add(new, tmp_path)
    ((_, (_, _, start)),) = store.events.items()
    assert start.replace("-", "")[4:] == "1217"
