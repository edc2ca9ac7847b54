"""When each entry was added: one `git log` for the whole folder, never a call per entry."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

from ..entry.model import Catalogue


def first_added(root: Path, folder: Path) -> dict[str, date]:
    """Path (relative to the repository root, POSIX) -> date of the commit that added it."""
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=root, capture_output=True,
                             text=True, timeout=30)
        if top.returncode != 0:
            return {}
        out = subprocess.run(["git", "log", "--diff-filter=A", "--format=%x00%ct", "--name-only", "--",
                              str(folder)], cwd=top.stdout.strip(), capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return {}
    if out.returncode != 0:
        return {}
    toplevel = Path(top.stdout.strip())
    found: dict[str, date] = {}
    stamp = None
    for line in out.stdout.splitlines():
        if line.startswith("\x00"):
            stamp = datetime.fromtimestamp(int(line[1:]), tz=timezone.utc).date()
        elif line.strip() and stamp:
            # newest first: the last time a path shows up is when it was first added
            found[(toplevel / line).resolve().relative_to(root.resolve()).as_posix()
                  if (toplevel / line).resolve().is_relative_to(root.resolve()) else line] = stamp
    return found


def added_dates(cat: Catalogue, root: Path, folder: Path) -> dict[str, date]:
    """Entry id -> date added: from git where the file is committed, else its own latest date (stable)."""
    from_git = first_added(root, folder)
    out = {}
    for e in cat.entries:
        if e.source in from_git:
            out[e.id] = from_git[e.source]
        else:
            t = e.latest or e.start
            out[e.id] = date(t.year, t.month, t.day or 1) if t else date(2000, 1, 1)
    return out
