"""Reader safety in a real browser (Debian chromium at a phone viewport): quick exit by tap and
by keyboard, the no-JavaScript link, no third-party request, axe-core, the language switcher."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import LANGUAGES, PHONE, ROOT, pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><p>Weather</p></html>"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def url_of(site_url: str, lang: str, page: str) -> str:
    stem = page.removesuffix(".md")
    path = stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"
    return site_url + ("" if lang == "ru" else f"{lang}/") + path


def every_page(site_url: str) -> list[str]:
    return [url_of(site_url, lang, page) for lang in LANGUAGES for page in pages("ru")]


@pytest.fixture(scope="session")
def exit_url(site: Path) -> str:
    html = (site / "index.html").read_text(encoding="utf-8")
    return re.search(r'<a class="quick-exit" href="([^"]+)"', html).group(1)


@pytest.fixture
def neutral(phone, exit_url: str):
    """The neutral exit site, answered locally (this machine has no internet)."""
    phone.route(exit_url + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))
    return phone


# --- quick exit --------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "label"), [("ru", "Быстрый выход"), ("ky", "Тез чыгуу"), ("kk", "Жылдам шығу")])
def test_quick_exit_is_labelled_visible_and_big_enough_on_a_phone(site_url: str, phone, lang: str, label: str) -> None:
    page = phone.new_page()
    page.goto(url_of(site_url, lang, "take-care.md"))
    for scroll in (0, 3000):
        page.evaluate(f"window.scrollTo(0, {scroll})")
        control = page.locator("[data-quick-exit]")
        assert control.inner_text().strip() == label
        box = control.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["viewport"]["height"], box
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('[data-quick-exit]') !== null",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert on_top, "something covers the quick exit control"


def test_quick_exit_by_tap_leaves_and_back_does_not_return(site_url: str, neutral, exit_url: str) -> None:
    page = neutral.new_page()
    first, second = url_of(site_url, "ky", "index.md"), url_of(site_url, "ky", "rights/police.md")
    page.goto(first)
    page.goto(second)
    page.locator("[data-quick-exit]").tap()
    page.wait_for_url(exit_url)
    page.go_back()
    assert page.url != second, "Back returned to the page the reader left"


def test_quick_exit_by_keyboard_but_not_while_typing(site_url: str, neutral, exit_url: str) -> None:
    page = neutral.new_page()
    page.goto(url_of(site_url, "kk", "take-care.md"))
    page.evaluate("document.body.insertAdjacentHTML('afterbegin', '<input id=typing aria-label=test>')")
    page.focus("#typing")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert page.url.startswith(site_url), "quick exit fired while the reader was typing"
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url(exit_url)


def test_quick_exit_works_as_a_plain_link_without_javascript(browser, site_url: str, exit_url: str) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False)
    context.route(exit_url + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))
    try:
        page = context.new_page()
        page.goto(url_of(site_url, "ru", "rights/police.md"))
        assert page.locator("h1").first.inner_text().strip()  # readable without JavaScript
        assert page.locator("[data-quick-exit]").get_attribute("rel") == "noreferrer"
        page.locator("[data-quick-exit]").tap()
        page.wait_for_url(exit_url)
    finally:
        context.close()


# --- nothing leaves the site -------------------------------------------------------------


def test_no_page_requests_anything_from_another_host(site_url: str, phone) -> None:
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))
    page = phone.new_page()
    for url in every_page(site_url):
        page.goto(url, wait_until="networkidle")
    host = site_url.rstrip("/")
    foreign = sorted({u for u in requested if not (u.startswith(host) or u.startswith("data:"))})
    assert not foreign, f"third-party requests: {foreign}"
    assert len(requested) >= len(every_page(site_url))
    assert page.evaluate("document.querySelector('meta[name=referrer]').content") == "no-referrer"


# --- accessibility -----------------------------------------------------------------------


def test_axe_finds_no_violation_on_any_page(site_url: str, browser) -> None:
    failures = []
    for scheme in ("light", "dark"):
        context = browser.new_context(**PHONE, color_scheme=scheme)
        # An init script, not a <script> tag: the site's CSP runs no inline script (and init scripts
        # are outside the page's CSP).
        context.add_init_script(path=str(AXE))
        page = context.new_page()
        for url in every_page(site_url) if scheme == "light" else every_page(site_url)[:: len(pages("ru")) // 3]:
            page.goto(url)
            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
            for violation in result["violations"]:
                targets = [n["target"] for n in violation["nodes"]][:3]
                failures.append(f"{scheme} {url}: {violation['id']} {targets}")
        context.close()
    assert not failures, "\n".join(failures)


# --- language switcher -------------------------------------------------------------------


@pytest.mark.parametrize(("start", "target", "name"), [("ru", "ky", "Кыргызча"), ("ky", "kk", "Қазақша"), ("kk", "ru", "Русский")])
def test_language_switcher_by_tap_lands_on_the_same_page(site_url: str, phone, start: str, target: str, name: str) -> None:
    page = phone.new_page()
    page.goto(url_of(site_url, start, "swit/violence.md"))
    page.locator(".md-select button, .md-select .md-header__button").first.tap()
    page.get_by_role("link", name=name).tap()
    page.wait_for_url(url_of(site_url, target, "swit/violence.md"))
    assert page.evaluate("document.documentElement.lang") == target


def test_menu_opens_by_tap_without_material_javascript(site_url: str, phone) -> None:
    page = phone.new_page()
    page.goto(url_of(site_url, "kk", "take-care.md"))
    link = page.locator(".md-nav--primary a[href$='help/']").first
    box = link.bounding_box()
    assert box["x"] + box["width"] <= 0, "the menu is open before the tap"
    page.locator("label.md-header__button[for=__drawer]").tap()
    page.wait_for_function("e => e.getBoundingClientRect().left >= 0", arg=link.element_handle())
    link.tap()
    page.wait_for_url(url_of(site_url, "kk", "help.md"))
