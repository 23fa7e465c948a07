"""A loopback-only static server for the built site that behaves like a typical host.

Like GitHub Pages (where the site is deployed): text responses gzip-compressed when the
browser asks for it, `Cache-Control: max-age=600`, `ETag` and `Last-Modified` with 304
answers to conditional requests, a trailing-slash redirect for directories, and 404.html
for a missing page. It counts the bytes it sends (headers + body) as a cross-check of the
browser's own count.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import mimetypes
import threading
import urllib.parse
from email.utils import formatdate
from pathlib import Path

TEXT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".svg": "image/svg+xml",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".map": "application/json; charset=utf-8",
}
MAX_AGE = 600
GZIP_LEVEL = 6


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "SiteServer._Server"

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def _serve(self, *, send_body: bool) -> None:
        root: Path = self.server.root
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (root / path.lstrip("/")).resolve()
        if root not in target.parents and target != root:
            return self._send(404, b"", "text/plain", send_body=send_body)
        if target.is_dir():
            if not path.endswith("/"):
                return self._send(301, b"", "text/plain", send_body=send_body, extra={"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file():
            page = root / "404.html"
            body = page.read_bytes() if page.is_file() else b"not found"
            extra = {}
            if page.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
                body, extra = self.server.gzipped(page, body), {"Content-Encoding": "gzip"}
            return self._send(404, body, TEXT_TYPES[".html"], send_body=send_body, extra=extra)
        suffix = target.suffix.lower()
        ctype = TEXT_TYPES.get(suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        body = target.read_bytes()
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {
            "ETag": etag,
            "Last-Modified": formatdate(target.stat().st_mtime, usegmt=True),
            "Cache-Control": f"max-age={MAX_AGE}",
            "Vary": "Accept-Encoding",
        }
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, b"", None, send_body=False, extra=headers)
        if suffix in TEXT_TYPES and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.server.gzipped(target, body)
            headers["Content-Encoding"] = "gzip"
        self._send(200, body, ctype, send_body=send_body, extra=headers)

    def _send(self, status: int, body: bytes, ctype: str | None, *, send_body: bool, extra: dict | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", "0" if status == 304 else str(len(body)))
        head_size = sum(len(line) for line in self._headers_buffer) + 2  # + the blank line
        self.end_headers()
        if send_body and status != 304:
            self.wfile.write(body)
        self.server.count(self.path, head_size + (len(body) if send_body and status != 304 else 0))


class SiteServer:
    """`with SiteServer(site_dir) as server: server.url` — serves on 127.0.0.1, a free port
    (or `port`)."""

    class _Server(http.server.ThreadingHTTPServer):
        daemon_threads = True
        root: Path

        def __init__(self, root: Path, port: int = 0) -> None:
            super().__init__(("127.0.0.1", port), _Handler)
            self.root = root.resolve()
            self._gzip_cache: dict[Path, bytes] = {}
            self._lock = threading.Lock()
            self.sent: list[tuple[str, int]] = []

        def gzipped(self, path: Path, body: bytes) -> bytes:
            with self._lock:
                if path not in self._gzip_cache:
                    self._gzip_cache[path] = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0)
                return self._gzip_cache[path]

        def count(self, path: str, size: int) -> None:
            with self._lock:
                self.sent.append((path, size))

    def __init__(self, site_dir: Path, port: int = 0) -> None:
        self._server = self._Server(Path(site_dir), port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def take_sent(self) -> list[tuple[str, int]]:
        """(path, bytes) of every response sent since the last call."""
        with self._server._lock:
            sent, self._server.sent = self._server.sent, []
        return sent

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
