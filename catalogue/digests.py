"""The digests the build caches key on (blake2b, 20 bytes): of values, and of the package's own code."""

from __future__ import annotations

import hashlib
from pathlib import Path

_HERE = Path(__file__).parent


def of(*parts: str | bytes) -> str:
    """One digest of several parts (a NUL after each, so that ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def source(*patterns: str) -> str:
    """A digest of the package's source files matching the glob patterns (relative to catalogue/): what a
    cache's entries were made by, so that a change while developing counts too."""
    found = {pattern: list(_HERE.glob(pattern)) for pattern in patterns}
    if missing := [pattern for pattern, paths in found.items() if not paths]:  # a module moved: say so, loudly
        raise FileNotFoundError(f"catalogue/{', '.join(missing)}: no such source file")
    files = sorted({p for paths in found.values() for p in paths})
    return of(*(part for p in files for part in (p.relative_to(_HERE).as_posix(), p.read_bytes())))
