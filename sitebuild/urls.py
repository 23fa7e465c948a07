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


def event_path(lang: str, neutral_id: str) -> str:
    """The single-event download, named by the event's neutral id: "calendar/ky/16d6214e.ics"."""
    return f"calendar/{lang}/{neutral_id}.ics"


def organiser_path(lang: str) -> str:
    """The feed with preparation reminders: "calendar/ky/organiser.ics"."""
    return f"calendar/{lang}/organiser.ics"


def topic_path(lang: str, category: str) -> str:
    """The feed of one category: "calendar/ky/topics/hiv.ics"."""
    return f"calendar/{lang}/topics/{category}.ics"


def qr_path(lang: str) -> str:
    """The QR code of the language's feed URL: "calendar/ky/qr.svg"."""
    return f"calendar/{lang}/qr.svg"


def embed_path(lang: str) -> str:
    """The page an NGO puts in an iframe: "calendar/ky/embed.html"."""
    return f"calendar/{lang}/embed.html"


DATES_JSON = "calendar/dates.json"
EMBED_CSS = "calendar/embed.css"


def absolute(site_url: str, path: str) -> str:
    return site_url.rstrip("/") + "/" + path


def relative(from_page_path: str, to_path: str) -> str:
    """A relative link from a page's URL path (a directory, "ky/calendar/") to a site path."""
    depth = from_page_path.count("/")
    return "../" * depth + to_path


def path_in_language(src_uri: str) -> str:
    """A page's path inside its language folder: "ky/calendar/index.md" -> "calendar/index.md"."""
    return src_uri.split("/", 1)[1]
