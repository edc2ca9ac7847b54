"""The contributor guide as a clerk reads it: GitHub words explained, a way without an account, codes last."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from catalogue.contributors import guide
from catalogue.contributors.guide import Contact
from catalogue.entry.reference import load_reference
from catalogue.project import ProjectError, load_project

REF = load_reference()
OFFICE = Contact(nama="Balitbangda Provinsi Kalimantan Selatan", email="inovasi@example.org",
                 telepon="0511 1234567")


def sections(text: str) -> dict[str, str]:
    """`## heading` -> its text (outside code blocks, so the scaffold's own headings do not count)."""
    out, current, in_code = {}, "", False
    for line in text.splitlines():
        in_code ^= line.startswith("```")
        if line.startswith("## ") and not in_code:
            current = line[3:]
            out[current] = ""
        elif current:
            out[current] += line + "\n"
    return out


@pytest.mark.parametrize("for_site", [True, False])
def test_forking_is_explained_where_the_clerk_creates_the_file(for_site):
    parts = sections(guide.render(REF, None, for_site=for_site))
    for name in ("Lewat editor web GitHub", "Cara termudah: formulir"):
        step = parts[name]
        assert "**Fork this repository**" in step and "salinan repositori ini di akun Anda" in step, name
    web = parts["Lewat editor web GitHub"]
    assert web.index("Create new file") < web.index("Fork this repository") < web.index("Commit changes")


def test_front_matter_is_explained_where_first_used():
    text = guide.render(REF, None, for_site=False)
    first = text.index("front matter")
    sentence = text[text.rfind("\n", 0, first):text.find("\n", first)]
    assert "`---`" in sentence and "`isian: nilai`" in sentence and "YAML" in sentence
    assert text.index("YAML") >= text.rfind("\n", 0, first)  # YAML is not used before either
    kerangka = sections(text)["Kerangka berkas"]
    assert kerangka.index("front matter") < kerangka.index("```markdown")  # before the example file
    assert "pull request*, yaitu usulan perubahan" in text  # and what a pull request is, at the top


def test_problem_codes_are_only_under_the_reviewers_heading():
    text = guide.render(REF, None, for_site=True)
    parts = sections(text)
    assert list(parts)[-1] == "Untuk peninjau"
    rows = re.findall(r"^\| `([a-z-]+)` \| (?:galat|peringatan) \|", text, re.M)
    assert len(rows) > 40 and "unknown-region" in rows
    assert all(f"| `{code}` |" in parts["Untuk peninjau"] for code in rows)
    clerk = text.split("\n## Untuk peninjau\n", 1)[0]
    assert not re.search(r"^\| Kode \| Jenis \|", clerk, re.M)
    assert "[Untuk peninjau](#untuk-peninjau)" in parts["Arti pesan pemeriksaan"]


def test_contact_in_the_no_account_steps():
    with_contact = sections(guide.render(REF, None, for_site=False, contact=OFFICE))["Tanpa akun GitHub"]
    assert "**Unduh berkas**" in with_contact
    assert ("**Balitbangda Provinsi Kalimantan Selatan**, surel [inovasi@example.org](mailto:inovasi@example.org), "
            "telepon 0511 1234567") in with_contact
    assert guide.ASK_REGION not in with_contact
    without = sections(guide.render(REF, None, for_site=False))["Tanpa akun GitHub"]
    assert "Tanyakan alamatnya kepada Bappeda atau Balitbangda di daerah Anda." in without
    site = sections(guide.render(REF, None, for_site=True))["Tanpa akun GitHub"]
    assert f"**{guide.CONTACT_BOX}** di bagian bawah halaman ini" in site  # theme_overrides/partials/kontak.html
    intro = guide.render(REF, None, for_site=True).split("\n## ", 1)[0]
    assert "[Tanpa akun GitHub](#tanpa-akun-github)" in intro


def test_contributing_uses_the_projects_contact():
    contact = load_project(REPO / "mkdocs.yml").contact
    assert contact.email in guide.render(REF, None, for_site=False, contact=contact)
    assert contact.email not in guide.render(REF, None, for_site=True)  # the site's box shows it


@pytest.mark.parametrize("extra, expected", [
    (None, None), ({}, None), ({"katalog": {}}, None), ({"katalog": {"kontak": None}}, None),
    ({"katalog": {"kontak": {"email": " inovasi@example.org "}}}, Contact(email="inovasi@example.org")),
    ({"katalog": {"kontak": {"nama": "Bappeda", "telepon": "0511 1", "alamat": "Jl. A", "email": None}}},
     Contact(nama="Bappeda", telepon="0511 1", alamat="Jl. A")),
])
def test_contact_setting(extra, expected):
    assert Contact.from_extra(extra) == expected


@pytest.mark.parametrize("kontak, message", [
    ({"telepon": 5111234567}, "harus berupa teks; tulis dalam tanda kutip"),
    ({"surel": "a@b.org"}, "hanya boleh berisi nama, email, telepon, alamat"),
    ("inovasi@example.org", "hanya boleh berisi"),
    ({"email": "bukan surel"}, "bukan alamat surel yang sah"),
    ({"email": "a)b@c.org"}, "bukan alamat surel yang sah"),  # would break the Markdown link
    ({"nama": "Bappeda"}, "paling sedikit email, telepon atau alamat"),
])
def test_malformed_contact_setting(kontak, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        Contact.from_extra({"katalog": {"kontak": kontak}})


def test_contact_is_plain_text_in_markdown():
    text = Contact(nama="Dinas *A* <b>x</b> [y](z)", telepon="0511_1").markdown()
    assert text == r"**Dinas \*A\* &lt;b&gt;x&lt;/b&gt; \[y\]\(z\)**, telepon 0511\_1"


def test_malformed_contact_in_mkdocs_yml_is_a_project_error(project):
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text().replace(
        "\n  katalog:\n", "\n  katalog: [kontak]\n  bukan_katalog:\n", 1))
    with pytest.raises(ProjectError, match="extra.katalog harus berisi isian"):
        load_project(config)
