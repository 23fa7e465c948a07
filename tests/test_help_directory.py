"""The help directory (help/services.yaml): every defect stops the build with file:line; the fake
fixture renders on the help page and in the memos, in three languages, with tel: links, dates and
escaped texts; the shipped file has no contact at all, and its emergency numbers are the fact
sheet's."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT, build_site, copy_project, html_for
from sitebuild.help_directory.age import contact_ages, describe, months_before, stale_contacts
from sitebuild.help_directory.load import SERVICES_FILE, ServicesError, load_services

FIXTURE = Path(__file__).parent / "data" / "services.yaml"
SHIPPED = ROOT / SERVICES_FILE
CHECKED = {"ru": "20 ноября 2026", "ky": "20-ноябрь 2026", "kk": "20 қараша 2026"}

# (what is broken, text replaced, replacement, line, service id, words of the message)
DEFECTS = [
    ("no source", "        source: https://example.org/contacts\n", "", 38, "fake-legal-aid", "the contact has no 'source'"),
    ("no checked date", "        checked: 2026-06-01\n", "", 49, "fake-clinic", "the contact has no 'checked'"),
    ("impossible date", "checked: 2026-06-01", "checked: 2026-06-31", 51, "fake-clinic", "impossible date"),
    ("not a date", "checked: 2026-06-01", "checked: June 2026", 51, "fake-clinic", "is not a date"),
    ("phone not in quotes", 'phone: "+000 000 00-02"', "phone: 0000000002", 49, "fake-clinic", "not a phone number"),
    ("phone with letters", 'phone: "+000 000 00-02"', 'phone: "+000 CALL ME"', 49, "fake-clinic", "not a phone number"),
    ("web not https", "web: https://example.org/help", "web: javascript:alert(1)", 40, "fake-legal-aid", "must be a web address"),
    ("bad e-mail", "email: help@example.org", "email: help at example", 41, "fake-legal-aid", "not an e-mail"),
    ("contact without a channel", '      - phone: "+000 000 00-03"\n        source', "      - source", 56, "fake-old-number",
     "no phone, messenger, web or email"),
    ("unknown contact key", "messenger: \"Telegram @example\"", "telegram: \"@example\"", 39, "fake-legal-aid", "unknown key 'telegram'"),
    ("unknown kind", "helps_with: [legal, pep]", "helps_with: [legal, pepp]", 35, "fake-legal-aid", "unknown value 'pepp'"),
    ("unknown country", "country: kg\n    name: {ru: \"Клиника", "country: kgz\n    name: {ru: \"Клиника", 46, "fake-clinic",
     "unknown country 'kgz'"),
    ("missing language", "name: {ru: Старый номер, ky: Эски номер, kk: Ескі нөмір}", "name: {ru: Старый номер, ky: Эски номер}",
     54, "fake-old-number", "missing key 'kk'"),
    ("duplicate id", "  - id: fake-no-contact", "  - id: fake-clinic", 59, "fake-clinic", "duplicate id: already used on line 45"),
    ("emergency number not text", '{number: "112", ru: единый номер, ky: бирдиктүү номер, kk: бірыңғай нөмір}\n  kz',
     '{number: 112, ru: единый номер, ky: бирдиктүү номер, kk: бірыңғай нөмір}\n  kz', 20, None, "in quotes"),
    ("yaml syntax", "helps_with: [legal, pep]", "helps_with: [legal, pep", 36, None, "YAML syntax error"),
]


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    source = FIXTURE.read_text(encoding="utf-8")
    assert source.count(old) == 1, f"fixture changed: {old!r}"
    broken = tmp_path / "services.yaml"
    broken.write_text(source.replace(old, new), encoding="utf-8")
    return broken


@pytest.mark.parametrize(("kind", "old", "new", "line", "service_id", "words"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_is_reported_with_file_line_and_service(tmp_path: Path, kind: str, old: str, new: str, line: int,
                                                       service_id: str | None, words: str) -> None:
    broken = _broken(tmp_path, old, new)
    with pytest.raises(ServicesError) as caught:
        load_services(broken)
    error = caught.value
    assert error.line == line, str(error)
    assert error.item_id == service_id, str(error)
    assert words in error.problem, str(error)
    assert f"services.yaml:{error.line}" in str(error), str(error)


def test_fixture_and_shipped_file_are_valid() -> None:
    fixture = load_services(FIXTURE)
    assert [s.id for s in fixture.services] == ["fake-legal-aid", "fake-clinic", "fake-old-number", "fake-no-contact"]
    assert fixture.services[0].contacts[0].tel == "tel:+0000000001"
    assert load_services(SHIPPED).services


def test_shipped_file_has_no_contact_and_only_the_fact_sheets_numbers() -> None:
    """Nothing invented: the repository ships names and what organisations do, no contact; the
    emergency numbers are those of brief/facts.md (Kyrgyzstan also lists fire, 101)."""
    shipped = load_services(SHIPPED)
    assert shipped.contacts() == []
    numbers = {country: [n.number for n in entries] for country, entries in shipped.emergency.items()}
    assert numbers == {"ru": ["112", "102", "103"], "kz": ["112", "102", "103"], "kg": ["112", "102", "103", "101"]}
    text = "\n".join(line for line in SHIPPED.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith("#"))
    assert not re.search(r"https?://|@|\+\d|tel:", text), "a contact-like text in help/services.yaml outside the comments"
    ids = {s.id for s in shipped.services}
    assert {"forum-sr", "silver-rose", "humanitarian-action", "tais-plus", "shah-aiym", "amelia", "kovcheg",
            "swan", "nswp"} <= ids
    assert "svecha" not in ids  # unverified in the fact sheet


# --- age: the clock only here, and only as an argument -----------------------------------------


def test_months_before_clamps_to_the_end_of_the_month() -> None:
    assert months_before(date(2026, 12, 1), 12) == date(2025, 12, 1)
    assert months_before(date(2027, 3, 31), 1) == date(2027, 2, 28)
    assert months_before(date(2028, 3, 31), 1) == date(2028, 2, 29)


def test_contact_older_than_the_limit_is_stale_and_named() -> None:
    fixture = load_services(FIXTURE)
    stale = stale_contacts(fixture, today=date(2026, 12, 1))
    assert [age.service.id for age in stale] == ["fake-old-number"]
    message = describe(stale[0], fixture)
    assert "services.yaml:56 (service 'fake-old-number')" in message and "+000 000 00-03" in message
    assert "2024-01-15" in message and "more than 12 months" in message
    # a day later than twelve months after the check, the clinic's number is stale too
    assert [a.service.id for a in stale_contacts(fixture, today=date(2027, 6, 2))] == ["fake-old-number", "fake-clinic"]
    assert [a.service.id for a in stale_contacts(fixture, today=date(2027, 6, 1))] == ["fake-old-number"]


def test_limit_is_configurable_and_a_future_date_is_stale(tmp_path: Path) -> None:
    stricter = load_services(_broken(tmp_path, "max_age_months: 12", "max_age_months: 3"))
    assert [a.service.id for a in stale_contacts(stricter, today=date(2026, 12, 1))] == ["fake-old-number", "fake-clinic"]
    future = load_services(_broken(tmp_path, "checked: 2026-11-20", "checked: 2027-01-05"))
    stale = stale_contacts(future, today=date(2026, 12, 1))
    assert "fake-legal-aid" in [a.service.id for a in stale]
    assert "in the future" in describe(next(a for a in stale if a.service.id == "fake-legal-aid"), future)


def test_status_lists_contacts_oldest_first() -> None:
    ages = contact_ages(load_services(FIXTURE), today=date(2026, 12, 1))
    assert [a.service.id for a in ages] == ["fake-old-number", "fake-clinic", "fake-legal-aid"]
    assert [a.stale for a in ages] == [True, False, False]


# --- the site, built with the fixture ---------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("help-fixture")
    project = copy_project(where)
    shutil.copy(FIXTURE, project / SERVICES_FILE)
    site = where / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_page_shows_contacts_by_country_and_city_with_dates(fixture_site: Path, lang: str) -> None:
    html = html_for(fixture_site, lang, "help.md").read_text(encoding="utf-8")
    html = html[html.index("<article"):]  # the page, not the table of contents
    kazakhstan = html[html.index('id="help-kz"'):]
    kazakhstan = kazakhstan[: kazakhstan.index("<h3", 1)] if "<h3" in kazakhstan[1:] else kazakhstan
    assert kazakhstan.index("Тестоград") < kazakhstan.index('id="help-fake-legal-aid"'), "by country, then city"
    entry = html[html.index('id="help-fake-legal-aid"'):]
    entry = entry[: entry.index("</ul>")]
    assert '<a href="tel:+0000000001">+000 000 00-01</a>' in entry
    assert '<a href="https://example.org/help" rel="noreferrer">example.org/help</a>' in entry
    assert '<a href="mailto:help@example.org">help@example.org</a>' in entry
    assert "Telegram @example" in entry
    assert f'<time datetime="2026-11-20">{CHECKED[lang]}</time>' in entry
    assert '<a href="https://example.org/contacts" rel="noreferrer">' in entry
    # every text escaped: the fake clinic's name shows its angle brackets and stars as text
    assert "Клиника &lt;b&gt;&amp;&lt;/b&gt; *" in html and "Клиника <b>" not in html
    # every link to another host has rel="noreferrer"; nothing is loaded from another host
    for tag in re.findall(r"<a [^>]*href=\"https?://(?!127\.0\.0\.1)[^>]*>", html):
        assert 'rel="noreferrer"' in tag, tag
    assert not re.search(r"<(?:img|script|link|iframe)[^>]+(?:src|href)=\"(?:https?:)?//", html)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_memo_shows_the_countrys_reachable_organisations(fixture_site: Path, lang: str) -> None:
    html = html_for(fixture_site, lang, "rights/police.md").read_text(encoding="utf-8")
    assert html.count('href="tel:+0000000001"') == 1 and html.count('href="tel:+0000000002"') == 1
    assert f"{CHECKED[lang]}</time>" in html
    for number, country in (("+0000000001", "kz"), ("+0000000002", "kg")):
        section = html[html.index(f'href="tel:{number}"'):]
        section = section[: section.index("<h2")] if "<h2" in section else section
        assert f'href="../../help/#help-{country}"' in section, f"{number} is not in the {country} section"
    assert "Без контактов" not in html, "an organisation without a contact belongs on the help page only"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_directory_renders_names_without_contacts(site: Path, lang: str) -> None:
    help_page = html_for(site, lang, "help.md").read_text(encoding="utf-8")
    assert 'id="help-tais-plus"' in help_page and 'id="help-kz"' in help_page
    assert 'class="help-contacts"' not in help_page
    assert set(re.findall(r'href="tel:([^"]+)"', help_page)) == {"112", "102", "103", "101"}
    for memo in ("rights/police.md", "rights/violence.md", "rights/doctor.md", "rights/documents.md"):
        html = html_for(site, lang, memo).read_text(encoding="utf-8")
        for country in ("ru", "kz", "kg"):
            assert f'help/#help-{country}"' in html, f"{lang}/{memo}: no part for {country}"
        assert "<!-- help:" not in html


def test_entry_without_source_stops_the_real_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    broken = FIXTURE.read_text(encoding="utf-8").replace("        source: https://example.org/contacts\n", "", 1)
    (project / SERVICES_FILE).write_text(broken, encoding="utf-8")
    site = tmp_path / "site"
    result = build_site(project, site)
    assert result.returncode != 0
    assert "help/services.yaml:38 (service 'fake-legal-aid'): the contact has no 'source'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "help" / "index.html").exists()


def test_marker_with_an_unknown_country_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    memo = project / "docs" / "ru" / "rights" / "police.md"
    text = memo.read_text(encoding="utf-8")
    line = text[: text.index("<!-- help: kz -->")].count("\n") + 1
    memo.write_text(text.replace("<!-- help: kz -->", "<!-- help: kzz -->"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/ru/rights/police.md:{line}: the marker names the unknown country 'kzz'" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_mkdocs_serve_rebuilds_when_the_directory_changes(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from test_calendar_site import fetch, free_port, wait_for

    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: "Шах-Айым".encode() in fetch(base + "kk/help/"), 120)
        services = project / SERVICES_FILE
        services.write_text(services.read_text(encoding="utf-8").replace("kk: «Шах-Айым»", "kk: «Шах-Айым жаңа»", 1),
                            encoding="utf-8")
        wait_for(lambda: "Шах-Айым жаңа".encode() in fetch(base + "kk/help/"), 120)
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_misspelt_marker_stops_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    memo = project / "docs" / "kk" / "rights" / "doctor.md"
    text = memo.read_text(encoding="utf-8")
    memo.write_text(text.replace("<!-- help: kz -->", "<!-- help:kz -->"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/kk/rights/doctor.md:" in result.stderr and "'<!-- help:kz -->' is not a marker" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("lang", "first"), [("ru", "ru"), ("ky", "kg"), ("kk", "kz")])
def test_help_page_shows_the_readers_country_first(site: Path, lang: str, first: str) -> None:
    html = html_for(site, lang, "help.md").read_text(encoding="utf-8")
    html = html[html.index("<article"):]
    headings = re.findall(r'<h3 id="help-([a-z]+)"', html)
    assert headings[0] == first and sorted(headings) == ["intl", "kg", "kz", "ru"]
    numbers = html[html.index('class="emergency-numbers"'):]
    name = load_services(SHIPPED).countries[first][lang]
    assert numbers.index(f"<strong>{name}:</strong>") < min(
        numbers.index(f"<strong>{n[lang]}:</strong>") for c, n in load_services(SHIPPED).countries.items()
        if c not in (first, "intl"))
