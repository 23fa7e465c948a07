"""`mkdocs serve` with the site's strict Content-Security-Policy, and with build errors in the browser.

- MkDocs' development server holds every request until a build succeeds, so after a broken edit
  the browser just waits. `show_error` replaces every page of the served (temporary) folder with
  one page that shows the message; the server then answers, and live reload brings the site back
  after the next good build.
- MkDocs' live reload is an inline script, which the CSP (script-src 'self') blocks. `reload_tag`
  is the same code as a file (LIVERELOAD_JS, written into the served folder), with the two numbers
  it needs as data attributes.
Plain Python, no MkDocs import (hooks/dev_server.py connects it to the server).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from sitebuild.output import write_files

LIVERELOAD_JS = "livereload.js"
# MkDocs 1.6's live reload script (mkdocs/livereload/__init__.py), reading its numbers from its tag.
LIVERELOAD = """(function () {
  var tag = document.currentScript, epoch = Number(tag.dataset.epoch), requestId = tag.dataset.requestId;
  var req, timeout;
  var poll = function () {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) location.reload();
      else timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
    };
    req.open("GET", "/livereload/" + epoch + "/" + requestId);
    req.send();
  };
  var stop = function () {
    if (req) req.abort();
    if (timeout) clearTimeout(timeout);
    req = timeout = undefined;
  };
  window.addEventListener("load", function () { if (document.visibilityState === "visible") poll(); });
  window.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") poll(); else stop();
  });
  window.addEventListener("beforeunload", stop);
})();
"""
PAGE = """<!doctype html>
<html lang="ru">
<head>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; connect-src 'self'">
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Ошибка сборки / Build error</title>
</head>
<body>
<h1>Сайт не собран / The site did not build</h1>
<p>Исправьте файл, указанный ниже, и сохраните его: страница обновится сама.<br>
Fix the file named below and save it: this page reloads by itself.</p>
<pre>{message}</pre>
</body>
</html>
"""


def error_page(message: str) -> bytes:
    return PAGE.format(message=escape(message)).encode("utf-8")


def show_error(site_dir: Path, message: str) -> None:
    """Every page of `site_dir` (and its home page, if there is none yet) shows `message`."""
    pages = {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")} | {"index.html"}
    write_files(dict.fromkeys(pages, error_page(message)), site_dir)


def write_livereload(site_dir: Path) -> None:
    write_files({LIVERELOAD_JS: LIVERELOAD.encode("utf-8")}, site_dir)


def reload_tag(mount_path: str, epoch: int, request_id: int) -> bytes:
    src = mount_path.rstrip("/") + "/" + LIVERELOAD_JS
    return f'<script src="{escape(src)}" data-epoch="{epoch}" data-request-id="{request_id}"></script>'.encode()


def with_reload_tag(content: bytes, tag: bytes) -> bytes:
    """The page with the live reload tag before </body> (where MkDocs puts its script)."""
    end = content.rfind(b"</body>")
    end = len(content) if end < 0 else end
    return content[:end] + tag + content[end:]
