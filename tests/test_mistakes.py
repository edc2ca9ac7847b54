"""What a clerk gets wrong, and what the validator says: the right code, on the right line and column, in
Indonesian (no English from libyaml, no programmers' words), with a fix written out for the line at hand.

Rows marked `broken` are mistakes the validator does not explain well yet: they are strict xfails, so the
row starts to fail (and must be unmarked) as soon as the validator gives the expected answer.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from conftest import body

from catalogue.entry.reference import load_reference
from catalogue.validate import validate

REF = load_reference()
TODAY = date(2026, 11, 29)
FILE = "banjar/layanan.md"
HEAD = """---
nama: Layanan Antar Berkas
wilayah: "63.03"
perangkat_daerah: Dinas Kependudukan
bidang: [administrasi, teknologi]
bentuk: pelayanan_publik
jenis: digital
tahapan: uji_coba
waktu_uji_coba: 2022-01-10
tag: [akta, kelahiran]
---
"""  # line 11 is the closing ---; the body starts on line 12
BODY = body()  # ## Latar Belakang on line 12, ## Tujuan 16, ## Manfaat 20, ## Hasil 24 (after HEAD)
ENGLISH = re.compile(r"\b(mapping|values|allowed|context|scanning|found|character|token|expected|while|could|"
                     r"indentation|stream|scalar|simple key)\b", re.I)
JARGON = re.compile(r"(?i:\b(front matter|key|keys|value|string|str|int|float|dict|list|array|boolean|bool|"
                    r"null|sequence|parse|parser|syntax|flow|block|indent|object|field|type|invalid|error|"
                    r"unexpected|document)\b)|\b(None|True|False|NoneType|Traceback)\b")  # Python's, as written


def fm(old: str, new: str, text_body: str = BODY) -> str:
    """The entry with one front matter slip."""
    assert old in HEAD, old
    return HEAD.replace(old, new, 1) + text_body


def add(lines: str) -> str:
    """The entry with extra front matter lines (from line 11 on) before the closing ---."""
    return HEAD.replace("kelahiran]\n---\n", "kelahiran]\n" + lines + "---\n") + BODY


def row(what, files, code, line, column, advice, fixed_by_advice=False):
    return pytest.param(files, code, line, column, advice, fixed_by_advice, id=what)


def broken(reason, what, files, code, line, column, advice):
    """A mistake the validator does not explain as it should yet; `code`… are what it should say."""
    return pytest.param(files, code, line, column, advice, False, id=what,
                        marks=pytest.mark.xfail(reason=reason, strict=True))


# The innovation replicated: another innovation, so another name (the same name would be a look-alike).
REPLICATED = {"banjar/akta-kelahiran-puskesmas-bidan.md": HEAD.replace("nama: Layanan Antar Berkas", "nama: Akta dari Puskesmas")
              + BODY}
MISTAKES = [  # (what the clerk did, the files, code, line, column, words the message + hint must contain)
    # --- YAML: quotes, colons, brackets, indentation ----------------------------------------------
    row("colon inside a value", fm("nama: Layanan", "nama: Inovasi: Layanan"), "yaml-syntax", 2, 14,
        'nama: "Inovasi: Layanan Antar Berkas"', True),
    row("tab before a key", fm("\nbidang:", "\n\tbidang:"), "yaml-syntax", 5, 1, "ganti tab"),
    row("no space after the colon", fm("jenis: digital", "jenis:digital"), "yaml-syntax", 7, 7,
        "jenis: digital", True),
    row("curly quotes from a word processor", fm('"63.03"', "“63.03”"), "curly-quotes", 3, 1,
        'wilayah: "63.03"', True),
    row("curly quotes around a date", fm("2022-01-10", "‘2022-01-10’"), "curly-quotes", 9, 1,
        'waktu_uji_coba: "2022-01-10"', True),
    row("a list written as text", fm("tag: [akta, kelahiran]", "tag: akta, kelahiran"), "comma-list", 10, 1,
        "tag: [akta, kelahiran]", True),
    row("a list missing its closing bracket", fm("teknologi]", "teknologi"), "yaml-syntax", 5, 9,
        ("tidak ditutup dengan ]", "bidang: [administrasi, teknologi]"), True),
    row("the last list missing its closing bracket", fm("kelahiran]", "kelahiran"), "yaml-syntax", 10, 6,
        "tag: [akta, kelahiran]", True),
    row("an unclosed quote", fm('"63.03"', '"63.03'), "yaml-syntax", 3, 10,
        ("tidak ditutup", 'wilayah: "63.03"'), True),
    row("an unclosed quote running into the next line", fm("nama: Layanan Antar Berkas",
                                                          'nama: "Layanan Antar Berkas'),
        "yaml-syntax", 2, 7, 'nama: "Layanan Antar Berkas"', True),
    row("a value opened with ' and closed with \"", fm("nama: Layanan Antar Berkas", "nama: 'Layanan Antar Berkas\""),
        "yaml-syntax", 2, 7, 'nama: "Layanan Antar Berkas"', True),
    row("an apostrophe inside single quotes", fm("nama: Layanan Antar Berkas", "nama: 'Jum'at Bersih'"),
        "yaml-syntax", 2, 12, 'nama: "Jum\'at Bersih"', True),
    row("only the first word quoted", fm("nama: Layanan Antar Berkas", 'nama: "Layanan" Antar Berkas'),
        "yaml-syntax", 2, 17, "nama: '\"Layanan\" Antar Berkas'", True),
    row("the value typed on the next line", fm("nama: Layanan Antar Berkas", "nama:\nLayanan Antar Berkas"),
        "yaml-syntax", 3, 1, "nama: Layanan Antar Berkas"),
    row("a bullet before a key", fm("jenis: digital", "- jenis: digital"), "yaml-syntax", 7, 1,
        ("Hapus tanda '-'", "jenis: digital"), True),
    row("a group written on one line", add("kontak: email: inovasi@disdukcapil.banjarkab.go.id\n"),
        "yaml-syntax", 11, 14, "kontak: {email: inovasi@disdukcapil.banjarkab.go.id}", True),
    row("a result indented one space short", add("hasil:\n  langkah:\n    sebelum: 5\n   sesudah: 3\n"),
        "yaml-syntax", 14, 4, ("indentasi tidak rata", "4 spasi")),
    row("results not indented under their key", add("hasil:\n  langkah:\n  sebelum: 5\n  sesudah: 3\n"),
           "wrong-type", 12, 3, "menjorok"),
    row("an invisible line break pasted from Word", fm("Dinas Kependudukan", "Dinas\x0bKependudukan"),
        "yaml-syntax", 4, 24, "karakter kendali yang tidak terlihat"),
    row("the closing --- left out", HEAD.replace("kelahiran]\n---\n", "kelahiran]\n") + BODY,
        "front-matter-unclosed", 11, 1, "'---'"),
    row("the closing --- turned into a dash by a word processor",
        HEAD.replace("kelahiran]\n---\n", "kelahiran]\n—\n") + BODY, "front-matter-unclosed", 11, 1,
        "tiga tanda hubung"),
    row("the opening --- left out", HEAD.removeprefix("---\n") + BODY, "front-matter-missing", 1, 1,
        "Baris pertama berkas harus '---'"),
    row("a key written twice", add("nama: Layanan Lain\n"), "duplicate-key", 11, 1, "baris 2"),
    # --- field names and values ---------------------------------------------------------------------
    row("a misspelt key", fm("perangkat_daerah:", "perangkat_dearah:"), "unknown-field", 4, 1,
        "'perangkat_daerah'"),
    row("a key with a capital letter", fm("nama:", "Nama:"), "unknown-field", 2, 1, "'nama'"),
    row("a key with a space for the underscore", fm("perangkat_daerah:", "perangkat daerah:"), "unknown-field",
        4, 1, "'perangkat_daerah'"),
    row("a required field left out", fm("jenis: digital\n", ""), "missing-field", 10, 1,
        ("jenis: ...", "jenis: non_digital")),
    row("a value left empty", fm("nama: Layanan Antar Berkas", "nama:"), "empty-value", 2, 1, "Isi nilainya"),
    row("a name too short", fm("nama: Layanan Antar Berkas", "nama: AB"), "invalid-length", 2, 1, "3–150"),
    row("the region's name for its code", fm('"63.03"', "Banjar"), "unknown-region", 3, 1, 'wilayah: "63.03"'),
    row("the region code without quotes", fm('"63.03"', "63.03"), "wrong-type", 3, 1, 'wilayah: "63.03"', True),
    row("a region code that does not exist", fm('"63.03"', '"63.99"'), "unknown-region", 3, 1,
        ('"63.99"', "wilayah.yml")),
    row("the file in another region's folder", fm('"63.03"', '"63.05"'), "region-folder-mismatch", 3, 1,
        "entries/tapin/"),
    row("an area not in the list", fm("[administrasi, teknologi]", "[administrasi, kesehatan]"),
        "invalid-choice", 5, 24, ('"kesehatan"', "administrasi, manajemen, kebijakan")),
    row("an area with a capital letter", fm("[administrasi,", "[Administrasi,"), "invalid-choice", 5, 10,
        "'administrasi'"),
    row("too many areas", fm("teknologi]", "teknologi, sosial, frugal]"), "too-many-items", 5, 1,
        "paling banyak 3"),
    row("a choice written with a space", fm("bentuk: pelayanan_publik", "bentuk: pelayanan publik"),
        "invalid-choice", 6, 1, "'pelayanan_publik'"),
    row("a choice written as it is shown", fm("tahapan: uji_coba", "tahapan: Uji Coba"), "invalid-choice", 8, 1,
        "'uji_coba'"),
    row("a tag written twice", fm("kelahiran]", "kelahiran, akta]"), "duplicate-value", 10, 24, '"akta"'),
    row("a tag longer than 40 characters", fm("tag: [akta,", "tag: [akta, pelayanan akta kelahiran langsung di "
                                                             "puskesmas dan bidan desa,"),
        "invalid-length", 10, 13, "1–40"),
    # --- dates --------------------------------------------------------------------------------------
    row("a date written day/month/year", fm("2022-01-10", "17/05/2022"), "invalid-date", 9, 1,
        "waktu_uji_coba: 2022-05-17"),
    row("a date written with slashes", fm("2022-01-10", "2022/05/17"), "invalid-date", 9, 1,
           "waktu_uji_coba: 2022-05-17"),
    row("a month written as a word", fm("2022-01-10", "Mei 2022"), "invalid-date", 9, 1,
           'waktu_uji_coba: "2022-05"'),
    row("a date in the future", fm("2022-01-10", "2027-01-10"), "future-date", 9, 1, "2026-11-29"),
    row("the trial after the implementation", add("waktu_penerapan: 2021-06-01\n"), "date-order", 11, 1,
        ("2022-01-10", "2021-06-01")),
    row("stage 'penerapan' without its date", fm("tahapan: uji_coba", "tahapan: penerapan"),
        "stage-date-mismatch", 8, 1, "waktu_penerapan"),
    row("a date left empty as the guide says", add("dilaporkan_kemendagri:\n"), None, None, None, ()),
    # --- numbers, contacts, links -------------------------------------------------------------------
    row("thousands dots in an amount", add("hasil:\n  biaya_rp: {sebelum: 1.500.000, sesudah: 0}\n"),
        "invalid-number", 12, 14, ("'1.500.000'", "titik ribuan", "1500000")),
    row("one thousands dot (YAML would read 150.0)", add("hasil:\n  biaya_rp: {sebelum: 150.000, sesudah: 0}\n"),
        "invalid-number", 12, 14, ("'150.000'", "titik ribuan")),
    row("rupiah written with Rp", add("hasil:\n  biaya_rp: {sebelum: Rp 1.500.000, sesudah: 0}\n"),
        "invalid-number", 12, 14, ("'Rp 1.500.000'", "tanpa Rp")),
    row("the number the clerk meant, spelt out", add("hasil:\n  biaya_rp: {sebelum: 150.000, sesudah: 0}\n"),
        "invalid-number", 12, 14, "Untuk 150.000 tulis sebelum: 150000."),
    row("a decimal comma", add("hasil:\n  waktu_hari: {sebelum: 2,5, sesudah: 1}\n"), "invalid-number", 12,
           16, "2.5"),
    row("a negative number", add("hasil:\n  langkah: {sebelum: 5, sesudah: -2}\n"), "invalid-number", 12, 25,
        "angka (-2)"),
    row("an e-mail without @", add("kontak: {email: inovasi.disdukcapil.go.id}\n"), "invalid-email", 11, 10,
        "tanda @"),
    row("a web address without https://", add("tautan:\n  - {judul: Laman layanan, url: www.banjarkab.go.id}\n"),
        "invalid-url", 12, 28, "https://"),
    row("a telephone number without quotes", add("kontak: {telepon: 0511123456}\n"), "wrong-type", 11, 10,
        ('telepon: "0511123456"', "angka (511123456)")),  # as written, less the 0: not octal 86288174
    # --- body -----------------------------------------------------------------------------------------
    row("no body at all", HEAD, "body-missing", 11, 1, "## Latar Belakang"),
    row("an empty file", "\n  \n", "file-empty", 1, 1, "kerangka"),
    row("a section renamed", HEAD + BODY.replace("## Manfaat", "## Kegunaan"), "missing-section", 12, 1,
        "## Manfaat"),
    row("a section heading with one #", HEAD + BODY.replace("## Manfaat", "# Manfaat"), "heading-level", 20,
           None, "## "),
    row("the template's prompt left in", HEAD + BODY.replace("## Tujuan\n\n", "## Tujuan\n\nTuliskan tujuan "
                                                             "inovasi dalam satu atau dua kalimat.\n\n"),
        "template-text", 18, 1, "Ganti kalimat"),
    row("a picture from another website", HEAD + BODY + "\n![Foto loket](http://example.com/loket.jpg)\n",
        "image-external", 28, None, "Simpan gambar di folder entri"),
    row("a link to an innovation that does not exist", HEAD + BODY + "\nLihat [akta](../tapin/akta-lain.md).\n",
        "broken-link", 28, None, '"../tapin/akta-lain.md"'),
    # --- file names and other innovations ---------------------------------------------------------------
    row("a file name with spaces", {"banjar/Layanan Antar Berkas.md": HEAD + BODY}, "invalid-id", 1, None,
        "'layanan-antar-berkas.md'"),
    row("a file name with capitals", {"banjar/Layanan-Antar.md": HEAD + BODY}, "invalid-id", 1, None,
        "'layanan-antar.md'"),
    row("a file saved as .md.txt", {"banjar/layanan.md.txt": HEAD + BODY}, "not-an-entry", 1, None,
        '"layanan.md"'),
    row("replicating itself", add("replikasi_dari: layanan\n"), "self-replication", 11, 1, "replikasi_dari"),
    row("replicating an id that does not exist", {FILE: add("replikasi_dari: akta-kelahiran-puskesmas\n"),
                                                  **REPLICATED},
        "unknown-replication-target", 11, 1, "'akta-kelahiran-puskesmas-bidan'"),
    row("replicating a file name with .md",
        {FILE: add("replikasi_dari: akta-kelahiran-puskesmas-bidan.md\n"), **REPLICATED},
           "invalid-id", 11, 1, "replikasi_dari: akta-kelahiran-puskesmas-bidan"),
]


def _report(project, files):
    files = {FILE: files} if isinstance(files, str) else files
    for path, text in files.items():
        project.write(path, text)
    return next(iter(files)), validate(project.entries, REF, today=TODAY, root=project.root)[1]


@pytest.mark.parametrize("files, code, line, column, advice, fixed_by_advice", MISTAKES)
def test_a_clerks_mistake_is_explained_in_indonesian_on_its_line(project, files, code, line, column, advice,
                                                                 fixed_by_advice):
    path, report = _report(project, files)
    assert [(p.code, p.line, p.column) for p in report.problems] == ([(code, line, column)] if code else []), \
        report.problems
    for p in report.problems:
        assert p.file.endswith(path)
        said = p.message + " " + p.hint
        for words in (advice,) if isinstance(advice, str) else advice:
            assert words in said, said
        assert not ENGLISH.search(said), said
        assert not JARGON.search(said), said


@pytest.mark.parametrize("files, code, line, column, advice, fixed_by_advice",
                         [m for m in MISTAKES if m.values[-1]])
def test_the_line_written_out_in_the_hint_fixes_the_mistake(project, files, code, line, column, advice,
                                                            fixed_by_advice):
    lines = files.split("\n")
    lines[line - 1] = next(w for w in ((advice,) if isinstance(advice, str) else advice) if ": " in w)
    assert _report(project, "\n".join(lines))[1].problems == []


def test_problems_come_in_the_same_order_on_every_run(project):
    """Several problems per file, in several files: sorted by file, line, column, code; the same whether
    the files are checked in this process or spread over worker processes."""
    for i in range(6):
        project.write(f"banjar/l-{i}.md", add("kontak: {email: salah, telepon: 0511}\nnama: lagi\n")
                      .replace("jenis: digital", "jenis: digitall").replace("[administrasi,", "[Administrasi,"))
    runs = [[(p.file, p.line, p.column, p.code, p.field) for p in
             validate(project.entries, REF, today=TODAY, root=project.root, processes=n)[1].problems]
            for n in (1, 1, 2)]
    assert len(runs[0]) >= 6 * 4
    assert runs[0] == runs[1] == runs[2] and runs[0] == sorted(runs[0], key=lambda t: (t[0], t[1], t[2] or 0, t[3]))
