"""Government abbreviations understood (issue 30): singkatan.yml is reference data checked like the synonym
groups, and a search finds an innovation by an abbreviation when it writes the long form, and by the long
form when it writes the abbreviation."""

from __future__ import annotations

import pytest
from conftest import front
from test_browser import browser, built, page, status, titles  # noqa: F401  (fixtures; skip without Chromium)

from catalogue.entry.reference import ReferenceError, load_reference
from catalogue.site.search import distinct_words

REF = load_reference()
ENTRIES = {
    "banjar/layanan-panjang.md": (
        front(nama="Layanan Jemput Dokumen Warga", bidang="administrasi", perangkat_daerah="Dinas Sosial"),
        "Petugas mengantar dokumen administrasi kependudukan ke rumah warga lanjut usia di desa terpencil. "),
    "tapin/layanan-singkat.md": (
        front(nama="Loket Keliling Desa", wilayah="63.05", bidang="administrasi", perangkat_daerah="Dinas Sosial"),
        "Loket adminduk keliling melayani perekaman dan pencetakan dokumen di balai desa setiap pekan. "),
}


def test_the_list_is_checked_like_the_synonym_groups(tmp_path):
    import shutil
    from catalogue.entry.reference import DEFAULT_DIR
    shutil.copytree(DEFAULT_DIR, tmp_path / "data")
    (tmp_path / "data" / "singkatan.yml").write_text("adminduk: [administrasi kependudukan]\nBAD KEY: [satu dua]\n"
                                                     "umkm: [usaha]\n", encoding="utf-8")
    with pytest.raises(ReferenceError) as found:
        load_reference(tmp_path / "data")
    details = [p.message for p in found.value.problems]
    assert len(details) == 2 and "BAD KEY" in details[0] and "umkm" in details[1]
    assert REF.abbreviations["adminduk"] == ("administrasi kependudukan",) and len(REF.abbreviations) > 50


def test_either_form_brings_the_other_into_the_searchable_words():
    long = distinct_words("Layanan administrasi kependudukan di Puskesmas", REF).split()
    assert "adminduk" in long and {"pusat", "kesehatan", "masyarakat"} <= set(long)
    short = distinct_words("Loket adminduk keliling", REF).split()
    assert {"administrasi", "kependudukan"} <= set(short)
    assert "adminduk" not in distinct_words("administrasi desa dan kependudukan", REF).split()  # not a phrase


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    yield from built(tmp_path_factory, "singkatan", ENTRIES)


def test_a_search_finds_each_entry_by_the_other_form(page):  # noqa: F811
    assert titles(page("/jelajahi/?q=adminduk")) and sorted(titles(page("/jelajahi/?q=adminduk"))) == [
        "Layanan Jemput Dokumen Warga", "Loket Keliling Desa"]
    d = page("/jelajahi/?q=administrasi+kependudukan")
    assert sorted(titles(d)) == ["Layanan Jemput Dokumen Warga", "Loket Keliling Desa"], status(d)
