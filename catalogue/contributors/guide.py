"""The contributor guide (Bahasa Indonesia), generated from the schema and the reference data.

One text, two places: the site's "Panduan" page and CONTRIBUTING.md (written by
`catalogue repo-files`, checked for drift by a test), so the field reference cannot drift.

Written for SKPD clerks who are not programmers: the steps come first, each GitHub word that is not
obvious is explained where it first appears, and the list of problem codes sits at the end, for reviewers.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, fields
from typing import Mapping

from ..entry import scaffold, schema
from ..entry.problems import PROBLEM_TYPES
from ..entry.reference import Reference
from ..repository import Repository

FORK = ("Jika GitHub meminta **Fork this repository**, tekan tombol itu: GitHub akan membuat salinan "
        "repositori ini di akun Anda, dan usulan Anda dikirim dari salinan itu ke katalog ini.")
FRONT_MATTER = ("Baris-baris di antara dua garis `---` di bagian atas berkas disebut *front matter* (ditulis "
                "dalam format YAML): setiap baris berisi satu isian dengan pola `isian: nilai`, misalnya "
                "`tahapan: penerapan`.")
ASK_REGION = "Tanyakan alamatnya kepada Bappeda atau Balitbangda di daerah Anda."
CONTACT_BOX = "Kontak pengelola katalog"  # the heading of the box under the guide and the form on the site
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")  # safe in a link


@dataclass(frozen=True)
class Contact:
    """Where people without a GitHub account send their file: mkdocs.yml `extra: katalog: kontak:`.

    The site's templates read the same setting (theme_overrides/partials/kontak.html)."""
    nama: str = ""
    email: str = ""
    telepon: str = ""
    alamat: str = ""

    @classmethod
    def from_extra(cls, extra: Mapping | None) -> Contact | None:
        """The contact in MkDocs' `extra` settings, or None; ValueError (in Indonesian) when malformed."""
        section = (extra or {}).get("katalog")
        if section is None:
            return None
        if not isinstance(section, Mapping):
            raise ValueError("extra.katalog harus berisi isian, misalnya 'kontak:'.")
        data = section.get("kontak")
        if data is None:
            return None
        known = [f.name for f in fields(cls)]
        if not isinstance(data, Mapping) or set(data) - set(known):
            raise ValueError(f"extra.katalog.kontak hanya boleh berisi {', '.join(known)}.")
        for key, value in data.items():
            if value is not None and not isinstance(value, str):
                raise ValueError(f"extra.katalog.kontak.{key} harus berupa teks; tulis dalam tanda kutip, "
                                 f'misalnya {key}: "0511 1234567".')
        contact = cls(**{k: " ".join(v.split()) for k, v in data.items() if v})
        if contact.email and not EMAIL.match(contact.email):
            raise ValueError(f"extra.katalog.kontak.email '{contact.email}' bukan alamat surel yang sah.")
        if not (contact.email or contact.telepon or contact.alamat):
            raise ValueError("extra.katalog.kontak perlu paling sedikit email, telepon atau alamat.")
        return contact

    def markdown(self) -> str:
        parts = [f"surel [{plain(self.email)}](mailto:{self.email})" if self.email else "",
                 f"telepon {plain(self.telepon)}" if self.telepon else "",
                 f"alamat {plain(self.alamat)}" if self.alamat else ""]
        where = ", ".join(p for p in parts if p)
        return f"**{plain(self.nama)}**, {where}" if self.nama else where


def use_contact(contact: Contact | None) -> None:
    global _project_contact
    _project_contact = contact


def plain(text: str) -> str:
    """A setting as plain text in Markdown (no HTML, no Markdown syntax)."""
    return re.sub(r"([\\`*_{}\[\]()!|~#])", r"\\\1", html.escape(text, quote=False))


def cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def values_of(f: schema.Field, ref: Reference) -> str:
    if f.kind == "region":
        return "kode wilayah, lihat tabel wilayah"
    if f.choices == "bidang":
        return ", ".join(f"`{k}`" for k in ref.areas)
    if f.choices == "urusan":
        return "kunci urusan, lihat tabel urusan"
    if f.choices:
        return ", ".join(f"`{k}` ({v})" for k, v in ref.choices[f.choices].items())
    if f.parts:  # records: the keys of each item, required ones in bold
        return "daftar `{" + ", ".join(p.name for p in f.parts) + "}`"
    return {"text": f"teks {f.min_len}–{f.max_len} karakter", "date": "tanggal `TAHUN-BULAN-TANGGAL` atau `\"TAHUN-BULAN\"`",
            "results": "lihat contoh di kerangka", "id": "id inovasi lain di katalog",
            "contact": "`unit`, `email`, `telepon` (kontak kantor saja)",
            "tags": "daftar kata kunci pendek", "flag": "`true` atau `false`"}.get(f.kind, "")


COMMIT = ("Tekan **Commit changes…**, lalu **Propose changes** (jika ada pilihan, pilih *Create a new branch for "
          "this commit and start a pull request*), lalu **Create pull request**.")


def sending(contact: Contact | None, for_site: bool) -> str:
    """Where a file made without a GitHub account goes (the site shows the setting in a box instead)."""
    if for_site:
        return f"Alamatnya ada di kotak **{CONTACT_BOX}** di bagian bawah halaman ini."
    return f"Pengelola katalog: {contact.markdown()}." if contact else ASK_REGION


def render(ref: Reference, repo: Repository | None = None, for_site: bool = True,
           contact: Contact | None = None) -> str:
    """The guide; `contact` (mkdocs.yml extra.katalog.kontak) is where to send a file without an account."""
    form = "[Ajukan inovasi](ajukan.md)" if for_site else "**Ajukan inovasi** di situs katalog"
    where = f"[repositori katalog]({repo.tree_url('entries')})" if repo else "repositori katalog"
    out = [
        "# Panduan menambah inovasi",
        "Setiap inovasi adalah **satu berkas teks** di folder `entries/<wilayah>/`, misalnya "
        "`entries/banjar/antar-obat-lansia.md`. Berkas baru diajukan sebagai *pull request*, yaitu usulan "
        "perubahan yang diperiksa dulu sebelum masuk ke katalog. Pemeriksaan otomatis langsung menunjukkan "
        "baris yang perlu diperbaiki. Setelah itu peninjau di Balitbangda/Bappeda menyetujuinya, dan situs "
        "diperbarui dengan sendirinya.",
        "Tidak perlu memasang apa pun: cukup akun GitHub dan peramban (browser). Belum punya akun GitHub? "
        "Lihat [Tanpa akun GitHub](#tanpa-akun-github).",
        "## Cara termudah: formulir",
        f"1. Buka halaman {form} dan isi formulirnya. Formulir langsung memeriksa isian Anda.\n"
        "2. Tekan **Buka di GitHub**. Halaman *Create new file* terbuka dengan nama dan isi berkas yang sudah "
        f"terisi. {FORK}\n"
        f"3. {COMMIT}",
        "## Tanpa akun GitHub",
        f"1. Isi formulir di halaman {form}, lalu tekan **Unduh berkas**. Jika formulir tidak dapat dibuka, "
        "salin [kerangka berkas](#kerangka-berkas) ke dokumen teks, lalu isi.\n"
        "2. Kirim berkas itu, atau teks isian Anda, kepada pengelola katalog lewat surel (email) atau cara "
        f"lain. {sending(contact, for_site)}\n"
        "3. Pengelola katalog mengajukan berkas Anda ke katalog.",
        "Punya akun GitHub, tetapi tidak ingin membuat berkas? Isi formulir *Usulkan inovasi* di tab *Issues* "
        "repositori. Peninjau akan menyusun berkasnya dari jawaban Anda.",
        "## Lewat editor web GitHub",
        f"1. Buka folder `entries/` di {where}, lalu folder wilayah Anda (lihat "
        "[Kode wilayah dan folder](#kode-wilayah-dan-folder)).\n"
        f"2. Pilih **Add file → Create new file**. {FORK}\n"
        "3. Ketik nama berkas. Nama berkas adalah id inovasi: huruf kecil, angka dan tanda hubung, diakhiri "
        "`.md`, misalnya `antar-obat-lansia.md`.\n"
        "4. Salin [kerangka berkas](#kerangka-berkas), lalu ganti isinya.\n"
        f"5. {COMMIT}\n"
        "6. Dalam beberapa menit pemeriksaan otomatis selesai. Jika ada masalah, setiap masalah tampil di tab "
        "*Files changed* tepat pada barisnya, dengan penjelasan dan cara memperbaikinya. Perbaiki berkas dari "
        "tab itu (menu **⋯ → Edit file**), lalu tekan **Commit changes**; pemeriksaan berjalan lagi.\n"
        "7. Pratinjau situs dapat diunduh dari hasil pemeriksaan (*Artifacts*, `situs-pratinjau`).",
        "## Kerangka berkas",
        f"{FRONT_MATTER} Di bawah garis `---` yang kedua ada isi berkas: teks biasa, dengan judul bagian yang "
        "diawali `##`.",
        f"```markdown\n{scaffold.entry_text(scaffold.example_values())}```",
        f"Isi berkas (rancang bangun) memuat bagian {', '.join(f'`## {s}`' for s in schema.REQUIRED_SECTIONS)} "
        f"dan sebaiknya paling sedikit {schema.MIN_WORDS} kata, seperti diminta Kemendagri.",
        "## Daftar isian",
        "Setiap baris front matter memakai salah satu isian berikut.",
        "| Isian | Wajib | Nilai | Keterangan |\n|---|---|---|---|\n" + "\n".join(
            f"| `{f.name}` | {'ya' if f.required else 'tidak'} | {cell(values_of(f, ref))} | {cell(f.help)} |"
            for f in schema.FIELDS if f.name != "contoh"),  # demo catalogues' flag: not for a work unit
        "Isilah paling sedikit salah satu dari `waktu_uji_coba` dan `waktu_penerapan`. Tanggal tidak boleh "
        "di masa depan, dan uji coba tidak boleh sesudah penerapan. Tulis kode wilayah dalam tanda kutip.",
        "## Kode wilayah dan folder",
        "| Kode | Wilayah | Folder |\n|---|---|---|\n" + "\n".join(
            f"| `\"{r.code}\"` | {cell(r.name)} | `entries/{r.slug}/` |" for r in ref.regions.values()),
        "## Bidang",
        "\n".join(f"- `{k}` — **{cell(a.label)}**: {cell(a.description)}" for k, a in ref.areas.items()),
        "## Urusan",
        "\n\n".join(f"**{cell(label)}**: " + ", ".join(f"`{k}` ({cell(ref.urusan[k])})" for k in keys)
                    for label, keys in ref.urusan_groups.values()),
        "## Arti pesan pemeriksaan",
        "Setiap masalah berbentuk `berkas:baris:kolom: error [kode] isian: pesan`, diikuti petunjuk cara "
        "memperbaikinya. *error* (galat) harus diperbaiki; *warning* (peringatan) sebaiknya diperbaiki. "
        "Kode di dalam tanda `[ ]` untuk peninjau; daftarnya ada di bagian [Untuk peninjau](#untuk-peninjau).",
        "## Ringkasan dari sumber publik dan entri lengkap",
        "Entri biasa adalah **entri lengkap** (`kelengkapan: lengkap`, bawaan, tidak perlu ditulis): diisi "
        "perangkat daerah yang menjalankan inovasinya, dengan semua isian wajib di atas dan keempat bagian teks.",
        "Inovasi yang baru diketahui dari halaman publik (berita, pengumuman lomba, profil inovasi di situs "
        "daerah) dicatat sebagai **ringkasan** (`kelengkapan: ringkasan`). Ringkasan cukup berisi `nama`, "
        f"`wilayah`, `perangkat_daerah`, `bidang`, paling sedikit satu `sumber`, dan teks paling sedikit "
        f"{schema.SUMMARY_MIN_WORDS} kata dalam susunan apa pun; isian lain boleh kosong. Halamannya menyebut "
        "bahwa isinya ringkasan dari sumber publik, mencantumkan sumbernya, dan mengundang perangkat daerahnya "
        "melengkapi.",
        "Aturannya: **setiap fakta harus disebut salah satu sumber** di `sumber` (judul, alamat, tanggal "
        "diakses). Yang tidak disebut sumber dibiarkan kosong: jangan menebak angka, tanggal atau hasil. Tulis "
        "dengan kata-kata sendiri; jangan menyalin kalimat sumber. Sebut perangkat daerah, bukan nama pejabat. "
        "Bidang, bentuk dan jenis boleh dipilih dari uraian sumber.",
        "```yaml\n---\nnama: Sistem Informasi Pelayanan Contoh\nsingkatan: SIPACO\nwilayah: \"63.09\"\n"
        "perangkat_daerah: Dinas Kependudukan dan Pencatatan Sipil\nbidang: [administrasi]\n"
        "kelengkapan: ringkasan\nsumber:\n- {judul: Judul berita peluncurannya, url: https://contoh.go.id/berita, "
        "diakses: 2026-11-30}\n---\nDua atau tiga paragraf dengan kata-kata sendiri: masalah apa yang diatasi, apa "
        "yang dilakukan dan untuk siapa, siapa yang menjalankannya, dan apa yang dilaporkan sumbernya.\n```",
        "Cara termudah melengkapi ringkasan: tekan **Lengkapi lewat formulir** di halaman inovasinya (atau di "
        "daftar *Inovasi yang menunggu dilengkapi* di halaman wilayahnya). Formulir terbuka sudah berisi entrinya, "
        "menyebut apa yang masih perlu diisi, dan membuat berkas yang hanya berbeda di bagian yang Anda ubah; "
        "sumber dan teks yang ada tetap disimpan. Setelah itu tekan **Salin**, buka halaman sunting berkasnya, "
        "ganti seluruh isinya dengan teks yang disalin, lalu ajukan perubahannya (atau unduh berkasnya dan kirim "
        "kepada pengelola katalog).",
        "Lewat penyunting teks: hapus baris `kelengkapan: ringkasan`, isi isian "
        "wajib yang masih kosong, dan tulis keempat bagian teks; `sumber` boleh tetap ada.",
        "## Di komputer sendiri",
        "Untuk yang terbiasa memakai terminal dan Git:",
        "```sh\nmake install                     # sekali saja\n"
        ".venv/bin/catalogue new --nama \"Antar Obat Lansia\" --wilayah 63.03 \\\n"
        "  --perangkat-daerah \"Dinas Kesehatan\" --bidang sosial --bentuk pelayanan_publik \\\n"
        "  --jenis non_digital --tahapan uji_coba --waktu-uji-coba 2024-02-01\n"
        ".venv/bin/catalogue validate     # semua masalah sekaligus, dengan berkas dan baris\n"
        "make serve                       # pratinjau di http://127.0.0.1:8000\n"
        "make serve INOVASI=antar-obat-lansia   # pratinjau cepat: hanya inovasi ini (atau WILAYAH=banjar)\n```",
        "Dengan [pre-commit](https://pre-commit.com), `pre-commit install` menjalankan pemeriksaan setiap kali "
        "Anda membuat commit.",
        "## Untuk peninjau",
        "Bagian ini untuk peninjau dan pengelola katalog. Berkas yang dikirim tanpa akun GitHub diajukan lewat "
        "editor web seperti di atas; sebutkan pengirim dan perangkat daerahnya di *pull request*.",
        "### Mengimpor daftar dari lembar kerja",
        "Daftar inovasi yang sudah ada di Excel (rekap lomba inovasi, bahan laporan ke Kemendagri, rekap "
        "perangkat daerah) tidak perlu diketik ulang: `catalogue import` membuat satu berkas entri dari setiap "
        "baris. Judul kolom dikenali dalam urutan dan huruf apa pun: kolom unduhan katalog (`data/katalog.xlsx`) "
        "dan butir laporan Kemendagri (*Nama Inovasi*, *Pemerintah Daerah*, *Perangkat Daerah*, *Tahapan "
        "Inovasi*, *Jenis Inovasi*, *Bentuk Inovasi Daerah*, *Waktu Uji Coba*, *Latar Belakang*, *Tujuan*, "
        "*Manfaat*, *Hasil*…). Label seperti \"Pelayanan publik\" atau \"Kabupaten Banjar\", tanggal 17/05/2022 "
        "atau \"Mei 2022\", dan angka \"Rp 1.500.000\" diterima. Baris judul boleh di bawah judul lembar; "
        "lembar catatan dilewati.",
        "Contoh: rekap `rekap-2024.xlsx` berisi kolom *Nama Inovasi*, *Pemerintah Daerah*, *Perangkat Daerah*, "
        "*Bidang*, *Bentuk Inovasi Daerah*, *Jenis Inovasi*, *Tahapan Inovasi*, *Waktu Uji Coba* dan keempat "
        "bagian teks.",
        "```sh\n.venv/bin/catalogue import rekap-2024.xlsx           # uji coba: apa yang akan ditulis, atau "
        "masalahnya per sel\n"
        ".venv/bin/catalogue import rekap-2024.xlsx --tulis   # menulis semua berkas, atau tidak satu pun\n```",
        "Setiap masalah ditunjukkan dengan selnya, misalnya `rekap-2024.xlsx › Rekap 2024 › H5: error "
        "[invalid-choice] tahapan: nilai \"Selesai\" tidak termasuk pilihan yang sah`. Perbaiki selnya di Excel, "
        "simpan, lalu jalankan lagi. Inovasi yang sudah ada di katalog tidak ditimpa; dengan `--perbarui` hanya "
        "isian yang kolomnya ada di lembar yang diganti. Untuk menyunting seluruh katalog di Excel: unduh "
        "`data/katalog.xlsx`, ubah, lalu `catalogue import katalog.xlsx --perbarui --tulis`.",
        "### Kode masalah",
        "Semua kode masalah dari pemeriksaan otomatis:",
        "| Kode | Jenis | Arti |\n|---|---|---|\n" + "\n".join(
            f"| `{t.code}` | {'galat' if t.severity == 'error' else 'peringatan'} | {cell(t.title)} |"
            for t in PROBLEM_TYPES.values()),
    ]
    if not for_site:
        out.insert(0, "<!-- Dibuat oleh `catalogue repo-files` dari catalogue/entry/schema.py, catalogue/data/ dan mkdocs.yml; "
                      "jangan disunting langsung. -->")
    return "\n\n".join(out) + "\n"
