"""All feed files of a site, computed in memory first and then written, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from keydates.feed import event_bytes, feed_bytes
from keydates.load import LANGUAGES, KeyDates
from keydates.urls import event_path, feed_path


def feed_files(dates: KeyDates, *, site_url: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, bytes]:
    """Site path -> bytes for every feed and every single-event file."""
    files = {}
    for lang in languages:
        files[feed_path(lang)] = feed_bytes(dates, lang, site_url=site_url)
        for event in dates.events:
            files[event_path(lang, event.id)] = event_bytes(dates, event, lang, site_url=site_url)
    return files


def write_files(files: dict[str, bytes], out_dir: Path) -> None:
    """Write each file through a temporary file and an atomic rename."""
    for rel, content in sorted(files.items()):
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, target)
        except BaseException:
            os.unlink(tmp)
            raise
