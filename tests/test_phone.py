"""Every page on a phone, in real Chromium (issue 14): no page wider than the screen, the quick exit
on screen at the top, middle and end of each page and never on top of the text, in every language,
at 320×568 and 360×740, at 100% and 130% text, with JavaScript on and off; the 404 pages.

130% text is the browser's own text-size setting (Chromium's default font size 16 → 21 px, set
through the DevTools protocol, Page.setFontSizes): it scales everything sized in rem or em, as a
reader's setting does, and needs no style injected into the page (the CSP forbids inline styles).

One browser, one context per language and JavaScript setting, one page: each page is loaded once,
then checked at each screen size and text size by one page.evaluate (CHECK below)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import DEFAULT_LANGUAGE, LANGUAGES, ROOT, pages
from sitebuild.interface import load_interface
from sitebuild.not_found import not_found_path
from test_browser import url_of

SCREENS = [(320, 568), (360, 740)]
TEXT_SIZES = {"100%": 16, "130%": 21}  # Chromium's default font size, px
FIXED_FONT = {16: 13, 21: 17}  # its monospace size, scaled alike

# One check of the loaded page at the current screen and text size; returns the problems found.
CHECK = r"""
({width, height}) => {
  const problems = [];
  const doc = document.scrollingElement;
  const say = (where, what) => problems.push(`${where}: ${what}`);
  const describe = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
    (typeof e.className === "string" && e.className ? "." + e.className.trim().split(/\s+/).join(".") : "");

  // 1. No page wider than the screen.
  if (doc.scrollWidth > width) {
    const wide = [...document.body.querySelectorAll("*")].filter(e => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.right > width + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5);
    }).slice(0, 3).map(describe);
    say("page", `${doc.scrollWidth}px wide on a ${width}px screen (${wide.join(", ")})`);
  }

  // 2. Table cells never break words at any letter (only inside their own scrolling box).
  for (const cell of document.querySelectorAll(".md-typeset td, .md-typeset th")) {
    const style = getComputedStyle(cell);
    if (style.overflowWrap !== "anywhere" && style.wordBreak !== "break-all") continue;
    let box = cell.parentElement, scrolls = false;
    for (; box && box !== document.body; box = box.parentElement) {
      if (/auto|scroll/.test(getComputedStyle(box).overflowX)) { scrolls = true; break; }
    }
    if (!scrolls) { say("table", `a cell breaks words at any letter (${describe(cell)})`); break; }
  }

  // 3. The year view keeps its seven day columns on the screen.
  for (const grid of document.querySelectorAll(".month-grid")) {
    const days = grid.querySelectorAll("thead th");
    const off = [...days].filter(d => d.getBoundingClientRect().right > width + 0.5 || d.getBoundingClientRect().width < 1);
    if (days.length !== 7 || off.length) { say("year view", `${days.length} day columns, ${off.length} off the screen`); break; }
  }

  // 4. Boxes in the text ("in danger now") at the size of the text.
  const text = document.querySelector("article > p, article li");
  for (const box of document.querySelectorAll("article .admonition:not(.page-notice)")) {
    if (text && getComputedStyle(box).fontSize !== getComputedStyle(text).fontSize) {
      say("box", `${describe(box)} text is ${getComputedStyle(box).fontSize}, the page's ${getComputedStyle(text).fontSize}`);
      break;
    }
  }

  // 5. The quick exit: two on the page (top and end), the top one on screen and on top of nothing.
  const exits = [...document.querySelectorAll("[data-quick-exit]")];
  if (exits.length < 2) say("quick exit", `${exits.length} on the page, expected one at the top and one at the end`);
  const exit = exits[0];
  if (!exit) return problems;
  const article = document.querySelector("article") || document.querySelector(".md-content");
  if (exits.length >= 2 && article && !(article.compareDocumentPosition(exits[exits.length - 1]) & Node.DOCUMENT_POSITION_FOLLOWING)
      && !article.contains(exits[exits.length - 1])) {
    say("quick exit", "the second one is not at the end of the page");
  }
  // The bar that keeps it on screen: its nearest sticky or fixed ancestor (not the control itself).
  let bar = exit.parentElement;
  while (bar && bar !== document.body && !/sticky|fixed/.test(getComputedStyle(bar).position)) bar = bar.parentElement;
  if (bar === document.body) bar = null;
  if (bar) {
    const bg = getComputedStyle(bar).backgroundColor.match(/[\d.]+/g) || [];
    if (bg.length === 4 && Number(bg[3]) < 1 || bg.length < 3) say("quick exit", `its bar is not opaque (${getComputedStyle(bar).backgroundColor})`);
  }

  const clipOf = element => {  // the part of the screen an element's content can show in
    let clip = {left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity};
    for (let e = element; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.overflowX !== "visible" || s.overflowY !== "visible") {
        const r = e.getBoundingClientRect();
        clip = {left: Math.max(clip.left, r.left), top: Math.max(clip.top, r.top),
                right: Math.min(clip.right, r.right), bottom: Math.min(clip.bottom, r.bottom)};
      }
    }
    return clip;
  };
  const cut = (a, b) => ({left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
                         right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom)});
  const some = r => r.right - r.left > 0.5 && r.bottom - r.top > 0.5;

  const last = Math.max(0, doc.scrollHeight - innerHeight);
  for (const [where, y] of [["top", 0], ["middle", Math.round(last / 2)], ["end", last]]) {
    window.scrollTo({top: y, left: 0, behavior: "instant"});
    const box = exit.getBoundingClientRect();
    const at = `quick exit at the ${where}`;
    if (box.width < 44 || box.height < 44) say(at, `tap target ${box.width.toFixed(0)}×${box.height.toFixed(0)} px`);
    if (box.left < -0.5 || box.top < -0.5 || box.right > width + 0.5 || box.bottom > height + 0.5) {
      say(at, `off the screen (${box.left.toFixed(0)}, ${box.top.toFixed(0)}) – (${box.right.toFixed(0)}, ${box.bottom.toFixed(0)})`);
      continue;
    }
    const middle = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    if (!middle || !exit.contains(middle)) say(at, `covered by ${middle ? describe(middle) : "nothing"}`);
    const barBox = bar && bar.getBoundingClientRect();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || exit.contains(node)) continue;
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) {
        const under = cut(rect, box);
        if (!some(under)) continue;
        const element = node.parentElement;
        if (!element.checkVisibility({opacityProperty: true, visibilityProperty: true})) break;
        const shown = cut(under, clipOf(element));
        if (!some(shown)) continue;
        // Page text scrolled under an opaque header bar is hidden by the bar, whatever sits in it.
        if (bar && !bar.contains(node) && shown.top >= barBox.top - 0.5 && shown.bottom <= barBox.bottom + 0.5) continue;
        say(at, `covers the text «${node.data.trim().slice(0, 40)}» (${describe(element)})`);
        break;
      }
      if (problems.length > 40) return problems;
    }
  }
  window.scrollTo({top: 0, behavior: "instant"});
  return problems;
}
"""


def font_sizes(size: int) -> dict:
    return {"fontSizes": {"standard": size, "fixed": FIXED_FONT[size]}}


def checked(context, urls: list[str]) -> tuple[int, list[str]]:
    """Load each URL once in one page, check it at every screen and text size; (page views, problems)."""
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    views, problems = 0, []
    for url in urls:
        page.goto(url)
        for width, height in SCREENS:
            page.set_viewport_size({"width": width, "height": height})
            for text, size in TEXT_SIZES.items():
                devtools.send("Page.setFontSizes", font_sizes(size))
                views += 1
                for problem in page.evaluate(CHECK, {"width": width, "height": height}):
                    problems.append(f"{url.split('/', 3)[3] or '/'} {width}px {text}: {problem}")
        devtools.send("Page.setFontSizes", font_sizes(16))
    page.close()
    return views, problems


def phone_context(browser, *, javascript: bool):
    width, height = SCREENS[0]
    return browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                               java_script_enabled=javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_the_phone_and_the_quick_exit_stays_clear_of_the_text(
        browser, site_url: str, lang: str, javascript: bool) -> None:
    urls = [url_of(site_url, lang, page) for page in pages(DEFAULT_LANGUAGE)]
    context = phone_context(browser, javascript=javascript)
    try:
        views, problems = checked(context, urls)
    finally:
        context.close()
    assert views == len(urls) * len(SCREENS) * len(TEXT_SIZES)
    print(f"{lang} {'js' if javascript else 'no-js'}: {views} page views, {len(problems)} problems")
    assert not problems, f"{len(problems)} problems in {views} page views:\n" + "\n".join(problems)


# --- 404 -----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_404_page_is_in_the_readers_language_and_leads_home_and_to_help(browser, site_url: str, lang: str) -> None:
    ui = load_interface(ROOT)
    spoken = LANGUAGES if lang == DEFAULT_LANGUAGE else (lang,)
    context = phone_context(browser, javascript=False)
    try:
        # GitHub Pages answers a missing address at any depth with the 404 page: served so here.
        missing = f"{site_url}{'' if lang == DEFAULT_LANGUAGE else lang + '/'}rights/no-such-page/"
        page_file = site_url + not_found_path(lang)
        context.route(missing, lambda route: route.fulfill(
            status=404, content_type="text/html", body=context.request.get(page_file).body()))
        for url in (page_file, missing):
            page = context.new_page()
            page.goto(url)
            assert page.evaluate("document.documentElement.lang") == lang
            assert page.locator("h1").inner_text().strip() == ui[lang]["not_found_title"]
            assert ui[lang]["not_found_title"] in page.title()
            assert not re.search(r"not found|404 -", page.locator("body").inner_text(), re.IGNORECASE)
            assert page.evaluate("getComputedStyle(document.querySelector('.site-top')).position") == "sticky"
            assert page.locator("section.not-found").evaluate_all("s => s.map(e => e.lang)") == [
                lang, *(other for other in spoken if other != lang)]
            for other in spoken:
                links = page.locator(f"section.not-found[lang={other}] a")
                assert links.evaluate_all("a => a.map(e => [e.textContent.trim(), e.href])") == [
                    [ui[other]["not_found_home"], url_of(site_url, other, "index.md")],
                    [ui[other]["not_found_help"], url_of(site_url, other, "help.md")],
                ]
            page.close()
        views, problems = checked(context, [page_file])
    finally:
        context.close()
    assert views and not problems, problems


# --- wider screens, dark mode ------------------------------------------------------------


def test_quick_exit_stays_clear_of_the_text_up_to_tablet_width(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 768, "height": 1024}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    try:
        for lang in LANGUAGES:
            for md in pages(DEFAULT_LANGUAGE):
                page.goto(url_of(site_url, lang, md))
                problems += [f"{lang} {md} 768px: {p}" for p in page.evaluate(CHECK, {"width": 768, "height": 1024})]
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_dark_mode_follows_the_phone_without_javascript(browser, site_url: str) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": 360, "height": 740}, color_scheme=scheme, java_script_enabled=False)
        page = context.new_page()
        page.goto(url_of(site_url, "ky", "take-care.md"))
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] == "rgb(255, 255, 255)"
    assert colours["dark"] != colours["light"], colours
    red, green, blue = map(int, re.findall(r"\d+", colours["dark"])[:3])
    assert max(red, green, blue) < 64, f"the dark background is not dark: {colours['dark']}"


def test_dark_mode_has_every_colour_of_materials_dark_scheme() -> None:
    import material

    palette = next((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("palette.*.min.css"))
    slate = re.search(r"\[data-md-color-scheme=slate\]\{([^}]*)\}", palette.read_text(encoding="utf-8")).group(1)
    theirs = set(re.findall(r"(--[\w-]+|color-scheme):", slate))
    ours = set(re.findall(r"(--[\w-]+|color-scheme):", (ROOT / "overrides/assets/stylesheets/dark.css").read_text(encoding="utf-8")))
    assert len(theirs) > 30
    assert theirs <= ours, f"missing in dark.css: {sorted(theirs - ours)}"


# --- without JavaScript: the topics index; jumps land below the header ---------------------


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_topics_link_stands_where_the_search_field_would_be(browser, site_url: str, javascript: bool) -> None:
    ui = load_interface(ROOT)
    context = phone_context(browser, javascript=javascript)
    try:
        page = context.new_page()
        for lang in LANGUAGES:
            page.goto(url_of(site_url, lang, "rights/police.md"))
            link = page.locator(".site-topics a")
            assert page.locator(".site-search").is_visible() == javascript
            assert link.is_visible() != javascript, "the topics link should give way to the search field"
            if not javascript:
                box = link.bounding_box()
                assert box["height"] >= 44 and box["y"] + box["height"] <= SCREENS[0][1], box
                assert link.inner_text().strip() == ui[lang]["topics_link"]
                link.tap()
                page.wait_for_url(url_of(site_url, lang, "topics.md"))
                assert page.locator(".topics a[href*='#']").count() > 100
    finally:
        context.close()


@pytest.mark.parametrize("text", TEXT_SIZES)
def test_a_jump_to_a_section_lands_below_the_header(browser, site_url: str, text: str) -> None:
    context = phone_context(browser, javascript=False)
    try:
        page = context.new_page()
        context.new_cdp_session(page).send("Page.setFontSizes", font_sizes(TEXT_SIZES[text]))
        page.goto(url_of(site_url, "kk", "glossary.md"))
        letters = page.locator(".glossary-letters a")
        assert letters.count() >= 10
        for index in (3, letters.count() - 1):
            target = letters.nth(index).get_attribute("href")
            letters.nth(index).tap()
            page.wait_for_function("h => location.hash === h", arg=target)
            gap = page.evaluate("""id => document.getElementById(id).getBoundingClientRect().top
                                   - document.querySelector('.site-top').getBoundingClientRect().bottom""", target[1:])
            assert gap >= 0, f"{target} lands {-gap:.0f}px under the header"
            page.evaluate("window.scrollTo(0, 0)")
    finally:
        context.close()


def test_language_switcher_keeps_the_section(browser, site_url: str) -> None:
    context = phone_context(browser, javascript=True)
    try:
        page = context.new_page()
        page.goto(url_of(site_url, "ru", "glossary.md") + "#pep")
        hrefs = page.locator(".md-select__link[hreflang]").evaluate_all("a => a.map(e => e.href)")
        assert hrefs == [url_of(site_url, lang, "glossary.md") + "#pep" for lang in LANGUAGES]
        page.evaluate("location.hash = '#naloxone'")
        page.locator(".md-select button").tap()
        page.locator(".md-select__link[hreflang=kk]").tap()
        page.wait_for_url(url_of(site_url, "kk", "glossary.md") + "#naloxone")
    finally:
        context.close()


# The first screen (the triage block, "what to do now"): tests/test_first_screen.py.
