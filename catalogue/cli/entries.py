"""The commands about entries: validate, import (a spreadsheet), new (one entry from answers)."""

from __future__ import annotations

import functools
import sys
from datetime import date
from pathlib import Path

import click

from ..entry import schema
from ..entry.load import display_path
from ..entry.reference import Reference, ReferenceError, load_reference
from ..entry.reports import FORMATS
from ..incremental import validation_cache
from ..memory import lasting_objects
from ..validate import validate
from . import newentry
from .common import CONFIG_OPTION, project_and_reference


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Anggap peringatan sebagai galat (kode keluar 1).")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text untuk dibaca, github untuk anotasi GitHub Actions, gitlab untuk laporan Code Quality "
                   "GitLab, json untuk mesin.")
@CONFIG_OPTION
def validate_cmd(paths: tuple[Path, ...], strict: bool, fmt: str, config_file: str) -> None:
    """Periksa berkas entri dan laporkan semua masalah sekaligus.

    Tanpa PATHS, seluruh folder entri diperiksa. Dengan PATHS (berkas atau folder), hanya masalah
    pada berkas itu yang dilaporkan, tetapi pemeriksaan antar-entri (id ganda, replikasi_dari)
    tetap memakai seluruh katalog. Kode keluar: 0 sah, 1 ada galat, 2 salah penggunaan.

    \b
    Contoh:
      catalogue validate
      catalogue validate entries/banjar/antar-obat-lansia.md --strict
      catalogue validate --format github
    """
    project, ref = project_and_reference(config_file)
    only = None
    if paths:
        only = []
        for p in paths:
            if not p.exists():
                raise click.UsageError(f"'{p}' tidak ditemukan.")
            only += sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
    cache = validation_cache.for_project(project.root, ref, date.today(), entries=False)  # problems only
    with lasting_objects():
        catalogue, report = validate(project.entries_dir, ref, only=only, root=project.root, cache=cache)
    if cache and cache.notice:
        click.echo(cache.notice, err=True)
    click.echo(FORMATS[fmt](report, strict), nl=False)
    sys.exit(0 if report.ok(strict) else 1)


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--tulis", is_flag=True, help="Tulis berkasnya. Tanpa ini hanya uji coba: ditampilkan apa yang akan ditulis.")
@click.option("--perbarui", is_flag=True, help="Perbarui inovasi yang sudah ada, hanya isian yang kolomnya ada di lembar.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text untuk dibaca; json, github atau gitlab untuk mesin (masalahnya saja).")
@CONFIG_OPTION
def import_cmd(file: Path, tulis: bool, perbarui: bool, fmt: str, config_file: str) -> None:
    """Buat berkas entri dari daftar inovasi di lembar kerja (.xlsx atau .csv), satu baris satu inovasi.

    Kolom dikenali dari judulnya, dalam urutan dan huruf apa pun: kolom ekspor katalog (data/katalog.xlsx,
    data/katalog.csv.gz) dan butir laporan Kemendagri (Nama Inovasi, Pemerintah Daerah, Tahapan Inovasi, …).
    Semua masalah dilaporkan sekaligus, per sel. Berkas ditulis semua atau tidak sama sekali. Kode keluar:
    0 berhasil, 1 ada galat (tidak ada yang ditulis), 2 salah penggunaan.

    \b
    Contoh:
      catalogue import daftar-inovasi.xlsx
      catalogue import daftar-inovasi.xlsx --tulis
      catalogue import katalog.xlsx --perbarui --tulis
    """
    from ..opendata import importer  # here: the other commands need none of it (a warm validate is ~1 s)
    project, ref = project_and_reference(config_file)
    if not file.is_file():
        raise click.UsageError(f"berkas '{file}' tidak ditemukan.")
    try:
        found = importer.plan(file, project.entries_dir, project.root, ref, date.today(), update=perbarui)
    except importer.SheetError as exc:
        click.echo(f"Galat: {exc}", err=True)
        sys.exit(1)
    click.echo(importer.describe(found, fmt, tulis), nl=False)
    if found.report.errors:
        sys.exit(1)
    if tulis:
        written = importer.write(found)
        click.echo(f"{len(written)} berkas ditulis. Periksa dengan: catalogue validate", err=fmt != "text")


@functools.cache
def _help_reference() -> Reference:
    """--help is written before the project is read: the packaged reference lists."""
    try:
        return load_reference()
    except ReferenceError:
        return Reference()


class _FieldOption(click.Option):
    """An option of `new` for a schema field; its help (every choice, required or not) is written from
    schema.FIELDS and the reference lists when --help asks for it."""

    def __init__(self, *args, field_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.field_name = field_name

    def get_help_record(self, ctx: click.Context):
        if not self.help:
            self.help = newentry.option_help(schema.BY_NAME[self.field_name], _help_reference())
        return super().get_help_record(ctx)


def _field_options(func):
    for f in reversed(newentry.fields()):
        func = click.option(newentry.flag(f.name), f.name, cls=_FieldOption, field_name=f.name,
                            multiple=f.kind == "areas", metavar=newentry.METAVARS.get(f.kind, "TEKS"))(func)
    return func


def _interactive() -> bool:
    return sys.stdin.isatty()


# Unknown options and stray words are collected (ctx.args) and reported with everything else.
@click.command("new", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
@_field_options
@click.option("--id", "entry_id", metavar="ID",
              help="Nama berkas (tanpa .md): huruf kecil, angka dan tanda hubung. Bawaan: dibuat dari --nama.")
@click.option("--contoh", is_flag=True, help="Tandai sebagai entri contoh (ilustratif, bukan program nyata).")
@CONFIG_OPTION
@click.pass_context
def new_cmd(ctx: click.Context, entry_id: str | None, contoh: bool, config_file: str, **given) -> None:
    """Buat berkas entri baru dari beberapa jawaban: entries/<wilayah>/<id>.md.

    Opsi bertanda [wajib] harus diisi, begitu pula salah satu tanggal (--waktu-uji-coba atau
    --waktu-penerapan). Jika dijalankan di terminal, isian wajib yang belum diberikan ditanyakan satu
    per satu. Semua kesalahan dilaporkan sekaligus dan berkas baru dibuat setelah semuanya benar.
    Nilai yang terdiri dari beberapa kata ditulis di antara tanda kutip.

    \b
    Contoh:
      catalogue new --nama "Antar Obat Lansia" --wilayah banjar \\
        --perangkat-daerah "Dinas Kesehatan" --bidang sosial --bentuk pelayanan_publik \\
        --jenis non_digital --tahapan uji_coba --waktu-uji-coba 2024-02-01
    """
    from ..entry import scaffold
    project, ref = project_and_reference(config_file)
    today = date.today()
    draft = newentry.prepare(given, entry_id, contoh, ctx.args, project, ref, today)
    if draft.problems and draft.only_missing and _interactive():
        newentry.ask_missing(given, ref, today)
        draft = newentry.prepare(given, entry_id, contoh, ctx.args, project, ref, today)
    if draft.problems or draft.target is None:
        raise click.UsageError(draft.report(), ctx)
    target = draft.target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as out:
            out.write(scaffold.entry_text(draft.values))
    except FileExistsError:
        raise click.UsageError(f"berkas {display_path(target)} sudah ada; pilih nama lain dengan --id.", ctx) from None
    click.echo(f"Berkas dibuat: {display_path(target)}")
    click.echo(newentry.next_step(target, Path(config_file)))


