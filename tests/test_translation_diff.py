"""What changed since a translation (issue 17): for a stale page, `make status` and the site's
status page (in the translator's language) show the Russian diff since the version the
translation was made from, found through `source_hash` in the git history. A shallow clone says
how to fetch the history. Each test builds its own git repository."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, html_for
from sitebuild.translations import check_docs, render_page, translation_status
from sitebuild.translations.history import DIFF, NEVER_MARKED, NO_HISTORY, SHALLOW
from sitebuild.translations.status import LABELS
from test_translations import make_docs

def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org",
                             "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                            cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def commit_all(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def status_text(project: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "sitebuild.translations", "status"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """The small site of test_translations in a git repository: committed, then its Russian help
    page edited and committed again. ky/help.md was marked against the first version."""
    project = tmp_path / "repo"
    project.mkdir()
    make_docs(project)
    git(project, "init", "-q")
    first = commit_all(project, "Pages")
    help_page = project / "docs" / "ru" / "help.md"
    text = help_page.read_text(encoding="utf-8")
    help_page.write_text(text.replace("Если опасность прямо сейчас, звоните 112.",
                                      "Если опасность прямо сейчас, звоните 112 или 103.")
                         + "\nНовый абзац о помощи.\n", encoding="utf-8")
    commit_all(project, "Russian help page: 103, a new paragraph")
    return project, first


def test_status_shows_the_russian_diff_since_the_translated_version(repo: tuple[Path, str]) -> None:
    project, first = repo
    out = status_text(project)
    assert "kk/index.md: never marked" in out  # no source_hash: nothing to compare with
    section = out.split("\nky/help.md: ", 1)[1].split("\nkk/", 1)[0]
    assert section.startswith(f"translated from the version of commit {first[:12]}")
    assert "    -Если опасность прямо сейчас, звоните 112." in section
    assert "    +Если опасность прямо сейчас, звоните 112 или 103." in section
    assert "    +Новый абзац о помощи." in section
    assert "title:" not in section  # only the changed part, with a little context


def test_a_shallow_clone_says_how_to_fetch_the_history(repo: tuple[Path, str], tmp_path: Path) -> None:
    project, _ = repo
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    assert "git fetch --unshallow" in status_text(clone).split("ky/help.md: ", 1)[1].split("\n")[0]
    git(clone, "fetch", "-q", "--unshallow")
    assert "+Новый абзац о помощи." in status_text(clone)


def test_without_git_the_status_says_so_and_a_recommitted_page_still_diffs(repo: tuple[Path, str], tmp_path: Path) -> None:
    project, _ = repo
    plain = tmp_path / "plain"
    shutil.copytree(project, plain, ignore=shutil.ignore_patterns(".git"))
    pages = check_docs(plain / "docs")
    change = next(s for s in translation_status(pages, changes=True) if s.path == "help.md").changes["ky"]
    assert change.kind == NO_HISTORY
    # Uncommitted edits count too: the diff is against the file as it is now.
    russian = project / "docs" / "ru" / "help.md"
    russian.write_text(russian.read_text(encoding="utf-8") + "\nЕщё не закоммичено.\n", encoding="utf-8")
    assert "+Ещё не закоммичено." in status_text(project)


@pytest.mark.parametrize("lang", ["ru", "ky", "kk"])
def test_status_page_shows_the_diff_in_the_translators_language(repo: tuple[Path, str], tmp_path: Path,
                                                                lang: str) -> None:
    project, _ = repo
    statuses = translation_status(check_docs(project / "docs"), changes=True)
    html = render_page(statuses, lang, page="translation-status.md")
    labels = LABELS[lang]
    if lang == "kk":  # kk/help.md is missing (not stale); kk/index.md was never marked: no diff, a reason
        assert labels["changes"] in html and labels[NEVER_MARKED] in html and "<details" not in html
        return
    assert f"## {labels['changes']}" in html and labels["changes_intro"] in html
    assert '<details class="translation-diff"><summary>' in html and '<pre lang="ru">' in html
    assert "<del>-Если опасность прямо сейчас, звоните 112.</del>" in html
    assert "<ins>+Новый абзац о помощи.</ins>" in html
    # The same sources and history give the same bytes.
    assert render_page(translation_status(check_docs(project / "docs"), changes=True), lang,
                       page="translation-status.md") == html
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{project}", str(clone))
    shallow = translation_status(check_docs(clone / "docs"), changes=True)
    assert next(s for s in shallow if s.path == "help.md").changes["ky"].kind == SHALLOW
    assert labels[SHALLOW] in render_page(shallow, lang, page="translation-status.md")


def test_the_built_site_shows_a_stale_pages_diff_and_rebuilds_identically(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    git(project, "init", "-q")
    commit_all(project, "The site")
    russian = project / "docs" / "ru" / "quick-exit.md"
    russian.write_text(russian.read_text(encoding="utf-8") + "\nНовая строка про быстрый выход.\n", encoding="utf-8")
    commit_all(project, "Russian quick-exit page changed")
    first, second = tmp_path / "site1", tmp_path / "site2"
    for site in (first, second):
        result = build_site(project, site)
        assert result.returncode == 0, result.stderr
    page = html_for(first, "ky", "translation-status.md")
    html = page.read_text(encoding="utf-8")
    assert LABELS["ky"]["changes"] in html
    assert "<ins>+Новая строка про быстрый выход.</ins>" in html
    assert html == html_for(second, "ky", "translation-status.md").read_text(encoding="utf-8")
    kk = html_for(first, "kk", "translation-status.md").read_text(encoding="utf-8")
    assert LABELS["kk"]["changes"] in kk and "Новая строка про быстрый выход." in kk


def test_the_real_status_has_a_diff_kind_for_every_stale_page() -> None:
    """On this repository: every stale translation gets a diff or a reason, never nothing."""
    for status in translation_status(check_docs(ROOT / "docs"), changes=True):
        for lang, state in status.states.items():
            assert (lang in status.changes) == (state == "stale")
            if lang in status.changes:
                assert status.changes[lang].kind == DIFF or status.changes[lang].kind in LABELS["ky"]
