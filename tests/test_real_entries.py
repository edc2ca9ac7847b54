"""Real innovations of Kalimantan Selatan, summarised from public sources: the catalogue holds enough of
them, each cites its sources, and a summary is checked, shown and counted as what it is."""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import EXAMPLES, REPO, built_catalogue

from catalogue.entry.reference import load_reference
from catalogue.site.search import entry_meta
from catalogue.validate import validate

REF = load_reference()
SUMMARY = """---
nama: Sistem Informasi Pelayanan Contoh
singkatan: SIPACO
wilayah: "63.09"
perangkat_daerah: Dinas Kependudukan dan Pencatatan Sipil
bidang: [administrasi]
kelengkapan: ringkasan
sumber:
- {judul: Berita peluncuran, url: https://contoh.go.id/berita, diakses: 2026-11-30}
---
""" + ("Warga mengurus dokumen kependudukan lewat aplikasi tanpa datang ke kantor dinas. " * 4)


@pytest.fixture(scope="module")
def catalogue():
    cat, report = validate(REPO / "entries", REF, root=REPO)
    assert report.ok(strict=True), [p for p in report.problems][:5]
    return cat


def test_the_catalogue_holds_at_least_150_real_innovations_from_every_region(catalogue):
    real = [e for e in catalogue.entries if not e.contoh]
    assert len(real) >= 150
    assert {e.region_code for e in real} == set(REF.regions)  # the province and its 13 kabupaten/kota
    for e in real:
        assert e.sumber, f"{e.source}: a real entry names its public sources"
        assert all(re.match(r"https?://", s.url) for s in e.sumber), e.source
    assert any(e.penghargaan for e in real)  # awards from the announcements


def test_summaries_are_real_and_examples_stay_examples(catalogue):
    for e in catalogue.entries:
        if e.contoh:
            assert not e.is_summary
        else:  # a summary; its results (issue 27) only as a cited source states them, checked in review
            assert e.is_summary and e.sumber, e.source


def test_a_good_summary_passes_strict_and_a_poor_one_says_why(project):
    project.write("tabalong/sipaco.md", SUMMARY)
    _, report = validate(project.entries, REF, today=date(2026, 11, 30), root=project.root)
    assert report.problems == [] and report.ok(strict=True)
    poor = SUMMARY.split("sumber:")[0] + "---\nTerlalu pendek.\n"  # no source, a 2-word body
    project.write("tabalong/sipaco.md", poor)
    _, report = validate(project.entries, REF, today=date(2026, 11, 30), root=project.root)
    assert {(p.code, p.field) for p in report.problems} == {("missing-field", "sumber"), ("summary-too-short", "isi")}
    project.write("tabalong/sipaco.md", SUMMARY.replace("kelengkapan: ringkasan\n", ""))  # a complete entry
    _, report = validate(project.entries, REF, today=date(2026, 11, 30), root=project.root)
    assert {"missing-field", "missing-date", "missing-section"} <= {p.code for p in report.problems}


def test_a_summary_is_a_facet_and_an_export_column(catalogue):
    e = next(e for e in catalogue.entries if e.is_summary)
    assert entry_meta(e, REF)["filters"]["kelengkapan"] == ["Ringkasan dari sumber publik"]
    examples, _ = validate(EXAMPLES, REF, root=EXAMPLES)  # the illustrative entries of the test fixtures
    assert entry_meta(examples.entries[0], REF)["filters"]["kelengkapan"] == ["Contoh ilustratif"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return built_catalogue(tmp_path_factory.mktemp("nyata")).root / "site"


def test_every_real_entry_page_lists_its_sources_and_invites_completion(site, catalogue):
    for e in (e for e in catalogue.entries if not e.contoh):
        html = (site / "inovasi" / e.id / "index.html").read_text()
        assert "Ringkasan dari sumber publik" in html, e.id
        sources = html.split('id="ki-sumber-publik"', 1)[1].split("</ul>", 1)[0]
        for s in e.sumber:
            assert f'href="{s.url.replace("&", "&amp;")}"' in sources, (e.id, s.url)


def test_the_site_says_what_it_holds(tmp_path, catalogue):
    """The published catalogue (the repository's entries alone) holds real summaries, and says so; no page
    speaks of illustrative entries."""
    site = built_catalogue(tmp_path, examples=False).root / "site"
    real = sum(not e.contoh for e in catalogue.entries)
    assert real == len(catalogue.entries)
    home = (site / "index.html").read_text()
    assert f"{real} ringkasan dari sumber publik" in home
    assert "semua" not in home.split('class="ki-announce"', 1)[1].split("</p>", 1)[0]
    about = (site / "tentang" / "index.html").read_text()
    assert "Ringkasan dari sumber publik" in about and "setiap fakta" in about.lower()
    # A region of summaries only: no "0 of 0 reported", and its stage table adds up to its innovations.
    region = (site / "wilayah" / "balangan" / "index.html").read_text()
    count = sum(e.region_code == "63.11" for e in catalogue.entries)
    assert f"{count} inovasi</strong> tercatat, semuanya ringkasan dari sumber publik" in region
    table = region.split("<th>Tahapan</th>", 1)[1].split("</table>", 1)[0]
    assert sum(map(int, re.findall(r'<td[^>]*>(\d+)</td>', table))) == count and "Belum disebut sumbernya" in table
    # Issue 29: the work units find their summaries, each with its way into the form.
    waiting = region.split('class="ki-menunggu"', 1)[1].split("</details>", 1)[0]
    for e in (e for e in catalogue.entries if e.region_code == "63.11"):
        assert f'href="../../ajukan/?entri={e.id}"' in waiting, e.id
        assert f'href="../../ajukan/?entri={e.id}"' in (site / "inovasi" / e.id / "index.html").read_text()
    # The statistics page does not say nothing was measured while real entries carry sourced results.
    measured = sum(1 for e in catalogue.entries if e.hasil_lainnya)
    stats = (site / "statistik" / "index.html").read_text()
    assert measured >= 5 and f"{measured} inovasi mencatat hasil terukur lain" in stats
    assert "Belum ada inovasi yang mencatat hasil sebelum dan sesudah" not in stats
    mentions = [p.relative_to(site).as_posix() for p in site.rglob("*.html")
                if "contoh ilustratif" in p.read_text().lower() or "entri contoh" in p.read_text().lower()]
    assert mentions == [], mentions


def test_the_role_model_page_shows_the_real_award_winners(site, catalogue):
    html = (site / "role-model" / "index.html").read_text()
    winners = [e for e in catalogue.entries if e.penghargaan and not e.contoh]
    assert winners
    for e in winners[:100]:
        assert f'href="../inovasi/{e.id}/"' in html, e.id
