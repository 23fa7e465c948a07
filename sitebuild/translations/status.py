"""Which page is translated, checked, out of date: for every Russian page × Kyrgyz and Kazakh.

Plain Python, no MkDocs import. A translation records in `source_hash` the hash of the Russian
page it was made from (`python -m sitebuild.translations mark`); when the Russian page changes, its hash
changes and the translation is "stale" until a translator catches up and marks it again.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from html import escape
from pathlib import Path

from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES, NAMES
from sitebuild.translations.pages import Page, read_text

TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
# Best first: the order of the summary and of the legend.
STATES = ("reviewed", "draft", "stale", "missing")
LABELS = {
    "ru": {"page": "Страница", "state": "Состояние", "reviewed": "проверен", "draft": "черновик",
           "stale": "устарел", "missing": "нет перевода"},
    "ky": {"page": "Баракча", "state": "Абалы", "reviewed": "текшерилген", "draft": "каралама",
           "stale": "эскирген", "missing": "котормо жок"},
    "kk": {"page": "Бет", "state": "Жай-күйі", "reviewed": "тексерілген", "draft": "жоба нұсқа",
           "stale": "ескірген", "missing": "аударма жоқ"},
}


def source_hash(file: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the page's text (line ends normalised to \\n)."""
    return hashlib.sha256(read_text(file).encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class PageStatus:
    path: str  # inside a language folder, e.g. "swit/index.md"
    titles: dict[str, str]  # language -> title, for the languages the page exists in
    states: dict[str, str]  # "ky"/"kk" -> one of STATES


def state_of(translation: Page | None, current_hash: str) -> str:
    if translation is None:
        return "missing"
    if translation.meta.get("source_hash") != current_hash:
        return "stale"
    return "reviewed" if translation.meta.get("translation") == "reviewed" else "draft"


def translation_status(pages: dict[str, dict[str, Page]]) -> list[PageStatus]:
    """`pages`: language -> page path -> Page, as `translations.check_docs` returns them."""
    result = []
    for path, original in pages[DEFAULT_LANGUAGE].items():
        current = source_hash(original.file)
        found = {lang: pages.get(lang, {}).get(path) for lang in LANGUAGES}
        result.append(PageStatus(
            path=path,
            titles={lang: page.meta["title"] for lang, page in found.items() if page is not None},
            states={lang: state_of(found[lang], current) for lang in TRANSLATED},
        ))
    return result


def counts(statuses: list[PageStatus], lang: str) -> dict[str, int]:
    return {state: sum(s.states[lang] == state for s in statuses) for state in STATES}


def render_text(statuses: list[PageStatus]) -> str:
    """The table `python -m sitebuild.translations status` prints."""
    width = max([len("page"), *(len(s.path) for s in statuses)]) + 2
    lines = ["page".ljust(width) + "".join(lang.ljust(10) for lang in TRANSLATED)]
    for status in statuses:
        lines.append(status.path.ljust(width) + "".join(status.states[lang].ljust(10) for lang in TRANSLATED))
    lines.append("")
    for lang in TRANSLATED:
        summary = ", ".join(f"{n} {state}" for state, n in counts(statuses, lang).items())
        lines.append(f"{lang}: {summary} (of {len(statuses)} pages)")
    lines.append("stale = the Russian page changed after the translation was last marked, or it was never marked "
                 "(python -m sitebuild.translations mark <lang>/<page>)")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_page(statuses: list[PageStatus], lang: str, *, page: str) -> str:
    """Two Markdown tables in `lang`: how many pages are in each state, and the state of every page.

    `page` is the path of the page the tables go into, for relative links.
    """
    labels = LABELS[lang]
    head = " | ".join(f'<span lang="{other}">{NAMES[other]}</span>' for other in TRANSLATED)
    lines = [f"| {labels['state']} | {head} |", "|---|" + "---:|" * len(TRANSLATED)]
    totals = {other: counts(statuses, other) for other in TRANSLATED}
    for state in STATES:
        lines.append(f"| {labels[state]} | " + " | ".join(str(totals[other][state]) for other in TRANSLATED) + " |")
    lines += ["", f"| {labels['page']} | {head} |", "|---|" + "---|" * len(TRANSLATED)]
    for status in statuses:
        if lang in status.titles:
            title = _cell(status.titles[lang])
        else:
            title = f'<span lang="{DEFAULT_LANGUAGE}">{_cell(status.titles[DEFAULT_LANGUAGE])}</span>'
        link = posixpath.relpath(status.path, posixpath.dirname(page) or ".")
        cells = " | ".join(labels[status.states[other]] for other in TRANSLATED)
        lines.append(f"| [{title}]({link}) | {cells} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell and link text."""
    return escape(" ".join(text.split()), quote=False).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
