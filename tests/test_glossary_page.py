"""The glossary page's list (sitebuild.glossary.render): HTML put into the rendered page, so every
text of glossary/terms.yaml is shown as plain text, whatever it looks like, and each shown term
is an anchor that other pages' links are checked against."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import html_for
from sitebuild.glossary import Term, _listed, ids, load_terms, render

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ("1. не список", "# не заголовок", "*не курсив* и `не код`", "<b>не жирный</b> & [не ссылка](x.md)",
           "- не пункт  ", "> не цитата", "{ #other-id }", "<!-- glossary -->")


def _term(term_id: str, word: str, explain: str, *, shown: bool = True) -> Term:
    return Term(term_id, 1, {"ru": word, "ky": word + " ky", "kk": word + " kk"},
                {"ru": explain, "ky": explain, "kk": explain}, shown)


def test_every_text_is_shown_as_written() -> None:
    terms = [_term(f"t{i}", text, text) for i, text in enumerate(HOSTILE)]
    html = render(terms, "ru")
    for tag in ("<ol", "<ul", "<h1", "<em", "<code", "<b>", "<a ", "<blockquote", "<!--"):
        assert tag not in html
    shown = re.findall(r'<dt id="[^"]+">(.*?)</dt>\n<dd>\n<p>(.*?)</p>', html)
    unescaped = sorted((a.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"),
                        b.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")) for a, b in shown)
    assert unescaped == sorted((text, text) for text in HOSTILE)


def test_terms_are_sorted_and_marked_with_their_languages() -> None:
    terms = [_term("b", "бета", "x"), _term("a", "Альфа", "y"), _term("h", "скрытый", "", shown=False)]
    html = render(terms, "ky")
    assert re.findall(r'<dt id="([^"]+)">', html) == ["a", "b"]
    assert '<p class="glossary-other">Русский: <span lang="ru">Альфа</span> · Қазақша: <span lang="kk">Альфа kk</span></p>' in html
    assert ids(terms) == {"a", "b"}


def test_terms_follow_each_languages_alphabet() -> None:
    """Kazakh ә after а and қ after к, Kyrgyz ө after о and ү after у, Russian ё after е; Latin first."""
    def order(lang: str, words: list[str]) -> list[str]:
        terms = [Term(f"t{i}", 1, {lang: w}, {lang: ""}, True) for i, w in enumerate(words)]
        return [t.words[lang] for t in _listed(terms, lang)]

    assert order("kk", ["Қызыл", "Ю", "Әйел", "Кітап", "Б", "Ақ", "Ұйым", "Үй", "Іс", "Ы"]) == [
        "Ақ", "Әйел", "Б", "Кітап", "Қызыл", "Ұйым", "Үй", "Ы", "Іс", "Ю"]
    assert order("ky", ["Өзүң", "Ю", "Окуу", "Үй", "Уюм", "Ңа", "Ны"]) == ["Ны", "Ңа", "Окуу", "Өзүң", "Уюм", "Үй", "Ю"]
    assert order("ru", ["ёж", "ель", "Ж", "PEP", "ЕА"]) == ["PEP", "ЕА", "ель", "ёж", "Ж"]


def test_the_built_page_has_every_shown_term_once(site: Path) -> None:
    terms = load_terms(ROOT / "glossary" / "terms.yaml")
    for lang in ("ru", "ky", "kk"):
        html = html_for(site, lang, "glossary.md").read_text(encoding="utf-8")
        assert "<!-- glossary -->" not in html
        assert sorted(re.findall(r'<dt id="([^"]+)">', html)) == sorted(ids(terms))
