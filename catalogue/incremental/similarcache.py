"""What the Inovasi serupa lists (site/similar.py) are made from, kept from one build to the next.

Two things, in one gzip-compressed JSON file under a context (the package version, the reference data
with its abbreviation and synonym lists, the code that makes them):
- every entry's terms by fingerprint: making them is half the work (stemming ~150 words an entry), and an
  entry's terms depend on nothing but the entry and the context. A build computes them for new and changed
  entries only.
- the lists of the last build, under a digest of every entry's id, region and fingerprint: the lists
  depend on every entry (term weights are catalogue-wide), so they are read back whole only when no entry
  changed (a template, the guide, a merge touching docs only).
Figures (PERFORMANCE.md): 40,000 entries, 13 s to compute all; with their terms kept, ~7 s. A file of
another context, or damaged, is ignored and written anew.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from .. import __version__, digests

FORMAT = "katalog-serupa-2"
FILE = "serupa.json.gz"


def _context(cat) -> str:
    return digests.of(FORMAT, __version__, digests.source("site/similar.py", "site/search.py", "entry/model.py"),
                      repr(cat.reference))


def _key(context: str, cat) -> str:
    return digests.of(context, *(f"{e.id} {e.region_code} {e.fingerprint}" for e in cat.entries))


def _encode(terms: dict[str, float]) -> dict[str, str]:
    by_weight: dict[str, list[str]] = {}
    for term, weight in terms.items():
        by_weight.setdefault(repr(weight), []).append(term)
    return {w: " ".join(ts) for w, ts in by_weight.items()}


def _decode(groups: dict[str, str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for w, ts in groups.items():  # each term is in one group: the heaviest field it is in
        out.update(dict.fromkeys(ts.split(" "), float(w)))
    return out


def lists(folder: Path | None, cat, terms_of, compute) -> dict[str, tuple[str, ...]]:
    """The lists as compute(cat, terms_of(cat, known)) makes them, using and refreshing what folder keeps."""
    if folder is None:
        return compute(cat, terms_of(cat))
    path, context = folder / FILE, _context(cat)
    key = _key(context, cat)
    kept: dict = {}
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        if data["konteks"] == context and isinstance(data["kata"], dict) and isinstance(data["daftar"], dict):
            kept = data
    except (OSError, ValueError, KeyError, TypeError, EOFError):  # missing, damaged or of another format
        pass
    if kept.get("kunci") == key:
        return {eid: tuple(ids) for eid, ids in kept["daftar"].items()}
    stored = kept.get("kata", {})
    try:
        known = {e.fingerprint: _decode(stored[e.fingerprint]) for e in cat.entries if e.fingerprint in stored}
    except (AttributeError, TypeError, ValueError):
        known = {}
    terms = terms_of(cat, known)
    found = compute(cat, terms)
    body = {"konteks": context, "kunci": key, "daftar": found,
            "kata": {e.fingerprint: stored[e.fingerprint] if e.fingerprint in known else _encode(t)
                     for e, t in zip(cat.entries, terms)}}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
        tmp.write_bytes(gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                                      compresslevel=1, mtime=0))
        os.replace(tmp, path)
    except OSError:  # a read-only cache folder: the next build computes them again
        pass
    return found
