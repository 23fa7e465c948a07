"""The site skeleton: three language trees, <html lang>, native interfaces, language switcher."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import material
import pytest

from conftest import (DEFAULT_LANGUAGE, LANGUAGES, ROOT, build_site, build_without_translation, copy_project, html_for,
                      language_of, pages)
from sitebuild.interface import load_interface

HTML_LANG = re.compile(r'<html lang="([^"]+)"')
SWITCHER_LINK = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)" class="md-select__link"')
TRANSLATION_ENTRY = re.compile(r'^\s*"([a-z.]+)": "(.*)",?$', re.MULTILINE)

MATERIAL_LANGUAGES = Path(material.__file__).parent / "templates" / "partials" / "languages"


def interface_strings(path: Path) -> dict[str, str]:
    return dict(TRANSLATION_ENTRY.findall(path.read_text(encoding="utf-8")))


def test_every_page_is_built_in_all_three_languages(site: Path) -> None:
    for lang in LANGUAGES:
        for page in pages("ru"):
            assert html_for(site, lang, page).is_file(), f"{lang}: {page} was not built"


def test_every_page_has_the_language_of_its_tree(site: Path) -> None:
    checked = 0
    for html in site.rglob("*.html"):
        match = HTML_LANG.search(html.read_text(encoding="utf-8"))
        assert match, f"{html} has no <html lang>"
        assert match.group(1) == language_of(html, site), html
        checked += 1
    assert checked >= 3 * len(pages("ru"))


def flat(strings: dict) -> dict[str, str]:
    """interface/<lang>.yml as key -> text, groups as "group.key"."""
    return {f"{key}.{sub}" if isinstance(value, dict) else key: text
            for key, value in strings.items()
            for sub, text in (value.items() if isinstance(value, dict) else [(None, value)])}


def test_every_language_has_every_interface_key() -> None:
    """One interface file per language: the same keys everywhere, every key of Material's own
    Russian file among them, and a non-empty text for each (except the Russian draft notice)."""
    interface = {lang: flat(strings) for lang, strings in load_interface(ROOT).items()}
    assert set(interface) == set(LANGUAGES)
    material_keys = set(interface_strings(MATERIAL_LANGUAGES / "ru.html"))
    for lang, strings in interface.items():
        assert strings["language"] == lang
        assert material_keys <= set(strings), f"{lang}: missing Material keys {sorted(material_keys - set(strings))}"
        assert set(strings) == set(interface[DEFAULT_LANGUAGE]), lang
        empty = [key for key, text in strings.items() if not text.strip() and key != "draft_translation"]
        assert not empty, f"interface/{lang}.yml: empty texts for {empty}"


@pytest.mark.parametrize("lang", ["ky", "kk"])
def test_interface_translation_is_not_russian(lang: str) -> None:
    interface = load_interface(ROOT)
    russian, ours = flat(interface[DEFAULT_LANGUAGE]), flat(interface[lang])
    copied = [k for k, v in ours.items() if v == russian[k] and v.strip() and not k.startswith("search.config")
              and k != "language"]
    assert not copied, f"interface/{lang}.yml copies Russian strings for {copied}"
    assert ours["draft_translation"].strip(), f"interface/{lang}.yml: the draft notice must say something"


@pytest.mark.parametrize(
    ("problem", "edit", "message"),
    [
        ("missing key", lambda text: text.replace('quick_exit: "Тез чыгуу"\n', ""), "missing key 'quick_exit'"),
        ("unknown key", lambda text: text + 'quick_exitt: "Тез"\n', "unknown key 'quick_exitt'"),
        ("not text", lambda text: text.replace('quick_exit: "Тез чыгуу"', "quick_exit: [1]"), "must be text"),
    ],
)
def test_a_broken_interface_file_stops_with_file_and_line(tmp_path: Path, problem: str, edit, message: str) -> None:
    project = copy_project(tmp_path)
    path = project / "interface" / "ky.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0, problem
    assert re.search(r"interface/ky\.yml:\d+", result.stderr) and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("lang", "own", "russian"),
    [
        ("ky", ['placeholder="сайттан: полиция, врач…"', ">Издөө</label>", "Мазмунга өтүү", "Тилди тандаңыз", ">Тез чыгуу<"],
         ['placeholder="по сайту', ">Поиск</label>", "Перейти к содержанию", "Выберите язык", ">Быстрый выход<"]),
        ("kk", ['placeholder="сайттан: полиция, дәрігер…"', ">Іздеу</label>", "Мазмұнға өту", "Тілді таңдаңыз", ">Жылдам шығу<"],
         ['placeholder="по сайту', ">Поиск</label>", "Перейти к содержанию", "Выберите язык", ">Быстрый выход<"]),
    ],
)
def test_built_interface_speaks_the_page_language(site: Path, lang: str, own: list[str], russian: list[str]) -> None:
    for page in pages(lang):
        html = html_for(site, lang, page).read_text(encoding="utf-8")
        for text in own:
            assert text in html, f"{lang}/{page}: missing {text!r}"
        for text in russian:
            assert text not in html, f"{lang}/{page}: Russian interface string {text!r}"


def page_url(lang: str, page: str) -> str:
    prefix = "/" if lang == "ru" else f"/{lang}/"
    stem = page[: -len(".md")]
    path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return prefix + path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_lands_on_the_same_page_in_the_other_languages(site: Path, lang: str) -> None:
    for page in pages(lang):
        html = html_for(site, lang, page).read_text(encoding="utf-8")
        here = page_url(lang, page)
        targets = {hreflang: urljoin(here, href) for href, hreflang in SWITCHER_LINK.findall(html)}
        assert set(targets) == set(LANGUAGES), f"{lang}/{page}: switcher offers {sorted(targets)}"
        for other in LANGUAGES:
            assert targets[other] == page_url(other, page), f"{lang}/{page} → {other}"


def test_no_request_leaves_for_google_fonts(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html


def test_missing_translation_shows_the_russian_page_marked_as_russian_with_a_notice(tmp_path: Path) -> None:
    page, site = build_without_translation(tmp_path, "kk")
    html = html_for(site, "kk", page).read_text(encoding="utf-8")
    russian_title = re.search(r"^# (.+?)(?: \{#[a-z0-9-]+\})?$", (ROOT / "docs" / "ru" / page).read_text(encoding="utf-8"), re.M).group(1)
    assert HTML_LANG.search(html).group(1) == "kk"  # the interface around it is Kazakh
    notice = re.search(r'<aside class="admonition warning page-notice" role="note" lang="kk">(.*?)</aside>', html, re.S)
    assert notice and "Бұл бет әлі аударылған жоқ" in notice.group(1)
    russian = re.search(r'<div lang="ru">\s*<h1[^>]*>(.*?)</h1>', html, re.S)
    assert russian and russian.group(1).strip() == russian_title
