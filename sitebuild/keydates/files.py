"""All calendar files of a site, computed in memory first and then written, never half."""

from __future__ import annotations

from sitebuild.keydates.data import dates_json
from sitebuild.keydates.embed import CSS, embed_html
from sitebuild.keydates.feed import language_files
from sitebuild.keydates.load import LANGUAGES, KeyDates
from sitebuild.keydates.qr import qr_svg
from sitebuild.keydates.texts import LABELS
from sitebuild.languages import DEFAULT_LANGUAGE
from sitebuild.urls import (DATES_JSON, EMBED_CSS, absolute, embed_path, event_path, feed_path, organiser_path,
                            qr_path, topic_path)


def feed_files(dates: KeyDates, *, site_url: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, bytes]:
    """Site path -> bytes for every feed, event file, QR code and embeddable list of `languages`,
    and (with the default language) dates.json and the list's style sheet."""
    files = {}
    by_id = {e.id: e for e in dates.events}
    for lang in languages:
        calendars = language_files(dates, lang, site_url=site_url)
        files[feed_path(lang)] = calendars["feed"]
        files[organiser_path(lang)] = calendars["organiser"]
        files.update({topic_path(lang, category): body for category, body in calendars["topics"].items()})
        files.update({event_path(lang, by_id[event_id].neutral_id): body for event_id, body in calendars["events"].items()})
        files[qr_path(lang)] = qr_svg(absolute(site_url, feed_path(lang)), title=LABELS[lang]["qr"])
        files[embed_path(lang)] = embed_html(dates, lang)
    if DEFAULT_LANGUAGE in languages:
        files[DATES_JSON] = dates_json(dates, site_url=site_url)
        files[EMBED_CSS] = CSS
    return files
