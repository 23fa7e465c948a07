"""Feed generation time on synthetic key dates: 10, 100, 1,000 events.

The events are the real calendar/dates.yaml entries repeated with new ids and days, so each
has real texts in every language. Two timings per size:
  feed_bytes  — the Russian subscription feed (one calendar with every event);
  feed_files  — everything a build writes: the subscription, organiser and topic feeds, one
                single-event file per event, QR codes, embeddable lists and dates.json, for
                all three languages.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from dataclasses import dataclass

from bench.builds import ROOT

SITE_URL = "https://example.org/"


def synthetic_dates(n: int):
    from sitebuild.keydates.load import load_dates

    real = load_dates(ROOT / "calendar" / "dates.yaml")
    events = []
    for i in range(n):
        base = real.events[i % len(real.events)]
        month, day = i % 12 + 1, i % 28 + 1
        events.append(dataclasses.replace(
            base, id=f"{base.id}-{i}", month=month, day=day, year=None,
            end_month=month, end_day=day, end_year=None,
        ))
    return dataclasses.replace(real, events=tuple(events))


@dataclass
class FeedTiming:
    events: int
    feed_bytes: list[float]
    feed_files: list[float]
    files: int
    feed_size: int


def _time(call, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def measure(sizes: list[int], runs: int, log) -> list[FeedTiming]:
    from sitebuild.keydates.feed import feed_bytes
    from sitebuild.keydates.files import feed_files

    _time(lambda: feed_files(synthetic_dates(10), site_url=SITE_URL), 1)  # warm-up: imports, caches
    results = []
    for n in sizes:
        dates = synthetic_dates(n)
        one = _time(lambda: feed_bytes(dates, "ru", site_url=SITE_URL), runs)
        every = _time(lambda: feed_files(dates, site_url=SITE_URL), runs)
        files = feed_files(dates, site_url=SITE_URL)
        results.append(FeedTiming(n, one, every, len(files), len(feed_bytes(dates, "ru", site_url=SITE_URL))))
        log(f"  feeds: {n} events: feed_bytes {statistics.median(one):.3f} s, feed_files {statistics.median(every):.3f} s")
    return results
