"""The "Ajukan inovasi" form in headless Chromium: the file it produces passes `catalogue validate`."""

from __future__ import annotations

import json
import shutil
import time
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from conftest import body, copy_entries, entry_text, new_project, serving

pytest.importorskip("selenium")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402
from test_browser import browser  # noqa: E402,F401  (skips the module without Chromium)

LONG = ("Warga desa kini mengurus surat keterangan di kantor desa tanpa harus datang ke kecamatan, "
        "karena berkas diperiksa petugas secara daring pada hari yang sama. ") * 5  # ~120 words


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("ajukan"))
    project.add("banjar/layanan-yang-sudah-ada.md", nama="Layanan yang Sudah Ada")
    project.run("build", check=True, env={"CATALOGUE_REPO_URL": "https://github.com/contoh/katalog"})
    with serving(project.root / "site") as url:
        yield project, url


def open_form(browser, url):
    browser.get(url + "/ajukan/")
    deadline = time.monotonic() + 15
    while browser.execute_script("return document.documentElement.dataset.kiAjukan") != "siap":
        assert time.monotonic() < deadline, "the form did not load"
        time.sleep(0.05)
    browser.get_log("browser")


def fill(d, field, text):
    el = d.find_element(By.ID, f"ki-a-{field}")
    el.clear()
    el.send_keys(text)


def paste(d, field, text):
    """Long text as a clerk brings it in: pasted at once (one input event), not typed key by key."""
    el = d.find_element(By.ID, f"ki-a-{field}")
    d.execute_script("arguments[0].value = arguments[1];"
                     "arguments[0].dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}))",
                     el, text)


def click(d, element_id):
    """A click as a finger makes it; scrolled clear of the sticky header first."""
    el = d.find_element(By.ID, element_id)
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def click_link(d, text):
    el = d.find_element(By.LINK_TEXT, text)
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def submit(d):
    """Press the button and wait for the check to finish (it fetches the list of ids and the writer)."""
    before = d.execute_script("return document.documentElement.dataset.kiDiperiksa || '0'")
    el = d.find_element(By.CSS_SELECTOR, "#ki-ajukan-form button[type=submit]")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()
    deadline = time.monotonic() + 10
    while d.execute_script("return document.documentElement.dataset.kiDiperiksa || '0'") == before:
        assert time.monotonic() < deadline, "the form did not finish its check"
        time.sleep(0.02)


def error(d, field):
    return d.find_element(By.ID, f"ki-a-{field}-galat").text


def fill_required(d, nama="Layanan Izin Usaha Mikro", tahapan="uji_coba", trial="01/02/2023"):
    fill(d, "nama", nama)
    Select(d.find_element(By.ID, "ki-a-wilayah")).select_by_value("63.05")
    fill(d, "perangkat_daerah", "Dinas Penanaman Modal")
    for sel, value in (("bidang", "administrasi"), ("bentuk", "pelayanan_publik"), ("jenis", "digital"),
                       ("tahapan", tahapan)):
        Select(d.find_element(By.ID, f"ki-a-{sel}")).select_by_value(value)
    fill(d, "waktu_uji_coba", trial)
    for section in ("latar-belakang", "tujuan", "manfaat", "hasil"):
        paste(d, f"isi_{section}", LONG)


def test_form_produces_a_file_that_passes_validation(browser, form_site):  # noqa: F811
    project, url = form_site
    d = browser
    open_form(d, url)
    fill(d, "nama", "Surat Keterangan Desa Daring")
    assert d.find_element(By.ID, "ki-a-id").get_attribute("value") == "surat-keterangan-desa-daring"
    fill(d, "singkatan", "SUKET DARING")
    Select(d.find_element(By.ID, "ki-a-wilayah")).select_by_value("63.05")
    fill(d, "perangkat_daerah", "Dinas Pemberdayaan Masyarakat dan Desa")
    Select(d.find_element(By.ID, "ki-a-bidang")).select_by_value("administrasi")
    click(d, "ki-a-bidang_lain-teknologi")  # checkboxes, not a multi-select that needs Ctrl
    Select(d.find_element(By.ID, "ki-a-bentuk")).select_by_value("pelayanan_publik")
    Select(d.find_element(By.ID, "ki-a-jenis")).select_by_value("digital")
    Select(d.find_element(By.ID, "ki-a-tahapan")).select_by_value("penerapan")
    click(d, "ki-a-urusan-pemberdayaan_masyarakat_desa")
    fill(d, "waktu_uji_coba", "01/02/2023")  # day/month/year, as Indonesians write it
    fill(d, "waktu_penerapan", "Agustus 2023")  # a month is enough
    assert d.find_element(By.ID, "ki-a-waktu_penerapan-bantuan").text == "Ditulis sebagai 2023-08 (Agustus 2023)."
    fill(d, "hasil_langkah_sebelum", "5")
    fill(d, "hasil_langkah_sesudah", "2")
    click(d, "ki-a-penghargaan-tambah")
    fill(d, "penghargaan-0-tahun", "2024")
    fill(d, "penghargaan-0-nama", "Kalsel Innovation Award")
    Select(d.find_element(By.ID, "ki-a-penghargaan-0-tingkat")).select_by_value("provinsi")
    click(d, "ki-a-regulasi-tambah")
    fill(d, "regulasi-0-jenis", "Peraturan Bupati")
    fill(d, "regulasi-0-nomor", "12")
    fill(d, "regulasi-0-tahun", "2023")
    fill(d, "tag", "desa, surat, desa")
    for section in ("latar-belakang", "tujuan", "manfaat", "hasil"):
        paste(d, f"isi_{section}", LONG)
    submit(d)
    assert d.find_element(By.ID, "ki-ajukan-ringkasan").get_attribute("hidden") is not None
    path = d.find_element(By.ID, "ki-ajukan-path").text
    text = d.find_element(By.ID, "ki-ajukan-teks").get_attribute("value")
    assert path == "entries/tapin/surat-keterangan-desa-daring.md"
    # Written as every writer of the project writes an entry (scaffold.entry_file: tests/test_entry_writer.py).
    for line in ("singkatan: SUKET DARING", "bidang: [administrasi, teknologi]", "waktu_uji_coba: 2023-02-01",
                 "waktu_penerapan: 2023-08", "urusan: [pemberdayaan_masyarakat_desa]",
                 "- {tahun: 2024, nama: Kalsel Innovation Award, tingkat: provinsi}",
                 '- {jenis: Peraturan Bupati, nomor: "12", tahun: 2023}', "tag: [desa, surat]"):
        assert line in text.splitlines(), (line, text)
    link = urlparse(d.find_element(By.ID, "ki-ajukan-buka").get_attribute("href"))
    assert (link.netloc, link.path) == ("github.com", "/contoh/katalog/new/main/entries/tapin")
    params = parse_qs(link.query)
    assert params["filename"] == ["surat-keterangan-desa-daring.md"] and params["value"] == [text]
    assert [e for e in d.get_log("browser") if e["level"] == "SEVERE"] == []

    target = project.root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    out = project.run("validate", "--strict", "--format", "json")
    assert out.returncode == 0, out.stdout
    assert json.loads(out.stdout)["problems"] == []
    target.unlink()


def test_form_reports_problems_next_to_fields(browser, form_site):  # noqa: F811
    _, url = form_site
    d = browser
    open_form(d, url)
    fill(d, "nama", "AB")
    fill(d, "waktu_uji_coba", "2024-05-01")
    fill(d, "waktu_penerapan", "2024-01-01")
    submit(d)
    summary = d.find_element(By.ID, "ki-ajukan-ringkasan")
    assert summary.is_displayed() and "perlu diperbaiki" in summary.text
    assert d.find_element(By.ID, "ki-a-nama").get_attribute("aria-invalid") == "true"
    assert "3–150 karakter" in d.find_element(By.ID, "ki-a-nama-galat").text
    assert "sesudah waktu penerapan (2024-01-01)" in error(d, "waktu_penerapan")
    assert "Nama inovasi: Panjang teks 2 karakter" in summary.text  # far from the field, the summary names it
    assert d.find_element(By.ID, "ki-ajukan-hasil").get_attribute("hidden") is not None
    for control in d.find_elements(By.CSS_SELECTOR, "#ki-ajukan-form input, #ki-ajukan-form select, #ki-ajukan-form textarea"):
        assert d.find_elements(By.CSS_SELECTOR, f"label[for='{control.get_attribute('id')}']")


def test_money_and_counts_as_an_indonesian_clerk_types_them(browser, form_site):  # noqa: F811
    _, url = form_site
    d = browser
    open_form(d, url)
    for field_id, typed in (("hasil_biaya_rp_sebelum", "Rp 1.500.000"), ("hasil_biaya_rp_sesudah", "250.000"),
                            ("hasil_waktu_hari_sebelum", "2,5"), ("hasil_waktu_hari_sesudah", "1")):
        fill(d, field_id, typed)
    assert d.find_element(By.ID, "ki-a-hasil_biaya_rp_sebelum-bantuan").text == "Ditulis sebagai 1.500.000."
    assert "(rupiah)" in d.find_element(By.CSS_SELECTOR, "label[for='ki-a-hasil_biaya_rp_sebelum']").text
    fill_required(d)
    paste(d, "perangkat_daerah", "Dinas Penanaman\tModal “DPMPTSP”")  # a cell pasted from a spreadsheet
    submit(d)
    text = d.find_element(By.ID, "ki-ajukan-teks").get_attribute("value")
    assert "biaya_rp: {sebelum: 1500000, sesudah: 250000}" in text
    assert "perangkat_daerah: Dinas Penanaman Modal “DPMPTSP”" in text.splitlines()
    assert "waktu_hari: {sebelum: 2.5, sesudah: 1}" in text
    fill(d, "hasil_langkah_sebelum", "lima")
    fill(d, "hasil_langkah_sesudah", "3")
    submit(d)
    assert "bukan 'lima'" in error(d, "hasil_langkah_sebelum")


def test_an_existing_id_a_long_tag_and_a_future_year_are_caught_before_the_pull_request(browser, form_site):  # noqa: F811
    _, url = form_site
    d = browser
    open_form(d, url)
    fill_required(d, nama="Layanan yang Sudah Ada")  # its id is already in the catalogue (data/id.json)
    fill(d, "tag", "perizinan, " + "pelayanan perizinan usaha mikro kecil dan menengah")  # 50 characters
    click(d, "ki-a-penghargaan-tambah")
    fill(d, "penghargaan-0-tahun", "2099")
    fill(d, "penghargaan-0-nama", "Kalsel Innovation Award")
    Select(d.find_element(By.ID, "ki-a-penghargaan-0-tingkat")).select_by_value("provinsi")
    submit(d)
    assert 'Id "layanan-yang-sudah-ada" juga dipakai oleh inovasi yang sudah ada' in error(d, "id")
    assert "Panjang teks 50 karakter; harus 1–40 karakter" in error(d, "tag")
    assert '"2099" bukan tahun yang sah' in error(d, "penghargaan-0-tahun")
    assert d.find_element(By.ID, "ki-ajukan-hasil").get_attribute("hidden") is not None
    fill(d, "id", "layanan-yang-sudah-ada-tapin")
    fill(d, "tag", "perizinan, usaha mikro")
    fill(d, "penghargaan-0-tahun", "2024")
    submit(d)
    assert d.find_element(By.ID, "ki-ajukan-hasil").is_displayed()


def test_a_long_entry_is_uploaded_instead_of_opened_by_a_link(browser, form_site):  # noqa: F811
    project, url = form_site
    d = browser
    open_form(d, url)
    fill_required(d)
    paste(d, "isi_latar-belakang", LONG * 12)  # ~1,500 words: the link would pass GitHub's ~8 KB limit
    submit(d)
    link = d.find_element(By.ID, "ki-ajukan-buka")
    assert link.text == "Unggah di GitHub"
    assert link.get_attribute("href") == "https://github.com/contoh/katalog/upload/main/entries/tapin"
    note = d.find_element(By.ID, "ki-ajukan-panjang")
    assert note.is_displayed() and "terlalu panjang" in note.text and "Unduh berkas" in note.text
    paste(d, "isi_latar-belakang", LONG)
    submit(d)
    assert link.text == "Buka di GitHub" and len(link.get_attribute("href")) < 8000
    assert not d.find_element(By.ID, "ki-ajukan-panjang").is_displayed()


# --- the form's verdict equals the validator's -----------------------------------------------------------
HEAD_OK = {"nama": "Layanan Antar Berkas", "wilayah": "63.03", "perangkat_daerah": "Dinas Kependudukan",
           "bidang": ["administrasi", "teknologi"], "bentuk": "pelayanan_publik", "jenis": "digital",
           "tahapan": "penerapan", "waktu_uji_coba": "2022-01-10", "waktu_penerapan": "2022-06-01"}
AWARD = {"tahun": 2023, "nama": "Kalsel Innovation Award", "tingkat": "provinsi"}
PROMPT = "Tuliskan tujuan inovasi dalam satu atau dua kalimat."


def case(name, file_id="layanan-antar-berkas", text_body=None, drop=(), **changes):
    data = {k: v for k, v in {**HEAD_OK, **changes}.items() if k not in drop}
    return pytest.param(file_id, data, body() if text_body is None else text_body, id=name)


def with_section(title, text):
    return body().replace(f"## {title}\n\n", f"## {title}\n\n{text}\n\n", 1)


CASES = [
    case("valid"),
    case("valid with every new field", singkatan="LABER", penghargaan=[AWARD],
         regulasi=[{"jenis": "Peraturan Bupati", "nomor": "3", "tahun": 2022, "judul": "Layanan Antar"}]),
    case("valid, worse cost is only a warning", hasil={"biaya_rp": {"sebelum": 0, "sesudah": 5000}}),
    case("valid, a month only", waktu_penerapan="2022-06"),
    case("name too short", nama="AB"),
    case("name missing", drop=("nama",)),
    case("acronym too short", singkatan="L"),
    case("region unknown", wilayah="63.99"),
    case("area repeated", bidang=["sosial", "sosial"]),
    case("four areas", bidang=["sosial", "frugal", "teknologi", "manajemen"]),
    case("choice in capitals", bentuk="Pelayanan Publik"),
    case("impossible date", waktu_uji_coba="2022-13-01"),
    case("future date", waktu_penerapan="2031-01-01"),
    case("trial after implementation", waktu_uji_coba="2022-09-01"),
    case("no dates", drop=("waktu_uji_coba", "waktu_penerapan")),
    case("negative number", hasil={"langkah": {"sebelum": 5, "sesudah": -1}}),
    case("after missing", hasil={"waktu_hari": {"sebelum": 5}}),
    case("tag too long", tag=["x" * 41]),
    case("tags written with commas", tag="akta, kelahiran"),
    case("award level unknown, year impossible", penghargaan=[{**AWARD, "tingkat": "dunia", "tahun": 1800}]),
    case("regulation without its kind", regulasi=[{"nomor": "3", "tahun": 2022}]),
    case("an unknown field", catatan="x"),
    case("link without https", tautan=[{"judul": "Laman", "url": "example.org"}]),
    case("template text left", text_body=with_section("Tujuan", PROMPT)),
    case("a section missing", text_body=body(sections=("Latar Belakang", "Tujuan", "Hasil"))),
    case("a level-1 heading", text_body=with_section("Manfaat", "# Manfaat bagi warga")),
    case("an image from another site", text_body=with_section("Hasil", "![grafik](https://example.org/g.png)")),
    case("no body", text_body=""),
    case("file name with capitals", file_id="Layanan Antar"),
]


def plain(value):
    """The front matter as JSON would carry it (YAML dates -> their ISO text)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value.isoformat() if hasattr(value, "isoformat") else value


@pytest.mark.parametrize("file_id, data, text_body", CASES)
def test_the_forms_verdict_equals_the_validators(browser, form_site, tmp_path, file_id, data, text_body):  # noqa: F811
    from datetime import date

    import yaml

    from catalogue.entry.json_schema import FORM_CODES
    from catalogue.entry.model import sections
    from catalogue.entry.reference import load_reference
    from catalogue.validate import validate

    project = new_project(tmp_path)
    path = project.write(f"banjar/{file_id}.md", entry_text(data, text_body))
    today = date(2026, 11, 29)
    _, report = validate(project.entries, load_reference(), today=today, root=project.root)
    expected = sorted({(p.severity, p.code) for p in report.problems if p.code in FORM_CODES})
    assert {p.code for p in report.problems} <= FORM_CODES, report.problems  # the case stays within the form's reach

    text = path.read_text()
    front_text, rest = text.split("\n---\n", 1) if text_body else (text.rsplit("---\n", 1)[0], "")
    entry = {"id": file_id, "front": plain(yaml.safe_load(front_text.removeprefix("---\n"))), "sections": sections(rest)}
    if not browser.execute_script("return !!window.kiAjukan"):  # one page load serves every case
        open_form(browser, form_site[1])
    got = browser.execute_script("return window.kiAjukan.periksa(arguments[0], {today: arguments[1]})",
                                 entry, today.isoformat())
    assert sorted({(p["severity"], p["code"]) for p in got}) == expected
    verdict = not any(p.severity == "error" for p in report.problems)
    assert verdict == (not any(p["severity"] == "error" for p in got))


# --- an entry opened from the catalogue (issue 29) ---------------------------------------------------------
SUMMARY_ID = "cabai-hiyung-tapin-mendunia"  # a real summary with an award, a sourced result and five sources


@pytest.fixture(scope="module")
def catalogue_site(tmp_path_factory):
    """The repository's real entries, published with a GitHub address, as a work unit finds them."""
    project = new_project(tmp_path_factory.mktemp("lengkapi"))
    shutil.rmtree(project.entries)
    copy_entries(project.entries, examples=False)
    project.run("build", check=True, env={"CATALOGUE_REPO_URL": "https://github.com/contoh/katalog"})
    with serving(project.root / "site") as url:
        yield project, url


def wait_ready(d):
    deadline = time.monotonic() + 15
    while d.execute_script("return document.documentElement.dataset.kiAjukan") != "siap":
        assert time.monotonic() < deadline, "the form did not load"
        time.sleep(0.05)


def test_a_summary_is_completed_through_the_form(browser, catalogue_site):  # noqa: F811
    project, url = catalogue_site
    d = browser
    original = (project.entries / "tapin" / f"{SUMMARY_ID}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(original.split("---\n")[1])
    d.get(f"{url}/inovasi/{SUMMARY_ID}/")
    click_link(d, "Lengkapi lewat formulir")
    wait_ready(d)
    assert d.current_url.endswith(f"/ajukan/?entri={SUMMARY_ID}")
    value = lambda f: d.find_element(By.ID, f"ki-a-{f}").get_attribute("value")  # noqa: E731
    assert (value("nama"), value("singkatan"), value("wilayah"), value("perangkat_daerah"), value("kelengkapan")) == (
        front["nama"], front.get("singkatan", ""), "63.05", front["perangkat_daerah"], "ringkasan")
    listed = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "#ki-ajukan-entri ul a")]
    assert listed == [s["url"] for s in front["sumber"]]
    needs = d.find_element(By.ID, "ki-ajukan-kurang").text
    assert "Tahapan wajib diisi." in needs and "Bagian Latar Belakang wajib diisi." in needs
    assert value("isi_awal") == original.split("---\n", 2)[2].strip()  # the summary's own text, to build on
    # Completed as a clerk types it.
    Select(d.find_element(By.ID, "ki-a-tahapan")).select_by_value("penerapan")
    Select(d.find_element(By.ID, "ki-a-jenis")).select_by_value("non_digital")
    fill(d, "waktu_penerapan", "17/05/2022")
    fill(d, "hasil_biaya_rp_sebelum", "Rp 1.500.000")
    fill(d, "hasil_biaya_rp_sesudah", "Rp 750.000")
    for section in ("latar-belakang", "tujuan", "manfaat", "hasil"):
        paste(d, f"isi_{section}", LONG)
    Select(d.find_element(By.ID, "ki-a-kelengkapan")).select_by_value("lengkap")
    submit(d)
    assert d.find_element(By.ID, "ki-ajukan-ringkasan").get_attribute("hidden") is not None
    text = d.find_element(By.ID, "ki-ajukan-teks").get_attribute("value")
    assert d.find_element(By.ID, "ki-ajukan-path").text == f"entries/tapin/{SUMMARY_ID}.md"
    lines = text.splitlines()
    assert "waktu_penerapan: 2022-05-17" in lines and "  biaya_rp: {sebelum: 1500000, sesudah: 750000}" in lines
    assert "kelengkapan: ringkasan" not in lines
    kept = [line for line in original.split("---\n")[1].splitlines()
            if line.startswith(("- {judul", "- {tahun", "nama:", "singkatan:", "perangkat_daerah:", "  - {indikator"))]
    assert kept and all(line in lines for line in kept)  # sources, award, result and names as they were
    assert original.split("---\n", 2)[2].strip() in text  # the summary's wording, first in the body
    edit = d.find_element(By.ID, "ki-ajukan-buka").get_attribute("href")
    assert edit == f"https://github.com/contoh/katalog/edit/main/entries/tapin/{SUMMARY_ID}.md"
    assert "hapus seluruh isi berkas, tempel teks yang disalin" in d.find_element(By.ID, "ki-ajukan-panjang").text
    assert [e for e in d.get_log("browser") if e["level"] == "SEVERE"] == []
    target = project.entries / "tapin" / f"{SUMMARY_ID}.md"
    target.write_text(text, encoding="utf-8")
    try:
        out = project.run("validate", "--strict", "--format", "json")
        assert out.returncode == 0 and json.loads(out.stdout)["problems"] == [], out.stdout
    finally:
        target.write_text(original, encoding="utf-8")
    assert "kelengkapan" not in text.split("---\n")[1]


def covering(entries_dir) -> list[str]:
    """Entries that between them use every field any real entry uses, and every one with results."""
    chosen, seen = [], set()
    for path in sorted(p for p in entries_dir.rglob("*.md") if p.name != "README.md"):
        keys = set(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1]))
        if keys - seen or "hasil" in keys:
            chosen.append(path.stem)
            seen |= keys
    return chosen


def test_handing_in_an_untouched_entry_gives_the_published_file_byte_for_byte(browser, catalogue_site):  # noqa: F811
    project, url = catalogue_site
    d = browser
    sample = covering(project.entries)
    assert len(sample) >= 10
    for entry_id in sample:
        d.get(f"{url}/ajukan/?entri={entry_id}")
        wait_ready(d)
        submit(d)
        path = d.find_element(By.ID, "ki-ajukan-path").text
        assert d.find_element(By.ID, "ki-ajukan-teks").get_attribute("value") == \
            (project.root / path).read_text(encoding="utf-8"), entry_id


def test_an_unknown_entry_opens_an_empty_form_that_says_so(browser, catalogue_site):  # noqa: F811
    _, url = catalogue_site
    browser.get(f"{url}/ajukan/?entri=tidak-ada-entri-ini")
    wait_ready(browser)
    assert 'Entri "tidak-ada-entri-ini" tidak ditemukan' in browser.find_element(By.ID, "ki-ajukan").text
    assert browser.find_element(By.ID, "ki-a-nama").get_attribute("value") == ""


def test_on_a_phone_a_summary_opens_with_its_story(browser, catalogue_site):  # noqa: F811
    """At 390 × 844 (issue 30): title, region and work unit, a short note, and the description's first
    sentence on the first screen; the details come after the text."""
    _, url = catalogue_site
    d = browser
    d.set_window_size(390, 844)
    try:
        for entry_id in ("langsat-manis-angkutan-masyarakat-gratis", SUMMARY_ID, "kalita-dua-kartu-aktif-balita"):
            d.get(f"{url}/inovasi/{entry_id}/")
            top, text, details = d.execute_script(
                "const p = document.querySelector('article .ki-ringkasan').nextElementSibling;"
                "return [p.getBoundingClientRect().top, p.textContent,"
                " document.getElementById('ki-rincian').getBoundingClientRect().top];")
            assert len(text.split()) > 10 and 0 < top < 844 - 60, (entry_id, top)  # a line of it at least
            assert details > top
    finally:
        d.set_window_size(1280, 1400)
