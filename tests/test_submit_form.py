"""The "Ajukan inovasi" form in headless Chromium: the file it produces passes `catalogue validate`."""

from __future__ import annotations

import json
import time
from urllib.parse import parse_qs, urlparse

import pytest

from conftest import new_project, serving

pytest.importorskip("selenium")
from test_browser import browser  # noqa: E402,F401  (skips the module without Chromium)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

LONG = ("Warga desa kini mengurus surat keterangan di kantor desa tanpa harus datang ke kecamatan, "
        "karena berkas diperiksa petugas secara daring pada hari yang sama. ") * 5  # ~120 words


@pytest.fixture(scope="module")
def form_site(tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp("ajukan"))
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


def set_date(d, field, iso):
    d.execute_script("arguments[0].value = arguments[1]", d.find_element(By.ID, f"ki-a-{field}"), iso)


def test_form_produces_a_file_that_passes_validation(browser, form_site):  # noqa: F811
    project, url = form_site
    d = browser
    open_form(d, url)
    fill(d, "nama", "Surat Keterangan Desa Daring")
    assert d.find_element(By.ID, "ki-a-id").get_attribute("value") == "surat-keterangan-desa-daring"
    Select(d.find_element(By.ID, "ki-a-wilayah")).select_by_value("63.05")
    fill(d, "perangkat_daerah", "Dinas Pemberdayaan Masyarakat dan Desa")
    Select(d.find_element(By.ID, "ki-a-bidang")).select_by_value("administrasi")
    Select(d.find_element(By.ID, "ki-a-bidang_lain")).select_by_value("teknologi")
    Select(d.find_element(By.ID, "ki-a-bentuk")).select_by_value("pelayanan_publik")
    Select(d.find_element(By.ID, "ki-a-jenis")).select_by_value("digital")
    Select(d.find_element(By.ID, "ki-a-tahapan")).select_by_value("penerapan")
    Select(d.find_element(By.ID, "ki-a-urusan")).select_by_value("pemberdayaan_masyarakat_desa")
    set_date(d, "waktu_uji_coba", "2023-02-01")
    set_date(d, "waktu_penerapan", "2023-08-01")
    fill(d, "hasil_langkah_sebelum", "5")
    fill(d, "hasil_langkah_sesudah", "2")
    fill(d, "tag", "desa, surat, desa")
    for section in ("latar-belakang", "tujuan", "manfaat", "hasil"):
        fill(d, f"isi_{section}", LONG)
    d.find_element(By.CSS_SELECTOR, "#ki-ajukan-form button[type=submit]").click()
    assert d.find_element(By.ID, "ki-ajukan-ringkasan").get_attribute("hidden") is not None
    path = d.find_element(By.ID, "ki-ajukan-path").text
    text = d.find_element(By.ID, "ki-ajukan-teks").get_attribute("value")
    assert path == "entries/tapin/surat-keterangan-desa-daring.md"
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
    set_date(d, "waktu_uji_coba", "2024-05-01")
    set_date(d, "waktu_penerapan", "2024-01-01")
    d.find_element(By.CSS_SELECTOR, "#ki-ajukan-form button[type=submit]").click()
    summary = d.find_element(By.ID, "ki-ajukan-ringkasan")
    assert summary.is_displayed() and "perlu diperbaiki" in summary.text
    assert d.find_element(By.ID, "ki-a-nama").get_attribute("aria-invalid") == "true"
    assert "3–150 karakter" in d.find_element(By.ID, "ki-a-nama-galat").text
    assert "sebelum waktu uji coba" in d.find_element(By.ID, "ki-a-waktu_penerapan-galat").text
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
    fill(d, "nama", "Layanan Izin Usaha Mikro")
    Select(d.find_element(By.ID, "ki-a-wilayah")).select_by_value("63.05")
    fill(d, "perangkat_daerah", "Dinas Penanaman Modal")
    for sel, value in (("bidang", "administrasi"), ("bentuk", "pelayanan_publik"), ("jenis", "digital"),
                       ("tahapan", "uji_coba")):
        Select(d.find_element(By.ID, f"ki-a-{sel}")).select_by_value(value)
    set_date(d, "waktu_uji_coba", "2023-02-01")
    for section in ("latar-belakang", "tujuan", "manfaat", "hasil"):
        fill(d, f"isi_{section}", LONG)
    d.find_element(By.CSS_SELECTOR, "#ki-ajukan-form button[type=submit]").click()
    text = d.find_element(By.ID, "ki-ajukan-teks").get_attribute("value")
    assert "biaya_rp: {sebelum: 1500000, sesudah: 250000}" in text
    assert "waktu_hari: {sebelum: 2.5, sesudah: 1}" in text
    fill(d, "hasil_langkah_sebelum", "lima")
    fill(d, "hasil_langkah_sesudah", "3")
    d.find_element(By.CSS_SELECTOR, "#ki-ajukan-form button[type=submit]").click()
    assert "bukan angka" in d.find_element(By.ID, "ki-a-hasil_langkah_sebelum-galat").text
