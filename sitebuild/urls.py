"""Where a page, a feed, an event file and a download live on the built site (use_directory_urls)."""

from __future__ import annotations

from sitebuild.languages import DEFAULT_LANGUAGE


def page_path(lang: str, page: str) -> str:
    """Site-relative URL path of a Markdown page: ("ky", "swit/index.md") -> "ky/swit/"."""
    stem = page.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index")
    else:
        stem += "/"
    prefix = "" if lang == DEFAULT_LANGUAGE else f"{lang}/"
    return prefix + stem


def feed_path(lang: str) -> str:
    """The per-language subscription feed: "calendar/ky.ics"."""
    return f"calendar/{lang}.ics"


def event_path(lang: str, event_id: str) -> str:
    """The single-event download: "calendar/ky/sex-workers-day.ics"."""
    return f"calendar/{lang}/{event_id}.ics"


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def relative(from_page_path: str, to_path: str) -> str:
    """A relative link from a page's URL path (a directory, "ky/calendar/") to a site path."""
    depth = from_page_path.count("/")
    return "../" * depth + to_path


def path_in_language(src_uri: str) -> str:
    """A page's path inside its language folder: "ky/calendar/index.md" -> "calendar/index.md"."""
    return src_uri.split("/", 1)[1]
