"""The catalogue as an Excel workbook (data/katalog.xlsx), and the vocabulary shared with the import.

Same columns as katalog.csv (export.COLUMNS), but for people: labels as headers ("Nama inovasi"), labels
as values where the CSV has codes ("Pelayanan publik"), full dates as dates, numbers as numbers, the
header row frozen, and a second sheet listing every code with its label. `catalogue import` reads it
back (labels or codes), so export → edit in Excel → import is a round trip.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from datetime import date, datetime

from ..entry import schema
from ..entry.model import Catalogue
from . import zipparts

# Column -> header in the workbook (and a header the import recognises).
HEADERS = {
    "id": "Id", "nama": "Nama inovasi", "singkatan": "Singkatan", "wilayah_kode": "Kode wilayah",
    "wilayah": "Wilayah", "perangkat_daerah": "Perangkat daerah", "bidang": "Bidang", "bentuk": "Bentuk inovasi",
    "jenis": "Jenis", "tahapan": "Tahapan", "inisiator": "Inisiator", "urusan": "Urusan pemerintahan",
    "waktu_uji_coba": "Waktu uji coba", "waktu_penerapan": "Waktu penerapan",
    "dilaporkan_kemendagri": "Dilaporkan ke Kemendagri", "status": "Status", "replikasi_dari": "Replikasi dari",
    **{f"{k}_{w}": f"{label} {w}" for k, (label, _) in schema.RESULT_KEYS.items() for w in ("sebelum", "sesudah")},
    "hasil_lainnya": "Hasil lain", "kontak_unit": "Kontak unit", "kontak_email": "Kontak surel",
    "kontak_telepon": "Kontak telepon", "tautan": "Tautan", "penghargaan": "Penghargaan",
    "penghargaan_tingkat_tertinggi": "Tingkat penghargaan tertinggi", "regulasi": "Dasar hukum",
    "tag": "Kata kunci", "kelengkapan": "Kelengkapan", "sumber": "Sumber", "contoh": "Entri contoh",
    "rancang_bangun": "Rancang bangun",
}
# Columns whose codes the workbook shows as labels: column -> code list (Reference.choices name, or
# "bidang", "urusan").
LABELLED = {"bidang": "bidang", "bentuk": "bentuk", "jenis": "jenis", "tahapan": "tahapan",
            "inisiator": "inisiator", "urusan": "urusan", "status": "status",
            "penghargaan_tingkat_tertinggi": "tingkat", "kelengkapan": "kelengkapan"}
DATES = ("waktu_uji_coba", "waktu_penerapan", "dilaporkan_kemendagri")
WIDTHS = {"nama": 45, "perangkat_daerah": 35, "wilayah": 24, "rancang_bangun": 60, "hasil_lainnya": 40,
          "penghargaan": 40, "regulasi": 40, "tautan": 40, "urusan": 30, "bidang": 22}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def code_lists(cat: Catalogue) -> dict[str, dict[str, str]]:
    """Every code list with its labels: name -> {code: label}."""
    ref = cat.reference
    return {name: ref.options(name) for name in ("wilayah", "bidang", *ref.choices, "urusan")}


def _values(record: dict, columns: list[str], lists: dict) -> list:
    """One export row (export.rows) as workbook cells: labels for codes, full dates as dates."""
    out = []
    for name in columns:
        value = record[name]
        if name in DATES and isinstance(value, str) and len(value) == 10:
            value = date.fromisoformat(value)  # a month alone (2022-03) stays text
        elif name in LABELLED and value:
            labels = lists[LABELLED[name]]
            value = "; ".join(labels.get(v, v) for v in value.split("; "))
        out.append(None if value in ("", None) else value)
    return out


# --- rows written here, the rest of the workbook by openpyxl --------------------------------------------
# openpyxl's writer costs ~0.5 ms a row (17 s at 30,000 innovations); a row is written here as the cells its
# write-only mode writes (inline strings), so each innovation's row can be kept in the export cache and the
# workbook assembled from them. Rows and cells carry no `r` reference (optional in the format: Excel,
# LibreOffice, Google Sheets, openpyxl and calamine count them in order, an empty `<c/>` filling a gap), so
# a row's bytes do not depend on its position and an innovation added or removed changes one part of the
# deflated sheet, not every part after it (zipparts.py).
DATE_STYLE = 2  # cellXfs index of "yyyy-mm-dd": 0 is the default, 1 the bold header (checked in workbook())
_EPOCH = date(1899, 12, 30)
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
PART_ROWS = 128  # rows per deflated part of the sheet, on average


def row_xml(record: dict, columns: list[str], lists: dict) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    cells, gap = [], ""
    for value in _values(record, columns, lists):
        if value is None:
            gap += "<c/>"  # written only when a later cell has a value
            continue
        cells.append(gap)
        gap = ""
        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            space = ' xml:space="preserve"' if value != value.strip() else ""
            # Always text, never a formula (openpyxl would make "=..." one).
            cells.append(f'<c t="inlineStr"><is><t{space}>{value.translate(_ESCAPE)}</t></is></c>')
        elif isinstance(value, bool):
            cells.append(f'<c t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, date):
            cells.append(f'<c s="{DATE_STYLE}" t="n"><v>{(value - _EPOCH).days}</v></c>')
        else:
            cells.append(f'<c t="n"><v>{"%.16g" % value}</v></c>')
    return "<row>" + "".join(cells) + "</row>"


def part_bounds(ids: list[str]) -> list[tuple[int, int]]:
    """The rows (start, stop) of each deflated part of the sheet: a part ends after a row whose id hashes to
    0 modulo PART_ROWS, so its bounds depend on the ids around it only, not on its position."""
    bounds, start = [], 0
    for i, ident in enumerate(ids):
        if zlib.crc32(ident.encode("utf-8")) % PART_ROWS == 0:
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(ids):
        bounds.append((start, len(ids)))
    return bounds


def row_parts(rows: list[str], ids: list[str]) -> list[zipparts.Part]:
    return [zipparts.part("".join(rows[a:b]).encode("utf-8")) for a, b in part_bounds(ids)]


def workbook(cat: Catalogue, rows: list[str], columns: list[str], when: date, ids: list[str]) -> bytes:
    """The .xlsx bytes from the rows of row_xml (of the innovations `ids`); the same catalogue and build date
    give the same bytes, with or without the export cache."""
    out = io.BytesIO()
    write_workbook(cat, row_parts(rows, ids), columns, when, out)
    return out.getvalue()


def write_workbook(cat: Catalogue, rows: list[zipparts.Part], columns: list[str], when: date, out) -> None:
    """Write the .xlsx to the binary file `out`, its data rows (after the header row) from the deflated parts
    `rows` (row_parts; at 30,000 innovations they stand for ~200 MB of XML, ~20 MB deflated)."""
    from openpyxl import Workbook  # imported here: only the build's export process needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Inovasi")
    ws.freeze_panes = "C2"  # the header row and the id and name columns stay in view
    for i, name in enumerate(columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = WIDTHS.get(name, 16)
    bold = Font(bold=True)

    def header(text: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = bold
        return cell
    ws.append([header(HEADERS[name]) for name in columns])
    dated = WriteOnlyCell(ws, value=when)
    dated.number_format = "yyyy-mm-dd"
    if dated.style_id != DATE_STYLE:  # registers the date format in the workbook's styles
        raise RuntimeError(f"gaya tanggal buku kerja {dated.style_id}, bukan {DATE_STYLE}")
    lists = code_lists(cat)
    codes = wb.create_sheet("Kode")
    codes.column_dimensions["A"].width, codes.column_dimensions["B"].width = 14, 18
    codes.column_dimensions["C"].width = 60
    codes.append([header("Daftar"), header("Kode"), header("Label")])
    for list_name, items in lists.items():
        for code, label in items.items():
            codes.append([list_name, code, label])
    wb.properties.creator = "Katalog Inovasi Daerah"
    stamp = datetime(when.year, when.month, when.day)
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    _assemble(buf.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"), rows, out)


def _assemble(data: bytes, stamp: str, rows: list[zipparts.Part], out) -> None:
    """openpyxl's archive written anew to `out`: fixed member timestamps (zipfile stamps each member with the
    current time, and openpyxl the workbook's 'modified' property), and the data rows after the first
    sheet's header row."""
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content)
            if info.filename == "xl/worksheets/sheet1.xml":
                head, found, tail = content.partition(b"</row></sheetData>")
                if not found:
                    raise RuntimeError("lembar Inovasi tanpa baris judul")
                parts = [zipparts.part(head + b"</row>"), *rows, zipparts.part(b"</sheetData>" + tail)]
            else:
                parts = [zipparts.part(content)]
            members.append((info.filename, info.external_attr, zipparts.joined(parts)))
    zipparts.write(out, members)
