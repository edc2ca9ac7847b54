"""Publishing a build over the previous site: only what changed is moved in (issue 16).

The last `catalogue build` leaves a record (`situs-<digest of the site's path>.json` in the cache folder) of
the units it published, each with the key it was made from and its files' sizes and modification times: an
innovation or list page (one file; key from pagecache.py) and a search bundle (its folder; key from
searchcache.py). The next build does not write a unit whose key is the same and whose files are still as
recorded (a file edited or removed since is written again), so a build that changes one entry writes a few
hundred files instead of 60,000.

Everything else (theme files, the downloads, the sitemap, pages that changed) is built in a scratch folder,
as before, and merged in by `merge`: each file moved over its old version, whose copy goes to the scratch
folder (a folder that holds no kept file, such as a re-indexed search shard, moved whole), and files of
the old site that this build did not make moved out too. A journal written first lets
a failed merge, or the next build after one that was killed mid-merge, put the old site back as it was. A
site without a record (the first build, another site folder, no cache) is swapped in whole.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from ..site import PLUGIN_LOG
from .. import digests

FORMAT = "katalog-situs-1"
JOURNAL = "jurnal.json"
log = logging.getLogger(PLUGIN_LOG)


def record_path(cache_folder: Path, site_dir: Path) -> Path:
    return cache_folder / f"situs-{digests.of(str(Path(site_dir).resolve()))[:16]}.json"


def _stat(path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


class Previous:
    """The units the last build published in site_dir, as its record says (checked against the files)."""

    def __init__(self, site_dir: Path, units: dict[str, dict]):
        self.site_dir, self.units = site_dir, units
        self.kept: dict[str, dict] = {}  # unit -> record, for units this build does not write

    @classmethod
    def load(cls, cache_folder: Path | None, site_dir: Path) -> Previous | None:
        """None when there is no usable record: the site is then built whole and swapped in."""
        if cache_folder is None or not site_dir.is_dir():
            return None
        try:
            data = json.loads(record_path(cache_folder, site_dir).read_text("utf-8"))
            if data.get("format") != FORMAT or data.get("site") != str(site_dir.resolve()):
                return None
            units = data["units"]
            if not isinstance(units, dict):
                return None
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            return None
        return cls(site_dir, units)

    def keep(self, unit: str, key: str) -> dict | None:
        """The unit's record when the site still holds it as made from `key` (then this build leaves it be)."""
        rec = self.intact(unit)
        if rec is None or rec.get("key") != key:
            return None
        self.kept[unit] = rec
        return rec

    def intact(self, unit: str) -> dict | None:
        """The unit's record when its files are still as recorded, whatever this build makes of it."""
        rec = self.units.get(unit)
        if not isinstance(rec, dict) or not isinstance(rec.get("key"), str) or not isinstance(rec.get("files"), dict):
            return None
        top = str(self.site_dir) + "/"
        for rel, stat in rec["files"].items():
            if ".." in rel.split("/") or _stat(top + rel) != stat:
                return None
        return rec

    def kept_files(self) -> set[str]:
        return {rel for rec in self.kept.values() for rel in rec["files"]}


class Record:
    """The units this build published, written after the site is in place."""

    def __init__(self):
        self.units: dict[str, tuple[str, list[str], str | None]] = {}  # unit -> (key, files, title)

    def add(self, unit: str, key: str, files: list[str], title: str | None = None) -> None:
        self.units[unit] = (key, files, title)

    def units_in(self, site_dir: Path, kept: dict[str, dict]) -> dict[str, dict]:
        """What the site folder holds now: the kept units, and those written this build with their files' stats."""
        units = dict(kept)
        for unit, (key, files, title) in self.units.items():
            if unit in kept and kept[unit]["key"] == key:
                continue  # left as it was: its record stands
            stats = {rel: _stat(f"{site_dir}/{rel}") for rel in files}
            if all(stats.values()):
                units[unit] = {"key": key, "files": stats, "title": title}
        return units

    def write(self, cache_folder: Path, site_dir: Path, kept: dict[str, dict]) -> None:
        units = self.units_in(site_dir, kept)
        path = record_path(cache_folder, site_dir)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "site": str(site_dir.resolve()), "units": units},
                                      ensure_ascii=False, separators=(",", ":"), sort_keys=True), "utf-8")
            os.replace(tmp, path)
        except OSError as exc:
            log.info(f"Catatan situs tidak dapat ditulis ({exc}); pembangunan berikutnya menulis seluruh situs.")


def forget(cache_folder: Path | None, site_dir: Path) -> None:
    """Before the site changes otherwise (a whole swap): the record would describe a site that is gone."""
    if cache_folder is not None:
        record_path(cache_folder, site_dir).unlink(missing_ok=True)


def _walk(root: Path) -> list[str]:
    """Every file below root, as a relative POSIX path (strings: pathlib costs seconds at 60,000 files)."""
    out: list[str] = []
    stack = [""]
    top = str(root) + os.sep
    while stack:
        rel = stack.pop()
        with os.scandir(top + rel) as it:
            for e in it:
                if e.is_dir(follow_symlinks=False):
                    stack.append(rel + e.name + os.sep)
                else:
                    out.append((rel + e.name).replace(os.sep, "/"))
    return out


def merge(built: Path, site_dir: Path, kept: set[str], old: Path) -> None:
    """Move every file of `built` into site_dir and every file of site_dir that is neither built nor kept out
    of it, the replaced and removed files into `old`. On failure the old site is put back and the error
    raised. The journal (beside `old`) names what moves, for `recover` after a build killed midway."""
    new = sorted(_walk(built))
    stale = sorted(set(_walk(site_dir)) - set(new) - kept)
    journal = old.parent / JOURNAL
    journal.write_text(json.dumps({"site": str(site_dir), "built": str(built), "old": str(old), "new": new,
                                   "stale": stale}), "utf-8")
    whole = _whole_folders(new, kept)
    inside = lambda rel: any(f in whole for f in _folders(rel))  # noqa: E731
    try:
        # Whole folders first: one rename each way instead of one per file (a search shard: 5,000 files).
        for rel in [*sorted(whole), *(rel for rel in new if not inside(rel))]:
            target = site_dir / rel
            if target.exists() or target.is_symlink():
                (old / rel).parent.mkdir(parents=True, exist_ok=True)
                os.rename(target, old / rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(built / rel, target)
        for rel in stale:
            if inside(rel):
                continue  # moved out with its folder
            (old / rel).parent.mkdir(parents=True, exist_ok=True)
            os.rename(site_dir / rel, old / rel)
    except OSError:
        recover(journal)
        raise
    journal.unlink()
    _prune_empty(site_dir, {str(Path(rel).parent) for rel in stale})


def _folders(rel: str) -> list[str]:
    """The folders a relative path lies in, outermost first: "a/b/c" -> ["a", "a/b"]."""
    parts = rel.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _whole_folders(new: list[str], kept: set[str]) -> set[str]:
    """The outermost folders of the built site that hold no kept file: each replaces its old counterpart
    whole (the old one's files are all replaced or stale). The journal still names every file, so that
    `recover` puts them back one by one."""
    kept_in = {folder for rel in kept for folder in _folders(rel)}
    return {next(f for f in folders if f not in kept_in) for rel in new
            if (folders := _folders(rel)) and not all(f in kept_in for f in folders)}


def recover(journal: Path) -> None:
    """Undo a merge that did not finish: each file moved in goes back to the built folder, each old file back
    to the site."""
    data = json.loads(journal.read_text("utf-8"))
    site, built, old, new = Path(data["site"]), Path(data["built"]), Path(data["old"]), set(data["new"])
    for rel in [*data["new"], *data["stale"]]:
        try:
            if rel in new and not (built / rel).exists() and (site / rel).exists():
                (built / rel).parent.mkdir(parents=True, exist_ok=True)
                os.rename(site / rel, built / rel)  # moved in: back out
            if (old / rel).exists():
                (site / rel).parent.mkdir(parents=True, exist_ok=True)
                os.replace(old / rel, site / rel)
        except OSError as exc:
            log.error(f"Berkas situs {site / rel} tidak dapat dikembalikan: {exc}")
    journal.unlink(missing_ok=True)


def _prune_empty(site_dir: Path, folders: set[str]) -> None:
    for rel in sorted(folders, key=lambda f: -len(Path(f).parts)):
        folder = site_dir / rel
        while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent


def same_file(source: Path, dest: Path) -> None:
    """dest as a hard link to source, so no bytes are copied; a copy (times kept) where the file system has
    no links. Used for the site's kept files and for the search cache."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def fill(built: Path, site_dir: Path, kept: set[str]) -> None:
    """The kept files, from the old site into the built one: for a whole swap."""
    for rel in kept:
        target = built / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        same_file(site_dir / rel, target)
