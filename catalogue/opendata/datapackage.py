"""The open data's description for programs: the Frictionless data package (data/datapackage.json), the
table schemas it points to, the code lists (data/kode/*.csv) and the licence (mkdocs.yml
`extra: katalog: lisensi:`).

The package lists every file export.iter_files publishes under data/, from the paths it yielded, so a
new download is described without further work (a file this module does not know is listed as a plain
file). The 552 per-region lists share one table schema file (the catalogue's columns but the body), so the
package stays small.
"""

from __future__ import annotations

import json
import mimetypes
import re
from dataclasses import dataclass, fields
from typing import Mapping

from ..entry import schema
from ..entry.model import Catalogue
from ..entry.reference import Reference

PACKAGE = "data/datapackage.json"
CATALOGUE_SCHEMA = "data/skema-tabel/katalog.json"
KEMENDAGRI_SCHEMA = "data/skema-tabel/laporan-kemendagri.json"
REGION_SCHEMA = "data/skema-tabel/wilayah.json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = {".csv": ("csv", "text/csv"), ".json": ("json", "application/json"), ".xlsx": ("xlsx", XLSX),
           ".atom": ("atom", "application/atom+xml")}
# Files other than tables: (resource name, title, description).
FILES = {
    "katalog.json.gz": ("katalog-json", "Seluruh katalog (JSON, dimampatkan gzip)",
                        "Struktur lengkap per inovasi, bertingkat (hasil, kontak, tautan, penghargaan, dasar hukum), "
                        "dengan alamat halaman dan tanggal ditambahkan; nama isian seperti pada berkas entri."),
    "katalog.xlsx": ("katalog-excel", "Seluruh katalog (Excel)",
                     "Isian yang sama dengan katalog.csv.gz untuk dibuka di Excel atau LibreOffice: judul kolom dan "
                     "nilai berupa label, tanggal berupa tanggal, ditambah lembar daftar kode."),
    "terbaru.atom": ("terbaru", "Umpan Atom inovasi terbaru", "50 inovasi yang terakhir ditambahkan."),
    "id.json": ("id-inovasi", "Daftar id inovasi", "Id (nama berkas) setiap inovasi."),
}


@dataclass(frozen=True)
class Licence:
    """The open data's licence: mkdocs.yml `extra: katalog: lisensi: {nama, judul, url}`; CC BY 4.0
    unless set. `nama` is an SPDX identifier (https://spdx.org/licenses/)."""
    nama: str = "CC-BY-4.0"
    judul: str = "Creative Commons Atribusi 4.0 Internasional"
    url: str = "https://creativecommons.org/licenses/by/4.0/"

    @classmethod
    def from_extra(cls, extra: Mapping | None) -> Licence:
        """The licence in MkDocs' `extra` settings (the default when absent); ValueError (in Indonesian)
        when malformed."""
        section = (extra or {}).get("katalog")
        if section is None:
            return cls()
        if not isinstance(section, Mapping):
            raise ValueError("extra.katalog harus berisi isian, misalnya 'lisensi:'.")
        data = section.get("lisensi")
        if data is None:
            return cls()
        known = [f.name for f in fields(cls)]
        if not isinstance(data, Mapping) or set(data) - set(known):
            raise ValueError(f"extra.katalog.lisensi hanya boleh berisi {', '.join(known)}.")
        if not all(isinstance(v, str) and v.strip() for v in data.values()):
            raise ValueError("isian extra.katalog.lisensi harus berupa teks yang tidak kosong.")
        if not data.get("nama") or not data.get("url"):
            raise ValueError("extra.katalog.lisensi perlu nama (kode SPDX, misalnya CC-BY-4.0) dan url.")
        if not schema.URL_RE.match(data["url"]):
            raise ValueError(f"extra.katalog.lisensi.url '{data['url']}' bukan alamat http(s) yang sah.")
        clean = {k: " ".join(v.split()) for k, v in data.items()}
        return cls(clean["nama"], clean.get("judul", clean["nama"]), clean["url"])

    def descriptor(self) -> dict:
        return {"name": self.nama, "path": self.url, "title": self.judul}


@dataclass(frozen=True)
class CodeList:
    """A code list published as data/kode/<key>.csv: `kode` and `label` first, then any details."""
    key: str  # file name without .csv; the resource is kode-<key>
    title: str
    columns: tuple[tuple[str, str], ...]  # (name, description)
    rows: tuple[tuple[str, ...], ...]

    @property
    def path(self) -> str:
        return f"data/kode/{self.key}.csv"

    @property
    def resource(self) -> str:
        return f"kode-{self.key}"

    def records(self) -> list[dict]:
        return [dict(zip([c for c, _ in self.columns], row)) for row in self.rows]


CODE = (("kode", "Kode, seperti ditulis di berkas entri dan di katalog.csv.gz"), ("label", "Label tampilan"))
# Catalogue column -> code list, for columns holding one code (foreign keys).
SINGLE = {"wilayah_kode": "wilayah", "bentuk": "bentuk", "jenis": "jenis", "tahapan": "tahapan",
          "inisiator": "inisiator", "status": "status", "penghargaan_tingkat_tertinggi": "tingkat-penghargaan",
          "kelengkapan": "kelengkapan"}
MULTI = {"bidang": "bidang", "urusan": "urusan"}  # several codes joined by "; ": no foreign key possible
ENTRY_FIELD = {"wilayah_kode": "wilayah", "penghargaan_tingkat_tertinggi": "penghargaan"}  # column -> entry field


def code_lists(ref: Reference) -> list[CodeList]:
    group_of = {k: label for label, keys in ref.urusan_groups.values() for k in keys}
    choice = lambda name, title: CodeList(name, title, CODE, tuple(ref.choices[name].items()))  # noqa: E731
    return [
        CodeList("wilayah", "Kode wilayah (Kemendagri)",
                 (*CODE, ("jenis", "provinsi, kabupaten atau kota"),
                  ("slug", "Nama folder entri dan berkas data/wilayah/<slug>.csv")),
                 tuple((r.code, r.name, r.kind, r.slug) for r in ref.regions.values())),
        CodeList("bidang", "Kode bidang inovasi", (*CODE, ("deskripsi", "Penjelasan bidang")),
                 tuple((a.key, a.label, a.description) for a in ref.areas.values())),
        choice("bentuk", "Kode bentuk inovasi"), choice("jenis", "Kode jenis inovasi"),
        choice("tahapan", "Kode tahapan inovasi"), choice("inisiator", "Kode inisiator inovasi"),
        CodeList("urusan", "Kode urusan pemerintahan", (*CODE, ("kelompok", "Kelompok urusan (UU 23/2014)")),
                 tuple((k, label, group_of.get(k, "")) for k, label in ref.urusan.items())),
        choice("status", "Kode status inovasi"),
        CodeList("tingkat-penghargaan", "Kode tingkat penghargaan", CODE, tuple(ref.choices["tingkat"].items())),
        choice("kelengkapan", "Kode kelengkapan entri"),
    ]


def _codes(ref: Reference, key: str) -> list[str]:
    return [row[0] for row in next(c for c in code_lists(ref) if c.key == key).rows]


def catalogue_schema(ref: Reference, columns) -> dict:
    """The table schema of katalog.csv.gz (and, with fewer columns, of data/wilayah/*.csv): `columns` is export.COLUMNS' (name, type,
    description); codes checked against the code lists (enum and foreign keys)."""
    out = []
    for name, kind, description in columns:
        f = {"name": name, "type": kind, "description": description}
        if kind == "boolean":
            f |= {"trueValues": ["true"], "falseValues": ["false"]}
        if name in SINGLE:
            # Required in every entry, summaries included (kelengkapan: ringkasan needs fewer fields).
            required = ENTRY_FIELD.get(name, name) in schema.SUMMARY_REQUIRED
            f["description"] += f". Kode dari daftar kode-{SINGLE[name]} (kode/{SINGLE[name]}.csv)" + (
                "" if required else "; kosong bila tidak diisi")
            f["constraints"] = {"enum": _codes(ref, SINGLE[name]), **({"required": True} if required else {})}
        elif name in MULTI:
            f["description"] += (f". Kode dari daftar kode-{MULTI[name]} (kode/{MULTI[name]}.csv); karena satu sel "
                                 "dapat berisi beberapa kode, kolom ini tidak dinyatakan sebagai foreign key")
        elif name == "id":
            f["constraints"] = {"required": True, "unique": True}
        elif name == "replikasi_dari":
            f["description"] += ". Id inovasi lain di katalog.csv.gz (bisa di wilayah lain)"
        out.append(f)
    return {"fields": out, "missingValues": [""], "primaryKey": ["id"],
            "foreignKeys": [{"fields": [col], "reference": {"resource": f"kode-{key}", "fields": ["kode"]}}
                            for col, key in SINGLE.items()]}


def kemendagri_schema(labels: list[str]) -> dict:
    return {"fields": [{"name": label, "type": "string"} for label in labels], "missingValues": [""]}


def _table(name: str, path: str, title: str, table_schema, description: str = "") -> dict:
    return {"name": name, "path": path, "title": title, **({"description": description} if description else {}),
            "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            **_compression(path), "dialect": {"delimiter": ",", "lineTerminator": "\r\n"}, "schema": table_schema}


def _compression(path: str) -> dict:
    return {"compression": "gz"} if path.endswith(".gz") else {}


def resource(path: str, ref: Reference, lists: dict[str, CodeList] | None = None) -> dict:
    """The data package's resource for one published file (a site path under data/); `lists`: the code
    lists by path, when already at hand."""
    rel = path.removeprefix("data/")
    folder, _, stem = rel.rpartition("/")
    stem = stem.rsplit(".", 1)[0]
    catalogue_schema_path = CATALOGUE_SCHEMA.removeprefix("data/")
    kemendagri_schema_path = KEMENDAGRI_SCHEMA.removeprefix("data/")
    region_schema_path = REGION_SCHEMA.removeprefix("data/")
    if rel == "katalog.csv.gz":
        return _table("katalog", rel, "Seluruh katalog (CSV, dimampatkan gzip)", catalogue_schema_path,
                      "Satu baris per inovasi, semua isian.")
    if rel == "laporan-kemendagri.csv.gz":
        return _table("laporan-kemendagri", rel, "Format laporan inovasi daerah Kemendagri (CSV, dimampatkan gzip)",
                      kemendagri_schema_path,
                      "Satu baris per inovasi, kolom menurut butir laporan inovasi daerah Kemendagri.")
    if folder == "wilayah" and rel.endswith(".csv") and stem in ref.by_slug:
        region = ref.by_slug[stem].name
        return _table(f"wilayah-{stem}", rel, f"Daftar inovasi {region}", region_schema_path,
                      f"Inovasi {region}; kolom sama dengan seluruh katalog (katalog.csv.gz) kecuali isi berkas "
                      "(rancang_bangun), yang ada di halaman setiap inovasi dan di unduhan seluruh katalog.")
    code_list = (lists if lists is not None else {c.path: c for c in code_lists(ref)}).get(path)
    if code_list is not None:
        cols = [{"name": n, "type": "string", "description": d} for n, d in code_list.columns]
        cols[0]["constraints"] = {"required": True, "unique": True}
        return _table(code_list.resource, rel, code_list.title, {"fields": cols, "primaryKey": ["kode"]})
    inner = rel.removesuffix(".gz")
    suffix = "." + inner.rsplit(".", 1)[-1] if "." in inner else ""
    fmt, mediatype = FORMATS.get(suffix, (suffix[1:], mimetypes.guess_type(rel)[0] or "application/octet-stream"))
    name, title, description = FILES.get(rel, (re.sub(r"[^a-z0-9._-]+", "-", rel.lower()), rel, ""))
    # frictionless reads an xlsx resource as a table unless told it is a file; the workbook is for people
    # (labels as headers), katalog.csv.gz is its table.
    kind = {"json": "json"}.get(fmt, "file")
    return {"name": name, "path": rel, "title": title, **({"description": description} if description else {}),
            "type": kind, "profile": "data-resource", "format": fmt, "mediatype": mediatype, **_compression(rel),
            **({"encoding": "utf-8"} if fmt in ("json", "atom") else {})}


def package(cat: Catalogue, site_name: str, licence: Licence, paths: list[str], base_url: str = "") -> dict:
    lists = {c.path: c for c in code_lists(cat.reference)}
    return {
        "profile": "data-package", "name": "katalog-inovasi-daerah", "title": site_name,
        "description": "Inovasi daerah yang tercatat di katalog: seluruh katalog (CSV, JSON, Excel), daftar per "
                       "wilayah (CSV), format laporan Kemendagri, dan daftar kode yang dipakai kolom-kolomnya.",
        **({"homepage": base_url} if base_url else {}),
        "licenses": [licence.descriptor()],
        "resources": [resource(p, cat.reference, lists) for p in paths if p.startswith("data/") and p != PACKAGE],
    }


def _json(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def files(cat: Catalogue, site_name: str, licence: Licence, paths: list[str], columns, kemendagri_labels,
          region_columns, base_url: str = ""):
    """(path, bytes) of the table schemas and of datapackage.json describing `paths` (what was published);
    `region_columns`: the names of `columns` the per-region lists have."""
    yield CATALOGUE_SCHEMA, _json(catalogue_schema(cat.reference, columns))
    yield REGION_SCHEMA, _json(catalogue_schema(cat.reference, [c for c in columns if c[0] in region_columns]))
    yield KEMENDAGRI_SCHEMA, _json(kemendagri_schema(kemendagri_labels))
    yield PACKAGE, _json(package(cat, site_name, licence, paths, base_url))
