"""Problems found in the catalogue: small typed records with stable codes.

Modelled on frictionless-py's errors: every kind of problem has a stable
kebab-case code, a severity, and Indonesian message and hint templates. A
`Problem` is one occurrence with its location. A `Report` collects them and
flattens to dicts for tests, JSON and annotations.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class ProblemType:
    code: str
    severity: str
    title: str
    message: str
    hint: str


_TYPES: dict[str, ProblemType] = {}


def _t(code: str, severity: str, title: str, message: str, hint: str) -> None:
    _TYPES[code] = ProblemType(code, severity, title, message, hint)


# --- the file and its front matter -------------------------------------------
_t("file-unreadable", ERROR, "Berkas tidak dapat dibaca",
   "berkas tidak dapat dibaca: {detail}",
   "Simpan berkas sebagai teks UTF-8 biasa (pilihan 'UTF-8' di editor).")
_t("file-empty", ERROR, "Berkas kosong",
   "berkas kosong",
   "Salin kerangka entri dari panduan kontributor (atau buat dengan formulir Ajukan inovasi), lalu isi.")
_t("curly-quotes", ERROR, "Tanda kutip miring",
   "tanda kutip miring (“ ” atau ‘ ’) tidak dikenal sebagai tanda kutip",
   "Pengolah kata sering mengganti tanda kutip; tulis tanda kutip lurus: {field}: \"{value}\"")
_t("comma-list", ERROR, "Daftar ditulis sebagai teks",
   "beberapa nilai ditulis sebagai satu teks dengan koma",
   "Tulis sebagai daftar dalam kurung siku: {field}: [{items}]")
_t("body-missing", ERROR, "Isi berkas kosong",
   "berkas tidak memiliki isi setelah baris '---' penutup",
   "Setelah baris '---' penutup, tulis bagian ## Latar Belakang, ## Tujuan, ## Manfaat dan ## Hasil.")
_t("front-matter-missing", ERROR, "Front matter tidak ada",
   "berkas tidak diawali baris '---'",
   "Baris pertama berkas harus '---', lalu isian seperti 'nama: ...', lalu '---' lagi sebelum isi.")
_t("front-matter-unclosed", ERROR, "Front matter tidak ditutup",
   "isian di awal berkas dibuka dengan '---' tetapi tidak ditutup dengan '---'",
   "Tutup isian dengan baris yang hanya berisi tiga tanda hubung '---' (bukan tanda pisah — atau jumlah "
   "lain), setelah isian terakhir dan sebelum '## Latar Belakang'.")
_t("yaml-syntax", ERROR, "Kesalahan penulisan YAML",
   "penulisan YAML tidak sah: {detail}",
   "{advice}")
_t("front-matter-not-mapping", ERROR, "Front matter bukan daftar isian",
   "isian di antara kedua baris '---' harus berupa baris 'nama isian: nilai'",
   "Tulis setiap isian di barisnya sendiri, misalnya 'nama: Layanan Antar Obat'.")
_t("file-too-large", ERROR, "Berkas terlalu besar",
   "berkas lebih besar dari {limit} KB",
   "Satu entri hanya berisi teks; pindahkan lampiran besar ke tempat lain dan tautkan dengan isian tautan.")
_t("yaml-alias", ERROR, "Anchor atau alias YAML",
   "anchor (&) atau alias (*) YAML tidak diizinkan di entri",
   "Tulis nilainya secara langsung. Jika '*' atau '&' adalah bagian dari teks, beri tanda kutip pada nilainya.")
_t("too-deep", ERROR, "Struktur terlalu dalam",
   "isian bertingkat lebih dari {limit} lapis",
   "Periksa tanda kurung [ ] dan {{ }} serta indentasi; entri tidak memerlukan struktur sedalam ini.")
_t("duplicate-key", ERROR, "Kunci ganda",
   "kunci '{field}' ditulis lebih dari sekali (pertama di baris {first_line})",
   "Hapus salah satu; jika keduanya dibiarkan, salah satu nilainya akan hilang.")
# --- fields ------------------------------------------------------------------
_t("missing-field", ERROR, "Isian wajib tidak ada",
   "isian wajib '{field}' tidak ada",
   "Tambahkan '{key}: ...'{place}. {extra}")
_t("unknown-field", ERROR, "Isian tidak dikenal",
   "isian '{field}' tidak dikenal",
   "{extra}")
_t("wrong-type", ERROR, "Jenis nilai salah",
   "nilai harus {expected}, bukan {actual}",
   "{extra}")
_t("invalid-choice", ERROR, "Nilai tidak termasuk pilihan",
   "nilai \"{value}\" tidak termasuk pilihan yang sah",
   "{extra}Pilihan yang sah: {choices}.")
_t("invalid-length", ERROR, "Panjang teks tidak sesuai",
   "panjang teks {length} karakter; harus {minimum}–{maximum} karakter",
   "Sesuaikan panjangnya.")
_t("empty-value", ERROR, "Nilai kosong",
   "nilai tidak boleh kosong",
   "Isi nilainya atau hapus baris ini jika isiannya tidak wajib.")
_t("too-many-items", ERROR, "Terlalu banyak nilai",
   "berisi {count} nilai; paling banyak {maximum}",
   "Pilih yang paling utama; nilai pertama dianggap yang utama.")
_t("duplicate-value", ERROR, "Nilai ganda",
   "nilai \"{value}\" ditulis lebih dari sekali",
   "Hapus nilai yang berulang.")
_t("invalid-date", ERROR, "Tanggal tidak sah",
   "\"{value}\" bukan tanggal yang sah",
   "{extra}Tulis tanggal sebagai TAHUN-BULAN-TANGGAL (misalnya 2023-05-17) atau TAHUN-BULAN (misalnya \"2023-05\").")
_t("future-date", ERROR, "Tanggal di masa depan",
   "tanggal {value} belum terjadi (hari ini {today})",
   "Katalog hanya mencatat yang sudah terjadi; periksa tahun dan bulannya.")
_t("date-order", ERROR, "Urutan tanggal salah",
   "waktu uji coba ({trial}) sesudah waktu penerapan ({implementation})",
   "Uji coba dilakukan sebelum (atau bersamaan dengan) penerapan; periksa kedua tanggal.")
_t("missing-date", ERROR, "Waktu belum diisi",
   "isi salah satu dari 'waktu_uji_coba' atau 'waktu_penerapan'",
   "Tambahkan misalnya 'waktu_uji_coba: 2023-03-01'.")
_t("stage-date-mismatch", WARNING, "Tahapan dan tanggal tidak cocok",
   "tahapan 'penerapan' tetapi 'waktu_penerapan' tidak diisi",
   "Tambahkan 'waktu_penerapan', atau ubah 'tahapan' jika inovasi belum diterapkan.")
_t("unknown-region", ERROR, "Kode wilayah tidak dikenal",
   "kode \"{value}\" tidak dikenal",
   "{extra}")
_t("invalid-number", ERROR, "Angka tidak sah",
   "nilai harus angka nol atau lebih, bukan {value}",
   "{extra}Tulis angka saja, tanpa Rp, titik ribuan atau satuan: 1500000, bukan Rp 1.500.000. Pecahan ditulis "
   "dengan titik: 2.5, bukan 2,5.")
_t("invalid-year", ERROR, "Tahun tidak sah",
   "\"{value}\" bukan tahun yang sah",
   "Tulis tahun empat angka antara {first} dan {last}, misalnya tahun: 2023.")
_t("result-worse", WARNING, "Hasil memburuk",
   "angka sesudah ({after}) lebih besar daripada sebelum ({before}); untuk {measure}, angka yang lebih kecil lebih baik",
   "Periksa apakah angka sebelum dan sesudah tertukar. Jika hasilnya memang memburuk, biarkan dan jelaskan "
   "sebabnya di bagian ## Hasil; peninjau akan memastikannya.")
_t("invalid-url", ERROR, "Alamat tautan tidak sah",
   "\"{value}\" bukan alamat web yang sah",
   "Tautan harus diawali https:// (atau http://), misalnya https://example.org/halaman.")
_t("invalid-email", ERROR, "Alamat surel tidak sah",
   "\"{value}\" bukan alamat surel yang sah",
   "Tulis alamat surel kantor yang lengkap, dengan tanda @ dan nama domainnya, misalnya "
   "inovasi@dinas.example.go.id.")
# --- file name, folder and cross-entry checks --------------------------------
_t("invalid-id", ERROR, "Nama berkas tidak sah",
   "\"{value}\" tidak sah sebagai id inovasi (nama berkas)",
   "{advice}")
_t("not-an-entry", ERROR, "Berkas bukan entri",
   "berkas \"{value}\" di folder entries/ bukan entri inovasi dan tidak akan tampil di situs",
   "Entri inovasi harus berakhiran .md dengan huruf kecil. Ubah namanya menjadi \"{suggestion}\", atau "
   "pindahkan berkas ini ke luar folder entries/. Gambar boleh berakhiran .png, .jpg, .jpeg, .webp atau .gif.")
_t("misplaced-file", ERROR, "Letak berkas salah",
   "berkas entri harus berada di entries/<wilayah>/<id>.md",
   "Pindahkan berkas ke folder wilayahnya, misalnya entries/{suggestion}.")
_t("unknown-region-folder", ERROR, "Folder wilayah tidak dikenal",
   "folder \"{value}\" bukan folder wilayah yang dikenal",
   "{extra}")
_t("region-folder-mismatch", ERROR, "Folder tidak sesuai wilayah",
   "wilayah \"{value}\" ({name}) tetapi berkas ada di folder \"{folder}\"",
   "Pindahkan berkas ke entries/{expected}/ atau perbaiki kode wilayah.")
_t("duplicate-id", ERROR, "Id ganda",
   "id \"{value}\" juga dipakai oleh {other}",
   "Setiap inovasi memerlukan nama berkas yang unik; ubah salah satu nama berkas.")
_t("unknown-replication-target", ERROR, "Inovasi acuan tidak ditemukan",
   "tidak ada inovasi dengan id \"{value}\" di katalog",
   "{extra}")
_t("self-replication", ERROR, "Mereplikasi diri sendiri",
   "inovasi tidak dapat mereplikasi dirinya sendiri",
   "Isi 'replikasi_dari' dengan id inovasi lain yang menjadi acuan, atau hapus barisnya.")
_t("replication-cycle", ERROR, "Replikasi berputar",
   "rantai replikasi berputar: {cycle}",
   "Sebuah inovasi hanya dapat mereplikasi inovasi yang lebih dulu ada; perbaiki 'replikasi_dari' di salah satu berkas.")
# --- body --------------------------------------------------------------------
_t("missing-section", ERROR, "Bagian isi tidak ada",
   "bagian '## {section}' tidak ada di isi",
   "Isi berkas memerlukan bagian ## Latar Belakang, ## Tujuan, ## Manfaat dan ## Hasil.")
_t("template-text", ERROR, "Teks kerangka belum diganti",
   "bagian '## {section}' masih berisi teks kerangka: \"{text}\"",
   "Ganti kalimat petunjuk itu dengan penjelasan inovasi Anda sendiri.")
_t("heading-level", ERROR, "Judul tingkat satu di isi",
   "baris \"{text}\" adalah judul tingkat satu (satu tanda #)",
   "Nama inovasi sudah menjadi judul halaman. Untuk bagian tulis dua tanda: ## Latar Belakang; untuk "
   "sub-bagian tiga tanda: ### Sasaran. Jika bukan judul, hapus tanda # di awal baris.")
_t("summary-too-short", ERROR, "Ringkasan terlalu pendek",
   "ringkasan berisi {count} kata; paling sedikit {minimum}",
   "Tulis dengan kata-kata sendiri apa inovasi ini, untuk siapa, siapa yang menjalankannya, dan apa yang "
   "dilaporkan sumbernya.")
_t("body-too-short", WARNING, "Rancang bangun terlalu pendek",
   "rancang bangun berisi {count} kata; Kemendagri meminta paling sedikit {minimum} kata",
   "Tambahkan penjelasan latar belakang, pokok perubahan, manfaat dan hasilnya.")
_t("unsafe-html", WARNING, "HTML dihapus",
   "{what} dihapus dari halaman demi keamanan",
   "Katalog tidak menampilkan skrip, gaya, bingkai, atau atribut seperti onclick. Tulis isinya sebagai teks "
   "Markdown biasa; untuk tautan gunakan [teks](https://...).")
_t("image-external", ERROR, "Gambar dari situs lain",
   "gambar \"{value}\" dimuat dari situs lain",
   "Situs katalog tidak memuat apa pun dari pihak ketiga. Simpan gambar di folder entri yang sama dan "
   "tulis ![keterangan](nama-berkas.jpg).")
_t("image-missing", ERROR, "Gambar tidak ditemukan",
   "berkas gambar \"{value}\" tidak ditemukan",
   "Unggah gambarnya ke folder entri yang sama, dan periksa ejaan serta huruf besar-kecil nama berkasnya.")
_t("image-type", ERROR, "Jenis gambar tidak didukung",
   "\"{value}\" bukan gambar yang didukung",
   "Gunakan berkas {allowed}.")
_t("image-too-large", ERROR, "Gambar terlalu besar",
   "gambar \"{value}\" berukuran {size} KB; paling besar {limit} KB",
   "Perkecil ukuran gambar (misalnya lebar 1200 piksel, kualitas JPEG 80%) agar cepat dibuka di ponsel.")
_t("image-alt-missing", ERROR, "Keterangan gambar kosong",
   "gambar \"{value}\" tidak memiliki keterangan (teks alternatif)",
   "Tulis keterangan singkat di antara kurung siku: ![Petugas melayani warga di balai desa](foto.jpg).")
_t("path-outside", ERROR, "Alamat keluar dari folder entri",
   "\"{value}\" menunjuk ke luar folder entries/",
   "Gambar dan tautan ke berkas hanya boleh menunjuk ke dalam folder entries/.")
_t("broken-link", ERROR, "Tautan rusak",
   "tautan \"{value}\" tidak menuju halaman katalog mana pun",
   "Untuk inovasi lain tulis [nama](../wilayah-lain/id-inovasi.md) atau [nama](/inovasi/id-inovasi/); "
   "untuk wilayah /wilayah/<folder>/; untuk bidang /bidang/<bidang>/. Dokumen lain: isian tautan.")
_t("possible-duplicate", WARNING, "Mungkin inovasi yang sama",
   "sama dengan nama atau singkatan entri {other} di wilayah yang sama",
   "Jika keduanya inovasi yang sama, jadikan satu entri dan cantumkan sumber keduanya di isian 'sumber'. Jika "
   "memang berbeda, biarkan; peninjau akan memastikannya.")
_t("id-case-collision", ERROR, "Id hanya beda huruf besar-kecil",
   "id \"{value}\" hanya berbeda huruf besar-kecil dari {other}",
   "Di Windows dan macOS kedua berkas akan bertabrakan; ganti salah satu nama berkas.")
# --- reference data ----------------------------------------------------------
_t("invalid-reference", ERROR, "Data rujukan tidak sah",
   "data rujukan tidak sah: {detail}",
   "Perbaiki berkas rujukan ini; formatnya dijelaskan di komentar awal berkas.")

PROBLEM_TYPES: dict[str, ProblemType] = dict(_TYPES)


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str
    file: str
    line: int | None
    column: int | None
    field: str | None
    message: str
    hint: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def to_dict(self) -> dict:
        return asdict(self)

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.column or 0, self.code, self.field or "")


def problem(code: str, file: str, line: int | None = None, column: int | None = None,
            field: str | None = None, **params) -> Problem:
    """Build a Problem from its type's templates (`params` fill them)."""
    kind = PROBLEM_TYPES[code]
    params.setdefault("field", field or "")
    params.setdefault("extra", "")
    parent, _, key = (field or "").rpartition(".")  # hasil.langkah.sesudah: 'sesudah' inside 'hasil.langkah'
    params.setdefault("key", key)
    params.setdefault("place", f" di dalam '{parent}'" if parent else " di antara kedua baris '---' di awal berkas")
    message = kind.message.format(**params)
    hint = " ".join(kind.hint.format(**params).split())
    return Problem(code, kind.severity, file, line, column, field, message, hint)


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    def __post_init__(self) -> None:
        self.problems = sorted(set(self.problems), key=Problem.sort_key)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def ok(self, strict: bool = False) -> bool:
        """The one place that decides what is fatal: errors, and warnings too when strict."""
        return not (self.errors or (strict and self.warnings))

    def to_dict(self) -> dict:
        return {
            "valid": not self.errors,
            "stats": {
                "files": self.files_checked,
                "errors": len(self.errors),
                "warnings": len(self.warnings),
            },
            "problems": [p.to_dict() for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"
