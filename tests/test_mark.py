"""`make mark` (issue 16): only pages inside docs/ky and docs/kk, checked before anything is written,
and nothing in the file changed but its own value (line endings, comments, quotes, key order)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

RUSSIAN = "---\ntitle: Помощь\n---\n\n# Помощь\n\nЗвоните 112.\n"
KYRGYZ = "---\ntitle: Жардам\ntranslation: draft\n---\n\n# Жардам\n\n112ге чалыңыз.\n"


def docs_with(tmp_path: Path, kyrgyz: bytes | str = KYRGYZ) -> Path:
    docs = tmp_path / "docs"
    for lang in ("ru", "ky", "kk"):
        (docs / lang).mkdir(parents=True)
    (docs / "ru" / "help.md").write_text(RUSSIAN, encoding="utf-8")
    (docs / "ky" / "help.md").write_bytes(kyrgyz if isinstance(kyrgyz, bytes) else kyrgyz.encode("utf-8"))
    return docs


def run_mark(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sitebuild.translations", "mark", "--docs", "docs", *args],
                          cwd=tmp_path, capture_output=True, text=True)


def digest(file: Path) -> str:
    text = file.read_text(encoding="utf-8").replace("\r\n", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def snapshot(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("page", "words"), [
    ("ky/../ru/help.md", "not a page inside docs/ky/"),
    ("ru/help.md", "name a translated page as <language>/<path>"),
    ("docs/ru/help.md", "name a translated page as <language>/<path>"),
    ("ky/help.txt", "name a translated page as <language>/<path>"),
    ("kk/help.md", "no such page"),
    ("ky/missing.md", "there is no Russian page docs/ru/missing.md"),
    ("/etc/passwd", "name a translated page"),
])
def test_only_translations_inside_their_folder_are_marked(tmp_path: Path, page: str, words: str) -> None:
    docs = docs_with(tmp_path)
    before = snapshot(docs)
    result = run_mark(tmp_path, page)
    assert result.returncode == 1, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert snapshot(docs) == before


def test_a_symlinked_translation_is_not_written_through(tmp_path: Path) -> None:
    docs = docs_with(tmp_path)
    (docs / "ky" / "help.md").unlink()
    (docs / "ky" / "help.md").symlink_to(docs / "ru" / "help.md")
    before = snapshot(docs)
    result = run_mark(tmp_path, "ky/help.md")
    assert result.returncode == 1 and "not a page inside docs/ky/" in result.stderr, result.stderr
    assert snapshot(docs) == before


def test_a_broken_page_is_reported_and_left_alone(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, KYRGYZ.replace("translation: draft", "translation: done"))
    before = snapshot(docs)
    result = run_mark(tmp_path, "ky/help.md")
    assert result.returncode == 1
    assert "docs/ky/help.md:3: 'translation: done' is not a known state" in result.stderr, result.stderr
    assert snapshot(docs) == before


def test_only_the_value_changes_quotes_comments_and_line_ends_kept(tmp_path: Path) -> None:
    original = ('---\r\n"title": Жардам   # the nav shows it\n# a comment of the translator\r\n'
                "'translation': draft\r\n\"source_hash\": '000000000000'  # old\n---\r\n\r\n# Жардам\n\n112ге чалыңыз.\r\n")
    docs = docs_with(tmp_path, original)
    result = run_mark(tmp_path, "--state", "reviewed", "ky/help.md")
    assert result.returncode == 0, result.stderr
    expected = (original.replace("'000000000000'", f"'{digest(docs / 'ru' / 'help.md')}'")
                .replace("'translation': draft", "'translation': reviewed"))
    assert (docs / "ky" / "help.md").read_bytes() == expected.encode("utf-8")


def test_a_missing_source_hash_is_added_after_translation_with_its_line_end(tmp_path: Path) -> None:
    original = "\ufeff---\r\ntitle: Жардам\r\ntranslation: draft\r\nlegal_review: not yet\r\nwritten: 2026-11-25\r\n---\r\n\r\nТекст 112ге чалыңыз.\r\n"
    docs = docs_with(tmp_path, original)
    assert run_mark(tmp_path, "docs/ky/help.md").returncode == 0
    expected = original.replace("translation: draft\r\n", f"translation: draft\r\nsource_hash: {digest(docs / 'ru' / 'help.md')}\r\n")
    assert (docs / "ky" / "help.md").read_bytes() == expected.encode("utf-8")


def test_marking_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    docs = docs_with(tmp_path)
    assert run_mark(tmp_path, "ky/help.md").returncode == 0
    once = snapshot(docs)
    assert run_mark(tmp_path, "ky/help.md").returncode == 0
    assert snapshot(docs) == once
    assert (docs / "ky" / "help.md").read_text(encoding="utf-8").count("source_hash") == 1


def test_a_value_on_the_next_line_is_refused(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, KYRGYZ.replace("translation: draft\n", "translation: draft\nsource_hash:\n  '000000000000'\n"))
    before = snapshot(docs)
    result = run_mark(tmp_path, "ky/help.md")
    assert result.returncode == 1
    assert "docs/ky/help.md:4: 'source_hash:' must have its value on the same line" in result.stderr, result.stderr
    assert snapshot(docs) == before
