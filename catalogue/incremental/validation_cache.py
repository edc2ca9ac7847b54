"""A content-addressed cache of per-file validation results (the first part of issue 16).

Each entry's result is reused when its bytes, its path and everything it was checked against are the same:
the reference data, the package version, the day (dates may not be in the future), and the files it
probed (images, linked entries) with their sizes. Cross-entry checks always run, over the cached results.

Stored as JSON rows in SQLite, never pickle: a cache restored from elsewhere (a CI cache, a copied folder) is data, and
one that does not parse, has another format or another context is ignored with a message, never trusted.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sqlite3
import zlib
from contextlib import closing
from datetime import date
from pathlib import Path

from ..site import PLUGIN_LOG
from .. import __version__, digests
from ..entry import model
from ..entry.checked import Checked
from ..entry.load import Loc, SourceFile, digest
from ..entry.problems import Problem

FORMAT = "katalog-validasi-8"
log = logging.getLogger(PLUGIN_LOG)
_CLASSES = {c.__name__: c for c in (model.Entry, model.Tanggal, model.Measure, model.Indicator, model.Link,
                                     model.Award, model.Regulation, model.Source, Problem)}
_FIELDS = {c: frozenset(f.name for f in dataclasses.fields(c)) for c in _CLASSES.values()}


def directory(root: Path) -> Path | None:
    """CATALOGUE_CACHE: a folder, or "0"/"mati" to switch it off; default .cache/katalog in the project."""
    value = os.environ.get("CATALOGUE_CACHE", "")
    if value.lower() in ("0", "mati", "off", "no"):
        return None
    return Path(value) if value else root / ".cache" / "katalog"


def context(ref, today: date) -> str:
    """What every result depends on besides its own file: the reference data (its full repr), the day,
    the package version and the code of the checks themselves (a change while developing counts too)."""
    code = digests.source("validate/*.py", "entry/schema.py", "entry/load.py", "entry/yamlerrors.py", "entry/problems.py",
                          "entry/checked.py")
    parts = [f"format={FORMAT}", f"versi={__version__}", f"hari={today.isoformat()}", f"kode={code}",
             f"rujukan={digest(repr(ref).encode())}"]
    return digest("\n".join(parts).encode())


def for_project(root: Path, ref, today: date, entries: bool = True) -> ValidationCache | None:
    """`entries=False`: results only, for a run that reports problems and builds nothing."""
    folder = directory(root)
    return ValidationCache(folder, context(ref, today), entries).load() if folder else None


# --- JSON codec for the result records ------------------------------------------------------------
_NAMES = {c: tuple(f.name for f in dataclasses.fields(c)) for c in _CLASSES.values()}
_PLAIN = frozenset((str, int, float, bool, type(None)))


def _encode(obj):
    """Our records as {"__t": class, field: value}; dispatched on the exact type (a quarter of the time of
    dataclasses.is_dataclass and fields() per value: 150,000 values per 3,000 entries)."""
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    names = _NAMES.get(kind)
    if names is not None:
        values = obj.__dict__
        return {"__t": kind.__name__, **{n: _encode(values[n]) for n in names}}
    if kind is list or kind is tuple:
        return [x if type(x) is str else _encode(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _encode(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {"__t": kind.__name__, **{f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    if isinstance(obj, (list, tuple)):
        return [_encode(x) for x in obj]
    return obj


def _sequences(cls) -> tuple[tuple[str, bool], ...]:
    """The fields stored as JSON lists that are tuples in the model, and whether they hold pairs (also tuples)."""
    return tuple((f.name, str(f.type).startswith("tuple[tuple[")) for f in dataclasses.fields(cls)
                 if str(f.type).startswith("tuple["))


_SEQUENCES = {c: _sequences(c) for c in _CLASSES.values()}


def _hook(d: dict):
    """json.loads' object_hook: a record becomes its class as the parser meets it (innermost first). Every
    field is stored, so the object is filled without its __init__ (frozen dataclasses set each field through
    object.__setattr__: a third of a warm run at 30,000 entries)."""
    name = d.pop("__t", None)
    if name is None:
        return d
    cls = _CLASSES[name]  # KeyError on anything else: the cache is not ours
    if d.keys() != _FIELDS[cls]:
        raise ValueError(f"medan {name}")
    for key, pairs in _SEQUENCES[cls]:
        value = d[key]
        if type(value) is list:
            d[key] = tuple(map(tuple, value)) if pairs else tuple(value)
    obj = object.__new__(cls)
    obj.__dict__.update(d)
    return obj


def _decode(text: str):
    return json.loads(text, object_hook=_hook)


def encode_checked(c) -> dict:
    """What the checks found, without the entry (stored apart: `catalogue validate` never reads it)."""
    src = c.source
    return {"path": str(src.path), "display": src.display, "front": src.front if isinstance(src.front, dict) else {},
            "body_line": src.body_line, "end_line": src.end_line,
            "locations": {k: list(v) for k, v in src.locations.items()},
            "problems": [_encode(p) for p in c.problems], "entry_links": [list(x) for x in c.entry_links]}


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def row(checked) -> tuple[str, ...]:
    """A file's result as stored: (content digest, probed files, fingerprint, search date, result, entry, body,
    check digest, entry check digest); pure, so the worker processes that check the files encode their results too. The
    body is stored deflated, not in JSON (JSON escaping and parsing 5 KB of text per entry is most of a warm
    run's decoding; inflating it is ~30 µs, and the cache CI saves is 160 MB smaller at 40,000 entries), and
    the entry apart from the result, each with its own check digest (over the body's text)."""
    content_digest = checked.source.digest
    probes_text = json.dumps([list(p) for p in checked.probes], ensure_ascii=False)
    entry, fingerprint, urut, entry_text, body = checked.entry, "", "", "", ""
    if entry is not None:
        fingerprint, urut, body = entry.fingerprint, entry.urut, entry.body
        entry_text = _dumps({**_encode(entry), "body": None})
    result = _dumps(encode_checked(checked))
    check = _check(content_digest, probes_text, fingerprint, urut, result)
    return (content_digest, probes_text, fingerprint, urut, result, entry_text,
            zlib.compress(body.encode("utf-8", "surrogatepass"), 6) if body else b"", check,
            _check(check, entry_text, body))


def _inflate(blob) -> str | None:
    """A stored body's text; None when it is not one."""
    if not isinstance(blob, bytes):
        return None
    try:
        return zlib.decompress(blob).decode("utf-8", "surrogatepass") if blob else ""
    except (zlib.error, UnicodeDecodeError):
        return None


def _check(*parts: str) -> str:
    """CRC-32 of a row's parts, each followed by a NUL: what a damaged file or row would change (a row that
    is not ours is caught by the format and context first). A quarter of blake2b's time over the 150 MB of
    bodies of 30,000 entries."""
    crc = zlib.crc32(("\0".join(parts) + "\0").encode("utf-8", "surrogatepass"))
    return f"{crc:08x}"


def decode_checked(d: dict, path: Path | None = None, entry=None):
    """A stored result as the checks made it; `path` (the same as stored) saves making a Path again."""
    path = path if path is not None and str(path) == d["path"] else Path(d["path"])
    src = SourceFile(path, d["display"], front=d["front"], body_line=d["body_line"], end_line=d["end_line"],
                     locations={k: Loc(*v) for k, v in d["locations"].items()})
    if entry is not None:  # the body is the entry's own
        src.body = entry.body
    return Checked(src, entry, list(d["problems"]), [tuple(x) for x in d["entry_links"]])


def decode_entry(text: str, body: str):
    entry = _decode(text)
    if type(entry) is not model.Entry:
        raise ValueError("entri")
    entry.__dict__["body"] = body
    return entry


class _OlderFormat(Exception):
    """A validation cache of this catalogue in another version's format."""


class ValidationCache:
    """{entry path: (content digest, probed files, fingerprint, result)} for one context, one row per file in
    an SQLite file: a run writes only the rows of the files it checked again."""

    def __init__(self, folder: Path | None, ctx: str, entries: bool = True):
        self.file = folder / "validasi.sqlite" if folder else None
        self.ctx = ctx
        self.entries = entries  # False: results without their entries (`catalogue validate` needs only problems)
        # path -> (digest, probes, fingerprint, search date, result, entry, body, check, entry check, stamp)
        self.records: dict[str, tuple] = {}
        self.fresh: dict[str, tuple] = {}  # rows to write
        self.restamped: dict[str, str] = {}  # path -> stamp, for files read again and found unchanged
        self.hits = self.misses = 0
        self.notice = ""  # why a cache was not used, for the person running the command
        self._entry_rows: dict[str, tuple] | None = None  # see _stored_entries

    def load(self) -> ValidationCache:
        if not self.file or not self.file.is_file():
            return self
        try:
            with closing(sqlite3.connect(self.file, timeout=30)) as db:
                found = [r[0] for r in db.execute("SELECT nama FROM format")]
                ours = FORMAT.rsplit("-", 1)[0] + "-"  # katalog-validasi-<n>
                if len(found) == 1 and isinstance(found[0], str) and found[0].startswith(ours) and found[0] != FORMAT:
                    raise _OlderFormat(found[0])
                if found != [FORMAT]:
                    raise ValueError("bukan cache katalog")
                if [r[0] for r in db.execute("SELECT nilai FROM konteks")] != [self.ctx]:
                    return self  # another day, version or reference data: start afresh (not an error)
                # The entries and bodies (190 MB at 30,000) are read when the first stored result is decoded:
                # the search index starts from the changed files before that (see _cached_check).
                self.records = {path: rest for path, *rest in
                                db.execute("SELECT path, digest, probes, sidik, urut, hasil, '', '', cek, '', tanda "
                                           "FROM berkas")}
        except _OlderFormat:
            # Written by another version of the catalogue (an upgrade): expected, so a note, not a warning.
            self.notice = (f"Catatan: cache validasi {self.file} dibuat oleh versi katalog lain; semua berkas "
                           "diperiksa ulang dan cache ditulis baru.")
            log.info(self.notice.removeprefix("Catatan: "))
            self.records = {}
            self.file.unlink(missing_ok=True)
        except (sqlite3.Error, ValueError) as exc:
            self.notice = (f"Catatan: cache validasi {self.file} diabaikan karena rusak atau bukan milik katalog ini "
                           f"({type(exc).__name__}); semua berkas diperiksa ulang dan cache ditulis baru.")
            log.warning(self.notice.removeprefix("Catatan: "))
            self.records = {}
            self.file.unlink(missing_ok=True)
        return self

    def usable(self, path: Path, stat: os.stat_result, read, taken_ns: int) -> tuple | None:
        """The stored row of an unchanged file whose checks hold, not decoded yet (see decode); None: a miss.
        `stat` is the file's os.stat(), taken at or after taken_ns and before anything reads it; `read()`
        gives its bytes, needed only when the stat differs from the one stored with the result (so an
        unchanged file is not read at all)."""
        rec = self.records.get(str(path))
        if not rec:
            self.misses += 1
            return None
        content, probes, fingerprint, urut, result, _, _, check, _, stamp = rec
        if not stamp or stamp != _stamp(stat):
            if digest(read()) != content:
                self.misses += 1
                return None
            self.restamped[str(path)] = stamp_of(stat, taken_ns)
        if not isinstance(result, str) or _check(content, probes, fingerprint, urut, result) != check:
            log.info("Cache validasi %s diabaikan untuk %s (cek).", self.file, path)
            self.misses += 1
            return None
        if probes != "[]" and not _same_probes(json.loads(probes)):
            self.misses += 1
            return None
        return rec

    def _stored_entries(self) -> dict[str, tuple]:
        """{path: (entry, body, entry check)} of every stored row, read once (see load)."""
        if self._entry_rows is None:
            self._entry_rows = {}
            try:
                with closing(sqlite3.connect(self.file, timeout=30)) as db:
                    self._entry_rows = {path: rest for path, *rest in
                                        db.execute("SELECT path, entri, isi, cek_entri FROM berkas")}
            except sqlite3.Error as exc:  # gone or damaged since load(): each file is checked again
                log.info("Cache validasi %s tidak terbaca (%s).", self.file, exc)
        return self._entry_rows

    def decode(self, path: Path, rec: tuple):
        """A usable row as the checks made it (None: it does not decode, or its entry does not match its
        check digest; the file is checked again)."""
        fingerprint, result, check = rec[2], rec[4], rec[7]
        entry_text = body = ""
        if self.entries and fingerprint:  # a file with an entry
            entry_text, blob, entry_check = self._stored_entries().get(str(path), ("", b"", ""))
            body = _inflate(blob)
            if not (isinstance(entry_text, str) and isinstance(body, str)) or not entry_text or \
                    _check(check, entry_text, body) != entry_check:
                log.info("Cache validasi %s diabaikan untuk %s (cek entri).", self.file, path)
                self.misses += 1
                return None
        try:
            entry = decode_entry(entry_text, body) if entry_text else None
            found = json.loads(result)  # records (problems) only where there are any: most files have none
            checked = decode_checked(_decode(result) if found["problems"] else found, path, entry)
        except (KeyError, TypeError, ValueError) as exc:
            log.info("Cache validasi %s diabaikan untuk %s (%s).", self.file, path, exc)
            self.misses += 1
            return None
        if checked.entry is not None:  # what the other caches key this innovation on, computed when it was checked
            checked.entry.__dict__["fingerprint"] = fingerprint
        self.hits += 1
        return checked

    def put(self, path: Path, row: tuple[str, ...], stamp: str = "") -> None:
        """Keep a result as `row(checked)` made it (in the worker that checked the file, on big catalogues)."""
        self.fresh[str(path)] = (*row, stamp)

    def save(self, keep: set[str] | None = None) -> None:
        if not self.file:
            return
        gone = set(self.records) - keep if keep is not None else set()
        self.restamped = {k: v for k, v in self.restamped.items() if k not in self.fresh and k not in gone}
        if not (self.fresh or gone or self.restamped) and self.records:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.file, timeout=30)) as db, db:
                # Rows of ~2.5 KB waste a third of 4 KB database pages (one row each); 64 KB ones hold
                # twenty-odd. Applies when the file is made (no effect on an existing one).
                db.execute("PRAGMA page_size = 65536")
                db.execute("CREATE TABLE IF NOT EXISTS format (nama TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS konteks (nilai TEXT)")
                db.execute("CREATE TABLE IF NOT EXISTS berkas (path TEXT PRIMARY KEY, digest TEXT, probes TEXT, "
                           "sidik TEXT, urut TEXT, hasil TEXT, entri TEXT, isi BLOB, cek TEXT, cek_entri TEXT, "
                           "tanda TEXT)")
                if [r[0] for r in db.execute("SELECT nilai FROM konteks")] != [self.ctx]:
                    db.execute("DELETE FROM berkas")  # rows of another context are never read again
                    db.execute("DELETE FROM konteks")
                    db.execute("DELETE FROM format")
                    db.execute("INSERT INTO konteks VALUES (?)", (self.ctx,))
                    db.execute("INSERT INTO format VALUES (?)", (FORMAT,))
                db.executemany("DELETE FROM berkas WHERE path = ?", [(p,) for p in sorted(gone)])
                db.executemany("INSERT OR REPLACE INTO berkas VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               [(path, *rec) for path, rec in self.fresh.items()])
                db.executemany("UPDATE berkas SET tanda = ? WHERE path = ?",
                               [(stamp, path) for path, stamp in self.restamped.items()])
            self.records = {k: v for k, v in self.records.items() if k not in gone} | self.fresh
            for path, stamp in self.restamped.items():
                self.records[path] = (*self.records[path][:9], stamp)
            self.fresh, self.restamped = {}, {}
        except sqlite3.Error as exc:
            log.info("Cache validasi tidak dapat ditulis (%s); pembangunan berikutnya memeriksa ulang.", exc)


def _stamp(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


RACY_NS = 2_000_000_000  # a file changed this recently may change again within the same timestamp tick


def stamp_of(st: os.stat_result, taken_ns: int) -> str:
    """What stands for a file's bytes in the next run: its size, modification time and inode, as `stat`
    (taken at or after taken_ns, before the file was read) gave them; none ("": read it next time) when
    it was modified within RACY_NS before taken_ns, since a change in the same clock tick would leave
    them all as they are (git's "racy" entries)."""
    return "" if taken_ns - st.st_mtime_ns < RACY_NS else _stamp(st)


def _same_probes(probes: list) -> bool:
    """The files an entry looked at (images, linked entries) are as they were: same presence and size."""
    for path, size in probes:
        try:
            now = os.stat(path).st_size
        except OSError:
            now = -1
        if now != size:
            return False
    return True


@dataclasses.dataclass(frozen=True)
class Known:
    """An unchanged entry as its stored row gives it, before the row is decoded: what the search index needs
    to start (its id, fingerprint and search date), and where its row is, should its record be made."""
    id: str
    fingerprint: str
    urut: str
    path: str


def known(path: Path, rec: tuple) -> Known | None:
    """The Known of a usable row (None: the file has no entry, e.g. it has errors)."""
    return Known(path.stem, rec[2], rec[3], str(path)) if rec[2] else None


def load_entries(file: Path, paths: list[str]) -> dict[str, model.Entry]:
    """{path: entry} decoded from the stored rows (a process that has the Known only)."""
    out = {}
    with closing(sqlite3.connect(file, timeout=30)) as db:
        for path in paths:
            found = db.execute("SELECT sidik, entri, isi FROM berkas WHERE path = ?", (path,)).fetchone()
            if found is None or not found[1]:
                raise ValueError(f"{path}: tidak ada di cache validasi")
            body = _inflate(found[2])
            if body is None:
                raise ValueError(f"{path}: isi rusak di cache validasi")
            entry = decode_entry(found[1], body)
            entry.__dict__["fingerprint"] = found[0]
            out[path] = entry
    return out
