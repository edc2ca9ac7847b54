"""Bagikan on an innovation page (issue 30): a WhatsApp link with the title and the address, "Salin tautan",
and the system's share sheet where the browser has one; the address readable without JavaScript when the
site knows it (site_url); no third-party script, no tracking parameters."""

from __future__ import annotations

import re
import time
from urllib.parse import unquote
from urllib.request import urlopen

import pytest
from test_browser import ENTRIES, browser, built  # noqa: F401  (browser: skips without Chromium)
from selenium.webdriver.common.by import By

SITE_URL = "https://contoh.go.id/katalog/"
PAGE = "inovasi/antrean-puskesmas/"
TITLE = "Antrean Puskesmas Terpadu"


@pytest.fixture(scope="module")
def with_address(tmp_path_factory):
    yield from built(tmp_path_factory, "bagikan", ENTRIES, env={"CATALOGUE_SITE_URL": SITE_URL})


@pytest.fixture(scope="module")
def without_address(tmp_path_factory):
    yield from built(tmp_path_factory, "bagikan-tanpa-alamat", ENTRIES, env={"CATALOGUE_SITE_URL": ""})


def test_with_site_url_the_links_work_without_javascript(with_address):
    html = urlopen(f"{with_address}/{PAGE}").read().decode()
    box = html.split('id="ki-bagikan"', 1)[1].split("</div>", 1)[0]
    link = re.search(r'id="ki-bagikan-wa" href="https://wa\.me/\?text=([^"]+)"', box)
    assert link and unquote(link.group(1)) == f"{TITLE} {SITE_URL}{PAGE}"
    assert f'<code id="ki-bagikan-alamat">{SITE_URL}{PAGE}</code>' in box
    assert "utm_" not in box and "<script" not in box


def test_in_the_browser_without_site_url(browser, without_address):  # noqa: F811
    d = browser
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source":
                      "navigator.share = (data) => { window.__dibagikan = data; return Promise.resolve(); };"})
    d.get(f"{without_address}/{PAGE}")
    deadline = time.monotonic() + 10
    while d.execute_script("return document.getElementById('ki-bagikan').dataset.siap") != "1":
        assert time.monotonic() < deadline, "bagikan.js did not run"
        time.sleep(0.05)
    address = f"{without_address}/{PAGE}"
    wa = d.find_element(By.ID, "ki-bagikan-wa")
    assert wa.is_displayed() and unquote(wa.get_attribute("href").split("?text=", 1)[1]) == f"{TITLE} {address}"
    assert d.find_element(By.ID, "ki-bagikan-alamat").text == address
    copy = d.find_element(By.ID, "ki-bagikan-salin")
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", copy)
    copy.click()
    time.sleep(0.3)
    assert copy.text in ("Tautan tersalin", "Salin alamat yang ditandai")
    d.find_element(By.ID, "ki-bagikan-lain").click()
    time.sleep(0.2)
    assert d.execute_script("return window.__dibagikan") == {"title": TITLE, "url": address}
