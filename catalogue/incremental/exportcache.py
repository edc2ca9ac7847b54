"""Each innovation's part of the big downloads, kept from one build to the next (issue 16).

The CSV lines, the JSON line and the workbook row of an innovation (export.Pieces) are stored under a key
that digests the entry (every field and the body), the date it was added, the site's URL and a context
of everything else they are made from: the reference data, the package version and the code of the
exports. A build serialises only the innovations whose key is new, and assembles the downloads from the
stored pieces, in catalogue order, so the bytes are those of a build without the cache.

The workbook's sheet and the three gzip-compressed whole-catalogue files (export.GZ) are deflated in parts of
about a hundred rows (opendata/zipparts.py), each kept under a digest of its rows' keys, so only the parts
around a changed innovation are deflated again.

When the site folder still holds the downloads of an earlier build, as the site's record says
(publish.Previous), with the layout this cache kept of them (each row's key, region and byte lengths),
the per-region lists are spliced: the byte ranges of unchanged rows are copied from the old files (one
copy_file_range per run of rows, inside the kernel) and only new rows are written. Otherwise every row is
read back from the store, one at a time, and written out.

Stored in one SQLite file (the standard library's sqlite3). Each row, deflated part and layout carries a
digest of its content; one that does not match it, an old file of an unexpected size, and a file that is
not a database of this format, are ignored (the pieces computed anew, the files written in full), never
trusted.
"""

from __future__ import annotations

import json
import os
import sqlite3
import struct
import zlib
from contextlib import closing
from datetime import date
from pathlib import Path

from .. import __version__, digests
from ..entry.model import Catalogue
from ..opendata import export, spreadsheet, zipparts
from ..opendata.export import Pieces, pieces
from .splice import Spliced

FORMAT = "katalog-ekspor-7"
_HEAD = struct.Struct("<5I")  # the byte lengths of the five pieces, then the pieces (UTF-8), compressed
Encoded = tuple[bytes, bytes, bytes, bytes, bytes]  # Pieces as UTF-8: csv, national, json, xlsx, region
REGION_HEAD = export.file_head(export.REGION)
LAYOUTS_KEPT = 3  # a `catalogue build` site, a `make serve` site, and one spare


def _encode(p: Pieces) -> Encoded:
    return tuple(piece.encode("utf-8", "surrogatepass") for piece in p)


def _pack(data: Encoded) -> bytes:
    # Level 1: the pieces repeat each entry's body four times and shrink ~4x; a 30,000-entry cache is
    # restored by CI before every build, so its size counts more than the ~1 s of compressing.
    return zlib.compress(_HEAD.pack(*map(len, data)) + b"".join(data), 1)


def _unpack(blob: bytes) -> Encoded:
    raw = zlib.decompress(blob)
    out, at = [], _HEAD.size
    for n in _HEAD.unpack_from(raw):
        out.append(raw[at:at + n])
        at += n
    if at != len(raw) or len(out) != 5:
        raise ValueError("panjang")
    return tuple(out)


REGION_BUFFER = 32 << 20  # bytes of per-region CSV lines held before they are appended to their files


class Regions:
    """The per-region lists (every region has one, headed, even without innovations), written as the rows
    come in catalogue order: lines gather per region and are appended in batches."""

    def __init__(self, out_dir: Path, cat: Catalogue):
        self.out_dir, self.held, self.pending = out_dir, 0, {}
        self.paths = {code: export.region_path(r) for code, r in cat.reference.regions.items()}
        for path in self.paths.values():
            target = out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(REGION_HEAD)

    def add(self, code: str, p: Encoded) -> None:
        self.pending.setdefault(code, []).append(p[export.REGION])
        self.held += len(p[export.REGION])
        if self.held > REGION_BUFFER:
            self.flush()

    def flush(self) -> None:
        for code, lines in self.pending.items():
            with open(self.out_dir / self.paths[code], "ab") as out:
                out.write(b"".join(lines))
        self.pending, self.held = {}, 0

    def close(self) -> dict[str, int]:
        self.flush()
        return {path: (self.out_dir / path).stat().st_size for path in self.paths.values()}


class Parted:
    """The deflated parts of one download's rows (the workbook's sheet, or a whole-catalogue gzip file): kept
    ones as they are, the others deflated from their rows as these come (in catalogue order), one part's rows
    held at a time. `kind` names the download in the parts' keys."""

    def __init__(self, kind: str, ids: list[str], keys: list[str], stored: dict[str, zipparts.Part]):
        self.bounds = spreadsheet.part_bounds(ids)
        # A file's first row has no separator before it (katalog.json), so its part is keyed as the first.
        self.keys = [digests.of(kind, "awal" if a == 0 else "", *keys[a:b]) for a, b in self.bounds]
        self.parts = [stored.get(k) for k in self.keys]
        self.ends = {b - 1: n for n, (_, b) in enumerate(self.bounds) if self.parts[n] is None}
        self.needed = {pos for n, (a, b) in enumerate(self.bounds) if self.parts[n] is None for pos in range(a, b)}
        self.held: list[bytes] = []
        self.fresh: dict[str, zipparts.Part] = {}

    def add(self, pos: int, row: bytes) -> None:
        if pos in self.needed:
            self.held.append(row)
            if pos in self.ends:
                n = self.ends[pos]
                self.parts[n] = self.fresh[self.keys[n]] = zipparts.part(b"".join(self.held))
                self.held = []


class Streams:
    """The parted downloads of a build: the workbook's sheet and the three gzip files (export.GZ)."""

    def __init__(self, ids: list[str], keys: list[str], stored: dict[str, zipparts.Part]):
        self.sheet = Parted("lembar", ids, keys, stored)
        self.gz = {path: Parted(f"gz-{piece}", ids, keys, stored) for path, piece in export.GZ.items()}
        self.all = [self.sheet, *self.gz.values()]
        self.needed = set().union(*(s.needed for s in self.all))

    def add(self, pos: int, p: Encoded) -> None:
        self.sheet.add(pos, p[3])
        for path, parted in self.gz.items():
            if pos in parted.needed:
                parted.add(pos, export.gz_row(export.GZ[path], pos, p[export.GZ[path]]))

    def write_gz(self, out_dir: Path, count: int) -> dict[str, int]:
        sizes = {}
        for path, parted in self.gz.items():
            data = export.gz_file(export.GZ[path], parted.parts, count)
            (out_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (out_dir / path).write_bytes(data)
            sizes[path] = len(data)
        return sizes

    @property
    def fresh(self) -> dict[str, zipparts.Part]:
        return {k: part for s in self.all for k, part in s.fresh.items()}

    @property
    def keys(self) -> list[str]:
        return [k for s in self.all for k in s.keys]


class ExportCache:
    def __init__(self, folder: Path, cat: Catalogue, base_url: str):
        self.path, self.base_url = folder / "ekspor.sqlite", base_url
        code = digests.source("opendata/export.py", "opendata/spreadsheet.py", "entry/model.py", "bahasa.py",
                              "opendata/zipparts.py", "opendata/entryfiles.py", "entry/scaffold.py")
        # The kin leaves out the site's address: `catalogue build` and `make serve` differ by it only.
        self.kin = digests.of(FORMAT, __version__, code, repr(cat.reference))
        self.context = digests.of(self.kin, base_url)
        self.damaged = 0  # stored rows and parts that did not match their digest
        self.spliced = False
        # Innovations whose row the earlier downloads (`previous`) hold under the same key: their own files
        # there (entri/<id>.json.gz) are as this build would make them.
        self.unchanged: set[str] = set()

    def key(self, e, added: date | None) -> str:
        return digests.of(self.context, e.fingerprint, added.isoformat() if added else "")

    def write(self, out_dir: Path, cat: Catalogue, added: dict[str, date], previous: tuple[Path, str] | None = None,
              tag: str | None = None) -> tuple[dict[str, int], dict]:
        """Write katalog.csv, katalog.json, katalog.xlsx, laporan-kemendagri.csv and the per-region lists under
        out_dir from the stored pieces, computing those not stored; returns their sizes and what happened
        ({hits, misses, spliced, message}). `previous` is (folder, tag) of the downloads an earlier build
        wrote there, as the site's record says, unchanged since; `tag` names the layout of this build's."""
        keys = [self.key(e, added.get(e.id)) for e in cat.entries]
        db, have, message = self._open()
        with closing(db):
            todo = [i for i, k in enumerate(keys) if k not in have]
            for start in range(0, len(todo), 500):  # in batches: the pieces of 30,000 entries are ~700 MB
                batch = todo[start:start + 500]
                self._store(db, {keys[i]: _encode(p) for i, p in zip(batch, pieces(
                    cat, [cat.entries[i] for i in batch], added, self.base_url))})
            db.execute("CREATE TEMP TABLE urutan (pos INTEGER PRIMARY KEY, kunci TEXT)")
            db.executemany("INSERT INTO urutan VALUES (?, ?)", list(enumerate(keys)))
            ids, stored = [e.id for e in cat.entries], self._parts(db)
            streams = Streams(ids, keys, stored)
            old = self._layout(db, previous[1]) if previous else None
            sizes = layout = None
            if old is not None and not {row[0] for row in old}.isdisjoint(keys):
                try:
                    sizes, layout = self._splice(db, out_dir, previous[0], cat, added, keys, old, streams)
                    self.spliced = True
                    known = {row[0] for row in old}
                    self.unchanged = {e.id for e, k in zip(cat.entries, keys) if k in known}
                except OSError:  # an old file not as its layout says: every row is written from the store
                    sizes, streams = None, Streams(ids, keys, stored)
            if sizes is None:
                sizes, layout = self._write_all(db, out_dir, cat, added, keys, streams)
            sizes |= streams.write_gz(out_dir, len(keys))
            book = out_dir / "data/katalog.xlsx"
            with open(book, "wb") as out:
                spreadsheet.write_workbook(cat, streams.sheet.parts, export.NAMES, export.workbook_date(added), out)
            sizes["data/katalog.xlsx"] = book.stat().st_size
            self._keep(db, streams, tag, layout)
        if self.damaged:
            message = (f"{self.damaged} baris cache ekspor di {self.path} rusak; bagian unduhan untuk inovasi itu "
                       "dibuat ulang.")
        return sizes, {"hits": len(keys) - len(todo), "misses": len(todo), "spliced": self.spliced,
                       "message": message}

    # --- reading the store -------------------------------------------------------------------------------
    def _rows(self, db, cat: Catalogue, added: dict[str, date], table: str):
        """(position, encoded pieces) of the positions in `table`, in order; a row that does not match its
        digest is computed anew."""
        query = ("SELECT u.pos, p.isi, p.cek, u.kunci FROM urutan u LEFT JOIN potongan p ON p.kunci = u.kunci "
                 + ("" if table == "urutan" else f"WHERE u.pos IN (SELECT pos FROM {table}) ") + "ORDER BY u.pos")
        repaired: dict[str, Encoded] = {}
        for pos, blob, check, key in db.execute(query):
            try:
                if not isinstance(blob, bytes) or digests.of(key, blob) != check:
                    raise ValueError("cek")
                yield pos, _unpack(blob)
            except (ValueError, zlib.error, struct.error):
                if key not in repaired:
                    self.damaged += 1
                    repaired[key] = _encode(pieces(cat, [cat.entries[pos]], added, self.base_url)[0])
                yield pos, repaired[key]
        if repaired:
            self._store(db, repaired)

    def _parts(self, db) -> dict[str, zipparts.Part]:
        parts = {}
        for key, blob, crc, size, check in db.execute("SELECT kunci, isi, crc, panjang, cek FROM bagian"):
            if isinstance(blob, bytes) and digests.of(key, blob, str(crc), str(size)) == check:
                parts[key] = zipparts.Part(blob, crc, size)
            else:
                self.damaged += 1
        return parts

    def _layout(self, db, tag: str) -> list | None:
        """The rows [key, region, length of its line in the region's list] of the downloads written under `tag`."""
        found = db.execute("SELECT isi, cek FROM tata WHERE tag = ?", (tag,)).fetchone()
        if found is None or not isinstance(found[0], bytes) or digests.of(tag, found[0]) != found[1]:
            return None
        try:
            rows = json.loads(zlib.decompress(found[0]))
        except (ValueError, zlib.error):
            return None
        return rows if isinstance(rows, list) and all(isinstance(r, list) and len(r) == 3 for r in rows) else None

    # --- writing the downloads ---------------------------------------------------------------------------
    def _write_all(self, db, out_dir: Path, cat: Catalogue, added: dict[str, date], keys: list[str],
                   streams: Streams) -> tuple[dict[str, int], list]:
        """Every row in one pass over the store (catalogue order): the parts of the parted downloads not kept,
        and the per-region lists from buffers appended to their files whenever they hold REGION_BUFFER bytes."""
        regions, layout = Regions(out_dir, cat), []
        for pos, p in self._rows(db, cat, added, "urutan"):
            streams.add(pos, p)
            code = cat.entries[pos].region_code
            regions.add(code, p)
            layout.append([keys[pos], code, len(p[export.REGION])])
        return regions.close(), layout

    def _splice(self, db, out_dir: Path, old_dir: Path, cat: Catalogue, added: dict[str, date], keys: list[str],
                old: list, streams: Streams) -> tuple[dict[str, int], list]:
        """The per-region lists from the old ones in old_dir and the rows not in them, and the parts of the
        parted downloads not kept. Raises OSError, before anything is written, when an old file is missing or
        not of the size its layout gives."""
        known = {row[0]: row for row in old}
        codes = [e.region_code for e in cat.entries]
        old_in, new_in = {}, {}  # each region's rows
        for row in old:
            old_in.setdefault(row[1], []).append(row)
        for key, code in zip(keys, codes):
            new_in.setdefault(code, []).append(key)
        plans = [(export.region_path(region), code) for code, region in cat.reference.regions.items()]
        splices = []
        for path, code in plans:
            splice = Spliced(REGION_HEAD, [(r[0], r[2]) for r in old_in.get(code, [])])
            if os.stat(old_dir / path).st_size != splice.old_size:
                raise OSError(f"{old_dir / path}: ukuran tidak sesuai catatan")
            splices.append(splice)

        wanted = {pos for pos, k in enumerate(keys) if k not in known} | streams.needed
        db.execute("DROP TABLE IF EXISTS perlu")
        db.execute("CREATE TEMP TABLE perlu (pos INTEGER PRIMARY KEY)")
        db.executemany("INSERT INTO perlu VALUES (?)", [(pos,) for pos in sorted(wanted)])
        fresh: dict[str, Encoded] = {}
        for pos, p in self._rows(db, cat, added, "perlu"):
            streams.add(pos, p)
            if keys[pos] not in known:
                fresh[keys[pos]] = p
        sizes = {}
        for (path, code), splice in zip(plans, splices):
            rows = new_in.get(code, [])
            sizes[path] = splice.write(old_dir / path, out_dir / path, rows,
                                       {k: fresh[k][export.REGION] for k in rows if k in fresh})
        layout = [[key, code, known[key][2] if key in known else len(fresh[key][export.REGION])]
                  for key, code in zip(keys, codes)]
        return sizes, layout

    # --- the database ------------------------------------------------------------------------------------
    def _keep(self, db, streams: Streams, tag: str | None, layout: list) -> None:
        """Store this build's new deflated parts and layout; drop rows and parts neither this build nor the one
        other context used last (`mkdocs serve` exports with its own site_url) needs."""
        self._store_parts(db, streams.fresh)
        db.execute("CREATE TEMP TABLE lembar (kunci TEXT PRIMARY KEY)")
        db.executemany("INSERT OR IGNORE INTO lembar VALUES (?)", [(k,) for k in streams.keys])
        # Rows and parts of the one other context used last are kept if it differs by the site's address only
        # (see PageCache.store); those of older code or reference data are never used again.
        last = db.execute("SELECT konteks, kin FROM terakhir ORDER BY urut").fetchall()
        other = next((c for c, kin in last if c != self.context and kin == self.kin), None)
        db.execute("DELETE FROM potongan WHERE kunci NOT IN (SELECT kunci FROM urutan) AND konteks IS NOT ?",
                   (other,))
        db.execute("DELETE FROM bagian WHERE kunci NOT IN (SELECT kunci FROM lembar) AND konteks IS NOT ?", (other,))
        db.execute("DELETE FROM terakhir")
        db.executemany("INSERT INTO terakhir VALUES (?, ?, ?)",
                       [(c, n, self.kin) for n, c in enumerate([self.context, other]) if c])
        if tag:
            blob = zlib.compress(json.dumps(layout, separators=(",", ":")).encode("utf-8"), 1)
            newest = db.execute("SELECT coalesce(max(urut), 0) FROM tata").fetchone()[0]
            db.execute("INSERT OR REPLACE INTO tata VALUES (?, ?, ?, ?)", (tag, blob, digests.of(tag, blob), newest + 1))
            db.execute("DELETE FROM tata WHERE urut <= ?", (newest + 1 - LAYOUTS_KEPT,))
        db.commit()
        # SQLite keeps the space of deleted rows in the file; CI saves and restores the whole file, so once a
        # quarter of it is free (rows of an older context dropped) it is written again compactly.
        free, total = (db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("freelist_count", "page_count"))
        if free * 4 > total:
            db.execute("VACUUM")

    def _open(self) -> tuple[sqlite3.Connection, set[str], str | None]:
        """The database and the keys it holds; one that is damaged or foreign is removed and started anew."""
        try:
            db = self._connect()
            try:
                return db, {k for (k,) in db.execute("SELECT kunci FROM potongan")}, None
            except sqlite3.Error:
                db.close()
                raise
        except sqlite3.Error as exc:
            self.path.unlink(missing_ok=True)
            message = f"Cache ekspor {self.path} rusak atau bukan milik katalog ini ({exc}); diabaikan dan dibuat ulang."
            return self._connect(), set(), message

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS format (nama TEXT)")
        names = [r[0] for r in db.execute("SELECT nama FROM format")]
        if names != [FORMAT]:
            if names and not (len(names) == 1 and str(names[0]).startswith("katalog-ekspor-")):
                raise sqlite3.DatabaseError(f"format {names}")
            # Empty, or written by an earlier version of this cache: started anew without a warning.
            for table in ("format", "potongan", "terakhir", "bagian", "tata"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("CREATE TABLE format (nama TEXT)")
            db.execute("INSERT INTO format VALUES (?)", (FORMAT,))
        db.execute("CREATE TABLE IF NOT EXISTS potongan (kunci TEXT PRIMARY KEY, isi BLOB, cek TEXT, konteks TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS terakhir (konteks TEXT, urut INTEGER, kin TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS bagian (kunci TEXT PRIMARY KEY, isi BLOB, crc INTEGER, panjang INTEGER, "
                   "cek TEXT, konteks TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS tata (tag TEXT PRIMARY KEY, isi BLOB, cek TEXT, urut INTEGER)")
        db.commit()
        return db

    def _store(self, db, fresh: dict[str, Encoded]) -> None:
        packed = {k: _pack(p) for k, p in fresh.items()}
        db.executemany("INSERT OR REPLACE INTO potongan VALUES (?, ?, ?, ?)",
                       [(k, blob, digests.of(k, blob), self.context) for k, blob in packed.items()])
        db.commit()

    def _store_parts(self, db, fresh: dict[str, zipparts.Part]) -> None:
        db.executemany("INSERT OR REPLACE INTO bagian VALUES (?, ?, ?, ?, ?, ?)",
                       [(k, p.data, p.crc, p.size, digests.of(k, p.data, str(p.crc), str(p.size)), self.context)
                        for k, p in fresh.items()])
