"""Command line for the NGO that keeps help/services.yaml (run from the project folder):

    python -m sitebuild.help_directory check     check the file as the build does
    python -m sitebuild.help_directory status    every contact by age, oldest first; exit 1 if one is too old
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from sitebuild.help_directory.age import describe, stale_contacts, status_table
from sitebuild.help_directory.load import SERVICES_FILE, ServicesError, load_services


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.help_directory", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("command", choices=["check", "status"])
    parser.add_argument("--file", default=SERVICES_FILE, type=Path, help=f"default: {SERVICES_FILE}")
    args = parser.parse_args(argv)
    try:
        directory = load_services(args.file)
    except ServicesError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.command == "check":
        print(f"{args.file}: {len(directory.services)} organisations, {len(directory.contacts())} contacts, OK")
        return 0
    today = date.today()  # the one use of the clock: how old the contacts are today
    print(status_table(directory, today), end="")
    stale = stale_contacts(directory, today)
    for age in stale:
        print(f"error: {describe(age, directory)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
