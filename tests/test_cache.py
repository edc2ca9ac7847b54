"""The validation cache: the same results as without it, exactly what changed checked again, and a cache
that is damaged or not ours ignored with a message."""

from __future__ import annotations

import json
from datetime import date

from catalogue import cache
from catalogue.reference import load_reference
from catalogue.validate import validate
from conftest import body, entry_text, front

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
    assert c.misses == 0 and "dua.md" not in json.loads((project.root / ".cache" / "validasi.json").read_text())[
        "records"].__repr__()


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


def test_a_damaged_or_foreign_cache_is_ignored_with_a_message(project):
    fill(project)
    _, cold, _ = run(project)
    stored = project.root / ".cache" / "validasi.json"
    stored.write_text('{"format": 1, "context": ', encoding="utf-8")
    _, report, c = run(project)
    assert "diabaikan karena rusak" in c.notice and c.hits == 0 and report.problems == cold.problems
    data = json.loads(stored.read_text())  # rewritten whole
    record = next(iter(data["records"].values()))
    record["result"]["entry"] = {"__t": "Kejutan", "perintah": "rm -rf /"}  # not a record of ours
    stored.write_text(json.dumps(data), encoding="utf-8")
    _, report, c = run(project)
    assert c.misses == 1 and report.problems == cold.problems


def test_the_cli_keeps_its_cache_in_the_project_and_builds_the_same_site(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    env = {"CATALOGUE_CACHE": str(project.root / "simpanan")}
    first = project.run("build", "--site-dir", str(project.root / "satu"), env=env, check=True)
    assert (project.root / "simpanan" / "validasi.json").is_file()
    second = project.run("build", "--site-dir", str(project.root / "dua"), env=env, check=True)
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*")  # noqa: E731
                          if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}
    assert files(project.root / "satu") == files(project.root / "dua"), (first.stdout, second.stdout)
    off = project.run("validate", env={"CATALOGUE_CACHE": "0"}, check=True)
    assert "sah" in off.stdout


# --- innovation pages kept between builds (pagecache.py) ------------------------------------------------
def build(project, name):
    timings = project.root / f"{name}.json"
    out = project.run("build", "--site-dir", str(project.root / name), "--timings", str(timings), check=True)
    return json.loads(timings.read_text())["pages_cached"], out


def site_files(root):
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}


def test_a_warm_build_writes_the_same_site_and_renders_only_what_changed(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    assert build(project, "dingin")[0] == 0
    assert build(project, "hangat")[0] == 4
    assert site_files(project.root / "dingin") == site_files(project.root / "hangat")
    project.add("banjar/satu.md", nama="Layanan Satu Diperbaiki")  # "dua" replicates it and shows its name
    cached, _ = build(project, "satu-berubah")
    assert cached == 2  # satu and dua are rendered again; tiga and gambar come from the cache
    html = (project.root / "satu-berubah" / "inovasi" / "dua" / "index.html").read_text()
    assert "Layanan Satu Diperbaiki" in html
    template = project.root / "theme_overrides" / "inovasi.html"
    template.write_text(template.read_text().replace("Rantai acuannya:", "Rantai acuan:"))
    assert build(project, "templat")[0] == 0  # a template change renders every page again
    assert build(project, "templat-lagi")[0] == 4
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name:", "site_name: Katalog Uji #", 1))
    assert build(project, "konfigurasi")[0] == 0


def test_a_damaged_cached_page_is_rendered_again_with_a_message(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "dingin")
    page = next((project.root / ".cache" / "katalog" / "halaman").rglob("*.html"))
    page.write_bytes(page.read_bytes().replace(b"</html>", b"<script>alert(1)</script></html>"))
    cached, out = build(project, "rusak")
    assert cached == 3 and "rusak atau bukan milik katalog ini" in out.stderr
    assert site_files(project.root / "dingin") == site_files(project.root / "rusak")


def test_the_package_version_is_part_of_every_key(monkeypatch):
    from types import SimpleNamespace
    from catalogue import pagecache
    config = SimpleNamespace(theme=SimpleNamespace(custom_dir=None), config_file_path=None, nav=[], site_url="",
                             use_directory_urls=True)
    before = pagecache.global_key(config, {"entries": 1})
    monkeypatch.setattr(pagecache, "__version__", "99.0")
    assert pagecache.global_key(config, {"entries": 1}) != before
    assert pagecache.global_key(config, {"entries": 2}) != pagecache.global_key(config, {"entries": 1})


def test_reference_data_is_part_of_every_page_key():
    from types import SimpleNamespace
    from catalogue import pagecache
    config = SimpleNamespace(theme=SimpleNamespace(custom_dir=None), config_file_path=None, nav=[], site_url="",
                             use_directory_urls=True)
    other = load_reference()
    other.areas["sosial"] = type(other.areas["sosial"])("sosial", "Sosial Kemasyarakatan", "x")
    assert pagecache.global_key(config, {}, REF) != pagecache.global_key(config, {}, other)


def test_adding_an_entry_keeps_the_other_pages(project):
    fill(project)
    project.write("tapin/tiga.md", entry_text(front(nama="Layanan Tiga", wilayah="63.05"), body()))
    build(project, "dingin")
    project.add("tapin/empat.md", nama="Layanan Empat", wilayah="63.05")
    cached, _ = build(project, "tambah")
    assert cached == 4  # the four pages already built; only the new one is rendered
    home = (project.root / "tambah" / "index.html").read_text()
    page = (project.root / "tambah" / "inovasi" / "satu" / "index.html").read_text()
    banner = lambda html: " ".join(html.split('class="ki-announce"', 1)[1].split("</p>", 1)[0].split())  # noqa: E731
    assert "semua 5 inovasi di situs ini adalah contoh ilustratif" in banner(home)  # counts where they are kept
    assert "semua inovasi di situs ini adalah contoh ilustratif" in banner(page)  # not on innovation pages


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
    assert len(list((project.root / ".cache" / "katalog" / "halaman").rglob("*.html"))) == 4
    second = run(project.root / "dua")
    assert second.returncode == 0 and "A 'dirty' build" not in second.stderr  # MkDocs' warning does not apply
    assert site_files(project.root / "satu") == site_files(project.root / "dua")
