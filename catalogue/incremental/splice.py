"""A download rebuilt from its old file: the byte ranges of rows it still has are copied (inside the kernel,
one copy_file_range per run of rows), only new rows are written (exportcache.py, issue 16)."""

from __future__ import annotations

import os
from pathlib import Path


def _copy(src: int, dst, offset: int, count: int) -> None:
    """count bytes of the file src from offset to the end of the open binary file dst."""
    dst.flush()
    fd = dst.fileno()
    try:
        while count:
            done = os.copy_file_range(src, fd, count, offset)
            if not done:
                raise OSError("copy_file_range: berkas lama lebih pendek")
            offset, count = offset + done, count - done
    except (AttributeError, OSError):  # no copy_file_range here (macOS), or not across these file systems
        while count:
            chunk = os.pread(src, min(count, 1 << 20), offset)
            if not chunk:
                raise OSError("berkas lama lebih pendek") from None
            os.write(fd, chunk)
            offset, count = offset + len(chunk), count - len(chunk)


class Spliced:
    """One CSV download rebuilt from its old file: the same head, then its rows."""

    def __init__(self, head: bytes, old_rows: list[tuple[str, int]]):
        self.head = head
        self.at: dict[str, tuple[int, int, int]] = {}  # key -> (index, start, length) in the old file
        offset = len(head)
        for i, (key, length) in enumerate(old_rows):
            self.at[key] = (i, offset, length)
            offset += length
        self.old_size = offset

    def write(self, old: Path, out: Path, keys: list[str], fresh: dict[str, bytes]) -> int:
        """Write `out` (through a temporary name: `old` may be the same file) from `old` and the rows `fresh`;
        returns its size."""
        tmp = out.with_name(out.name + ".baru")
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(old, "rb") as src, open(tmp, "wb") as dst:
            if os.fstat(src.fileno()).st_size != self.old_size:
                raise OSError(f"{old}: ukuran tidak sesuai catatan")
            dst.write(self.head)
            run = None  # (start, end) in the old file of the rows being copied
            for key in keys:
                found = self.at.get(key)
                if found is not None and run is not None and found[0] == run[2] + 1:
                    run = (run[0], found[1] + found[2], found[0])  # the next old row: the run grows
                    continue
                if run is not None:
                    _copy(src.fileno(), dst, run[0], run[1] - run[0])
                    run = None
                if found is not None:
                    run = (found[1], found[1] + found[2], found[0])
                else:
                    dst.write(fresh[key])
            if run is not None:
                _copy(src.fileno(), dst, run[0], run[1] - run[0])
        os.replace(tmp, out)
        return out.stat().st_size
