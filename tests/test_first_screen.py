"""The first screen on a phone, in real Chromium (issue 14, points 3 and 4): the triage block of each
home page, and the "what to do now" steps of each memo and of each time-critical part of the
brochure (its `<div class="now" id="now-…">` blocks), in every language, JavaScript on and off.

A memo and a home page are checked as they open (scrolled to the top); a brochure part as a reader
lands on it: at `take-care/#now-…` and at each section the home page's triage links point to. A block
counts as shown when it lies between the bottom of the sticky header and the bottom of the screen.

At 360×740 with 100% text every step of every block must be on the first screen. Smaller screens and
larger text cannot hold all of it on every page (see REQUIRED): there the test asserts what does hold,
and prints how many steps are on the first screen, page by page (run pytest with -s to see it).
A memo's section a triage link lands on (`rights/police/#now`) is held to the brochure's figures."""

from __future__ import annotations

import re

import pytest

from conftest import LANGUAGES, ROOT, pages
from test_browser import url_of
from test_phone import TEXT_SIZES, font_sizes

ALL = None  # every step
# (width, height, text size) → how many steps must be on the first screen, beyond the block's own
# heading and any text before its list: of a memo (as it opens), of a brochure part or a section
# the triage links land on, of the triage block. Below 360×740 at 100% text these are the figures
# that hold on every page in every language (measured 2026-12-01); raise them as the steps get shorter.
REQUIRED = {
    (360, 740, "100%"): {"memo": ALL, "brochure": ALL, "triage": ALL},
    (360, 740, "130%"): {"memo": 2, "brochure": 4, "triage": ALL},
    (320, 568, "100%"): {"memo": 2, "brochure": ALL, "triage": ALL},
    (320, 568, "130%"): {"memo": 0, "brochure": 2, "triage": 1},  # memos: the heading only (ky doctor, documents; kk violence)
}

# The block a page or an address shows first, and how much of it is on the screen.
MEASURE = r"""
(kind) => {
  let block;
  if (kind === "triage") block = document.querySelector(".triage");
  else if (location.hash) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    block = target && (target.closest(".now") || (target.nextElementSibling && target.nextElementSibling.matches(".now")
                       ? target.nextElementSibling : null));
  } else {
    const now = document.getElementById("now");
    block = now && now.closest(".now");
  }
  if (!block) return null;
  const top = document.querySelector(".site-top").getBoundingClientRect().bottom;
  const shown = e => { const r = e.getBoundingClientRect(); return r.top >= top - 0.5 && r.bottom <= innerHeight + 0.5; };
  const steps = [...block.querySelectorAll("li")];
  if (!steps.length) return {steps: 0, shown: 0, lead: false, whole: false, bottom: 0, top: 0};
  const before = [...block.children].filter(e => !e.matches("ol, ul") && !e.contains(steps[0]) &&
                                             e.compareDocumentPosition(steps[0]) & Node.DOCUMENT_POSITION_FOLLOWING);
  let first = 0;
  while (first < steps.length && shown(steps[first])) first++;
  return {steps: steps.length, shown: first, lead: before.every(shown), whole: shown(block),
          bottom: Math.round(block.getBoundingClientRect().bottom), top: Math.round(top)};
}
"""


def memos(lang: str) -> list[str]:
    """Pages that open with a "what to do now" block (a heading {#now} inside <div class="now">)."""
    base = ROOT / "docs" / lang
    return [md for md in pages(lang) if re.search(r'<div class="now"[^>]*>\s*##[^\n]*\{#now\}', (base / md).read_text(encoding="utf-8"))]


def brochure_parts(lang: str) -> list[str]:
    """The ids of the brochure's "what to do now" parts."""
    return re.findall(r'<div class="now" id="([\w-]+)"', (ROOT / "docs" / lang / "take-care.md").read_text(encoding="utf-8"))


def triage_targets(lang: str) -> list[tuple[str, str]]:
    """(page, #section) of each triage link of the home page that lands on a section."""
    text = (ROOT / "docs" / lang / "index.md").read_text(encoding="utf-8")
    triage = re.search(r'<div class="triage" markdown>(.*?)</div>', text, re.S).group(1)
    return re.findall(r"\]\(([\w/.-]+\.md)#([\w-]+)\)", triage)


def test_every_language_has_the_blocks_to_check() -> None:
    for lang in LANGUAGES:
        assert len(memos(lang)) >= 4, (lang, memos(lang))
        assert {"now-pep", "now-violence", "now-overdose"} <= set(brochure_parts(lang)), lang
        assert len(triage_targets(lang)) >= 4, lang
    # The same memos and parts in every language.
    assert len({tuple(memos(lang)) for lang in LANGUAGES}) == 1
    assert len({tuple(brochure_parts(lang)) for lang in LANGUAGES}) == 1


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_to_do_now_is_on_the_first_screen(browser, site_url: str, lang: str, javascript: bool) -> None:
    # (kind, address): memos and the home page as they open; brochure parts and triage links as landed on.
    targets = [("triage", url_of(site_url, lang, "index.md"))]
    targets += [("memo", url_of(site_url, lang, md)) for md in memos(lang)]
    targets += [("brochure", url_of(site_url, lang, "take-care.md") + "#" + part) for part in brochure_parts(lang)]
    targets += [("brochure", url_of(site_url, lang, md) + "#" + section) for md, section in triage_targets(lang)]
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  java_script_enabled=javascript)
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    problems, figures, checked = [], [], 0
    try:
        for (width, height, text), required in REQUIRED.items():
            page.set_viewport_size({"width": width, "height": height})
            devtools.send("Page.setFontSizes", font_sizes(TEXT_SIZES[text]))
            for kind, url in targets:
                page.goto("about:blank")
                page.goto(url)
                found = page.evaluate(MEASURE, kind)
                where = f"{url.split('/', 3)[3] or '/'} {width}×{height} {text}"
                if found is None:
                    problems.append(f"{where}: no {kind} block")
                    continue
                checked += 1
                if not found["steps"]:
                    problems.append(f"{where}: the {kind} block has no steps")
                figures.append(f"{where}: {found['shown']}/{found['steps']} steps, block bottom {found['bottom']} of {height}")
                need = found["steps"] if required[kind] is ALL else required[kind]
                if not found["lead"]:
                    problems.append(f"{where}: the {kind} block's heading is not on the first screen")
                if found["shown"] < need:
                    problems.append(f"{where}: {found['shown']} of {found['steps']} steps on the first screen, "
                                    f"{'all' if required[kind] is ALL else need} required")
                elif required[kind] is ALL and not found["whole"]:
                    problems.append(f"{where}: the {kind} block ends at {found['bottom']}px, below the screen ({height}px)")
    finally:
        context.close()
    print(f"\n{lang} {'js' if javascript else 'no-js'}: {checked} blocks checked\n" + "\n".join(figures))
    assert checked == len(targets) * len(REQUIRED)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)
