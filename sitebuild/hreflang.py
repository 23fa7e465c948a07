"""Language alternates for search engines: absolute URLs and an x-default.

Plain Python, no MkDocs import (hooks/hreflang.py applies it to every page). Material writes
`<link rel="alternate" href="../../ky/rights/police/" hreflang="ky">` with relative URLs, which
search engines ignore; this rewrites them from the page's absolute URL and adds
`hreflang="x-default"` pointing at the default language's version of the page.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">')


def absolute_alternates(html: str, page_url: str, default_language: str) -> str:
    """`html` with its hreflang alternates made absolute (from `page_url`, the page's own
    absolute URL) and an x-default after them (the default language's alternate). Material writes
    them in the head: only the head is read (a page's body can be long)."""
    end = html.find("</head>")
    head, body = (html[:end], html[end:]) if end >= 0 else (html, "")
    default = None

    def rewrite(match: re.Match[str]) -> str:
        nonlocal default
        href = urljoin(page_url, match.group(1))
        if match.group(2) == default_language:
            default = href
        return f'<link rel="alternate" href="{href}" hreflang="{match.group(2)}">'

    head = ALTERNATE.sub(rewrite, head)
    if default is None or 'hreflang="x-default"' in head:
        return head + body
    last = list(ALTERNATE.finditer(head))[-1]
    return head[:last.end()] + f'\n<link rel="alternate" href="{default}" hreflang="x-default">' + head[last.end():] + body
