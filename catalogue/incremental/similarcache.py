"""The Inovasi serupa lists of the last build (site/similar.py), kept while nothing they are made of changes.

The lists depend on every entry (term weights are catalogue-wide), so they are kept whole, under a digest of
every entry's id, region and fingerprint, the reference data (abbreviations, synonyms, region names), the
package version and the code that makes them. A build in which no entry changed (a template, a page of the
guide, a merge touching only docs) reads them back instead of computing them: 2.9 s at 10,000 entries,
~12 s at 40,000 (PERFORMANCE.md). A file of another key, or damaged, is ignored and written anew.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from .. import __version__, digests

FORMAT = "katalog-serupa-1"
FILE = "serupa.json.gz"


def key(cat) -> str:
    return digests.of(FORMAT, __version__, digests.source("site/similar.py", "site/search.py", "entry/model.py"),
                      repr(cat.reference), *(f"{e.id} {e.region_code} {e.fingerprint}" for e in cat.entries))


def lists(folder: Path | None, cat, compute) -> dict[str, tuple[str, ...]]:
    """compute(cat), or the lists kept in folder from a build of the same key; kept for the next build."""
    if folder is None:
        return compute(cat)
    path, wanted = folder / FILE, key(cat)
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        if data["kunci"] == wanted and isinstance(data["daftar"], dict):
            return {eid: tuple(ids) for eid, ids in data["daftar"].items()}
    except (OSError, ValueError, KeyError, TypeError, EOFError):  # missing, damaged or of another format
        pass
    found = compute(cat)
    body = json.dumps({"kunci": wanted, "daftar": found}, separators=(",", ":")).encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
        tmp.write_bytes(gzip.compress(body, compresslevel=1, mtime=0))
        os.replace(tmp, path)
    except OSError:  # a read-only cache folder: the next build computes them again
        pass
    return found
