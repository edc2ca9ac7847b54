"""Small text helpers for generated Markdown: escaping, Indonesian numbers, tables.

Every value that comes from an entry and goes into Markdown passes through `esc()`; values shown by
templates are escaped by Jinja's autoescape instead.
"""

from __future__ import annotations

import html
import re

from babel.numbers import format_decimal

_MD_INLINE = re.compile(r"([\\`*_{}\[\]()!|~])")
_MD_START = re.compile(r"^([#+\-.>=]|\d+[.)])")


def esc(text: str) -> str:
    """Plain text for a Markdown line: no HTML, no Markdown syntax."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_START.sub(lambda m: "\\" + m.group(0), text)


def number(x: float) -> str:
    """Indonesian number format: 1.250.000 and 2,5."""
    return format_decimal(x, format="#,##0.##", locale="id")


def with_unit(x: float, unit: str) -> str:
    return f"Rp {number(x)}" if unit == "rupiah" else f"{number(x)} {unit}"


def size(n: int) -> str:
    """A file size as Indonesians write it: 12,5 KB, 3,1 MB."""
    value, unit = (n / 1024, "KB") if n < 1048576 else (n / 1048576, "MB")
    return f"{format_decimal(value, format='#,##0.0', locale='id')} {unit}"


def table(header: list[str], rows: list[list], align: str = "") -> str:
    """A Markdown table; `align` has one letter per column, "r" for right-aligned."""
    align = align or "-" * len(header)
    sep = ["---:" if a == "r" else "---" for a in align.ljust(len(header), "-")]
    return "\n".join(["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
                     + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])

