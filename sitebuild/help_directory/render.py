"""HTML for the help directory: the help page (by country and city), a memo's "who can help" part
for one country, the emergency numbers. Generated from the Directory; nothing is retyped.

Every text from the file is HTML-escaped; phone numbers are tel: links, web addresses links with
rel="noreferrer"; nothing is loaded from another host. Headings are Markdown (so the page's table
of contents and the strict build's anchor check see them); entries are raw HTML blocks.
"""

from __future__ import annotations

import posixpath
import re
from datetime import date
from html import escape

from sitebuild.help_directory.load import Contact, Directory, Service
from sitebuild.keydates.pages import day_label

HELP_PAGE = "help.md"
MARKDOWN_SPECIAL = re.compile(r"[\\`*_\[\]{}<>#|!]")


def _md(text: str) -> str:
    """Text that Markdown shows as it is."""
    return MARKDOWN_SPECIAL.sub(r"\\\g<0>", escape(text, quote=False))


def _h(text: str) -> str:
    return escape(text, quote=True)


def country_anchor(country: str) -> str:
    return f"help-{country}"


def checked_on(day: date, lang: str) -> str:
    return f'<time datetime="{day.isoformat()}">{_h(day_label(lang, day.day, day.month))} {day.year}</time>'


def _link(url: str, text: str) -> str:
    return f'<a href="{_h(url)}" rel="noreferrer">{_h(text)}</a>'


def _source(source: str) -> str:
    return _link(source, source) if source.startswith(("https://", "http://")) else _h(source)


def contact_html(contact: Contact, lang: str, labels: dict[str, str]) -> str:
    channels = []
    if contact.phone:
        channels.append(f'<a href="{_h(contact.tel)}">{_h(contact.phone)}</a>')
    if contact.messenger:
        channels.append(f"<span>{_h(contact.messenger)}</span>")
    if contact.web:
        channels.append(_link(contact.web, contact.web.split("://", 1)[1].rstrip("/")))
    if contact.email:
        channels.append(f'<a href="mailto:{_h(contact.email)}">{_h(contact.email)}</a>')
    hours = f'<br>{_h(labels["hours"])}: {_h(contact.hours[lang])}' if contact.hours else ""
    checked = (f'<br><small class="help-checked">{_h(labels["checked"])} {checked_on(contact.checked, lang)}'
               f' · {_h(labels["source"])}: {_source(contact.source)}</small>')
    return f'<li>{" · ".join(channels)}{hours}{checked}</li>'


def service_html(service: Service, directory: Directory, lang: str, labels: dict[str, str], *, with_id: bool) -> str:
    anchor = f' id="help-{_h(service.id)}"' if with_id else ""
    parts = [f'<div class="help-service"{anchor}>', f"<p><strong>{_h(service.name[lang])}</strong>"]
    if service.about:
        parts.append(f"<br>{_h(service.about[lang])}")
    parts.append("</p>")
    if service.helps_with:
        kinds = ", ".join(directory.kinds[kind][lang] for kind in service.helps_with)
        parts.append(f'<p class="help-kinds">{_h(labels["helps_with"])}: {_h(kinds)}</p>')
    if service.languages:
        spoken = ", ".join(directory.spoken_languages[code][lang] for code in service.languages)
        parts.append(f'<p class="help-languages">{_h(labels["languages"])}: {_h(spoken)}</p>')
    if service.contacts:
        parts.append('<ul class="help-contacts">'
                     + "".join(contact_html(contact, lang, labels) for contact in service.contacts) + "</ul>")
    parts.append("</div>")
    return "".join(parts)


def _block(html_parts: list[str]) -> str:
    """A raw HTML block Markdown leaves alone: one line, blank lines around it."""
    return "\n\n" + '<div class="help-directory">' + "".join(html_parts) + "</div>" + "\n\n"


def in_order(known: list[str], first: tuple[str, ...]) -> list[str]:
    """`known` with the countries named in `first` (a page's choice, e.g. the reader's country) first."""
    return [c for c in first if c in known] + [c for c in known if c not in first]


def directory_page(directory: Directory, lang: str, labels: dict[str, str], *, first: tuple[str, ...] = ()) -> str:
    """Every organisation, by country and then by city (those without a city first)."""
    out = []
    if not any(service.contacts for service in directory.services):
        out.append(f"{_md(labels['no_contacts'])}\n\n")
    for country in in_order(list(directory.countries), first):
        names, services = directory.countries[country], directory.in_country(country)
        if not services:
            continue
        out.append(f"### {_md(names[lang])} {{ #{country_anchor(country)} }}\n")
        cities: dict[str, list[Service]] = {"": []}  # no city ("the whole country") first
        for service in services:
            cities.setdefault(service.city[lang] if service.city else "", []).append(service)
        if not cities[""]:
            del cities[""]
        for number, (city, in_city) in enumerate(cities.items(), start=1):
            if city:
                out.append(f"\n#### {_md(city)} {{ #{country_anchor(country)}-{number} }}\n")
            out.append(_block([service_html(s, directory, lang, labels, with_id=True) for s in in_city]))
    return "".join(out)


def country_part(directory: Directory, country: str, lang: str, labels: dict[str, str], *, page: str) -> str:
    """A memo's "who can help" addition for one country: the organisations with a verified
    contact, and a link to all of the country's organisations on the help page."""
    reachable = [service for service in directory.in_country(country) if service.contacts]
    link = posixpath.relpath(HELP_PAGE, posixpath.dirname(page) or ".") + "#" + country_anchor(country)
    out = []
    if reachable:
        out.append(_block([service_html(s, directory, lang, labels, with_id=False) for s in reachable]))
    else:
        out.append(f"\n\n{_md(labels['none_in_country'])}")
    if directory.in_country(country):
        out.append(f" [{_md(labels['all_in_country'])}]({link})")
    return "".join(out) + "\n\n"


def emergency_list(directory: Directory, lang: str, *, countries: list[str] | None = None, first: tuple[str, ...] = (),
                   css: str = "emergency-numbers") -> str:
    """The emergency numbers of each country (or of the given ones), as tel: links."""
    items = []
    for country in countries or in_order(list(directory.emergency), first):
        numbers = ", ".join(f'<a href="{number.tel}">{_h(number.number)}</a> — {_h(number.names[lang])}'
                            for number in directory.emergency[country])
        name = directory.countries[country][lang]
        items.append(f"<li><strong>{_h(name)}:</strong> {numbers}</li>" if countries is None else numbers)
    if countries is None:
        return f'\n\n<ul class="{css}">' + "".join(items) + "</ul>\n\n"
    return f'\n\n<p class="{css}">' + "; ".join(items) + "</p>\n\n"
