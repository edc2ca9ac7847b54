"""Open data: the catalogue as CSV, JSON, an Atom feed and the Kemendagri report layout, with the code
lists and the Frictionless data package of datapackage.py. Pure functions from the model to bytes;
site/downloads.py writes them.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from typing import NamedTuple
from xml.sax.saxutils import escape, quoteattr

from ..bahasa import number
from ..entry import schema
from ..entry.model import AWARD_LEVELS, Award, Catalogue, Entry, Regulation, Source, plain, sections
from . import datapackage, spreadsheet, zipparts
from .datapackage import Licence

# Cells a spreadsheet would treat as a formula are prefixed with an apostrophe.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _join(values) -> str:
    return "; ".join(values)


def award_text(a: Award) -> str:
    """2023 Kalsel Innovation Award (provinsi, Juara 1)"""
    return f"{a.tahun} {a.nama} ({a.tingkat}{', ' + a.peringkat if a.peringkat else ''})"


def source_text(s: Source) -> str:
    """Berita peluncuran <https://contoh.go.id/berita> (diakses 2024-05-17)"""
    return f"{s.judul} <{s.url}>" + (f" (diakses {s.diakses.iso})" if s.diakses else "")


def regulation_text(r: Regulation) -> str:
    """Peraturan Bupati Nomor 12 Tahun 2022 tentang Layanan Antar Obat"""
    return " ".join(filter(None, [r.jenis, f"Nomor {r.nomor}" if r.nomor else "", f"Tahun {r.tahun}",
                                  f"tentang {r.judul}" if r.judul else ""]))


# (column, type, Indonesian description, getter) — one list drives the CSV, the JSON keys and the
# data package schema, so they cannot disagree.
def _measure(key: str, when: str):
    def get(e: Entry, cat: Catalogue):
        m = dict(e.hasil).get(key)
        return getattr(m, when) if m else None
    return get


COLUMNS: list[tuple[str, str, str, object]] = [
    ("id", "string", "Id inovasi (nama berkas)", lambda e, c: e.id),
    ("nama", "string", "Nama inovasi", lambda e, c: e.nama),
    ("singkatan", "string", "Singkatan atau akronim", lambda e, c: e.singkatan or ""),
    ("wilayah_kode", "string", "Kode wilayah Kemendagri", lambda e, c: e.region_code),
    ("wilayah", "string", "Nama wilayah", lambda e, c: c.region(e).name),
    ("perangkat_daerah", "string", "Perangkat daerah", lambda e, c: e.perangkat_daerah),
    ("bidang", "string", "Bidang (yang pertama utama), dipisah titik koma", lambda e, c: _join(e.bidang)),
    ("bentuk", "string", "Bentuk inovasi (kosong di ringkasan bila sumber tidak menyebutnya)",
     lambda e, c: e.bentuk or ""),
    ("jenis", "string", "Jenis (digital/non_digital)", lambda e, c: e.jenis or ""),
    ("tahapan", "string", "Tahapan", lambda e, c: e.tahapan or ""),
    ("inisiator", "string", "Inisiator", lambda e, c: e.inisiator or ""),
    ("urusan", "string", "Urusan pemerintahan, dipisah titik koma", lambda e, c: _join(e.urusan)),
    ("waktu_uji_coba", "string", "Waktu uji coba (TAHUN-BULAN[-TANGGAL])",
     lambda e, c: e.waktu_uji_coba.iso if e.waktu_uji_coba else ""),
    ("waktu_penerapan", "string", "Waktu penerapan", lambda e, c: e.waktu_penerapan.iso if e.waktu_penerapan else ""),
    ("dilaporkan_kemendagri", "string", "Tanggal dilaporkan ke Kemendagri (kosong: belum, atau tidak diketahui pada ringkasan)",
     lambda e, c: e.dilaporkan_kemendagri.iso if e.dilaporkan_kemendagri else ""),
    ("status", "string", "Status", lambda e, c: e.status),
    ("replikasi_dari", "string", "Id inovasi acuan yang direplikasi", lambda e, c: e.replikasi_dari or ""),
    *[(f"{key}_{when}", "number", f"{label} {when}", _measure(key, when))
      for key, (label, _) in schema.RESULT_KEYS.items() for when in ("sebelum", "sesudah")],
    ("hasil_lainnya", "string", "Hasil lain: indikator (satuan): sebelum → sesudah, dipisah titik koma",
     lambda e, c: _join(f"{i.indikator} ({i.satuan}): {i.sebelum} → {i.sesudah}" for i in e.hasil_lainnya)),
    ("kontak_unit", "string", "Unit kontak", lambda e, c: dict(e.kontak).get("unit", "")),
    ("kontak_email", "string", "Surel kontak", lambda e, c: dict(e.kontak).get("email", "")),
    ("kontak_telepon", "string", "Telepon kontak", lambda e, c: dict(e.kontak).get("telepon", "")),
    ("tautan", "string", "Tautan: judul <url>, dipisah titik koma", lambda e, c: _join(f"{t.judul} <{t.url}>" for t in e.tautan)),
    ("penghargaan", "string", "Penghargaan: tahun nama (tingkat, peringkat), dipisah titik koma",
     lambda e, c: _join(award_text(a) for a in e.penghargaan)),
    ("penghargaan_tingkat_tertinggi", "string", "Tingkat penghargaan tertinggi (kosong: belum ada)",
     lambda e, c: max(e.penghargaan, key=lambda a: AWARD_LEVELS[a.tingkat]).tingkat if e.penghargaan else ""),
    ("regulasi", "string", "Dasar hukum: jenis nomor tahun tentang judul, dipisah titik koma",
     lambda e, c: _join(regulation_text(r) for r in e.regulasi)),
    ("tag", "string", "Kata kunci, dipisah titik koma", lambda e, c: _join(e.tag)),
    ("kelengkapan", "string", "lengkap, atau ringkasan (ringkasan dari sumber publik)", lambda e, c: e.kelengkapan),
    ("sumber", "string", "Sumber: judul <url> (diakses TAHUN-BULAN-TANGGAL), dipisah titik koma",
     lambda e, c: _join(source_text(s) for s in e.sumber)),
    ("contoh", "boolean", "Entri contoh (ilustratif, bukan program nyata)", lambda e, c: e.contoh),
    ("rancang_bangun", "string", "Isi berkas (Markdown)", lambda e, c: e.body.strip()),
]


def rows(cat: Catalogue, entries: list[Entry] | None = None) -> list[dict]:
    return [{name: get(e, cat) for name, _, _, get in COLUMNS} for e in (cat.entries if entries is None else entries)]


def csv_lines(records: list[dict], columns: list[str]) -> tuple[str, list[str]]:
    """The header line and one CSV line per record (RFC 4180 quoting), serialised once for reuse."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    header = buf.getvalue()
    lines = []
    for r in records:
        buf.seek(0)
        buf.truncate()
        writer.writerow(["" if r[c] is None else ("true" if r[c] is True else "false" if r[c] is False
                                                   else safe_cell(r[c])) for c in columns])
        lines.append(buf.getvalue())
    return header, lines


CSV_BOM = "\ufeff"  # so that Excel shows Indonesian text correctly


def csv_header(columns: list[str]) -> str:
    return csv_lines([], columns)[0]


def csv_bytes(header: str, lines) -> bytes:
    """UTF-8 with a byte-order mark."""
    return (CSV_BOM + header + "".join(lines)).encode("utf-8")


def json_record(e: Entry, cat: Catalogue, added: dict[str, date], base_url: str = "") -> dict:
    """One innovation of katalog.json: the full model, nested, for programs (field names as in the files)."""
    region = cat.region(e)
    return {
        "id": e.id, "nama": e.nama, "singkatan": e.singkatan, "wilayah": {"kode": region.code, "nama": region.name},
        "perangkat_daerah": e.perangkat_daerah, "bidang": list(e.bidang), "bentuk": e.bentuk, "jenis": e.jenis,
        "tahapan": e.tahapan, "inisiator": e.inisiator, "urusan": list(e.urusan),
        "waktu_uji_coba": e.waktu_uji_coba.iso if e.waktu_uji_coba else None,
        "waktu_penerapan": e.waktu_penerapan.iso if e.waktu_penerapan else None,
        "dilaporkan_kemendagri": e.dilaporkan_kemendagri.iso if e.dilaporkan_kemendagri else None,
        "hasil": {k: {"sebelum": m.sebelum, "sesudah": m.sesudah} for k, m in e.hasil}
                 | ({"lainnya": [vars(i) for i in e.hasil_lainnya]} if e.hasil_lainnya else {}),
        "replikasi_dari": e.replikasi_dari, "status": e.status, "kontak": dict(e.kontak),
        "tautan": [vars(t) for t in e.tautan], "penghargaan": [vars(a) for a in e.penghargaan],
        "regulasi": [vars(r) for r in e.regulasi], "tag": list(e.tag), "contoh": e.contoh,
        "kelengkapan": e.kelengkapan,
        "sumber": [{"judul": s.judul, "url": s.url, "diakses": s.diakses.iso if s.diakses else None}
                   for s in e.sumber],
        "ringkasan": e.summary, "rancang_bangun": e.body.strip(),
        "url": f"{base_url}inovasi/{e.id}/", "berkas": e.source,
        "ditambahkan": added[e.id].isoformat() if e.id in added else None,
    }


# katalog.json has one innovation per line: readable, and each line goes through json's C encoder (indent=
# would switch the whole document to the pure-Python one, ~5x slower at 30,000 innovations).
JSON_OPEN, JSON_SEP = '{"inovasi": [\n', ",\n"


def json_close(count: int) -> str:
    return ("\n" if count else "") + "]}\n"


KEMENDAGRI = [  # the national report's items, in its order (see the reference notes)
    ("nama_inovasi", "Nama Inovasi"), ("pemerintah_daerah", "Pemerintah Daerah"),
    ("perangkat_daerah", "Perangkat Daerah"), ("tahapan_inovasi", "Tahapan Inovasi"),
    ("inisiator_inovasi", "Inisiator Inovasi"), ("jenis_inovasi", "Jenis Inovasi"),
    ("bentuk_inovasi", "Bentuk Inovasi Daerah"), ("urusan_pemerintahan", "Urusan Pemerintahan"),
    ("waktu_uji_coba", "Waktu Uji Coba Inovasi Daerah"), ("waktu_penerapan", "Waktu Penerapan Inovasi Daerah"),
    ("rancang_bangun", "Rancang Bangun dan Pokok Perubahan"), ("tujuan", "Tujuan Inovasi Daerah"),
    ("manfaat", "Manfaat yang Diperoleh"), ("hasil", "Hasil Inovasi"),
    ("dasar_hukum", "Dasar Hukum"),  # evidence the report asks for with the results (bukti dukung)
]


def kemendagri_rows(cat: Catalogue, entries: list[Entry] | None = None) -> list[dict]:
    ref = cat.reference
    out = []
    for e in cat.entries if entries is None else entries:
        parts = sections(e.body)
        measured = "; ".join(
            f"{schema.RESULT_KEYS[k][0]}: {number(m.sebelum)} → {number(m.sesudah)} {schema.RESULT_KEYS[k][1]}"
            for k, m in e.hasil)
        out.append({
            "Nama Inovasi": e.nama, "Pemerintah Daerah": cat.region(e).name, "Perangkat Daerah": e.perangkat_daerah,
            "Tahapan Inovasi": ref.choices["tahapan"][e.tahapan] if e.tahapan else "",
            "Inisiator Inovasi": ref.choices["inisiator"][e.inisiator] if e.inisiator else "",
            "Jenis Inovasi": ref.choices["jenis"][e.jenis] if e.jenis else "",
            "Bentuk Inovasi Daerah": ref.choices["bentuk"][e.bentuk] if e.bentuk else "",
            "Urusan Pemerintahan": _join(ref.urusan[u] for u in e.urusan),
            "Waktu Uji Coba Inovasi Daerah": e.waktu_uji_coba.label if e.waktu_uji_coba else "",
            "Waktu Penerapan Inovasi Daerah": e.waktu_penerapan.label if e.waktu_penerapan else "",
            "Rancang Bangun dan Pokok Perubahan": plain(parts.get("latar belakang", "")),
            "Tujuan Inovasi Daerah": plain(parts.get("tujuan", "")),
            "Manfaat yang Diperoleh": plain(parts.get("manfaat", "")),
            "Hasil Inovasi": " ".join(filter(None, [plain(parts.get("hasil", "")), measured])),
            "Dasar Hukum": _join(regulation_text(r) for r in e.regulasi),
        })
    return out


def _rfc3339(d: date) -> str:
    return datetime(d.year, d.month, d.day, tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")


def atom(cat: Catalogue, added: dict[str, date], site_name: str, base_url: str, limit: int = 50,
         licence: Licence | None = None) -> bytes:
    """Newest additions first; `added` comes from git history, else the entry's own dates (stable). Links
    are absolute when the site's URL (`base_url`, ending in "/") is known, else relative to the feed."""
    licence = licence or Licence()
    items = sorted(cat.entries, key=lambda e: (added[e.id], e.id), reverse=True)[:limit]
    updated = max((added[e.id] for e in items), default=date(2000, 1, 1))
    feed_id = f"{base_url}data/terbaru.atom" if base_url else "tag:katalog-inovasi-daerah,2024:terbaru"
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id"{" xml:base=" + quoteattr(base_url) if base_url else ""}>',
           f"<title>{escape(site_name)}: inovasi terbaru</title>",
           f"<id>{escape(feed_id)}</id>",
           f"<updated>{_rfc3339(updated)}</updated>",
           "<author><name>Katalog Inovasi Daerah</name></author>",
           f"<rights>{escape(f'Data: {licence.judul} ({licence.nama}), {licence.url}')}</rights>",
           f'<link rel="license" href="{escape(licence.url)}"/>',  # RFC 4946
           f'<link rel="self" type="application/atom+xml" href="{escape(base_url)}data/terbaru.atom"/>' if base_url else "",
           f'<link rel="alternate" href="{escape(base_url) or "../"}"/>']
    for e in items:
        entry_id = f"{base_url}inovasi/{e.id}/" if base_url else f"tag:katalog-inovasi-daerah,2024:inovasi/{e.id}"
        label = " (contoh)" if e.contoh else ""
        out += ["<entry>",
                f"<title>{escape(e.title + label)}</title>",
                f"<id>{escape(entry_id)}</id>",
                f'<link rel="alternate" href="{escape(base_url or "../")}inovasi/{escape(e.id)}/"/>',
                f"<updated>{_rfc3339(added[e.id])}</updated>",
                f"<summary>{escape(cat.region(e).name + ' · ' + e.perangkat_daerah + '. ' + e.summary)}</summary>",
                "</entry>"]
    out.append("</feed>")
    return ("\n".join(line for line in out if line) + "\n").encode("utf-8")


IDS = "data/id.json"  # every innovation's id: the form checks a new id against it


def iter_files(cat: Catalogue, added: dict[str, date], site_name: str, base_url: str = "",
               licence: Licence | None = None, made: list[Pieces] | None = None):
    """(path, bytes) for every download, one at a time (at 30,000 innovations they total hundreds of MB).
    The table schemas and data/datapackage.json come last: the package lists every file yielded before."""
    licence = licence or Licence()
    published = []
    for path, data in _downloads(cat, added, site_name, base_url, licence, made):
        published.append(path)
        yield path, data
    yield from datapackage.files(cat, site_name, licence, published, [c[:3] for c in COLUMNS],
                                 [label for _, label in KEMENDAGRI], REGION_NAMES, base_url)


class Pieces(NamedTuple):
    """What one innovation contributes to the big downloads, serialised: kept per entry in the export cache
    (incremental/exportcache.py), so that a build after a one-file change serialises one innovation, not all."""
    csv: str  # its line of katalog.csv (and of its region's CSV)
    national: str  # its line of laporan-kemendagri.csv
    json: str  # its line of katalog.json
    xlsx: str  # its row of katalog.xlsx (spreadsheet.row_xml)
    region: str  # its line of its region's list (data/wilayah/<slug>.csv)


NAMES = [c[0] for c in COLUMNS]
# A region's list has every column but the body: plain, to be opened as it is, and small. With the bodies the
# per-region files were the whole catalogue twice more (~430 MB at 40,000 innovations, with the Kemendagri
# layout per region), for a site GitHub Pages caps at 1 GB; the bodies are on each innovation's page and in the
# whole-catalogue downloads (issue 26).
REGION_NAMES = [n for n in NAMES if n != "rancang_bangun"]
NATIONAL = [label for _, label in KEMENDAGRI]


def pieces(cat: Catalogue, entries: list[Entry], added: dict[str, date], base_url: str) -> list[Pieces]:
    records = rows(cat, entries)  # every column of every entry, computed once
    _, full = csv_lines(records, NAMES)
    _, national = csv_lines(kemendagri_rows(cat, entries), NATIONAL)
    _, regional = csv_lines(records, REGION_NAMES)
    lists = spreadsheet.code_lists(cat)
    return [Pieces(f, n, json.dumps(json_record(e, cat, added, base_url), ensure_ascii=False),
                   spreadsheet.row_xml(r, NAMES, lists), g)
            for e, r, f, n, g in zip(entries, records, full, national, regional)]


def _downloads(cat: Catalogue, added: dict[str, date], site_name: str, base_url: str, licence: Licence,
               made: list[Pieces] | None = None):
    """Every download but the data package and its table schemas (see iter_files)."""
    made = pieces(cat, cat.entries, added, base_url) if made is None else made
    ids = [e.id for e in cat.entries]
    for path in BIG:
        if path == "data/katalog.xlsx":
            yield path, spreadsheet.workbook(cat, [p.xlsx for p in made], NAMES, workbook_date(added), ids)
            continue
        rows = [gz_row(GZ[path], pos, p[GZ[path]].encode("utf-8")) for pos, p in enumerate(made)]
        yield path, gz_file(GZ[path], [zipparts.part(b"".join(rows[a:b])) for a, b in spreadsheet.part_bounds(ids)],
                            len(made))
    yield from small_files(cat, added, site_name, base_url, licence)
    by_region: dict[str, list[int]] = {}
    for i, e in enumerate(cat.entries):
        by_region.setdefault(e.region_code, []).append(i)
    head = file_head(REGION)
    for code, region in cat.reference.regions.items():
        yield region_path(region), head + b"".join(made[i].region.encode("utf-8") for i in by_region.get(code, []))


def small_files(cat: Catalogue, added: dict[str, date], site_name: str, base_url: str, licence: Licence):
    yield "data/terbaru.atom", atom(cat, added, site_name, base_url, licence=licence)
    yield IDS, (json.dumps({"id": [e.id for e in cat.entries]}, separators=(",", ":")) + "\n").encode()
    for code_list in datapackage.code_lists(cat.reference):
        yield code_list.path, csv_bytes(*csv_lines(code_list.records(), [c for c, _ in code_list.columns]))


def workbook_date(added: dict[str, date]) -> date:
    """The workbook's creation date: the newest addition, so the same catalogue gives the same bytes."""
    return max(added.values(), default=date(2024, 1, 1))


# The whole catalogue's files, gzip-compressed: plain they were 230, 262 and 227 MB at 40,000 innovations, and
# a static host takes 1 GB for the whole site. Their deflate streams are made of parts of rows (as the workbook's
# sheet, spreadsheet.part_bounds), so the export cache deflates again only the parts around a changed
# innovation; the same rows give the same bytes, with or without it. The per-region lists stay plain.
GZ = {"data/katalog.csv.gz": 0, "data/katalog.json.gz": 2, "data/laporan-kemendagri.csv.gz": 1}  # -> Pieces index
REGION = 4  # the Pieces index of the per-region lists
BIG = ("data/katalog.csv.gz", "data/katalog.json.gz", "data/katalog.xlsx", "data/laporan-kemendagri.csv.gz")


def file_head(piece: int) -> bytes:
    """The bytes before the first row of a file of Pieces[piece] (a CSV's BOM and header; katalog.json's opening)."""
    if piece == 2:
        return JSON_OPEN.encode("utf-8")
    return (CSV_BOM + csv_header({1: NATIONAL, REGION: REGION_NAMES}.get(piece, NAMES))).encode("utf-8")


def gz_row(piece: int, pos: int, row: bytes) -> bytes:
    """A row's bytes in its whole-catalogue file: katalog.json's rows after the first start with a separator."""
    return JSON_SEP.encode("utf-8") + row if piece == 2 and pos else row


def gz_file(piece: int, rows: list[zipparts.Part], count: int) -> bytes:
    """The gzip file of Pieces[piece] from the deflated parts of its rows (gz_row, split by part_bounds)."""
    head, tail = file_head(piece), json_close(count).encode("utf-8") if piece == 2 else b""
    return zipparts.gzip(zipparts.joined([zipparts.part(head), *rows, *([zipparts.part(tail)] if tail else [])]))


def region_path(region) -> str:
    return f"data/wilayah/{region.slug}.csv"
