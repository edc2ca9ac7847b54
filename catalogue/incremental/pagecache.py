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

Stored in one SQLite file (halaman.sqlite), each page's HTML deflated (a third of its size: at 40,000
innovations the pages were a second copy of the site's, ~780 MB, in a cache CI saves and restores), with a
digest of the HTML, the page's title and the global key it was made under. Pages of the current global key
and of one other (the last used) that differs from it by the site's address only are kept, so that `catalogue
build` and `make serve` (MkDocs serve sets its own site_url) do not discard each other's pages, while the
pages of an older code, theme or configuration go. A page that does not inflate or does not match its digest
is ignored (and rendered), never published; a file that is not a database of this format is started anew.
A stored page is written into a new site as a new file: the site's pages and the cache share nothing.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import zlib
from importlib import metadata
from pathlib import Path

from ..site import ENGINE, PLUGIN_LOG
from .. import __version__, digests
from ..site import aggregate

FORMAT = "katalog-halaman-6"
FILE = "halaman.sqlite"
log = logging.getLogger(PLUGIN_LOG)
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
    versions = [f"{name}={metadata.version(name)}" for name in (ENGINE, "mkdocs-material")]
    kin = digests.of(FORMAT, __version__, *versions, *_tree(here), *_tree(custom), *_tree(docs), *hooks,
                     Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
                     *(f"{k}={os.environ.get(k, '')}" for k in _ENV), repr(config.nav), repr(sorted(banner.items())),
                     repr(config.use_directory_urls), repr(reference))
    return digests.of(kin, repr(config.site_url), os.environ.get("CATALOGUE_SITE_URL", "")), kin


def _deflate(html: bytes, zdict: bytes | None) -> bytes:
    c = zlib.compressobj(6, zdict=zdict) if zdict else zlib.compressobj(6)
    return c.compress(html) + c.flush()


def _inflate(blob: bytes, zdict: bytes | None) -> bytes:
    d = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
    out = d.decompress(blob) + d.flush()
    if not d.eof or d.unused_data:
        raise zlib.error("terpotong")
    return out


class PageCache:
    def __init__(self, folder: Path, key: str, kin: str | None = None):
        self.path = folder / FILE
        self.key, self.kin = key, kin
        self.hits: dict[str, str] = {}  # src_uri -> key, for pages placed from the cache
        self.misses: dict[str, str] = {}  # src_uri -> key, for pages MkDocs renders
        self.titles: dict[str, str | None] = {}  # src_uri -> title, for pages placed from the cache
        self.ignored = 0
        self._index: dict[str, tuple] | None = None  # key -> (digest of the HTML, title, global key)
        self._contexts: list[tuple[str, str]] = []  # (global key, kin) of the last builds, newest first
        self._db: sqlite3.Connection | None = None

    def page_key(self, catalogue, page) -> str:
        e = page.entry
        # Its similar innovations as the page shows them: a change elsewhere re-renders it only when its
        # list changes (site/similar.py).
        near = [(s, catalogue.by_id[s].title, catalogue.by_id[s].region_code)
                for s in catalogue.similar.get(e.id, ())]
        if e.replikasi_dari is None and e.id not in catalogue.replicated_by:  # most: no chain, no tree
            return digests.of(self.key, e.fingerprint, "[]", "[]", repr(near))
        above = [(a.id, a.title, a.region_code) for a in aggregate.ancestors(catalogue, e)]
        below = [(d, c.id, c.title, c.region_code) for d, c in aggregate.descendants(catalogue, e)]
        return digests.of(self.key, e.fingerprint, repr(above), repr(below), repr(near))

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

    def _connect(self) -> sqlite3.Connection | None:
        """The database, its tables made if new; None (nothing kept) when it cannot be opened or written."""
        if self._db is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(self.path, timeout=30)
                names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                found = [r[0] for r in db.execute("SELECT nama FROM format")] if "format" in names else []
                # New, an earlier version's, not ours, or missing a table: started anew.
                if found != [FORMAT] or not {"halaman", "kamus", "konteks"} <= set(names):
                    db.close()
                    self.path.unlink(missing_ok=True)
                    db = sqlite3.connect(self.path, timeout=30)
                    # Pages of ~4 KB deflated fill 64 KB database pages densely (4 KB ones would waste ~a third).
                    db.execute("PRAGMA page_size = 65536")
                    db.execute("CREATE TABLE format (nama TEXT)")
                    db.execute("INSERT INTO format VALUES (?)", (FORMAT,))
                    db.execute("CREATE TABLE halaman (kunci TEXT PRIMARY KEY, isi BLOB, cek TEXT, judul TEXT, "
                               "konteks TEXT, kamus INTEGER)")
                    db.execute("CREATE TABLE kamus (id INTEGER PRIMARY KEY, isi BLOB)")
                    db.execute("CREATE TABLE konteks (kunci TEXT, kin TEXT, urut INTEGER)")
                    db.commit()
                self._db = db
            except sqlite3.Error as exc:
                log.info(f"Cache halaman {self.path} tidak terbaca ({exc}); dibuat ulang.")
                self.path.unlink(missing_ok=True)
                return None
        return self._db

    def _manifest(self) -> dict[str, tuple]:
        """{key: (digest of the HTML, title, global key)} of the stored pages, read once."""
        if self._index is None:
            self._index, self._contexts = {}, []
            db = self._connect()
            if db is not None:
                try:
                    self._index = {k: (c, t, g) for k, c, t, g in db.execute("SELECT kunci, cek, judul, konteks "
                                                                             "FROM halaman")}
                    self._contexts = db.execute("SELECT kunci, kin FROM konteks ORDER BY urut").fetchall()
                except sqlite3.Error as exc:
                    log.info(f"Cache halaman {self.path} tidak terbaca ({exc}).")
        return self._index

    def place_many(self, pages: list[tuple[str, str, Path]]) -> list[bool]:
        """Write each cached page [(src_uri, key, dest)] at dest; False (and the page is rendered) where it is
        absent, damaged or foreign."""
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
        placed leaves no file at dest, so that MkDocs writes a new one."""
        try:
            os.unlink(dest)
        except OSError:
            pass
        if entry is None or self._db is None:
            return None
        try:
            row = self._db.execute("SELECT h.isi, k.isi FROM halaman h LEFT JOIN kamus k ON k.id = h.kamus "
                                   "WHERE h.kunci = ?", (key,)).fetchone()
            html = _inflate(row[0], row[1]) if row and isinstance(row[0], bytes) else None
        except (sqlite3.Error, zlib.error, TypeError):
            return False
        if html is None:
            return None
        if digests.of(html) != entry[0]:
            return False
        try:
            os.mkdir(dest.parent)
        except FileExistsError:
            pass
        except FileNotFoundError:
            dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(html)
        return (entry[1],)

    def store(self, files) -> None:
        """Keep the pages rendered this build (read from the site); drop stored pages no page of this build
        used."""
        index, by_uri = self._manifest(), files.src_uris
        shutil.rmtree(self.path.parent / "halaman", ignore_errors=True)  # an earlier version's page files
        db = self._connect()
        if db is None:
            return

        def read(src_uri: str) -> tuple[bytes, str | None] | None:
            f = by_uri.get(src_uri)
            try:
                return Path(f.abs_dest_path).read_bytes(), f.page.title if f.page is not None else None
            except (OSError, AttributeError):
                return None

        # Pages of this build, and of the one other global key used last if it differs by the site's address
        # only: `mkdocs serve` builds with its own site_url, so a `catalogue build` and a `make serve` would
        # otherwise each throw the other's pages away. Pages of other code, theme or config are never used
        # again (at 30,000 entries they were a second 600 MB).
        used = {*self.hits.values(), *self.misses.values()}
        other = next((c for c, kin in self._contexts if c != self.key and kin == self.kin), None)
        gone = [(k,) for k, v in index.items() if k not in used and v[2] != other]
        insert = "INSERT OR REPLACE INTO halaman VALUES (?, ?, ?, ?, ?, ?)"
        try:
            with db:
                number, zdict = self._dictionary(db, read)
                # Deflated and written as read, a few hundred at a time: 40,000 pages of HTML held at once were
                # 600 MB of the build's peak memory, their deflated rows ~60 MB.
                fresh = []
                for src_uri, key in self.misses.items():
                    found = read(src_uri)
                    if found is not None:
                        fresh.append((key, _deflate(found[0], zdict), digests.of(found[0]), found[1], self.key,
                                      number))
                    if len(fresh) == 500:
                        db.executemany(insert, fresh)
                        fresh = []
                db.executemany(insert, fresh)
                db.executemany("DELETE FROM halaman WHERE kunci = ?", gone)
                db.execute("DELETE FROM kamus WHERE id NOT IN (SELECT kamus FROM halaman WHERE kamus IS NOT NULL)")
                db.execute("DELETE FROM konteks")
                db.executemany("INSERT INTO konteks VALUES (?, ?, ?)",
                               [(c, self.kin, n) for n, c in enumerate([self.key, other]) if c])
            # SQLite keeps the space of deleted rows; CI saves and restores the whole file, so once a quarter
            # of it is free it is written again compactly (as the export cache).
            free, total = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("freelist_count", "page_count"))
            if free * 4 > total:
                db.execute("VACUUM")
        except sqlite3.Error as exc:
            log.info(f"Cache halaman tidak dapat ditulis ({exc}); pembangunan berikutnya membangun ulang.")
            broken = True
        else:
            broken = False
        finally:
            db.close()
            self._db = None
        if broken:  # as the notice says: the next build starts from an empty cache instead of failing again
            self.path.unlink(missing_ok=True)
        if self.ignored:
            log.warning(f"{self.ignored} halaman di cache {self.path} rusak atau bukan milik katalog ini; "
                        "halaman itu dibangun ulang.")

    def _dictionary(self, db, read) -> tuple[int | None, bytes | None]:
        """(id, bytes) of the preset dictionary this build's pages are deflated with: the newest stored one, or,
        when every page was rendered (a new cache, theme or code) or none is stored, a new one made of a page
        rendered now, an innovation page if any. Every innovation page repeats the theme's ~6 KB around its
        article: deflated against a page that has it, a stored page is ~1.2 KB instead of ~4 KB (synthetic
        catalogue), 110 MB less at 40,000 innovations."""
        found = db.execute("SELECT id, isi FROM kamus ORDER BY id DESC LIMIT 1").fetchone()
        if found and isinstance(found[1], bytes) and (self.hits or not self.misses):
            return found[0], found[1]
        uris = sorted(self.misses, key=lambda uri: not uri.startswith("inovasi/"))  # an innovation page first
        sample = next((page[0] for page in map(read, uris) if page is not None), None)
        if sample is None:
            return (found[0], found[1]) if found else (None, None)
        zdict = sample[-32768:]  # deflate looks back 32 KB
        number = db.execute("INSERT INTO kamus (isi) VALUES (?)", (zdict,)).lastrowid
        return number, zdict

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)
        shutil.rmtree(self.path.parent / "halaman", ignore_errors=True)
