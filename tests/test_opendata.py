"""Open data, charts, role models, the SKPD tracker and measured results, on a small known catalogue."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from conftest import new_project

from catalogue.entry.model import Catalogue, Entry, Measure, Tanggal
from catalogue.entry.reference import load_reference
from catalogue.opendata import entryfiles, export
from catalogue.site import previews
from catalogue.site import aggregate, downloads

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


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Built once for the module: the tests that take it only read it."""
    project = new_project(tmp_path_factory.mktemp("data-terbuka"))
    known(project)
    project.run("build", check=True)
    return project.root / "site"


def read_csv(path):
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_round_trip_every_entry_every_field(site):
    rows = {r["id"]: r for r in read_csv(site / "data" / "katalog.csv.gz")}
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
    # A region's list: the same rows, every column but the body
    assert [{k: v for k, v in rows[r["id"]].items() if k != "rancang_bangun"} for r in regional] == regional
    assert read_csv(site / "data" / "wilayah" / "kotabaru.csv") == []


def test_json_has_every_entry_and_field(site):
    data = json.loads(gzip.decompress((site / "data" / "katalog.json.gz").read_bytes()))["inovasi"]
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
    rows = read_csv(site / "data" / "laporan-kemendagri.csv.gz")
    assert list(rows[0]) == [label for _, label in export.KEMENDAGRI]
    tiruan = next(r for r in rows if r["Nama Inovasi"] == "Layanan Tiruan Kabupaten")
    assert tiruan["Tahapan Inovasi"] == "Penerapan" and tiruan["Waktu Penerapan Inovasi Daerah"] == "1 Juni 2023"
    assert "Langkah layanan: 5 → 4 langkah" in tiruan["Hasil Inovasi"]
    assert tiruan["Tujuan Inovasi Daerah"].startswith("Pelayanan kepada warga")
    assert sum(r["Pemerintah Daerah"] == "Kabupaten Tapin" for r in rows) == 2  # a region's report: filter this
    mandiri = next(r for r in rows if r["Nama Inovasi"].startswith("Pengolahan Sampah"))
    assert mandiri["Dasar Hukum"] == "Peraturan Bupati Nomor 7 Tahun 2024 tentang Pengelolaan Sampah Pasar"


FOREIGN_KEYS = {"wilayah_kode": "kode-wilayah", "bentuk": "kode-bentuk", "jenis": "kode-jenis",
                "tahapan": "kode-tahapan", "inisiator": "kode-inisiator", "status": "kode-status",
                "penghargaan_tingkat_tertinggi": "kode-tingkat-penghargaan", "kelengkapan": "kode-kelengkapan"}
CODE_LISTS = {"wilayah": REF.regions, "bidang": REF.areas, "bentuk": REF.choices["bentuk"],
              "jenis": REF.choices["jenis"], "tahapan": REF.choices["tahapan"],
              "inisiator": REF.choices["inisiator"], "urusan": REF.urusan, "status": REF.choices["status"],
              "tingkat-penghargaan": REF.choices["tingkat"], "kelengkapan": REF.choices["kelengkapan"]}
CC_BY = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
         "title": "Creative Commons Atribusi 4.0 Internasional"}


def frictionless_errors(report) -> list:
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_data_package_validates_with_frictionless(site):
    frictionless = pytest.importorskip("frictionless")
    data = site / "data"
    report = frictionless.validate(str(data / "datapackage.json"))
    assert report.valid, frictionless_errors(report)[:5]
    package = json.loads((data / "datapackage.json").read_text())
    assert report.stats["tasks"] == len(package["resources"]) >= 2 + 14 + 9 + 3  # every resource checked
    assert package["licenses"] == [CC_BY] and package["profile"] == "data-package"
    # Every published data file is a resource, once; the package and its table schemas describe them.
    published = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()}
    published -= {"index.html", "datapackage.json", "skema-tabel/katalog.json", "skema-tabel/laporan-kemendagri.json",
                  "skema-tabel/wilayah.json", "sitemap.xml"}  # for Material's script (see build.FEED_SITEMAP), not data
    paths = [r["path"] for r in package["resources"]]
    assert sorted(paths) == sorted(published) and len(set(paths)) == len(paths)
    assert len({r["name"] for r in package["resources"]}) == len(paths)
    by_path = {r["path"]: r for r in package["resources"]}
    assert {p for p in paths if p.startswith("wilayah/")} == {f"wilayah/{r.slug}.csv" for r in REF.regions.values()}
    assert not (data / "kemendagri").exists()  # one Kemendagri-format file, for the whole catalogue
    assert [by_path["katalog.json.gz"][k] for k in ("format", "mediatype", "compression")] == [
        "json", "application/json", "gz"]
    assert by_path["katalog.csv.gz"]["schema"] == "skema-tabel/katalog.json"
    assert by_path["wilayah/banjar.csv"]["schema"] == "skema-tabel/wilayah.json"  # without the body
    regional = json.loads((data / "skema-tabel" / "wilayah.json").read_text())
    assert [f["name"] for f in regional["fields"]] == [c[0] for c in export.COLUMNS if c[0] != "rancang_bangun"]
    assert by_path["katalog.csv.gz"]["compression"] == by_path["laporan-kemendagri.csv.gz"]["compression"] == "gz"
    assert "compression" not in by_path["wilayah/banjar.csv"]  # opened directly by people: plain
    # The catalogue's table schema: primary key, foreign keys to the code lists, enums, documented lists.
    table = json.loads((data / "skema-tabel" / "katalog.json").read_text())
    assert table["primaryKey"] == ["id"] and table["missingValues"] == [""]
    assert {fk["fields"][0]: fk["reference"]["resource"] for fk in table["foreignKeys"]} == FOREIGN_KEYS
    assert all(fk["reference"]["fields"] == ["kode"] for fk in table["foreignKeys"])
    fields = {f["name"]: f for f in table["fields"]}
    assert [f["name"] for f in table["fields"]] == [c[0] for c in export.COLUMNS]
    assert fields["wilayah_kode"]["constraints"] == {"enum": list(REF.regions), "required": True}
    assert fields["inisiator"]["constraints"] == {"enum": list(REF.choices["inisiator"])}  # optional: may be empty
    assert fields["penghargaan_tingkat_tertinggi"]["constraints"]["enum"] == list(REF.choices["tingkat"])
    for multi in ("bidang", "urusan"):
        assert "constraints" not in fields[multi] and f"kode-{multi}" in fields[multi]["description"]
        assert "tidak dinyatakan sebagai foreign key" in fields[multi]["description"]
    for key, codes in CODE_LISTS.items():
        resource = by_path[f"kode/{key}.csv"]
        assert resource["name"] == f"kode-{key}" and resource["schema"]["primaryKey"] == ["kode"]
        assert [f["name"] for f in resource["schema"]["fields"]][:2] == ["kode", "label"]
    # frictionless itself sees the keys (the schema file is resolved from the package)
    katalog = frictionless.Package(str(data / "datapackage.json")).get_resource("katalog")
    assert katalog.schema.primary_key == ["id"] and len(katalog.schema.foreign_keys) == len(FOREIGN_KEYS)


def test_foreign_keys_reject_unknown_codes(site, tmp_path):
    """A code missing from its list (or an unknown code in the catalogue) makes the package invalid."""
    frictionless = pytest.importorskip("frictionless")
    import shutil
    data = tmp_path / "data"
    shutil.copytree(site / "data", data)
    tahapan = data / "kode" / "tahapan.csv"
    tahapan.write_bytes(b"".join(line for line in tahapan.read_bytes().splitlines(keepends=True)
                                 if not line.startswith(b"uji_coba,")))
    invalid = lambda report: {t.name: sorted(e.type for e in t.errors) for t in report.tasks if not t.valid}  # noqa: E731
    # the one innovation in uji_coba (tiruan-kedua), in the catalogue and in its region's file
    assert invalid(frictionless.validate(str(data / "datapackage.json"))) == {
        "katalog": ["foreign-key"], "wilayah-tapin": ["foreign-key"]}
    catalogue = data / "katalog.csv.gz"
    catalogue.write_bytes(gzip.compress(gzip.decompress(catalogue.read_bytes()).replace(b",63.71,", b",63.99,")))
    shutil.copy(site / "data" / "kode" / "tahapan.csv", tahapan)
    assert invalid(frictionless.validate(str(data / "datapackage.json"))) == {
        "katalog": ["constraint-error", "foreign-key"]}


def test_code_lists_are_published(site):
    for key, codes in CODE_LISTS.items():
        rows = read_csv(site / "data" / "kode" / f"{key}.csv")
        assert [r["kode"] for r in rows] == list(codes), key
        assert all(r["label"] for r in rows), key
    tingkat = {r["kode"]: r["label"] for r in read_csv(site / "data" / "kode" / "tingkat-penghargaan.csv")}
    assert tingkat == REF.choices["tingkat"]
    regions = {r["kode"]: r for r in read_csv(site / "data" / "kode" / "wilayah.csv")}
    assert regions["63.03"] == {"kode": "63.03", "label": "Kabupaten Banjar", "jenis": "kabupaten", "slug": "banjar"}
    bidang = {r["kode"]: r for r in read_csv(site / "data" / "kode" / "bidang.csv")}
    assert bidang["frugal"]["label"] == REF.areas["frugal"].label and bidang["frugal"]["deskripsi"]
    urusan = {r["kode"]: r for r in read_csv(site / "data" / "kode" / "urusan.csv")}
    assert urusan["kesehatan"]["kelompok"] and urusan["kesehatan"]["label"] == REF.urusan["kesehatan"]


def test_every_file_iter_files_publishes_is_in_the_package():
    """What export.iter_files yields under data/ (the Excel workbook too, once it is produced) is a resource,
    and the workbook's resource says what it is."""
    from catalogue.opendata import datapackage
    cat = Catalogue(REF, [entry("a"), entry("b", "a", region="63.05")])
    files = dict(export.iter_files(cat, {"a": date(2024, 1, 2), "b": date(2024, 2, 3)}, "Uji"))
    package = json.loads(files.pop(datapackage.PACKAGE))
    for path in (datapackage.CATALOGUE_SCHEMA, datapackage.KEMENDAGRI_SCHEMA, datapackage.REGION_SCHEMA):
        json.loads(files.pop(path))
    assert sorted(r["path"] for r in package["resources"]) == sorted(p.removeprefix("data/") for p in files)
    resources = {r["path"]: r for r in package["resources"]}
    if "data/katalog.xlsx" in files:
        assert resources["katalog.xlsx"]["name"] == "katalog-excel"
    xlsx = resources.get("katalog.xlsx") or datapackage.resource("data/katalog.xlsx", REF)
    assert (xlsx["format"], xlsx["mediatype"], xlsx["type"]) == (
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "file")
    assert datapackage.resource("data/lain/baru.csv", REF)["name"] == "lain-baru.csv"  # unknown: still listed


LICENCE_CC0 = ("\n    lisensi:\n      nama: CC0-1.0\n      judul: CC0 1.0 Universal <Domain Publik>\n"
               "      url: https://creativecommons.org/publicdomain/zero/1.0/\n")


def set_licence(project, block: str) -> None:
    config = project.root / "mkdocs.yml"
    text = re.sub(r"\n    lisensi:\n(?:      .*\n)*", "\n", config.read_text())
    assert "\n    lisensi:\n" not in text
    config.write_text(text.replace("\n  katalog:\n", "\n  katalog:" + block, 1))


def test_licence_in_package_data_page_and_feed(site):
    page = (site / "data" / "index.html").read_text()
    sentence = page.split("<strong>Lisensi.</strong>", 1)[1].split("</p>", 1)[0]
    assert '<a href="https://creativecommons.org/licenses/by/4.0/">Creative Commons Atribusi 4.0 Internasional</a>' \
        in sentence and "termasuk komersial" in sentence and "Katalog Inovasi Daerah Kalimantan Selatan" in sentence
    assert 'href="katalog.xlsx"' in page or "katalog.xlsx" not in dict(export.iter_files(
        Catalogue(REF, []), {}, "Uji"))  # the Excel workbook is offered once it is produced
    assert 'href="kode/tingkat-penghargaan.csv"' in page
    feedparser = pytest.importorskip("feedparser")
    feed = feedparser.parse((site / "data" / "terbaru.atom").read_bytes()).feed
    assert "Creative Commons Atribusi 4.0 Internasional (CC-BY-4.0)" in feed.rights
    assert {link.href for link in feed.links if link.rel == "license"} == {CC_BY["path"]}


def test_licence_set_in_mkdocs_yml(project):
    set_licence(project, LICENCE_CC0)
    project.add("banjar/layanan.md")
    project.run("build", check=True)
    data = project.root / "site" / "data"
    assert json.loads((data / "datapackage.json").read_text())["licenses"] == [
        {"name": "CC0-1.0", "path": "https://creativecommons.org/publicdomain/zero/1.0/",
         "title": "CC0 1.0 Universal <Domain Publik>"}]
    page = (data / "index.html").read_text()
    assert ('<a href="https://creativecommons.org/publicdomain/zero/1.0/">CC0 1.0 Universal &lt;Domain Publik&gt;</a>'
            in page and "tanpa syarat" in page and "<Domain" not in page)
    assert "<rights>Data: CC0 1.0 Universal &lt;Domain Publik&gt; (CC0-1.0)" in (data / "terbaru.atom").read_text()
    set_licence(project, "\n    lisensi:\n      nama: CC-BY-4.0\n      url: bukan-alamat\n")
    out = project.run("build")
    assert out.returncode == 1 and "extra.katalog.lisensi.url 'bukan-alamat'" in out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr


@pytest.mark.parametrize("lisensi, message", [
    ("CC-BY-4.0", "hanya boleh berisi nama, judul, url"),
    ({"nama": "CC-BY-4.0", "url": "https://example.org/l", "versi": "4"}, "hanya boleh berisi"),
    ({"nama": "CC-BY-4.0"}, "perlu nama"),
    ({"nama": "CC-BY-4.0", "url": 4}, "harus berupa teks"),
    ({"nama": "CC-BY-4.0", "url": "ftp://example.org/l"}, "bukan alamat http(s) yang sah"),
])
def test_malformed_licence_setting(lisensi, message):
    from catalogue.opendata.datapackage import Licence
    with pytest.raises(ValueError, match=re.escape(message)):
        Licence.from_extra({"katalog": {"lisensi": lisensi}})
    assert Licence.from_extra({}) == Licence.from_extra({"katalog": {"kontak": {}}}) == Licence()
    assert Licence.from_extra({"katalog": {"lisensi": {"nama": "X-1", "url": "https://example.org/l"}}}).judul == "X-1"


SITE_URL = "https://contoh.go.id/katalog/"


def feed_links(site):
    """Every built page's <link rel="alternate" type="application/atom+xml">: {page: href}."""
    out = {}
    for page in site.rglob("*.html"):
        links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">',
                           page.read_text(encoding="utf-8"))
        assert len(links) == 1, page
        assert links[0][0] == "Katalog Inovasi Daerah Kalimantan Selatan: inovasi terbaru"
        out[page.relative_to(site).as_posix()] = links[0][1]
    return out


def test_feed_links_are_absolute_with_a_site_url(project):
    """Served under a sub-path, as on GitHub Pages: the feed's links, its rel=self link, every page's link
    to the feed, the data package's homepage and the JSON Schema's $id are absolute and point there."""
    feedparser = pytest.importorskip("feedparser")
    known(project)
    project.run("build", check=True, env={"CATALOGUE_SITE_URL": SITE_URL})
    site = project.root / "site"
    feed = feedparser.parse((site / "data" / "terbaru.atom").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert [link.href for link in feed.feed.links if link.rel == "self"] == [SITE_URL + "data/terbaru.atom"]
    assert feed.feed.id == SITE_URL + "data/terbaru.atom" and feed.feed.link == SITE_URL
    assert len(feed.entries) == 4
    for e in feed.entries:
        assert e.link.startswith(SITE_URL + "inovasi/") and e.link.endswith("/") and e.id == e.link
        assert (site / e.link.removeprefix(SITE_URL) / "index.html").is_file(), e.link
    links = feed_links(site)
    assert len(links) > 30 and "404.html" in links and set(links.values()) == {SITE_URL + "data/terbaru.atom"}
    schema = json.loads((site / "skema" / "inovasi.schema.json").read_text())
    assert schema["$id"] == SITE_URL + "skema/inovasi.schema.json"
    assert json.loads((site / "data" / "datapackage.json").read_text())["homepage"] == SITE_URL


def test_feed_links_resolve_without_a_site_url(site):
    """No site URL: every page links the feed relative to itself (the 404 page from the root), and the
    feed's links, relative to the feed, reach the innovation pages."""
    from urllib.parse import urljoin
    root = "http://127.0.0.1:8000/"
    links = feed_links(site)
    assert "404.html" in links and "inovasi/acuan/index.html" in links
    for page, href in links.items():
        assert not href.startswith("http") and urljoin(root + page, href) == root + "data/terbaru.atom", page
    feed = ET.fromstring((site / "data" / "terbaru.atom").read_bytes())
    assert feed.find(f"{ATOM}link[@rel='self']") is None
    for link in feed.findall(f"{ATOM}entry/{ATOM}link"):
        target = urljoin(root + "data/terbaru.atom", link.get("href"))
        assert (site / target.removeprefix(root) / "index.html").is_file(), target
    assert "$id" not in json.loads((site / "skema" / "inovasi.schema.json").read_text())
    # Material's script fetches sitemap.xml beside every <link rel="alternate">: an empty one answers it
    assert ET.fromstring((site / "data" / "sitemap.xml").read_bytes()).tag.endswith("urlset")


def test_schema_id_is_absolute_or_absent():
    from catalogue.entry import json_schema
    assert "$id" not in json_schema.build(REF)
    for url in (SITE_URL, SITE_URL.rstrip("/")):
        assert json_schema.build(REF, url)["$id"] == "https://contoh.go.id/katalog/skema/inovasi.schema.json"


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
    for path in ("katalog.csv.gz", "katalog.json.gz", "katalog.xlsx", "laporan-kemendagri.csv.gz", "datapackage.json",
                 "terbaru.atom",
                 "wilayah/banjar.csv", "kode/bidang.csv", "kode/wilayah.csv"):
        assert f'href="{path}"' in html or f'href="./{path}"' in html, path
    assert 'href="../skema/inovasi.schema.json"' in html


def test_results_stats_only_where_data_exists():
    assert aggregate.result_stats([entry("a")], ["langkah"]) == []
    stats = aggregate.result_stats([entry("a", hasil=(("langkah", Measure(4, 2)),)),
                                    entry("b", hasil=(("langkah", Measure(0, 1)),))], ["langkah", "biaya_rp"])
    assert [(s.key, s.count, s.saved_total, s.percent_median) for s in stats] == [("langkah", 2, 2.0, 50.0)]


def test_the_data_page_shows_the_size_of_every_download_it_links(site):
    import re

    from catalogue.bahasa import size
    page = (site / "data" / "index.html").read_text(encoding="utf-8")
    links = [(href, shown) for href, shown in re.findall(r'<a href="([^"]+)">[^<]+</a> \(([^)]+)\)', page)
             if "://" not in href]
    assert len(links) > 20  # the big files, the per-region CSVs, the code lists
    for href, shown in links:
        target = (site / "data" / href).resolve()
        assert target.is_file(), href
        assert shown == size(target.stat().st_size), (href, shown)


def test_a_big_catalogue_without_a_cache_streams_its_downloads_with_the_same_bytes(tmp_path, monkeypatch):
    """From downloads.STREAM_FROM innovations the downloads are written through a temporary export cache
    (memory stays flat) instead of in memory: the same files, the same bytes."""
    cat = Catalogue(REF, [entry("a"), entry("b", "a", region="63.05"), entry("c", region="63.05")])
    added = {"a": date(2024, 1, 2), "b": date(2024, 2, 3), "c": date(2024, 3, 4)}
    in_memory = (dict(export.iter_files(cat, added, "Uji", "https://contoh.go.id/")) | dict(entryfiles.iter_files(cat))
                 | dict(previews.files(REF, "Uji", "https://contoh.go.id/", None)))
    from catalogue.incremental import exportcache
    calls, real = [], exportcache.ExportCache.write
    monkeypatch.setattr(exportcache.ExportCache, "write", lambda self, *a, **k: calls.append(self.path) or real(self, *a, **k))
    monkeypatch.setattr(downloads, "STREAM_FROM", 2)
    sizes = downloads.write(tmp_path / "situs", cat, added, "Uji", "https://contoh.go.id/")
    streamed = {p.relative_to(tmp_path / "situs").as_posix(): p.read_bytes()
                for p in (tmp_path / "situs").rglob("*") if p.is_file()}
    assert streamed == in_memory and sizes == {path: len(data) for path, data in in_memory.items()}
    assert len(calls) == 1 and not calls[0].exists()  # streamed, and its temporary cache removed
