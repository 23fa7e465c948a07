"""The term base (issue 17): glossary/terms.yaml names, per language, the preferred form and the
variants to avoid; the check finds every avoided variant, in any grammatical form, in every kind
of text translators edit, with file:line and the preferred form, and the strict build stops on it.
The data files' Kyrgyz and Kazakh texts are held to the same language rules as pages."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, html_for
from sitebuild.glossary import GlossaryError, load_terms
from sitebuild.stemming import stems
from sitebuild.translations import TranslationError, check_data, check_docs, check_terms, source_hash

TERMS = """\
terms:
  - id: peer
    ru: {term: "Равный консультант", explain: "Человек с похожим опытом, который помогает другим."}
    ky: {term: "Теңтуш кеңешчи", explain: "Окшош тажрыйбасы бар, башкаларга жардам берген адам.", avoid: ["теңдеш"]}
    kk: {term: "Тең кеңесші", explain: "Ұқсас тәжірибесі бар, басқаларға көмектесетін адам.", avoid: ["теңдес", "тең консультант"]}
  - id: ngo
    glossary: false
    ru: {term: "НКО"}
    ky: {term: "БӨУ", avoid: ["КЭУ"]}
    kk: {term: "ҮЕҰ", avoid: ["КЕҰ"]}
  - id: outreach
    ru: {term: "Аутрич", explain: "Работа там, где находятся люди."}
    ky: {term: "Аутрич", explain: "Адамдар турган жерге барып иштөө."}
    kk: {term: "Аутрич", explain: "Адамдар жүрген жерге барып, теңдестердің көмегімен жұмыс істеу."}
"""

# file -> text; «{hash:ru/x.md}» is replaced by the Russian page's source hash.
FILES = {
    "glossary/terms.yaml": TERMS,
    "docs/ru/index.md": "---\ntitle: Береги себя\n---\n\n# Береги себя\n\nРавные консультанты помогают.\n",
    "docs/ky/index.md": """---
title: Өзүңө кам көр
translation: draft
source_hash: {hash:ru/index.md}
---

# Өзүңө кам көр

Бул жерде теңдештердин колдоосун аласыз. Теңтуш кеңешчилер жардам берет.

Код текшерилбейт: `КЭУ`.
""",
    "docs/kk/index.md": """---
title: Өзіңді сақта
translation: draft
source_hash: {hash:ru/index.md}
---

# Өзіңді сақта

Көмекті КЕҰ-дан немесе тең
консультанттардан сұраңыз. Тең кеңесшілер көмектеседі.
""",
    "interface/ru.yml": 'search_placeholder: "по сайту: полиция, врач…"\n',
    "interface/ky.yml": 'search_placeholder: "сайттан: КЭУлар, врач…"\n',
    "interface/kk.yml": 'search_placeholder: "сайттан: полиция, дәрігер…"\n',
    "mkdocs.yml": """\
site_name: Береги себя
plugins:
  - i18n:
      languages:
        - locale: ru
          default: true
          name: Русский
        - locale: ky
          name: Кыргызча
          site_name: Өзүңө кам көр
        - locale: kk
          name: Қазақша
          site_name: Теңдестер сайты
""",
    "calendar/dates.yaml": """\
events:
  - id: one
    ky:
      title: "Бир күн"
      description: >-
        Бул күнү секс-жумушчулар жана алардын
        теңдештери чогулушат.
    kk:
      title: "Бір күн"
      description: >-
        Бұл күні секс-жұмыскерлер жиналады.
""",
    # A data file another part of the site may add: on DATA_FILES, so it is checked as soon as it exists.
    "help/services.yaml": """\
services:
  - kk: {name: "КЕҰ-лардың көмегі", what: "Кеңес және қолдау."}
    ky: {name: "БӨУлардын жардамы", what: "Кеңеш жана колдоо."}
""",
}


def make_project(base: Path) -> Path:
    project = base / "project"
    for name, text in FILES.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    for name, text in FILES.items():
        if "{hash:" in text:
            for original in ("ru/index.md",):
                text = text.replace(f"{{hash:{original}}}", source_hash(project / "docs" / original))
            (project / name).write_text(text, encoding="utf-8")
    return project


def line_of(file: Path, text: str) -> int:
    content = file.read_text(encoding="utf-8")
    assert content.count(text) == 1, f"{file}: {text!r}"
    return content[: content.index(text)].count("\n") + 1


def findings(project: Path) -> set[tuple[str, int, str, str]]:
    found = check_terms(project, check_docs(project / "docs"), check_data(project))
    return {(f.file.relative_to(project).as_posix(), f.line, f.found, f.preferred) for f in found}


def test_every_kind_of_text_is_checked_with_file_line_and_preferred_form(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    expected = {
        # a page, inflected (plural + genitive: теңдеш-тер-дин) — Kyrgyz
        ("docs/ky/index.md", line_of(project / "docs/ky/index.md", "теңдештердин"), "теңдештердин", "Теңтуш кеңешчи"),
        # a page: an abbreviation with a hyphenated ending, and a two-word variant across a line break — Kazakh
        ("docs/kk/index.md", line_of(project / "docs/kk/index.md", "КЕҰ-дан"), "КЕҰ", "ҮЕҰ"),
        ("docs/kk/index.md", line_of(project / "docs/kk/index.md", "немесе тең"), "тең консультанттардан", "Тең кеңесші"),
        # an interface-string file
        ("interface/ky.yml", 1, "КЭУлар", "БӨУ"),
        # the languages' texts in mkdocs.yml
        ("mkdocs.yml", line_of(project / "mkdocs.yml", "Теңдестер"), "Теңдестер", "Тең кеңесші"),
        # a data file, on the second line of a folded text
        ("calendar/dates.yaml", line_of(project / "calendar/dates.yaml", "теңдештери"), "теңдештери", "Теңтуш кеңешчи"),
        # the term base itself (not its `avoid` lists)
        ("glossary/terms.yaml", line_of(project / "glossary/terms.yaml", "теңдестердің"), "теңдестердің", "Тең кеңесші"),
        # a data file added later (help/services.yaml)
        ("help/services.yaml", line_of(project / "help/services.yaml", "КЕҰ-лардың"), "КЕҰ", "ҮЕҰ"),
    }
    assert findings(project) == expected


def test_preferred_forms_code_and_avoid_lists_are_not_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    reported = findings(project)
    assert not any(found.lower().startswith(("теңтуш", "тең кеңес")) for _, _, found, _ in reported)
    assert ("docs/ky/index.md", line_of(project / "docs/ky/index.md", "`КЭУ`"), "КЭУ", "БӨУ") not in reported
    assert not any(file == "glossary/terms.yaml" and line != line_of(project / "glossary/terms.yaml", "теңдестердің")
                   for file, line, _, _ in reported)


def test_a_clean_project_passes_and_a_fix_removes_the_finding(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    page = project / "docs/ky/index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("теңдештердин", "теңтуштардын"), encoding="utf-8")
    assert not any(file == "docs/ky/index.md" for file, *_ in findings(project))


def test_stems_are_the_search_stems() -> None:
    """The same grammatical forms meet on one stem as in the site search (search.js itself runs)."""
    ky = stems("ky", ["теңдеш", "теңдештердин", "теңдешке", "врач", "врачтарга"])
    assert ky["теңдеш"] == ky["теңдештердин"] == ky["теңдешке"] and ky["врач"] == ky["врачтарга"]
    kk = stems("kk", ["қауымдастық", "қауымдастығының", "қауымдастыққа"])
    assert len(set(kk.values())) == 1
    ru = stems("ru", ["врачи", "врачей", "врач"])
    assert len(set(ru.values())) == 1
    # As in the search, where two endings fit, the one that leaves a word the texts have wins.
    assert stems("ky", ["кызматы"]) == {"кызматы": "кызм"}
    assert stems("ky", ["кызматы"], known=["кызмат"]) == {"кызматы": "кызмат"}


def test_known_forms_kept_in_the_engine_follow_each_call() -> None:
    """The engine keeps the last known forms: a call with other ones (or none) is not stemmed with the old."""
    for known in (["кызмат"], [], ["кызмат"], ["кызмат"], (), ["кызмат", "врач"], ["кызмат\nx"], ["x\n", "кызмат"],
                  ["", "кызмат"], [""], ["кызм\nат"]):
        expected = "кызмат" if "кызмат" in known else "кызм"
        assert stems("ky", ["кызматы"], known=known) == {"кызматы": expected}
        assert stems("ky", iter(["кызматы"]), known=iter(known)) == {"кызматы": expected}


@pytest.mark.parametrize("lang", ["ru", "ky", "kk"])
def test_every_form_begins_as_its_stem_says(lang: str) -> None:
    """The term check stems only the words that begin with a variant's stem or with it softened
    (terms._beginnings): true of every form the site's texts have, and of hostile ones."""
    from sitebuild.translations import page_paths
    from sitebuild.translations.terms import _beginnings
    from sitebuild.search import words
    forms = {form for path in page_paths(ROOT / "docs", lang) for form in words((ROOT / "docs" / lang / path).read_text("utf-8"))}
    forms |= {"кызматтарыбыздагы", "укугу", "құқығы", "китебим", "тоогу", "жолдоштуругубуз", "аг", "абг", "абб", "аббб",
              "𝐀𝐁𝐂ым", "аб𝐀га", "ааа𝐀", "𝐀", "ыыы", "ңңңдын", "ёлки", "иии", "ньььь", "ккк"}
    for form, stem in stems(lang, forms, forms).items():
        assert form.startswith(_beginnings(stem)), (form, stem)
    for form, stem in stems(lang, forms).items():
        assert form.startswith(_beginnings(stem)), (form, stem)


def test_forms_are_the_words_of_the_unit_in_order() -> None:
    """_forms (the fast path) and _words (the places, read where a variant stands) agree."""
    from sitebuild.translations.terms import _forms, _words
    units = [((1, "Ёлка_елка  ЁЖ ё__ё"), (2, "x" * 41 + " ок " + "а" * 40)), ((3, "құқық, ТЕҢДЕШ-ке 12_3"),),
             ((4, ""),), ((5, "_"), (6, "«Бир» эки\tүч"))]
    for unit in units:
        assert _forms(unit) == tuple(word.form for word in _words(unit))


@pytest.mark.parametrize(("old", "new", "on_line", "words"), [
    ('avoid: ["КЭУ"]', 'avoid: "КЭУ"', 'avoid: "КЭУ"', "'ky.avoid' must be a list"),
    ('avoid: ["КЭУ"]', 'avoid: ["КЭУ", "КЭУ"]', 'avoid: ["КЭУ", "КЭУ"]', "lists a variant twice"),
    ('avoid: ["КЕҰ"]', 'avoid: ["—"]', 'avoid: ["—"]', "has no word in it"),
    ("glossary: false", "glossary: no thanks", "glossary: no thanks", "'glossary' must be true or false"),
    ('ky: {term: "Аутрич", explain: "Адамдар турган жерге барып иштөө."}', 'ky: {term: "Аутрич"}',
     'ky: {term: "Аутрич"}', "missing key 'explain'"),
])
def test_term_base_errors_name_file_and_line(tmp_path: Path, old: str, new: str, on_line: str, words: str) -> None:
    file = tmp_path / "terms.yaml"
    assert TERMS.count(old) == 1
    file.write_text(TERMS.replace(old, new), encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_terms(file)
    assert caught.value.line == line_of(file, on_line), str(caught.value)
    assert words in str(caught.value)


def test_consistency_only_terms_need_no_explanation_and_the_real_base_has_both_kinds() -> None:
    terms = load_terms(ROOT / "glossary" / "terms.yaml")
    hidden = [t for t in terms if not t.shown]
    assert {"site-name", "ngo", "who", "pep", "peer", "doctor", "draft-translation"} <= {t.id for t in terms}
    assert hidden and all(t.avoid or t.words for t in hidden)
    for lang in ("ky", "kk"):
        assert sum(bool(t.avoid.get(lang)) for t in terms) >= 10


# --- the real site --------------------------------------------------------------------------

def test_the_real_site_passes_the_term_check() -> None:
    found = check_terms(ROOT, check_docs(ROOT / "docs"), check_data(ROOT))
    assert found == [], "\n".join(map(str, found))


def test_inflected_variants_stop_the_real_build_with_file_and_line(tmp_path: Path) -> None:
    """ky «дарыгерлерге» (to the doctors; the term base says «врач») and kk «КЕҰ-дарға» (to the
    NGOs; it says ҮЕҰ), one in a page, one in an interface file: every one listed, then the build stops."""
    project = copy_project(tmp_path)
    page = project / "docs/ky/help.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nКеңеш алуу үчүн дарыгерлерге кайрылыңыз.\n", encoding="utf-8")
    interface = project / "interface/kk.yml"
    text = interface.read_text(encoding="utf-8")
    interface.write_text(text.replace('search_placeholder: "сайттан: полиция, дәрігер…"',
                                      'search_placeholder: "сайттан: КЕҰ-дарға, дәрігер…"'), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    ky_line, kk_line = line_of(page, "дарыгерлерге"), line_of(interface, "КЕҰ-дарға")
    assert f"docs/ky/help.md:{ky_line}: «дарыгерлерге» — write «Врач»" in result.stderr, result.stderr
    assert f"interface/kk.yml:{kk_line}: «КЕҰ» — write «Үкіметтік емес ұйым (ҮЕҰ)»" in result.stderr, result.stderr
    assert "2 term(s)" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_make_terms_lists_the_same(tmp_path: Path) -> None:
    import subprocess
    import sys
    project = copy_project(tmp_path)
    page = project / "docs/kk/help.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nТеңдестеріңізден сұраңыз.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "sitebuild.translations", "terms"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert f"docs/kk/help.md:{line_of(page, 'Теңдестеріңізден')}: «Теңдестеріңізден» — write «Тең кеңесші»" in result.stdout
    status = subprocess.run([sys.executable, "-m", "sitebuild.translations", "status"], cwd=project,
                            capture_output=True, text=True)
    assert status.returncode == 0 and "Теңдестеріңізден" in status.stdout


# --- language of the data files' texts -------------------------------------------------------

DATA_DEFECTS = [
    ("calendar/dates.yaml", "      title: \"Дүйнөлүк КИЖС менен күрөшүү күнү\"",
     "      title: \"Этот день памяти и для всех нас\"", "this text looks Russian, not Kyrgyz"),
    ("calendar/dates.yaml", "      title: \"Дүниежүзілік ЖИТС-пен күрес күні\"",
     "      title: \"Бул күнү баары чогулуп, өз укуктары үчүн чыгышат\"", "this text looks Kyrgyz, not Kazakh"),
    ("glossary/terms.yaml", 'ky: {term: "Адвокация", explain: "Мыйзамдарды,',
     'ky: {term: "Адвокация", explain: "Заңдарды, тәжірибені,', "Kazakh letters"),
]


@pytest.mark.parametrize(("name", "old", "new", "words"), DATA_DEFECTS, ids=["ru in ky", "ky in kk", "kk letters in ky"])
def test_data_texts_in_the_wrong_language_are_reported_with_file_and_line(tmp_path: Path, name: str, old: str,
                                                                          new: str, words: str) -> None:
    project = copy_project(tmp_path)
    file = project / name
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(TranslationError) as caught:
        check_data(project)
    assert (caught.value.path, caught.value.line) == (file, line_of(file, new.strip()[:30])), str(caught.value)
    assert words in caught.value.problem


def test_russian_in_a_kyrgyz_data_text_stops_the_real_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    file = project / "calendar/dates.yaml"
    old = "      title: \"Дүйнөлүк КИЖС менен күрөшүү күнү\""
    file.write_text(file.read_text(encoding="utf-8").replace(old, "      title: \"День борьбы со СПИДом и это важно\""),
                    encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    line = line_of(file, "День борьбы со СПИДом")
    # the dates' own loader (hooks/key_dates.py, which runs first) also names the event
    assert re.search(rf"calendar/dates\.yaml:{line}( \(event '[a-z-]+'\))?: this text looks Russian, not Kyrgyz",
                     result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_the_real_data_files_pass() -> None:
    texts = check_data(ROOT)
    assert {path.relative_to(ROOT).as_posix() for path in texts} >= {"calendar/dates.yaml", "glossary/terms.yaml"}
    assert sum(t.lang == "ky" for ts in texts.values() for t in ts) > 100


def test_built_glossary_page_has_no_consistency_only_terms(site: Path) -> None:
    html = html_for(site, "ky", "glossary.md").read_text(encoding="utf-8")
    assert 'id="site-name"' not in html and 'id="peer"' in html
    assert os.path.exists(html_for(site, "kk", "glossary.md"))


def test_terms_file_documents_the_new_keys() -> None:
    header = (ROOT / "glossary" / "terms.yaml").read_text(encoding="utf-8").split("\nterms:")[0]
    assert "avoid" in header and "glossary: false" in header


@pytest.mark.parametrize("lang", ["ru", "ky", "kk"])
def test_a_stem_begins_its_word(lang: str) -> None:
    """The term check stems only words that begin like a variant's stem: true while every stem,
    less its last letter (г/ғ/б may harden), begins its word — for every word of the real pages."""
    from sitebuild.search import words
    from sitebuild.translations.script import units
    forms = {w for page in check_docs(ROOT / "docs")[lang].values() for unit in units(page) for w in words(unit.text)}
    assert len(forms) > 2000
    for form, stem in stems(lang, forms, forms).items():
        assert form.startswith(stem[:-1]), (form, stem)
