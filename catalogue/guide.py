"""The contributor guide (Bahasa Indonesia), generated from the schema and the reference data.

One text, two places: the site's "Panduan" page and CONTRIBUTING.md (written by
`catalogue repo-files`, checked for drift by a test), so the field reference cannot drift.
"""

from __future__ import annotations

from . import scaffold, schema
from .problems import PROBLEM_TYPES
from .reference import Reference
from .repository import Repository


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
    return {"text": f"teks {f.min_len}–{f.max_len} karakter", "date": "tanggal `TAHUN-BULAN-TANGGAL` atau `\"TAHUN-BULAN\"`",
            "results": "lihat contoh di kerangka", "id": "id inovasi lain di katalog",
            "contact": "`unit`, `email`, `telepon` (kontak kantor saja)", "links": "daftar `{judul, url}`",
            "tags": "daftar kata kunci pendek", "flag": "`true` atau `false`"}.get(f.kind, "")


def render(ref: Reference, repo: Repository | None = None, for_site: bool = True) -> str:
    form = "[Ajukan inovasi](ajukan.md)" if for_site else "**Ajukan inovasi** di situs katalog"
    where = f"[repositori katalog]({repo.tree_url('entries')})" if repo else "repositori katalog"
    out = [
        "# Panduan menambah inovasi",
        "Setiap inovasi adalah **satu berkas teks** di folder `entries/<wilayah>/`, misalnya "
        "`entries/banjar/antar-obat-lansia.md`. Berkas diajukan sebagai *pull request*; pemeriksaan "
        "otomatis langsung menunjukkan baris yang perlu diperbaiki, lalu peninjau di Balitbangda/Bappeda "
        "menggabungkannya dan situs diperbarui dengan sendirinya.",
        "Tidak perlu memasang apa pun: cukup akun GitHub dan peramban.",
        "## Cara termudah: formulir",
        f"1. Buka halaman {form} dan isi formulirnya. Formulir memeriksa isian seperti pemeriksaan otomatis.\n"
        "2. Tekan **Buka di GitHub**: halaman *Create new file* terbuka dengan nama dan isi berkas yang sudah terisi.\n"
        "3. Tekan **Commit changes…**, pilih *Create a new branch for this commit and start a pull request*, "
        "lalu **Propose changes** dan **Create pull request**.\n"
        "4. Tanpa akun GitHub: tekan **Unduh berkas** dan kirimkan berkasnya kepada peninjau, atau gunakan "
        "formulir isu *Usulkan inovasi* di repositori.",
        "## Lewat editor web GitHub",
        f"1. Buka folder `entries/` di {where}, lalu folder wilayah Anda (lihat tabel wilayah di bawah).\n"
        "2. Pilih **Add file → Create new file**. Nama berkas adalah id inovasi: huruf kecil, angka dan tanda "
        "hubung, diakhiri `.md`, misalnya `antar-obat-lansia.md`.\n"
        "3. Salin kerangka di bawah, lalu ganti isinya.\n"
        "4. **Commit changes…** → *Create a new branch for this commit and start a pull request* → "
        "**Propose changes** → **Create pull request**.\n"
        "5. Dalam beberapa menit pemeriksaan otomatis selesai. Jika ada masalah, setiap masalah tampil di tab "
        "*Files changed* tepat pada barisnya, dengan penjelasan dan cara memperbaikinya. Perbaiki berkas di "
        "cabang yang sama (ikon pensil), dan pemeriksaan berjalan lagi.\n"
        "6. Pratinjau situs dapat diunduh dari hasil pemeriksaan (*Artifacts*, `situs-pratinjau`).",
        "## Di komputer sendiri",
        "```sh\nmake install                     # sekali saja\n"
        ".venv/bin/catalogue new --nama \"Antar Obat Lansia\" --wilayah 63.03 \\\n"
        "  --perangkat-daerah \"Dinas Kesehatan\" --bidang sosial --bentuk pelayanan_publik \\\n"
        "  --jenis non_digital --tahapan uji_coba --waktu-uji-coba 2024-02-01\n"
        ".venv/bin/catalogue validate     # semua masalah sekaligus, dengan berkas dan baris\n"
        "make serve                       # pratinjau di http://127.0.0.1:8000\n"
        "make serve INOVASI=antar-obat-lansia   # pratinjau cepat: hanya inovasi ini (atau WILAYAH=banjar)\n```",
        "Dengan [pre-commit](https://pre-commit.com), `pre-commit install` menjalankan pemeriksaan setiap kali "
        "Anda membuat commit.",
        "## Kerangka berkas",
        f"```markdown\n{scaffold.entry_text(scaffold.example_values())}```",
        f"Isi berkas (rancang bangun) memuat bagian {', '.join(f'`## {s}`' for s in schema.REQUIRED_SECTIONS)} "
        f"dan sebaiknya paling sedikit {schema.MIN_WORDS} kata, seperti diminta Kemendagri. Entri contoh "
        "(ilustrasi, bukan program nyata) diberi `contoh: true`.",
        "## Daftar isian",
        "| Isian | Wajib | Nilai | Keterangan |\n|---|---|---|---|\n" + "\n".join(
            f"| `{f.name}` | {'ya' if f.required else 'tidak'} | {cell(values_of(f, ref))} | {cell(f.help)} |"
            for f in schema.FIELDS),
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
        "Setiap masalah berbentuk `berkas:baris:kolom: error [kode] isian: pesan`, diikuti petunjuk. "
        "*error* (galat) harus diperbaiki; *warning* (peringatan) sebaiknya diperbaiki.",
        "| Kode | Jenis | Arti |\n|---|---|---|\n" + "\n".join(
            f"| `{t.code}` | {'galat' if t.severity == 'error' else 'peringatan'} | {cell(t.title)} |"
            for t in PROBLEM_TYPES.values()),
    ]
    if not for_site:
        out.insert(0, "<!-- Dibuat oleh `catalogue repo-files` dari catalogue/schema.py dan catalogue/data/; "
                      "jangan disunting langsung. -->")
    return "\n\n".join(out) + "\n"
