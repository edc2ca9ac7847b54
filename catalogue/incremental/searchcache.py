"""Search bundles kept from one `catalogue build` to the next, content-addressed (issue 16).

A shard's key is a digest of its entries' fingerprints (every field and the body), its name, the
reference data, the code that makes the records and the Pagefind version; the primary bundle's, of its
records (region and area pages). Pagefind's output depends on nothing else.
Each cached bundle is a folder with a manifest of its files and their digests; a bundle whose manifest
is missing, of another format or key, or whose files do not match it is ignored (and indexed anew),
never published. Bundles are stored and placed as hard links (copies where the file system has none),
like pages (pagecache.py).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
from importlib import metadata
from pathlib import Path

from ..site import PLUGIN_LOG
from .. import digests
from .publish import same_file

FORMAT = "katalog-cari-1"
MANIFEST = "isi-cache.json"
RECORDS = "rekaman-cari"  # beside cari/: each shard's records by entry fingerprint
log = logging.getLogger(PLUGIN_LOG)


def _version() -> str:
    found = []
    for name in ("pagefind", "pagefind_bin"):
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            pass
    return " ".join(found)


class SearchCache:
    def __init__(self, folder: Path, ref=None):
        self.folder = folder / "cari"
        self.version = _version()
        # What a shard's records are made of besides its entries: the reference data (names, labels,
        # synonyms) and the code that makes them.
        self.context = digests.of(digests.source("site/search.py", "entry/model.py"), repr(ref))
        self.used: set[str] = set()
        self.shards: set[str] = set()  # this build's shard names: their kept records stay (records())
        self.ignored = self.made = 0

    def key(self, name: str, parts: list) -> str:
        """parts: the entries' fingerprints, and for the primary bundle the region and area records too."""
        body = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return digests.of(FORMAT, self.version, self.context, name, body)

    def records(self, name: str, entries: list, make) -> list[dict]:
        """The search records of a shard's entries (make(entries) -> records): those of entries unchanged
        since the shard was last indexed are read back from `rekaman-cari/<name>.json.gz`, so a shard indexed
        again after one change makes one record, not 5,000. A file of another format or context, or that
        does not match its digest, is not used."""
        path = self.folder.parent / RECORDS / f"{name}.json.gz"
        kept: dict = {}
        try:
            head, _, body = gzip.decompress(path.read_bytes()).decode("utf-8").partition("\n")
            meta = json.loads(head)
            if meta == {"format": FORMAT, "context": self.context, "cek": digests.of(body)}:
                kept = json.loads(body)
        except (OSError, ValueError, TypeError, EOFError):  # gzip.BadGzipFile is an OSError
            pass
        if not isinstance(kept, dict):
            kept = {}
        fresh = [e for e in entries if not isinstance(kept.get(e.fingerprint), dict)]
        made = dict(zip((e.fingerprint for e in fresh), make(fresh)))
        out = {e.fingerprint: made[e.fingerprint] if e.fingerprint in made else kept[e.fingerprint] for e in entries}
        body = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            # Deflated (level 1): the records hold every entry's text, a third copy of the bodies in the cache CI
            # saves; at 40,000 entries ~90 MB plain. mtime=0: the same records give the same bytes.
            text = json.dumps({"format": FORMAT, "context": self.context, "cek": digests.of(body)}) + "\n" + body
            tmp.write_bytes(gzip.compress(text.encode("utf-8"), 1, mtime=0))
            os.replace(tmp, path)
        except OSError:
            pass  # made again next time
        self.made += len(fresh)
        return [out[e.fingerprint] for e in entries]

    def place(self, key: str, dest: Path) -> bool:
        """Copy the cached bundle to dest after checking every file against the manifest; False when absent
        or damaged (dest is then left absent, for Pagefind to write)."""
        folder = self.folder / key
        self.used.add(key)
        try:
            manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            if folder.exists():
                self._ignore(folder)
            return False
        files = manifest.get("files") if isinstance(manifest, dict) else None
        if manifest.get("format") != FORMAT or manifest.get("key") != key or not isinstance(files, dict) or not files:
            self._ignore(folder)
            return False
        try:
            for rel, want in sorted(files.items()):
                if ".." in Path(rel).parts or digests.of((folder / rel).read_bytes()) != want:
                    raise ValueError(rel)
        except (OSError, ValueError):
            self._ignore(folder)
            return False
        made: set[Path] = set()
        for rel in sorted(files):
            path = dest / rel
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            same_file(folder / rel, path)
        return True

    def store(self, key: str, source: Path) -> None:
        folder = self.folder / key
        tmp = self.folder / f".{key}.{os.getpid()}.tmp"
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            files = {}
            for path in sorted(source.rglob("*")):
                if path.is_file():
                    rel = path.relative_to(source).as_posix()
                    if rel.startswith("bagian-"):
                        continue  # the primary bundle's folder holds the shards too
                    (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                    same_file(path, tmp / rel)
                    files[rel] = digests.of(path.read_bytes())
            (tmp / MANIFEST).write_text(json.dumps({"format": FORMAT, "key": key, "files": files}), "utf-8")
            shutil.rmtree(folder, ignore_errors=True)
            os.replace(tmp, folder)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            log.info(f"Cache pencarian tidak dapat ditulis ({exc}); pembangunan berikutnya mengindeks ulang.")

    def finish(self) -> str:
        """Drop cached bundles this build did not use, and the records of shards it does not have; a notice
        of damaged bundles ("" if none)."""
        if self.folder.is_dir():
            for folder in self.folder.iterdir():
                if folder.name not in self.used:  # also a .tmp left by a build that was killed
                    shutil.rmtree(folder, ignore_errors=True)
        kept = self.folder.parent / RECORDS
        if kept.is_dir():
            for path in kept.iterdir():
                if path.name.removesuffix(".json.gz") not in self.shards:  # also an older version's .json
                    path.unlink(missing_ok=True)
        if self.ignored:
            return (f"{self.ignored} bagian indeks pencarian di cache {self.folder} rusak atau bukan milik katalog "
                    "ini; bagian itu diindeks ulang.")
        return ""

    def _ignore(self, folder: Path) -> None:
        self.ignored += 1
        shutil.rmtree(folder, ignore_errors=True)
