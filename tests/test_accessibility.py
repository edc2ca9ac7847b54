"""WCAG 2.1 AA as a citizen meets it: axe-core 4.x in Chromium over every kind of page at two phone sizes
and a desktop size, and the words on the pages are Indonesian.

axe-core comes from npm (`make test` installs it into .venv/axe); without it or without Chromium the
browser part is skipped with a message."""

from __future__ import annotations

import gzip
import re
import shutil
import time

import pytest
from conftest import REPO, copy_entries, new_project, serving

AXE = REPO / ".venv" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SIZES = ((360, 740), (390, 844), (1280, 900))
PAGES = ["", "wilayah/", "wilayah/banjar/", "bidang/", "bidang/sosial/", "inovasi/akta-kelahiran-dari-ruang-bersalin/",
         "inovasi/layanan-berpenghargaan/", "inovasi/kalita-dua-kartu-aktif-balita/",
         "jelajahi/?q=layanan&bidang=Sosial&tahapan=Penerapan", "statistik/", "role-model/", "target/", "data/", "ajukan/",
         "ajukan/?entri=kalita-dua-kartu-aktif-balita", "panduan/", "tentang/",
         "tidak-ada/"]
# English UI words that must not reach a citizen (Material's defaults and our own slips).
ENGLISH = re.compile(r"Made with|Permanent link|Not found|aria-label=\"(Header|Footer)\"|Skip to content|"
                     r"Back to top|Copy to clipboard|Edit this page|Table of contents|Berkas sumber")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The example catalogue, served on localhost under a sub-path, built with that address as site_url
    (so the 404 page's links resolve there too)."""
    project = new_project(tmp_path_factory.mktemp("aksesibel"))
    shutil.rmtree(project.entries)
    copy_entries(project.entries)
    # One innovation with every optional field the examples lack (acronym, awards, regulations).
    project.add("tapin/layanan-berpenghargaan.md", wilayah="63.05", nama="Layanan Berpenghargaan", singkatan="LABA",
                penghargaan=[{"tahun": 2024, "nama": "Penghargaan Inovasi Daerah", "tingkat": "provinsi",
                              "peringkat": "Terbaik 1"}, {"tahun": 2025, "nama": "Penghargaan Nasional", "tingkat": "nasional"}],
                regulasi=[{"jenis": "Peraturan Bupati", "nomor": "7", "tahun": 2023, "judul": "Layanan Berpenghargaan"}])
    root = project.root / "terbit"
    (root / "katalog").mkdir(parents=True)
    with serving(root, not_found="katalog/404.html") as url:
        site_url = f"{url}/katalog/"
        project.run("build", "--site-dir", str(root / "katalog"), check=True,
                    env={"CATALOGUE_SITE_URL": site_url, "CATALOGUE_REPO_URL": "https://github.com/contoh/katalog"})
        yield root / "katalog", site_url


def test_no_english_ui_words_on_any_page(example_site):
    site, _ = example_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    found = {p.relative_to(site).as_posix(): m.group(0) for p in pages
             if (m := ENGLISH.search(p.read_text(encoding="utf-8")))}
    assert not found, found
    assert "Halaman tidak ditemukan" in (site / "404.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def chromium():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from test_browser import CHROMIUM, DRIVER  # skips without Chromium
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_script_timeout(120)
    yield driver
    driver.quit()


# Every table and chart on a 360 px phone: (selector, what is wrong) for each offender.
PHONE_CHECK = """
const content = document.querySelector('.md-content__inner').getBoundingClientRect();
const bad = [];
for (const t of document.querySelectorAll('.md-content table')) {
  const box = t.getBoundingClientRect();
  if (box.right > content.right + 1 || t.scrollWidth > t.clientWidth + 1) bad.push(['table', t.innerText.slice(0, 40)]);
}
for (const el of document.querySelectorAll('.ki-grafik *')) {
  const size = parseFloat(getComputedStyle(el).fontSize);
  if (el.textContent.trim() && !el.children.length && size < 12) bad.push(['chart text ' + size + 'px', el.textContent]);
}
return bad;
"""


def test_on_a_phone_no_table_hides_a_column_and_chart_text_is_readable(example_site, chromium):
    _, url = example_site
    chromium.set_window_size(360, 740)
    found = {}
    for path in PAGES[:-1]:
        chromium.get(url + path)
        for what, text in chromium.execute_script(PHONE_CHECK):
            found.setdefault(path, []).append(f"{what}: {text}")
    assert not found, found
    chromium.get(url + "statistik/")
    assert chromium.execute_script("return document.querySelectorAll('.ki-grafik li').length") > 20


@pytest.mark.parametrize("width, height", SIZES, ids=[f"{w}px" for w, _ in SIZES])  # one width per test: both cores
def test_axe_finds_no_wcag_violation_on_any_page_type(example_site, chromium, width, height):
    if not AXE.is_file():
        pytest.skip("axe-core tidak terpasang (make test memasangnya lewat npm); uji aksesibilitas dilewati.")
    driver = chromium
    axe = AXE.read_text(encoding="utf-8")
    _, url = example_site
    found, versions = {}, set()
    try:
        driver.set_window_size(width, height)
        for path in PAGES:
            driver.get(url + path)
            if path.startswith(("jelajahi", "ajukan")):  # wait for the script-built page
                deadline = time.monotonic() + 15
                while time.monotonic() < deadline and not driver.execute_script(
                        "return !!document.querySelector('#ki-hasil li, #ki-ajukan-form')"):
                    time.sleep(0.1)
            if path.startswith("ajukan"):  # a record row open and the errors shown, as a clerk meets them
                driver.execute_script("document.getElementById('ki-a-penghargaan-tambah').click();"
                                      "document.querySelector('#ki-ajukan-form button[type=submit]').click()")
                time.sleep(0.3)
            if path.startswith("jelajahi"):  # the filter panel open, as a visitor filtering sees it
                driver.execute_script("document.getElementById('ki-saring').open = true")
                time.sleep(0.5)
            if path.startswith("inovasi/"):  # the page as a citizen meets it: with its similar innovations
                assert driver.execute_script("return document.querySelectorAll('#ki-serupa + ul li').length") >= 3
            driver.execute_script(axe)
            versions.add(driver.execute_script("return axe.version"))
            result = driver.execute_script(
                "return await axe.run(document, {runOnly: {type: 'tag', "
                "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']});")
            for v in result["violations"]:
                found[(path, width, v["id"])] = [n["target"] for n in v["nodes"][:3]]
    finally:
        driver.set_window_size(1280, 900)
    assert not found, found
    assert len(versions) == 1 and versions.pop().startswith("4."), versions


def test_an_innovation_page_prints_as_a_profile_of_at_most_two_pages(example_site, chromium):
    import base64
    _, url = example_site
    for ident in ("akta-kelahiran-dari-ruang-bersalin", "pupuk-organik-dari-jerami",
                  "layanan-kesehatan-perahu-bantaran-sungai"):
        chromium.get(f"{url}inovasi/{ident}/")
        # What Chromium's print dialog saves: the page's own @page size, no header or footer lines.
        pdf = chromium.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True,
                                                           "displayHeaderFooter": False})
        data = base64.b64decode(pdf["data"])
        pages = len(re.findall(rb"/Type\s*/Page\b", data))
        assert 1 <= pages <= 2, (ident, pages)
        assert re.search(rb"/MediaBox \[0 0 59[45][.0-9]* 84[12]", data)  # A4: 595 × 842 points


ASSET = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"')


def test_first_visit_of_an_innovation_page_is_light_and_local(example_site):
    """What a phone downloads the first time it opens an innovation page, gzip-compressed as a static host
    sends it: at most 100 KB, and nothing from another host."""
    site, _ = example_site
    page = site / "inovasi" / "akta-kelahiran-dari-ruang-bersalin" / "index.html"
    html = page.read_text(encoding="utf-8")
    assets = sorted(set(ASSET.findall(html)))
    assert assets and not [a for a in assets if re.match(r"^(https?:)?//", a)], assets
    total = len(gzip.compress(html.encode("utf-8")))
    for href in assets:
        total += len(gzip.compress((page.parent / href.split("?")[0]).resolve().read_bytes()))
    assert total <= 100 * 1024, f"{total / 1024:.1f} KB"


def test_without_javascript_the_form_page_shows_only_its_guidance(example_site, tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from test_browser import CHROMIUM, DRIVER  # skips without Chromium
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    try:
        _, url = example_site
        driver.get(url + "ajukan/")
        text = driver.find_element(By.CSS_SELECTOR, "article").text
        assert driver.execute_script is not None and "Ajukan inovasi" in text
        assert "Memuat formulir" not in text and "Formulir ini memerlukan JavaScript" in text
        guide = driver.find_element(By.CSS_SELECTOR, "article noscript ~ *, article a[href$='panduan/']")
        assert guide.is_displayed()
        assert driver.find_element(By.ID, "ki-ajukan").text == ""  # nothing pretends to be loading
    finally:
        driver.quit()


def test_the_404_page_works_under_a_sub_path(example_site):
    site, url = example_site
    html = (site / "404.html").read_text(encoding="utf-8")
    path = re.sub(r"^https?://[^/]+", "", url)  # /katalog/
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sheets and all(s.startswith(path) for s in sheets), sheets
    assert f'action="{path}jelajahi/"' in html and f'href="{path}"' in html


KEYBOARD_CHECK = """
const seen = window.__kiSeen || (window.__kiSeen = new Map());
const el = document.activeElement;
if (el && el !== document.body) {
  const s = getComputedStyle(el);
  const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'
    || s.textDecorationLine.includes('underline') && s.outlineStyle !== 'none';
  seen.set(el, visible);
}
return [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')]
  .filter((e) => e.offsetParent !== null && !e.disabled && e.tabIndex >= 0 && getComputedStyle(e).visibility !== 'hidden')
  .map((e) => [e.outerHTML.slice(0, 80), seen.has(e), seen.get(e) === true]);
"""


@pytest.mark.parametrize("path", ["jelajahi/?q=layanan&bidang=Sosial", "inovasi/akta-kelahiran-dari-ruang-bersalin/"])
def test_every_control_is_reached_by_tab_and_shows_focus(example_site, chromium, path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys
    _, url = example_site
    chromium.set_window_size(1280, 900)
    chromium.get(url + path)
    time.sleep(1.5)
    state = chromium.execute_script(KEYBOARD_CHECK)
    for _ in range(len(state) + 10):
        ActionChains(chromium).send_keys(Keys.TAB).perform()
        state = chromium.execute_script(KEYBOARD_CHECK)
    missed = [html for html, reached, _ in state if not reached]
    unmarked = [html for html, reached, shown in state if reached and not shown]
    assert not missed, missed
    assert not unmarked, unmarked
