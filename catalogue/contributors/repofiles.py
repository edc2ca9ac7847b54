"""Repository files generated from the reference data and settings (never edited by hand).

`catalogue repo-files` writes them; `--check` (run by the tests) fails when one is out of date, so a
new region, field or review team can never be forgotten in CODEOWNERS, the issue form or the guide.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..entry import schema
from ..entry.reference import Reference
from . import guide

HEADER = "Dibuat oleh `catalogue repo-files` dari catalogue/data/ dan mkdocs.yml; jangan disunting langsung."


def codeowners(ref: Reference, review_team: str, maintainers: str) -> str:
    lines = [f"# {HEADER}", "# Baris yang lebih bawah berlaku lebih dulu.", f"*  {maintainers}"]
    lines += [f"/entries/{r.slug}/  {review_team.format(slug=r.slug, code=r.code)}" for r in ref.regions.values()]
    return "\n".join(lines) + "\n"


def issue_form(ref: Reference) -> str:
    label = schema.LABELS

    def dropdown(name: str, options: list[str], required: bool, multiple: bool = False) -> dict:
        return {"type": "dropdown", "id": name,
                "attributes": {"label": label[name], "multiple": multiple, "options": options},
                "validations": {"required": required}}

    def text(name: str, kind: str, required: bool, description: str = "", title: str = "", ident: str = "") -> dict:
        attrs = {"label": title or label.get(name, name)}
        if description:
            attrs["description"] = description
        return {"type": kind, "id": ident or name, "attributes": attrs, "validations": {"required": required}}

    body = [
        {"type": "markdown", "attributes": {"value": (
            "Formulir ini untuk perangkat daerah yang ingin mengusulkan inovasi tanpa membuat berkas sendiri. "
            "Peninjau akan menyusun berkas entri dari jawaban Anda. Isi dengan data nyata dan kontak kantor "
            "saja, jangan data pribadi.")}},
        text("nama", "input", True, "3–150 karakter."),
        dropdown("wilayah", [f"{r.code} — {r.name}" for r in ref.regions.values()], True),
        text("perangkat_daerah", "input", True, "Misalnya: Dinas Kesehatan."),
        dropdown("bidang", [a.label for a in ref.areas.values()], True, multiple=True),
        dropdown("bentuk", list(ref.choices["bentuk"].values()), True),
        dropdown("jenis", list(ref.choices["jenis"].values()), True),
        dropdown("tahapan", list(ref.choices["tahapan"].values()), True),
        dropdown("inisiator", list(ref.choices["inisiator"].values()), False),
        text("waktu_uji_coba", "input", False, "TAHUN-BULAN-TANGGAL, misalnya 2023-03-01."),
        text("waktu_penerapan", "input", False, "TAHUN-BULAN-TANGGAL. Isi salah satu dari kedua waktu."),
        text("dilaporkan_kemendagri", "input", False, "Kosongkan jika belum dilaporkan."),
        *[text(s.lower().replace(" ", "_"), "textarea", True, title=s) for s in schema.REQUIRED_SECTIONS],
        text("hasil", "textarea", False, "Angka sebelum dan sesudah: jumlah langkah, waktu (hari), biaya (Rp).",
             ident="hasil_terukur"),
        text("kontak", "input", False, "Kontak kantor: unit, surel, telepon."),
        {"type": "checkboxes", "id": "persetujuan", "attributes": {
            "label": "Persetujuan", "options": [
                {"label": "Isi usulan ini benar dan boleh diterbitkan di katalog publik.", "required": True}]}},
    ]
    form = {"name": "Usulkan inovasi", "description": "Usulkan inovasi daerah untuk katalog tanpa membuat berkas.",
            "title": "[Usulan inovasi] ", "labels": ["usulan-inovasi"], "body": body}
    return f"# {HEADER}\n" + yaml.safe_dump(form, allow_unicode=True, sort_keys=False, width=120)


def render_all(ref: Reference, review_team: str, maintainers: str, contact: guide.Contact | None = None) -> dict[str, str]:
    # No repository links here: the files must not depend on where they are generated.
    return {
        "CONTRIBUTING.md": guide.render(ref, None, for_site=False, contact=contact),
        ".github/CODEOWNERS": codeowners(ref, review_team, maintainers),
        ".github/ISSUE_TEMPLATE/usulan-inovasi.yml": issue_form(ref),
    }


def stale(root: Path, files: dict[str, str]) -> list[str]:
    return [name for name, text in files.items()
            if not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != text]


def write(root: Path, files: dict[str, str]) -> list[str]:
    changed = stale(root, files)
    for name in changed:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(files[name], encoding="utf-8")
    return changed
