"""Where every generated page lives: source paths (src_uri) and the URLs MkDocs gives them.

Routes know no page class, so list pages, the innovation page, exports and search records all agree on
one address per thing without importing each other.
"""

from __future__ import annotations

import functools
import posixpath

HOME = "index.md"
BROWSE = "jelajahi.md"
REGIONS = "wilayah/index.md"
AREAS = "bidang/index.md"
STATS = "statistik.md"
ROLE_MODELS = "role-model.md"
TARGETS = "target.md"
DATA = "data.md"
SUBMIT = "ajukan.md"
GUIDE = "panduan.md"
IMAGE_DIR = "gambar"  # images from entries/ are published under /gambar/<path inside entries>/
SCHEMA = "skema/inovasi.schema.json"


def region(slug: str) -> str:
    return f"wilayah/{slug}.md"


def area(key: str) -> str:
    return f"bidang/{key}.md"


def innovation(entry_id: str) -> str:
    return f"inovasi/{entry_id}.md"


def image(rel: str) -> str:
    """An image below entries/ (POSIX path relative to it), as published."""
    return f"{IMAGE_DIR}/{rel}"


def continuation(first_uri: str, number: int) -> str:
    """Page 2, 3, … of a long list: bidang/sosial.md -> bidang/sosial/2.md."""
    return f"{first_uri[:-3]}/{number}.md"


@functools.lru_cache(maxsize=1 << 17)  # list pages ask for every innovation's URL, and for their own, often
def url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root ("" for the home page)."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/" if use_directory_urls else stem + ".html"


def link(from_uri: str, to_uri: str) -> str:
    """A Markdown link target from one source file to another (MkDocs resolves and checks it)."""
    return posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")


def _relative(target: str, base: str) -> str:
    """posixpath.relpath("/" + target, "/" + base) for the plain site paths made here (no "." or ".."
    parts): a list page links to every innovation it shows, and relpath costs ten times as much."""
    there, here = target.rstrip("/").split("/"), base.split("/")
    if there == [""]:
        there = []
    n, most = 0, min(len(there), len(here))
    while n < most and there[n] == here[n]:
        n += 1
    return "/".join([".."] * (len(here) - n) + there[n:]) or "."


def href(from_uri: str, target: str, use_directory_urls: bool = True, *, is_page: bool = True) -> str:
    """A relative URL from one page to a page (a src_uri) or to a published file (a site path), for
    HTML rendered by templates, where MkDocs does not rewrite links."""
    there = url(target, use_directory_urls) if is_page else target
    here = url(from_uri, use_directory_urls)
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = _relative(there, base) if base else (there or ".")
    if is_page and (there.endswith("/") or not there) and not rel.endswith("/"):
        rel += "/"
    return rel
