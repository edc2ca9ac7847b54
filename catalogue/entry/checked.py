"""What checking one entry file found: the record validation returns and the validation cache stores."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .load import SourceFile
from .model import Entry
from .problems import Problem


@dataclass
class Checked:
    source: SourceFile
    entry: Entry | None = None
    problems: list[Problem] = field(default_factory=list)
    entry_links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, as written, entry id)
    probes: list[tuple[str, int]] = field(default_factory=list)  # files looked at, with their sizes (see probe)


def probe(path: Path) -> tuple[str, int]:
    """A file an entry looked at (an image, a linked entry) and its size, -1 when absent: the validation
    cache reuses the entry's result only while every probe is unchanged."""
    try:
        return (str(path), path.stat().st_size)
    except OSError:
        return (str(path), -1)
