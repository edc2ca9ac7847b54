"""The commands about the site: build (validate, then build and publish it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..entry.load import display_path
from ..entry.reports import format_text
from .common import CONFIG_OPTION, build_log, project_and_reference


@click.command("build")
@click.option("--site-dir", "-d", type=click.Path(path_type=Path), default=None,
              help="Folder hasil (bawaan: site_dir di mkdocs.yml, biasanya site/).")
@click.option("--strict", is_flag=True, help="Peringatan entri maupun MkDocs menggagalkan pembangunan.")
@click.option("--timings", type=click.Path(path_type=Path), help="Tulis waktu per tahap dan memori puncak (JSON).")
@CONFIG_OPTION
def build_cmd(site_dir: Path | None, strict: bool, timings: Path | None, config_file: str) -> None:
    """Periksa semua entri, lalu bangun situs statis.

    Jika ada galat, tidak ada yang dibangun dan situs sebelumnya tetap utuh: situs dibangun di
    folder sementara dan baru menggantikan yang lama setelah selesai.

    \b
    Contoh:
      catalogue build
      catalogue build --site-dir /tmp/situs --strict
    """
    from ..site.build import Options
    from ..site.command import build_site
    project, ref = project_and_reference(config_file)
    target = site_dir or project.site_dir
    with build_log():
        outcome = build_site(project, ref, target, Options.from_env(), strict)
    if outcome.report.problems or not outcome.report.ok(strict):
        click.echo(format_text(outcome.report, strict), nl=False, err=True)
    if not outcome.report.ok(strict):
        click.echo("Situs tidak dibangun karena ada galat pada entri.", err=True)
        sys.exit(1)
    if not outcome.built:
        click.echo(f"Pembangunan situs gagal: {outcome.error}. Situs sebelumnya tidak diubah.", err=True)
        sys.exit(1)
    if timings:
        timings.write_text(json.dumps(outcome.timings, indent=2) + "\n", encoding="utf-8")
    t = outcome.timings
    click.echo(f"Situs dibangun di {display_path(target)}/ ({outcome.entries} inovasi, {outcome.pages} halaman, {t['total']:.1f} detik, "
               f"{t.get('index', 0.0):.1f} di antaranya indeks pencarian). Buka {display_path(target)}/index.html "
               "atau jalankan 'make serve'.")
    sys.exit(0)


