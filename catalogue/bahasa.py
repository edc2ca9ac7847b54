"""Indonesian numbers and dates, from Babel's locale data (installed with Material), in one place."""

from __future__ import annotations

from babel.dates import get_month_names
from babel.numbers import get_decimal_symbol, get_group_symbol

MONTHS = tuple(get_month_names("wide", locale="id")[m] for m in range(1, 13))  # Januari … Desember
# Babel's format_decimal takes ~0.1 ms a call (tens of thousands of calls at national scale), so numbers
# are formatted by Python with the locale's symbols swapped in: 1,250,000.5 -> 1.250.000,5.
_SYMBOLS = str.maketrans({",": get_group_symbol(locale="id"), ".": get_decimal_symbol(locale="id")})


def number(x: float, decimals: int = 2) -> str:
    """1.250.000, 2,5 (at most `decimals` decimals, none when whole)."""
    if isinstance(x, int):  # exact, and no float overflow for a huge count
        return f"{x:,}".translate(_SYMBOLS)
    text = f"{x:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.translate(_SYMBOLS)


def size(n: int) -> str:
    """A file size as Indonesians write it: 12,5 KB, 3,1 MB."""
    value, unit = (n / 1024, "KB") if n < 1048576 else (n / 1048576, "MB")
    return f"{value:,.1f} {unit}".translate(_SYMBOLS)
