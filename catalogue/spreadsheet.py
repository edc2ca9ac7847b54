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
from datetime import date, datetime

from . import schema
from .model import Catalogue

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


def workbook(cat: Catalogue, records: list[dict], columns: list[str], when: date) -> bytes:
    """The .xlsx bytes; the same catalogue and build date give the same bytes."""
    from openpyxl import Workbook  # imported here: only the build's export process needs it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
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
    lists = code_lists(cat)
    for record in records:
        row = _values(record, columns, lists)
        for i, value in enumerate(row):  # plain values, except where a cell needs a format (~3x faster)
            if isinstance(value, str):
                if ILLEGAL_CHARACTERS_RE.search(value):  # control characters cannot be stored in a workbook
                    row[i] = ILLEGAL_CHARACTERS_RE.sub("", value)
            elif isinstance(value, date):
                row[i] = cell = WriteOnlyCell(ws, value=value)
                cell.number_format = "yyyy-mm-dd"
        ws.append(row)
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
    return _fixed_zip(buf.getvalue(), stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))


def _fixed_zip(data: bytes, stamp: str) -> bytes:
    """The same archive with fixed member timestamps (zipfile stamps each member with the current time, and
    openpyxl the workbook's 'modified' property)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), content)
            dst.writestr(fixed, content)
    return out.getvalue()
