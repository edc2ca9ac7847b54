"""Hostile and broken input: one test per YAML hazard, paths, images, links, atomic builds."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date

import pytest
from conftest import RAW_HEAD, REPO, Project, body, new_project

from catalogue.entry.reference import load_reference
from catalogue.validate import validate

REF = load_reference()
TODAY = date(2026, 11, 29)

HEAD = RAW_HEAD


def problems(project, only_code=None):
    _, report = validate(project.entries, REF, today=TODAY, root=project.root)
    found = [(p.code, p.line, p.field, p.severity) for p in report.problems]
    return [f for f in found if only_code is None or f[0] == only_code]


def codes(project):
    return {p[0] for p in problems(project)}


# --- YAML hazards -----------------------------------------------------------------------------------
@pytest.mark.parametrize("extra, code, line", [
    ("tag: &a [x, y]\n", "yaml-alias", 10),  # an anchor
    ("tag: *a\n", "yaml-alias", 10),  # an alias (also undefined)
    ("kontak: {unit: a}\n" + "x: " + "[" * 40 + "]" * 40 + "\n", "too-deep", 11),
    ("nama: lagi\n", "duplicate-key", 10),
    ("\tstatus: aktif\n", "yaml-syntax", 10),  # a tab for indentation
])
def test_yaml_hazards(project, extra, code, line):
    project.write("banjar/x.md", HEAD + extra + "---\n" + body())
    assert (code, line) in [(c, ln) for c, ln, _, _ in problems(project)], problems(project)


def test_alias_bomb_is_refused_quickly(project):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9))
    project.write("banjar/x.md", "---\n" + bomb + "---\n")
    started = time.perf_counter()
    found = problems(project, "yaml-alias")
    assert found and found[0][1] == 2 and time.perf_counter() - started < 2


def test_file_size_limit(project):
    project.write("banjar/x.md", HEAD + "---\n" + body() + "kata " * 60000)
    assert problems(project, "file-too-large") == [("file-too-large", 1, None, "error")]


def test_missing_closing_delimiter_and_crlf_bom(project):
    project.write("banjar/a.md", HEAD + body())
    project.write("banjar/b.md", "\ufeff" + (HEAD + "---\n" + body()).replace("\n", "\r\n"))
    found = problems(project)
    assert ("front-matter-unclosed", 10, None, "error") in found  # where the body starts: '---' goes above it
    assert not [f for f in found if f[0] != "front-matter-unclosed"]


def test_non_utf8(project):
    path = project.entries / "banjar" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes((HEAD + "---\n").encode() + b"\xff\xfe kata\n")
    assert problems(project, "file-unreadable")[0][1] == 11


# --- paths --------------------------------------------------------------------------------------------
def test_symlink_out_of_the_tree(project, tmp_path):
    outside = tmp_path / "luar.md"
    outside.write_text(HEAD + "---\n" + body())
    (project.entries / "banjar").mkdir()
    (project.entries / "banjar" / "tautan.md").symlink_to(outside)
    assert "path-outside" in codes(project)


def test_ids_differing_only_by_case(project):
    project.write("banjar/Antar-Obat.md", HEAD + "---\n" + body())
    project.add("tapin/antar-obat.md", wilayah="63.05")
    assert {"id-case-collision", "invalid-id"} <= codes(project)


# --- images and links ------------------------------------------------------------------------------
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def with_body(extra: str) -> str:
    return HEAD + "---\n" + body() + "\n" + extra + "\n"


def body_line(text: str, needle: str) -> int:
    return next(i for i, l in enumerate(text.splitlines(), 1) if needle in l)


@pytest.mark.parametrize("markdown, code", [
    ("![Foto layanan](https://example.org/foto.jpg)", "image-external"),
    ("![Foto layanan](tidak-ada.png)", "image-missing"),
    ("![Foto layanan](gambar.svg)", "image-type"),
    ("![](foto.png)", "image-alt-missing"),
    ("![Foto](../../../etc/passwd.png)", "path-outside"),
    ("![Foto besar](besar.png)", "image-too-large"),
    ("[lihat](/inovasi/tidak-ada/)", "broken-link"),
    ("[lihat](../tapin/tidak-ada.md)", "broken-link"),
    ("[lihat](/wilayah/atlantis/)", "broken-link"),
    ("[lampiran](laporan.pdf)", "broken-link"),
])
def test_images_and_links_are_checked(project, markdown, code):
    (project.entries / "banjar").mkdir()
    (project.entries / "banjar" / "foto.png").write_bytes(PNG)
    (project.entries / "banjar" / "gambar.svg").write_text("<svg/>")
    (project.entries / "banjar" / "besar.png").write_bytes(PNG + b"\0" * 600 * 1024)
    text = with_body(markdown)
    project.write("banjar/x.md", text)
    found = problems(project, code)
    assert found and found[0][1] == body_line(text, markdown.split("(")[0]) and found[0][3] == "error", problems(project)


def test_good_images_and_links_are_published(project):
    (project.entries / "banjar").mkdir()
    (project.entries / "banjar" / "foto.png").write_bytes(PNG)
    project.add("tapin/lain.md", wilayah="63.05", nama="Inovasi Lain")
    project.write("banjar/x.md", with_body(
        "![Petugas di balai desa](foto.png)\n\n<img src=\"foto.png\" alt=\"Foto kedua\">\n\n"
        "[inovasi lain](../tapin/lain.md) dan [juga](/inovasi/lain/#hasil), [wilayah](/wilayah/tapin/), "
        "[bidang](/bidang/sosial/)"))
    assert problems(project) == []
    project.run("build", "--strict", check=True)
    site = project.root / "site"
    assert (site / "gambar" / "banjar" / "foto.png").read_bytes() == PNG
    html = (site / "inovasi" / "x" / "index.html").read_text()
    assert 'src="../../gambar/banjar/foto.png"' in html and 'alt="Petugas di balai desa"' in html
    assert html.count('src="../../gambar/banjar/foto.png"') == 2
    assert 'href="../lain/"' in html and 'href="../lain/#hasil"' in html
    assert 'href="../../wilayah/tapin/"' in html and 'href="../../bidang/sosial/"' in html


def test_unsafe_html_is_a_warning_with_its_line(project):
    text = with_body('Teks biasa.\n\n<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">a</a>\n\n'
                     "`<script>dalam kode</script>` tidak dihitung.\n\n```\n<iframe></iframe>\n```\n")
    project.write("banjar/x.md", text)
    found = problems(project, "unsafe-html")
    assert {(line, sev) for _, line, _, sev in found} == {(body_line(text, "<script>alert"), "warning"),
                                                           (body_line(text, "javascript:"), "warning")}
    assert len(found) == 3  # <script>, the javascript: scheme, the onclick attribute


# --- builds ---------------------------------------------------------------------------------------------
def test_failed_build_midway_leaves_site_intact(project):
    project.add("banjar/baik.md")
    project.run("build", check=True)
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project.root / "docs" / "rusak.md").write_text("# Rusak\n\n[tidak ada](tidak-ada.md)\n")
    out = project.run("build", "--strict")  # MkDocs renders every page, then aborts on the warning
    assert out.returncode == 1 and "Situs sebelumnya tidak diubah" in out.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not list(project.root.glob(".site-*"))


KILL_POINTS = [  # (what to wait for below the scratch root, or None: kill at once)
    None,  # while validating, before any folder exists
    "",  # the scratch root exists
    "situs/inovasi",  # MkDocs is writing pages
    "situs/data/wilayah",  # downloads are being written
    "situs/pagefind",  # Pagefind is writing the search bundle
]


@pytest.fixture(scope="module")
def built_forty(tmp_path_factory):
    """A project of 40 entries built once, without its cache (so that a build writes every page)."""
    project = new_project(tmp_path_factory.mktemp("empat-puluh"))
    for i in range(40):
        project.add(f"banjar/layanan-{i:02d}.md", nama=f"Layanan Nomor {i}")
    project.run("build", check=True)
    shutil.rmtree(project.root / ".cache")
    return project.root


@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_build_leaves_site_intact_and_is_cleaned_up_next_time(built_forty, tmp_path, point):
    project = Project(tmp_path / "proyek")
    shutil.copytree(built_forty, project.root, symlinks=True)  # each kill point on its own copy
    site = project.root / "site"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": "1700000000", "TMPDIR": str(temp), "CATALOGUE_PROSES": "2"}
    proc = subprocess.Popen([sys.executable, "-m", "catalogue", "build"], cwd=project.root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while point is not None and time.monotonic() < deadline and proc.poll() is None:
        roots = list(project.root.glob(".site.bangun-*"))
        if roots and (roots[0] / point).exists():
            break
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "the build ended before it could be killed at this point"
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert project.run("build", env={"TMPDIR": str(temp)}, check=True)
    assert not [p.name for p in project.root.iterdir() if p.name.startswith(".site")], \
        "a scratch folder of the killed build was left beside the site"
    assert not list(temp.iterdir()), f"left in the temp folder: {[p.name for p in temp.iterdir()]}"


def test_the_old_site_and_a_killed_builds_leftovers_are_removed_when_a_build_ends(tmp_path):
    from catalogue.incremental.scratch import Scratch
    site = tmp_path / "site"
    site.mkdir()
    for i in range(50):
        (site / f"lama-{i}.html").write_text("lama")
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True).stdout.strip()
    abandoned = tmp_path / f".site.bangun-{dead}-xyz" / "situs"  # a killed build's whole site
    abandoned.mkdir(parents=True)
    (abandoned / "index.html").write_text("setengah jadi")
    with Scratch(site) as scratch:
        assert not abandoned.exists()
        built = scratch.path("situs")
        built.mkdir()
        (built / "index.html").write_text("baru")
        scratch.publish(built)
    assert (site / "index.html").read_text() == "baru" and not (site / "lama-0.html").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")]
