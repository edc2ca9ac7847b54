"""The commands about the repository's generated files: schema (the JSON Schema), repo-files (CONTRIBUTING.md,
CODEOWNERS, the issue form)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import CONFIG_OPTION, project_and_reference


@click.command("schema")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Tulis ke berkas ini (bawaan: layar).")
@CONFIG_OPTION
def schema_cmd(output: Path | None, config_file: str) -> None:
    """Cetak JSON Schema front matter entri (untuk editor dan formulir).

    Skema yang sama diterbitkan bersama situs di skema/inovasi.schema.json.

    \b
    Contoh:
      catalogue schema --output inovasi.schema.json
    """
    from ..entry import json_schema
    _, ref = project_and_reference(config_file)
    text = json_schema.dumps(ref)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skema ditulis ke {output}")
    else:
        click.echo(text, nl=False)


@click.command("repo-files")
@click.option("--check", is_flag=True, help="Jangan menulis; keluar dengan kode 1 jika ada berkas yang usang.")
@CONFIG_OPTION
def repo_files_cmd(check: bool, config_file: str) -> None:
    """Tulis berkas repositori yang dibuat dari data rujukan: CONTRIBUTING.md, CODEOWNERS, formulir isu.

    Jalankan setelah mengubah catalogue/data/ (misalnya menambah wilayah) atau tim peninjau di mkdocs.yml.

    \b
    Contoh:
      catalogue repo-files
      catalogue repo-files --check
    """
    from ..contributors import repofiles
    project, ref = project_and_reference(config_file)
    files = repofiles.render_all(ref, project.review_team, project.maintainers, project.contact)
    if check:
        old = repofiles.stale(project.root, files)
        for name in old:
            click.echo(f"{name}: usang; jalankan 'catalogue repo-files'.", err=True)
        sys.exit(1 if old else 0)
    changed = repofiles.write(project.root, files)
    click.echo("Ditulis: " + ", ".join(changed) if changed else "Semua berkas repositori sudah mutakhir.")


