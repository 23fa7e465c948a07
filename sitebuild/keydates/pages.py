"""Markdown and HTML for the calendar pages, generated from KeyDates (no date is retyped).

Links between pages are Markdown links between .md files, so the strict build checks them;
links to .ics files (written after the build) are HTML links with relative URLs.
"""

from __future__ import annotations

import calendar as stdcalendar
import posixpath
from datetime import date
from html import escape

from sitebuild.content_policy import markdown_text
from sitebuild.keydates.load import KeyDate, KeyDates
from sitebuild.keydates.texts import DAY_FORMAT, LABELS, MONTHS, MONTHS_OF, WEEKDAYS
from sitebuild.urls import absolute, event_path, feed_path, page_path, relative

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


def day_label(lang: str, day: int, month: int) -> str:
    return DAY_FORMAT[lang].format(day=day, month=MONTHS_OF[lang][month - 1])


def when(event: KeyDate, lang: str) -> str:
    """"3 марта", "25 ноября – 10 декабря", "3 марта 2027"."""
    start = day_label(lang, event.day, event.month)
    if event.multi_day:
        start += " – " + day_label(lang, event.end_day, event.end_month)
    return start if event.yearly else f"{start} {event.end_year}"


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
        ics = relative(here, event_path(lang, event.id))
        parts.append(
            f"### {when(event, lang)} — {markdown_text(text.title)} {{ #{event.id} }}\n\n"
            f"{markdown_text(text.description)}{since}\n\n"
            f'<a href="{ics}" download>{labels["add"]}</a> · '
            f"[{labels['more']}]({md_link(page, event.page)})\n"
        )
    return "\n".join(parts)


def subscribe_block(lang: str, *, page: str, site_url: str) -> str:
    """webcal:// and https links for subscribing, and the whole feed as a download."""
    labels = LABELS[lang]
    https = absolute(site_url, feed_path(lang))
    webcal = "webcal://" + https.split("://", 1)[1]
    local = relative(page_path(lang, page), feed_path(lang))
    return (
        f'- <a href="{escape(webcal)}">{labels["subscribe"]}</a> (webcal)\n'
        f"- {labels['feed_link']}: `{https}`\n"
        f'- <a href="{local}" download>{labels["download_all"]}</a>\n'
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
