"""Each innovation's part of the big downloads, kept from one build to the next (issue 16).

The CSV lines, the JSON line and the workbook row of an innovation (export.Pieces) are stored under a key
that digests the entry (every field and the body), the date it was added, the site's URL and a context
of everything else they are made from: the reference data, the package version and the code of the
exports. A build serialises only the innovations whose key is new, and assembles the downloads from the
stored pieces, in catalogue order, so the bytes are those of a build without the cache.

Stored in one SQLite file (the standard library's sqlite3): one read for all pieces. Each row carries a
digest of its pieces; a row that does not match it, and a file that is not a database of this format,
are ignored (the pieces computed anew), never trusted.
"""

from __future__ import annotations

import hashlib
import sqlite3
import struct
import zlib
from contextlib import closing
from datetime import date
from pathlib import Path

from . import __version__
from .export import Pieces, pieces
from .model import Catalogue

FORMAT = "katalog-ekspor-2"
_HEAD = struct.Struct("<4I")  # the byte lengths of the four pieces, then the pieces (UTF-8), compressed


def _digest(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


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


class ExportCache:
    def __init__(self, folder: Path, cat: Catalogue, base_url: str):
        self.path, self.base_url = folder / "ekspor.sqlite", base_url
        here = Path(__file__).parent
        code = "".join(p.read_text("utf-8") for p in (here / "export.py", here / "spreadsheet.py", here / "model.py",
                                                      here / "bahasa.py"))
        self.context = _digest(FORMAT, __version__, code, repr(cat.reference), base_url)

    def key(self, e, added: date | None) -> str:
        return _digest(self.context, e.fingerprint, added.isoformat() if added else "")

    def pieces(self, cat: Catalogue, added: dict[str, date]) -> tuple[list[Pieces], dict]:
        """Every innovation's pieces, in catalogue order, and what happened: {hits, misses, message}."""
        keys = [self.key(e, added.get(e.id)) for e in cat.entries]
        found, message = self._read(set(keys))
        todo = [i for i, k in enumerate(keys) if k not in found]
        made = pieces(cat, [cat.entries[i] for i in todo], added, self.base_url) if todo else []
        fresh = dict(zip((keys[i] for i in todo), made))
        self._write(fresh, set(keys))
        out = [found.get(k) or fresh[k] for k in keys]
        return out, {"hits": len(keys) - len(todo), "misses": len(todo), "message": message}

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS format (nama TEXT)")
        db.execute("CREATE TABLE IF NOT EXISTS potongan (kunci TEXT PRIMARY KEY, isi BLOB, cek TEXT)")
        names = [r[0] for r in db.execute("SELECT nama FROM format")]
        if names != [FORMAT]:
            if names:
                raise sqlite3.DatabaseError(f"format {names}")
            db.execute("INSERT INTO format VALUES (?)", (FORMAT,))
            db.commit()
        return db

    def _read(self, wanted: set[str]) -> tuple[dict[str, Pieces], str | None]:
        found: dict[str, Pieces] = {}
        damaged = 0
        try:
            with closing(self._connect()) as db:
                for key, blob, check in db.execute("SELECT kunci, isi, cek FROM potongan"):
                    if key not in wanted:
                        continue
                    try:
                        if not isinstance(blob, bytes) or _digest(key, blob) != check:
                            raise ValueError("cek")
                        found[key] = _unpack(blob)
                    except (ValueError, zlib.error, struct.error, UnicodeDecodeError):
                        damaged += 1
        except sqlite3.Error as exc:
            self.path.unlink(missing_ok=True)
            return {}, (f"Cache ekspor {self.path} rusak atau bukan milik katalog ini ({exc}); diabaikan dan "
                        "dibuat ulang.")
        if damaged:
            return found, (f"{damaged} baris cache ekspor di {self.path} rusak; berkas unduhan untuk inovasi itu "
                           "dibuat ulang.")
        return found, None

    def _write(self, fresh: dict[str, Pieces], keep: set[str]) -> None:
        try:
            with closing(self._connect()) as db, db:
                packed = {k: _pack(p) for k, p in fresh.items()}
                db.executemany("INSERT OR REPLACE INTO potongan VALUES (?, ?, ?)",
                               [(k, blob, _digest(k, blob)) for k, blob in packed.items()])
                stale = [k for (k,) in db.execute("SELECT kunci FROM potongan") if k not in keep]
                db.executemany("DELETE FROM potongan WHERE kunci = ?", [(k,) for k in stale])
        except sqlite3.Error:
            pass  # a cache that cannot be written costs the next build time, nothing else
