"""Each defect in dates.yaml stops the build with one message: file, line, event id, problem —
and no feed is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_site, copy_project
from sitebuild.keydates.load import DatesError, load_dates

FIXTURE = Path(__file__).parent / "data" / "dates.yaml"
PAGES = {"rights/violence.md", "swit/violence.md", "swit/index.md"}

# (what is broken, text replaced, replacement, line, event id, words of the message)
DEFECTS = [
    ("yaml syntax", "    since: 2003\n", "    since: [2003\n", 13, None, "YAML syntax error"),
    ("unknown key", "    since: 2003\n", "    snice: 2003\n", 12, "end-violence-against-sex-workers", "unknown key 'snice'"),
    ("missing language", "    kk: {title: Белсенділіктің 16 күні, description: 25 қарашадан 10 желтоқсанға дейін.}\n", "",
     26, "sixteen-days", "missing key 'kk'"),
    ("missing title", "    ky: {title: Активдүүлүктүн 16 күнү, description:", "    ky: {description:",
     32, "sixteen-days", "missing key 'title' in 'ky'"),
    ("impossible date", 'date: "12-17"', 'date: "02-30"', 11, "end-violence-against-sex-workers", "impossible date"),
    ("29 February yearly", 'date: "12-17"', 'date: "02-29"', 11, "end-violence-against-sex-workers", "29 February"),
    ("end before start", 'end: "12-10"', 'end: "11-01"', 28, "sixteen-days", "is before"),
    ("duplicate id", "  - id: training-2027", "  - id: sixteen-days", 34, "sixteen-days", "duplicate id: already used on line 26"),
    ("malformed id", "  - id: training-2027", "  - id: Training 2027", 34, "Training 2027", "malformed id"),
    ("page does not exist", "page: swit/index.md", "page: swit/missing.md", 36, "training-2027", "does not exist"),
    ("unknown category", "categories: [sex-work]\n    ru: {title: Тренинг", "categories: [sexwork]\n    ru: {title: Тренинг",
     37, "training-2027", "unknown category 'sexwork'"),
]


@pytest.mark.parametrize(("kind", "old", "new", "line", "event_id", "words"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_is_reported_with_file_line_and_event(tmp_path: Path, kind: str, old: str, new: str,
                                                      line: int, event_id: str | None, words: str) -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    assert source.count(old) == 1, f"fixture changed: {old!r}"
    broken = tmp_path / "dates.yaml"
    broken.write_text(source.replace(old, new), encoding="utf-8")
    with pytest.raises(DatesError) as caught:
        load_dates(broken, page_exists=PAGES.__contains__)
    error = caught.value
    assert error.line == line, str(error)
    assert error.item_id == event_id, str(error)
    assert words in error.problem, str(error)
    assert f"dates.yaml:{line}" in str(error) and Path(str(error).split(":")[0]).resolve() == broken, str(error)


def test_fixture_itself_is_valid() -> None:
    assert len(load_dates(FIXTURE, page_exists=PAGES.__contains__).events) == 3


def test_broken_dates_stop_the_real_build_and_write_no_feed(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    dates = project / "calendar" / "dates.yaml"
    text = dates.read_text(encoding="utf-8")
    dates.write_text(text.replace('date: "12-17"', 'date: "12-32"', 1), encoding="utf-8")
    line = text[: text.index('date: "12-17"')].count("\n") + 1
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0
    assert f"calendar/dates.yaml:{line} (event 'end-violence-against-sex-workers'): 'date: 12-32' is an impossible date" in result.stderr
    assert not site.exists() or not list(site.rglob("*.ics"))
