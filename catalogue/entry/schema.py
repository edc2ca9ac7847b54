"""The entry format, declared once: fields, their parts (sub-fields), limits and patterns.

The validator, the JSON Schema (and through it the "Ajukan inovasi" form), the contributor guide,
`catalogue new`, the pages and the exports all read these, so they cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Patterns, written once (the JSON Schema publishes them for the form).
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s/?#<>\"']+\.[^\s/?#<>\"']+([/?#][^\s<>\"']*)?$")


@dataclass(frozen=True)
class Part:
    """A key inside a field's mapping (kontak.email, tautan[].url, hasil.lainnya[].satuan, …)."""
    name: str
    kind: str  # text | number | email | url | year | choice | date
    label: str
    min_len: int = 1
    max_len: int = 200
    required: bool = False
    choices: str | None = None  # kind "choice": which list of pilihan.yml


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | region | areas | choice | choices | date | results | id | contact | records | tags | flag
    label: str  # shown on the site
    help: str  # for contributors
    example: str
    required: bool = False
    choices: str | None = None  # which reference list: a choice list name, "bidang" or "urusan"
    min_len: int = 1
    max_len: int = 200
    max_items: int = 10
    parts: tuple[Part, ...] = ()  # kind "records": the keys of each item
    facet: bool = False  # offered as a filter on Jelajahi


# hasil: each measured result has a before and an after; `lainnya` lists other indicators.
RESULT_KEYS = {"langkah": ("Langkah layanan", "langkah"),
               "waktu_hari": ("Waktu layanan", "hari"),
               "biaya_rp": ("Biaya", "rupiah")}
MEASURE = (Part("sebelum", "number", "Sebelum", required=True), Part("sesudah", "number", "Sesudah", required=True))
INDICATOR = (Part("indikator", "text", "Indikator", 2, 150, True), Part("satuan", "text", "Satuan", 1, 60, True),
             *MEASURE)
MAX_INDICATORS = 10
CONTACT = (Part("unit", "text", "Unit", 3, 150), Part("email", "email", "Surel", 3, 150),
           Part("telepon", "text", "Telepon", 3, 150))
LINK = (Part("judul", "text", "Judul", 2, 150, True), Part("url", "url", "Alamat", 8, 500, True))
AWARD = (Part("tahun", "year", "Tahun", required=True), Part("nama", "text", "Nama penghargaan", 3, 150, True),
         Part("tingkat", "choice", "Tingkat", required=True, choices="tingkat"),
         Part("peringkat", "text", "Peringkat", 2, 60))
REGULATION = (Part("jenis", "text", "Jenis", 2, 60, True), Part("nomor", "text", "Nomor", 1, 60),
              Part("tahun", "year", "Tahun", required=True), Part("judul", "text", "Judul", 3, 300))
SOURCE = (Part("judul", "text", "Judul", 2, 200, True), Part("url", "url", "Alamat", 8, 500, True),
          Part("diakses", "date", "Diakses"))
FIRST_YEAR = 1945  # a year before this in penghargaan or regulasi is a typing slip
INDICATOR_KEYS = tuple(p.name for p in INDICATOR)
CONTACT_KEYS = tuple(p.name for p in CONTACT)
LINK_KEYS = tuple(p.name for p in LINK)



FIELDS: tuple[Field, ...] = (
    Field("nama", "text", "Nama inovasi", "Nama inovasi, 3–150 karakter.",
          "Antar Obat untuk Pasien Lansia", required=True, min_len=3, max_len=150),
    Field("singkatan", "text", "Singkatan",
          "Singkatan atau akronim yang dipakai untuk inovasi ini, jika ada; nama lengkapnya tetap di isian nama.",
          "ANTOL", min_len=2, max_len=30),
    Field("wilayah", "region", "Wilayah",
          "Kode wilayah Kemendagri sebagai teks dalam tanda kutip: \"63\" untuk provinsi, \"63.01\" dan seterusnya untuk kabupaten/kota.",
          '"63.03"', required=True),
    Field("perangkat_daerah", "text", "Perangkat daerah",
          "Perangkat daerah (SKPD) yang menjalankan inovasi.", "Dinas Kesehatan",
          required=True, min_len=2, max_len=150),
    Field("bidang", "areas", "Bidang",
          "Satu bidang, atau daftar 1–3 bidang (yang pertama adalah bidang utama).",
          "[sosial, manajemen]", required=True, choices="bidang", max_items=3),
    Field("bentuk", "choice", "Bentuk inovasi", "Bentuk inovasi menurut PP 38/2017.",
          "pelayanan_publik", required=True, choices="bentuk"),
    Field("jenis", "choice", "Jenis", "Digital atau non digital.", "non_digital",
          required=True, choices="jenis"),
    Field("tahapan", "choice", "Tahapan", "Tahapan inovasi saat ini.", "penerapan",
          required=True, choices="tahapan"),
    Field("inisiator", "choice", "Inisiator", "Siapa yang memprakarsai inovasi (PP 38/2017 Pasal 3).",
          "perangkat_daerah", choices="inisiator"),
    Field("urusan", "choices", "Urusan pemerintahan",
          "Daftar urusan pemerintahan (UU 23/2014 Pasal 12) atau fungsi penunjang yang terkait.",
          "[kesehatan]", choices="urusan", max_items=5),
    Field("waktu_uji_coba", "date", "Waktu uji coba",
          "Tanggal mulai uji coba, TAHUN-BULAN-TANGGAL atau \"TAHUN-BULAN\". Isi ini atau waktu_penerapan.",
          "2022-03-01"),
    Field("waktu_penerapan", "date", "Waktu penerapan",
          "Tanggal mulai diterapkan; tidak boleh sebelum waktu uji coba.", "2022-09-01"),
    Field("dilaporkan_kemendagri", "date", "Dilaporkan ke Kemendagri",
          "Tanggal inovasi dilaporkan ke Kemendagri. Kosongkan jika belum dilaporkan.", "2023-04-15"),
    Field("hasil", "results", "Hasil terukur",
          "Hasil sebelum dan sesudah inovasi: langkah, waktu_hari, biaya_rp masing-masing {sebelum: N, sesudah: N}, "
          "serta daftar lainnya berisi {indikator, satuan, sebelum, sesudah}.",
          "{langkah: {sebelum: 5, sesudah: 3}}"),
    Field("replikasi_dari", "id", "Replikasi dari",
          "Id (nama berkas tanpa .md) inovasi di katalog ini yang direplikasi (role model).",
          "antar-obat-pasien-lansia"),
    Field("status", "choice", "Status", "aktif (bawaan) atau dihentikan.", "aktif", choices="status"),
    Field("kontak", "contact", "Kontak", "Kontak kantor saja: {unit, email, telepon}.",
          "{unit: Bidang Pelayanan, email: inovasi@example.org}"),
    Field("penghargaan", "records", "Penghargaan",
          "Daftar penghargaan yang diraih: {tahun, nama, tingkat, peringkat}; tingkat salah satu dari "
          "kabupaten_kota, provinsi, nasional, internasional.",
          '[{tahun: 2023, nama: "Lomba Inovasi Daerah", tingkat: kabupaten_kota, peringkat: "Juara 1"}]',
          max_items=20, parts=AWARD, facet=True),
    Field("regulasi", "records", "Dasar hukum",
          "Daftar peraturan yang menjadi dasar inovasi: {jenis, nomor, tahun, judul}, misalnya Peraturan "
          "Bupati atau Keputusan Kepala Dinas.",
          '[{jenis: Peraturan Bupati, nomor: "12", tahun: 2022, judul: "Layanan Antar Obat"}]',
          max_items=10, parts=REGULATION),
    Field("tautan", "records", "Tautan", "Daftar {judul, url}; url diawali https:// atau http://.",
          "[{judul: Laman layanan, url: https://example.org}]", max_items=10, parts=LINK),
    Field("tag", "tags", "Kata kunci", "Daftar kata kunci pendek.", "[lansia, obat]", max_len=40),
    Field("kelengkapan", "choice", "Kelengkapan",
          "ringkasan: ringkasan dari sumber publik, cukup nama, wilayah, perangkat_daerah, bidang, sumber dan "
          "isi paling sedikit 40 kata; lengkap (bawaan): dilengkapi perangkat daerah dengan semua isian wajib.",
          "ringkasan", choices="kelengkapan", facet=True),
    Field("sumber", "records", "Sumber",
          "Daftar sumber publik {judul, url, diakses} untuk fakta di entri ini; setiap fakta harus disebut "
          "salah satunya.", '[{judul: "Berita peluncuran layanan", url: https://contoh.go.id/berita, '
          "diakses: 2024-05-17}]", max_items=20, parts=SOURCE),
    Field("contoh", "flag", "Contoh", "true menandai entri contoh (ilustratif, bukan program nyata).", "true"),
)

BY_NAME = {f.name: f for f in FIELDS}
LABELS = {f.name: f.label for f in FIELDS}  # as the site shows them

# Rules between fields, declared here so the validator and the form (through the JSON Schema) apply the same.
DATE_ORDER = ("waktu_uji_coba", "waktu_penerapan")  # the first may not be after the second
STAGE_NEEDS_DATE = {"penerapan": "waktu_penerapan"}  # tahapan -> the date field it needs (a warning)
LOWER_IS_BETTER = tuple(RESULT_KEYS)  # fewer steps, days, rupiah: a larger "sesudah" is a warning


@dataclass(frozen=True)
class Section:
    title: str
    prompt: str  # what `catalogue new` and the form ask for; left unedited it is template text


SECTIONS = (
    Section("Latar Belakang", "Tuliskan masalah yang ingin diselesaikan dan bagaimana keadaan sebelum inovasi ada."),
    Section("Tujuan", "Tuliskan tujuan inovasi dalam satu atau dua kalimat."),
    Section("Manfaat", "Tuliskan siapa yang merasakan manfaatnya dan apa yang berubah bagi mereka."),
    Section("Hasil", "Tuliskan hasil yang sudah terukur. Angka sebelum dan sesudah dapat dicatat di isian `hasil`."),
)
REQUIRED_SECTIONS = tuple(s.title for s in SECTIONS)
# A summary from public sources (kelengkapan: ringkasan) needs only these, at least one source and a short
# body in any structure; the work unit completes it later.
SUMMARY = "ringkasan"
SUMMARY_REQUIRED = ("nama", "wilayah", "perangkat_daerah", "bidang", "sumber")
SUMMARY_MIN_WORDS = 40
MIN_WORDS = 300
