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

Each stored page is the HTML itself (`<key>.html`); a manifest (`isi-cache.json`) holds each key's digest of
the HTML, the page's title and the global key it was made under. Pages of the current global key and of
one other (the last used) that differs from it by the site's address only are kept, so that `catalogue
build` and `make serve` (MkDocs serve sets its own site_url) do not discard each other's pages, while the
pages of an older code, theme or configuration go. A page missing from the manifest, or whose file does not match its digest,
is ignored (and rendered), never published. A stored page is placed in a new site as a hard link, and a
rendered page is stored as one (a copy where the file system has none): no page's bytes are copied. So
the site's page and the stored page are one file: a tool that edits a site page in place changes the
stored one too, which its digest then reveals (the page is rendered again).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path

from .. import __version__, digests
from ..site import aggregate
from .publish import same_file

FORMAT = "katalog-halaman-5"
MANIFEST = "isi-cache.json"
log = logging.getLogger("mkdocs.plugins.catalogue")
_SUFFIXES = {".py", ".yml", ".html", ".js", ".css", ".json", ".svg", ".png", ".txt"}
_ENV = ("CATALOGUE_REPO_URL", "CATALOGUE_REPO_BRANCH", "CATALOGUE_PRATINJAU")  # and the site's address (kin)


def _tree(folder: Path | None) -> list[bytes]:
    if not folder or not folder.is_dir():
        return []
    return [str(p.relative_to(folder)).encode() + p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts and p.suffix in _SUFFIXES]


def global_keys(config, banner: dict, reference=None) -> tuple[str, str]:
    """(global key, kin): everything every page is made of besides its own content, as a digest; the kin
    leaves out the site's address, so two builds that differ by site_url only (`catalogue build` and `make
    serve`) have the same kin; see PageCache.store."""
    here = Path(__file__).parent.parent  # the whole package
    custom = Path(config.theme.custom_dir) if config.theme.custom_dir else None
    docs = Path(config.docs_dir) if getattr(config, "docs_dir", None) else None  # page titles in the nav
    hooks = [Path(m.__file__).read_bytes() for m in (getattr(config, "hooks", None) or {}).values()
             if getattr(m, "__file__", None)]  # a hook may change any page
    versions = [f"{name}={metadata.version(name)}" for name in ("mkdocs", "mkdocs-material")]
    kin = digests.of(FORMAT, __version__, *versions, *_tree(here), *_tree(custom), *_tree(docs), *hooks,
                     Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
                     *(f"{k}={os.environ.get(k, '')}" for k in _ENV), repr(config.nav), repr(sorted(banner.items())),
                     repr(config.use_directory_urls), repr(reference))
    return digests.of(kin, repr(config.site_url), os.environ.get("CATALOGUE_SITE_URL", "")), kin


class PageCache:
    def __init__(self, folder: Path, key: str, kin: str | None = None):
        self.folder = folder / "halaman"
        self.key, self.kin = key, kin
        self.hits: dict[str, str] = {}  # src_uri -> key, for pages placed from the cache
        self.misses: dict[str, str] = {}  # src_uri -> key, for pages MkDocs renders
        self.titles: dict[str, str | None] = {}  # src_uri -> title, for pages placed from the cache
        self.ignored = 0
        self._index: dict | None = None
        self._contexts: list[list[str]] = []  # [global key, kin] of the last builds, newest first

    def page_key(self, catalogue, page) -> str:
        e = page.entry
        if e.replikasi_dari is None and e.id not in catalogue.replicated_by:  # most: no chain, no tree
            return digests.of(self.key, e.fingerprint, "[]", "[]")
        above = [(a.id, a.title, a.region_code) for a in aggregate.ancestors(catalogue, e)]
        below = [(d, c.id, c.title, c.region_code) for d, c in aggregate.descendants(catalogue, e)]
        return digests.of(self.key, e.fingerprint, repr(above), repr(below))

    def listing_key(self, page, markdown: str, meta: dict, banner: dict) -> str:
        """A generated page other than an innovation (lists, statistics, guide): everything its HTML is made of
        besides the global part is its Markdown, its metadata, the listing its template shows and the
        banner's counts."""
        inputs = page.listing_inputs()
        return digests.of(self.key, page.src_uri, markdown, repr(sorted(meta.items())),
                          repr(page.listing) if inputs is None else "\0".join(inputs), repr(sorted(banner.items())))

    def kept(self, src_uri: str, key: str, title: str | None) -> None:
        """A page the site folder already holds as made from `key` (publish.py): counted as found here."""
        self.hits[src_uri] = key
        self.titles[src_uri] = title

    def published(self, files) -> list[tuple[str, str, str | None]]:
        """(dest_uri, key, title) of every page this build kept, placed or rendered, for the site's record."""
        out, by_uri = [], files.src_uris
        for src_uri, key in (*self.hits.items(), *self.misses.items()):
            f = by_uri[src_uri]
            title = self.titles[src_uri] if src_uri in self.hits else getattr(f.page, "title", None)
            out.append((f.dest_uri, key, title))
        return out

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.html"

    def _manifest(self) -> dict:
        """{key: [digest of the HTML, title, global key]} of the stored pages (one JSON file; a damaged one:
        none)."""
        if self._index is None:
            self._index, self._contexts = {}, []
            try:
                data = json.loads((self.folder / MANIFEST).read_text("utf-8"))
                if isinstance(data, dict) and data.get("format") == FORMAT and isinstance(data.get("pages"), dict):
                    self._index = data["pages"]
                    self._contexts = [c for c in data.get("contexts", [])
                                      if isinstance(c, list) and len(c) == 2 and all(isinstance(x, str) for x in c)]
            except (OSError, ValueError):
                pass
        return self._index

    def place_many(self, pages: list[tuple[str, str, Path]]) -> list[bool]:
        """Put each cached page [(src_uri, key, dest)] at dest; False (and the page is rendered) where it is
        absent, damaged or foreign. One thread: making 30,000 folders and links in one parent folder is
        slower from several (5.9 s from one, 9.0 s from four, measured on ext4)."""
        index = self._manifest()
        found = [self._place(key, dest, index.get(key)) for _, key, dest in pages]
        for (src_uri, key, _), result in zip(pages, found):
            if result is None or result is False:
                self.misses[src_uri] = key
                self.ignored += result is False
            else:
                self.hits[src_uri] = key
                self.titles[src_uri] = result[0]
        return [isinstance(r, tuple) for r in found]

    def _place(self, key: str, dest: Path, entry):
        """(title,) when the cached page is now at dest; None when absent; False when damaged. A page not
        placed leaves no file at dest, so that MkDocs writes a new one (never through a link into the cache)."""
        try:
            os.unlink(dest)
        except OSError:
            pass
        if not (isinstance(entry, list) and len(entry) == 3):
            return None
        source = self._file(key)
        try:
            data = source.read_bytes()
        except OSError:
            return None
        if digests.of(data) != entry[0]:
            return False
        try:
            os.mkdir(dest.parent)
        except FileExistsError:
            pass
        except FileNotFoundError:
            dest.parent.mkdir(parents=True, exist_ok=True)
        same_file(source, dest)  # not a copy (see the module's notes)
        return (entry[1],)

    def store(self, files) -> None:
        """Keep the pages rendered this build (linked, else copied, from the site); drop stored pages no
        page of this build used; write the manifest."""
        index, by_uri = self._manifest(), files.src_uris
        fresh = {}
        for src_uri, key in self.misses.items():
            f = by_uri.get(src_uri)
            try:
                source = Path(f.abs_dest_path)
                html = source.read_bytes()
                title = f.page.title if f.page is not None else None
            except (OSError, AttributeError):
                continue
            path = self._file(key)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.unlink(missing_ok=True)
                same_file(source, tmp)
                os.replace(tmp, path)
                fresh[key] = [digests.of(html), title, self.key]
            except OSError as exc:
                log.info(f"Cache halaman tidak dapat ditulis ({exc}); pembangunan berikutnya membangun ulang.")
                break
        # Pages of this build, and of the one other global key used last if it differs by the site's address
        # only: `mkdocs serve` builds with its own site_url, so a `catalogue build` and a `make serve` would
        # otherwise each throw the other's pages away. Pages of other code, theme or config are never used
        # again (at 30,000 entries they were a second 600 MB).
        used = {*self.hits.values(), *self.misses.values()}
        other = next((c for c, kin in self._contexts if c != self.key and kin == self.kin), None)
        pages = {k: v for k, v in index.items()
                 if isinstance(v, list) and len(v) == 3 and (k in used or v[2] == other)} | fresh
        for path in self.folder.glob("*/*.html") if self.folder.is_dir() else []:
            if path.stem not in pages:
                path.unlink(missing_ok=True)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            tmp = self.folder / f".{MANIFEST}.{os.getpid()}.tmp"
            contexts = [[self.key, self.kin], *([[other, self.kin]] if other else [])]
            tmp.write_text(json.dumps({"format": FORMAT, "contexts": contexts, "pages": pages}, ensure_ascii=False,
                                      sort_keys=True), "utf-8")
            os.replace(tmp, self.folder / MANIFEST)
        except OSError as exc:
            log.info(f"Cache halaman tidak dapat ditulis ({exc}); pembangunan berikutnya membangun ulang.")
        if self.ignored:
            log.warning(f"{self.ignored} halaman di cache {self.folder} rusak atau bukan milik katalog ini; "
                        "halaman itu dibangun ulang.")

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
