"""The entry format, declared once.

The validator, the site's labels and (later) the contributor guide and JSON
Schema all read this list, so they cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # text | region | areas | choice | choices | date | results | id | contact | links | tags | flag
    label: str  # shown on the site
    help: str  # for contributors
    example: str
    required: bool = False
    choices: str | None = None  # which reference list: a choice list name, "bidang" or "urusan"
    min_len: int = 1
    max_len: int = 200
    max_items: int = 10


FIELDS: tuple[Field, ...] = (
    Field("nama", "text", "Nama inovasi", "Nama inovasi, 3–150 karakter.",
          "Antar Obat untuk Pasien Lansia", required=True, min_len=3, max_len=150),
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
    Field("tautan", "links", "Tautan", "Daftar {judul, url}; url diawali https:// atau http://.",
          "[{judul: Laman layanan, url: https://example.org}]", max_items=10),
    Field("tag", "tags", "Kata kunci", "Daftar kata kunci pendek.", "[lansia, obat]", max_len=40),
    Field("contoh", "flag", "Contoh", "true menandai entri contoh (ilustratif, bukan program nyata).", "true"),
)

BY_NAME = {f.name: f for f in FIELDS}
RESULT_KEYS = {"langkah": ("Langkah layanan", "langkah"),
               "waktu_hari": ("Waktu layanan", "hari"),
               "biaya_rp": ("Biaya", "rupiah")}
INDICATOR_KEYS = ("indikator", "satuan", "sebelum", "sesudah")
CONTACT_KEYS = ("unit", "email", "telepon")
LINK_KEYS = ("judul", "url")
REQUIRED_SECTIONS = ("Latar Belakang", "Tujuan", "Manfaat", "Hasil")
MIN_WORDS = 300
