"""Indonesian numbers and dates, from Babel's locale data (installed with Material), in one place."""

from __future__ import annotations

import re
from datetime import date

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


# Month words as clerks write them: Indonesian names and their first three letters, and common variants.
MONTH_WORDS = ({m.lower(): i for i, m in enumerate(MONTHS, 1)} | {m.lower()[:3]: i for i, m in enumerate(MONTHS, 1)}
               | {"agt": 8, "ags": 8, "peb": 2, "aug": 8, "oct": 10, "dec": 12, "may": 5})


def read_number(text: str) -> int | float | None:
    """A number as people write it -> the number, or None: 1500000, "Rp 1.500.000", "1.500.000", "2,5",
    "150 000"."""
    s = re.sub(r"[\s\u00a0]", "", re.sub(r"^\s*rp\.?", "", text, flags=re.I))
    if re.fullmatch(r"\d{1,3}(\.\d{3})+(,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+,\d+", s):
        s = s.replace(",", ".")
    if re.fullmatch(r"\d+", s):
        return int(s)
    return float(s) if re.fullmatch(r"\d+\.\d+", s) else None


def read_date(text: str) -> date | str | None:
    """A date as people write it -> a date, "TAHUN-BULAN" for a month, or None: 2022-05-17, 17/05/2022,
    17-05-2022, 17.05.2022, 2022/05/17, 05/2022, "17 Mei 2022", "Mei 2022"."""
    s = " ".join(text.split())

    def make(y, m, d=None):
        try:
            day = date(int(y), int(m), int(d or 1))
        except ValueError:
            return None
        return day if d else f"{int(y):04d}-{int(m):02d}"
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?", s):
        return make(m[1], m[2], m[3])
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", s):
        return make(m[3], m[2], m[1])
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", s):
        return make(m[2], m[1])
    if (m := re.fullmatch(r"(?:(\d{1,2}) )?([A-Za-z]+)\.? (\d{4})", s)) and (
            month := MONTH_WORDS.get(m[2].lower(), MONTH_WORDS.get(m[2].lower()[:3]))):
        return make(m[3], month, m[1])
    return None
