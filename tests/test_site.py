"""Build real sites in temporary folders and look at the pages."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import REPO, entry_text, front, new_project

from catalogue.entry.load import discover
from catalogue.entry.reference import load_reference

REF = load_reference()


def page(site: Path, url_path: str) -> str:
    return (site / url_path / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def small_catalogue(project):
    project.add("banjarmasin/acuan.md", wilayah="63.71", nama="Layanan Acuan Kota",
                hasil={"langkah": {"sebelum": 5, "sesudah": 3}, "biaya_rp": {"sebelum": 150000, "sesudah": 0}},
                dilaporkan_kemendagri="2023-01-05")
    project.add("banjar/tiruan.md", nama="Layanan Tiruan Kabupaten", replikasi_dari="acuan",
                bidang="sosial", tahapan="uji_coba", waktu_penerapan=None)
    project.add("kalimantan-selatan/provinsi.md", wilayah="63", nama="Layanan Provinsi", bidang="kebijakan",
                status="dihentikan")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Built once for the module: the tests that take it only read it."""
    project = new_project(tmp_path_factory.mktemp("situs"))
    small_catalogue(project)
    out = project.run("build", check=True)
    assert "Situs dibangun di site/" in out.stdout
    return project.root / "site"


def test_every_region_area_and_entry_has_a_page(built):
    for r in REF.regions.values():
        assert "<h1" in page(built, f"wilayah/{r.slug}")
    for key in REF.areas:
        assert page(built, f"bidang/{key}")
    for ident in ("acuan", "tiruan", "provinsi"):
        assert page(built, f"inovasi/{ident}")
    assert page(built, "wilayah") and page(built, "bidang") and page(built, "tentang")
    assert '<html lang="id"' in page(built, "")


def test_a_percent_change_never_says_more_than_happened():
    from catalogue.entry.model import Measure
    from catalogue.site.pages.innovation import measured
    change = lambda before, after: measured("x", "rupiah per unit", Measure(before, after), None).change  # noqa: E731
    assert change(91_763_000, 280_000).endswith("(−99,7%)")  # BIRD's unit cost: not "−100%", which reads as gone
    assert change(150_000, 0).endswith("(−100%)") and change(5, 3).endswith("(−40%)")
    assert change(100, 0.04).endswith("(−99,9%)") and change(100, 199.97).endswith("(+99,9%)")
    assert change(1000, 999.9).endswith("(kurang dari 0,1%)") and change(100, 99.8).endswith("(−0,2%)")


def test_entry_page_shows_fields_results_and_replication(built):
    html = article(page(built, "inovasi/acuan"))
    assert "Layanan Acuan Kota</h1>" in html.replace('<a class="headerlink"', "</h1><a").split("</h1>")[0] + "</h1>"
    # Story first (issue 30): the region and the work unit under the title, the details after the text.
    assert re.search(r'<p class="ki-byline"><a href="../../wilayah/banjarmasin/">Kota Banjarmasin</a> · Dinas [^<]+</p>', html)
    for label in ("Bidang", "Bentuk inovasi", "Jenis", "Tahapan",
                  "Waktu uji coba", "Waktu penerapan", "Dilaporkan ke Kemendagri", "Status"):
        assert f"<dt>{label}</dt>" in html
    assert html.index('class="ki-byline"') < html.index("<h2") < html.index('id="ki-rincian"') < html.index("<dt>")
    assert 'href="../../wilayah/banjarmasin/"' in html and 'href="../../bidang/administrasi/"' in html
    assert "5 Januari 2023" in html
    assert "5 langkah" in html and "3 langkah" in html and "2 langkah dipangkas (−40%)" in html
    assert "Rp 150.000" in html and "Rp 150.000 dihemat (−100%)" in html
    assert "contoh ilustratif" in html
    assert 'href="../tiruan/"' in html and "Direplikasi" not in html  # "menjadi acuan ... bagi 1 inovasi lain"
    assert "direplikasi langsung oleh 1 inovasi" in html
    child = article(page(built, "inovasi/tiruan"))
    assert 'href="../acuan/"' in child and "Belum dilaporkan" in child
    assert "Berkas sumber" not in child and "entries/" not in child  # no developer words without a repository


def test_region_and_area_pages_group_and_count(built):
    banjar = article(page(built, "wilayah/banjar"))
    assert "<strong>1 inovasi</strong>" in banjar and "Sosial (1)" in banjar
    assert 'href="../../inovasi/tiruan/"' in banjar
    province = article(page(built, "wilayah/kalimantan-selatan"))
    assert "<strong>3 inovasi</strong>" in province  # whole province
    assert 'href="../banjar/"' in province and "dihentikan" in province
    empty = article(page(built, "wilayah/tapin"))
    assert "Belum ada inovasi" in empty
    sosial = article(page(built, "bidang/sosial"))
    assert "Kabupaten Banjar (1)" in sosial
    teknologi = article(page(built, "bidang/teknologi"))
    assert "bidang pendukung" in teknologi  # acuan lists teknologi second
    home = article(page(built, ""))
    assert "Inovasi terbaru" in home and all(f'href="wilayah/{r.slug}/"' in home for r in REF.regions.values())
    assert all(f'href="bidang/{k}/"' in home for k in REF.areas)


def test_search_is_pagefind_not_a_whole_site_index(built):
    assert not (built / "search" / "search_index.json").exists()
    assert (built / "pagefind" / "pagefind.js").is_file() and list((built / "pagefind" / "fragment").iterdir())
    assert len(list((built / "pagefind" / "fragment").iterdir())) == 3 + 14 + 6  # entries, regions, areas
    assert not list((built / "pagefind").glob("bagian-*"))  # one bundle up to 7,000 innovations
    assert not list(built.parent.glob(".site-pagefind-*"))  # the bundle was moved in, nothing left over
    for url in ("", "inovasi/acuan", "wilayah/tapin"):  # the header's search form on every page
        assert '<form class="ki-cari" role="search" action="' in page(built, url)
    browse = page(built, "jelajahi")
    noscript = browse.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert 'href="../wilayah/"' in noscript and 'href="../bidang/"' in noscript


def test_entry_pages_stay_out_of_the_nav(built):
    for url in ("", "inovasi/acuan", "wilayah/banjar"):
        nav = page(built, url).split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
        assert "inovasi/" not in nav


EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//""", re.I)


def test_no_third_party_requests(built):
    for path in built.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not EXTERNAL.search(text), path
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text
    for css in built.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text(encoding="utf-8")), css


def test_contributor_html_is_sanitised(project):
    text = entry_text(front(nama="<script>window.pwned=1</script> Layanan"),
                      entry_text(front()).split("---\n", 2)[2]
                      + '\n<script>window.pwned=2</script>\n\n<span onmouseover="window.pwned=3">teks</span>\n\n'
                        '[klik](javascript:window.pwned=4)\n\n<iframe src="https://example.org"></iframe>\n')
    project.write("banjar/jahat.md", text)
    project.run("build", check=True)
    html = page(project.root / "site", "inovasi/jahat")
    # The name as text: escaped in the page, and in the schema.org data as JSON escapes it (\u003c).
    inert = html.replace("&lt;script&gt;window.pwned=1&lt;/script&gt;", "").replace(
        "\\u003cscript\\u003ewindow.pwned=1\\u003c/script\\u003e", "")
    assert "window.pwned" not in inert
    assert "<title>&lt;script&gt;window.pwned=1&lt;/script&gt; Layanan - " in html
    assert "onmouseover" not in html and "javascript:" not in html and "<iframe" not in html
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt; Layanan" in html


def test_edit_link_from_configured_template(project):
    project.add("banjar/layanan.md")
    env = {"CATALOGUE_REPO_URL": "https://gitlab.example.org/kalsel/katalog"}
    out = subprocess.run([sys.executable, "-m", "catalogue", "build"], cwd=project.root, text=True,
                         capture_output=True, env={**os.environ, **env, "PYTHONPATH": str(REPO)})
    assert out.returncode == 0, out.stderr
    html = page(project.root / "site", "inovasi/layanan")
    assert 'href="https://gitlab.example.org/kalsel/katalog/-/edit/main/entries/banjar/layanan.md">sunting berkasnya</a>' in html
    report = re.search(r'href="(https://gitlab\.example\.org/kalsel/katalog/-/issues/new\?[^"]+)">laporkan kesalahan</a>', html)
    from urllib.parse import parse_qs, urlparse
    query = parse_qs(urlparse(report.group(1).replace("&amp;", "&")).query)
    assert query["issue[title]"] == ["[Koreksi] Layanan Contoh Antar Berkas"]
    assert "Berkas: entries/banjar/layanan.md" in query["issue[description]"][0]


def test_broken_entry_builds_nothing(project):
    project.add("banjar/baik.md")
    project.add("banjar/buruk.md", wilayah="63.99")
    out = project.run("build")
    assert out.returncode == 1
    assert "entries/banjar/buruk.md:3:1: error [unknown-region]" in out.stderr
    assert "Traceback" not in out.stderr
    assert not (project.root / "site").exists()
    assert not list(project.root.glob(".site-*"))


def test_built_site_is_world_readable(built):
    assert built.stat().st_mode & 0o005 == 0o005


def test_failed_build_leaves_previous_site_intact(project):
    project.add("banjar/baik.md")
    project.run("build", check=True)
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    project.add("banjar/buruk.md", wilayah="63.99")
    assert project.run("build").returncode == 1
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert before == after


# Pagefind writes its filter and metadata indexes in a different order on each run (upstream:
# Pagefind/pagefind#638, fixed for fragments only); everything else must be byte-identical.
UNSTABLE = re.compile(r"^pagefind/(filter/.*|pagefind\.[^/]*\.pf_meta|pagefind-entry\.json)$")


def test_same_input_same_bytes(project, tmp_path):
    small_catalogue(project)
    project.run("build", "--site-dir", str(tmp_path / "a"), check=True)
    project.run("build", "--site-dir", str(tmp_path / "b"), check=True)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    stable_a = {k: v for k, v in a.items() if not UNSTABLE.match(k)}
    stable_b = {k: v for k, v in b.items() if not UNSTABLE.match(k)}
    assert stable_a.keys() == stable_b.keys() and len(stable_a) > 50
    assert [k for k in stable_a if stable_a[k] != stable_b[k]] == []
    assert any(k.startswith("pagefind/fragment/") for k in stable_a)


def test_example_catalogue_builds_strict(tmp_path):
    """The shipped examples: every region, area and entry page, with no MkDocs warning."""
    out = subprocess.run([sys.executable, "-m", "catalogue", "build", "--strict", "--site-dir", str(tmp_path / "s")],
                         cwd=REPO, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert out.returncode == 0, out.stderr
    site = tmp_path / "s"
    entries = sorted(p.stem for p in discover(REPO / "entries"))
    assert sorted(p.name for p in (site / "inovasi").iterdir()) == entries
    assert len(list((site / "wilayah").iterdir())) == 14 + 1 and len(list((site / "bidang").iterdir())) == 6 + 1


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_picks_up_an_edited_entry(project):
    path = project.add("banjar/layanan.md", nama="Nama Lama Layanan")
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    def fetch() -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/inovasi/layanan/", timeout=2) as r:
                return r.read().decode()
        except OSError:
            return ""

    def wait_for(text: str) -> bool:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline:
            if text in fetch():
                return True
            time.sleep(0.3)
        return False

    try:
        assert wait_for("Nama Lama Layanan")
        path.write_text(path.read_text().replace("Nama Lama Layanan", "Nama Baru Layanan"))
        assert wait_for("Nama Baru Layanan")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_make_serve_rebuilds_only_what_an_edit_changed(project, tmp_path):
    """`make serve` (mkdocs serve --dirty --watch-theme): a rebuild leaves the pages of the last build that did not change."""
    path = project.add("banjar/layanan.md", nama="Nama Lama Layanan")
    project.add("banjar/lain.md", nama="Layanan Lain Tetap")
    port, timings = _free_port(), tmp_path / "waktu.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--watch-theme", "-a", f"127.0.0.1:{port}"],
                            cwd=project.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "CATALOGUE_TIMINGS": str(timings)})

    def fetch(url: str) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/{url}", timeout=2) as r:
                return r.read().decode()
        except OSError:
            return ""

    def wait_for(url: str, text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if text in fetch(url):
                return True
            time.sleep(0.3)
        return False

    try:
        assert wait_for("inovasi/layanan/", "Nama Lama Layanan")
        path.write_text(path.read_text().replace("Nama Lama Layanan", "Nama Baru Layanan"))
        assert wait_for("inovasi/layanan/", "Nama Baru Layanan")
        assert wait_for("wilayah/banjar/", "Nama Baru Layanan")  # the list showing it is built again
        assert "Layanan Lain Tetap" in fetch("inovasi/lain/")
        builds = [json.loads(line) for line in timings.read_text().splitlines()]
        assert builds[0]["pages_kept"] == 0 and builds[-1]["pages_kept"] > 20, builds
        assert builds[-1].get("exports_kept") is None  # the downloads list the edited entry: written again,
        assert builds[-1]["exports_spliced"] is True  # spliced from the served ones (exportcache.py)
        table = fetch("data/wilayah/banjar.csv")
        assert "Nama Baru Layanan" in table and "Nama Lama Layanan" not in table and "Layanan Lain Tetap" in table
        # Templates compiled by an earlier rebuild (plugin._InMemory) are not used once their source changes.
        main = project.root / "theme_overrides" / "main.html"
        main.write_text(main.read_text().replace("{{ super() }}", "{{ super() }}<!-- templat-baru -->", 1))
        assert wait_for("inovasi/lain/", "<!-- templat-baru -->")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_region_map_tiles_link_every_kabupaten_kota_with_its_count(built):
    for url in ("", "wilayah", "wilayah/kalimantan-selatan"):
        html = page(built, url)
        nav = html.split('<nav class="ki-peta"', 1)[1].split("</nav>", 1)[0]
        tiles = re.findall(r'grid-column: (\d+); grid-row: (\d+)"><a class="ki-peta__petak ki-peta--(\d)" '
                           r'href="([^"]+)"><span class="ki-peta__nama">([^<]+)</span>'
                           r'<span class="ki-peta__jumlah">(\d+) inovasi</span>', nav)
        assert len(tiles) == 13, url  # every kabupaten/kota of the province, not the province itself
        by_name = {name: (int(col), int(row), int(level), href, int(n)) for col, row, level, href, name, n in tiles}
        assert by_name["Tabalong"][:2] == (3, 1) and by_name["Tanah Laut"][:2] == (2, 7)  # north, south
        assert by_name["Banjar"][4] == 1 and by_name["Banjar"][2] == 4  # the most innovations: darkest
        assert by_name["Tapin"][4] == 0 and by_name["Tapin"][2] == 0
        for _, _, _, href, _ in by_name.values():  # every tile opens its region's page
            assert (built / url / href / "index.html").resolve().is_file(), (url, href)
        assert (built / url / by_name["Kota Banjarmasin"][3]).resolve() == (built / "wilayah" / "banjarmasin").resolve()


def test_the_build_points_to_a_command_that_shows_the_working_site(project):
    """Opened from disk, a site's links lead to directory listings; the build's closing message names the
    command that serves it instead. Run as printed, it serves the site under site_url's path: the home page,
    a region page reached by the home page's own link, an innovation page, and the site's 404 page."""
    small_catalogue(project)
    env = {"CATALOGUE_SITE_URL": "https://contoh.go.id/katalog/"}
    out = project.run("build", check=True, env=env)
    command = shlex.split(out.stdout.strip().splitlines()[-1].split("jalankan: ", 1)[1])
    assert command[1:] == ["lihat"], command
    full_env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1", **env}
    proc = subprocess.Popen(command, cwd=project.root, env=full_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        line = proc.stdout.readline()
        base = re.search(r"http://127\.0\.0\.1:\d+/katalog/", line).group(0)

        def fetch(url: str) -> tuple[int, str]:
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    return response.status, response.read().decode("utf-8")
            except urllib.error.HTTPError as exc:
                return exc.code, exc.read().decode("utf-8")
        status, home = fetch(base)
        assert status == 200 and "<title>Katalog Inovasi Daerah" in home
        region_link = re.search(r'href="(wilayah/[^"]+/)"', home).group(1)
        for url in (base + region_link, base + "inovasi/acuan/"):
            status, text = fetch(url)
            assert status == 200 and "Directory listing" not in text and "md-content" in text, url
        status, missing = fetch(base + "tidak-ada/")
        assert status == 404 and "Halaman tidak ditemukan" in missing
        assert fetch(base.split("katalog/")[0])[1] == home  # the bare address leads to the home page
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_build_states_the_sites_size_and_warns_before_the_host_refuses_it(project):
    """The closing message gives the published site's size and file count; past `site_size_limit_mb` (GitHub
    Pages refuses a site over 1 GB) a warning in Indonesian names the biggest folders."""
    small_catalogue(project)
    out = project.run("build", check=True)
    site = project.root / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    assert f"dalam {len(files):,} berkas".replace(",", ".") in out.stdout
    assert "Peringatan" not in out.stderr  # a few MB: well under the default 1 GB
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_size_limit_mb: 1000", "site_size_limit_mb: 1"))
    out = project.run("build", check=True)
    warning = " ".join(out.stderr.split())
    assert "Peringatan: Ukuran situs ini" in warning and "melebihi batas 1 MB (site_size_limit_mb di mkdocs.yml;" in warning
    sizes = {}
    for p in files:
        top = p.relative_to(site).parts[0] + "/" if len(p.relative_to(site).parts) > 1 else "berkas di akar"
        sizes[top] = sizes.get(top, 0) + p.stat().st_size
    biggest = sorted(sizes, key=lambda k: -sizes[k])[0]
    assert f"Bagian terbesar: {biggest} " in warning


def test_a_file_over_100_mb_is_named_in_a_warning():
    from catalogue.site.footprint import Footprint, warnings
    fp = Footprint(bytes=300_000_000, files=3, largest=("data/katalog.json", 262_000_000),
                   folders={"data/": 290_000_000, "inovasi/": 10_000_000})
    assert warnings(fp, 1000) == ["Berkas data/katalog.json berukuran 262 MB, lebih dari 100 MB: GitHub menolak "
                                  "berkas sebesar itu, dan di ponsel berkas itu hampir tidak dapat dibuka."]
    over = warnings(Footprint(bytes=1_600_000_000, files=9, folders={"data/": 863_000_000, "inovasi/": 507_000_000,
                                                                     "pagefind/": 197_000_000, "aset/": 1}), 1000)
    assert over == ["Ukuran situs ini 1,6 GB, melebihi batas 1 GB (site_size_limit_mb di mkdocs.yml; GitHub Pages menolak "
                    "situs di atas 1 GB). Bagian terbesar: data/ 863 MB, inovasi/ 507 MB, pagefind/ 197 MB. Periksa "
                    "apakah ada berkas besar yang tidak perlu diterbitkan, atau terbitkan ke tempat lain yang menerima "
                    "situs sebesar ini."]
    assert warnings(Footprint(bytes=1_600_000_000), 0) == []  # 0: no limit
