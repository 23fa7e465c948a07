"""Command line: check calendar/dates.yaml, record its revisions, or write the calendar files
without MkDocs.

    python -m sitebuild.keydates check [calendar/dates.yaml]
    python -m sitebuild.keydates lock  [calendar/dates.yaml]   after changing an event and its `updated`
    python -m sitebuild.keydates feeds --site-url https://example.org/ --out site/ [calendar/dates.yaml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitebuild.keydates.files import feed_files
from sitebuild.keydates.load import DatesError, load_dates
from sitebuild.keydates.lock import check_lock, lock_path, lock_text
from sitebuild.output import write_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.keydates", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "lock", "feeds"])
    parser.add_argument("dates", nargs="?", default="calendar/dates.yaml", type=Path)
    parser.add_argument("--docs", default="docs", type=Path, help="the docs folder (docs/<lang>/…) events link to")
    parser.add_argument("--site-url", default="http://127.0.0.1:8000/")
    parser.add_argument("--out", default="site", type=Path)
    args = parser.parse_args(argv)
    lock = lock_path(args.dates)
    try:
        dates = load_dates(args.dates, page_exists=lambda page, lang: (args.docs / lang / page).is_file())
        if lock.exists():  # (the build requires calendar/dates.lock; a first `lock` writes it)
            check_lock(dates, lock)
    except DatesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.command == "feeds":
        files = feed_files(dates, site_url=args.site_url)
        write_files(files, args.out)
        print(f"wrote {len(files)} files under {args.out}")
    elif args.command == "lock":
        write_files({lock.name: lock_text(dates).encode("utf-8")}, lock.parent)
        print(f"{lock}: {len(dates.events)} events recorded")
    else:
        print(f"{args.dates}: {len(dates.events)} events, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
