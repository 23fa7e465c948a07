"""Markdown and HTML for the calendar pages, generated from KeyDates (no date is retyped).

Links between pages are Markdown links between .md files, so the strict build checks them;
links to .ics files (written after the build) are HTML links with relative URLs.
"""

from __future__ import annotations

import calendar as stdcalendar
import posixpath
from datetime import date
from html import escape
from urllib.parse import quote

from sitebuild.content_policy import markdown_text
from sitebuild.keydates.embed import embed_snippet
from sitebuild.keydates.feed import organiser_name
from sitebuild.keydates.load import KeyDate, KeyDates
from sitebuild.keydates.qr import qr_size
from sitebuild.keydates.texts import LABELS, MONTHS, WEEKDAYS, day_label, when  # day_label: also help_directory
from sitebuild.urls import (DATES_JSON, absolute, embed_path, event_path, feed_path, organiser_path, page_path,
                            qr_path, relative, topic_path)

SWIT_CHAPTER_PAGES = {
    1: "swit/community-empowerment.md",
    2: "swit/violence.md",
    3: "swit/community-led-services.md",
    4: "swit/condoms-lubricants.md",
    5: "swit/clinical-services.md",
    6: "swit/programme-management.md",
}
# The 2021 Tais Plus wall calendar (seed 002) pairs months with SWIT chapters.
MONTH_CHAPTERS = {1: (1,), 2: (1,), 3: (1,), 4: (1, 2), 5: (2,), 6: (3,), 7: (3,), 8: (4,),
                  9: (5,), 10: (5,), 11: (5,), 12: (6,)}


def md_link(from_md: str, to_md: str) -> str:
    return posixpath.relpath(to_md, posixpath.dirname(from_md) or ".")


def key_dates_list(dates: KeyDates, lang: str, *, page: str) -> str:
    """A short list, date and title, for the home page."""
    lines = [
        f"- **{when(e, lang)}** — [{markdown_text(e.texts[lang].title)}]({md_link(page, e.page)})"
        for e in dates.in_year_order()
    ]
    return "\n".join(lines)


def key_dates_full(dates: KeyDates, lang: str, *, page: str) -> str:
    """Every date with its origin, a link to its page and an "add to calendar" file."""
    labels, here, parts = LABELS[lang], page_path(lang, page), []
    for event in dates.in_year_order():
        text = event.texts[lang]
        since = " " + labels["since"].format(year=event.since) if event.since else ""
        ics = relative(here, event_path(lang, event.neutral_id))
        parts.append(
            f"### {when(event, lang)} — {markdown_text(text.title)} {{ #{event.id} }}\n\n"
            f"{markdown_text(text.description)}{since}\n\n"
            f'<a href="{ics}" download="{event.neutral_id}.ics">{labels["add"]}</a> · '
            f"[{labels['more']}]({md_link(page, event.page)})\n"
        )
    return "\n".join(parts)


def webcal(https: str) -> str:
    return "webcal://" + https.split("://", 1)[1]


def google_link(https: str) -> str:
    """Google Calendar's "add by URL" (calendar-clients review, §4): nothing loads until clicked."""
    return "https://calendar.google.com/calendar/r?cid=" + quote(webcal(https), safe="")


def outlook_link(https: str, name: str) -> str:
    """Outlook.com's "subscribe from web" (calendar-clients review, §4)."""
    return f"https://outlook.live.com/calendar/0/addfromweb?url={quote(https, safe='')}&name={quote(name, safe='')}"


def client_links(https: str, name: str, lang: str) -> str:
    """One-click subscription in Apple's, Google's and Microsoft's calendars (list items)."""
    labels = LABELS[lang]
    return (
        f'<li><a href="{escape(webcal(https))}">{labels["apple"]}</a> (webcal)</li>'
        f'<li><a href="{escape(google_link(https))}" rel="noreferrer noopener">{labels["google"]}</a> '
        f'({labels["opens_google"]})</li>'
        f'<li><a href="{escape(outlook_link(https, name))}" rel="noreferrer noopener">{labels["outlook"]}</a> '
        f'({labels["opens_outlook"]})</li>'
    )


def subscribe_block(dates: KeyDates, lang: str, *, page: str, site_url: str) -> str:
    """The feed URL in a field to select (a copy button with JavaScript), one-click links for
    each client, the QR code of the URL, and the whole feed as a download (HTML)."""
    labels = LABELS[lang]
    here = page_path(lang, page)
    https = absolute(site_url, feed_path(lang))
    size = qr_size(https)
    return (
        '<div class="feed-subscribe">'
        f'<p class="feed-field"><label for="feed-url-{lang}">{labels["feed_link"]}</label> '
        f'<input id="feed-url-{lang}" class="feed-url" type="text" value="{escape(https)}" readonly> '
        f'<button type="button" class="md-button feed-copy" data-copy="feed-url-{lang}" '
        f'data-copied="{labels["copied"]}" hidden>{labels["copy"]}</button></p>'
        f'<ul class="feed-clients">{client_links(https, dates.calendar[lang].title, lang)}</ul>'
        f'<figure class="feed-qr"><img src="{relative(here, qr_path(lang))}" width="{size}" height="{size}" '
        f'alt="{labels["qr"]}: {escape(https)}"><figcaption>{labels["qr_hint"]}</figcaption></figure>'
        f'<p><a href="{relative(here, feed_path(lang))}" download="{lang}.ics">{labels["download_all"]}</a></p>'
        "</div>"
    )


def organiser_block(dates: KeyDates, lang: str, *, site_url: str) -> str:
    """The organiser feed's URL and its one-click links (HTML)."""
    https = absolute(site_url, organiser_path(lang))
    return (f'<div class="feed-organiser"><p><code>{escape(https)}</code></p>'
            f'<ul class="feed-clients">{client_links(https, organiser_name(dates, lang), lang)}</ul></div>')


def topics_block(dates: KeyDates, lang: str, *, site_url: str) -> str:
    """One feed per category: name, URL, webcal link (HTML)."""
    items = "".join(
        f'<li>{escape(names[lang])}: <code>{escape(absolute(site_url, topic_path(lang, category)))}</code> · '
        f'<a href="{escape(webcal(absolute(site_url, topic_path(lang, category))))}">{LABELS[lang]["apple"]}</a></li>'
        for category, names in dates.categories.items()
    )
    return f'<ul class="feed-topics">{items}</ul>'


def data_block(dates: KeyDates, lang: str, *, page: str, site_url: str) -> str:
    """The JSON file, and the embeddable list with the snippet to paste (HTML, one element a line)."""
    labels = LABELS[lang]
    here = page_path(lang, page)
    json_url = absolute(site_url, DATES_JSON)
    snippet = embed_snippet(absolute(site_url, embed_path(lang)), dates.calendar[lang].title)
    return (
        f'<p class="feed-json"><a href="{relative(here, DATES_JSON)}">{labels["json"]}</a>: '
        f"<code>{escape(json_url)}</code></p>\n"
        f'<p class="feed-embed"><a href="{relative(here, embed_path(lang))}">{labels["embed"]}</a></p>\n'
        f'<pre class="embed-snippet"><code>{escape(snippet)}</code></pre>'
    )


def year_view(dates: KeyDates, lang: str, year: int, *, page: str, chapter_titles: dict[int, str]) -> str:
    """Twelve month grids with key dates marked, each with its SWIT chapter theme (HTML)."""
    here = page_path(lang, page)
    labels = LABELS[lang]
    by_day: dict[date, list[KeyDate]] = {}
    for event in dates.events:
        first = event.first_day(year)
        if event.yearly or first.year == year:
            by_day.setdefault(first, []).append(event)
    head = "".join(
        f'<th scope="col"><abbr title="{full}">{short}</abbr></th>' for short, full in WEEKDAYS[lang]
    )
    months = []
    for month in range(1, 13):
        name = MONTHS[lang][month - 1]
        themes = " · ".join(
            f'<a href="{relative(here, page_path(lang, SWIT_CHAPTER_PAGES[n]))}">'
            f'{labels["chapter"].format(number=n)}: {escape(chapter_titles[n])}</a>'
            for n in MONTH_CHAPTERS[month]
        )
        rows = []
        for week in stdcalendar.Calendar(firstweekday=0).monthdayscalendar(year, month):
            cells = []
            for day in week:
                events = by_day.get(date(year, month, day), []) if day else []
                if not day:
                    cells.append("<td></td>")
                elif events:
                    title = escape("; ".join(e.texts[lang].title for e in events))
                    cells.append(f'<td class="key-date"><strong title="{title}">{day}</strong></td>')
                else:
                    cells.append(f"<td>{day}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        listed = "".join(
            f'<li><strong>{when(e, lang)}</strong> — '
            f'<a href="{relative(here, page_path(lang, e.page))}">{escape(e.texts[lang].title)}</a></li>'
            for d in sorted(by_day) if d.month == month for e in by_day[d]
        )
        dates_list = f'<ul class="month-dates" aria-label="{labels["key_dates_in"]}">{listed}</ul>' if listed else ""
        months.append(
            f'<section class="month">'
            f'<h2 class="month-name">{name.capitalize()} {year}</h2>'
            f'<p class="month-theme">{themes}</p>'
            f'<table class="month-grid"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
            f"{dates_list}</section>"
        )
    return '<div class="year-view">' + "".join(months) + "</div>"
