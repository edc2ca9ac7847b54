"""What a clerk gets wrong, and what the validator says: the right code, on the right line, in Indonesian
(no English from libyaml), with a fix written out for the line at hand."""

from __future__ import annotations

import re
from datetime import date

import pytest

from catalogue.reference import load_reference
from catalogue.validate import validate
from conftest import body

REF = load_reference()
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
"""
ENGLISH = re.compile(r"\b(mapping|values|allowed|context|scanning|found|character|token|expected|while|could|"
                     r"indentation|stream|scalar|simple key)\b", re.I)

MISTAKES = [  # (what the clerk did, the file text, code, line, words the advice must contain)
    ("colon inside a value", HEAD.replace("nama: Layanan", "nama: Inovasi: Layanan"), "yaml-syntax", 2,
     'nama: "Inovasi: Layanan Antar Berkas"'),
    ("tab before a key", HEAD.replace("\nbidang:", "\n\tbidang:"), "yaml-syntax", 5, "ganti tab"),
    ("no space after the colon", HEAD.replace("jenis: digital", "jenis:digital"), "yaml-syntax", 7,
     "jenis: digital"),
    ("curly quotes from a word processor", HEAD.replace('"63.03"', "“63.03”"), "curly-quotes", 3,
     'wilayah: "63.03"'),
    ("curly quotes around a date", HEAD.replace("2022-01-10", "‘2022-01-10’"), "curly-quotes", 9,
     'waktu_uji_coba: "2022-01-10"'),
    ("a list written as text", HEAD.replace("tag: [akta, kelahiran]", "tag: akta, kelahiran"), "comma-list", 10,
     "tag: [akta, kelahiran]"),
    ("a date written day/month/year", HEAD.replace("2022-01-10", "17/05/2022"), "invalid-date", 9,
     "waktu_uji_coba: 2022-05-17"),
    ("an empty file", "\n  \n", "file-empty", 1, "kerangka"),
    ("no body at all", HEAD, "body-missing", 11, "## Latar Belakang"),
]


@pytest.mark.parametrize("what, text, code, line, advice", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_a_clerks_mistake_is_explained_in_indonesian_on_its_line(project, what, text, code, line, advice):
    project.write("banjar/layanan.md", text if code in ("file-empty", "body-missing") else text + body())
    _, report = validate(project.entries, REF, today=date(2026, 11, 29), root=project.root)
    assert [(p.code, p.line) for p in report.problems] == [(code, line)], report.problems
    p = report.problems[0]
    assert advice in p.hint, p.hint
    assert not ENGLISH.search(p.message + " " + p.hint), (p.message, p.hint)


def test_problems_come_in_the_same_order_on_every_run(project):
    for i in range(6):
        project.write(f"banjar/l-{i}.md", HEAD.replace("jenis: digital", "jenis: digitall") + "## Tujuan\n\nTeks.\n")
    runs = [[(p.file, p.line, p.column, p.code, p.field) for p in validate(project.entries, REF, root=project.root)[1].problems]
            for _ in range(3)]
    assert runs[0] == runs[1] == runs[2] and runs[0] == sorted(runs[0], key=lambda t: (t[0], t[1], t[2] or 0, t[3]))
