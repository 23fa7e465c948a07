"""Each defect in dates.yaml stops the build with one message: file, line, event id, problem —
never a traceback, and no calendar file is written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project
from sitebuild.keydates.load import DatesError, load_dates

FIXTURE = Path(__file__).parent / "data" / "dates.yaml"
PAGES = {"rights/violence.md", "swit/violence.md", "swit/index.md"}
ONLY_KYRGYZ = "ky-only.md"  # a page that exists in docs/ky and nowhere else


def page_exists(page: str, lang: str) -> bool:
    return (lang == "ru" and page in PAGES) or (lang == "ky" and page == ONLY_KYRGYZ)


RUSSIAN = "Секс-работники в этот день вспоминают жертв насилия и говорят о своих правах."
KYRGYZ_IN_KAZAKH = "Секс-жумушчулар бул күнү зомбулуктун курмандыктарын эскеришет жана өз укуктары тууралуу айтышат."

# (what is broken, text replaced, replacement, line, event id, words of the message)
DEFECTS = [
    ("yaml syntax", "    since: 2003\n", "    since: [2003\n", 13, None, "YAML syntax error"),
    ("unknown key", "    since: 2003\n", "    snice: 2003\n", 12, "end-violence-against-sex-workers", "unknown key 'snice'"),
    ("missing language", "    kk: {title: Белсенділіктің 16 күні, description: 25 қарашадан 10 желтоқсанға дейін.}\n", "",
     27, "sixteen-days", "missing key 'kk'"),
    ("missing title", "    ky: {title: Активдүүлүктүн 16 күнү, description:", "    ky: {description:",
     34, "sixteen-days", "missing key 'title' in 'ky'"),
    ("impossible date", 'date: "12-17"', 'date: "02-30"', 11, "end-violence-against-sex-workers", "'date: 02-30' is an impossible date"),
    ("unquoted impossible date", "date: 2027-03-15", "date: 2027-02-30", 37, "training-2027",
     "'date: 2027-02-30' is an impossible date"),
    ("octal date 0303", 'date: "12-17"', "date: 0303", 11, "end-violence-against-sex-workers",
     "'date: 0303' is not a date"),
    ("sexagesimal date 3:03", 'date: "12-17"', "date: 3:03", 11, "end-violence-against-sex-workers",
     "'date: 3:03' is not a date"),
    ("29 February yearly", 'date: "12-17"', 'date: "02-29"', 11, "end-violence-against-sex-workers", "29 February"),
    ("end before start, once", "date: 2027-03-15\n", "date: 2027-03-15\n    end: 2027-03-01\n", 38, "training-2027", "is before"),
    ("end far into the next year", 'end: "12-10"', 'end: "11-01"', 29, "sixteen-days", "343 days long"),
    ("duplicate id", "  - id: training-2027", "  - id: sixteen-days", 36, "sixteen-days", "duplicate id: already used on line 27"),
    ("malformed id", "  - id: training-2027", "  - id: Training 2027", 36, "Training 2027", "malformed id"),
    ("page does not exist", "page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг",
     "page: swit/missing.md\n    categories: [sex-work]\n    ru: {title: Тренинг", 39, "training-2027", "does not exist in docs/ru/"),
    ("page only in docs/ky", "page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг",
     f"page: {ONLY_KYRGYZ}\n    categories: [sex-work]\n    ru: {{title: Тренинг", 39, "training-2027",
     f"is only in docs/ky/{ONLY_KYRGYZ}, not in docs/ru/"),
    ("unknown category", "categories: [sex-work]\n    ru: {title: Тренинг", "categories: [sexwork]\n    ru: {title: Тренинг",
     40, "training-2027", "unknown category 'sexwork'"),
    ("nested categories", "categories: [sex-work]\n    ru: {title: Тренинг", "categories: [sex-work, [violence]]\n    ru: {title: Тренинг",
     40, "training-2027", "must be a flat list"),
    ("category as a mapping", "categories: [sex-work]\n    ru: {title: Тренинг", "categories: [{sex-work: violence}]\n    ru: {title: Тренинг",
     40, "training-2027", "must be a flat list"),
    ("5000-character title", "ru: {title: Тренинг по SWIT,", "ru: {title: " + "Тренинг " * 625 + ",", 41, "training-2027",
     "'ru.title' is 4999 characters long; at most 200"),
    ("Russian text in a ky block", "description: Секс-жумушчулар бул күнү зомбулуктун курмандыктарын эскеришет.",
     f"description: {RUSSIAN}", 23, "end-violence-against-sex-workers", "this text looks Russian, not Kyrgyz"),
    ("Russian text in a kk block", "description: Секс-жұмыскерлер бұл күні зорлық-зомбылық құрбандарын еске алады.",
     f"description: {RUSSIAN}", 26, "end-violence-against-sex-workers", "this text looks Russian, not Kazakh"),
    ("Kazakh letters in a Kyrgyz text", "ky: {title: SWIT боюнча тренинг,", "ky: {title: SWIT бойынша оқыту,", 42,
     "training-2027", "Kazakh letters қ in a Kyrgyz text ('ky.title')"),
    ("Kyrgyz text in a kk block", "description: Секс-жұмыскерлер бұл күні зорлық-зомбылық құрбандарын еске алады.",
     f"description: {KYRGYZ_IN_KAZAKH}", 26, "end-violence-against-sex-workers", "looks Kyrgyz, not Kazakh"),
    ("missing revision", "    updated: 2026-12-01\n    page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг",
     "    page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг", 36, "training-2027", "missing key 'updated'"),
    ("impossible revision", "    updated: 2026-12-01\n    page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг",
     "    updated: 2026-13-01\n    page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг", 38,
     "training-2027", "'updated: 2026-13-01' is an impossible date"),
    ("revision as text", "    updated: 2026-12-01\n    page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг",
     "    updated: yesterday\n    page: swit/index.md\n    categories: [sex-work]\n    ru: {title: Тренинг", 38,
     "training-2027", "'updated: yesterday' must be the day of this event's last change"),
    ("reminder weeks", "prepare_weeks: [2]", "prepare_weeks: [0, two]", 48, "winter-school", "must be a list of different numbers of weeks"),
    ("years too many", "years: {first: 2027, last: 2028}", "years: {first: 2027, last: 2045}", 54, None, "'last' must be from 'first'"),
]


@pytest.mark.parametrize(("kind", "old", "new", "line", "event_id", "words"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_is_reported_with_file_line_and_event(tmp_path: Path, kind: str, old: str, new: str,
                                                      line: int, event_id: str | None, words: str) -> None:
    source = FIXTURE.read_text(encoding="utf-8")
    assert source.count(old) == 1, f"fixture changed: {old!r}"
    broken = tmp_path / "dates.yaml"
    broken.write_text(source.replace(old, new), encoding="utf-8")
    with pytest.raises(DatesError) as caught:
        load_dates(broken, page_exists=page_exists)
    error = caught.value
    assert error.line == line, str(error)
    assert error.item_id == event_id, str(error)
    assert words in error.problem, str(error)
    assert f"dates.yaml:{line}" in str(error) and Path(str(error).split(":")[0]).resolve() == broken, str(error)


@pytest.mark.parametrize(("kind", "old", "new", "line", "event_id", "words"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_command_line_prints_one_message_and_writes_nothing(tmp_path: Path, kind: str, old: str, new: str,
                                                             line: int, event_id: str | None, words: str) -> None:
    docs = tmp_path / "docs"
    for page in PAGES:
        (docs / "ru" / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / "ru" / page).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    (docs / "ky").mkdir()
    (docs / "ky" / ONLY_KYRGYZ).write_text("---\ntitle: x\n---\n", encoding="utf-8")
    broken = tmp_path / "dates.yaml"
    broken.write_text(FIXTURE.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "sitebuild.keydates", "feeds", str(broken), "--docs", str(docs),
                             "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"dates.yaml:{line}" in result.stderr and words in result.stderr, result.stderr
    assert not out.exists()


def test_fixture_itself_is_valid() -> None:
    assert len(load_dates(FIXTURE, page_exists=page_exists).events) == 4


@pytest.mark.parametrize(("old", "new", "words"), [
    ('date: "12-17"', 'date: "12-32"', "'date: 12-32' is an impossible date"),
    ('date: "12-17"', "date: 2027-02-30", "'date: 2027-02-30' is an impossible date"),
], ids=["quoted", "unquoted"])
def test_broken_dates_stop_the_real_build_and_write_no_feed(tmp_path: Path, old: str, new: str, words: str) -> None:
    project = copy_project(tmp_path)
    dates = project / "calendar" / "dates.yaml"
    text = dates.read_text(encoding="utf-8")
    dates.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"calendar/dates.yaml:{line} (event 'end-violence-against-sex-workers'): {words}" in result.stderr
    assert not site.exists() or not list(site.rglob("*.ics"))


def test_an_event_page_only_in_docs_ky_stops_the_real_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / "ky" / "rights" / "only-ky.md").write_text("---\ntitle: Сынак\ntranslation: draft\n---\n\n# Сынак\n",
                                                                   encoding="utf-8")
    dates = project / "calendar" / "dates.yaml"
    text = dates.read_text(encoding="utf-8")
    start = text.index("  - id: end-violence-against-sex-workers")
    dates.write_text(text[:start] + text[start:].replace("page: rights/violence.md", "page: rights/only-ky.md", 1),
                     encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "'page: rights/only-ky.md' is only in docs/ky/rights/only-ky.md, not in docs/ru/" in result.stderr
