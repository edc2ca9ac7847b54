"""Each innovation's part of the big downloads, kept from one build to the next (issue 16).

The CSV lines, the JSON line and the workbook row of an innovation (export.Pieces) are stored under a key
that digests the entry (every field and the body), the date it was added, the site's URL and a context
of everything else they are made from: the reference data, the package version and the code of the
exports. A build serialises only the innovations whose key is new, and assembles the downloads from the
stored pieces, in catalogue order, so the bytes are those of a build without the cache.

Stored in one SQLite file (the standard library's sqlite3) and read back in one pass (catalogue order), one
row at a time. Each row carries a digest of its pieces; a row that does not match
it, and a file that is not a database of this format, are ignored (the pieces computed anew), never
trusted.
"""

from __future__ import annotations

import sqlite3
import struct
import tempfile
import zlib
from contextlib import closing
from datetime import date
from pathlib import Path

from . import __version__, digests, export, spreadsheet
from .export import Pieces, pieces
from .model import Catalogue

FORMAT = "katalog-ekspor-3"
_HEAD = struct.Struct("<4I")  # the byte lengths of the four pieces, then the pieces (UTF-8), compressed


def _pack(p: Pieces) -> bytes:
    # Level 1: the pieces repeat each entry's body four times and shrink ~4x; a 30,000-entry cache is
    # restored by CI before every build, so its size counts more than the ~1 s of compressing.
    data = [piece.encode("utf-8", "surrogatepass") for piece in p]
    return zlib.compress(_HEAD.pack(*map(len, data)) + b"".join(data), 1)


def _unpack(blob: bytes) -> Pieces:
    raw = zlib.decompress(blob)
    out, at = [], _HEAD.size
    for n in _HEAD.unpack_from(raw):
        out.append(raw[at:at + n].decode("utf-8", "surrogatepass"))
        at += n
    if at != len(raw):
        raise ValueError("panjang")
    return Pieces(*out)


REGION_BUFFER = 32 << 20  # characters of per-region CSV lines held before they are appended to their files


class Regions:
    """The per-region CSVs (every region has both files, headed, even without innovations), written as
    the rows come in catalogue order: lines gather per region and are appended in batches."""

    def __init__(self, out_dir: Path, cat: Catalogue):
        self.out_dir, self.held, self.pending = out_dir, 0, {}
        heads = (export.CSV_BOM + export.csv_header(export.NAMES), export.CSV_BOM + export.csv_header(export.NATIONAL))
        self.paths = {code: export.region_paths(r) for code, r in cat.reference.regions.items()}
        for pair in self.paths.values():
            for path, head in zip(pair, heads):
                target = out_dir / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(head.encode("utf-8"))

    def add(self, code: str, p: Pieces) -> None:
        lines = self.pending.setdefault(code, ([], []))
        lines[0].append(p.csv)
        lines[1].append(p.national)
        self.held += len(p.csv) + len(p.national)
        if self.held > REGION_BUFFER:
            self.flush()

    def flush(self) -> None:
        for code, pair in self.pending.items():
            for path, lines in zip(self.paths[code], pair):
                with open(self.out_dir / path, "a", encoding="utf-8", newline="") as out:
                    out.write("".join(lines))
        self.pending, self.held = {}, 0

    def close(self) -> dict[str, int]:
        self.flush()
        return {path: (self.out_dir / path).stat().st_size for pair in self.paths.values() for path in pair}


class ExportCache:
    def __init__(self, folder: Path, cat: Catalogue, base_url: str):
        self.path, self.base_url = folder / "ekspor.sqlite", base_url
        code = digests.source("export.py", "spreadsheet.py", "model.py", "bahasa.py")
        self.context = digests.of(FORMAT, __version__, code, repr(cat.reference), base_url)
        self.damaged = 0  # stored rows that did not match their digest

    def key(self, e, added: date | None) -> str:
        return digests.of(self.context, e.fingerprint, added.isoformat() if added else "")

    def write(self, out_dir: Path, cat: Catalogue, added: dict[str, date]) -> tuple[dict[str, int], dict]:
        """Write katalog.csv, katalog.json, katalog.xlsx, laporan-kemendagri.csv and the per-region CSVs under
        out_dir from the stored pieces, computing those not stored; returns their sizes and what happened
        ({hits, misses, message}). One pass over the stored rows (catalogue order), one row at a time."""
        keys = [self.key(e, added.get(e.id)) for e in cat.entries]
        db, have, message = self._open()
        with closing(db):
            todo = [i for i, k in enumerate(keys) if k not in have]
            for start in range(0, len(todo), 500):  # in batches: the pieces of 30,000 entries are ~700 MB
                batch = todo[start:start + 500]
                self._store(db, {keys[i]: p for i, p in zip(batch, pieces(cat, [cat.entries[i] for i in batch],
                                                                              added, self.base_url))})
            db.execute("CREATE TEMP TABLE urutan (pos INTEGER PRIMARY KEY, kunci TEXT)")
            db.executemany("INSERT INTO urutan VALUES (?, ?)", list(enumerate(keys)))
            sizes = self._write_all(db, out_dir, cat, added)
            # Rows of this build, and of the one other context used last: `mkdocs serve` exports with its own
            # site_url, so a `catalogue build` and a `make serve` would otherwise each drop the other's rows.
            last = [c for (c,) in db.execute("SELECT konteks FROM terakhir ORDER BY urut")]
            other = next((c for c in last if c != self.context), None)
            db.execute("DELETE FROM potongan WHERE kunci NOT IN (SELECT kunci FROM urutan) AND konteks IS NOT ?",
                       (other,))
            db.execute("DELETE FROM terakhir")
            db.executemany("INSERT INTO terakhir VALUES (?, ?)", [(c, n) for n, c in enumerate([self.context, other]) if c])
            db.commit()
        if self.damaged:
            message = (f"{self.damaged} baris cache ekspor di {self.path} rusak; bagian unduhan untuk inovasi itu "
                       "dibuat ulang.")
        return sizes, {"hits": len(keys) - len(todo), "misses": len(todo), "message": message}

    def _rows(self, db, cat: Catalogue, added: dict[str, date], order: str):
        """(position, pieces) in the given order; a row that does not match its digest is computed anew."""
        query = ("SELECT u.pos, p.isi, p.cek, u.kunci FROM urutan u LEFT JOIN potongan p ON p.kunci = u.kunci "
                 f"ORDER BY {order}")
        repaired: dict[str, Pieces] = {}
        for pos, blob, check, key in db.execute(query):
            try:
                if not isinstance(blob, bytes) or digests.of(key, blob) != check:
                    raise ValueError("cek")
                yield pos, _unpack(blob)
            except (ValueError, zlib.error, struct.error, UnicodeDecodeError):
                if key not in repaired:
                    self.damaged += 1
                    repaired[key] = pieces(cat, [cat.entries[pos]], added, self.base_url)[0]
                yield pos, repaired[key]
        if repaired:
            self._store(db, repaired)

    def _write_all(self, db, out_dir: Path, cat: Catalogue, added: dict[str, date]) -> dict[str, int]:
        """Every streamed download in one pass over the stored rows (catalogue order): the big files, and the
        per-region CSVs from buffers appended to their files whenever they hold REGION_BUFFER characters."""
        paths = {name: out_dir / name for name in export.BIG}
        for path in paths.values():
            path.parent.mkdir(parents=True, exist_ok=True)
        regions = Regions(out_dir, cat)
        body = tempfile.TemporaryFile()
        with open(paths["data/katalog.csv"], "w", encoding="utf-8", newline="") as full, \
                open(paths["data/laporan-kemendagri.csv"], "w", encoding="utf-8", newline="") as national, \
                open(paths["data/katalog.json"], "w", encoding="utf-8", newline="") as doc, body:
            full.write(export.CSV_BOM + export.csv_header(export.NAMES))  # as export.csv_bytes and
            national.write(export.CSV_BOM + export.csv_header(export.NATIONAL))  # export.json_document write them
            doc.write(export.JSON_OPEN)
            n = 0
            for n, (pos, p) in enumerate(self._rows(db, cat, added, "u.pos"), 1):
                full.write(p.csv)
                national.write(p.national)
                doc.write((export.JSON_SEP if n > 1 else "") + p.json)
                body.write(spreadsheet.numbered(p.xlsx, n + 1).encode("utf-8"))
                regions.add(cat.entries[pos].region_code, p)
            doc.write(export.json_close(n))
            body.seek(0)
            with open(paths["data/katalog.xlsx"], "wb") as book:
                spreadsheet.write_workbook(cat, body, export.NAMES, export.workbook_date(added), book)
        return {name: path.stat().st_size for name, path in paths.items()} | regions.close()

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
            for table in ("format", "potongan", "terakhir"):
                db.execute(f"DROP TABLE IF EXISTS {table}")
            db.execute("CREATE TABLE format (nama TEXT)")
            db.execute("INSERT INTO format VALUES (?)", (FORMAT,))
        db.execute("CREATE TABLE IF NOT EXISTS potongan (kunci TEXT PRIMARY KEY, isi BLOB, cek TEXT, konteks TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS terakhir (konteks TEXT, urut INTEGER)")
        db.commit()
        return db

    def _store(self, db, fresh: dict[str, Pieces]) -> None:
        packed = {k: _pack(p) for k, p in fresh.items()}
        db.executemany("INSERT OR REPLACE INTO potongan VALUES (?, ?, ?, ?)",
                       [(k, blob, digests.of(k, blob), self.context) for k, blob in packed.items()])
        db.commit()
