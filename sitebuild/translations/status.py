"""Which page is translated, checked, out of date: for every Russian page × Kyrgyz and Kazakh.

Plain Python, no MkDocs import. A translation records in `source_hash` the hash of the Russian
page it was made from (`python -m sitebuild.translations mark`); when the Russian page changes, its hash
changes and the translation is "stale" until a translator catches up and marks it again. For a
stale translation the status can carry the Russian page's diff since then (translations.history).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from sitebuild.languages import DEFAULT_LANGUAGE, LANGUAGES, NAMES
from sitebuild.translations.history import (DIFF, NEVER_MARKED, NO_HISTORY, NOT_FOUND, SHALLOW, SourceChange, forget,
                                            text_hash, russian_change)
from sitebuild.translations.pages import Page, read_text

TRANSLATED = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
# Best first: the order of the summary and of the legend.
STATES = ("reviewed", "draft", "stale", "missing")
LABELS = {
    "ru": {"page": "Страница", "state": "Состояние", "reviewed": "проверен", "draft": "черновик",
           "stale": "устарел", "missing": "нет перевода",
           "changes": "Что изменилось в русском тексте",
           "changes_intro": "Для каждого устаревшего перевода — изменения русской страницы с той версии, "
                            "с которой сделан перевод (строки с «−» были, с «+» стали).",
           NEVER_MARKED: "перевод ещё не отмечали (нет source_hash): сверьте его со всей русской страницей.",
           NOT_FOUND: "версии русской страницы, с которой сделан перевод, нет в истории git.",
           SHALLOW: "в этой копии репозитория нет истории git: выполните «git fetch --unshallow» и соберите сайт снова.",
           NO_HISTORY: "сайт собран без истории git: изменения видны только в клоне репозитория."},
    "ky": {"page": "Баракча", "state": "Абалы", "reviewed": "текшерилген", "draft": "каралама",
           "stale": "эскирген", "missing": "котормо жок",
           "changes": "Орусча текстте эмне өзгөрдү",
           "changes_intro": "Ар бир эскирген котормо үчүн — котормо жасалган версиядан бери орусча баракчанын "
                            "өзгөрүүлөрү («−» менен башталган саптар болгон, «+» менен башталгандар азыр).",
           NEVER_MARKED: "котормо азырынча белгиленген эмес (source_hash жок): аны орусча баракчанын баары менен салыштырыңыз.",
           NOT_FOUND: "котормо жасалган орусча баракчанын версиясы git тарыхында жок.",
           SHALLOW: "репозиторийдин бул көчүрмөсүндө git тарыхы жок: «git fetch --unshallow» буйругун аткарып, "
                    "сайтты кайра чогултуңуз.",
           NO_HISTORY: "сайт git тарыхысыз чогултулган: өзгөрүүлөр репозиторийдин клонунда гана көрүнөт."},
    "kk": {"page": "Бет", "state": "Жай-күйі", "reviewed": "тексерілген", "draft": "алдын ала нұсқа",
           "stale": "ескірген", "missing": "аударма жоқ",
           "changes": "Орысша мәтінде не өзгерді",
           "changes_intro": "Әр ескірген аударма үшін — аударма жасалған нұсқадан бері орысша беттің өзгерістері "
                            "(«−» белгісі бар жолдар болған, «+» белгісі барлары қазір).",
           NEVER_MARKED: "аударма әлі белгіленбеген (source_hash жоқ): оны орысша беттің бәрімен салыстырыңыз.",
           NOT_FOUND: "аударма жасалған орысша беттің нұсқасы git тарихында жоқ.",
           SHALLOW: "репозиторийдің бұл көшірмесінде git тарихы жоқ: «git fetch --unshallow» командасын орындап, "
                    "сайтты қайта жинаңыз.",
           NO_HISTORY: "сайт git тарихынсыз жиналған: өзгерістер тек репозиторий клонында көрінеді."},
}
# What `make status` says when no diff can be shown.
REASONS = {
    NEVER_MARKED: "never marked (no source_hash): compare the translation with the whole Russian page",
    NOT_FOUND: "the Russian version this translation was made from is not in the git history",
    SHALLOW: "this is a shallow clone without the history: run `git fetch --unshallow`, then `make status` again",
    NO_HISTORY: "no git history here (not a git clone): the diff needs a clone of the repository",
}


def source_hash(file: Path) -> str:
    """The first 12 hex digits of the SHA-256 of the page's text (line ends normalised to \\n)."""
    return text_hash(read_text(file))


@dataclass(frozen=True)
class PageStatus:
    path: str  # inside a language folder, e.g. "swit/index.md"
    titles: dict[str, str]  # language -> title, for the languages the page exists in
    states: dict[str, str]  # "ky"/"kk" -> one of STATES
    changes: dict[str, SourceChange] = field(default_factory=dict)  # stale language -> the Russian change


def state_of(translation: Page | None, current_hash: str) -> str:
    if translation is None:
        return "missing"
    if translation.meta.get("source_hash") != current_hash:
        return "stale"
    return "reviewed" if translation.meta.get("translation") == "reviewed" else "draft"


def translation_status(pages: dict[str, dict[str, Page]], *, changes: bool = False) -> list[PageStatus]:
    """`pages`: language -> page path -> Page, as `translations.check_docs` returns them. With
    `changes`, each stale translation also gets the Russian page's diff since it was made (git)."""
    result = []
    forget()  # the history as it is now
    for path, original in pages[DEFAULT_LANGUAGE].items():
        current = source_hash(original.file)
        found = {lang: pages.get(lang, {}).get(path) for lang in LANGUAGES}
        states = {lang: state_of(found[lang], current) for lang in TRANSLATED}
        result.append(PageStatus(
            path=path,
            titles={lang: page.meta["title"] for lang, page in found.items() if page is not None},
            states=states,
            changes={lang: russian_change(original.file, found[lang].meta.get("source_hash"), f"{DEFAULT_LANGUAGE}/{path}")
                     for lang in TRANSLATED if changes and states[lang] == "stale"},
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
    stale = [(status, lang, change) for status in statuses for lang, change in status.changes.items()]
    if stale:
        lines += ["", "What changed in the Russian page since each stale translation was made (- then, + now):"]
    for status, lang, change in stale:
        if change.kind == DIFF:
            lines += ["", f"{lang}/{status.path}: translated from the version of commit {change.commit[:12]}"]
            lines += [f"    {line}" for line in change.diff]
        else:
            lines += ["", f"{lang}/{status.path}: {REASONS[change.kind]}"]
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
    shown = [(status, other, change) for status in statuses for other, change in status.changes.items()
             if lang in (other, DEFAULT_LANGUAGE)]
    if shown:
        lines += ["", f"## {labels['changes']}", "", labels["changes_intro"], ""]
    for status, other, change in shown:
        title = escape(" ".join(status.titles.get(other, status.titles[DEFAULT_LANGUAGE]).split()))
        which = f' (<span lang="{other}">{NAMES[other]}</span>)' if lang == DEFAULT_LANGUAGE else ""
        if change.kind == DIFF:
            body = "\n".join(_diff_line(line) for line in change.diff)
            lines.append(f'<details class="translation-diff"><summary>{title}{which}</summary>'
                         f'<pre lang="{DEFAULT_LANGUAGE}"><code>{body}</code></pre></details>')
        else:
            lines.append(f"<p>{title}{which}: {escape(labels[change.kind])}</p>")
        lines.append("")
    return "\n".join(lines) + "\n"


def _diff_line(line: str) -> str:
    """One line of a diff as HTML: removed text as <del>, added as <ins> (seen without CSS)."""
    text = escape(line, quote=False)
    if line.startswith("-"):
        return f"<del>{text}</del>"
    if line.startswith("+"):
        return f"<ins>{text}</ins>"
    return text


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell and link text."""
    return escape(" ".join(text.split()), quote=False).replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")
