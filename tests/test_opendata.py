"""Open data, charts, role models, the SKPD tracker and measured results, on a small known catalogue."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from catalogue import aggregate, export
from catalogue.model import Catalogue, Entry, Measure, Tanggal
from catalogue.reference import load_reference

REF = load_reference()
ATOM = "{http://www.w3.org/2005/Atom}"


def known(project):
    project.add("banjarmasin/acuan.md", wilayah="63.71", nama="Layanan Acuan Kota", perangkat_daerah="Dinas Kesehatan",
                bidang=["sosial", "teknologi"], dilaporkan_kemendagri="2023-01-05",
                hasil={"langkah": {"sebelum": 6, "sesudah": 3}, "biaya_rp": {"sebelum": 150000, "sesudah": 0},
                       "lainnya": [{"indikator": "Warga terlayani", "satuan": "orang", "sebelum": 10, "sesudah": 40}]},
                tag=["kesehatan", "perahu"], kontak={"unit": "Bidang Pelayanan", "email": "inovasi@example.org"},
                tautan=[{"judul": "Laman layanan", "url": "https://example.org/layanan"}])
    project.add("banjar/tiruan.md", nama="Layanan Tiruan Kabupaten", replikasi_dari="acuan", bidang="sosial",
                perangkat_daerah="Dinas Kesehatan", waktu_uji_coba="2023-02-01", waktu_penerapan="2023-06-01",
                hasil={"langkah": {"sebelum": 5, "sesudah": 4}, "waktu_hari": {"sebelum": 10, "sesudah": 2}})
    project.add("tapin/tiruan-kedua.md", wilayah="63.05", nama="Tiruan dari Tiruan", replikasi_dari="tiruan",
                bidang="sosial", perangkat_daerah="=SUM(A1:A9)", waktu_uji_coba="2024-03-01", waktu_penerapan=None,
                tahapan="uji_coba")
    project.add("tapin/mandiri.md", wilayah="63.05", nama="Pengolahan Sampah Pasar — Desa Rantau", bidang="frugal",
                perangkat_daerah="Dinas Lingkungan Hidup", waktu_uji_coba="2024-05-01", waktu_penerapan="2024-09-01",
                dilaporkan_kemendagri="2024-10-01", singkatan="PASAR BERSIH",
                penghargaan=[{"tahun": 2024, "nama": "Kalsel Innovation Award", "tingkat": "provinsi", "peringkat": "Juara 2"},
                             {"tahun": 2025, "nama": "Innovative Government Award", "tingkat": "nasional"}],
                regulasi=[{"jenis": "Peraturan Bupati", "nomor": "7", "tahun": 2024, "judul": "Pengelolaan Sampah Pasar"}])


@pytest.fixture
def site(project):
    known(project)
    project.run("build", check=True)
    return project.root / "site"


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_round_trip_every_entry_every_field(site):
    rows = {r["id"]: r for r in read_csv(site / "data" / "katalog.csv")}
    assert set(rows) == {"acuan", "tiruan", "tiruan-kedua", "mandiri"}
    assert list(next(iter(rows.values()))) == [c[0] for c in export.COLUMNS]
    a = rows["acuan"]
    assert (a["nama"], a["wilayah_kode"], a["wilayah"], a["bidang"]) == (
        "Layanan Acuan Kota", "63.71", "Kota Banjarmasin", "sosial; teknologi")
    assert (a["langkah_sebelum"], a["langkah_sesudah"], a["biaya_rp_sebelum"], a["biaya_rp_sesudah"]) == ("6", "3", "150000", "0")
    assert a["hasil_lainnya"] == "Warga terlayani (orang): 10 → 40"
    assert a["kontak_email"] == "inovasi@example.org" and a["tautan"] == "Laman layanan <https://example.org/layanan>"
    assert a["dilaporkan_kemendagri"] == "2023-01-05" and a["contoh"] == "true" and "## Latar Belakang" in a["rancang_bangun"]
    m = rows["mandiri"]
    assert (m["nama"], m["singkatan"], m["penghargaan_tingkat_tertinggi"]) == (
        "Pengolahan Sampah Pasar — Desa Rantau", "PASAR BERSIH", "nasional")
    assert m["penghargaan"] == ("2024 Kalsel Innovation Award (provinsi, Juara 2); "
                                "2025 Innovative Government Award (nasional)")
    assert m["regulasi"] == "Peraturan Bupati Nomor 7 Tahun 2024 tentang Pengelolaan Sampah Pasar"
    assert rows["acuan"]["penghargaan"] == rows["acuan"]["singkatan"] == ""
    assert rows["tiruan-kedua"]["perangkat_daerah"] == "'=SUM(A1:A9)"  # no formula in a spreadsheet
    regional = read_csv(site / "data" / "wilayah" / "tapin.csv")
    assert sorted(r["id"] for r in regional) == ["mandiri", "tiruan-kedua"]
    assert read_csv(site / "data" / "wilayah" / "kotabaru.csv") == []


def test_json_has_every_entry_and_field(site):
    data = json.loads((site / "data" / "katalog.json").read_text())["inovasi"]
    by_id = {d["id"]: d for d in data}
    assert set(by_id) == {"acuan", "tiruan", "tiruan-kedua", "mandiri"}
    a = by_id["acuan"]
    assert a["hasil"]["langkah"] == {"sebelum": 6, "sesudah": 3}
    assert a["hasil"]["lainnya"] == [{"indikator": "Warga terlayani", "satuan": "orang", "sebelum": 10, "sesudah": 40}]
    assert a["wilayah"] == {"kode": "63.71", "nama": "Kota Banjarmasin"} and a["url"] == "inovasi/acuan/"
    assert by_id["tiruan-kedua"]["perangkat_daerah"] == "=SUM(A1:A9)"  # JSON keeps the exact text
    assert re.match(r"\d{4}-\d{2}-\d{2}$", a["ditambahkan"])
    m = by_id["mandiri"]
    assert m["singkatan"] == "PASAR BERSIH" and a["singkatan"] is None and a["penghargaan"] == a["regulasi"] == []
    assert m["penghargaan"][0] == {"tahun": 2024, "nama": "Kalsel Innovation Award", "tingkat": "provinsi",
                                   "peringkat": "Juara 2"}
    assert m["regulasi"] == [{"jenis": "Peraturan Bupati", "tahun": 2024, "nomor": "7", "judul": "Pengelolaan Sampah Pasar"}]


def test_new_fields_on_the_innovation_page(site):
    html = (site / "inovasi" / "mandiri" / "index.html").read_text()
    assert "<h1>Pengolahan Sampah Pasar — Desa Rantau (PASAR BERSIH)</h1>" in html
    assert "<title>Pengolahan Sampah Pasar — Desa Rantau (PASAR BERSIH)" in html
    assert "<dt>Singkatan</dt><dd>PASAR BERSIH</dd>" in html
    awards = html.split("<dt>Penghargaan</dt>", 1)[1].split("</dd>", 1)[0]
    assert re.findall(r"<li>([^<]*)</li>", awards) == [  # newest first
        "Innovative Government Award 2025, tingkat nasional", "Kalsel Innovation Award 2024, tingkat provinsi: Juara 2"]
    assert "<li>Peraturan Bupati Nomor 7 Tahun 2024 tentang Pengelolaan Sampah Pasar</li>" in html


def test_kemendagri_export_has_the_national_fields(site):
    rows = read_csv(site / "data" / "laporan-kemendagri.csv")
    assert list(rows[0]) == [label for _, label in export.KEMENDAGRI]
    tiruan = next(r for r in rows if r["Nama Inovasi"] == "Layanan Tiruan Kabupaten")
    assert tiruan["Tahapan Inovasi"] == "Penerapan" and tiruan["Waktu Penerapan Inovasi Daerah"] == "1 Juni 2023"
    assert "Langkah layanan: 5 → 4 langkah" in tiruan["Hasil Inovasi"]
    assert tiruan["Tujuan Inovasi Daerah"].startswith("Pelayanan kepada warga")
    assert len(read_csv(site / "data" / "kemendagri" / "tapin.csv")) == 2
    mandiri = next(r for r in rows if r["Nama Inovasi"].startswith("Pengolahan Sampah"))
    assert mandiri["Dasar Hukum"] == "Peraturan Bupati Nomor 7 Tahun 2024 tentang Pengelolaan Sampah Pasar"


def test_data_package_validates_with_frictionless(site):
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(site / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_atom_feed_is_valid_atom(site):
    root = ET.fromstring((site / "data" / "terbaru.atom").read_bytes())
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 4
    for e in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert e.find(f"{ATOM}{required}") is not None, required
        assert re.match(r"\d{4}-\d{2}-\d{2}T00:00:00Z$", e.find(f"{ATOM}updated").text)
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 4


def test_feed_dates_come_from_git_history(project):
    project.add("banjar/pertama.md", nama="Yang Pertama")
    git = lambda *a, **env: subprocess.run(["git", *a], cwd=project.root, check=True, capture_output=True,  # noqa: E731
                                           env={"PATH": "/usr/bin:/bin", "HOME": str(project.root), **env})
    git("init", "-q")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "a",
        GIT_AUTHOR_DATE="2024-03-04T10:00:00Z", GIT_COMMITTER_DATE="2024-03-04T10:00:00Z")
    project.add("banjar/kedua.md", nama="Yang Kedua")  # not committed: its own date, stable
    project.run("build", check=True)
    root = ET.fromstring((project.root / "site" / "data" / "terbaru.atom").read_bytes())
    updated = {e.find(f"{ATOM}title").text: e.find(f"{ATOM}updated").text for e in root.findall(f"{ATOM}entry")}
    assert updated["Yang Pertama (contoh)"] == "2024-03-04T00:00:00Z"
    assert updated["Yang Kedua (contoh)"] == "2022-06-01T00:00:00Z"  # waktu_penerapan


def svg_values(html: str, ident: str) -> dict[str, str]:
    chart = html.split(f'id="grafik-{ident}"', 1)[1].split("</ol>", 1)[0]
    labels = re.findall(r'class="ki-grafik__label">([^<]*)</span>', chart)
    values = re.findall(r'class="ki-grafik__nilai">([^<]*)</span>', chart)
    return dict(zip(labels, values))


def test_charts_show_the_right_numbers(site):
    html = (site / "statistik" / "index.html").read_text()
    assert svg_values(html, "bidang") == {"Administrasi": "0", "Manajemen": "0", "Kebijakan": "0", "Sosial": "3",
                                          "Frugal": "1", "Teknologi": "0"}
    regions = svg_values(html, "wilayah")
    assert (regions["Kabupaten Tapin"], regions["Kota Banjarmasin"], regions["Kabupaten Kotabaru"]) == ("2", "1", "0")
    assert svg_values(html, "tahun") == {"2022": "1", "2023": "1", "2024": "2"}
    assert svg_values(html, "tahapan") == {"Inisiatif": "0", "Uji coba": "1", "Penerapan": "3"}
    reported = svg_values(html, "lapor")
    assert (reported["Kabupaten Tapin"], reported["Kota Banjarmasin"], reported["Kabupaten Banjar"]) == ("50%", "100%", "0%")
    assert 'aria-label="Inovasi per bidang (bidang utama)"' in html  # the chart's accessible name
    assert "Tabel: Inovasi per bidang" in html and '<td data-label="Bidang">Sosial</td>' not in html  # 2 columns
    assert "<td>Sosial</td>" in html  # the table alternative


def test_results_totals_and_medians(site):
    html = (site / "statistik" / "index.html").read_text()
    table = html.split('id="hasil-yang-terukur"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", table)
    rows = [cells[i:i + 5] for i in range(0, len(cells), 5)]
    assert ["Langkah dipangkas", "2", "4 langkah", "2 langkah", "35%"] in rows  # (3 + 1), median 2, median(50%, 20%)
    assert ["Waktu layanan dihemat", "1", "8 hari", "8 hari", "80%"] in rows
    assert ["Biaya dihemat", "1", "Rp 150.000", "Rp 150.000", "100%"] in rows


def test_role_models_are_replicated_or_awarded_and_say_why(site):
    html = (site / "role-model" / "index.html").read_text()
    rows = re.findall(r"<tr>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*><a [^>]*>([^<]*)</a></td>\s*<td[^>]*>[^<]*</td>"
                      r"\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>([^<]*)</td>", html)
    # score: the whole replication chain + the highest award (nasional 3); never replicated, still a role model
    assert rows == [
        ("1", "Pengolahan Sampah Pasar — Desa Rantau (PASAR BERSIH)", "3",
         "Penghargaan nasional: Innovative Government Award 2025, dan 1 penghargaan lain"),
        ("2", "Layanan Acuan Kota", "2", "Direplikasi 2 inovasi (1 langsung) di 2 wilayah lain"),
        ("3", "Layanan Tiruan Kabupaten", "1", "Direplikasi 1 inovasi (1 langsung) di 1 wilayah lain")]
    entry = (site / "inovasi" / "acuan" / "index.html").read_text()
    assert "direplikasi langsung oleh 1 inovasi, 2 inovasi bila" in entry
    assert entry.count('href="../tiruan-kedua/"') >= 1  # the grandchild is in the tree
    child = (site / "inovasi" / "tiruan-kedua" / "index.html").read_text()
    chain = child.split("Rantai acuannya:", 1)[1].split("</p>", 1)[0]
    assert chain.index("Layanan Acuan Kota") < chain.index("Layanan Tiruan Kabupaten") < chain.index("Tiruan dari Tiruan")


def entry(ident, parent=None, region="63.03", pd="Dinas Kesehatan", year=2023, hasil=()):
    return Entry(id=ident, source=f"entries/x/{ident}.md", region_code=region, nama=ident, perangkat_daerah=pd,
                 bidang=("sosial",), bentuk="lainnya", jenis="digital", tahapan="penerapan",
                 waktu_uji_coba=Tanggal(year, 1, 1), replikasi_dari=parent, hasil=hasil)


def test_replication_counts_survive_cycles():
    cat = Catalogue(REF, [entry("a", "c"), entry("b", "a"), entry("c", "b"), entry("d", "a"), entry("e")])
    counts = aggregate.descendants_count(cat)  # returns: a cycle cannot make it loop
    assert counts["e"] == 0 and set(counts) == {"a", "b", "c", "d", "e"}
    assert [x.id for x in aggregate.ancestors(cat, cat.by_id["a"])] == ["c", "b"]
    assert sorted(x.id for _, x in aggregate.descendants(cat, cat.by_id["a"])) == ["b", "c", "d"]
    chain = Catalogue(REF, [entry("a"), entry("b", "a"), entry("c", "b"), entry("d", "a")])
    assert aggregate.descendants_count(chain) == {"a": 3, "b": 1, "c": 0, "d": 0}


def test_tracker_marks_the_right_skpd():
    entries = [entry("a", pd="Dinas Kesehatan", year=2024), entry("b", pd="dinas  kesehatan", year=2024),
               entry("c", pd="Dinas Pendidikan", year=2025), entry("d", pd="Dinas Tidak Terdaftar", year=2025)]
    t = aggregate.tracker(entries, "63.03", (False, ["Dinas Kesehatan", "Dinas Pendidikan", "Dinas Sosial"]),
                          [2024, 2025])
    assert t.counts == {"Dinas Kesehatan": {2024: 2, 2025: 0}, "Dinas Pendidikan": {2024: 0, 2025: 1},
                        "Dinas Sosial": {2024: 0, 2025: 0}}
    assert t.unlisted == {"Dinas Tidak Terdaftar": 1} and t.complete is False
    assert aggregate.tracker(entries, "63.03", None, [2024]).listed == []


def test_tracker_page_labels_incomplete_lists(site):
    html = (site / "target" / "index.html").read_text()
    section = html.split('id="rincian-banjar"', 1)[1].split("</details>", 1)[0]
    assert "Daftar SKPD belum lengkap." in section
    row = re.search(r"<td[^>]*>Dinas Kesehatan</td>(.*?)</tr>", section, re.S).group(1)
    assert "✓ 1" in row  # tiruan.md: Dinas Kesehatan, started 2023
    assert "Perangkat daerah pada entri yang tidak ada di daftar" in html.split('id="rincian-tapin"', 1)[1]
    summary = html.split('id="ringkasan-', 1)[1].split("</table>", 1)[0]
    assert summary.count("<tr>") == 1 + 14  # one row per region under the header row


def test_data_page_links_every_download(site):
    html = (site / "data" / "index.html").read_text()
    for path in ("katalog.csv", "katalog.json", "laporan-kemendagri.csv", "datapackage.json", "terbaru.atom",
                 "wilayah/banjar.csv", "kemendagri/banjar.csv"):
        assert f'href="{path}"' in html or f'href="./{path}"' in html, path
    assert 'href="../skema/inovasi.schema.json"' in html


def test_results_stats_only_where_data_exists():
    assert aggregate.result_stats([entry("a")], ["langkah"]) == []
    stats = aggregate.result_stats([entry("a", hasil=(("langkah", Measure(4, 2)),)),
                                    entry("b", hasil=(("langkah", Measure(0, 1)),))], ["langkah", "biaya_rp"])
    assert [(s.key, s.count, s.saved_total, s.percent_median) for s in stats] == [("langkah", 2, 2.0, 50.0)]
