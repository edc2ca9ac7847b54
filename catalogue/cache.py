"""A content-addressed cache of per-file validation results (the first part of issue 16).

Each entry's result is reused when its bytes, its path and everything it was checked against are the same:
the reference data, the package version, the day (dates may not be in the future), and the files it
probed (images, linked entries) with their sizes. Cross-entry checks always run, over the cached results.

Stored as JSON, never pickle: a cache restored from elsewhere (a CI cache, a copied folder) is data, and
one that does not parse, has another format or another context is ignored with a message, never trusted.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import tempfile
from datetime import date
from pathlib import Path

from . import __version__, digests, model
from .load import Loc, SourceFile, digest
from .problems import Problem

FORMAT = 1
log = logging.getLogger("mkdocs.plugins.catalogue")
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
    code = digests.source("validate/*.py", "schema.py", "load.py", "yamlerrors.py", "problems.py")
    parts = [f"format={FORMAT}", f"versi={__version__}", f"hari={today.isoformat()}", f"kode={code}",
             f"rujukan={digest(repr(ref).encode())}"]
    return digest("\n".join(parts).encode())


def for_project(root: Path, ref, today: date) -> ValidationCache | None:
    folder = directory(root)
    return ValidationCache(folder, context(ref, today)).load() if folder else None


# --- JSON codec for the result records ------------------------------------------------------------
def _encode(obj):
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {"__t": type(obj).__name__, **{f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    if isinstance(obj, (list, tuple)):
        return [_encode(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): _encode(v) for k, v in obj.items()}
    return obj


def _decode(obj):
    if isinstance(obj, list):
        return tuple(_decode(x) for x in obj)  # every sequence in the records is a tuple
    if isinstance(obj, dict):
        if "__t" in obj:
            cls = _CLASSES[obj["__t"]]  # KeyError on anything else: the cache is not ours
            names = _FIELDS[cls]
            return cls(**{k: _decode(v) for k, v in obj.items() if k in names})
        return {k: _decode(v) for k, v in obj.items()}
    return obj


def encode_checked(c) -> dict:
    src = c.source
    return {"path": str(src.path), "display": src.display, "front": src.front if isinstance(src.front, dict) else {},
            "body_line": src.body_line, "end_line": src.end_line,
            "locations": {k: list(v) for k, v in src.locations.items()},
            "entry": _encode(c.entry) if c.entry else None, "problems": [_encode(p) for p in c.problems],
            "entry_links": [list(x) for x in c.entry_links]}


def decode_checked(d: dict):
    from .validate.entry import Checked
    src = SourceFile(Path(d["path"]), d["display"], front=d["front"], body_line=d["body_line"], end_line=d["end_line"],
                     locations={k: Loc(*v) for k, v in d["locations"].items()})
    entry = _decode(d["entry"]) if d["entry"] else None
    if entry is not None:  # tuples of pairs stay tuples; the body is the entry's own
        src.body = entry.body
    return Checked(src, entry, [_decode(p) for p in d["problems"]], [tuple(x) for x in d["entry_links"]])


class ValidationCache:
    """{entry path: (content digest, probed files, result)} for one context, in one JSON file."""

    def __init__(self, folder: Path | None, ctx: str):
        self.file = folder / "validasi.json" if folder else None
        self.ctx = ctx
        self.records: dict[str, dict] = {}
        self.hits = self.misses = 0
        self.changed = False
        self.notice = ""  # why a cache was not used, for the person running the command

    def load(self) -> ValidationCache:
        if not self.file or not self.file.is_file():
            return self
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("records"), dict):
                raise ValueError("bukan cache katalog")
            if data.get("context") != self.ctx:
                return self  # another day, version or reference data: start afresh (not an error)
            self.records = data["records"]
        except (OSError, ValueError, TypeError) as exc:
            self.notice = (f"Catatan: cache validasi {self.file} diabaikan karena rusak atau bukan milik katalog ini "
                           f"({type(exc).__name__}); semua berkas diperiksa ulang dan cache ditulis baru.")
            log.warning(self.notice.removeprefix("Catatan: "))
            self.records = {}
        return self

    def get(self, path: Path, data: bytes):
        rec = self.records.get(str(path))
        if not rec or rec.get("digest") != digest(data) or not _same_probes(rec.get("probes", [])):
            self.misses += 1
            return None
        try:
            checked = decode_checked(rec["result"])
        except (KeyError, TypeError, ValueError) as exc:
            log.info("Cache validasi %s diabaikan untuk %s (%s).", self.file, path, exc)
            self.misses += 1
            return None
        self.hits += 1
        return checked

    def put(self, path: Path, content_digest: str, probes: list[tuple[str, int]], checked) -> None:
        self.records[str(path)] = {"digest": content_digest, "probes": [list(p) for p in probes],
                                   "result": encode_checked(checked)}
        self.changed = True

    def save(self, keep: set[str] | None = None) -> None:
        if not self.file:
            return
        if keep is not None and set(self.records) - keep:
            self.records = {k: v for k, v in self.records.items() if k in keep}  # deleted entries leave
            self.changed = True
        if not self.changed:
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".validasi-", suffix=".json")
            # dumps, not dump: json.dump runs the pure-Python encoder (~8x slower; 13 s at 30,000 entries).
            text = json.dumps({"format": FORMAT, "context": self.ctx, "records": self.records},
                              ensure_ascii=False, separators=(",", ":"), default=str)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(tmp, self.file)  # a half-written cache is never seen
        except OSError as exc:
            log.info("Cache validasi tidak dapat ditulis (%s); pembangunan berikutnya memeriksa ulang.", exc)


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


def probe(path: Path) -> tuple[str, int]:
    try:
        return (str(path), path.stat().st_size)
    except OSError:
        return (str(path), -1)
