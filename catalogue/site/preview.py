"""`catalogue lihat`: the built site served on 127.0.0.1, the way a static host serves it.

Opened from disk, a MkDocs site's links lead to folders (file:///…/wilayah/ shows a directory listing), so
the build points people here instead. The site is served under the path of its site_url (/katalog/ for
https://contoh.go.id/katalog/), as on the real host, so the 404 page's absolute links work too; a missing
page gets the site's own 404 page. Only this computer can open it (127.0.0.1).
"""

from __future__ import annotations

import errno
import functools
import http.server
from pathlib import Path
from urllib.parse import urlsplit

TRIES = 20  # ports tried from the one asked for, when it is taken


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"  # the path of site_url
    not_found: str | None = "404.html"  # the page a missing path gets, inside the served folder

    def log_message(self, *args) -> None:  # quiet: the command prints the address once
        pass

    def _inside(self, path: str) -> str | None:
        """A request's path within the site folder, or None when it is outside site_url's path."""
        path = urlsplit(path).path
        return "/" + path[len(self.prefix):] if path.startswith(self.prefix) else None

    def translate_path(self, path: str) -> str:
        return super().translate_path(self._inside(path) or "/")

    def send_head(self):
        if self._inside(self.path) is None:
            if urlsplit(self.path).path in ("/", self.prefix.rstrip("/")):  # the bare address: to the home page
                self.send_response(302)
                self.send_header("Location", self.prefix)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            self.send_error(404)
            return None
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / self.not_found if self.not_found else None
        if code != 404 or page is None or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def server(site_dir: Path, site_path: str = "/", port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A server for the site folder on 127.0.0.1: the port asked for, else the next free one (0: any)."""
    handler = type("Handler", (SiteHandler,), {"prefix": site_path})
    bound = functools.partial(handler, directory=str(site_dir))
    for candidate in [port] if port == 0 else range(port, port + TRIES):
        try:
            return http.server.ThreadingHTTPServer(("127.0.0.1", candidate), bound)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
    raise OSError(errno.EADDRINUSE, f"port {port} sampai {port + TRIES - 1} sedang dipakai program lain")


def address(httpd: http.server.ThreadingHTTPServer, site_path: str = "/") -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}{site_path}"
