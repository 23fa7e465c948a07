"""Translators' workflow (issue 9): each defect in a page stops the build with one message naming
file and line; translations turn stale when their Russian page changes; the status is truthful."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from conftest import ROOT, build_site, copy_project, html_for
from sitebuild.translations import TranslationError, check_docs, source_hash
from sitebuild.translations.status import LABELS

# A small site of its own, so that these tests do not depend on the real texts.
PAGES = {
    "ru/index.md": """---
title: Береги себя
description: Знания для секс-работников и организаций, которые с ними работают.
---

# Береги себя

Этот сайт — для секс-работников и для организаций, которые с ними работают.

[Где получить помощь](help.md)
""",
    "ru/help.md": """---
title: Где получить помощь
legal_review: not yet
written: 2026-11-25
---

# Где получить помощь

Если опасность прямо сейчас, звоните 112.
""",
    "ky/index.md": """---
title: Өзүңдү сакта
description: Секс-жумушчулар жана алар менен иштеген уюмдар үчүн билим.
translation: draft
source_hash: {ru/index.md}
---

# Өзүңдү сакта

Бул сайт секс-жумушчулар жана алар менен иштеген уюмдар үчүн.

[Жардамды кайдан алса болот](help.md)
""",
    "ky/help.md": """---
title: Жардамды кайдан алса болот
legal_review: not yet
written: 2026-11-25
translation: reviewed
source_hash: {ru/help.md}
---

# Жардамды кайдан алса болот

Эгер коркунуч азыр болсо, 112ге чалыңыз.
""",
    # No source_hash: stale. No kk/help.md: missing.
    "kk/index.md": """---
title: Өзіңді сақта
translation: draft
---

# Өзіңді сақта

Бұл сайт секс-жұмыскерлерге және олармен жұмыс істейтін ұйымдарға арналған.
""",
}
EXPECTED_STATES = {("index.md", "ky"): "draft", ("index.md", "kk"): "stale",
                   ("help.md", "ky"): "reviewed", ("help.md", "kk"): "missing"}


def make_docs(base: Path) -> Path:
    docs = base / "docs"
    for name, text in PAGES.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    for name, text in PAGES.items():
        for original in re.findall(r"\{(ru/[\w/.-]+)\}", text):
            text = text.replace(f"{{{original}}}", source_hash(docs / original))
        (docs / name).write_text(text, encoding="utf-8")
    return docs


# (kind, page, text replaced, replacement, text on the line reported — None: line 1, words of the message)
DEFECTS = [
    ("broken front matter", "ky/help.md", "title: Жардамды кайдан алса болот", "title: Жардам: кайдан алса болот",
     "title: Жардам", "front matter YAML syntax error"),
    ("unclosed quote", "ky/help.md", "title: Жардамды", 'title: "Жардамды', 'title: "', "quote opened on this line is not closed"),
    ("front matter not closed", "ky/index.md", "---\n\n# Өзүңдү", "\n# Өзүңдү", None, "front matter is not closed"),
    ("no front matter", "kk/index.md", PAGES["kk/index.md"][:PAGES["kk/index.md"].index("# ")], "", None, "no front matter"),
    ("unknown review state", "ky/index.md", "translation: draft", "translation: done", "translation: done",
     "'translation: done' is not a known state (write 'draft' or 'reviewed')"),
    ("unknown legal review state", "ky/help.md", "legal_review: not yet", "legal_review: no", "legal_review: no",
     "'legal_review: no' is not a known state (write 'not yet' or 'reviewed')"),
    ("legal review without date", "ru/help.md", "written: 2026-11-25\n", "", "legal_review", "needs the line 'written: YYYY-MM-DD'"),
    ("date not a date", "ru/help.md", "written: 2026-11-25", "written: 25.11.2026", "written:", "'written: 25.11.2026' is not a date"),
    ("impossible date", "ru/help.md", "written: 2026-11-25", "written: 2026-02-30", "written:", "impossible date"),
    ("unknown key", "ky/index.md", "description:", "descripton:", "descripton:", "unknown key 'descripton'"),
    ("key twice", "ky/index.md", "translation: draft", "translation: draft\ntranslation: reviewed", "translation: reviewed",
     "key 'translation' appears twice"),
    ("missing title", "kk/index.md", "title: Өзіңді сақта\n", "", None, "missing key 'title'"),
    ("empty title", "kk/index.md", "title: Өзіңді сақта", "title:", "title:", "'title' must be non-empty text"),
    ("missing translation state", "kk/index.md", "translation: draft\n", "", None, "missing key 'translation'"),
    ("translation key on a Russian page", "ru/index.md", "---\n\n#", "translation: draft\n---\n\n#", "translation:",
     "'translation' is only for Kyrgyz and Kazakh pages"),
    ("typed source hash", "ky/index.md", "source_hash: ", "source_hash: 0x", "source_hash:", "is not a source hash"),
    ("link to a page missing in this language", "kk/index.md", "арналған.\n",
     "арналған.\n\nКөмек керек болса, [Көмекті қайдан алуға болады](help.md) бетін қараңыз.\n", "[Көмекті",
     "link to 'help.md': that page is not translated into Kazakh yet"),
    ("Russian text in a ky page", "ky/index.md", "[Жардамды", "Если вам нужна помощь, звоните 112 или в организацию.\n\n[Жардамды",
     "Если вам", "this text looks Russian, not Kyrgyz"),
    ("Russian page copied as ky", "ky/help.md", "Эгер коркунуч азыр болсо, 112ге чалыңыз.",
     "Если опасность прямо сейчас, звоните 112.", "Если опасность", "this text looks Russian, not Kyrgyz"),
    ("Kazakh letters in a ky page", "ky/index.md", "үчүн.\n", "үчүн.\n\nБұл сайт секс-жұмыскерлерге арналған.\n", "Бұл сайт",
     "Kazakh letters ғ, ұ in a Kyrgyz page"),
    ("Kyrgyz text in a kk page", "kk/index.md", "арналған.\n",
     "арналған.\n\nБул сайт секс-жумушчулар жана алар менен иштеген уюмдар үчүн.\n", "Бул сайт", "this text looks Kyrgyz, not Kazakh"),
    ("Russian text in a kk page", "kk/index.md", "арналған.\n", "арналған.\n\nЭто черновик, который ещё не проверили.\n",
     "Это черновик", "this text looks Russian, not Kazakh"),
]


@pytest.mark.parametrize(("kind", "page", "old", "new", "on_line", "words"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_defect_is_reported_with_file_and_line(tmp_path: Path, kind: str, page: str, old: str, new: str,
                                               on_line: str | None, words: str) -> None:
    docs = make_docs(tmp_path)
    file = docs / page
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture changed: {old!r}"
    broken = text.replace(old, new)
    file.write_text(broken, encoding="utf-8")
    line = 1 if on_line is None else broken[: broken.index(on_line)].count("\n") + 1
    with pytest.raises(TranslationError) as caught:
        check_docs(docs)
    error = caught.value
    assert (error.path.resolve(), error.line) == (file.resolve(), line), str(error)
    assert words in error.problem, str(error)
    assert str(error).startswith(f"{os.path.relpath(file)}:{line}: "), str(error)


def test_translation_needs_a_russian_original(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    extra = docs / "ky" / "extra.md"
    extra.write_text("---\ntitle: Кошумча\ntranslation: draft\n---\n\n# Кошумча\n", encoding="utf-8")
    with pytest.raises(TranslationError, match=r"extra\.md:1: there is no Russian page docs/ru/extra\.md"):
        check_docs(docs)


def test_fixture_and_real_pages_pass(tmp_path: Path) -> None:
    assert {lang: len(pages) for lang, pages in check_docs(make_docs(tmp_path)).items()} == {"ru": 2, "ky": 2, "kk": 1}
    assert len(check_docs(ROOT / "docs")["ru"]) >= 20


def test_other_language_quoted_on_purpose_passes(tmp_path: Path) -> None:
    docs = make_docs(tmp_path)
    page = docs / "ky" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\nКазакча: <span lang="kk">Өзіңді сақта</span>.\n'
                    "\n```\nЭто код, и он не проверяется.\n```\n", encoding="utf-8")
    check_docs(docs)


# --- the real build ---------------------------------------------------------------------------

BUILD_DEFECTS = [
    ("docs/ky/help.md", "translation: draft", "translation: done", "'translation: done' is not a known state"),
    ("docs/kk/about.md", "\n# ", "\nЭтот текст ещё не переведён, и это видно.\n\n# ", "this text looks Russian, not Kazakh"),
]


@pytest.mark.parametrize(("page", "old", "new", "words"), BUILD_DEFECTS, ids=["review state", "Russian text"])
def test_broken_page_stops_the_real_build(tmp_path: Path, page: str, old: str, new: str, words: str) -> None:
    project = copy_project(tmp_path)
    file = project / page
    text = file.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    file.write_text(broken, encoding="utf-8")
    line = broken[: broken.index(new.strip().split("\n")[0])].count("\n") + 1
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"{page}:{line}: {words}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# --- status and staleness ---------------------------------------------------------------------

STATUS_ROW = re.compile(r"^(\S+\.md)\s+(\w+)\s+(\w+)\s*$", re.MULTILINE)


def status(project: Path) -> dict[tuple[str, str], str]:
    """`python -m sitebuild.translations status` run in `project`, as {(page, language): state}."""
    result = subprocess.run([sys.executable, "-m", "sitebuild.translations", "status"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    header = result.stdout.splitlines()[0].split()
    assert header == ["page", "ky", "kk"], result.stdout
    return {(page, lang): state for page, ky, kk in STATUS_ROW.findall(result.stdout)
            for lang, state in (("ky", ky), ("kk", kk))}


def mark(project: Path, *args: str) -> None:
    result = subprocess.run([sys.executable, "-m", "sitebuild.translations", "mark", *args], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_status_of_the_fixture_shows_every_state(tmp_path: Path) -> None:
    make_docs(tmp_path)
    assert status(tmp_path) == EXPECTED_STATES


def test_editing_a_russian_page_makes_its_translations_stale(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    before = status(project)
    assert before[("help.md", "ky")] != "stale" and before[("help.md", "kk")] != "stale"
    russian = project / "docs" / "ru" / "help.md"
    russian.write_text(russian.read_text(encoding="utf-8") + "\nНовый абзац: его ещё не перевели.\n", encoding="utf-8")
    after = status(project)
    assert after[("help.md", "ky")] == after[("help.md", "kk")] == "stale"
    assert {k: v for k, v in after.items() if k[0] != "help.md"} == {k: v for k, v in before.items() if k[0] != "help.md"}

    # The translator catches up with the Kyrgyz page and marks it: only its source_hash line changes.
    kyrgyz = project / "docs" / "ky" / "help.md"
    old_lines = kyrgyz.read_text(encoding="utf-8").splitlines()
    mark(project, "ky/help.md")
    new_lines = kyrgyz.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(old_lines, new_lines) if a != b]
    assert len(old_lines) == len(new_lines) and len(changed) == 1 and changed[0][1].startswith("source_hash: ")
    again = status(project)
    assert again[("help.md", "ky")] == before[("help.md", "ky")] and again[("help.md", "kk")] == "stale"

    # A native speaker has checked the Kazakh page: reviewed.
    mark(project, "--state", "reviewed", "docs/kk/help.md")
    assert status(project)[("help.md", "kk")] == "reviewed"


def expected_states(docs: Path) -> dict[tuple[str, str], str]:
    """The state of every page, worked out here without the translations package."""
    states = {}
    for original in (docs / "ru").rglob("*.md"):
        page = original.relative_to(docs / "ru").as_posix()
        digest = hashlib.sha256(original.read_text(encoding="utf-8").encode("utf-8")).hexdigest()[:12]
        for lang in ("ky", "kk"):
            translation = docs / lang / page
            if not translation.exists():
                states[page, lang] = "missing"
                continue
            meta = yaml.safe_load(translation.read_text(encoding="utf-8").split("---\n")[1])
            if meta.get("source_hash") != digest:
                states[page, lang] = "stale"
            else:
                states[page, lang] = "reviewed" if meta["translation"] == "reviewed" else "draft"
    return states


def test_status_command_tells_the_truth_about_the_real_pages() -> None:
    assert status(ROOT) == expected_states(ROOT / "docs")


@pytest.mark.parametrize("lang", ["ru", "ky", "kk"])
def test_status_page_of_the_built_site_tells_the_same(site: Path, lang: str) -> None:
    html = html_for(site, lang, "translation-status.md").read_text(encoding="utf-8")
    labels = {label: state for state, label in LABELS[lang].items()}
    rows = re.findall(r'<tr>\s*<td[^>]*><a href="([^"]*)">.*?</a></td>\s*<td[^>]*>([^<]+)</td>\s*<td[^>]*>([^<]+)</td>\s*</tr>', html)
    expected = expected_states(ROOT / "docs")
    assert len(rows) == len(expected) // 2
    prefix = "/" if lang == "ru" else f"/{lang}/"
    for href, ky, kk in rows:
        url = urljoin(f"{prefix}translation-status/", href).removeprefix(prefix)
        page = url + "index.md" if url == "" or (ROOT / "docs" / "ru" / url / "index.md").exists() else url.rstrip("/") + ".md"
        assert (labels[ky], labels[kk]) == (expected[page, "ky"], expected[page, "kk"]), page


def test_every_form_of_link_is_found_outside_code() -> None:
    """The quick test of each line (does it hold '](', ']:' or '=') never hides a link."""
    from sitebuild.translations.links import link_targets
    from sitebuild.translations.pages import parse_page

    body = ("[a](one.md) and [b]( <two.md> \"title\")\n"
            "[ref]: three.md\n"
            "   [ref2]:   <four.md>\n"
            "<a href = 'five.md'>x</a> <img src=\"six.png\">\n"
            "[split]`code`(seven.md)\n"
            "`[not](eight.md)` plain text = no link\n"
            "```\n[fenced](nine.md)\n```\n")
    page = parse_page(Path("ky/x.md"), "ky", "x.md", "---\ntitle: x\n---\n" + body)
    assert list(link_targets(page)) == [(4, "one.md"), (4, "two.md"), (5, "three.md"), (6, "four.md"),
                                        (7, "five.md"), (7, "six.png"), (8, "seven.md")]


def test_letter_search_is_any_letter_in_the_text() -> None:
    from sitebuild.translations.script import KAZAKH_ONLY, TURKIC_SHARED, _has
    for text in ("", "қ", "Қ", "абв", "ңөү", "x]^-\\", "і", "i", "ң" * 3 + "a"):
        for letters in (KAZAKH_ONLY, TURKIC_SHARED, KAZAKH_ONLY + TURKIC_SHARED, "]^-\\"):
            assert _has(text, letters) == any(c in text for c in letters), (text, letters)


@pytest.mark.parametrize("text", [
    'ky:\n  title: "Бир\n    эки"\n  text: >\n    үч\n    төрт\nkk: {title: Қазақ}\n',
    "ky: &a\n  title: Бир\nother:\n  x: *a\n  ky: [эки, {kk: үч}]\n",
    "s: !!set {? a, <<: {ky: x}}\nky: {t: y}\n",
    "ky:\r\n  title: Бир\r\n  x: эки\r\n",
    "\ufeffky: {title: '''Бир''', 5: v}\n",
    "", "# only a comment\n", "ky: ~\n",
])
def test_texts_from_the_loaded_nodes_are_the_texts_of_a_new_reading(tmp_path: Path, text: str) -> None:
    import yaml

    from sitebuild import yaml_lines
    file = tmp_path / "data.yaml"
    file.write_bytes(text.encode("utf-8"))
    for languages, lang in ((("ky", "kk"), None), ((), "ky")):
        yaml_lines._texts.clear()
        ours = yaml_lines.texts_by_language(file, languages, lang=lang)
        source = file.read_text(encoding="utf-8").split("\n")
        found = []

        def walk(node: yaml.Node, current: str | None, key: str | None) -> None:  # the reading as it was written
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
                    walk(value_node, name if name in languages else current, name)
            elif isinstance(node, yaml.SequenceNode):
                for item in node.value:
                    walk(item, current, key)
            elif isinstance(node, yaml.ScalarNode) and current and (lines := yaml_lines.node_lines(node, source)):
                found.append(yaml_lines.Text(current, key, lines))

        walk(yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader), lang, None)
        assert ours == found
