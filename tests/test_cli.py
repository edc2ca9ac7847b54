"""The real CLI, run as a subprocess in a temporary project."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import CATALOGUE, REPO, entry_text, front

from catalogue.cli import cli

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
    assert again.returncode == 2 and "  --id: id \"antar-obat-lansia\" sudah dipakai" in again.stderr
    assert "--id antar-obat-lansia-banjar" in again.stderr  # a free id to use instead


def test_new_rejects_bad_values_and_lists_missing(project):
    bad = project.run("new", "--nama", "Layanan", "--wilayah", "63.03", "--perangkat-daerah", "Dinas",
                      "--bidang", "sosial", "--bentuk", "pelayanan", "--jenis", "digital",
                      "--tahapan", "penerapan", "--waktu-penerapan", "2099-01-01")
    assert bad.returncode == 2
    assert '  --bentuk: "pelayanan" bukan pilihan' in bad.stderr
    assert "  --waktu-penerapan: tanggal 2099-01-01 belum terjadi" in bad.stderr
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


# --- catalogue new: help, all problems at once, any case, the next step -------------------------------

NEW_OK = ("--nama", "Antar Obat Lansia", "--wilayah", "63.03", "--perangkat-daerah", "Dinas Kesehatan",
          "--bidang", "sosial", "--bentuk", "pelayanan_publik", "--jenis", "non_digital", "--tahapan", "uji_coba",
          "--waktu-uji-coba", "2024-02-01")


def new_args(**changes) -> list[str]:
    """NEW_OK with options changed (nama="X") or left out (nama=None)."""
    pairs = dict(zip(NEW_OK[::2], NEW_OK[1::2]))
    for key, value in changes.items():
        pairs.pop(f"--{key.replace('_', '-')}", None)
        if value is not None:
            pairs[f"--{key.replace('_', '-')}"] = value
    return [a for kv in pairs.items() for a in kv]


def test_new_help_lists_every_choice_and_marks_the_required_options(project):
    from catalogue.cli import newentry
    from catalogue.entry.reference import load_reference

    out = project.run("new", "--help")
    assert out.returncode == 0, out.stderr
    ref = load_reference()
    flat = " ".join(out.stdout.split())
    options = re.split(r"\n  (?=-)", out.stdout)  # one block per option
    block = {b.split()[0].rstrip(","): " ".join(b.split()) for b in options[1:]}
    for f in newentry.fields():
        text = block[newentry.flag(f.name)]
        assert text.split()[2].startswith("[wajib") == (f.required or f.name in newentry.DATES), text
        for key in newentry.choices(f, ref):
            assert re.search(rf"(^| ){re.escape(key)}( |$)", text), (key, text)
    for name in ("nama", "wilayah", "perangkat_daerah", "bidang", "bentuk", "jenis", "tahapan"):
        assert block[newentry.flag(name)].split()[2] == "[wajib]"
    assert "[wajib: ini atau --waktu-penerapan]" in block["--waktu-uji-coba"]
    assert "[wajib: ini atau --waktu-uji-coba]" in block["--waktu-penerapan"]
    for r in ref.regions.values():
        assert re.search(rf"\n +{re.escape(r.code)} +{r.slug} +{r.name}\n", out.stdout), r
    assert set(ref.choices["inisiator"]) <= set(flat.split())
    # No option name or date pattern is broken across two lines, and every example stays on one line.
    assert not re.search(r"-\n", out.stdout) and "\u2011" not in out.stdout and "\u00a0" not in out.stdout
    assert '--nama "Antar Obat untuk Pasien Lansia"' in out.stdout


def test_new_reports_every_problem_in_one_run_by_option_name(project):
    project.add("banjar/layanan-lama.md")
    out = project.run("new", *new_args(wilayah="63.99", bentuk="pelayanan", jenis="dijital", perangkat_daerah=None,
                                       waktu_uji_coba="17/05/2022", waktu_penerapan="2099-01-01", id="Layanan Baru"),
                      "--bidang", "sosia", "Lama", "--nam", "x")
    assert out.returncode == 2, out.stderr
    lines = out.stderr.splitlines()
    assert lines[0].startswith("Galat penggunaan: berkas belum dibuat.")
    expected = {"--wilayah": '"63.99" tidak dikenal', "--bentuk": '"pelayanan" bukan pilihan',
                "--jenis": '"dijital" bukan pilihan', "--perangkat-daerah": "belum diisi",
                "--bidang": '"sosia" bukan pilihan',
                "--waktu-uji-coba": "Untuk 17/05/2022 tulis --waktu-uji-coba 2022-05-17.",
                "--waktu-penerapan": "2099-01-01 belum terjadi", "--id": '"Layanan Baru" tidak dapat dipakai',
                "--nam": "mungkin maksud Anda --nama?", "kata berlebih": '"Lama" tidak termasuk opsi mana pun'}
    for option, text in expected.items():
        assert any(l.startswith(f"  {option}: ") and text in l for l in lines), (option, out.stderr)
    assert lines[-1] == "Lihat 'catalogue new --help'."
    # Option names, not YAML fields; no file and line of a file that was never written.
    assert not re.search(r"waktu_uji_coba|waktu_penerapan|perangkat_daerah|\.md:\d", out.stderr)
    assert "Traceback" not in out.stderr
    assert sorted(p.name for p in project.entries.rglob("*.md")) == ["layanan-lama.md"]


@pytest.mark.parametrize("args", [
    [*new_args(), "--wilayah"],  # an option without its value (click's own parsing)
    [*new_args(nama=None), "--nama", "--wilayah", "banjar"],  # a value forgotten: the next option taken for it
    new_args(tahapan="penerapan"),  # in use, but without --waktu-penerapan
    new_args(nama="AB"),  # too short (the validator's own check)
    new_args(id="layanan-lama"),  # the file exists
    [*new_args(), "--config", "tidak-ada.yml"],
])
def test_new_every_usage_error_exits_2(project, args):
    project.add("banjar/layanan-lama.md")
    out = project.run("new", *args)
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stderr.startswith("Galat penggunaan: ") and "Traceback" not in out.stderr
    assert "Lihat 'catalogue new --help'." in out.stderr and "Option" not in out.stderr
    assert not (project.entries / "banjar" / "antar-obat-lansia.md").exists()


@pytest.mark.parametrize("wilayah", ["63.03", "banjar", "BANJAR", "Kabupaten Banjar", "kab. banjar", "Banjar"])
def test_new_accepts_choices_and_regions_in_any_case(project, wilayah):
    out = project.run("new", *new_args(wilayah=wilayah, jenis="Digital", bentuk="Pelayanan Publik",
                                       tahapan="UJI-COBA", inisiator="Kepala Daerah"), "--bidang", "Teknologi")
    assert out.returncode == 0, out.stderr
    text = (project.entries / "banjar" / "antar-obat-lansia.md").read_text()
    for line in ('wilayah: "63.03"', "bentuk: pelayanan_publik", "jenis: digital", "tahapan: uji_coba",
                 "inisiator: kepala_daerah", "bidang: [sosial, teknologi]"):
        assert f"\n{line}\n" in text


def test_new_unknown_region_lists_every_region(project):
    from catalogue.entry.reference import load_reference

    out = project.run("new", *new_args(wilayah="Banjarmasinn"))
    assert out.returncode == 2
    line = next(l for l in out.stderr.splitlines() if l.startswith("  --wilayah: "))
    regions = load_reference().regions.values()
    assert len(regions) == 14 and '"63.03" (banjar)' in line
    assert all(f'"{r.code}" ({r.slug})' in line for r in regions)


def _next_step(stdout: str) -> tuple[str, list[str]]:
    lines = stdout.splitlines()
    i = next(i for i, l in enumerate(lines) if l.startswith("Langkah berikutnya: isi bagian-bagian teks di "))
    assert lines[i].endswith("lalu periksa dengan:")
    return lines[i], shlex.split(lines[i + 1])


@pytest.mark.parametrize("on_path", [False, True])
def test_new_prints_a_next_step_that_works_from_where_the_user_is(project, on_path):
    env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"} if on_path else {}
    out = project.run("new", *NEW_OK, env=env)
    assert out.returncode == 0, out.stderr
    step, command = _next_step(out.stdout)
    assert "entries/banjar/antar-obat-lansia.md" in step
    assert command[-3:] == ["validate", "entries/banjar/antar-obat-lansia.md", "--strict"]
    if on_path:
        assert command[0] == "catalogue"
    else:  # `catalogue` is not on PATH: the program that ran, by its path
        assert Path(command[0]).name in ("catalogue", "python", Path(sys.executable).name)
    full_env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **env}
    checked = subprocess.run(command, check=False, cwd=project.root, capture_output=True, text=True, env=full_env)
    assert checked.returncode == 1 and "[template-text]" in checked.stdout, checked.stderr


def test_new_next_step_from_another_folder_names_the_config(project):
    work = project.root / "entries"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1"}
    out = subprocess.run([*CATALOGUE, "new", *NEW_OK, "--config", "../mkdocs.yml"], check=False, cwd=work,
                         capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    step, command = _next_step(out.stdout)
    assert " banjar/antar-obat-lansia.md " in step  # relative to where the user is
    assert "--config" in command
    checked = subprocess.run(command, check=False, cwd=work, capture_output=True, text=True, env=env)
    assert checked.returncode == 1 and "[template-text]" in checked.stdout, checked.stderr


def test_new_asks_for_what_is_missing_in_a_terminal(project, monkeypatch):
    from click.testing import CliRunner

    from catalogue.cli import entries as entry_commands

    monkeypatch.chdir(project.root)
    monkeypatch.setattr(entry_commands, "_interactive", lambda: True)
    answers = ["Antar Obat Lansia", "63.99", "Kabupaten Banjar", "Dinas Kesehatan", "sosial, Teknologi",
               "pelayanan", "Pelayanan Publik", "digital", "penerapan", "17/05/2023", "2023-05-17"]
    result = CliRunner().invoke(cli, ["new", "--inisiator", "asn"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert '"63.99" tidak dikenal' in result.output and "Untuk 17/05/2023 tulis 2023-05-17." in result.output
    assert "Waktu penerapan" in result.output  # tahapan penerapan: its date is asked for
    text = (project.entries / "banjar" / "antar-obat-lansia.md").read_text()
    assert "bidang: [sosial, teknologi]\nbentuk: pelayanan_publik" in text and "waktu_penerapan: 2023-05-17" in text
    # A mistake in what was given is reported before anything is asked.
    again = CliRunner().invoke(cli, ["new", "--bentuk", "salah"], input="")
    assert again.exit_code == 2 and '--bentuk: "salah" bukan pilihan' in again.output
