"""How MkDocs was started, for the hooks: `mkdocs serve` (a translator's preview) or a build,
and what the preview keeps from one rebuild to the next.

`mkdocs serve` loads the configuration, and so the hook modules, anew for every rebuild, but
calls on_startup only once: the hooks record the command here, in a module that stays loaded.
While serving, the hooks skip what a preview does not need (offline zips, the stylesheet
bundle, the other languages when a translator saved one page of theirs, see hooks/preview.py);
`mkdocs build --strict` always does everything.
"""

from __future__ import annotations

from pathlib import Path

serving = False
# While serving: when the last rebuild started (time.time()), and what hooks keep between
# rebuilds (`mkdocs serve --dirty` renders only the pages that changed).
last_build: float | None = None
kept: dict[str, object] = {}


def record(command: str) -> None:
    global serving
    serving = command == "serve"


def changed_languages(docs_dir: Path, languages: tuple[str, ...], since: float) -> set[str] | None:
    """The languages whose folders under `docs_dir` hold a file changed after `since`; None when
    something else changed (or nothing seems to have: then everything is rebuilt)."""
    changed: set[str] = set()
    for path in docs_dir.rglob("*"):
        if path.is_file() and path.stat().st_mtime >= since:
            lang = path.relative_to(docs_dir).parts[0]
            if lang not in languages:
                return None
            changed.add(lang)
    return changed or None
