"""Scratch folders: one root per build, beside the site folder, removed on every exit path.

A build writes the new site, the downloads and the search bundle under one root named
`.<site>.bangun-<pid>-<random>` next to the site folder (the same file system, so publishing is a
rename). The root is removed when the build ends (for a big catalogue by a detached process, so that the
command need not wait for the old site's removal), whether it succeeded, failed or was interrupted; a
build killed outright (SIGKILL, power loss) leaves its root behind, and the next build removes every
root whose process is gone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from . import publish

MARK = ".bangun-"


def _prefix(site_dir: Path) -> str:
    return f".{site_dir.name}{MARK}"


def remove_abandoned(site_dir: Path, into: Path | None = None) -> list[Path]:
    """Remove the scratch roots of builds whose process no longer exists (or move them into `into`, to go
    with it); returns what was removed."""
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
            if into is not None:
                try:
                    os.rename(folder, into / f"lama-{folder.name}")
                    continue
                except OSError:
                    pass
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

    def __init__(self, site_dir: Path, background: bool = False):
        self.site_dir = Path(site_dir).resolve()
        self.root: Path | None = None
        self.background = background  # remove the root (with the old site) in a detached process

    def __enter__(self) -> "Scratch":
        self.site_dir.parent.mkdir(parents=True, exist_ok=True)
        self.root = Path(tempfile.mkdtemp(prefix=f"{_prefix(self.site_dir)}{os.getpid()}-",
                                          dir=self.site_dir.parent))
        # A killed build's root (a whole site, for a big catalogue) goes with this one's, in the background.
        remove_abandoned(self.site_dir, into=self.root if self.background else None)
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
        if self.background:
            # A national site is ~60,000 files; removing the old one takes seconds that nobody waits for. A
            # removal cut short is finished by the next build (remove_abandoned: this process is gone then).
            try:
                subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)",
                                  str(self.root)], start_new_session=True, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                self.root = None
                return
            except OSError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None
