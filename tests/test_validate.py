"""One test per check: the problem code, its line and its field."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import RAW_HEAD, body, entry_text, front

from catalogue.entry.problems import PROBLEM_TYPES
from catalogue.entry.reference import load_reference
from catalogue.validate import validate

TODAY = date(2026, 11, 29)
REF = load_reference()


def check(project, today=TODAY):
    catalogue, report = validate(project.entries, REF, today=today, root=project.root)
    return catalogue, report


def codes(report):
    return [(p.code, p.line, p.field) for p in report.problems]


def one(report, code):
    found = [p for p in report.problems if p.code == code]
    assert len(found) == 1, f"expected one {code}, got {codes(report)}"
    return found[0]


def test_valid_entry_has_no_problems(project):
    project.add("banjar/layanan-contoh.md")
    catalogue, report = check(project)
    assert report.problems == []
    assert [e.id for e in catalogue.entries] == ["layanan-contoh"]
    e = catalogue.entries[0]
    assert e.bidang == ("administrasi", "teknologi") and e.primary_area == "administrasi"
    assert e.waktu_penerapan.label == "1 Juni 2022"


RAW = RAW_HEAD + "{extra}---\n" + body()


def raw(extra: str = "", **replace) -> str:
    text = RAW.replace("{extra}", extra)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


@pytest.mark.parametrize("extra, code, line, field", [
    ("wilyah: x\n", "unknown-field", 10, "wilyah"),
    ("status: berhenti\n", "invalid-choice", 10, "status"),
    ("contoh: ya\n", "wrong-type", 10, "contoh"),
    ("dilaporkan_kemendagri: 2022-02-30\n", "invalid-date", 10, "dilaporkan_kemendagri"),
    ("dilaporkan_kemendagri: 2031-01-01\n", "future-date", 10, "dilaporkan_kemendagri"),
    ("replikasi_dari: Bukan Id\n", "invalid-id", 10, "replikasi_dari"),
    ("tautan:\n  - {judul: Laman, url: 'javascript:alert(1)'}\n", "invalid-url", 11, "tautan[0].url"),
    ("kontak: {email: bukan-surel}\n", "invalid-email", 10, "kontak.email"),
    ("kontak: {telepon: 0511123}\n", "wrong-type", 10, "kontak.telepon"),
    ("hasil:\n  langkah: {sebelum: 5, sesudah: -1}\n", "invalid-number", 11, "hasil.langkah.sesudah"),
    ("hasil:\n  langkah: {sebelum: 5}\n", "missing-field", 11, "hasil.langkah.sesudah"),
    ("hasil:\n  biaya: {sebelum: 5, sesudah: 1}\n", "unknown-field", 11, "hasil.biaya"),
    ("urusan: [kesehatan, kesehatan]\n", "duplicate-value", 10, "urusan[1]"),
    ("urusan: [kesehatan, wisata]\n", "invalid-choice", 10, "urusan[1]"),
    ("tag: []\n", "empty-value", 10, "tag"),
    ("nama: lagi\n", "duplicate-key", 10, "nama"),
])
def test_field_checks(project, extra, code, line, field):
    project.write("banjar/layanan-contoh.md", raw(extra))
    p = one(check(project)[1], code)
    assert (p.line, p.field) == (line, field)
    assert p.file.endswith("entries/banjar/layanan-contoh.md")
    assert p.message and p.hint


def test_unknown_key_suggests_closest_and_does_not_double_report(project):
    project.write("banjar/x.md", raw().replace("wilayah:", "wilyah:"))
    report = check(project)[1]
    p = one(report, "unknown-field")
    assert (p.line, p.field) == (3, "wilyah") and "'wilayah'" in p.hint
    assert not [q for q in report.problems if q.code == "missing-field"]


def test_unquoted_region_code_gets_exact_fix(project):
    project.write("tanah-bumbu/x.md", raw(**{'wilayah: "63.03"': "wilayah: 63.10"}))
    p = one(check(project)[1], "wrong-type")
    assert (p.line, p.field) == (3, "wilayah")
    assert 'wilayah: "63.10"' in p.hint  # the text as written, not the float 63.1


def test_unknown_region_code_and_region_given_by_name(project):
    project.write("banjar/a.md", raw(**{'"63.03"': '"63.99"'}))
    project.write("banjar/b.md", raw(**{'"63.03"': "Banjar"}))
    report = check(project)[1]
    a, b = [p for p in report.problems if p.code == "unknown-region"]
    assert (a.line, a.field) == (3, "wilayah") and '"63.99"' in a.message
    assert '"63.03"' in b.hint


def test_missing_required_field_points_at_front_matter_end(project):
    project.write("banjar/x.md", raw().replace("jenis: digital\n", ""))
    p = one(check(project)[1], "missing-field")
    assert (p.field, p.line) == ("jenis", 9)  # the closing ---


def test_missing_dates(project):
    project.write("banjar/x.md", raw().replace("waktu_uji_coba: 2022-01-10\n", ""))
    assert one(check(project)[1], "missing-date").field == "waktu_uji_coba"


def test_date_order_and_month_precision(project):
    project.write("banjar/x.md", raw("waktu_penerapan: 2021-12-01\n"))
    project.write("banjar/y.md", raw("waktu_penerapan: '2022-01'\n"))  # same month: fine
    report = check(project)[1]
    p = one(report, "date-order")
    assert (p.line, p.field, p.file.endswith("x.md")) == (10, "waktu_penerapan", True)


def test_stage_without_implementation_date_is_a_warning(project):
    project.write("banjar/x.md", raw(**{"tahapan: uji_coba": "tahapan: penerapan"}))
    p = one(check(project)[1], "stage-date-mismatch")
    assert p.severity == "warning" and p.line == 8


def test_name_length(project):
    project.write("banjar/x.md", raw(**{"nama: Layanan Contoh": "nama: AB"}))
    assert one(check(project)[1], "invalid-length").line == 2


def test_too_many_areas(project):
    project.write("banjar/x.md", raw(**{"bidang: sosial": "bidang: [sosial, frugal, teknologi, kebijakan]"}))
    assert one(check(project)[1], "too-many-items").field == "bidang"


def test_file_name_rules(project):
    project.write("banjar/Layanan Baru.md", raw())
    p = one(check(project)[1], "invalid-id")
    assert "layanan-baru" in p.hint


def test_folder_must_match_region(project):
    project.write("tapin/x.md", raw())
    p = one(check(project)[1], "region-folder-mismatch")
    assert (p.line, p.field) == (3, "wilayah") and "entries/banjar/" in p.hint


def test_unknown_folder_and_misplaced_file(project):
    project.write("banjr/x.md", raw())
    project.write("y.md", raw())
    report = check(project)[1]
    assert "'banjar'" in one(report, "unknown-region-folder").hint
    assert one(report, "misplaced-file").file.endswith("entries/y.md")


def test_duplicate_ids_across_folders(project):
    project.write("banjar/sama.md", raw())
    project.add("tapin/sama.md", wilayah="63.05")
    dups = [p for p in check(project)[1].problems if p.code == "duplicate-id"]
    assert sorted(p.file.split("entries/")[1] for p in dups) == ["banjar/sama.md", "tapin/sama.md"]


def test_a_look_alike_of_an_existing_entry_is_flagged_with_its_file(project):
    """Issue 27: the same innovation entered twice (another source, another spelling) is caught in the pull
    request; a different region, or a different name, is not."""
    project.add("banjar/si-mantab.md", nama="Sistem Antar Dokumen", singkatan="SI-MANTAB")
    project.add("banjar/simantab-baru.md", nama="Layanan Antar Berkas Izin", singkatan="Simantab")  # same acronym
    project.add("banjar/pasar-bersih.md", nama="Gerakan Pasar Bersih")
    project.add("banjar/bersih-pasar.md", nama="Pasar Bersih, Gerakan")  # the same words
    project.add("tapin/si-mantab-tapin.md", wilayah="63.05", nama="Sistem Antar Dokumen", singkatan="SI-MANTAB")
    project.add("banjar/lain.md", nama="Gerakan Pasar Sehat")
    catalogue, report = check(project)
    alike = {(p.file.split("entries/")[1], p.field): p for p in report.problems if p.code == "possible-duplicate"}
    assert sorted(alike) == [("banjar/bersih-pasar.md", "nama"), ("banjar/pasar-bersih.md", "nama"),
                             ("banjar/si-mantab.md", "singkatan"), ("banjar/simantab-baru.md", "singkatan")]
    flagged = alike[("banjar/simantab-baru.md", "singkatan")]
    assert flagged.severity == "warning" and "entries/banjar/si-mantab.md" in flagged.message
    assert flagged.line == 14 and "sumber keduanya" in flagged.hint  # the acronym's line; what to do
    assert report.ok(strict=False) and not report.ok(strict=True)
    assert len(catalogue.entries) == 6  # a warning: nothing is dropped


def test_an_acronym_that_is_another_entrys_name_is_a_look_alike(project):
    project.add("banjarmasin/si-mantab.md", wilayah="63.71", nama="Si Mantab")
    project.add("banjarmasin/antar-izin.md", wilayah="63.71", nama="Antar Dokumen “Izin” ke Rumah", singkatan="SI MANTAB")
    alike = {(p.file.split("entries/")[1], p.field) for p in check(project)[1].problems if p.code == "possible-duplicate"}
    assert alike == {("banjarmasin/si-mantab.md", "nama"), ("banjarmasin/antar-izin.md", "singkatan")}


def test_catalogue_validate_shows_a_look_alike_in_a_pull_request(project):
    """`catalogue validate` keeps no entries (problems only), cold or from its cache: the warning still comes."""
    project.add("banjar/si-mantab.md", nama="Si Mantab")
    project.add("banjar/antar-izin.md", nama="Antar Izin", singkatan="SI-MANTAB")
    for _ in range(2):  # cold, then from the validation cache
        out = project.run("validate", "--format", "github")
        assert out.returncode == 0 and out.stdout.count("possible-duplicate") == 2, out.stdout
        assert "file=entries/banjar/antar-izin.md" in out.stdout


def test_replication_target_must_exist_and_not_be_self(project):
    project.write("banjar/a.md", raw("replikasi_dari: a\n"))
    project.write("banjar/b.md", raw("replikasi_dari: tidak-ada\n"))
    report = check(project)[1]
    assert one(report, "self-replication").line == 10
    assert one(report, "unknown-replication-target").file.endswith("b.md")


def test_replication_cycle_is_an_error_not_a_hang(project):
    for a, b in (("a", "b"), ("b", "c"), ("c", "a")):
        project.write(f"banjar/{a}.md", raw(f"replikasi_dari: {b}\n"))
    project.write("banjar/d.md", raw("replikasi_dari: a\n"))  # points into the cycle, not part of it
    cycle = [p for p in check(project)[1].problems if p.code == "replication-cycle"]
    assert sorted(p.file[-4:] for p in cycle) == ["a.md", "b.md", "c.md"]
    assert all(p.line == 10 for p in cycle)


def test_body_sections_and_word_count(project):
    text = entry_text(front(), "## Latar Belakang\n\nSingkat saja.\n\n## Tujuan\n\nItu.\n")
    project.write("banjar/x.md", text)
    report = check(project)[1]
    missing = sorted(p.message for p in report.problems if p.code == "missing-section")
    assert missing == ["bagian '## Hasil' tidak ada di isi", "bagian '## Manfaat' tidak ada di isi"]
    short = one(report, "body-too-short")
    assert short.severity == "warning" and "3 kata" in short.message
    assert short.line == text.split("\n").index("---", 1) + 2  # first body line after the closing ---


@pytest.mark.parametrize("text, code, line", [
    ("nama: x\n", "front-matter-missing", 1),
    ("---\nnama: x\n", "front-matter-unclosed", 1),
    ("---\nnama: [a, b\nwilayah: '63.03'\n---\n", "yaml-syntax", 2),  # where the [ is left open
    ("---\nnama: a: b\n---\n", "yaml-syntax", 2),
    ("---\nnama: x\n\twilayah: y\n---\n", "yaml-syntax", 3),
    ("---\n- a\n- b\n---\n", "front-matter-not-mapping", 2),
])
def test_broken_front_matter(project, text, code, line):
    project.write("banjar/x.md", text)
    p = one(check(project)[1], code)
    assert p.line == line and p.severity == "error"


def test_not_utf8_is_reported_with_line(project):
    path = project.entries / "banjar" / "x.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(raw().encode("utf-8").replace(b"Dinas Kesehatan", b"Dinas Kes\xe9hatan"))
    p = one(check(project)[1], "file-unreadable")
    assert p.line == 4


def test_bom_and_crlf_are_accepted(project):
    project.write("banjar/x.md", "\ufeff" + raw().replace("\n", "\r\n"))
    assert check(project)[1].problems == []


def test_all_problems_of_all_files_in_one_run(project):
    project.write("banjar/a.md", raw(**{'"63.03"': '"63.99"'}))
    project.write("banjar/b.md", raw().replace("wilayah:", "wilyah:"))
    project.write("banjar/c.md", "---\nnama: [\n---\n")
    report = check(project)[1]
    assert {p.code for p in report.errors} >= {"unknown-region", "unknown-field", "yaml-syntax"}
    assert report.files_checked == 3


def test_only_reports_on_given_files_but_checks_against_all(project):
    a = project.write("banjar/a.md", raw("replikasi_dari: b\n"))
    project.write("banjar/b.md", raw("wilyah: x\n").replace("nama: ", "nama: Lain ", 1))
    _, report = validate(project.entries, REF, only=[a], today=TODAY, root=project.root)
    assert report.problems == [] and report.files_checked == 1


def test_every_problem_type_has_indonesian_texts():
    import string

    from catalogue.entry.problems import problem
    for t in PROBLEM_TYPES.values():
        assert t.code == t.code.lower() and " " not in t.code
        assert t.severity in ("error", "warning") and t.title and t.message
        fields = {f for _, f, _, _ in string.Formatter().parse(t.message + t.hint) if f}
        p = problem(t.code, "x.md", 1, **{f: "nilai" for f in fields - {"field", "extra"}})  # templates format
        assert "{" not in p.message


def test_example_catalogue_is_valid(tmp_path):
    """The published entries are real (sourced summaries, no illustrative entry); with the illustrative ones of
    the test fixtures the catalogue covers every region and area, and is valid."""
    from conftest import EXAMPLES, REPO, copy_entries
    catalogue, report = validate(REPO / "entries", REF, root=REPO)
    assert report.problems == []
    assert len(catalogue.entries) >= 20
    assert all(not e.contoh and e.is_summary and e.sumber for e in catalogue.entries)
    assert {e.primary_area for e in catalogue.entries} == set(REF.areas)
    copy_entries(tmp_path / "entries")
    both, report = validate(tmp_path / "entries", REF, root=tmp_path)
    assert report.problems == [] and len(both.entries) == len(catalogue.entries) + len(list(EXAMPLES.rglob("*.md")))
    assert {e.region_code for e in both.entries} == set(REF.regions)
