"""Reading a spreadsheet (.xlsx or .csv) as tables of cells: find the header row, keep every value with its
cell reference. Real sheets have titles above the header, merged cells, empty rows and sheets of notes."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .columns import column_for

HEADER_SEARCH = 30  # rows to look through for the header (titles, logos and notes come first)


class SheetError(Exception):
    """The file cannot be read as a spreadsheet (message in Indonesian)."""


@dataclass
class Table:
    name: str  # the sheet's name ("" for a CSV)
    header_row: int
    columns: dict[int, str] = field(default_factory=dict)  # column number (1-based) -> column key
    headers: dict[int, str] = field(default_factory=dict)  # column number -> the header as written
    rows: list[tuple[int, dict[int, object]]] = field(default_factory=list)  # (row number, {column: value})
    unknown: list[str] = field(default_factory=list)  # headers not recognised (reported once, not per row)


def letter(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _blank(v: object) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def _table(name: str, grid: list[list[object]]) -> Table | None:
    """The table in a grid of values: its header is the first row where at least two cells are known
    column headers, one of them the innovation's name."""
    for r, row in enumerate(grid[:HEADER_SEARCH], 1):
        keys = {c: column_for(v) for c, v in enumerate(row, 1) if isinstance(v, str) and v.strip()}
        known = {c: k for c, k in keys.items() if k}
        if len(known) >= 2 and "nama" in known.values():
            table = Table(name, r, known, {c: str(row[c - 1]).strip() for c in known})
            table.unknown = [str(row[c - 1]).strip() for c, k in keys.items() if not k]
            for n, values in enumerate(grid[r:], r + 1):
                cells = {c: values[c - 1] for c in known if c <= len(values) and not _blank(values[c - 1])}
                if cells:
                    table.rows.append((n, cells))
            return table
    return None


def read(path: Path) -> list[Table]:
    """Every table of innovations in the file; a sheet without one (notes, code lists) is skipped."""
    # The catalogue's own download is katalog.csv.gz (export.GZ): read as the CSV it holds.
    packed = path.suffix.lower() == ".gz"
    suffix = Path(path.stem).suffix.lower() if packed else path.suffix.lower()
    try:
        if suffix == ".csv":
            raw = gzip.decompress(path.read_bytes()) if packed else path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")  # Excel's "CSV" on Windows
            # Excel writes ";" where the decimal mark is a comma (Indonesian settings): the most frequent of
            # the three in the first lines decides.
            head = text[:2000]
            delimiter = max(",;\t", key=head.count)
            grid = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
            tables = [_table("", grid)]
        elif suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook
            wb = load_workbook(path, data_only=True)  # values, not formulas
            tables = [_table(ws.title, [list(r) for r in ws.iter_rows(values_only=True)]) for ws in wb.worksheets]
        else:
            raise SheetError(f"{path.name}: jenis berkas tidak dikenal. Simpan daftar sebagai .xlsx (Excel) atau .csv.")
    except SheetError:
        raise
    except (OSError, EOFError, zlib.error) as exc:
        if packed and path.is_file():  # a damaged or cut-off download
            raise SheetError(f"{path.name} rusak atau terpotong ({type(exc).__name__}). Unduh lagi berkasnya dari "
                             "halaman Data terbuka katalog.") from None
        raise SheetError(f"{path.name} tidak dapat dibaca sebagai lembar kerja ({type(exc).__name__}). "
                         "Buka di Excel lalu simpan lagi sebagai .xlsx.") from None
    except (csv.Error, ValueError, KeyError, zipfile.BadZipFile) as exc:  # a damaged or non-Excel file
        raise SheetError(f"{path.name} tidak dapat dibaca sebagai lembar kerja ({type(exc).__name__}). "
                         "Buka di Excel lalu simpan lagi sebagai .xlsx.") from None
    found = [t for t in tables if t is not None]
    if not found:
        raise SheetError(f"{path.name}: tidak ada baris judul kolom yang dikenal. Baris judul harus memuat "
                         "paling sedikit kolom 'Nama inovasi' dan satu kolom lain, misalnya 'Perangkat daerah'.")
    return found
