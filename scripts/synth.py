"""Deterministic synthetic catalogue for benchmarks: a national region list and N valid entries.

    python scripts/synth.py /tmp/katalog --entries 10000 [--seed 1]

Writes a complete project (mkdocs.yml, docs/, theme_overrides/, reference/, entries/) into the
folder, so `catalogue build` can run there. Every region and entry is marked synthetic
("Contoh", `contoh: true`): nothing here describes a real innovation.
"""

from __future__ import annotations

import argparse
import datetime
import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from catalogue.entry.reference import DEFAULT_DIR  # noqa: E402

# Kemendagri province codes (38 provinces).
PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "31", "32", "33", "34", "35", "36",
             "51", "52", "53", "61", "62", "63", "64", "65", "71", "72", "73", "74", "75", "76", "81", "82",
             "91", "92", "93", "94", "95", "96"]
KABUPATEN, KOTA = 416, 98

AREAS = ["administrasi", "manajemen", "kebijakan", "sosial", "frugal", "teknologi"]
URUSAN = ["pendidikan", "kesehatan", "pekerjaan_umum", "perumahan", "sosial", "tenaga_kerja", "pangan",
          "lingkungan_hidup", "administrasi_kependudukan", "pemberdayaan_masyarakat_desa", "perhubungan",
          "komunikasi_informatika", "koperasi_ukm", "penanaman_modal", "pariwisata", "pertanian",
          "kelautan_perikanan", "perencanaan", "keuangan", "kepegawaian", "pengawasan"]
SKPD = ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial", "Dinas Pertanian", "Dinas Perhubungan",
        "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Komunikasi dan Informatika", "Dinas Lingkungan Hidup",
        "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Perumahan dan Kawasan Permukiman",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Dinas Koperasi dan Usaha Mikro",
        "Dinas Perdagangan", "Dinas Perikanan", "Dinas Pariwisata", "Dinas Ketahanan Pangan",
        "Dinas Pemberdayaan Masyarakat dan Desa", "Dinas Tenaga Kerja", "Dinas Perpustakaan dan Kearsipan",
        "Badan Perencanaan Pembangunan Daerah", "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "Badan Pendapatan Daerah",
        "Badan Penanggulangan Bencana Daerah", "Badan Riset dan Inovasi Daerah", "Inspektorat",
        "Sekretariat Daerah", "Sekretariat DPRD", "RSUD", "Satuan Polisi Pamong Praja", "Kecamatan Kota",
        "Kecamatan Hulu", "Puskesmas Induk", "Dinas Kepemudaan dan Olahraga", "Dinas Kebudayaan"]
SERVICES = ["pelayanan akta kelahiran", "pendaftaran pasien", "perizinan usaha mikro", "pengaduan warga",
            "penyaluran bantuan sosial", "pemeriksaan kehamilan", "imunisasi anak", "pengelolaan sampah",
            "penyuluhan pertanian", "pembayaran retribusi pasar", "pelaporan kerusakan jalan",
            "pengajuan beasiswa", "pendataan penduduk miskin", "pelayanan air bersih", "pencatatan nikah",
            "penerbitan kartu identitas anak", "perekaman data kependudukan", "pelatihan kerja",
            "pengawasan pangan", "pemantauan kualitas air sungai", "perpustakaan keliling",
            "pengelolaan arsip dinas", "penilaian kinerja pegawai", "penyusunan anggaran desa",
            "pelayanan ambulans", "pendampingan UMKM", "pemasaran hasil perikanan", "layanan lansia",
            "pencegahan stunting", "mitigasi banjir", "pendaftaran sekolah", "pelayanan pajak daerah"]
NAME_HEADS = ["Layanan", "Gerakan", "Sistem", "Aplikasi", "Program", "Klinik", "Gerai", "Sekolah", "Pos",
              "Forum", "Jemput Bola", "Percepatan", "Pojok", "Rumah", "Kampung", "Satu Pintu"]
NAME_TAILS = ["untuk Warga Desa", "Tanpa Antre", "Berbasis Kelurahan", "Terpadu", "Keliling",
              "Ramah Lansia", "dari Rumah", "Satu Hari Selesai", "Bersama Kader", "Digital", "Hemat Biaya",
              "di Tepian Sungai", "untuk Nelayan", "bagi Petani", "bagi Pelajar", "Tepat Waktu"]
SUBJECTS = ["warga", "petugas", "kader posyandu", "perangkat desa", "pelaku usaha", "petani", "nelayan",
            "pelajar", "orang tua", "tenaga kesehatan", "aparatur sipil negara", "camat", "lurah",
            "penyuluh", "relawan", "pengelola pasar", "guru", "bidan desa", "operator kecamatan"]
VERBS = ["mengurus", "mendaftarkan", "memantau", "melaporkan", "mengajukan", "memeriksa", "mencatat",
         "menyalurkan", "mempercepat", "menyederhanakan", "mengelola", "mengawasi", "memverifikasi",
         "menerbitkan", "menjangkau", "mendampingi", "menghubungkan", "mengumpulkan", "membayar"]
OBJECTS = ["berkas persyaratan", "data penerima manfaat", "laporan bulanan", "jadwal layanan",
           "dokumen kependudukan", "izin usaha", "hasil pemeriksaan", "anggaran kegiatan", "daftar tunggu",
           "keluhan masyarakat", "stok obat", "rekapitulasi kinerja", "peta sebaran", "bukti pembayaran",
           "formulir permohonan", "catatan tumbuh kembang anak", "hasil panen", "tangkapan ikan"]
PLACES = ["di kantor kecamatan", "di balai desa", "di puskesmas", "melalui telepon genggam",
          "di kantor kelurahan", "secara daring", "di sekolah", "di pasar", "di rumah warga",
          "di posyandu", "di dermaga", "di gerai pelayanan", "di aula dinas"]
CONNECTORS = ["Sebelumnya,", "Akibatnya,", "Selain itu,", "Dengan inovasi ini,", "Kini", "Setelah uji coba,",
              "Pada tahap awal,", "Menurut catatan dinas,", "Dalam praktiknya,", "Oleh karena itu,"]


def regions() -> list[dict]:
    out = []
    kab_left, kota_left = KABUPATEN, KOTA
    for i, p in enumerate(PROVINCES):
        out.append({"kode": p, "nama": f"Provinsi Contoh {p}", "jenis": "provinsi", "slug": f"provinsi-{p}"})
        left = len(PROVINCES) - i
        n_kab, n_kota = kab_left // left, kota_left // left
        kab_left, kota_left = kab_left - n_kab, kota_left - n_kota
        for k in range(1, n_kab + 1):
            code = f"{p}.{k:02d}"
            out.append({"kode": code, "nama": f"Kabupaten Contoh {code}", "jenis": "kabupaten",
                        "slug": f"kab-{p}-{k:02d}"})
        for k in range(71, 71 + n_kota):
            code = f"{p}.{k:02d}"
            out.append({"kode": code, "nama": f"Kota Contoh {code}", "jenis": "kota", "slug": f"kota-{p}-{k:02d}"})
    return out


PURPOSES = ["mengurangi antrean", "memangkas waktu tunggu", "menekan biaya perjalanan", "memperbaiki mutu data",
            "menjangkau desa terpencil", "mencegah berkas hilang", "mempermudah pengawasan", "membuka peluang usaha",
            "menambah pendapatan keluarga", "memperkuat kerja sama antarinstansi", "meningkatkan kepercayaan warga",
            "menyiapkan laporan tepat waktu", "mengurangi pemakaian kertas", "memperluas cakupan sasaran"]


def sentence(rng: random.Random, service: str) -> str:
    # The topic comes back now and then, as in a real description, not in every sentence.
    goal = service if rng.random() < 0.3 else rng.choice(PURPOSES)
    s = (f"{rng.choice(CONNECTORS)} {rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
         f"{rng.choice(PLACES)} untuk {goal}")
    if rng.random() < 0.5:
        s += f", sehingga {rng.choice(SUBJECTS)} tidak perlu {rng.choice(VERBS)} {rng.choice(OBJECTS)} lagi"
    return s + "."


def body(rng: random.Random, service: str) -> str:
    parts = []
    for title in ("Latar Belakang", "Tujuan", "Manfaat", "Hasil"):
        paras = []
        for _ in range(rng.randint(2, 3)):
            paras.append(" ".join(sentence(rng, service) for _ in range(rng.randint(3, 5))))
        parts.append(f"## {title}\n\n" + "\n\n".join(paras))
    return "\n\n".join(parts) + "\n"


LAST_DAY = datetime.date(2025, 12, 31)  # synthetic dates stay in the past


def later(rng: random.Random, start: datetime.date, low: int, high: int) -> datetime.date | None:
    day = start + datetime.timedelta(days=rng.randint(low, high))
    return day if day <= LAST_DAY else None


def entry(rng: random.Random, i: int, region: dict, earlier: list[str]) -> tuple[str, dict, str]:
    service = rng.choice(SERVICES)
    name = f"{rng.choice(NAME_HEADS)} {service.capitalize()} {rng.choice(NAME_TAILS)}"
    ident = f"contoh-{i:06d}"
    stage = rng.choices(["penerapan", "uji_coba", "inisiatif"], [70, 20, 10])[0]
    trial = datetime.date(rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28))
    implemented = later(rng, trial, 30, 400) if stage == "penerapan" else None
    if stage == "penerapan" and not implemented:
        stage = "uji_coba"
    data: dict = {
        "nama": f"{name} {i}",
        "wilayah": region["kode"],
        "perangkat_daerah": rng.choice(SKPD),
        "bidang": rng.sample(AREAS, rng.choices([1, 2, 3], [50, 35, 15])[0]),
        "bentuk": rng.choices(["pelayanan_publik", "tata_kelola", "lainnya"], [55, 30, 15])[0],
        "jenis": rng.choice(["digital", "non_digital"]),
        "tahapan": stage,
        "inisiator": rng.choice(["kepala_daerah", "anggota_dprd", "perangkat_daerah", "asn", "masyarakat"]),
        "urusan": rng.sample(URUSAN, rng.randint(1, 2)),
        "waktu_uji_coba": trial.isoformat(),
    }
    if implemented:
        data["waktu_penerapan"] = implemented.isoformat()
    reported = later(rng, implemented or trial, 10, 300)
    if reported and rng.random() < 0.6:
        data["dilaporkan_kemendagri"] = reported.isoformat()
    if rng.random() < 0.6:
        steps = rng.randint(4, 9)
        data["hasil"] = {"langkah": {"sebelum": steps, "sesudah": rng.randint(1, steps)},
                         "waktu_hari": {"sebelum": rng.randint(3, 30), "sesudah": rng.randint(0, 3)}}
        if rng.random() < 0.5:
            cost = rng.randint(1, 40) * 25000
            data["hasil"]["biaya_rp"] = {"sebelum": cost, "sesudah": rng.randint(0, cost // 25000) * 5000}
    if earlier and rng.random() < 0.2:
        data["replikasi_dari"] = rng.choice(earlier[-500:])  # only earlier entries: no cycles
    if rng.random() < 0.03:
        data["status"] = "dihentikan"
    data["tag"] = rng.sample(["digital", "desa", "kesehatan", "layanan", "umkm", "anak", "lansia", "hemat"], 2)
    data["contoh"] = True
    return ident, data, body(rng, service)


def write_project(out: Path, n: int, seed: int = 1, provinces: int = len(PROVINCES)) -> Path:
    """`provinces`: only the first so many provinces and their regions (a quick run; default the whole country)."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "theme_overrides"):
        shutil.copytree(REPO / name, out / name, dirs_exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      entries_dir: entries\n", "      entries_dir: entries\n      reference_dir: reference\n")
    config = config.replace("site_name: Katalog Inovasi Daerah Kalimantan Selatan", "site_name: Katalog Inovasi Daerah (sintetis)")
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    ref = out / "reference"
    ref.mkdir(exist_ok=True)
    for name in ("bidang.yml", "pilihan.yml", "urusan.yml"):
        shutil.copy(DEFAULT_DIR / name, ref / name)
    all_regions = [r for r in regions() if r["kode"][:2] in PROVINCES[:provinces]]
    (ref / "wilayah.yml").write_text(yaml.safe_dump(all_regions, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    entries = out / "entries"
    if entries.exists():
        shutil.rmtree(entries)
    ids: list[str] = []
    for i in range(1, n + 1):
        region = rng.choice(all_regions)
        ident, data, text = entry(rng, i, region, ids)
        folder = entries / region["slug"]
        folder.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None, width=200)
        (folder / f"{ident}.md").write_text(f"---\n{front}---\n{text}", encoding="utf-8")
        ids.append(ident)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--provinces", type=int, default=len(PROVINCES), help="the first N provinces only")
    args = parser.parse_args()
    write_project(args.out, args.entries, args.seed, args.provinces)
    print(f"{args.entries} entri sintetis ditulis ke {args.out}")


if __name__ == "__main__":
    main()
