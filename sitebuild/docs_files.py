"""Only the site's own files are published: what may stand in docs/.

Plain Python, no MkDocs import. MkDocs copies every file of docs/ into the site and follows
symbolic links; this check runs first and stops the build on
  - anything at the top of docs/ but the language folders (docs/ru, docs/ky, docs/kk);
  - a symbolic link (it can publish a file from anywhere on the machine);
  - a file whose type is not in ALLOWED_SUFFIXES (editor backups `page.md~`, `.swp`, Word files…);
  - a file larger than its limit (readers pay for every byte);
  - an SVG picture with a script, an event attribute or a link to another host (an SVG file
    opened on its own runs its scripts).
"""

from __future__ import annotations

import os
from pathlib import Path

from sitebuild.content_policy import FORBIDDEN_TAGS, PolicyError, attribute_problem, start_tags
from sitebuild.languages import LANGUAGES

# Markdown pages and the kinds of pictures and files pages use (CONTRIBUTING.md lists them).
ALLOWED_SUFFIXES = frozenset({".md", ".svg", ".png", ".jpg", ".jpeg", ".webp"})
MAX_FILE_BYTES = 2 * 1024 * 1024  # pictures and PDFs; pages have their own limit (translations.pages)
SVG_FORBIDDEN = frozenset(FORBIDDEN_TAGS) - {"svg"} | {"foreignobject", "use", "image", "animate", "set"}


def check_docs_files(docs: Path) -> list[Path]:
    """Raise PolicyError for the first file of docs/ that is not published; return the files."""
    found: list[Path] = []
    for entry in sorted(docs.iterdir()):
        if entry.name not in LANGUAGES or entry.is_symlink() or not entry.is_dir():
            raise PolicyError(entry, None, f"docs/ holds only the language folders "
                                           f"({', '.join(f'docs/{lang}/' for lang in LANGUAGES)}); move it into one of them")
    for folder, dirs, names in os.walk(docs, followlinks=False):
        base = Path(folder)
        for name in sorted(dirs + names):
            path = base / name
            if path.is_symlink():
                raise PolicyError(path, None, "this is a symbolic link: links can publish files from "
                                              "outside the project. Put a copy of the file itself here instead")
        for name in sorted(dirs):
            if name.startswith("."):
                raise PolicyError(base / name, None, "a hidden folder: nothing in docs/ "
                                                     "may be hidden. Move it out of docs/")
        for name in sorted(names):
            path = base / name
            suffix = path.suffix
            if suffix not in ALLOWED_SUFFIXES or name.startswith("."):
                raise PolicyError(path, None, "not a file this site publishes (allowed: "
                                              f"{', '.join(sorted(ALLOWED_SUFFIXES))}, in small letters; no hidden files). "
                                              "An editor's backup or a Word document? Delete it, or move it out of docs/")
            if suffix != ".md" and path.stat().st_size > MAX_FILE_BYTES:
                raise PolicyError(path, None, f"the file is {path.stat().st_size // 1024} KB; at most "
                                              f"{MAX_FILE_BYTES // 1024} KB: make the picture smaller")
            if suffix == ".svg":
                check_svg(path)
            found.append(path)
    return found


def check_svg(path: Path) -> None:
    """An SVG picture: drawing only, nothing that runs or loads."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise PolicyError(path, None, "this SVG picture is not UTF-8 text: export it again as plain SVG") from None
    for line, tag, attrs in start_tags(text):
        if tag in SVG_FORBIDDEN:
            raise PolicyError(path, line, f"<{tag}> in an SVG picture can run code or load another file: "
                                          "export the picture again as plain SVG (paths only)")
        for name, value in attrs:
            if name in {"href", "xlink:href"} and not (value or "").startswith("#"):
                raise PolicyError(path, line, f"<{tag}> links to '{value}' inside the picture: remove the link")
            if name != "style" and (problem := attribute_problem(name, value, allowed=None)):
                raise PolicyError(path, line, f"<{tag}>: {problem}")
            if name == "style" and "url(" in (value or "").lower():
                raise PolicyError(path, line, f"<{tag}>: 'url(' in a style loads another file: remove it")
