"""The contribution loop: workflows, GitLab CI, guide, JSON Schema, generated repository files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, REPO, entry_text, front

from catalogue.contributors import guide, repofiles
from catalogue.entry import json_schema, schema
from catalogue.entry.load import discover, read_entry
from catalogue.entry.reference import load_reference
from catalogue.project import load_project
from catalogue.repository import resolve

REF = load_reference()


def test_github_workflows_pass_actionlint():
    actionlint = str(Path(sys.executable).with_name("actionlint"))  # the test extra's, beside this Python
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) >= 2
    out = subprocess.run([actionlint, "-color=false", *map(str, workflows)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def workflow(name: str) -> dict:
    return yaml.safe_load((REPO / ".github" / "workflows" / name).read_text())


def test_workflows_least_privilege_pinned_and_serialised():
    pr, publish = workflow("periksa-usulan.yml"), workflow("terbitkan.yml")
    for wf in (pr, publish, workflow("uji.yml")):
        assert wf["permissions"] == {"contents": "read"}
        for job in wf["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.search(r"@[0-9a-f]{40}$", step["uses"]), step["uses"]  # a commit: a tag can move
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):  # each pin says which release it is
        for line in path.read_text().splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), (path.name, line)
    assert publish["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = publish["jobs"]["terbitkan"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    steps = " ".join(json.dumps(s) for s in pr["jobs"]["periksa"]["steps"])
    assert "--format github" in steps and "upload-artifact" in steps and "catalogue build" in steps
    assert pr[True] == {"pull_request": None}  # PyYAML reads the key `on` as True
    assert publish[True]["push"] == {"branches": ["main"]}


def test_only_the_publishing_jobs_save_the_build_cache():
    """A national catalogue's build cache is over a gigabyte and the repository's Actions cache holds 10 GB:
    pull requests restore main's cache and never save one; the publish workflow saves it. GitLab alike."""
    for path in sorted((REPO / ".github" / "workflows").glob("*.yml")):
        wf = yaml.safe_load(path.read_text())
        uses = [step.get("uses", "") for job in wf["jobs"].values() for step in job.get("steps", [])]
        saves = [u for u in uses if u.startswith("actions/cache@") or u.startswith("actions/cache/save@")]
        if "pull_request" in wf[True] or "pull_request_target" in wf[True]:
            assert not saves, (path.name, saves)
    pr, publish = workflow("periksa-usulan.yml"), workflow("terbitkan.yml")
    restore = [s for s in pr["jobs"]["periksa"]["steps"] if s.get("uses", "").startswith("actions/cache/restore@")]
    assert len(restore) == 1 and restore[0]["with"]["path"] == ".cache/katalog"
    assert restore[0]["with"]["key"].startswith("katalog-main-")  # what the publish workflow saves
    saved = [s for s in publish["jobs"]["bangun"]["steps"] if s.get("uses", "").startswith("actions/cache@")]
    assert len(saved) == 1 and saved[0]["with"]["key"].startswith("katalog-main-")
    ci = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    for name, job in ci.items():
        if not isinstance(job, dict) or "script" not in job:
            continue
        katalog = [c for c in job.get("cache", ci["default"]["cache"]) if ".cache/katalog" in c["paths"]]
        assert [c["key"] for c in katalog] == ["katalog-$CI_DEFAULT_BRANCH"], name
        merge_requests = any("merge_request_event" in rule.get("if", "") for rule in job.get("rules", []))
        policy = katalog[0].get("policy", "pull-push")
        assert policy == ("pull" if merge_requests or name != "pages" else "pull-push"), (name, policy)


def test_gitlab_ci_has_the_expected_jobs():
    ci = yaml.safe_load((REPO / ".gitlab-ci.yml").read_text())
    assert {"periksa", "pages"} <= set(ci)
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert any("catalogue build --site-dir public" in line for line in ci["pages"]["script"])
    assert ci["periksa"]["artifacts"]["reports"]["codequality"] == "laporan-mutu.json"
    assert any("--format gitlab" in line for line in ci["periksa"]["script"])


def test_gitlab_code_quality_format(project):
    project.add("banjar/kode-salah.md", wilayah="63.99")
    out = project.run("validate", "--format", "gitlab")
    assert out.returncode == 1
    issue = json.loads(out.stdout)[0]
    assert issue["check_name"] == "unknown-region" and issue["severity"] == "major"
    assert issue["location"] == {"path": "entries/banjar/kode-salah.md", "lines": {"begin": 3}}
    assert len(issue["fingerprint"]) == 32


def test_pre_commit_hooks_run_the_validator():
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[0]["entry"] == "catalogue validate" and re.match(hooks[0]["files"], "entries/banjar/x.md")
    exported = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert exported[0]["id"] == "catalogue-validate"


def test_guide_lists_every_field_and_region():
    text = guide.render(REF, None, for_site=True)
    table = text.split("## Daftar isian", 1)[1].split("##", 1)[0]
    for f in schema.FIELDS:  # every field a work unit writes; `contoh` is for demonstration catalogues
        assert (f"| `{f.name}` | {'ya' if f.required else 'tidak'} |" in table) == (f.name != "contoh"), f.name
    for r in REF.regions.values():
        assert f"`entries/{r.slug}/`" in text
    reviewers = text.split("\n## Untuk peninjau\n", 1)[1]
    for code in ("unknown-region", "duplicate-id", "body-too-short"):
        assert f"| `{code}` |" in reviewers


def test_generated_repository_files_are_up_to_date():
    """CONTRIBUTING.md, CODEOWNERS and the issue form are regenerated from the reference data."""
    contact = load_project(REPO / "mkdocs.yml").contact  # as `catalogue repo-files` does: the guide names it
    assert contact and contact.email
    files = repofiles.render_all(REF, "@ORGANISASI/inovasi-{slug}", "@ORGANISASI/pengelola-katalog", contact)
    assert contact.email in files["CONTRIBUTING.md"]
    assert repofiles.stale(REPO, files) == [], "run `catalogue repo-files`"
    owners = (REPO / ".github" / "CODEOWNERS").read_text()
    for r in REF.regions.values():
        assert f"/entries/{r.slug}/  @ORGANISASI/inovasi-{r.slug}" in owners
    form = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "usulan-inovasi.yml").read_text())
    region = next(b for b in form["body"] if b.get("id") == "wilayah")
    assert len(region["attributes"]["options"]) == len(REF.regions)
    assert len({b["id"] for b in form["body"] if "id" in b}) == len([b for b in form["body"] if "id" in b])


def test_repo_files_command_reports_stale_files(project):
    out = project.run("repo-files", "--check")
    assert out.returncode == 1 and "CONTRIBUTING.md: usang" in out.stderr
    assert project.run("repo-files").returncode == 0
    assert project.run("repo-files", "--check").returncode == 0
    owners = (project.root / ".github" / "CODEOWNERS").read_text()
    assert "/entries/tapin/  @ORGANISASI/inovasi-tapin" in owners


def test_json_schema_matches_the_validator():
    s = json_schema.build(REF)
    jsonschema.Draft202012Validator.check_schema(s)
    assert list(s["properties"]) == [f.name for f in schema.FIELDS]
    check = jsonschema.Draft202012Validator(s)
    for path in [*discover(REPO / "entries"), *discover(EXAMPLES)]:  # every entry, real or example, is valid
        errors = list(check.iter_errors(read_entry(path).front))
        assert errors == [], (path, [e.message for e in errors])
    good = front()
    for bad in ({"wilayah": "63.99"}, {"bidang": ["sosial", "x"]}, {"waktu_uji_coba": "2023/01/01"},
                {"wilyah": "63.03"}, {"tautan": [{"judul": "x y", "url": "javascript:alert(1)"}]},
                {"bentuk": None}, {"waktu_uji_coba": None, "waktu_penerapan": None}):
        data = {k: v for k, v in {**good, **bad}.items() if v is not None}
        assert list(check.iter_errors(data)), bad


def test_schema_is_published_with_the_site(project):
    project.add("banjar/layanan.md")
    project.run("build", check=True)
    published = json.loads((project.root / "site" / "skema" / "inovasi.schema.json").read_text())
    assert published["properties"]["wilayah"]["enum"] == list(REF.regions)
    assert project.run("schema").stdout == json_schema.dumps(REF)


CONTACT = (
    "\n  katalog:\n    kontak:\n"
    "      nama: Balitbangda Kota <Contoh> & Mitra\n"
    "      email: usulan.inovasi@pemda.example\n"
    "      telepon: \"0511 7654321\"\n"
    "      alamat: Jl. Contoh No. 1, Banjarbaru\n")


def set_contact(project, contact: str) -> None:
    """Replace the `extra: katalog:` block of the project's mkdocs.yml (\"\": no contact at all)."""
    config = project.root / "mkdocs.yml"
    text = re.sub(r"\n  katalog:\n(?:    .*\n|\s*#.*\n)*", "\n", config.read_text())
    config.write_text(text.replace("\nextra:\n", "\nextra:" + (contact or "\n"), 1))


def test_guide_and_form_pages_in_site(project):
    """Both pages show the contact from mkdocs.yml (escaped); CONTRIBUTING.md names the same contact."""
    set_contact(project, CONTACT)
    project.add("banjar/layanan.md")
    project.run("build", check=True)
    guide_html = (project.root / "site" / "panduan" / "index.html").read_text()
    assert "Daftar isian" in guide_html and 'href="../ajukan/"' in guide_html
    form_html = (project.root / "site" / "ajukan" / "index.html").read_text()
    assert 'id="ki-ajukan"' in form_html and "assets/ajukan.js" in form_html
    for page in (guide_html, form_html):
        box = page.split('class="admonition info ki-kontak"', 1)[1].split("</section>", 1)[0]
        assert "Kontak pengelola katalog" in box and "Unduh berkas" in box
        assert "Balitbangda Kota &lt;Contoh&gt; &amp; Mitra" in box and "<Contoh>" not in box
        assert '<a href="mailto:usulan.inovasi@pemda.example">usulan.inovasi@pemda.example</a>' in box
        assert "0511 7654321" in box and "Jl. Contoh No. 1, Banjarbaru" in box
        assert "Tanyakan alamatnya" not in box
    assert "ki-kontak" not in (project.root / "site" / "index.html").read_text()  # only those two pages
    assert project.run("repo-files").returncode == 0
    contributing = (project.root / "CONTRIBUTING.md").read_text()
    no_account = contributing.split("## Tanpa akun GitHub", 1)[1].split("\n## ", 1)[0]
    assert "[usulan.inovasi@pemda.example](mailto:usulan.inovasi@pemda.example)" in no_account
    assert "Balitbangda Kota &lt;Contoh&gt; &amp; Mitra" in no_account and "0511 7654321" in no_account


def test_without_a_contact_people_are_told_whom_to_ask(project):
    set_contact(project, "")
    project.add("banjar/layanan.md")
    project.run("build", check=True)
    box = (project.root / "site" / "ajukan" / "index.html").read_text().split("ki-kontak", 1)[1]
    assert "Tanyakan alamatnya kepada Bappeda atau Balitbangda di daerah Anda." in box.split("</section>")[0]
    assert project.run("repo-files").returncode == 0
    assert guide.ASK_REGION in (project.root / "CONTRIBUTING.md").read_text()


def test_malformed_contact_is_reported(project):
    set_contact(project, "\n  katalog:\n    kontak:\n      telepon: 05117654321\n")
    out = project.run("repo-files", "--check")
    assert out.returncode == 2 and "extra.katalog.kontak.telepon harus berupa teks" in out.stderr


@pytest.mark.parametrize("env, url, edit", [
    ({"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "pemda/katalog"},
     "https://github.com/pemda/katalog", "https://github.com/pemda/katalog/edit/main/entries/a/b.md"),
    ({"CI_PROJECT_URL": "https://git.pemda.example/inovasi/katalog", "CI_DEFAULT_BRANCH": "utama"},
     "https://git.pemda.example/inovasi/katalog", "https://git.pemda.example/inovasi/katalog/-/edit/utama/entries/a/b.md"),
])
def test_repository_from_ci_environment(env, url, edit):
    repo = resolve(env=env)
    assert repo.url == url and repo.edit_url("entries/a/b.md") == edit
    assert resolve(env={}) is None


def test_readme_in_entries_is_not_an_entry(project):
    readme = project.write("README.md", "# Panduan\n")
    project.add("banjar/layanan.md")
    assert project.run("validate", str(readme.relative_to(project.root))).returncode == 0


def test_simulated_pull_request_two_mistakes_then_fixed(project):
    """A new entry with two mistakes: two annotations on the right lines; fixed, the site builds."""
    project.add("banjar/sudah-ada.md")
    text = entry_text(front(nama="Layanan Baru Desa", tahapan="penerapn")).replace("wilayah:", "wilyah:")
    path = project.write("banjar/layanan-baru-desa.md", text)
    lines = text.splitlines()
    out = project.run("validate", "--format", "github", str(path.relative_to(project.root)))
    annotations = [l for l in out.stdout.splitlines() if l.startswith("::")]
    assert out.returncode == 1 and len(annotations) == 2
    where = {re.search(r"title=[^:]*\[([a-z-]+)\]", a).group(1): int(re.search(r"line=(\d+)", a).group(1))
             for a in annotations}
    assert where == {"unknown-field": next(i for i, l in enumerate(lines, 1) if l.startswith("wilyah:")),
                     "invalid-choice": next(i for i, l in enumerate(lines, 1) if l.startswith("tahapan:"))}
    path.write_text(text.replace("wilyah:", "wilayah:").replace("penerapn", "penerapan"), encoding="utf-8")
    assert project.run("validate", "--format", "github", str(path.relative_to(project.root))).returncode == 0
    assert project.run("build").returncode == 0
    assert (project.root / "site" / "inovasi" / "layanan-baru-desa" / "index.html").is_file()
