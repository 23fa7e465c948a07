"""The calendar page in a real browser (Debian chromium at a phone viewport), in every language:
every client's path is on screen, nothing is requested from another host on load (the Google
and Outlook links are plain links), the copy button copies, the page works without JavaScript,
and the embeddable list loads nothing but its own style sheet."""

from __future__ import annotations

import pytest

from conftest import LANGUAGES, PHONE
from sitebuild.keydates.texts import LABELS

CLIENTS = ["iPhone", "Google", "Outlook.com", "Android", "Thunderbird"]


def calendar_url(site_url: str, lang: str) -> str:
    return site_url + ("" if lang == "ru" else f"{lang}/") + "calendar/"


def open_recording(context, url: str):
    """Open `url` and return the page and every URL the browser requested for it."""
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url, wait_until="networkidle")
    return page, requested


@pytest.mark.parametrize("lang", LANGUAGES)
def test_calendar_page_shows_every_client_path_and_requests_nothing_elsewhere(site_url: str, phone, lang: str) -> None:
    page, requested = open_recording(phone, calendar_url(site_url, lang))
    elsewhere = [url for url in requested if not url.startswith(site_url) and not url.startswith("data:")]
    assert elsewhere == [], f"requests to other hosts on load: {elsewhere}"
    labels = LABELS[lang]
    for label in (labels["apple"], labels["google"], labels["outlook"]):
        link = page.get_by_role("link", name=label, exact=True).first
        assert link.is_visible(), label
    for selector, label in ((f'a[href^="https://calendar.google.com/"]', labels["google"]),
                            (f'a[href^="https://outlook.live.com/"]', labels["outlook"])):
        link = page.locator(selector).first
        assert "noreferrer" in link.get_attribute("rel") and link.inner_text() == label
    for client in CLIENTS:
        heading = page.locator("h3", has_text=client).first
        heading.scroll_into_view_if_needed()
        assert heading.is_visible(), client
    assert page.get_by_text("ICSx⁵", exact=False).first.is_visible()
    qr = page.locator(".feed-qr img")
    qr.scroll_into_view_if_needed()
    assert page.evaluate("img => img.complete && img.naturalWidth > 100", qr.element_handle())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["viewport"]["width"], f"the page is {width}px wide on a 360px screen"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_copy_button_copies_the_feed_url(site_url: str, browser, lang: str) -> None:
    context = browser.new_context(**PHONE)
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        page, _ = open_recording(context, calendar_url(site_url, lang))
        field = page.locator("input.feed-url")
        button = page.locator("button.feed-copy")
        assert button.is_visible() and button.inner_text() == LABELS[lang]["copy"]
        button.click()
        page.wait_for_function("label => document.querySelector('button.feed-copy').textContent === label",
                               arg=LABELS[lang]["copied"])
        assert page.evaluate("navigator.clipboard.readText()") == field.input_value()
        assert field.input_value().endswith(f"/calendar/{lang}.ics")
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_the_url_is_in_a_field_and_no_button_is_shown(site_url: str, browser, lang: str) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        page, _ = open_recording(context, calendar_url(site_url, lang))
        field = page.locator("input.feed-url")
        assert field.is_visible() and field.input_value().endswith(f"/calendar/{lang}.ics")
        assert field.get_attribute("readonly") is not None
        assert not page.locator("button.feed-copy").is_visible(), "a button that cannot work without JavaScript"
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_embeddable_list_loads_only_its_own_style_sheet(site_url: str, phone, lang: str) -> None:
    page, requested = open_recording(phone, f"{site_url}calendar/{lang}/embed.html")
    assert sorted(requested) == sorted([f"{site_url}calendar/{lang}/embed.html", f"{site_url}calendar/embed.css"])
    assert page.locator("script").count() == 0
    assert page.locator("li").count() >= 14
    assert page.evaluate("getComputedStyle(document.querySelector('.when')).display") == "block"  # its CSS applied
