"""What the Inovasi serupa lists (site/similar.py) are made from, kept from one build to the next.

Two things, each a gzip-compressed JSON file under a context (the package version, the reference data
with its abbreviation and synonym lists, the code that makes them):
- every entry's terms by fingerprint: making them is half the work (stemming ~150 words an entry), and an
  entry's terms depend on nothing but the entry and the context. A build computes them for new and changed
  entries only.
- the lists of the last build, under a digest of every entry's id, region and fingerprint: the lists
  depend on every entry (term weights are catalogue-wide), so they are read back whole only when no entry
  changed (a template, the guide, a merge touching docs only).
Figures in PERFORMANCE.md. A file of another context, or damaged, is ignored and written anew.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

from .. import __version__, digests

FORMAT = "katalog-serupa-5"
LISTS, TERMS = "serupa-daftar.json.gz", "serupa-kata.json.gz"


def _context(cat) -> str:
    return digests.of(FORMAT, __version__, digests.source("site/similar.py", "site/search.py", "entry/model.py"),
                      repr(cat.reference))


def _key(context: str, cat) -> str:
    return digests.of(context, *(f"{e.id} {e.region_code} {e.fingerprint}" for e in cat.entries))


class _Codes(dict):
    """weight -> a one-letter code, assigned as weights are met (a handful: one per field weight)."""

    def __missing__(self, weight: float) -> str:
        code = self[weight] = chr(ord("a") + len(self))
        return code


def _encode(terms, codes: _Codes) -> list[str]:
    """[the terms, space-separated; one letter per term for its weight]: made in C, a third of the time of
    grouping the terms by weight in Python."""
    words, weights = terms
    return [" ".join(words), "".join(map(codes.__getitem__, weights))]


def _decode(pair: list[str], weights: dict[str, float]):
    words, codes = pair
    # Interned: the same term read for 40,000 entries is one string, not 40,000 (~300 MB at that size).
    words = tuple(map(sys.intern, words.split(" ")))
    if len(words) != len(codes):
        raise ValueError("kata dan bobot tidak sepadan")
    return words, tuple(map(weights.__getitem__, codes))


def _read(path: Path, context: str) -> dict:
    """The file's content when it is ours and of this context; else {} (missing, damaged, other format)."""
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
        return data if isinstance(data, dict) and data.get("konteks") == context else {}
    except (OSError, ValueError, EOFError):  # gzip.BadGzipFile is an OSError
        return {}


def _write(path: Path, data: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(gzip.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                                      compresslevel=1, mtime=0))
        os.replace(tmp, path)
    except OSError:  # a read-only cache folder: the next build computes them again
        pass


def lists(folder: Path | None, cat, terms_of, compute) -> dict[str, tuple[str, ...]]:
    """The lists as compute(cat, terms_of(cat, known)) makes them, using and refreshing what folder keeps."""
    if folder is None:
        return compute(cat, terms_of(cat))
    context = _context(cat)
    key = _key(context, cat)
    last = _read(folder / LISTS, context)
    last = last.get("daftar") if last.get("kunci") == key else None
    if isinstance(last, dict) and last.keys() == cat.by_id.keys() and all(
            isinstance(ids, list) and all(isinstance(i, str) and i in cat.by_id for i in ids) for ids in last.values()):
        return {eid: tuple(ids) for eid, ids in last.items()}  # only ids of this catalogue: never trusted blindly
    kept = _read(folder / TERMS, context)
    stored, known = kept.get("kata") if isinstance(kept.get("kata"), dict) else {}, {}
    try:
        weights = {code: float(w) for code, w in kept.get("bobot", {}).items()}
        known = {e.fingerprint: _decode(stored[e.fingerprint], weights) for e in cat.entries
                 if e.fingerprint in stored}
    except (AttributeError, TypeError, ValueError, KeyError):
        stored, known, weights = {}, {}, {}
    terms = terms_of(cat, known)
    found = compute(cat, terms)
    _write(folder / LISTS, {"konteks": context, "kunci": key, "daftar": found})
    if len(known) < len(cat.entries) or len(stored) > len(known):  # terms made, or of entries gone
        codes = _Codes((w, code) for code, w in weights.items())
        kata = {e.fingerprint: stored[e.fingerprint] if e.fingerprint in known else _encode(t, codes)
                for e, t in zip(cat.entries, terms)}
        _write(folder / TERMS, {"konteks": context, "kata": kata, "bobot": {code: w for w, code in codes.items()}})
    return found
