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

FORMAT = "katalog-serupa-3"
FILE = "serupa.json.gz"


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


def _encode(terms: dict[str, float], codes: _Codes) -> list[str]:
    """[the terms, space-separated; one letter per term for its weight]: made in C, a third of the time of
    grouping the terms by weight in Python."""
    return [" ".join(terms), "".join(map(codes.__getitem__, terms.values()))]


def _decode(pair: list[str], weights: dict[str, float]) -> dict[str, float]:
    terms, codes = pair
    out = dict(zip(terms.split(" "), map(weights.__getitem__, codes)))
    if len(out) != len(codes):
        raise ValueError("kata dan bobot tidak sepadan")
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
        weights = {code: float(w) for code, w in kept.get("bobot", {}).items()}
        known = {e.fingerprint: _decode(stored[e.fingerprint], weights) for e in cat.entries
                 if e.fingerprint in stored}
    except (AttributeError, TypeError, ValueError, KeyError):
        known = {}
    terms = terms_of(cat, known)
    found = compute(cat, terms)
    codes = _Codes((w, code) for code, w in weights.items()) if known else _Codes()
    kata = {e.fingerprint: stored[e.fingerprint] if e.fingerprint in known else _encode(t, codes)
            for e, t in zip(cat.entries, terms)}
    body = {"konteks": context, "kunci": key, "daftar": found, "kata": kata,
            "bobot": {code: w for w, code in codes.items()}}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{FILE}.{os.getpid()}.tmp")
        tmp.write_bytes(gzip.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                                      compresslevel=1, mtime=0))
        os.replace(tmp, path)
    except OSError:  # a read-only cache folder: the next build computes them again
        pass
    return found
