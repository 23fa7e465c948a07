"""Do two builds of the site look the same? Screenshots of every page, compared pixel by pixel.

`python -m bench.screenshots BEFORE_SITE AFTER_SITE [--out DIR]`: serves both built sites on
127.0.0.1 (bench/server.py), opens every page of BEFORE in headless Chromium at phone size
(360×740, 2× pixels) and at a desktop size (1280×800), full page, with JavaScript on and with
the page's scroll position at the top, and compares each pair of screenshots with Pillow. Prints
one line per page that differs (the share of pixels that differ and the box around them) and
writes the pairs and a difference image to DIR. Exits 1 when any page differs.
`--above SELECTOR` compares only the part of each page above the first element SELECTOR names
(e.g. `.md-footer`, when a change is meant to alter the footer and nothing else).

Used to show that purging and bundling the CSS (issue 19) changes nothing a reader sees.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from PIL import Image, ImageChops

from bench.server import SiteServer
from bench.weight import CHROMIUM, CHROMIUM_ARGS

SIZES = {
    "phone": {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}


def pages_of(site: Path) -> list[str]:
    out = []
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).parent.as_posix()
        out.append("/" if rel == "." else f"/{rel}/")
    return out


def shot(context, url: str, above: str | None = None) -> Image.Image:
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => document.fonts && document.fonts.ready")
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    top = None
    if above:
        top = page.evaluate("s => { const e = document.querySelector(s); return e ? e.getBoundingClientRect().top + scrollY : null; }", above)
    scale = page.evaluate("devicePixelRatio")
    page.close()
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return image.crop((0, 0, image.width, round(top * scale))) if top is not None else image


def compare(a: Image.Image, b: Image.Image) -> tuple[float, tuple[int, int, int, int] | None]:
    if a.size != b.size:
        return 1.0, (0, 0, max(a.width, b.width), max(a.height, b.height))
    diff = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v else 0)
    box = diff.getbbox()
    if box is None:
        return 0.0, None
    return diff.histogram()[255] / (a.width * a.height), box


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.screenshots", description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/screenshots"))
    parser.add_argument("--above", metavar="SELECTOR", help="compare only what lies above this element")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    pages = pages_of(args.before)
    differing = 0
    compared = 0
    with SiteServer(args.before) as before, SiteServer(args.after) as after, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for size, options in SIZES.items():
                context = browser.new_context(**options)
                for path in pages:
                    a = shot(context, before.url.rstrip("/") + path, args.above)
                    b = shot(context, after.url.rstrip("/") + path, args.above)
                    share, box = compare(a, b)
                    compared += 1
                    if box is not None:
                        differing += 1
                        name = f"{size}{path.replace('/', '_')}"
                        args.out.mkdir(parents=True, exist_ok=True)
                        a.save(args.out / f"{name}-before.png")
                        b.save(args.out / f"{name}-after.png")
                        if a.size == b.size:
                            ImageChops.difference(a, b).save(args.out / f"{name}-diff.png")
                        print(f"{size} {path}: {share:.4%} of pixels differ, in {box} (sizes {a.size} / {b.size})")
                context.close()
        finally:
            browser.close()
    print(f"{compared} screenshots compared ({len(pages)} pages × {len(SIZES)} sizes): "
          f"{differing} differ, {compared - differing} identical")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
