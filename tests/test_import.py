"""`catalogue import`: spreadsheets in (the catalogue's own export, and messy real sheets), every problem at
its cell, files written all or none; and the Excel export it reads back."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest

openpyxl = pytest.importorskip("openpyxl")
from conftest import EXAMPLES, REPO, body, built_catalogue, new_project  # noqa: E402
from openpyxl.styles import Font  # noqa: E402


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The example catalogue, built: its katalog.xlsx and katalog.csv.gz."""
    return built_catalogue(tmp_path_factory.mktemp("ekspor")).root / "site" / "data"


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md")) if p.name != "README.md"}


def repository_entries() -> dict:
    """What the exported catalogue was built from (conftest.built_catalogue): the entries and the examples."""
    return files(REPO / "entries") | files(EXAMPLES)


@pytest.mark.parametrize("name", ["katalog.xlsx", "katalog.csv.gz"])
def test_export_then_import_gives_back_the_same_files(tmp_path, exported, name):
    project = new_project(tmp_path)
    shutil.copy(exported / name, tmp_path / name)
    dry = project.run("import", str(tmp_path / name))
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "Uji coba: belum ada berkas yang ditulis" in dry.stdout and not files(project.entries)
    done = project.run("import", str(tmp_path / name), "--tulis", check=True)
    assert f"{len(repository_entries())} berkas ditulis" in done.stdout
    originals = repository_entries()
    assert files(project.entries) == originals  # byte for byte
    again = project.run("import", str(tmp_path / name), "--tulis", check=True)  # nothing overwritten
    assert again.stdout.count("dilewati") == len(repository_entries()) and "0 berkas ditulis" in again.stdout


def test_a_cut_off_download_is_named_as_such(tmp_path, exported):
    project = new_project(tmp_path)
    cut = tmp_path / "katalog.csv.gz"
    cut.write_bytes((exported / "katalog.csv.gz").read_bytes()[:300])  # a download stopped midway
    out = project.run("import", str(cut))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "katalog.csv.gz rusak atau terpotong" in out.stdout + out.stderr
    assert "Unduh lagi berkasnya dari halaman Data terbuka katalog." in out.stdout + out.stderr


def test_the_workbook_is_for_people(exported):
    wb = openpyxl.load_workbook(exported / "katalog.xlsx")
    assert wb.sheetnames == ["Inovasi", "Kode"]
    ws = wb["Inovasi"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Id", "Nama inovasi", "Singkatan", "Kode wilayah"] and ws.freeze_panes == "C2"
    row = {h: c for h, c in zip(header, ws[2])}
    assert row["Bentuk inovasi"].value == "Inovasi pelayanan publik"  # labels, not codes
    assert isinstance(row["Waktu uji coba"].value, datetime) and row["Waktu uji coba"].number_format == "yyyy-mm-dd"
    numbers = [c.value for h, c in row.items() if h.endswith(("sebelum", "sesudah")) and c.value is not None]
    assert numbers and all(isinstance(n, (int, float)) for n in numbers)
    assert ws.column_dimensions["B"].width >= 40
    codes = {(r[0], r[1]): r[2] for r in wb["Kode"].iter_rows(min_row=2, values_only=True)}
    assert codes[("tahapan", "uji_coba")] == "Uji coba" and codes[("wilayah", "63.03")] == "Kabupaten Banjar"
    assert codes[("tingkat", "nasional")] == "Nasional"


# --- a messy sheet, as kept by a regency ---------------------------------------------------------------
TEXT = " ".join(["Warga mengurus layanan di kantor kelurahan terdekat tanpa harus datang ke dinas."] * 8)
HEADER = ["No", "NAMA INOVASI ", "Pemerintah Daerah", "Perangkat Daerah", "bidang", "Bentuk Inovasi Daerah",
          "Jenis Inovasi", "Tahapan Inovasi", "Waktu Uji Coba Inovasi Daerah", "Waktu Penerapan Inovasi Daerah",
          "Biaya sebelum", "Biaya sesudah", "Latar Belakang", "Tujuan Inovasi Daerah", "Manfaat yang Diperoleh",
          "Hasil Inovasi"]


def messy(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rekap 2024"
    ws["A1"] = "DAFTAR INOVASI DAERAH KABUPATEN TAPIN TAHUN 2024"
    ws.merge_cells("A1:P1")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = "Sumber: rekap perangkat daerah"
    ws.append([])
    ws.append(HEADER)  # the header on row 4
    for i, r in enumerate(rows, 1):
        ws.append([i, *r])
        if i == 1:
            ws.append([])  # an empty row inside the table
    ws["K6"].number_format = '"Rp"#,##0'
    notes = wb.create_sheet("Catatan")
    notes.append(["Catatan untuk pengisi"])
    notes.append(["Tanggal ditulis hari/bulan/tahun."])
    wb.save(path)


ROWS = [
    ["Layanan Izin Usaha di Kelurahan  ", "Kab. Tapin", "Dinas Penanaman Modal ", "Administrasi; teknologi",
     "Pelayanan publik", "Digital", "Penerapan", datetime(2022, 5, 17), "Mei 2023", 1500000, "Rp 250.000",
     TEXT, TEXT, TEXT, TEXT],
    ["Antar Akta Kelahiran", "Kabupaten Tapin", "Disdukcapil", "administrasi", "pelayanan_publik", "Non Digital",
     "Uji Coba", "17/05/2022", None, "Rp 50.000", "0", TEXT, TEXT, TEXT, TEXT],
    ["Kebun Gizi Sekolah", "tapin", "Dinas Pendidikan", "Sosial, Frugal", "Inovasi daerah lainnya sesuai urusan "
     "pemerintahan", "non_digital", "inisiatif", 44927, None, None, None, TEXT, TEXT, TEXT, TEXT],
]


def test_a_messy_regency_sheet_imports(tmp_path):
    project = new_project(tmp_path)
    sheet = tmp_path / "rekap inovasi 2024.xlsx"
    messy(sheet, ROWS)
    out = project.run("import", str(sheet), "--tulis")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "kolom berikut tidak dikenal dan tidak dibaca: No" in out.stdout
    written = files(project.entries)
    assert sorted(written) == ["tapin/antar-akta-kelahiran.md", "tapin/kebun-gizi-sekolah.md",
                               "tapin/layanan-izin-usaha-di-kelurahan.md"]
    first = written["tapin/layanan-izin-usaha-di-kelurahan.md"].decode()
    for line in ('nama: Layanan Izin Usaha di Kelurahan', 'wilayah: "63.05"', "perangkat_daerah: Dinas Penanaman Modal",
                 "bidang: [administrasi, teknologi]", "bentuk: pelayanan_publik", "jenis: digital",
                 "waktu_uji_coba: 2022-05-17", "waktu_penerapan: 2023-05",
                 "  biaya_rp: {sebelum: 1500000, sesudah: 250000}"):
        assert line in first.splitlines(), (line, first)
    assert "## Tujuan\n\nWarga mengurus" in first
    second = written["tapin/antar-akta-kelahiran.md"].decode()
    assert "waktu_uji_coba: 2022-05-17" in second and "jenis: non_digital" in second and "tahapan: uji_coba" in second
    third = written["tapin/kebun-gizi-sekolah.md"].decode()
    assert "waktu_uji_coba: 2023-01-01" in third  # an Excel date serial in a plain number cell
    assert "bidang: [sosial, frugal]" in third and "bentuk: lainnya" in third
    check = project.run("validate")
    assert check.returncode == 0, check.stdout


MISTAKES = [  # (row index in ROWS copy, column letter, new value, code)
    (0, "C", "Kab. Tapinn", "unknown-region"),
    (0, "H", "Selesai", "invalid-choice"),
    (1, "I", "31/02/2022", "invalid-date"),
    (1, "K", "lima puluh ribu", "invalid-number"),
    (2, "E", "Ekonomi", "invalid-choice"),
    (2, "G", "Digital dan non digital", "invalid-choice"),
    (3, "B", "AB", "invalid-length"),
    (3, "J", "2021-01-01", "date-order"),
    (4, "I", "2031-01-01", "future-date"),
    (4, "L", "-5", "invalid-number"),
]


def test_ten_planted_mistakes_are_each_reported_at_their_cell_and_nothing_is_written(tmp_path):
    project = new_project(tmp_path)
    rows = [list(ROWS[i % 3]) for i in range(5)]
    for i, r in enumerate(rows):
        r[0] = f"Inovasi Percobaan Nomor {i + 1}"
        r[7], r[8] = datetime(2022, 3, 1), None
    for i, col, value, _ in MISTAKES:
        rows[i][ord(col) - ord("B")] = value
    sheet = tmp_path / "salah.xlsx"
    messy(sheet, [rows[0]] + rows[1:])
    out = project.run("import", str(sheet), "--tulis", "--format", "json")
    assert out.returncode == 1
    found = {(p["code"], f"{chr(64 + p['column'])}{p['line']}") for p in json.loads(out.stdout)["problems"]}
    # The table starts on row 5, with an empty row after the first innovation: rows 5, 7, 8, 9, 10.
    excel_row = {0: 5, 1: 7, 2: 8, 3: 9, 4: 10}
    expected = {(code, f"{col}{excel_row[i]}") for i, col, _, code in MISTAKES}
    assert expected <= found, sorted(found)
    assert not files(project.entries)  # all or none
    text = project.run("import", str(sheet))
    assert "salah.xlsx › Rekap 2024 › C5: error [unknown-region]" in text.stdout
    assert 'Mungkin maksud Anda Kabupaten Tapin ("63.05")?' in text.stdout
    assert "Tidak ada berkas yang ditulis" in text.stdout


def test_update_touches_only_the_columns_in_the_sheet(tmp_path):
    project = new_project(tmp_path)
    project.write("tapin/layanan-izin-usaha-di-kelurahan.md",
                  "---\nnama: Layanan Izin Usaha di Kelurahan\nwilayah: \"63.05\"\nperangkat_daerah: Dinas Lama\n"
                  "bidang: [administrasi]\nbentuk: pelayanan_publik\njenis: digital\ntahapan: uji_coba\n"
                  "waktu_uji_coba: 2022-05-17\ntag: [izin]\n---\n" + body())
    sheet = tmp_path / "pembaruan.csv"
    sheet.write_text("Nama inovasi;Tahapan;Waktu penerapan\nLayanan Izin Usaha di Kelurahan;Penerapan;01/06/2023\n",
                     encoding="utf-8")
    skipped = project.run("import", str(sheet), "--tulis", check=True)
    assert "dilewati" in skipped.stdout and "--perbarui" in skipped.stdout
    updated = project.run("import", str(sheet), "--perbarui", "--tulis", check=True)
    assert "diperbarui" in updated.stdout and "(tahapan, waktu_penerapan)" in updated.stdout
    text = (project.entries / "tapin" / "layanan-izin-usaha-di-kelurahan.md").read_text()
    assert "tahapan: penerapan" in text and "waktu_penerapan: 2023-06-01" in text
    assert "perangkat_daerah: Dinas Lama" in text and "tag: [izin]" in text  # untouched
    assert text.endswith(body().strip() + "\n")


def test_an_unreadable_file_is_explained(tmp_path):
    project = new_project(tmp_path)
    bad = tmp_path / "daftar.xlsx"
    bad.write_text("bukan excel")
    out = project.run("import", str(bad))
    assert out.returncode == 1 and "tidak dapat dibaca sebagai lembar kerja" in out.stderr
    assert "Traceback" not in out.stderr
    missing = project.run("import", str(tmp_path / "tidak-ada.xlsx"))
    assert missing.returncode == 2 and "tidak ditemukan" in missing.stderr


def test_a_csv_as_a_clerk_types_it(tmp_path):
    project = new_project(tmp_path)
    words = "Warga mengurus akta kelahiran di puskesmas tanpa datang ke kantor dinas. " * 30
    sheet = tmp_path / "daftar.csv"
    sheet.write_text("Nama Inovasi;Pemerintah Daerah;Perangkat Daerah;Bidang;Bentuk Inovasi Daerah;Jenis Inovasi;"
                     "Tahapan Inovasi;Waktu Uji Coba;Biaya sebelum;Biaya sesudah;Latar Belakang;Tujuan;Manfaat;Hasil\n"
                     f"“Layanan Antar Akta”;Kab. Tapin;Disdukcapil\t;Administrasi;Pelayanan Publik;Digital;Uji Coba;"
                     f"17/05/2022;Rp 1.500.000;250.000;{words};{words};{words};Tahapan Uji Cobaa\n", encoding="utf-8")
    out = project.run("import", str(sheet), "--tulis")
    assert out.returncode == 0, out.stdout
    text = (project.entries / "tapin" / "layanan-antar-akta.md").read_text()
    for line in ("nama: Layanan Antar Akta", "perangkat_daerah: Disdukcapil", "waktu_uji_coba: 2022-05-17",
                 "  biaya_rp: {sebelum: 1500000, sesudah: 250000}"):
        assert line in text.splitlines(), (line, text)
    bad = tmp_path / "salah.csv"
    bad.write_text(sheet.read_text().replace(";Uji Coba;", ";Ujicoba selesai;"), encoding="utf-8")
    out = project.run("import", str(bad))
    assert "salah.csv › G2: error [invalid-choice] tahapan" in out.stdout  # the cell, as in Excel
