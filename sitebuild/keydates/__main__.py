"""Command line: check calendar/dates.yaml, or write the .ics feeds without MkDocs.

    python -m sitebuild.keydates check [calendar/dates.yaml]
    python -m sitebuild.keydates feeds --site-url https://example.org/ --out site/ [calendar/dates.yaml]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitebuild.keydates.files import feed_files
from sitebuild.output import write_files
from sitebuild.keydates.load import DatesError, load_dates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.keydates", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["check", "feeds"])
    parser.add_argument("dates", nargs="?", default="calendar/dates.yaml", type=Path)
    parser.add_argument("--docs", default="docs/ru", type=Path, help="pages that events may link to")
    parser.add_argument("--site-url", default="http://127.0.0.1:8000/")
    parser.add_argument("--out", default="site", type=Path)
    args = parser.parse_args(argv)
    try:
        dates = load_dates(args.dates, page_exists=lambda page: (args.docs / page).is_file())
    except DatesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.command == "feeds":
        files = feed_files(dates, site_url=args.site_url)
        write_files(files, args.out)
        print(f"wrote {len(files)} files under {args.out}")
    else:
        print(f"{args.dates}: {len(dates.events)} events, OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
