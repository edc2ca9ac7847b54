"""The downloads of a build (data/, skema/), written into the site folder: streamed through the export cache
(incremental/exportcache.py) when the build keeps one or the catalogue is big, else made in memory. The
content of every file is opendata/'s; this module decides only how it is written."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from ..entry.model import Catalogue
from ..incremental.exportcache import ExportCache
from ..incremental.publish import same_file
from ..opendata import datapackage, entryfiles, export
from ..opendata.datapackage import Licence
from . import previews


def write(out_dir: Path, cat: Catalogue, added: dict[str, date], site_name: str, base_url: str = "",
          extra: dict[str, bytes] | None = None, licence: Licence | None = None,
          cache_dir: Path | None = None, previous: tuple[Path, str] | None = None,
          tag: str | None = None) -> dict[str, int]:
    """Write every download (and `extra` files) under out_dir; returns {path in the site: size in bytes}, and
    under NOTICE what the export cache has to say. With a cache folder the big files are streamed from it
    (incremental/exportcache.py: memory stays flat at any size); without one they are made in memory. Runs in a
    background process on big catalogues (parallel.Background), so it takes its state as arguments."""
    licence = licence or Licence()
    sizes: dict[str, int] = {}

    def put(path: str, data: bytes) -> None:
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        sizes[path] = len(data)
    if cache_dir is None and len(cat.entries) >= STREAM_FROM:
        # Made in memory the big files would hold every row several times over (2.4 GB at 30,000): streamed
        # through an export cache of this build's own, removed afterwards. The bytes are the same.
        with tempfile.TemporaryDirectory(prefix="katalog-ekspor-") as own:
            written = write(out_dir, cat, added, site_name, base_url, extra, licence, Path(own))
        written.pop(NOTICE, None)
        return written
    if cache_dir is None:
        for path, data in [*export.iter_files(cat, added, site_name, base_url, licence), *(extra or {}).items(),
                           *entryfiles.iter_files(cat), *previews.files(cat.reference, site_name, base_url, None)]:
            put(path, data)
        return sizes
    cache = ExportCache(cache_dir, cat, base_url)
    streamed, notice = cache.write(out_dir, cat, added, previous, tag)
    small = dict(export.small_files(cat, added, site_name, base_url, licence))
    published = [*export.BIG, *small, *(export.region_path(r) for r in cat.reference.regions.values())]
    for path in published:
        if path in small:
            put(path, small[path])
        else:
            sizes[path] = streamed[path]
    package = datapackage.files(cat, site_name, licence, published, [c[:3] for c in export.COLUMNS], export.NATIONAL,
                                export.REGION_NAMES, base_url)
    for path, data in [*package, *(extra or {}).items(), *previews.files(cat.reference, site_name, base_url, cache_dir)]:
        put(path, data)
    # Each innovation's form file: linked from the earlier site when its entry is unchanged (a one-entry build
    # at 10,000 compressed all of them again: 7 s of the export process), else made.
    linked = set()
    for entry_id in (e.id for e in cat.entries if e.id in cache.unchanged):  # in catalogue order
        path = entryfiles.path(entry_id)
        try:
            (out_dir / path).parent.mkdir(parents=True, exist_ok=True)
            same_file(previous[0] / path, out_dir / path)
        except OSError:  # not there any more: made below
            continue
        sizes[path] = (out_dir / path).stat().st_size
        linked.add(entry_id)
    for path, data in entryfiles.iter_files(cat, skip=linked):
        put(path, data)
    sizes[NOTICE] = notice
    return sizes


STREAM_FROM = 1000  # innovations from which the downloads are never made in memory (see write)
NOTICE = "__pemberitahuan__"  # not a file: the export cache's notice, for the build to log
