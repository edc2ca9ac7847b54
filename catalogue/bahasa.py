"""Indonesian numbers and dates, from Babel's locale data (installed with Material), in one place."""

from __future__ import annotations

from babel.dates import get_month_names
from babel.numbers import format_decimal

MONTHS = tuple(get_month_names("wide", locale="id")[m] for m in range(1, 13))  # Januari … Desember


def number(x: float, decimals: int = 2) -> str:
    """1.250.000, 2,5 (at most `decimals` decimals, none when whole)."""
    return format_decimal(x, format="#,##0." + "#" * decimals if decimals else "#,##0", locale="id")


def size(n: int) -> str:
    """A file size as Indonesians write it: 12,5 KB, 3,1 MB."""
    value, unit = (n / 1024, "KB") if n < 1048576 else (n / 1048576, "MB")
    return f"{format_decimal(value, format='#,##0.0', locale='id')} {unit}"
