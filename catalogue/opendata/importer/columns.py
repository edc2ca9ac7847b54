"""Which column is which, and what a cell means: headers recognised in any order and case (the catalogue's
own export columns, the workbook's labels, the national report's items); values as people type them
(labels or codes, "Rp 1.500.000", 17/05/2022, Excel date serials)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from ...bahasa import read_date, read_number
from ...entry import schema
from ..spreadsheet import HEADERS

# Body sections from their own columns (the national report's items).
SECTION_COLUMNS = {"isi_" + s.title.lower().replace(" ", "_"): s.title for s in schema.SECTIONS}


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(text).lower()).split())


_ALIASES: dict[str, list[str]] = {
    "nama": ["nama inovasi", "nama inovasi daerah", "judul inovasi"],
    "singkatan": ["akronim", "singkatan inovasi"],
    "wilayah": ["pemerintah daerah", "pemda", "kabupaten kota", "kabupaten", "daerah", "nama wilayah"],
    "wilayah_kode": ["kode wilayah kemendagri", "kode pemda", "kode daerah"],
    "perangkat_daerah": ["skpd", "opd", "unit kerja", "perangkat daerah pengusul", "nama perangkat daerah"],
    "bidang": ["bidang inovasi"],
    "bentuk": ["bentuk inovasi daerah"],
    "jenis": ["jenis inovasi"],
    "tahapan": ["tahapan inovasi"],
    "inisiator": ["inisiator inovasi"],
    "urusan": ["urusan pemerintahan yang terkait", "urusan"],
    "waktu_uji_coba": ["waktu uji coba inovasi daerah", "tanggal uji coba"],
    "waktu_penerapan": ["waktu penerapan inovasi daerah", "tanggal penerapan"],
    "dilaporkan_kemendagri": ["dilaporkan kemendagri", "tanggal dilaporkan"],
    "isi_latar_belakang": ["latar belakang", "rancang bangun dan pokok perubahan", "rancang bangun dan pokok perubahan "
                           "yang dilakukan"],
    "isi_tujuan": ["tujuan", "tujuan inovasi", "tujuan inovasi daerah"],
    "isi_manfaat": ["manfaat", "manfaat yang diperoleh", "manfaat inovasi"],
    "isi_hasil": ["hasil", "hasil inovasi"],
    "regulasi": ["regulasi", "dasar hukum", "regulasi inovasi daerah"],
    "tag": ["kata kunci", "tag"],
}
KNOWN: dict[str, str] = {}
for _col in HEADERS:  # the export's own column names and the workbook's labels
    KNOWN[_norm(_col.replace("_", " "))] = _col
    KNOWN[_norm(HEADERS[_col])] = _col
for _col, _names in _ALIASES.items():
    for _name in _names:
        KNOWN.setdefault(_norm(_name), _col)


def column_for(header: object) -> str | None:
    return KNOWN.get(_norm(header)) if header is not None else None


# --- values ---------------------------------------------------------------------------------------
def text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (datetime, date)):
        v = v.date().isoformat() if isinstance(v, datetime) else v.isoformat()
    s = " ".join(str(v).split())
    if len(s) > 1 and s[0] in "“‘„«\"'" and s[-1] in "”’“»\"'":  # a value a word processor put in quotes
        s = s[1:-1].strip()
    return s


def number(v: object) -> int | float | None:
    """A number cell: a spreadsheet number, or text as people write it (bahasa.read_number)."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return int(v) if isinstance(v, float) and v.is_integer() and abs(v) < 1e15 else v
    return read_number(str(v))


def when(v: object) -> date | str | None:
    """A date cell: a date, "TAHUN-BULAN" text for a month, or None when unreadable: Excel dates and date
    serials, and text as people write it (bahasa.read_date)."""
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return date(1899, 12, 30) + timedelta(days=int(v)) if 20000 <= v <= 80000 else None  # 1954–2119
    return read_date(str(v))


def choice(v: object, options: dict[str, str]) -> str | None:
    """A code, or its label, in any case and with spaces, hyphens or underscores: -> the code."""
    raw = text(v)
    if raw in options:
        return raw
    key = _norm(raw)
    for code, label in options.items():
        if key in (_norm(code), _norm(label)):
            return code
    return None


def items(v: object) -> list[str]:
    """A list cell: values separated by semicolons, commas or line breaks."""
    return [p.strip() for p in re.split(r"[;,\n]", str(v)) if p.strip()]


def boolean(v: object) -> bool | None:
    if isinstance(v, bool):
        return v
    return {"true": True, "ya": True, "y": True, "1": True, "benar": True,
            "false": False, "tidak": False, "t": False, "0": False, "salah": False}.get(_norm(text(v)))


def region_name(v: object) -> str:
    """'Kab. Banjar', 'Pemerintah Kabupaten Banjar', 'Pemkot Banjarmasin' -> a name region_for knows."""
    s = _norm(text(v))
    s = re.sub(r"^(pemerintah |pemkab |pemkot |pemprov )", "", s)
    return re.sub(r"^(kab |kabupaten |kota |provinsi |prov )", "", s)
