"""All feed files of a site, computed in memory first and then written, never half."""

from __future__ import annotations

from keydates.feed import event_bytes, feed_bytes
from keydates.load import LANGUAGES, KeyDates
from site_urls import event_path, feed_path


def feed_files(dates: KeyDates, *, site_url: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, bytes]:
    """Site path -> bytes for every feed and every single-event file."""
    files = {}
    for lang in languages:
        files[feed_path(lang)] = feed_bytes(dates, lang, site_url=site_url)
        for event in dates.events:
            files[event_path(lang, event.id)] = event_bytes(dates, event, lang, site_url=site_url)
    return files
