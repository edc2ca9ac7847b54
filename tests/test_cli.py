"""The real CLI, run as a subprocess in a temporary project."""

from __future__ import annotations

import json
import re

import click
import pytest

from catalogue.cli import cli
import subprocess

from conftest import REPO, entry_text, front

GITHUB_ANNOTATION = re.compile(
    r"^::(error|warning) file=(?P<file>[^,:]+),line=(?P<line>\d+)(,col=\d+)?,title=(?P<title>[^:,]+)::(?P<msg>.+)$")


def broken_catalogue(project):
    """The four classic mistakes, each in its own file."""
    project.add("banjar/kode-salah.md", wilayah="63.99")
    text = entry_text(front()).replace("wilayah:", "wilyah:")
    project.write("banjar/kunci-salah.md", text)
    project.add("banjar/ganda.md")
    project.add("tapin/ganda.md", wilayah="63.05")
    project.write("banjar/yaml-rusak.md", "---\nnama: Layanan\nwilayah: \"63.03\n---\nIsi\n")


def test_validate_ok_exit_0(project):
    project.add("banjar/layanan-satu.md")
    out = project.run("validate")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "Semua 1 berkas sah."


def test_four_mistakes_each_with_file_and_line_in_one_run(project):
    broken_catalogue(project)
    out = project.run("validate")
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert any(l.startswith("entries/banjar/kode-salah.md:3:1: error [unknown-region] wilayah: kode \"63.99\"") for l in lines)
    assert any(l.startswith("entries/banjar/kunci-salah.md:3:1: error [unknown-field] wilyah:") for l in lines)
    assert any(l.startswith("entries/banjar/ganda.md:1: error [duplicate-id]") for l in lines)
    assert any(l.startswith("entries/tapin/ganda.md:1: error [duplicate-id]") for l in lines)
    assert any(l.startswith("entries/banjar/yaml-rusak.md:") and "[yaml-syntax]" in l for l in lines)
    assert sum("    petunjuk: " in l for l in lines) == sum(" error [" in l or " warning [" in l for l in lines)
    assert "Traceback" not in out.stdout + out.stderr


def test_github_format_is_annotation_syntax(project):
    broken_catalogue(project)
    out = project.run("validate", "--format", "github")
    assert out.returncode == 1
    annotations = [l for l in out.stdout.splitlines() if l.startswith("::")]
    assert len(annotations) >= 5
    for line in annotations:
        m = GITHUB_ANNOTATION.match(line)
        assert m, line
        assert m["file"].startswith("entries/") and "\n" not in m["msg"]
    region = next(l for l in annotations if "[unknown-region]" in l)
    assert region.startswith("::error file=entries/banjar/kode-salah.md,line=3,col=1,")
    assert "%0APetunjuk: " in region  # the hint on a second line of the annotation


def test_json_format(project):
    broken_catalogue(project)
    project.write("banjar/pendek.md", entry_text(front(), "## Latar Belakang\n\nPendek.\n"))
    out = project.run("validate", "--format", "json")
    data = json.loads(out.stdout)
    assert out.returncode == 1 and data["valid"] is False
    assert data["stats"]["files"] == 6
    keys = {"code", "severity", "file", "line", "column", "field", "message", "hint"}
    assert all(set(p) == keys for p in data["problems"])
    assert {"unknown-region", "unknown-field", "duplicate-id", "yaml-syntax", "body-too-short"} <= {
        p["code"] for p in data["problems"]}


def test_warnings_pass_unless_strict(project):
    project.write("banjar/pendek.md", entry_text(front(), "## Latar Belakang\n\na\n\n## Tujuan\n\nb\n\n"
                                                 "## Manfaat\n\nc\n\n## Hasil\n\nd\n"))
    assert project.run("validate").returncode == 0
    strict = project.run("validate", "--strict")
    assert strict.returncode == 1 and "[body-too-short]" in strict.stdout


def test_validate_given_paths_only(project):
    good = project.add("banjar/baik.md")
    project.add("banjar/buruk.md", wilayah="63.99")
    out = project.run("validate", str(good.relative_to(project.root)))
    assert out.returncode == 0 and "Semua 1 berkas sah." in out.stdout


@pytest.mark.parametrize("args", [["validate", "tidak/ada.md"], ["validate", "--format", "xml"],
                                  ["tidak-ada-perintah"], ["validate", "--config", "lain.yml"]])
def test_usage_errors_exit_2_without_traceback(project, args):
    out = project.run(*args)
    assert out.returncode == 2, out.stderr
    assert "Galat penggunaan" in out.stderr and "Traceback" not in out.stderr


def test_new_writes_a_valid_entry(project):
    out = project.run("new", "--nama", "Antar Obat Lansia", "--wilayah", "banjar",
                      "--perangkat-daerah", "Dinas Kesehatan", "--bidang", "sosial", "--bidang", "manajemen",
                      "--bentuk", "pelayanan_publik", "--jenis", "non_digital", "--tahapan", "uji_coba",
                      "--waktu-uji-coba", "2024-02-01", "--contoh")
    assert out.returncode == 0, out.stderr
    path = project.entries / "banjar" / "antar-obat-lansia.md"
    assert path.is_file() and "entries/banjar/antar-obat-lansia.md" in out.stdout
    text = path.read_text()
    assert 'wilayah: "63.03"' in text and "## Latar Belakang" in text and "contoh: true" in text
    check = project.run("validate", "--format", "json")
    assert check.returncode == 1  # the sections still hold the template's prompts, which must not be published
    assert sorted({p["code"] for p in json.loads(check.stdout)["problems"]}) == ["body-too-short", "template-text"]
    again = project.run("new", "--nama", "Antar Obat Lansia", "--wilayah", "63.03",
                        "--perangkat-daerah", "Dinas", "--bidang", "sosial", "--bentuk", "lainnya",
                        "--jenis", "digital", "--tahapan", "inisiatif", "--waktu-uji-coba", "2024-02-01")
    assert again.returncode == 1 and "sudah dipakai" in again.stderr


def test_new_rejects_bad_values_and_lists_missing(project):
    bad = project.run("new", "--nama", "Layanan", "--wilayah", "63.03", "--perangkat-daerah", "Dinas",
                      "--bidang", "sosial", "--bentuk", "pelayanan", "--jenis", "digital",
                      "--tahapan", "penerapan", "--waktu-penerapan", "2099-01-01")
    assert bad.returncode == 1
    assert "[invalid-choice] bentuk" in bad.stderr and "[future-date] waktu_penerapan" in bad.stderr
    assert not list(project.entries.rglob("*.md"))
    missing = project.run("new", "--nama", "Layanan")
    assert missing.returncode == 2 and "--wilayah" in missing.stderr and "--tahapan" in missing.stderr


def test_every_command_has_help_with_an_example(project):
    commands = {"": cli, **{name: cmd for name, cmd in cli.commands.items()}}
    assert set(commands) >= {"", "validate", "build", "new"}
    for name, cmd in commands.items():
        out = project.run(*([name] if name else []), "--help")
        assert out.returncode == 0
        assert "Contoh:" in out.stdout, f"'catalogue {name} --help' has no example"
        example = out.stdout.split("Contoh:", 1)[1]
        assert f"catalogue {name}".strip() in example
        assert isinstance(cmd, click.Command)


def test_a_file_that_is_not_an_entry_fails_validation_and_reaches_the_pull_request_check(project, tmp_path):
    project.add("banjar/baik.md")
    project.write("banjar/x.md.txt", (project.entries / "banjar" / "baik.md").read_text())
    project.write("banjar/Tanpa Akhiran", "catatan")
    out = project.run("validate", "--format", "json")
    assert out.returncode == 1
    found = {(p["file"], p["code"], p["hint"].split('"')[1]) for p in json.loads(out.stdout)["problems"]}
    assert found == {("entries/banjar/x.md.txt", "not-an-entry", "x.md"),
                     ("entries/banjar/Tanpa Akhiran", "not-an-entry", "tanpa-akhiran.md")}
    single = project.run("validate", "entries/banjar/x.md.txt")
    assert single.returncode == 1 and "not-an-entry" in single.stdout and "Semua" not in single.stdout
    # The pull-request check validates what `git diff -- <pathspec>` lists: the file must be in it.
    workflow = (REPO / ".github" / "workflows" / "periksa-usulan.yml").read_text()
    spec = re.search(r"HEAD -- '([^']+)' > berubah\.txt", workflow).group(1)
    assert spec in (REPO / ".gitlab-ci.yml").read_text()
    repo = tmp_path / "git"
    (repo / "entries" / "banjar").mkdir(parents=True)
    (repo / "entries" / "banjar" / "x.md.txt").write_text("x")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    listed = subprocess.run(["git", "ls-files", "--", spec], cwd=repo, capture_output=True, text=True).stdout
    assert "entries/banjar/x.md.txt" in listed


def test_an_unedited_new_entry_fails_strict_validation_with_template_text(project):
    out = project.run("new", "--nama", "Antar Obat Lansia", "--wilayah", "63.03", "--perangkat-daerah",
                      "Dinas Kesehatan", "--bidang", "sosial", "--bentuk", "pelayanan_publik", "--jenis", "non_digital",
                      "--tahapan", "uji_coba", "--waktu-uji-coba", "2024-02-01")
    assert out.returncode == 0, out.stderr
    checked = project.run("validate", "--strict", "--format", "json", "entries/banjar/antar-obat-lansia.md")
    assert checked.returncode == 1
    problems = json.loads(checked.stdout)["problems"]
    template = [p for p in problems if p["code"] == "template-text"]
    assert [p["message"].split("'")[1] for p in template] == ["## Latar Belakang", "## Tujuan", "## Manfaat", "## Hasil"]
    text = (project.entries / "banjar" / "antar-obat-lansia.md").read_text().splitlines()
    assert all(text[p["line"] - 1].startswith("Tuliskan") for p in template)
