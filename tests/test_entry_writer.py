"""The form's writer (theme_overrides/assets/tulis.js) writes an entry file byte for byte as the Python
writer (catalogue/entry/scaffold.py) does: on every real entry, read from its per-entry file as the form
reads it, and on thousands of awkward strings. Runs the module in Node (skipped without it)."""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
from datetime import date

import pytest
from conftest import REPO

from catalogue.entry import json_schema, scaffold
from catalogue.entry.reference import load_reference
from catalogue.opendata import entryfiles
from catalogue.validate import validate

REF = load_reference()
NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="Node.js tidak terpasang; penulis entri formulir tidak diuji")

RUN = """
import { entryFile, frontText } from "./tulis.mjs";
const { schema, cases } = JSON.parse(require_stdin());
process.stdout.write(JSON.stringify(cases.map(([values, body]) =>
  body === null ? frontText(schema, values) : entryFile(schema, values, body))));
"""


def write_in_node(tmp_path, cases: list) -> list[str]:
    (tmp_path / "tulis.mjs").write_text((REPO / "theme_overrides" / "assets" / "tulis.js").read_text())
    script = RUN.replace("require_stdin()", 'require("fs").readFileSync(0, "utf8")').replace(
        'import { entryFile', 'import { createRequire } from "module"; const require = createRequire(import.meta.url);\n'
        'import { entryFile')
    (tmp_path / "run.mjs").write_text(script)
    out = subprocess.run([NODE, str(tmp_path / "run.mjs")], input=json.dumps({"schema": json_schema.build(REF),
                         "cases": cases}), capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_every_real_entry_is_written_back_byte_for_byte(tmp_path):
    cat, _ = validate(REPO / "entries", REF, root=REPO)
    files = [json.loads(gzip.decompress(data)) for _, data in entryfiles.iter_files(cat)]
    written = write_in_node(tmp_path, [[f["nilai"], f["isi"]] for f in files])
    originals = [(REPO / f["berkas"]).read_text(encoding="utf-8") for f in files]
    assert len(files) == len(cat.entries) > 100
    assert [w for w, o in zip(written, originals) if w != o] == []


ODD = [":", "#", ",", "-", "?", "[", "]", "{", "}", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", " ", "\t", "\n",
       "\\", "é", "ü", "\u00a0", "\u2028", "\ufeff", "😀", "\x07", "\x85", "yes", "No", "null", "~", "1.5", "0x1F", "007",
       "2022-03-01", "2022-03", "12:30", ".inf", "<<", "=", "---", "...", "a: b", "a #b", "Rp1.500.000", "63.03", "1e3"]
WORDS = ["Layanan", "Dinas", "Kesehatan", "Rp", "1.500.000", "(PPID)", "e-KTP", "SI-LAPAR", "100%", "Top 45"]


def test_awkward_strings_and_numbers_are_quoted_as_pyyaml_quotes_them(tmp_path):
    rng = random.Random(27)
    cases = []
    for _ in range(3000):
        parts = [rng.choice(ODD + WORDS) for _ in range(rng.randint(1, 4))]
        text = rng.choice(["", " "]).join(parts)
        number = rng.choice([0, 5, 1500000, 2.5, 0.1, 14.92, -3, 2.0, 1e-7])
        values = {"nama": text, "wilayah": "63.03", "tag": [text, "ok"], "singkatan": text.strip() or "X",
                  "hasil": {"langkah": {"sebelum": number, "sesudah": 1},
                            "lainnya": [{"indikator": text, "satuan": "orang", "sebelum": 1, "sesudah": number}]},
                  "sumber": [{"judul": text, "url": "https://contoh.go.id/a?b=c&d=e", "diakses": "2026-12-07"}],
                  "kontak": {"unit": text}}
        cases.append(values)
    expected = [scaffold.front_text({**v, "sumber": [{**v["sumber"][0], "diakses": date(2026, 12, 7)}]}) for v in cases]
    js_cases = [[entryfiles.jsonable(scaffold.written(v)), None] for v in cases]
    written = write_in_node(tmp_path, js_cases)
    wrong = [(w, e) for w, e in zip(written, expected) if w != e]
    assert wrong == [], wrong[:3]
