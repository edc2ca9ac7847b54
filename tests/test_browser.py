"""The browse page in headless Chromium, against a built site served on localhost."""

from __future__ import annotations

import shutil
import time
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import entry_text, front, new_project, serving

# Debian's chromium + chromium-driver here and in CI; Google Chrome on GitHub's runners.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
if not (CHROMIUM and DRIVER):
    pytest.skip("Chromium/ChromeDriver tidak terpasang (Debian: apt-get install chromium chromium-driver); "
                "uji peramban dilewati.", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

SECTIONS = ("Latar Belakang", "Tujuan", "Manfaat", "Hasil")


def text_body(sentence: str) -> str:
    return "\n".join(f"## {s}\n\n{sentence * 6}\n" for s in SECTIONS)


ENTRIES = {
    # Only "pelayanan" here: a stemmed search for "layanan" must find it.
    "banjar/antrean-puskesmas.md": (
        front(nama="Antrean Puskesmas Terpadu", bidang="teknologi", bentuk="tata_kelola", jenis="digital",
              perangkat_daerah="Dinas Kesehatan"),
        "Pelayanan pasien di puskesmas dimulai dengan nomor antrean daring dari rumah sehingga ruang tunggu lega. "),
    "banjar/pupuk-jerami.md": (
        front(nama="Pupuk Organik dari Jerami", bidang="frugal", bentuk="lainnya", jenis="non_digital",
              tahapan="uji_coba", waktu_penerapan=None, perangkat_daerah="Dinas Pertanian"),
        "Petani mengolah jerami sisa panen menjadi pupuk organik bersama penyuluh pertanian desa. "),
    "tapin/bank-sampah-sekolah.md": (
        front(nama="Bank Sampah Sekolah", wilayah="63.05", bidang="frugal", bentuk="lainnya", jenis="non_digital",
              perangkat_daerah="Dinas Lingkungan Hidup", waktu_uji_coba="2021-02-01", waktu_penerapan="2021-08-01"),
        "Murid menabung sampah plastik yang ditimbang setiap pekan dan ditukar dengan buku tulis. "),
    "tapin/kader-posyandu.md": (
        front(nama="Kader Posyandu Berdaya", wilayah="63.05", bidang="sosial", bentuk="tata_kelola",
              jenis="non_digital", perangkat_daerah="Dinas Kesehatan"),
        "Kader posyandu dilatih menimbang balita dan mencatat tumbuh kembang anak di buku desa. "),
}


def built(tmp_path_factory, name: str, entries: dict, env: dict | None = None):
    """Build a site of `entries` ({path: (front matter, sentence)}) and serve it; yields its URL."""
    project = new_project(tmp_path_factory.mktemp(name))
    for rel, (data, sentence) in entries.items():
        project.write(rel, entry_text(data, text_body(sentence)))
    project.run("build", check=True, env=env)
    with serving(project.root / "site") as url:
        yield url


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    yield from built(tmp_path_factory, "browser", ENTRIES)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--window-size=1280,1400",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def page(browser, site_url):
    """Open a path and wait for the browse page's first render; console errors fail the test."""
    def open_(path: str):
        browser.get(site_url + path)
        wait_render(browser, None)
        return browser
    browser.get_log("browser")  # drop what earlier tests left
    yield open_
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def render_mark(driver) -> str | None:
    return driver.execute_script("return document.documentElement.dataset.kiRender || null")


def wait_render(driver, previous, timeout: float = 15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mark = render_mark(driver)
        if mark and mark != previous:
            return mark
        time.sleep(0.05)
    raise AssertionError("the browse page did not render")


def titles(driver) -> list[str]:
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#ki-hasil .ki-hasil-butir__judul")]


def status(driver) -> str:
    return driver.find_element(By.ID, "ki-status").text


def facet_box(driver, facet: str, value: str):
    for box in driver.find_elements(By.CSS_SELECTOR, "#ki-facet input[type=checkbox]"):
        if box.get_attribute("data-facet") == facet and box.get_attribute("data-value") == value:
            return box
    raise AssertionError(f"no checkbox {facet}={value}")


def facet_count(driver, facet: str, value: str) -> int:
    box = facet_box(driver, facet, value)
    label = driver.find_element(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}'] .ki-facet__jumlah")
    return int(label.get_attribute("textContent"))


def click(driver, element):
    before = render_mark(driver)
    element.click()
    wait_render(driver, before)


def query(driver) -> dict:
    return parse_qs(urlparse(driver.current_url).query)


def test_all_innovations_listed_without_query(page):
    d = page("/jelajahi/")
    assert status(d) == "4 inovasi."
    assert len(titles(d)) == 4
    assert facet_count(d, "bidang", "Frugal") == 2 and facet_count(d, "wilayah", "Kabupaten Tapin") == 2


def test_stemmed_query_finds_pelayanan(page):
    d = page("/jelajahi/?q=layanan")
    # "Kader Posyandu" too: posyandu is a pos pelayanan terpadu (singkatan.yml), so its long form counts.
    assert titles(d) == ["Antrean Puskesmas Terpadu", "Kader Posyandu Berdaya"]
    assert status(d).startswith("2 inovasi cocok dengan “layanan”")
    d = page("/jelajahi/?q=melayani")
    assert titles(d) == ["Antrean Puskesmas Terpadu", "Kader Posyandu Berdaya"]


def test_facet_combination_counts_url_and_back(page):
    d = page("/jelajahi/")
    click(d, facet_box(d, "bidang", "Frugal"))
    assert sorted(titles(d)) == ["Bank Sampah Sekolah", "Pupuk Organik dari Jerami"]
    assert facet_count(d, "tahapan", "Uji coba") == 1 and facet_count(d, "tahapan", "Penerapan") == 1
    assert facet_count(d, "bidang", "Sosial") == 1  # values of a facet combine with OR: counts ignore its own choice
    click(d, facet_box(d, "tahapan", "Penerapan"))
    assert titles(d) == ["Bank Sampah Sekolah"] and status(d) == "1 inovasi."
    assert facet_count(d, "wilayah", "Kabupaten Tapin") == 1
    assert query(d) == {"bidang": ["Frugal"], "tahapan": ["Penerapan"]}
    click(d, facet_box(d, "bidang", "Sosial"))
    assert sorted(titles(d)) == ["Bank Sampah Sekolah", "Kader Posyandu Berdaya"]
    before = render_mark(d)
    d.back()
    wait_render(d, before)
    assert query(d) == {"bidang": ["Frugal"], "tahapan": ["Penerapan"]}
    assert titles(d) == ["Bank Sampah Sekolah"]
    assert not facet_box(d, "bidang", "Sosial").is_selected()


def test_shared_url_restores_the_view(page):
    d = page("/jelajahi/?bidang=Frugal&tahapan=Penerapan&q=sampah")
    assert titles(d) == ["Bank Sampah Sekolah"]
    assert d.find_element(By.ID, "ki-q").get_attribute("value") == "sampah"
    assert facet_box(d, "bidang", "Frugal").is_selected() and facet_box(d, "tahapan", "Penerapan").is_selected()


def test_header_search_reaches_the_browse_page(page, site_url):
    d = page("/jelajahi/")
    d.get(site_url + "/wilayah/banjar/")
    box = d.find_element(By.ID, "ki-cari-input")
    assert d.find_element(By.CSS_SELECTOR, "label[for='ki-cari-input']")
    box.send_keys("jerami")
    box.submit()
    wait_render(d, None)
    assert urlparse(d.current_url).path == "/jelajahi/" and titles(d) == ["Pupuk Organik dari Jerami"]


def test_controls_are_labelled_and_results_announced(page):
    d = page("/jelajahi/")
    assert d.find_element(By.ID, "ki-status").get_attribute("aria-live") == "polite"
    for box in d.find_elements(By.CSS_SELECTOR, "#ki-facet input, #ki-q, #ki-urut"):
        assert d.find_elements(By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']"), box.get_attribute("id")
    assert d.find_elements(By.CSS_SELECTOR, "#ki-facet fieldset legend")


def test_only_same_origin_requests(page, site_url):
    d = page("/jelajahi/?q=layanan")
    urls = d.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert urls and all(u.startswith(site_url) for u in urls), urls


def test_phone_loads_facets_only_when_filters_are_opened(page):
    d = page("/jelajahi/")
    try:
        d.set_window_size(390, 844)
        d.refresh()
        wait_render(d, None)
        assert status(d) == "4 inovasi."
        assert d.find_element(By.ID, "ki-saring").get_attribute("open") is None
        assert d.find_elements(By.CSS_SELECTOR, "#ki-facet input") == []
        click(d, d.find_element(By.CSS_SELECTOR, "#ki-saring > summary"))
        assert facet_count(d, "bidang", "Frugal") == 2
    finally:
        d.set_window_size(1280, 1400)


def test_region_and_work_unit_are_searchable_but_labels_are_not(page):
    d = page("/jelajahi/?q=tapin")
    assert sorted(titles(d)) == ["Bank Sampah Sekolah", "Kader Posyandu Berdaya"]
    d = page("/jelajahi/?q=dinas+pertanian")
    assert titles(d)[0] == "Pupuk Organik dari Jerami"
    d = page("/jelajahi/?q=dilaporkan")  # a field label on every page, excluded from the index
    assert titles(d) == [] and status(d).startswith("Tidak ada inovasi")


def test_a_shared_filter_link_shows_its_filters_as_removable_chips_on_a_phone(page, browser):
    browser.set_window_size(390, 844)
    try:
        page("/jelajahi/?bidang=Frugal&tahapan=Uji+coba")
        assert not browser.find_element(By.ID, "ki-saring").get_attribute("open")  # the panel stays closed
        chips = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#ki-aktif button")]
        assert chips == ["Bidang: Frugal ✕", "Tahapan: Uji coba ✕", "Hapus semua"]
        assert titles(browser) == ["Pupuk Organik dari Jerami"]
        click(browser, browser.find_element(By.CSS_SELECTOR, "#ki-aktif button[data-facet=tahapan]"))
        assert query(browser) == {"bidang": ["Frugal"]}
        assert [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#ki-aktif button")] == ["Bidang: Frugal ✕"]
        assert sorted(titles(browser)) == ["Bank Sampah Sekolah", "Pupuk Organik dari Jerami"]
    finally:
        browser.set_window_size(1280, 1400)


def test_a_page_number_past_the_end_shows_the_last_page(page, browser):
    page("/jelajahi/?hal=99")
    assert len(titles(browser)) == 4 and "hal" not in query(browser)
    assert "4 inovasi" in status(browser)


def test_a_synonym_finds_the_entry(page, browser):
    page("/jelajahi/?q=online")  # the entry says "daring"
    assert titles(browser) == ["Antrean Puskesmas Terpadu"]


# --- acronyms and awards ------------------------------------------------------------------------------
AWARD = {"tahun": 2024, "nama": "Innovative Government Award", "tingkat": "nasional"}
AWARDED = {
    "banjarbaru/sikap.md": (
        front(nama="Sistem Informasi Kepegawaian dan Antrean Pelayanan", singkatan="SIKAP", wilayah="63.72",
              penghargaan=[AWARD], perangkat_daerah="Badan Kepegawaian Daerah"),
        "Pegawai mengajukan cuti dan kenaikan pangkat dari ponsel tanpa antre di kantor badan. "),
    # Says "sikap" in its name and twice in its tags: the acronym's own innovation must still come first.
    "banjarmasin/sikap-ramah.md": (
        front(nama="Pelatihan Sikap Ramah Petugas Kelurahan", wilayah="63.71", tag=["sikap", "sikap ramah"],
              perangkat_daerah="Bagian Organisasi"),
        "Petugas kelurahan berlatih menyambut warga dengan sikap ramah dan jelas. "),
    "tapin/pasar-bersih.md": (
        front(nama="Pasar Bersih Tanpa Plastik", wilayah="63.05", perangkat_daerah="Dinas Perdagangan",
              penghargaan=[{**AWARD, "tingkat": "provinsi", "nama": "Kalsel Innovation Award"}]),
        "Pedagang pasar mengganti kantong plastik dengan kantong kain pinjaman. "),
}


@pytest.fixture(scope="module")
def award_site(tmp_path_factory):
    yield from built(tmp_path_factory, "penghargaan", AWARDED)


def test_an_acronym_finds_its_own_innovation_first(browser, award_site):
    browser.get(award_site + "/jelajahi/?q=sikap")
    wait_render(browser, None)
    assert titles(browser) == ["Sistem Informasi Kepegawaian dan Antrean Pelayanan (SIKAP)",
                               "Pelatihan Sikap Ramah Petugas Kelurahan"]
    browser.get(award_site + "/jelajahi/?q=SIKAP")  # as it is usually written
    wait_render(browser, None)
    assert titles(browser)[0] == "Sistem Informasi Kepegawaian dan Antrean Pelayanan (SIKAP)"


def test_awards_are_a_facet_with_a_bucket_for_none(browser, award_site):
    browser.get(award_site + "/jelajahi/?penghargaan=Nasional")
    wait_render(browser, None)
    assert titles(browser) == ["Sistem Informasi Kepegawaian dan Antrean Pelayanan (SIKAP)"]
    boxes = [b.get_attribute("data-value") for b in browser.find_elements(By.CSS_SELECTOR, "#ki-facet input[type=checkbox]")
             if b.get_attribute("data-facet") == "penghargaan"]
    assert boxes == ["Nasional", "Provinsi", "Belum ada"]  # the highest first, the "other" bucket last
    assert facet_count(browser, "penghargaan", "Belum ada") == 1


# --- search in shards ---------------------------------------------------------------------------------
# Fourteen innovations dated 2019-2024. With shards of at most three (a national catalogue has 2,000) the
# index is split by year and the busier years by half: seven shards, merged in the browser, whose sorted
# results Pagefind would interleave by each shard's own positions.
DATES = ["2019-03-01", "2020-05-01", "2021-02-01", "2021-04-01", "2021-09-01", "2021-11-01", "2022-01-15",
         "2022-03-01", "2022-08-01", "2023-06-01", "2023-07-01", "2024-01-01", "2024-02-01", "2024-10-01"]
SHARDED = {
    f"{'banjar' if i % 2 else 'tapin'}/inovasi-{i:02d}.md": (
        front(nama=f"Inovasi Bertanggal Nomor {i:02d}", wilayah="63.03" if i % 2 else "63.05",
              bidang=["sosial"] if i % 3 == 0 else ["administrasi"], waktu_uji_coba=f"{day[:4]}-01-01",
              waktu_penerapan=day, perangkat_daerah="Dinas Sosial"),
        "Warga menyeberangi sungai dengan perahu desa. " if i % 2 else "Warga mengurus surat di kantor desa. ")
    for i, day in enumerate(DATES)}
NEWEST_FIRST = [f"Inovasi Bertanggal Nomor {i:02d}" for i in reversed(range(len(DATES)))]


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    yield from built(tmp_path_factory, "bagian", SHARDED, env={"CATALOGUE_SEARCH_SHARD": "3"})


def all_titles(driver, url: str) -> list[str]:
    """Every result, page by page (ten per page)."""
    seen: list[str] = []
    for n in (1, 2):
        driver.get(url + ("&" if "?" in url else "?") + f"hal={n}")
        wait_render(driver, None)
        seen += titles(driver)
        if len(seen) < 10 * n:
            break
    return seen


def test_sorted_results_are_in_exact_date_order_across_shards(browser, sharded_site):
    browser.get(sharded_site + "/jelajahi/")
    wait_render(browser, None)
    assert "14" in status(browser)
    assert all_titles(browser, sharded_site + "/jelajahi/") == NEWEST_FIRST  # no query: newest first
    assert all_titles(browser, sharded_site + "/jelajahi/?urut=terlama") == NEWEST_FIRST[::-1]
    odd = [t for t in NEWEST_FIRST if int(t[-2:]) % 2]  # the ones about the river
    assert all_titles(browser, sharded_site + "/jelajahi/?q=sungai&urut=terbaru") == odd
    social = [t for t in NEWEST_FIRST if int(t[-2:]) % 3 == 0]
    assert all_titles(browser, sharded_site + "/jelajahi/?bidang=Sosial&urut=terlama") == social[::-1]
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == [], errors


def test_facet_counts_add_up_over_shards(browser, sharded_site):
    browser.get(sharded_site + "/jelajahi/")
    wait_render(browser, None)
    assert facet_count(browser, "bidang", "Sosial") == 5 and facet_count(browser, "bidang", "Administrasi") == 9
    assert facet_count(browser, "tahun", "2021") == 4
