"""Command line for translators and the NGO (run from the project folder):

    python -m sitebuild.translations check                        check every page, data file and term, as the build does
    python -m sitebuild.translations status                       reviewed / draft / stale / missing, per page and language;
                                                                  what changed in the Russian text; avoided terms
    python -m sitebuild.translations terms                        every variant glossary/terms.yaml says to avoid, file:line
    python -m sitebuild.translations mark ky/swit/index.md [...]  record that these translations match their Russian page now
    python -m sitebuild.translations mark --state reviewed kk/help.md      … and that a native speaker has checked them
    python -m sitebuild.translations mark --all-current           record every existing translation as up to date (once, at setup)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitebuild.translations import TranslationError, check_data, check_docs, check_terms, page_paths, render_text, translation_status
from sitebuild.translations.pages import TRANSLATION_STATES
from sitebuild.translations.record import mark
from sitebuild.translations.status import TRANSLATED
from sitebuild.yaml_lines import SourceError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild.translations", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("command", choices=["check", "status", "terms", "mark"])
    parser.add_argument("pages", nargs="*", help="for mark: pages as ky/swit/index.md or docs/ky/swit/index.md")
    parser.add_argument("--docs", default="docs", type=Path, help="the folder with ru/, ky/ and kk/ (default: docs)")
    parser.add_argument("--project", default=".", type=Path, help="the project folder, with glossary/, interface/… (default: .)")
    parser.add_argument("--state", choices=TRANSLATION_STATES, help="for mark: also set `translation:` to this")
    parser.add_argument("--all-current", action="store_true", help="for mark: every existing ky and kk page")
    args = parser.parse_intermixed_args(argv)
    try:
        if args.command == "mark":
            return _mark(parser, args)
        pages = check_docs(args.docs)
        findings = check_terms(args.project, pages, check_data(args.project))
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.command == "status":
        print(render_text(translation_status(pages, changes=True)), end="")
    if findings or args.command == "terms":
        print(("\n" if args.command == "status" else "")
              + f"Terms to replace (glossary/terms.yaml: one word for one thing): {len(findings)}")
        for finding in findings:
            print(f"  {finding}")
    elif args.command == "check":
        print(f"{args.docs}: {sum(map(len, pages.values()))} pages, the data files and the terms: OK")
    return 1 if findings and args.command != "status" else 0


def _mark(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.all_current == bool(args.pages):
        parser.error("mark: name the pages (e.g. ky/swit/index.md) or give --all-current, not both")
    if args.all_current:
        targets = [(lang, path) for lang in TRANSLATED if (args.docs / lang).is_dir()
                   for path in page_paths(args.docs, lang)]
    else:
        targets = [_split(args.docs, page) for page in args.pages]
    for lang, path in targets:
        digest = mark(args.docs, lang, path, state=args.state)
        print(f"{lang}/{path}: source_hash {digest}" + (f", translation: {args.state}" if args.state else ""))
    return 0


def _split(docs: Path, page: str) -> tuple[str, str]:
    """"ky/swit/index.md", "docs/ky/swit/index.md" or a path to the file -> ("ky", "swit/index.md")."""
    given = Path(page)
    try:
        inside = given.resolve().relative_to(docs.resolve()) if given.exists() else given
    except ValueError:
        inside = given
    parts = inside.as_posix().split("/")
    if parts and parts[0] == docs.name and len(parts) > 2:
        parts = parts[1:]
    if len(parts) < 2 or parts[0] not in TRANSLATED or not page.endswith(".md"):
        raise TranslationError(page, None, "name a translated page as <language>/<path>, e.g. ky/swit/index.md "
                                           f"(language: {' or '.join(TRANSLATED)})")
    return parts[0], "/".join(parts[1:])


if __name__ == "__main__":
    sys.exit(main())
