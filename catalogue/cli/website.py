"""The commands about the site: build (validate, then build and publish it), lihat (look at it in a browser)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..bahasa import number
from ..entry.load import display_path
from ..entry.reports import format_text
from .common import CONFIG_OPTION, build_log, invocation, project_and_reference, shell_path


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
    from ..site import footprint
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
    for warning in footprint.warnings(outcome.footprint, outcome.size_limit_mb):
        click.echo(f"Peringatan: {warning}", err=True)
    # Opened from disk, the site's links lead to folders, not pages: the way to look at it is `lihat`.
    again = [*(["--site-dir", shell_path(target)] if site_dir else []),
             *(["--config", shell_path(Path(config_file))] if Path(config_file) != Path("mkdocs.yml") else [])]
    click.echo(f"Situs dibangun di {display_path(target)}/ ({number(outcome.entries)} inovasi, {number(outcome.pages)} halaman, "
               f"{footprint.summary(outcome.footprint)}, {number(t['total'], 1)} detik, "
               f"{number(t.get('index', 0.0), 1)} di antaranya indeks pencarian). Untuk melihatnya "
               f"di peramban, jalankan: {' '.join([invocation(), 'lihat', *again])}")
    sys.exit(0)


@click.command("lihat")
@click.option("--site-dir", "-d", type=click.Path(path_type=Path), default=None,
              help="Folder situs (bawaan: site_dir di mkdocs.yml, biasanya site/).")
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port di 127.0.0.1; jika sedang dipakai, port bebas berikutnya.")
@CONFIG_OPTION
def lihat_cmd(site_dir: Path | None, port: int, config_file: str) -> None:
    """Tampilkan situs yang sudah dibangun di peramban komputer ini.

    Situs disajikan seperti di server sungguhan, hanya untuk komputer ini (127.0.0.1). Dibuka langsung
    dari folder (file://), tautan situs berujung pada daftar folder, bukan halaman. Tekan Ctrl+C untuk
    berhenti. Untuk pratinjau yang diperbarui setiap kali berkas disimpan, pakai 'make serve'.

    \b
    Contoh:
      catalogue lihat
      catalogue lihat --port 8080
    """
    from ..site import preview
    project, _ = project_and_reference(config_file)
    folder = site_dir or project.site_dir
    if not (folder / "index.html").is_file():
        click.echo(f"Galat: belum ada situs di {display_path(folder)}/. Bangun dulu dengan: {invocation()} build",
                   err=True)
        sys.exit(1)
    try:
        httpd = preview.server(folder, project.site_path, port)
    except OSError as exc:
        raise click.UsageError(f"situs tidak dapat disajikan: {exc.strerror or exc}; pilih port lain dengan --port.")
    click.echo(f"Situs {display_path(folder)}/ dapat dibuka di {preview.address(httpd, project.site_path)} "
               "(hanya dari komputer ini). Tekan Ctrl+C untuk berhenti.")
    sys.stdout.flush()
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        click.echo("Berhenti.")
    finally:
        httpd.server_close()


