"""Command line: a thin layer over the library (validate, build, new).

Exit codes: 0 fine, 1 problems in the entries (or a failed build),
2 a usage error, 3 an internal error. No traceback is shown unless
CATALOGUE_DEBUG=1.
"""

from __future__ import annotations

import atexit
import functools
import json
import logging
import os
import signal
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from . import __version__, newentry, schema
from . import cache as validation_cache
from .formats import FORMATS, format_text
from .load import display_path
from .memory import lasting_objects
from .project import Project, ProjectError, load_project
from .reference import Reference, ReferenceError, load_reference
from .validate import validate

CONFIG_OPTION = click.option("--config", "-f", "config_file", default="mkdocs.yml", show_default=True,
                             help="Berkas konfigurasi situs (mkdocs.yml) yang menentukan folder entri.")


def _project(config_file: str) -> tuple[Project, Reference]:
    try:
        project = load_project(config_file)
        return project, load_reference(project.reference_dir)
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from None
    except ReferenceError as exc:
        for p in exc.problems:
            click.echo(f"{p.file}:{p.line or 1}: error [{p.code}] {p.message}", err=True)
        sys.exit(1)


class _HelpFormatter(click.HelpFormatter):
    """Help text that never breaks a line inside --waktu-uji-coba or TAHUN-BULAN-TANGGAL (click's wrapping
    breaks at hyphens): hyphens are swapped for non-breaking ones while wrapping, then back; a no-break
    space (an example: --nama "…") becomes a plain space once wrapped."""

    def _unbroken(self, write, *args, **kwargs) -> None:
        start = len(self.buffer)
        write(*args, **kwargs)
        self.buffer[start:] = [s.replace("\u2011", "-").replace("\u00a0", " ") for s in self.buffer[start:]]

    def write_text(self, text: str) -> None:
        self._unbroken(super().write_text, text.replace("-", "\u2011"))

    def write_dl(self, rows, *args, **kwargs) -> None:
        self._unbroken(super().write_dl, [(a, b.replace("-", "\u2011")) for a, b in rows], *args, **kwargs)


class _Context(click.Context):
    formatter_class = _HelpFormatter


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", message="catalogue %(version)s")
def cli() -> None:
    """Katalog Inovasi Daerah: periksa entri dan bangun situs katalog.

    \b
    Contoh:
      catalogue validate
      catalogue build
      catalogue new --nama "Antar Obat Lansia" --wilayah 63.03 ...
    """


@cli.command("validate")
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
    project, ref = _project(config_file)
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


class _Indonesian(logging.Formatter):
    LEVELS = {"DEBUG": "Rinci", "INFO": "Catatan", "WARNING": "Peringatan", "ERROR": "Galat", "CRITICAL": "Galat"}

    def format(self, record: logging.LogRecord) -> str:
        return f"{self.LEVELS.get(record.levelname, record.levelname)}: {record.getMessage()}"


@contextmanager
def _build_log():
    """During a build: MkDocs' warnings and errors, and the catalogue's own notices, on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Indonesian())
    handler.addFilter(lambda r: r.levelno >= logging.WARNING or r.name == "mkdocs.plugins.catalogue")
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--tulis", is_flag=True, help="Tulis berkasnya. Tanpa ini hanya uji coba: ditampilkan apa yang akan ditulis.")
@click.option("--perbarui", is_flag=True, help="Perbarui inovasi yang sudah ada, hanya isian yang kolomnya ada di lembar.")
@click.option("--format", "fmt", type=click.Choice(sorted(FORMATS)), default="text", show_default=True,
              help="text untuk dibaca; json, github atau gitlab untuk mesin (masalahnya saja).")
@CONFIG_OPTION
def import_cmd(file: Path, tulis: bool, perbarui: bool, fmt: str, config_file: str) -> None:
    """Buat berkas entri dari daftar inovasi di lembar kerja (.xlsx atau .csv), satu baris satu inovasi.

    Kolom dikenali dari judulnya, dalam urutan dan huruf apa pun: kolom ekspor katalog (data/katalog.xlsx,
    data/katalog.csv) dan butir laporan Kemendagri (Nama Inovasi, Pemerintah Daerah, Tahapan Inovasi, …).
    Semua masalah dilaporkan sekaligus, per sel. Berkas ditulis semua atau tidak sama sekali. Kode keluar:
    0 berhasil, 1 ada galat (tidak ada yang ditulis), 2 salah penggunaan.

    \b
    Contoh:
      catalogue import daftar-inovasi.xlsx
      catalogue import daftar-inovasi.xlsx --tulis
      catalogue import katalog.xlsx --perbarui --tulis
    """
    from . import importer  # here: the other commands need none of it (a warm validate is ~1 s)
    project, ref = _project(config_file)
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


@cli.command("build")
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
    from .build import Options
    from .buildsite import build_site
    project, ref = _project(config_file)
    target = site_dir or project.site_dir
    with _build_log():
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


@cli.command("schema")
@click.option("--output", "-o", type=click.Path(path_type=Path), help="Tulis ke berkas ini (bawaan: layar).")
@CONFIG_OPTION
def schema_cmd(output: Path | None, config_file: str) -> None:
    """Cetak JSON Schema front matter entri (untuk editor dan formulir).

    Skema yang sama diterbitkan bersama situs di skema/inovasi.schema.json.

    \b
    Contoh:
      catalogue schema --output inovasi.schema.json
    """
    from . import json_schema
    _, ref = _project(config_file)
    text = json_schema.dumps(ref)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skema ditulis ke {output}")
    else:
        click.echo(text, nl=False)


@cli.command("repo-files")
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
    from . import repofiles
    project, ref = _project(config_file)
    files = repofiles.render_all(ref, project.review_team, project.maintainers, project.contact)
    if check:
        old = repofiles.stale(project.root, files)
        for name in old:
            click.echo(f"{name}: usang; jalankan 'catalogue repo-files'.", err=True)
        sys.exit(1 if old else 0)
    changed = repofiles.write(project.root, files)
    click.echo("Ditulis: " + ", ".join(changed) if changed else "Semua berkas repositori sudah mutakhir.")


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
@cli.command("new", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
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
    from . import scaffold
    project, ref = _project(config_file)
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


for _command in (cli, *cli.commands.values()):
    _command.context_class = _Context


def _usage_message(exc: click.UsageError) -> str:
    """click's own parsing errors in Indonesian (the ones a clerk meets: a misspelt option, a missing value)."""
    if isinstance(exc, click.NoSuchOption):
        near = f"; mungkin maksud Anda {' atau '.join(sorted(exc.possibilities))}?" if exc.possibilities else "."
        return f"opsi {exc.option_name} tidak dikenal{near}"
    if isinstance(exc, click.BadOptionUsage) and "requires" in exc.message:
        return f"opsi {exc.option_name} belum diberi nilai; tulis nilainya sesudah opsi itu."
    return exc.format_message()


def main(argv: list[str] | None = None) -> int:
    """Entry point: turns every failure into a message and an exit code, never a traceback."""
    try:
        rv = cli.main(args=argv, prog_name="catalogue", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except click.UsageError as exc:
        sub = next((a for a in (sys.argv[1:] if argv is None else argv) if a in cli.commands), None)
        cmd = exc.ctx.command_path if exc.ctx else " ".join(filter(None, ("catalogue", sub)))
        click.echo(f"Galat penggunaan: {_usage_message(exc)}\nLihat '{cmd} --help'.", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"Galat: {exc.format_message()}", err=True)
        return exc.exit_code
    except (click.Abort, KeyboardInterrupt, EOFError):
        click.echo("Dibatalkan.", err=True)
        return 1
    except Exception as exc:  # noqa: BLE001  the promise: no traceback reaches a contributor
        if os.environ.get("CATALOGUE_DEBUG"):
            raise
        click.echo(f"Galat internal: {type(exc).__name__}: {exc}\nIni kesalahan program, bukan kesalahan Anda. "
                   "Laporkan ke pengelola katalog (jalankan ulang dengan CATALOGUE_DEBUG=1 untuk rinciannya).",
                   err=True)
        return 3


def run() -> None:
    # SIGTERM (CI cancelling a job) unwinds like Ctrl-C, so scratch folders are removed on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    code = main()
    # The exit handlers run (logging, multiprocessing's temporary folders), but the objects of a build are not
    # freed one by one: at 30,000 entries that takes 2 s after a warm build and 8 s after a cold one.
    sys.stdout.flush()
    sys.stderr.flush()
    if hasattr(atexit, "_run_exitfuncs"):
        atexit._run_exitfuncs()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
