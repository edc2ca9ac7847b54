"""Cheap guards for national scale: nothing per page grows with the number of entries."""

from __future__ import annotations

import posixpath
from datetime import date
from pathlib import Path

from conftest import EXAMPLES, REPO, copy_entries

from catalogue.entry.reference import load_reference
from catalogue.site import pages
from catalogue.site.aggregate import build_index
from catalogue.validate import validate

REF = load_reference()


def nav_bytes(html: str) -> int:
    return len(html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0])


def build(project, n: int) -> Path:
    for i in range(n):
        project.add(f"{'banjar' if i % 2 else 'tapin'}/layanan-{i:03d}.md", nama=f"Layanan Nomor {i:03d}",
                    wilayah="63.03" if i % 2 else "63.05", bidang="sosial")
    project.run("build", check=True)
    return project.root / "site"


def test_page_count_linear_and_nav_constant(tmp_path):
    from conftest import new_project
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    small = build(new_project(tmp_path / "a"), 10)
    large = build(new_project(tmp_path / "b"), 40)
    count = lambda site: sum(1 for _ in site.rglob("index.html"))  # noqa: E731
    assert count(large) - count(small) == 30  # one page per entry, nothing else grows
    for page in ("inovasi/layanan-001", "wilayah/banjar", "bidang/sosial", ""):
        a = (small / page / "index.html").read_text()
        b = (large / page / "index.html").read_text()
        # equal up to the digits of counts in the active page's integrated table of contents
        assert abs(nav_bytes(a) - nav_bytes(b)) <= 16, page
    entry_navs = {nav_bytes((large / "inovasi" / f"layanan-{i:03d}" / "index.html").read_text()) for i in range(40)}
    assert len(entry_navs) == 1 and entry_navs.pop() < 3000  # top level only


def test_long_lists_are_paginated(project, monkeypatch):
    from catalogue.site.pages import base
    monkeypatch.setattr(base, "PAGE_SIZE", 3)
    for i in range(7):
        project.add(f"banjar/l-{i}.md", nama=f"Layanan {i}", bidang="sosial")
    catalogue, report = validate(project.entries, REF, root=project.root)
    site = pages.Site(build_index(catalogue), "Uji", today=date(2024, 1, 1))
    out = {p.src_uri: p for p in pages.generate(site)}
    assert {"bidang/sosial.md", "bidang/sosial/2.md", "bidang/sosial/3.md"} <= set(out)
    assert {"wilayah/banjar.md", "wilayah/banjar/2.md", "wilayah/banjar/3.md"} <= set(out)
    items = [sum(len(g.items) for g in out[u].listing.groups)
             for u in ("bidang/sosial.md", "bidang/sosial/2.md", "bidang/sosial/3.md")]
    assert items == [3, 3, 1]
    # Every innovation link resolves from the page it is on (page 2 sits one folder deeper than page 1).
    ids = {e.id for e in catalogue.entries}
    for uri in ("bidang/sosial.md", "bidang/sosial/2.md", "bidang/sosial/3.md", "wilayah/banjar/3.md"):
        here = "/" + pages.routes.url(uri)
        targets = [posixpath.normpath(posixpath.join(here, i.href)) for g in out[uri].listing.groups for i in g.items]
        assert targets and all(t.startswith("/inovasi/") and t.split("/")[2] in ids for t in targets), (uri, targets)
    assert out["bidang/sosial.md"].listing.pager == ((1, None), (2, "2/"), (3, "3/"))
    second = out["bidang/sosial/2.md"].listing
    assert second.groups[0].continued and second.pager == ((1, "../"), (2, None), (3, "../3/"))


def test_bench_script_runs_end_to_end(tmp_path):
    """The benchmark itself must not rot: a tiny run prints every figure and ratio (it asserts nothing)."""
    import json
    import subprocess
    import sys
    out = subprocess.run([sys.executable, str(REPO / "scripts" / "bench.py"), "--sizes", "40,80", "--provinces", "2",
                          "--json", str(tmp_path / "hasil.json")], capture_output=True, text=True, timeout=600,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "TMPDIR": str(tmp_path)})
    assert out.returncode == 0, out.stderr[-3000:]
    for row in ("validate entries/s", "ratio validation / bare parse", "exports, background process",
                "bare mkdocs build (s) / MB", "bare Pagefind (s) / MB", "ratio total / (bare mkdocs + bare index)",
                "site size (MB) / files", "largest file (MB)", "build cache .cache/katalog (MB)",
                "t(80) / t(40) total build"):
        assert row in out.stdout, row
    results = json.loads((tmp_path / "hasil.json").read_text())
    assert [r["n"] for r in results] == [40, 80] and all(r["site_files"] > r["n"] for r in results)
    assert "--quick" in (REPO / "scripts" / "bench.py").read_text()


def test_preview_of_some_folders_only(project):
    project.add("banjar/di-banjar.md")
    project.add("tapin/di-tapin.md", wilayah="63.05", replikasi_dari="di-banjar")
    catalogue, report = validate(project.entries, REF, root=project.root, folders=["tapin"])
    assert [e.id for e in catalogue.entries] == ["di-tapin"] and report.problems == []
    project.add("banjar/lain-di-banjar.md", nama="Layanan Lain")
    catalogue, report = validate(project.entries, REF, root=project.root, folders=["di-banjar", "tapin"])
    assert [e.id for e in catalogue.entries] == ["di-banjar", "di-tapin"] and report.problems == []


def test_background_exports_give_the_same_site(tmp_path):
    """Downloads written by a background process (as on a big catalogue) give a byte-identical site to
    downloads written in the build process."""
    import shutil

    from conftest import new_project
    project = new_project(tmp_path)
    shutil.rmtree(project.entries)
    copy_entries(project.entries)
    one = project.run("build", "--site-dir", str(tmp_path / "satu"), env={"CATALOGUE_PROSES": "1"}, check=True)
    two = project.run("build", "--site-dir", str(tmp_path / "dua"), env={"CATALOGUE_PROSES": "2"}, check=True)
    entries = len(list((REPO / "entries").rglob("*.md"))) - 1 + len(list(EXAMPLES.rglob("*.md")))  # less README
    assert f"{entries} inovasi" in one.stdout and f"{entries} inovasi" in two.stdout
    # Pagefind's filter/meta files are not byte-reproducible upstream (see README); the rest must be equal.
    files = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*")  # noqa: E731
                          if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}
    a, b = files(tmp_path / "satu"), files(tmp_path / "dua")
    assert sum(1 for p in a if p.parts[0] == "inovasi") == entries
    assert len([p for p in a if p.parts[0] == "data" and p.suffix == ".csv"]) == 14 + 10  # + the code lists
    assert sorted(p.name for p in a if p.parts[0] == "data" and p.suffix == ".gz") == [
        "katalog.csv.gz", "katalog.json.gz", "laporan-kemendagri.csv.gz"]
    assert a.keys() == b.keys() and all(a[p] == b[p] for p in a)
    assert "82,1 KB" in a[Path("data/index.html")].decode() or " KB)" in a[Path("data/index.html")].decode()


def test_innovation_page_clashing_with_a_docs_page_is_refused(project):
    project.add("banjar/tentang-x.md")
    (project.root / "docs" / "inovasi").mkdir()
    (project.root / "docs" / "inovasi" / "tentang-x.md").write_text("# Bentrok\n")
    out = project.run("build")
    assert out.returncode != 0 and "bentrok" in (out.stdout + out.stderr)
    assert "Traceback" not in out.stdout + out.stderr


def test_a_failing_page_fails_the_build_and_keeps_the_old_site(project):
    project.add("banjar/satu.md")
    project.add("banjar/dua.md", nama="Layanan Dua")
    project.run("build", check=True)
    before = {p: p.read_bytes() for p in (project.root / "site").rglob("*") if p.is_file()}
    project.add_hook("rusak.py",
                     "def on_page_content(html, page, config, files):\n"
                     "    if page.file.src_uri == 'inovasi/dua.md':\n"
                     "        raise ValueError('sengaja gagal')\n"
                     "    return html\n")
    out = project.run("build", env={"CATALOGUE_PROSES": "2"})
    assert out.returncode != 0
    text = out.stdout + out.stderr
    assert "entries/banjar/dua.md" in text and "sengaja gagal" in text and "Traceback" not in text
    after = {p: p.read_bytes() for p in (project.root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not list(project.root.glob(".site*"))  # no temporary folder left behind


def test_preview_builds_only_the_previewed_regions(project, tmp_path):
    import subprocess
    import sys
    project.add("banjar/di-banjar.md")
    project.add("tapin/di-tapin.md", wilayah="63.05")
    out = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "pratinjau")],
                         cwd=project.root, capture_output=True, text=True, timeout=300,
                         env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO),
                              "CATALOGUE_PRATINJAU": "tapin"})
    assert out.returncode == 0, out.stderr
    site = tmp_path / "pratinjau"
    assert (site / "inovasi" / "di-tapin" / "index.html").is_file()
    assert not (site / "inovasi" / "di-banjar").exists()
    assert (site / "wilayah" / "tapin" / "index.html").is_file()
    assert (site / "wilayah" / "kalimantan-selatan" / "index.html").is_file()  # its province
    assert not (site / "wilayah" / "banjar").exists()


def test_every_mechanism_of_the_mechanisms_benchmark_can_be_switched_off():
    """scripts/bench_mechanisms.py switches each performance mechanism off by patching the package (PERFORMANCE.md
    holds what each buys): every patch must still find what it patches, in a process of its own as in a run."""
    import subprocess
    import sys
    code = ("import bench_mechanisms as b\n"
            "for name in b.MECHANISMS: b.apply(name, False); b.apply(name, True)\n"
            "print(len(b.MECHANISMS))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{REPO}:{REPO / 'scripts'}"})
    assert out.returncode == 0, out.stderr[-3000:]
    assert int(out.stdout) >= 10
