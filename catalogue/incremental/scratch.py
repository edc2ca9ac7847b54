"""Scratch folders: one root per build, beside the site folder, removed on every exit path.

A build writes the new site, the downloads and the search bundle under one root named
`.<site>.bangun-<pid>-<random>` next to the site folder (the same file system, so publishing is a
rename). The root is removed when the build ends, whether it succeeded, failed or was interrupted; a
build killed outright (SIGKILL, power loss) leaves its root behind, and the next build removes every
root whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from . import publish

MARK = ".bangun-"


def _prefix(site_dir: Path) -> str:
    return f".{site_dir.name}{MARK}"


def remove_abandoned(site_dir: Path) -> list[Path]:
    """Remove the scratch roots of builds whose process no longer exists; returns what was removed."""
    prefix, removed = _prefix(site_dir), []
    if not site_dir.parent.is_dir():
        return removed
    for folder in site_dir.parent.glob(prefix + "*"):
        try:
            pid = int(folder.name[len(prefix):].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _alive(pid):
            if (folder / publish.JOURNAL).is_file():  # killed while merging into the site: put it back first
                try:
                    publish.recover(folder / publish.JOURNAL)
                except (OSError, ValueError, KeyError):
                    pass
            removed.append(folder)
            shutil.rmtree(folder, ignore_errors=True)
    return removed


def _alive(pid: int) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process there; ask whether it exists
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if handle:
            ctypes.windll.kernel32.CloseHandle(handle)
        return bool(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: leave its folder alone
    return True


class Scratch:
    """`with Scratch(site_dir) as s:` gives `s.path(name)` folders under one root, removed at exit."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir).resolve()
        self.root: Path | None = None

    def __enter__(self) -> "Scratch":
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f"{_prefix(self.site_dir)}{os.getpid()}-",
                                          dir=self.site_dir.parent))
        remove_abandoned(self.site_dir)
        return self

    def path(self, name: str) -> Path:
        assert self.root is not None, "Scratch used outside its with-block"
        return self.root / name

    def publish(self, built: Path) -> None:
        """Swap a finished site in for the old one: two renames, the old site removed last. (`built` is made
        by MkDocs with the usual permissions; only the scratch root around it is private.)"""
        old = self.path("lama")
        if self.site_dir.exists():
            self.site_dir.rename(old)
        built.rename(self.site_dir)

    def merge(self, built: Path, kept: set[str]) -> None:
        """Move a build that left `kept` files of the old site in place into it (publish.merge)."""
        publish.merge(built, self.site_dir, kept, self.path("lama"))

    def __exit__(self, *exc) -> None:
        if self.root is None:
            return
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None
