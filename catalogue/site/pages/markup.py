"""Small text helpers for generated Markdown: escaping, Indonesian numbers, tables.

Every value that comes from an entry and goes into Markdown passes through `esc()`; values shown by
templates are escaped by Jinja's autoescape instead.
"""

from __future__ import annotations

import html
import re

from ...bahasa import number, size  # noqa: F401  (re-exported for the pages)

_MD_INLINE = re.compile(r"([\\`*_{}\[\]()!|~])")
_MD_START = re.compile(r"^([#+\-.>=]|\d+[.)])")


def esc(text: str) -> str:
    """Plain text for a Markdown line: no HTML, no Markdown syntax."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_START.sub(lambda m: "\\" + m.group(0), text)


def with_unit(x: float, unit: str) -> str:
    return f"Rp {number(x)}" if unit == "rupiah" else f"{number(x)} {unit}"


def table(header: list[str], rows: list[list], align: str = "") -> str:
    """A Markdown table; `align` has one letter per column, "r" for right-aligned."""
    align = align or "-" * len(header)
    sep = ["---:" if a == "r" else "---" for a in align.ljust(len(header), "-")]
    return "\n".join(["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
                     + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])

