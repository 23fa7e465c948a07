"""Values of mkdocs.yml (and the SITE_URL environment variable) that reach pages and feeds: checked
before anything is built, each with a message that says what to write.

Plain Python, no MkDocs import.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

CALENDAR_YEARS = range(2000, 2101)
URL_UNSAFE = re.compile(r"[\s\"'<>`\\{}|^\x00-\x1f\x7f]")


class ConfigValueError(ValueError):
    """A configuration value that cannot be used, worded for the person deploying the site."""


def check_site_url(value: object, *, where: str = "SITE_URL (or site_url in mkdocs.yml)") -> str:
    """The site's public address: an absolute http(s) URL without spaces, quotes, query or fragment.
    Returns it with a final '/'."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ConfigValueError(f"{where} is empty: set it to the address, e.g. https://example.org/"
                               + (" (or leave SITE_URL unset for local work)" if where.startswith("SITE_URL") else ""))
    if not isinstance(value, str):
        raise ConfigValueError(f"{where} must be text, an address such as https://example.org/")
    if URL_UNSAFE.search(value):
        raise ConfigValueError(f"{where} '{value}' contains a space, a quote or another character an address "
                               "cannot have: write it as https://example.org/path/")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigValueError(f"{where} '{value}' is not an absolute http(s) address: write it as "
                               "https://example.org/ (with https:// and the host name)")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise ConfigValueError(f"{where} '{value}' has a query ('?…') or a fragment ('#…'): give the site's "
                               "address only, e.g. https://example.org/path/")
    if parts.username or parts.password:
        raise ConfigValueError(f"{where} '{value}' contains a user name or password: remove them")
    try:
        parts.port
    except ValueError:
        raise ConfigValueError(f"{where} '{value}' has an invalid port: write it as https://example.org:8443/") from None
    return value if value.endswith("/") else value + "/"


def check_calendar_year(value: object) -> int:
    """extra.calendar_year: the year of the printable year view, a whole number in CALENDAR_YEARS."""
    where = "mkdocs.yml: extra.calendar_year"
    hint = f"write a year from {CALENDAR_YEARS.start} to {CALENDAR_YEARS.stop - 1}, e.g. 'calendar_year: 2027'"
    if value is None:
        raise ConfigValueError(f"{where} is missing: {hint}")
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConfigValueError(f"{where} is '{value}', not a year: {hint}")
    if value not in CALENDAR_YEARS:
        raise ConfigValueError(f"{where} is {value}, not a year this calendar can show: {hint}")
    return value


def check_quick_exit_url(value: object) -> str:
    """extra.quick_exit.url: where the quick exit sends the reader, an ordinary https address."""
    where = "mkdocs.yml: extra.quick_exit.url"
    url = check_site_url(value, where=where)
    if not url.startswith("https://"):
        raise ConfigValueError(f"{where} '{value}' must start with https:// (a reader leaving in a hurry "
                               "must not land on an insecure page)")
    return value
