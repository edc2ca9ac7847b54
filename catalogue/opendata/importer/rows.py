"""One spreadsheet row -> the values of one entry file, each remembered with the cell it came from; a cell
that cannot be read is reported on that cell, with the validator's codes and messages."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ...entry import schema
from ...entry.problems import Problem, problem
from ...entry.reference import Reference
from ...validate.words import closest
from ..spreadsheet import LABELLED
from . import columns as c
from .sheets import letter

# In a sheet, what the validator's hint says about YAML does not apply: Rp and dots are fine here.
SHEET_HINTS = {
    "invalid-number": "Tulis angka nol atau lebih, misalnya 1500000, 1.500.000 atau Rp 1.500.000; pecahan 2,5.",
    "invalid-date": "Tulis tanggal yang ada di kalender, misalnya 17/05/2022, 2022-05-17 atau Mei 2022, atau "
                    "pakai format tanggal Excel.",
}
MEASURES = {f"{k}_{w}": (k, w) for k in schema.RESULT_KEYS for w in ("sebelum", "sesudah")}
CONTACT = {"kontak_unit": "unit", "kontak_email": "email", "kontak_telepon": "telepon"}
IGNORED = {"penghargaan_tingkat_tertinggi"}  # derived from penghargaan on export
_INDICATOR = re.compile(r"^(.+) \(([^()]+)\): (\S+) → (\S+)$")
_LINK = re.compile(r"^(.+?) <(\S+)>$")
_AWARD = re.compile(r"^(\d{4}) (.+) \(([^,()]+)(?:, ([^()]+))?\)$")
_SOURCE = re.compile(r"^(.+?) <(\S+)>(?: \(diakses (\d{4}-\d{2}-\d{2})\))?$")
_REGULATION = re.compile(r"^(.+?)(?: Nomor (.+?))? Tahun (\d{4})(?: tentang (.+))?$")


@dataclass
class Row:
    where: str  # "daftar.xlsx › Inovasi"
    number: int
    values: dict = field(default_factory=dict)  # as an entry file holds them
    body: str | None = None  # the whole body (the export's rancang_bangun), or None
    sections: dict[str, str] = field(default_factory=dict)  # section title -> text
    cells: dict[str, int] = field(default_factory=dict)  # field -> column number it came from
    problems: list[Problem] = field(default_factory=list)
    present: set[str] = field(default_factory=set)  # fields whose columns the sheet has

    def cell(self, col: int | None) -> str:
        return f"{self.where} › {letter(col or 1)}{self.number}"

    def report(self, col: int | None, code: str, fieldname: str, **params) -> None:
        # file is the sheet, line and column the cell's: problems sort by row, and print as "… › F12"
        p = problem(code, self.where, self.number, col, fieldname, **params)
        self.problems.append(dataclasses.replace(p, hint=SHEET_HINTS[code]) if code in SHEET_HINTS else p)


def read_row(where: str, number: int, cells: dict[int, object], table_columns: dict[int, str],
             ref: Reference) -> Row:
    row = Row(where, number)
    row.present = {_field(k) for k in table_columns.values()}
    by_key = {table_columns[col]: (col, v) for col, v in cells.items()}
    for key, (col, v) in by_key.items():
        if key in IGNORED or (key == "wilayah" and "wilayah_kode" in by_key):
            continue
        _convert(row, ref, key, col, v)
    if row.body is not None and not re.search(r"^## ", row.body, re.M) \
            and row.values.get("kelengkapan") != schema.SUMMARY:
        # A complete entry's text without section headings: it is the national report's "rancang bangun",
        # the background section (a summary's text has any structure).
        row.sections["Latar Belakang"], row.body = row.body, None
    return row


def _field(key: str) -> str:
    if key in MEASURES:
        return "hasil"
    if key in CONTACT:
        return "kontak"
    if key in ("wilayah_kode", "wilayah"):
        return "wilayah"
    if key == "hasil_lainnya":
        return "hasil"
    return "isi" if key.startswith("isi_") or key == "rancang_bangun" else key


def _choice(row: Row, ref: Reference, key: str, col: int, v: object, options: dict[str, str]) -> str | None:
    code = c.choice(v, options)
    if code is None:
        row.report(col, "invalid-choice", key, value=c.text(v), extra="",
                   choices=", ".join(f"{k} ({label})" for k, label in options.items()))
    return code


def _convert(row: Row, ref: Reference, key: str, col: int, v: object) -> None:
    put = row.values.__setitem__
    if key == "wilayah_kode" or key == "wilayah":
        code = c.text(v)
        if isinstance(v, float):  # 63.1 in a number cell is 63.10
            code = f"{v:.2f}"
        region = ref.regions.get(code) or ref.region_for(code) or ref.region_for(c.region_name(v))
        if region is None:
            names = {r.name.lower(): r for r in ref.regions.values()}
            near = closest(c.region_name(v), {r.name.lower().split(" ", 1)[-1]: r for r in ref.regions.values()}) \
                or closest(c.text(v).lower(), names)
            near_region = names.get(near) or next((r for r in ref.regions.values()
                                                   if r.name.lower().endswith(" " + (near or "-"))), None)
            row.report(col, "unknown-region", "wilayah", value=c.text(v),
                       extra=(f'Mungkin maksud Anda {near_region.name} ("{near_region.code}")? ' if near_region else "")
                       + "Tulis nama kabupaten/kota atau kodenya; daftar lengkapnya ada di lembar Kode pada "
                         "data/katalog.xlsx situs katalog.")
        else:
            put("wilayah", region.code)
            row.cells["wilayah"] = col
        return
    row.cells[_field(key)] = col
    if key in ("bidang", "urusan"):
        options = ref.options(key)
        got = []
        for part in (p.strip() for p in re.split(r"[;\n]", c.text(v) if not isinstance(v, str) else v) if p.strip()):
            # Labels may hold commas ("Koperasi, usaha kecil, dan menengah"): the whole part first.
            code = c.choice(part, options)
            got += [code] if code else [_choice(row, ref, key, col, item, options) for item in c.items(part)]
        if None not in got:
            put(key, got)
    elif key in LABELLED and key not in IGNORED:
        code = _choice(row, ref, key, col, v, ref.options(LABELLED[key]))
        if code:
            put(key, code)
    elif key in ("waktu_uji_coba", "waktu_penerapan", "dilaporkan_kemendagri"):
        got = c.when(v)
        if got is None:
            row.report(col, "invalid-date", key, value=c.text(v), extra="")
        else:
            put(key, got)
    elif key in MEASURES:
        measure, when = MEASURES[key]
        n = c.number(v)
        if n is None:
            row.report(col, "invalid-number", f"hasil.{measure}.{when}", value=repr(c.text(v)))
        else:
            row.values.setdefault("hasil", {}).setdefault(measure, {})[when] = n
            row.cells[f"hasil.{measure}"] = col
    elif key == "hasil_lainnya":
        found = [_INDICATOR.match(p.strip()) for p in c.text(v).split(";")]
        if not all(found):
            row.report(col, "wrong-type", "hasil.lainnya", expected="indikator (satuan): sebelum → sesudah",
                       actual=c.text(v), extra="Tulis misalnya: Warga terlayani (orang): 10 → 40; pisahkan dengan titik koma.")
        else:
            row.values.setdefault("hasil", {})["lainnya"] = [
                {"indikator": m[1], "satuan": m[2], "sebelum": c.number(m[3]), "sesudah": c.number(m[4])} for m in found]
    elif key in CONTACT:
        row.values.setdefault("kontak", {})[CONTACT[key]] = c.text(v)
    elif key in ("tautan", "penghargaan", "regulasi", "sumber"):
        _records(row, ref, key, col, v)
    elif key == "tag":
        put(key, c.items(v))
    elif key == "contoh":
        flag = c.boolean(v)
        if flag is None:
            row.report(col, "wrong-type", key, expected="ya atau tidak", actual=c.text(v), extra="")
        else:
            put(key, flag)
    elif key == "rancang_bangun":  # the whole body; placed once every column is read (see read_row)
        row.body = str(v).replace("\r\n", "\n").strip()
    elif key in c.SECTION_COLUMNS:
        row.sections[c.SECTION_COLUMNS[key]] = str(v).replace("\r\n", "\n").strip()
    else:  # plain text fields: nama, singkatan, perangkat_daerah, id, replikasi_dari
        put(key, c.text(v))


def _records(row: Row, ref: Reference, key: str, col: int, v: object) -> None:
    """tautan "judul <url>", penghargaan "2023 nama (tingkat, peringkat)", regulasi "Peraturan Bupati Nomor 12
    Tahun 2022 tentang …"; several separated by semicolons, as the export writes them."""
    out = []
    for part in (p.strip() for p in c.text(v).split(";") if p.strip()):
        if key == "tautan" and (m := _LINK.match(part)):
            out.append({"judul": m[1], "url": m[2]})
        elif key == "penghargaan" and (m := _AWARD.match(part)):
            level = _choice(row, ref, "penghargaan", col, m[3], ref.choices["tingkat"])
            if level is None:
                return
            out.append({"tahun": int(m[1]), "nama": m[2], "tingkat": level, "peringkat": m[4]})
        elif key == "sumber" and (m := _SOURCE.match(part)):
            out.append({"judul": m[1], "url": m[2], **({"diakses": c.when(m[3])} if m[3] else {})})
        elif key == "regulasi" and (m := _REGULATION.match(part)):
            out.append({"jenis": m[1], "nomor": m[2], "tahun": int(m[3]), "judul": m[4]})
        else:
            example = {"tautan": "Laman layanan <https://contoh.go.id/layanan>",
                       "penghargaan": "2023 Kalsel Innovation Award (provinsi, Juara 1)",
                       "regulasi": "Peraturan Bupati Nomor 12 Tahun 2022 tentang Layanan Antar Obat",
                       "sumber": "Berita peluncuran <https://contoh.go.id/berita> (diakses 2024-05-17)"}[key]
            row.report(col, "wrong-type", key, expected=f"daftar seperti \"{example}\"", actual=f'"{part}"',
                       extra="Pisahkan beberapa nilai dengan titik koma.")
            return
    row.values[key] = out
