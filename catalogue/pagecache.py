"""Generated pages kept from one `catalogue build` to the next, content-addressed (issue 16, part two).

A page's key is a digest of everything its HTML is made from: its entry (every field and the body), the
innovations its replication chain and tree show, and one global part: the package version and code, the
theme files (custom_dir), the docs folder, hook files, the MkDocs and Material versions, mkdocs.yml, the settings read from the
environment, the reference data (region and area names), the navigation and the banner's counts. A page whose key is cached is placed in the new site
and MkDocs skips it (its dirty mode: `File.is_modified()` is false), so none of its plugin events run
(on_pre_page, on_page_markdown, on_page_content, on_page_context, on_post_page); every other page, and
every page of a build without a cache, is built as usual.

The other generated pages (lists, statistics, the guide; not the data page, which shows the sizes of
this build's downloads) are keyed on their Markdown, metadata, listing and the banner's counts, with
the same global part.

Each cached file starts with a header naming the format, the key, a digest of the HTML and the page's
title: a damaged or foreign file is ignored (and the page rendered), never published.
"""

from __future__ import annotations

import base64
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path

from . import __version__, aggregate, digests

FORMAT = "katalog-halaman-2"
log = logging.getLogger("mkdocs.plugins.catalogue")
_SUFFIXES = {".py", ".yml", ".html", ".js", ".css", ".json", ".svg", ".png", ".txt"}
_ENV = ("CATALOGUE_SITE_URL", "CATALOGUE_REPO_URL", "CATALOGUE_REPO_BRANCH", "CATALOGUE_PRATINJAU")


def _tree(folder: Path | None) -> list[bytes]:
    if not folder or not folder.is_dir():
        return []
    return [str(p.relative_to(folder)).encode() + p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix in _SUFFIXES]


def global_key(config, banner: dict, reference=None) -> str:
    here = Path(__file__).parent
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    docs = Path(config.docs_dir) if getattr(config, "docs_dir", None) else None  # page titles in the nav
    hooks = [Path(m.__file__).read_bytes() for m in (getattr(config, "hooks", None) or {}).values()
             if getattr(m, "__file__", None)]  # a hook may change any page
    versions = [f"{name}={metadata.version(name)}" for name in ("mkdocs", "mkdocs-material")]
    return digests.of(FORMAT, __version__, *versions, *_tree(here), *_tree(custom), *_tree(docs), *hooks,
                   Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
                   *(f"{k}={os.environ.get(k, '')}" for k in _ENV), repr(config.nav), repr(sorted(banner.items())),
                   repr(config.site_url), repr(config.use_directory_urls), repr(reference))


class PageCache:
    def __init__(self, folder: Path, key: str):
        self.folder = folder / "halaman"
        self.key = key
        self.hits: dict[str, str] = {}  # src_uri -> key, for pages placed from the cache
        self.misses: dict[str, str] = {}  # src_uri -> key, for pages MkDocs renders
        self.titles: dict[str, str | None] = {}  # src_uri -> title, for pages placed from the cache
        self.ignored = 0

    def page_key(self, catalogue, page) -> str:
        e = page.entry
        above = [(a.id, a.title, a.region_code) for a in aggregate.ancestors(catalogue, e)]
        below = [(d, c.id, c.title, c.region_code) for d, c in aggregate.descendants(catalogue, e)]
        return digests.of(self.key, e.fingerprint, repr(above), repr(below))

    def listing_key(self, page, markdown: str, meta: dict, banner: dict) -> str:
        """A generated page other than an innovation (lists, statistics, guide): everything its HTML is made of
        besides the global part is its Markdown, its metadata, the listing its template shows and the
        banner's counts."""
        return digests.of(self.key, page.src_uri, markdown, repr(sorted(meta.items())), repr(page.listing),
                       repr(sorted(banner.items())))

    def kept(self, src_uri: str, key: str, title: str | None) -> None:
        """A page the site folder already holds as made from `key` (publish.py): counted as found here."""
        self.hits[src_uri] = key
        self.titles[src_uri] = title

    def published(self, files) -> list[tuple[str, str, str | None]]:
        """(dest_uri, key, title) of every page this build kept, placed or rendered, for the site's record."""
        out = []
        for src_uri, key in (*self.hits.items(), *self.misses.items()):
            f = files.get_file_from_path(src_uri)
            title = self.titles[src_uri] if src_uri in self.hits else getattr(f.page, "title", None)
            out.append((f.dest_uri, key, title))
        return out

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    @staticmethod
    def _head(key: str, html: bytes, title: str | None) -> bytes:
        # The title goes with the page: the navigation other pages render shows the titles of cached pages.
        name = base64.urlsafe_b64encode(title.encode()).decode() if title is not None else "-"
        return f"<!-- {FORMAT} {key} {digests.of(html)} {name} -->".encode()

    def place_many(self, pages: list[tuple[str, str, Path]], threads: int = 1) -> list[bool]:
        """Put each cached page [(src_uri, key, dest)] at dest; False (and the page is rendered) where it is
        absent, damaged or foreign. The file work (read, check, write) runs in `threads` threads: the file
        system calls and the digest run outside Python's lock."""
        if threads > 1 and len(pages) > 200:
            from concurrent.futures import ThreadPoolExecutor
            with ThreadPoolExecutor(threads) as pool:
                found = list(pool.map(lambda page: self._copy(page[1], page[2]), pages, chunksize=64))
        else:
            found = [self._copy(key, dest) for _, key, dest in pages]
        for (src_uri, key, _), result in zip(pages, found):
            if result is None or result is False:
                self.misses[src_uri] = key
                self.ignored += result is False
            else:
                self.hits[src_uri] = key
                self.titles[src_uri] = result[0]
        return [isinstance(r, tuple) for r in found]

    def _copy(self, key: str, dest: Path):
        """(title,) when the cached page was copied to dest; None when absent; False when damaged."""
        try:
            data = self._file(key).read_bytes()
        except OSError:
            return None
        head, _, html = data.partition(b"\n")
        name = head.rsplit(b" ", 2)[-2] if head.count(b" ") >= 5 else b"-"
        try:
            title = None if name == b"-" else base64.urlsafe_b64decode(name).decode()
        except ValueError:
            title = None
        if head != self._head(key, html, title):
            return False
        try:
            os.mkdir(dest.parent)
        except FileExistsError:
            pass
        except FileNotFoundError:
            dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(html)
        return (title,)

    def store(self, files) -> None:
        """Keep the pages rendered this build; drop cached pages no page of this build used."""
        written = 0
        for src_uri, key in self.misses.items():
            f = files.get_file_from_path(src_uri)
            try:
                html = Path(f.abs_dest_path).read_bytes()
                title = f.page.title if f.page is not None else None
            except (OSError, AttributeError):
                continue
            path = self._file(key)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(self._head(key, html, title) + b"\n" + html)
                os.replace(tmp, path)
                written += 1
            except OSError as exc:
                log.info(f"Cache halaman tidak dapat ditulis ({exc}); pembangunan berikutnya membangun ulang.")
                return
        keep = {f"{k}.html" for k in (*self.hits.values(), *self.misses.values())}
        for path in self.folder.glob("*/*.html") if self.folder.is_dir() else []:
            if path.name not in keep:
                path.unlink(missing_ok=True)
        if self.ignored:
            log.warning(f"{self.ignored} halaman di cache {self.folder} rusak atau bukan milik katalog ini; "
                        "halaman itu dibangun ulang.")

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
