"""What changed in a Russian page since its translation was made: the version whose hash the
translation recorded (`source_hash`) is looked up in the git history, and compared with the page now.

Plain Python, no MkDocs import; runs `git`. The result depends only on the recorded hash, the
history and the page's text, so a clone with the same history builds the same status page. A
shallow clone (CI, `git clone --depth 1`) has no old versions: the result says so and how to
fetch them (`git fetch --unshallow`).
"""

from __future__ import annotations

import difflib
import hashlib
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitebuild.translations.pages import read_text

# Why no diff could be shown (or "diff" when one is).
DIFF, NEVER_MARKED, NOT_FOUND, SHALLOW, NO_HISTORY = "diff", "never marked", "not found", "shallow", "no history"
CONTEXT = 2  # unchanged lines shown around each change


@dataclass(frozen=True)
class SourceChange:
    """The Russian page's change since a translation: `diff` lines (unified format, no header)."""

    kind: str  # DIFF, NEVER_MARKED, NOT_FOUND, SHALLOW or NO_HISTORY
    commit: str = ""  # the newest commit that had the translated version
    diff: tuple[str, ...] = ()


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes | None:
    """The command's output, or None when git is missing or fails (not a repository…)."""
    try:
        done = subprocess.run(["git", "-C", str(cwd), *args], input=stdin, capture_output=True, check=False)
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


def text_hash(text: str) -> str:
    """A source hash: the first 12 hex digits of the SHA-256 of a page's text (\n line ends)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _normalised(blob: bytes) -> str:
    """A blob's text as read_text gives a file's (UTF-8, BOM dropped, \\n line ends)."""
    text = blob.decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def forget() -> None:
    """Drop what was read from the history (`mkdocs serve` runs long; commits may come meanwhile)."""
    _versions.cache_clear()


@lru_cache(maxsize=256)
def _versions(folder: str, name: str) -> tuple[tuple[str, str, str], ...] | None:
    """(commit, source hash, text) of each committed version of the file, newest first; None
    without a git repository."""
    cwd = Path(folder)
    log = _git(cwd, "log", "--format=commit %H", "--raw", "--no-abbrev", "--no-renames", "--", name)
    if log is None:
        return None
    commits: list[tuple[str, str]] = []
    commit = ""
    for line in log.decode("utf-8", errors="replace").splitlines():
        if line.startswith("commit "):
            commit = line.split()[1]
        elif line.startswith(":"):
            blob = line.split()[3]
            if set(blob) != {"0"}:  # 000… : the file was deleted in this commit
                commits.append((commit, blob))
    if not commits:
        return ()
    batch = _git(cwd, "cat-file", "--batch", stdin="".join(f"{blob}\n" for _, blob in commits).encode())
    if batch is None:
        return None
    versions, at = [], 0
    for commit, _ in commits:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        text = _normalised(batch[header_end + 1:header_end + 1 + size])
        at = header_end + 1 + size + 1
        versions.append((commit, text_hash(text), text))
    return tuple(versions)


def russian_change(original: Path, recorded: str | None, label: str) -> SourceChange:
    """The change of the Russian page `original` since the version with hash `recorded`.
    `label` names the page in the diff ("ru/take-care.md")."""
    if not recorded:
        return SourceChange(NEVER_MARKED)
    original = original.resolve()
    versions = _versions(str(original.parent), original.name)
    if versions is None:
        return SourceChange(NO_HISTORY)
    found = next((v for v in versions if v[1] == recorded), None)
    if found is None:
        shallow = _git(original.parent, "rev-parse", "--is-shallow-repository")
        return SourceChange(SHALLOW if shallow and shallow.strip() == b"true" else NOT_FOUND)
    commit, _, then = found
    lines = difflib.unified_diff(then.split("\n"), read_text(original).split("\n"), lineterm="", n=CONTEXT,
                                 fromfile=f"{label} (translated)", tofile=f"{label} (now)")
    return SourceChange(DIFF, commit, tuple(lines)[2:])
