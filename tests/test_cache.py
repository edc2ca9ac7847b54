"""The validation cache: the same results as without it, exactly what changed checked again, and a cache
that is damaged or not ours ignored with a message."""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import zlib
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from conftest import body, entry_text, front

from catalogue.entry.reference import load_reference
from catalogue.incremental import validation_cache as cache
from catalogue.validate import validate

REF = load_reference()
TODAY = date(2026, 11, 30)


def run(project, ref=REF, today=TODAY):
    c = cache.ValidationCache(project.root / ".cache", cache.context(ref, today)).load()
    cat, report = validate(project.entries, ref, today=today, root=project.root, cache=c)
    return cat, report, c


def fill(project):
    project.add("banjar/satu.md", nama="Layanan Satu")
    project.add("banjar/dua.md", nama="Layanan Dua", replikasi_dari="satu")
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05", bentuk="salah"), body()))
    project.write("tapin/gambar.md", entry_text(front(nama="Layanan Bergambar", wilayah="63.05"),
                                                body() + "\n![Loket layanan](loket.png)\n"))
    (project.entries / "tapin" / "loket.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 100)


def test_a_warm_run_gives_exactly_the_cold_results(project):
    fill(project)
    cold_cat, cold, c1 = run(project)
    warm_cat, warm, c2 = run(project)
    assert (c1.hits, c1.misses) == (0, 4) and (c2.hits, c2.misses) == (4, 0)
    assert warm.problems == cold.problems and [p.code for p in cold.problems] == ["invalid-choice"]
    assert warm_cat.entries == cold_cat.entries and warm_cat.replicated_by.keys() == cold_cat.replicated_by.keys()


def test_a_run_without_entries_reads_only_the_results(project):
    """`catalogue validate` reports problems only: the stored entries are neither read nor decoded, and a
    damaged result is still found."""
    fill(project)
    _, cold, _ = run(project)
    lean = lambda: cache.ValidationCache(project.root / ".cache", cache.context(REF, TODAY), entries=False).load()  # noqa: E731
    c = lean()
    assert all(rec[5:7] == ["", ""] for rec in c.records.values())  # no entry, no body
    cat, report = validate(project.entries, REF, today=TODAY, root=project.root, cache=c)
    assert (c.hits, c.misses) == (4, 0) and report.problems == cold.problems and cat.entries == []
    path, (*_, result, _, _, _) = sorted(stored_rows(project).items())[0]
    with closing(sqlite3.connect(project.root / ".cache" / "validasi.sqlite")) as db, db:
        db.execute("UPDATE berkas SET hasil = ? WHERE path = ?", (result.replace("banjar", "banjir"), path))
    c = lean()
    _, report = validate(project.entries, REF, today=TODAY, root=project.root, cache=c)
    assert (c.hits, c.misses) == (3, 1) and report.problems == cold.problems
    assert run(project)[2].hits == 4  # the row written again in full, entry included


def test_only_what_changed_is_checked_again(project):
    fill(project)
    run(project)
    project.add("banjar/satu.md", nama="Layanan Satu yang Diubah")
    _, report, c = run(project)
    assert (c.hits, c.misses) == (3, 1)
    (project.entries / "tapin" / "loket.png").unlink()  # a file an entry looked at
    _, report, c = run(project)
    assert (c.hits, c.misses) == (3, 1) and "image-missing" in [p.code for p in report.problems]
    (project.entries / "banjar" / "dua.md").unlink()  # cross-entry checks still see the whole folder
    _, report, c = run(project)
    assert c.misses == 0 and not any("dua.md" in path for path in stored_rows(project))


def test_an_unchanged_file_is_not_read_again_and_a_changed_one_is(project, monkeypatch):
    """A file whose size, modification time and inode are those stored with its result is not even read; any
    of them changed, it is read and its bytes decide; one stored within seconds of its last change is always
    read (a change in the same clock tick would leave its stat as it was)."""
    import time
    fill(project)
    hour_ago = time.time() - 3600
    for path in project.entries.rglob("*.md"):
        os.utime(path, (hour_ago, hour_ago))
    run(project)
    reads, real = [], Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: (self.suffix == ".md" and reads.append(self.name)) or real(self))
    _, _, c = run(project)
    assert (c.hits, c.misses) == (4, 0) and reads == []
    satu = project.entries / "banjar" / "satu.md"
    satu.write_text(satu.read_text().replace("Layanan Satu", "Layanan Sat0"))  # the same size
    os.utime(satu, (hour_ago + 5, hour_ago + 5))
    _, _, c = run(project)
    assert (c.hits, c.misses) == (3, 1) and reads == ["satu.md"]
    dua = project.entries / "banjar" / "dua.md"
    os.utime(dua, (hour_ago + 9, hour_ago + 9))  # touched, not changed: read once, and its new stat kept
    reads.clear()
    assert run(project)[2].misses == 0 and reads == ["dua.md"]
    reads.clear()
    assert run(project)[2].misses == 0 and reads == []
    project.add("banjar/lima.md", nama="Layanan Lima")  # written just now: its stat is not trusted
    run(project)
    reads.clear()
    assert run(project)[2].misses == 0 and reads == ["lima.md"]


def test_a_stat_is_kept_only_for_a_file_modified_well_before_it_was_taken(tmp_path):
    """Measured from when the run started taking stats, not from when it stores them (a cold run stores
    them many seconds later): a file changed within the racy window gets no stored stat."""
    path = tmp_path / "a.md"
    path.write_text("x")
    st = os.stat(path)
    assert cache.stamp_of(st, st.st_mtime_ns + cache.RACY_NS - 1) == ""
    assert cache.stamp_of(st, st.st_mtime_ns + cache.RACY_NS) == f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"


def test_the_day_the_reference_data_and_the_version_each_start_afresh(project, monkeypatch):
    fill(project)
    run(project)
    assert run(project, today=date(2026, 12, 1))[2].hits == 0  # "not in the future" depends on the day
    other = load_reference()
    other.choices["bentuk"] = {**other.choices["bentuk"], "salah": "Bentuk baru"}
    _, report, c = run(project, ref=other)
    assert c.hits == 0 and report.problems == []  # the reference data's change is seen
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert run(project)[2].hits == 0


def stored_rows(project) -> dict[str, tuple]:
    with closing(sqlite3.connect(project.root / ".cache" / "validasi.sqlite")) as db:
        return {path: rest for path, *rest in db.execute("SELECT path, digest, probes, sidik, hasil, entri, isi, cek "
                                                         "FROM berkas")}


def test_a_damaged_or_foreign_cache_is_ignored_with_a_message(project):
    fill(project)
    _, cold, _ = run(project)
    stored = project.root / ".cache" / "validasi.sqlite"
    stored.write_bytes(b"SQLite format 3\x00" + b"\x07" * 200)
    _, report, c = run(project)
    assert "diabaikan karena rusak" in c.notice and c.hits == 0 and report.problems == cold.problems
    assert len(stored_rows(project)) == 4  # written anew
    rows = sorted(stored_rows(project).items())
    path, (content, probes, fingerprint, result, entry, body, check) = rows[0]
    with closing(sqlite3.connect(stored)) as db, db:
        # Not a record of ours, though its check digests are right: never turned into an object.
        foreign = entry.replace('"__t":"Entry"', '"__t":"Kejutan"')
        db.execute("UPDATE berkas SET entri = ?, cek_entri = ? WHERE path = ?",
                   (foreign, cache._check(check, foreign, cache._inflate(body)), path))
        # A result or a body changed on disk after it was stored: its check digest no longer matches.
        other, (_, _, _, result2, _, _, _) = rows[1]
        db.execute("UPDATE berkas SET hasil = ? WHERE path = ?", (result2.replace("banjar", "banjir"), other))
        third, (*_, body3, _) = rows[2]
        db.execute("UPDATE berkas SET isi = ? WHERE path = ?",
                   (zlib.compress((cache._inflate(body3) + "Tambahan.").encode()), third))
    _, report, c = run(project)
    assert c.misses == 3 and report.problems == cold.problems
    assert run(project)[2].misses == 0  # the three rows written again
    with closing(sqlite3.connect(stored)) as db, db:
        db.execute("UPDATE berkas SET isi = substr(isi, 1, length(isi) - 3) WHERE path = ?", (third,))  # cut off
    _, report, c = run(project)
    assert c.misses == 1 and report.problems == cold.problems


def test_a_cache_of_another_version_is_rewritten_with_a_plain_note(project):
    """After an upgrade the old cache is not "damaged": it is replaced, and the note says why."""
    fill(project)
    _, cold, _ = run(project)
    stored = project.root / ".cache" / "validasi.sqlite"
    with closing(sqlite3.connect(stored)) as db, db:
        db.execute("UPDATE format SET nama = 'katalog-validasi-1'")
    _, report, c = run(project)
    assert "versi katalog lain" in c.notice and "rusak" not in c.notice and c.hits == 0
    assert report.problems == cold.problems and run(project)[2].hits == 4  # written anew


def test_the_cli_keeps_its_cache_in_the_project_and_builds_the_same_site(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    env = {"CATALOGUE_CACHE": str(project.root / "simpanan")}
    first = project.run("build", "--site-dir", str(project.root / "satu"), env=env, check=True)
    assert (project.root / "simpanan" / "validasi.sqlite").is_file()
    second = project.run("build", "--site-dir", str(project.root / "dua"), env=env, check=True)
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*")  # noqa: E731
                          if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}
    assert files(project.root / "satu") == files(project.root / "dua"), (first.stdout, second.stdout)
    off = project.run("validate", env={"CATALOGUE_CACHE": "0"}, check=True)
    assert "sah" in off.stdout


# --- generated pages kept between builds (pagecache.py) ---------------------------------------------
def build(project, name, env=None):
    """(innovation pages from the cache, other generated pages rendered, output)"""
    timings = project.root / f"{name}.json"
    out = project.run("build", "--site-dir", str(project.root / name), "--timings", str(timings), check=True, env=env)
    t = json.loads(timings.read_text())
    rendered = [uri for uri in t.get("pages_rendered", []) if not uri.startswith("inovasi/")]
    return t.get("innovations_cached", 0), rendered, out


def site_files(root):
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}


def test_a_warm_build_writes_the_same_site_and_renders_only_what_changed(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    cold = build(project, "dingin")
    assert cold[0] == 0 and "wilayah/banjar.md" in cold[1] and len(cold[1]) > 20
    warm = build(project, "hangat")
    assert warm[:2] == (4, [])  # every generated page but the data page (this build's download sizes) cached
    assert site_files(project.root / "dingin") == site_files(project.root / "hangat")
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")  # "dua" replicates it and shows its name
    cached, rendered, _ = build(project, "satu-berubah")
    assert cached == 2  # satu and dua are rendered again; tiga and gambar come from the cache
    html = (project.root / "satu-berubah" / "inovasi" / "dua" / "index.html").read_text()
    assert "Layanan Satu Diperbaiki" in html
    assert "wilayah/banjar.md" in rendered and "wilayah/tapin.md" not in rendered  # the list showing its name
    assert "Layanan Satu Diperbaiki" in (project.root / "satu-berubah" / "wilayah" / "banjar" / "index.html").read_text()
    template = project.root / "theme_overrides" / "inovasi.html"
    template.write_text(template.read_text().replace("Rantai acuannya:", "Rantai acuan:"))
    assert build(project, "templat")[0] == 0  # a template change renders every page again
    with closing(sqlite3.connect(project.root / ".cache" / "katalog" / "halaman.sqlite")) as db:
        assert db.execute("SELECT count(*) FROM kamus").fetchone()[0] == 1  # a new dictionary, the old one gone
    assert build(project, "templat-lagi")[:2] == (4, [])
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name:", "site_name: Katalog Uji #", 1))
    cached, rendered, _ = build(project, "konfigurasi")
    assert cached == 0 and "wilayah/banjar.md" in rendered


def test_a_partly_cached_build_writes_the_same_bytes_as_a_cold_one(project):
    """Pages rendered again show cached pages in their navigation (titles kept with the cached HTML)."""
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "dingin")
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")
    cached, rendered, _ = build(project, "hangat")
    assert cached == 2 and "wilayah/tapin.md" not in rendered
    build(project, "tanpa-cache", env={"CATALOGUE_CACHE": "0"})
    assert site_files(project.root / "hangat") == site_files(project.root / "tanpa-cache")
    nav = (project.root / "hangat" / "wilayah" / "banjar" / "index.html").read_text().split("md-nav--primary", 1)[1]
    assert re.search(r'href="\.\./tapin/"[^>]*>\s*(<[^>]+>\s*)*Kabupaten Tapin', nav)  # a cached region page's title


def stored_pages(project) -> dict[str, tuple[bytes, bytes]]:
    """{key: (deflated HTML, preset dictionary)} of the page cache."""
    with closing(sqlite3.connect(project.root / ".cache" / "katalog" / "halaman.sqlite")) as db:
        return {k: (v, d) for k, v, d in db.execute("SELECT h.kunci, h.isi, k.isi FROM halaman h JOIN kamus k "
                                                      "ON k.id = h.kamus ORDER BY h.kunci")}


def test_a_damaged_cached_page_is_rendered_again_with_a_message(project):
    import sqlite3
    import zlib
    from contextlib import closing
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "dingin")
    cold = site_files(project.root / "dingin")
    from catalogue.incremental.pagecache import _deflate, _inflate
    stored = stored_pages(project)
    assert len(stored) > 4 + 20 and all(len(b) * 2 < len(_inflate(b, d)) for b, d in stored.values())  # deflated
    (first, (html, zdict)), (second, _) = list(stored.items())[:2]
    # One page edited (it no longer matches its digest), another no longer deflate data.
    edited = _deflate(_inflate(html, zdict).replace(b"</html>", b"<script>alert(1)</script></html>"), zdict)
    with closing(sqlite3.connect(project.root / ".cache" / "katalog" / "halaman.sqlite")) as db, db:
        db.execute("UPDATE halaman SET isi = ? WHERE kunci = ?", (edited, first))
        db.execute("UPDATE halaman SET isi = ? WHERE kunci = ?", (b"<html>bukan deflate</html>", second))
    cached, _, out = build(project, "rusak")
    assert "2 halaman di cache" in out.stderr and "rusak atau bukan milik katalog ini" in out.stderr
    assert site_files(project.root / "rusak") == cold
    assert build(project, "pulih")[0] == 4 and site_files(project.root / "pulih") == cold  # stored again
    (project.root / ".cache" / "katalog" / "halaman.sqlite").write_bytes(b"bukan basis data")
    assert build(project, "asing")[0] == 0 and site_files(project.root / "asing") == cold  # a foreign file: anew
    # Our format's name but a table missing (a development version's file): started anew, not failing on
    # every build as it did (each build said "cannot be written" and stayed cold).
    with closing(sqlite3.connect(project.root / ".cache" / "katalog" / "halaman.sqlite")) as db, db:
        db.execute("DROP TABLE kamus")
    cached, _, out = build(project, "tanpa-kamus")
    assert "tidak dapat ditulis" not in out.stderr and site_files(project.root / "tanpa-kamus") == cold
    assert build(project, "lagi")[0] == 4  # and kept again


def test_a_site_page_and_its_cached_copy_share_nothing(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "satu")
    page = project.root / "satu" / "inovasi" / "satu" / "index.html"
    clean = page.read_bytes()
    page.write_bytes(clean.replace(b"</html>", b"<!-- diubah -->"))  # a tool edits a published page in place
    assert build(project, "dua")[0] == 4
    assert (project.root / "dua" / "inovasi" / "satu" / "index.html").read_bytes() == clean


def test_the_package_version_is_part_of_every_key(monkeypatch):
    from types import SimpleNamespace

    from catalogue.incremental import pagecache
    config = SimpleNamespace(theme=SimpleNamespace(custom_dir=None), config_file_path=None, nav=[], site_url="",
                             use_directory_urls=True)
    before = pagecache.global_keys(config, {"entries": 1})[0]
    monkeypatch.setattr(pagecache, "__version__", "99.0")
    assert pagecache.global_keys(config, {"entries": 1})[0] != before
    assert pagecache.global_keys(config, {"entries": 2})[0] != pagecache.global_keys(config, {"entries": 1})[0]


def test_reference_data_is_part_of_every_page_key():
    from types import SimpleNamespace

    from catalogue.incremental import pagecache
    config = SimpleNamespace(theme=SimpleNamespace(custom_dir=None), config_file_path=None, nav=[], site_url="",
                             use_directory_urls=True)
    other = load_reference()
    other.areas["sosial"] = type(other.areas["sosial"])("sosial", "Sosial Kemasyarakatan", "x")
    assert pagecache.global_keys(config, {}, REF)[0] != pagecache.global_keys(config, {}, other)[0]


def test_adding_an_entry_keeps_the_other_pages(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "dingin")
    project.add("tapin/empat.md", nama="Layanan Empat", wilayah="63.05")
    cached, rendered, _ = build(project, "tambah")
    assert cached == 4  # the four pages already built; only the new one is rendered
    assert "wilayah/tapin.md" in rendered and "wilayah/banjar.md" not in rendered  # counts only on the home page
    assert "index.md" in rendered
    home = (project.root / "tambah" / "index.html").read_text()
    page = (project.root / "tambah" / "inovasi" / "satu" / "index.html").read_text()
    banner = lambda html: " ".join(html.split('class="ki-announce"', 1)[1].split("</p>", 1)[0].split())  # noqa: E731
    assert "semua 5 inovasi di situs ini adalah contoh ilustratif" in banner(home)  # counts where they are kept
    assert "semua inovasi di situs ini adalah contoh ilustratif" in banner(page)  # not on innovation pages
    region = (project.root / "tambah" / "wilayah" / "banjar" / "index.html").read_text()
    assert "semua inovasi di situs ini adalah contoh ilustratif" in banner(region)  # nor on list pages


def test_mkdocs_dirty_mode_as_make_serve_uses_the_page_cache(project):
    import subprocess
    import sys
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    from conftest import REPO
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    run = lambda dest: subprocess.run([sys.executable, "-m", "mkdocs", "build", "--dirty", "-d", str(dest)],  # noqa: E731
                                      cwd=project.root, env=env, capture_output=True, text=True, timeout=300)
    first = run(project.root / "satu")
    assert first.returncode == 0, first.stderr
    assert len(stored_pages(project)) > 4 + 20  # lists too
    second = run(project.root / "dua")
    assert second.returncode == 0 and "A 'dirty' build" not in second.stderr  # MkDocs' warning does not apply
    assert site_files(project.root / "satu") == site_files(project.root / "dua")


# --- search shards kept between builds (searchcache.py) ------------------------------------------------
def search_build(project, name, env=None):
    timings = project.root / f"{name}.json"
    out = project.run("build", "--site-dir", str(project.root / name), "--timings", str(timings), check=True,
                      env={"CATALOGUE_SEARCH_SHARD": "1", **(env or {})})
    t = json.loads(timings.read_text())
    return t["index_parts_indexed"], t["index_parts"], out


def bundle(root):
    """The search files that do not vary between identical runs (Pagefind's filters and metadata do)."""
    return {p.relative_to(root): p.read_bytes() for p in (root / "pagefind").rglob("*")
            if p.is_file() and "fragment" in p.parts}


def test_a_changed_entry_indexes_only_its_search_shard_again(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05", waktu_penerapan="2023-05-01",
                                                    waktu_uji_coba="2023-01-01"), body()))
    assert search_build(project, "dingin")[:2] == (2, 2)  # two shards: June 2022 (a month is not split) and
    # May 2023, the newest, which is the primary bundle (with the region and area pages)
    shards = sorted(p.name for p in (project.root / "dingin" / "pagefind").glob("bagian-*"))
    assert shards == ["bagian-2022-06"]
    assert search_build(project, "hangat")[:2] == (0, 2)
    assert bundle(project.root / "dingin") == bundle(project.root / "hangat")
    assert (project.root / "hangat" / "pagefind" / "pagefind.js").is_file()
    assert not (project.root / "hangat" / "pagefind" / "bagian-2022-06" / "pagefind.js").exists()  # from the primary
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga Baru", wilayah="63.05",
                                                    waktu_penerapan="2023-05-01", waktu_uji_coba="2023-01-01"), body()))
    assert search_build(project, "satu-berubah")[:2] == (1, 2)  # the primary only
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")
    assert search_build(project, "dua-berubah")[:2] == (1, 2)  # June 2022 only


def test_a_damaged_search_shard_is_indexed_again_with_a_message(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    search_build(project, "dingin")
    cold = bundle(project.root / "dingin")
    fragment = next((project.root / ".cache" / "katalog" / "cari").rglob("fragment/*"))
    fragment.write_bytes(b"rusak")  # in place: the linked file in "dingin" changes too (see searchcache.py)
    indexed, _, out = search_build(project, "rusak")
    assert indexed == 1 and "indeks pencarian di cache" in out.stderr and "rusak" in out.stderr
    assert bundle(project.root / "rusak") == cold


def test_search_records_are_made_again_only_for_changed_entries(tmp_path):
    """A shard indexed again makes the records of its new or changed entries only; the others are read back,
    unless the kept file is damaged or of another context (reference data, code)."""
    from types import SimpleNamespace

    from catalogue.incremental import searchcache
    made = []

    def make(entries):
        made.extend(e.fingerprint for e in entries)
        return [{"url": f"/inovasi/{e.fingerprint}/", "content": f"isi {e.fingerprint}"} for e in entries]
    entries = lambda names: [SimpleNamespace(fingerprint=n) for n in names]  # noqa: E731
    first = searchcache.SearchCache(tmp_path, REF).records("2024-01", entries("abc"), make)
    assert made == ["a", "b", "c"] and [r["url"] for r in first] == ["/inovasi/a/", "/inovasi/b/", "/inovasi/c/"]
    made.clear()
    again = searchcache.SearchCache(tmp_path, REF).records("2024-01", entries("adc"), make)
    assert made == ["d"] and again == make(entries("adc"))
    kept = tmp_path / searchcache.RECORDS / "2024-01.json.gz"
    kept.write_bytes(gzip.compress(gzip.decompress(kept.read_bytes()).replace(b"isi a", b"isi x")))  # digest fails
    made.clear()
    assert searchcache.SearchCache(tmp_path, REF).records("2024-01", entries("adc"), make)[0]["content"] == "isi a"
    assert made == ["a", "d", "c"]
    other = load_reference()
    other.regions["63.03"] = other.regions["63.03"].__class__(**{**vars(other.regions["63.03"]), "name": "Banjar Baru"})
    made.clear()
    searchcache.SearchCache(tmp_path, other).records("2024-01", entries("ad"), make)
    assert made == ["a", "d"]
    cache = searchcache.SearchCache(tmp_path, REF)
    cache.shards = {"2025-01"}
    cache.finish()
    assert not kept.exists()  # a shard this build does not have


def test_the_pagefind_version_is_part_of_every_search_key(monkeypatch, tmp_path):
    from catalogue.incremental import searchcache
    before = searchcache.SearchCache(tmp_path).key("2023", [{"url": "/inovasi/a/"}])
    monkeypatch.setattr(searchcache, "_version", lambda: "pagefind=9.9.9")
    assert searchcache.SearchCache(tmp_path).key("2023", [{"url": "/inovasi/a/"}]) != before


# --- each innovation's part of the downloads kept between builds (exportcache.py) -----------------------
def downloads(root):
    return {p.relative_to(root): p.read_bytes() for p in (root / "data").rglob("*") if p.is_file()}


def test_a_damaged_export_cache_is_ignored_with_a_message(project):
    import sqlite3
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "dingin")
    db_path = project.root / ".cache" / "katalog" / "ekspor.sqlite"
    with sqlite3.connect(db_path) as db:  # one innovation's stored pieces altered
        db.execute("UPDATE potongan SET isi = zeroblob(40) WHERE rowid = (SELECT min(rowid) FROM potongan)")
    _, _, out = build(project, "baris-rusak")
    assert "baris cache ekspor" in out.stderr and "rusak" in out.stderr
    assert downloads(project.root / "dingin") == downloads(project.root / "baris-rusak")
    db_path.write_bytes(b"bukan basis data " * 100)  # the whole file
    _, _, out = build(project, "berkas-rusak")
    assert "Cache ekspor" in out.stderr and "diabaikan" in out.stderr
    assert downloads(project.root / "dingin") == downloads(project.root / "berkas-rusak")
    _, _, out = build(project, "pulih")
    assert "ekspor" not in out.stderr  # written anew


def test_downloads_are_spliced_only_from_what_is_as_recorded(project):
    """A damaged layout or deflated sheet part, or an old download changed since, is not trusted: the
    downloads are then written in full from the stored rows, the same bytes as a build without the cache."""
    site = site_built_once(project)
    db_path = project.root / ".cache" / "katalog" / "ekspor.sqlite"
    with sqlite3.connect(db_path) as db:
        db.execute("UPDATE tata SET isi = zeroblob(10)")
        db.execute("UPDATE bagian SET isi = zeroblob(40)")
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")
    _, _, out = build(project, "site")
    assert json.loads((project.root / "site.json").read_text())["exports_spliced"] is False
    assert "baris cache ekspor" in out.stderr and "rusak" in out.stderr
    build(project, "dari-nol", env={"CATALOGUE_CACHE": "0"})
    assert downloads(site) == downloads(project.root / "dari-nol")
    with open(site / "data" / "wilayah" / "banjar.csv", "ab") as old:  # someone's edit: the site's record no longer holds
        old.write(b"baris tambahan\r\n")
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki Lagi")
    build(project, "site")
    assert json.loads((project.root / "site.json").read_text())["exports_spliced"] is False
    build(project, "dari-nol", env={"CATALOGUE_CACHE": "0"})
    assert downloads(site) == downloads(project.root / "dari-nol")
    project.add("banjar/satu.md", nama="Layanan Satu")  # and once all is as recorded again: spliced
    build(project, "site")
    assert json.loads((project.root / "site.json").read_text())["exports_spliced"] is True
    build(project, "dari-nol", env={"CATALOGUE_CACHE": "0"})
    assert downloads(site) == downloads(project.root / "dari-nol")


def test_workbook_rows_read_back_as_openpyxl_writes_them():
    """The rows of katalog.xlsx are written by spreadsheet.row_xml (cacheable per innovation, without the
    optional `r` references); read back, every cell has the value, type and format it has in the same rows
    written by openpyxl's write-only mode, whichever parts the sheet is deflated in."""
    import io
    import zipfile
    from datetime import date as day

    import openpyxl
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from catalogue.entry.model import Catalogue
    from catalogue.opendata import spreadsheet
    columns = ["id", "nama", "waktu_uji_coba", "waktu_penerapan", "contoh", "tag", "bentuk"]
    records = [{"id": "a", "nama": "  Spasi di tepi ", "waktu_uji_coba": "2022-03-01", "waktu_penerapan": "2022-05",
                "contoh": True, "tag": "<b>&amp; \"kutip\" 'satu' é ✓", "bentuk": "pelayanan_publik"},
               {"id": "b", "nama": "Baris\nkedua\tdengan tab", "waktu_uji_coba": "", "waktu_penerapan": None,
                "contoh": False, "tag": 1.5, "bentuk": ""},
               {"id": "c", "nama": "Kendali\x07dibuang", "waktu_uji_coba": "2020-01-31", "waktu_penerapan": "",
                "contoh": False, "tag": 12345678901234567, "bentuk": None},
               {"id": "d", "nama": None, "waktu_uji_coba": None, "waktu_penerapan": None, "contoh": None,
                "tag": "", "bentuk": "pelayanan_publik"}]  # a row of gaps before its one value
    cat = Catalogue(REF, [])
    lists = spreadsheet.code_lists(cat)
    rows = [spreadsheet.row_xml(r, columns, lists) for r in records]
    ours = spreadsheet.workbook(cat, rows, columns, day(2024, 1, 2), [r["id"] for r in records])

    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    wb = Workbook(write_only=True)  # the same header and rows through openpyxl, as the workbook was written before
    ws = wb.create_sheet("Inovasi")
    header = [WriteOnlyCell(ws, value=spreadsheet.HEADERS[c]) for c in columns]
    for cell in header:
        cell.font = Font(bold=True)
    ws.append(header)
    for r in records:
        row = spreadsheet._values(r, columns, lists)
        for i, v in enumerate(row):
            if isinstance(v, str):
                row[i] = ILLEGAL_CHARACTERS_RE.sub("", v)
            elif isinstance(v, day):
                row[i] = cell = WriteOnlyCell(ws, value=v)
                cell.number_format = "yyyy-mm-dd"
        ws.append(row)
    wb.save(buf := io.BytesIO())

    def cells(book: bytes):
        sheet = openpyxl.load_workbook(io.BytesIO(book))["Inovasi"]
        return [(c.coordinate, c.value, c.data_type, c.number_format) for row in sheet.iter_rows() for c in row
                if c.value is not None]
    assert cells(ours) == cells(buf.getvalue()) and len(cells(ours)) == 7 + 7 + 4 + 5 + 2
    assert b' r="' not in zipfile.ZipFile(io.BytesIO(ours)).read("xl/worksheets/sheet1.xml").split(b"</row>", 1)[1]
    values = [[c.value for c in row] for row in openpyxl.load_workbook(io.BytesIO(ours))["Inovasi"].iter_rows(min_row=2)]
    assert values[0][1] == "  Spasi di tepi " and values[2][1] == "Kendalidibuang" and values[1][4] is False
    assert values[0][6] == "Inovasi pelayanan publik" and values[3][1:6] == [None] * 5
    # Deflated in one part, or one part a row: the same archive contents, each passing its CRC check.
    for ids in (["x"] * 4, ["a", "b", "c", "d"]):
        parts = [spreadsheet.part_bounds(ids)]
        book = zipfile.ZipFile(io.BytesIO(spreadsheet.workbook(cat, rows, columns, day(2024, 1, 2), ids)))
        assert book.testzip() is None and parts
        assert book.read("xl/worksheets/sheet1.xml") == zipfile.ZipFile(io.BytesIO(ours)).read("xl/worksheets/sheet1.xml")


def test_sheet_parts_end_where_the_ids_say_not_where_the_rows_are():
    """An innovation added or removed changes the one deflated part it falls in; the others keep their rows."""
    from catalogue.opendata import spreadsheet
    ids = [f"inovasi-{n:05d}" for n in range(3000)]
    bounds = spreadsheet.part_bounds(ids)
    assert 10 < len(bounds) < 60 and bounds[0][0] == 0 and bounds[-1][1] == 3000
    assert all(a < b for a, b in bounds) and all(b == c for (_, b), (c, _) in zip(bounds, bounds[1:]))
    groups = lambda names: [tuple(names[a:b]) for a, b in spreadsheet.part_bounds(names)]  # noqa: E731
    added = ids[:1500] + ["inovasi-baru"] + ids[1500:]
    assert len(set(groups(added)) - set(groups(ids))) == 1
    assert len(set(groups(ids[:700] + ids[701:])) - set(groups(ids))) == 1


def test_deflated_parts_join_into_one_stream_with_the_crc_of_the_whole():
    import io
    import random
    import zipfile
    import zlib

    from catalogue.opendata import zipparts
    rng = random.Random(7)
    chunks = [bytes(rng.randrange(256) for _ in range(rng.randrange(0, 5000))) for _ in range(30)]
    chunks += [b"", b"a" * 100_000, "é ✓ \x00".encode()]
    for a, b in zip(chunks, chunks[1:]):
        assert zipparts.crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)
    whole = zipparts.joined([zipparts.part(c) for c in chunks])
    assert zlib.decompress(whole.data, -15) == b"".join(chunks) and whole.crc == zlib.crc32(b"".join(chunks))
    out = io.BytesIO()
    zipparts.write(out, [("a/b.xml", 0o644 << 16, whole), ("c.txt", 0, zipparts.joined([zipparts.part(b"isi")]))])
    archive = zipfile.ZipFile(io.BytesIO(out.getvalue()))
    assert archive.testzip() is None and archive.read("a/b.xml") == b"".join(chunks) and archive.read("c.txt") == b"isi"


def test_a_gzip_download_is_its_rows_and_one_changed_row_deflates_one_part_again(tmp_path):
    """katalog.csv.gz and katalog.json.gz are gzip files of their rows, readable by gzip itself; an innovation
    changed makes only its part of each parted download (sheet and gzip files) to deflate again."""
    import gzip
    import shutil
    import subprocess

    from catalogue.incremental.exportcache import Streams
    from catalogue.opendata import export, spreadsheet, zipparts
    n = 1000
    ids, keys = [f"inovasi-{i}" for i in range(n)], [f"kunci-{i}" for i in range(n)]
    rows = [(f"inovasi-{i},Layanan {i}\r\n".encode(), f"Layanan {i},Banjar\r\n".encode(),
             json.dumps({"id": f"inovasi-{i}"}).encode(), f"<row>{i}</row>".encode()) for i in range(n)]
    first = Streams(ids, keys, {})
    assert first.needed == set(range(n))
    for pos, p in enumerate(rows):
        first.add(pos, p)
    sizes = first.write_gz(tmp_path, n)
    csv_gz, json_gz = tmp_path / "data" / "katalog.csv.gz", tmp_path / "data" / "katalog.json.gz"
    assert sizes["data/katalog.csv.gz"] == csv_gz.stat().st_size
    assert gzip.decompress(csv_gz.read_bytes()) == export.file_head(0) + b"".join(p[0] for p in rows)
    assert [r["id"] for r in json.loads(gzip.decompress(json_gz.read_bytes()))["inovasi"]] == ids
    if shutil.which("gzip"):
        assert subprocess.run(["gzip", "-t", str(csv_gz), str(json_gz)]).returncode == 0
    # The same rows parted without the export cache (export.py's path for small catalogues): the same bytes.
    parts = [zipparts.part(b"".join(export.gz_row(2, i, rows[i][2]) for i in range(a, b)))
             for a, b in spreadsheet.part_bounds(ids)]
    assert export.gz_file(2, parts, n) == json_gz.read_bytes()
    changed = keys[:500] + ["kunci-baru"] + keys[501:]
    again = Streams(ids, changed, first.fresh)
    (a, b), = [(a, b) for a, b in spreadsheet.part_bounds(ids) if a <= 500 < b]
    assert again.needed == set(range(a, b)) and b - a < n // 4


def test_a_value_that_looks_like_a_formula_stays_text_in_the_workbook():
    import io
    from datetime import date as day

    import openpyxl

    from catalogue.entry.model import Catalogue
    from catalogue.opendata import spreadsheet
    cat = Catalogue(REF, [])
    row = spreadsheet.row_xml({"nama": '=HYPERLINK("http://contoh.invalid","klik")'}, ["nama"], spreadsheet.code_lists(cat))
    book = openpyxl.load_workbook(io.BytesIO(spreadsheet.workbook(cat, [row], ["nama"], day(2024, 1, 1), ["a"])))
    cell = book["Inovasi"]["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


# --- a build over the previous site (publish.py) ---------------------------------------------------
def stats(root):
    return {p.relative_to(root): (p.stat().st_ino, p.stat().st_mtime_ns) for p in root.rglob("*") if p.is_file()}


def site_built_once(project):
    """Four valid entries built into site/ (the cache filled); returns the site folder."""
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "site")
    return project.root / "site"


def test_a_build_over_the_previous_site_writes_only_what_changed_and_the_same_bytes(project):
    site = site_built_once(project)
    first = stats(site)
    _, _, out = build(project, "site")
    timings = json.loads((project.root / "site.json").read_text())
    assert timings["pages_kept"] > 20 and timings["index_parts_kept"] == 1 and timings["exports_kept"]
    unchanged = [rel for rel, st in stats(site).items() if first.get(rel) == st]
    assert Path("inovasi/tiga/index.html") in unchanged and Path("wilayah/tapin/index.html") in unchanged
    assert any(rel.parts[0] == "pagefind" for rel in unchanged)  # the search bundle too
    assert Path("data/katalog.xlsx") in unchanged and Path("data/wilayah/tapin.csv") in unchanged  # and downloads
    # One entry changed, one removed, one kept page edited by hand, a stray file: the site is then what a
    # build from nothing makes of the same entries.
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")
    project.add("banjar/empat.md", nama="Layanan Empat")
    (project.entries / "tapin" / "gambar.md").unlink()
    kept_page = site / "wilayah" / "tapin" / "index.html"
    kept_page.write_text(kept_page.read_text() + "<!-- disunting -->")
    (site / "inovasi" / "lain.html").write_text("bukan dari katalog")
    before, folder = stats(site), site.stat().st_ino
    build(project, "site")
    assert site.stat().st_ino == folder  # merged into the same folder
    # The CSV and JSON downloads spliced from the old ones (exportcache.py), the workbook from kept parts.
    assert json.loads((project.root / "site.json").read_text())["exports_spliced"] is True
    build(project, "dari-nol", env={"CATALOGUE_CACHE": "0"})
    assert site_files(site) == site_files(project.root / "dari-nol")
    assert bundle(site).keys() == bundle(project.root / "dari-nol").keys()
    after = stats(site)
    assert after[Path("inovasi/tiga/index.html")] == before[Path("inovasi/tiga/index.html")]  # not written
    assert after[Path("data/wilayah/banjar.csv")] != before[Path("data/wilayah/banjar.csv")]
    assert after[Path("inovasi/satu/index.html")] != before[Path("inovasi/satu/index.html")]
    # Each innovation's form file: an unchanged entry's is the old file (linked, not compressed again).
    assert after[Path("entri/tiga.json.gz")] == before[Path("entri/tiga.json.gz")]
    assert after[Path("entri/satu.json.gz")] != before[Path("entri/satu.json.gz")]
    assert not (site / "inovasi" / "gambar").exists() and not (site / "inovasi" / "lain.html").exists()
    assert not [p.name for p in project.root.iterdir() if ".bangun-" in p.name]


def test_a_merge_that_fails_midway_puts_the_old_site_back(tmp_path, monkeypatch):
    from catalogue.incremental import publish
    site, built, old = tmp_path / "site", tmp_path / "kerja" / "situs", tmp_path / "kerja" / "lama"
    for root, names in ((site, ("a.html", "b/c.html", "tetap.html", "basi/d.html")), (built, ("a.html", "b/c.html", "baru/e.html"))):
        for name in names:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"{root.name} {name}")
    old.mkdir()
    before = {p.relative_to(site): p.read_text() for p in site.rglob("*") if p.is_file()}
    moves, real = [], os.rename

    def failing(src, dst):
        moves.append(src)
        if len(moves) == 4:
            raise OSError("disk penuh")
        real(src, dst)
    monkeypatch.setattr(publish.os, "rename", failing)
    with pytest.raises(OSError):
        publish.merge(built, site, {"tetap.html"}, old)
    monkeypatch.setattr(publish.os, "rename", real)
    assert {p.relative_to(site): p.read_text() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file()) == \
        ["a.html", "b/c.html", "baru/e.html"]  # the new site is whole again, for a swap instead
    # A build killed midway leaves its journal; the next build undoes the merge from it.
    class Killed(BaseException):
        pass
    moves.clear()

    def killed(src, dst):
        moves.append(src)
        if len(moves) == 3:
            raise Killed
        real(src, dst)
    monkeypatch.setattr(publish.os, "rename", killed)
    with pytest.raises(Killed):
        publish.merge(built, site, {"tetap.html"}, old)
    monkeypatch.setattr(publish.os, "rename", real)
    assert (old.parent / publish.JOURNAL).is_file()
    publish.recover(old.parent / publish.JOURNAL)
    assert {p.relative_to(site): p.read_text() for p in site.rglob("*") if p.is_file()} == before
    publish.merge(built, site, {"tetap.html"}, old)
    assert {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()} == {
        "a.html": "situs a.html", "b/c.html": "situs b/c.html", "baru/e.html": "situs baru/e.html",
        "tetap.html": "site tetap.html"}
    assert not (site / "basi").exists()


def test_a_folder_with_no_kept_file_is_merged_with_one_rename_each_way(tmp_path, monkeypatch):
    """A re-indexed search shard (5,000 files) or the downloads move in as a folder; the journal still names
    every file (see the tests above and below for failures)."""
    from catalogue.incremental import publish
    site, built, old = tmp_path / "site", tmp_path / "kerja" / "situs", tmp_path / "kerja" / "lama"
    for root, names in ((site, ("pagefind/bagian-1/x", "pagefind/bagian-1/basi", "pagefind/bagian-2/z", "data/a.csv",
                                "inovasi/tetap/index.html")),
                        (built, ("pagefind/bagian-1/x", "pagefind/bagian-1/w", "data/a.csv", "data/b.csv"))):
        for name in names:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(f"{root.name} {name}")
    old.mkdir()
    moves, real = [], os.rename
    monkeypatch.setattr(publish.os, "rename", lambda src, dst: (moves.append(src), real(src, dst)))
    publish.merge(built, site, {"pagefind/bagian-2/z", "inovasi/tetap/index.html"}, old)
    assert len(moves) == 4  # pagefind/bagian-1 and data, each out and in
    assert {p.relative_to(site).as_posix(): p.read_text() for p in site.rglob("*") if p.is_file()} == {
        "pagefind/bagian-1/x": "situs pagefind/bagian-1/x", "pagefind/bagian-1/w": "situs pagefind/bagian-1/w",
        "pagefind/bagian-2/z": "site pagefind/bagian-2/z", "data/a.csv": "situs data/a.csv",
        "data/b.csv": "situs data/b.csv", "inovasi/tetap/index.html": "site inovasi/tetap/index.html"}
    assert (old / "pagefind" / "bagian-1" / "basi").is_file()  # the stale file went out with its folder


def test_the_next_build_undoes_a_merge_left_half_done_by_a_killed_build(tmp_path, monkeypatch):
    import subprocess
    import sys

    from catalogue.incremental import publish
    from catalogue.incremental.scratch import Scratch
    site = tmp_path / "site"
    (site / "b").mkdir(parents=True)
    (site / "a.html").write_text("lama a")
    (site / "b" / "c.html").write_text("lama c")
    before = {p.relative_to(site): p.read_text() for p in site.rglob("*") if p.is_file()}
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    root = tmp_path / f".site.bangun-{dead}-abc"
    built, old = root / "situs", root / "lama"
    (built / "b").mkdir(parents=True)
    old.mkdir()
    (built / "a.html").write_text("baru a")
    (built / "b" / "c.html").write_text("baru c")
    real, moves = os.rename, []

    class Killed(BaseException):
        pass

    def killed(src, dst):
        moves.append(src)
        if len(moves) == 4:  # folder b swapped whole, a.html moved out: the build dies here
            raise Killed
        real(src, dst)
    monkeypatch.setattr(publish.os, "rename", killed)
    with pytest.raises(Killed):
        publish.merge(built, site, set(), old)
    monkeypatch.setattr(publish.os, "rename", real)
    assert (site / "b" / "c.html").read_text() == "baru c" and not (site / "a.html").exists()
    with Scratch(site):  # the next build starts
        pass
    assert {p.relative_to(site): p.read_text() for p in site.rglob("*") if p.is_file()} == before
    assert not root.exists()


def test_builds_with_two_site_urls_keep_each_others_cache(project):
    """`make serve` builds with MkDocs' own site_url: it and `catalogue build` must not evict each other."""
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "satu")
    other = {"CATALOGUE_SITE_URL": "https://contoh.go.id/katalog/"}
    assert build(project, "dua", env=other)[0] == 0  # other URLs in the pages: rendered
    assert build(project, "tiga")[:2] == (4, [])  # the first build's pages are still there
    assert json.loads((project.root / "tiga.json").read_text())["exports_cached"] == 4  # and its download rows
    assert build(project, "empat", env=other)[:2] == (4, [])
    assert site_files(project.root / "satu") == site_files(project.root / "tiga")
    stored = lambda: len(list((project.root / ".cache" / "katalog" / "halaman").rglob("*.html")))  # noqa: E731
    both = stored()
    template = project.root / "theme_overrides" / "inovasi.html"
    template.write_text(template.read_text().replace("Rantai acuannya:", "Rantai acuan:"))
    assert build(project, "lima")[0] == 0  # another theme: every page made again,
    assert stored() == both // 2  # and the old theme's pages of both addresses are gone, never to be used again


def test_download_rows_of_older_reference_data_are_dropped(project):
    """The export cache keeps the rows of one other site address (make serve), not those of data it will
    never be asked for again (here: a region renamed in the reference data)."""
    import shutil
    from conftest import REPO
    shutil.copytree(REPO / "catalogue" / "data", project.root / "rujukan")
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("      entries_dir: entries\n",
                                                 "      entries_dir: entries\n      reference_dir: rujukan\n"))
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    db = project.root / ".cache" / "katalog" / "ekspor.sqlite"
    rows = lambda: sqlite3.connect(db).execute("SELECT count(*) FROM potongan").fetchone()[0]  # noqa: E731
    build(project, "satu")
    build(project, "dua", env={"CATALOGUE_SITE_URL": "https://contoh.go.id/katalog/"})
    assert rows() == 2 * 4  # one row per innovation for each address
    regions = project.root / "rujukan" / "wilayah.yml"
    regions.write_text(regions.read_text().replace("Kabupaten Tapin", "Kabupaten Tapin Baru"))
    size = db.stat().st_size
    build(project, "tiga")
    assert rows() == 4
    assert db.stat().st_size < size * 0.8  # the space of the dropped rows is given back (VACUUM)


def test_a_build_that_rewrites_every_page_keeps_the_search_bundle_and_downloads(project):
    site = site_built_once(project)
    kept_before = stats(site)
    template = project.root / "theme_overrides" / "inovasi.html"
    template.write_text(template.read_text().replace("Rantai acuannya:", "Rantai acuan:"))
    build(project, "site")  # every page new; the search bundle and the downloads are kept
    build(project, "dari-nol", env={"CATALOGUE_CACHE": "0"})
    assert site_files(site) == site_files(project.root / "dari-nol")
    after = stats(site)
    assert after[Path("data/katalog.csv.gz")] == kept_before[Path("data/katalog.csv.gz")]  # not written again
    assert after[Path("inovasi/tiga/index.html")] != kept_before[Path("inovasi/tiga/index.html")]


def test_a_list_page_is_keyed_on_its_entries_and_makes_its_items_only_when_shown(project, monkeypatch):
    """The page cache keys a region or area list on its entries' fingerprints (in order), not on its items,
    so a list page taken from the cache never makes them; a changed entry changes the key of every list
    page showing it, and of no other."""
    from catalogue.site import pages
    from catalogue.site.aggregate import build_index
    from catalogue.site.pages.lists import AreaPage, ContinuationPage, RegionPage

    def lists():
        cat, _ = validate(project.entries, REF, today=TODAY, root=project.root)
        site = pages.Site(build_index(cat), "Uji")
        out = {p.src_uri: p for p in pages.generate(site) if isinstance(p, (RegionPage, AreaPage, ContinuationPage))}
        return out
    fill(project)
    before = lists()
    banjar = before["wilayah/banjar.md"]
    assert banjar._listing is None  # nothing made yet
    assert [i.name for g in banjar.listing.groups for i in g.items] == ["Layanan Dua", "Layanan Satu"]
    keys = {uri: p.listing_inputs() for uri, p in before.items()}
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")
    after = {uri: p.listing_inputs() for uri, p in lists().items()}
    changed = sorted(uri for uri in keys if keys[uri] != after[uri])
    assert changed == ["bidang/administrasi.md", "bidang/teknologi.md", "wilayah/banjar.md"]  # its areas, region
    # A list over several pages: only the page showing the entry changes.
    monkeypatch.setattr("catalogue.site.pages.base.PAGE_SIZE", 1)
    keys = {uri: p.listing_inputs() for uri, p in lists().items()}
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki Lagi")
    after = {uri: p.listing_inputs() for uri, p in lists().items()}
    assert "wilayah/banjar/2.md" in keys  # Dua on page 1, Satu on page 2
    assert sorted(uri for uri in keys if uri.startswith("wilayah/banjar") and keys[uri] != after[uri]) == [
        "wilayah/banjar/2.md"]


def _search_files(root):
    """The search bundle's files that Pagefind writes the same for the same records (not filter/meta: #638)."""
    out = {}
    for p in (root / "pagefind").rglob("*"):
        rel = p.relative_to(root / "pagefind")
        if p.is_file() and "filter" not in rel.parts and p.suffix != ".pf_meta" and p.name != "pagefind-entry.json":
            out[rel] = p.read_bytes()
    return out


def test_a_search_started_from_the_changed_files_indexes_what_a_cold_build_does(project):
    """`catalogue build` on a big catalogue (here: two processes asked for) starts the search index while
    validating, from the changed files and the others' stored ids, fingerprints and dates; the index is
    the one a build without caches makes, also when the kept records are gone and the entries are read
    back from the validation cache."""
    import gzip
    import shutil
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    two = {"CATALOGUE_PROSES": "2"}
    build(project, "dingin", env=two)
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")
    build(project, "hangat", env=two)
    shutil.rmtree(project.root / ".cache" / "katalog" / "rekaman-cari")  # records made again, from the rows
    shutil.rmtree(project.root / ".cache" / "katalog" / "cari")  # and the bundles
    project.add("banjar/dua.md", nama="Layanan Dua Diperbaiki", replikasi_dari="satu")
    build(project, "tanpa-rekaman", env=two)
    assert json.loads((project.root / "tanpa-rekaman.json").read_text()).get("index_early")
    build(project, "tanpa-cache", env={**two, "CATALOGUE_CACHE": "0"})
    reference = _search_files(project.root / "tanpa-cache")
    # Pagefind's WriteFiles left a file empty now and then (its writes are not awaited); none may be.
    assert not [p for site in ("dingin", "hangat", "tanpa-rekaman", "tanpa-cache")
                for p in (project.root / site / "pagefind").rglob("*") if p.is_file() and p.stat().st_size == 0]
    assert reference and _search_files(project.root / "tanpa-rekaman") == reference
    texts = [gzip.decompress(b) for rel, b in reference.items() if rel.parts[0] == "fragment"]
    assert any(b"layanan satu diperbaiki" in t for t in texts) and any(b"layanan dua diperbaiki" in t for t in texts)
    hangat = _search_files(project.root / "hangat")
    assert any(b"layanan satu diperbaiki" in gzip.decompress(b) for rel, b in hangat.items() if rel.parts[0] == "fragment")
