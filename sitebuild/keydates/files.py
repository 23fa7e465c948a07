"""All feed files of a site, computed in memory first and then written, never half."""

from __future__ import annotations

from sitebuild.keydates.feed import language_files
from sitebuild.keydates.load import LANGUAGES, KeyDates
from sitebuild.urls import event_path, feed_path


def feed_files(dates: KeyDates, *, site_url: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, bytes]:
    """Site path -> bytes for every feed and every single-event file."""
    files = {}
    for lang in languages:
        feed, events = language_files(dates, lang, site_url=site_url)
        files[feed_path(lang)] = feed
        files.update({event_path(lang, event_id): body for event_id, body in events.items()})
    return files
