"""How big the published site is, and a warning before the host refuses it (GitHub Pages: a site of at most
1 GB). `catalogue build` measures the site it has just published and prints the figures; the limit is the
plugin's `site_size_limit_mb` in mkdocs.yml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import bahasa

DEFAULT_LIMIT_MB = 1000  # GitHub Pages refuses a published site over 1 GB
BIG_FILE = 100 * 1000 * 1000  # GitHub refuses files over 100 MB in a repository, and a phone cannot open them


@dataclass
class Footprint:
    bytes: int = 0
    files: int = 0
    largest: tuple[str, int] = ("", 0)  # path inside the site, size
    folders: dict[str, int] = field(default_factory=dict)  # top-level folder (or "berkas di akar") -> bytes

    def biggest_folders(self, n: int = 3) -> list[tuple[str, int]]:
        return sorted(self.folders.items(), key=lambda item: (-item[1], item[0]))[:n]


def measure(site: Path) -> Footprint:
    """Sizes of every file under `site` (one os.scandir walk; a hard-linked file counts each time it appears,
    as the host's upload does)."""
    found = Footprint()
    stack = [(str(site), "")]
    while stack:
        path, top = stack.pop()
        with os.scandir(path) as it:
            for item in it:
                if item.is_dir(follow_symlinks=False):
                    stack.append((item.path, top or item.name + "/"))
                elif item.is_file(follow_symlinks=False):
                    size = item.stat(follow_symlinks=False).st_size
                    found.bytes += size
                    found.files += 1
                    key = top or "berkas di akar"
                    found.folders[key] = found.folders.get(key, 0) + size
                    if size > found.largest[1]:
                        found.largest = (os.path.relpath(item.path, site).replace(os.sep, "/"), size)
    return found


def summary(fp: Footprint) -> str:
    """'1,6 GB dalam 63.235 berkas'"""
    return f"{size(fp.bytes)} dalam {bahasa.number(fp.files)} berkas"


def warnings(fp: Footprint, limit_mb: int) -> list[str]:
    """What a maintainer must know before publishing, in Indonesian; empty when the site fits."""
    out = []
    if limit_mb and fp.bytes > limit_mb * 1000 * 1000:
        folders = ", ".join(f"{name} {size(n)}" for name, n in fp.biggest_folders())
        out.append(f"Ukuran situs ini {size(fp.bytes)}, melebihi batas {size(limit_mb * 1000 * 1000)} (site_size_limit_mb "
                   f"di mkdocs.yml; GitHub Pages menolak situs di atas 1 GB). Bagian terbesar: {folders}. "
                   "Periksa apakah ada berkas besar yang tidak perlu diterbitkan, atau terbitkan ke tempat lain "
                   "yang menerima situs sebesar ini.")
    if fp.largest[1] > BIG_FILE:
        out.append(f"Berkas {fp.largest[0]} berukuran {size(fp.largest[1])}, lebih dari 100 MB: GitHub menolak "
                   "berkas sebesar itu, dan di ponsel berkas itu hampir tidak dapat dibuka.")
    return out


def size(n: int) -> str:
    """Sizes of a whole site, in the decimal units hosts state their limits in: 850 MB, 1,6 GB."""
    if n >= 1000 ** 3:
        return f"{bahasa.number(n / 1000 ** 3, 1)} GB"
    if n >= 1000 ** 2:
        return f"{bahasa.number(n / 1000 ** 2, 0 if n >= 100 * 1000 ** 2 else 1)} MB"
    return f"{bahasa.number(n / 1000, 1)} KB"
