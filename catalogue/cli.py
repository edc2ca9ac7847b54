"""Command line: a thin layer over the library (validate, build, new).

Exit codes: 0 fine, 1 problems in the entries (or a failed build),
2 a usage error, 3 an internal error. No traceback is shown unless
CATALOGUE_DEBUG=1.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from . import __version__, json_schema, repofiles, scaffold, schema
from .build import Options, build_site
from .formats import FORMATS, format_text
from .load import SourceFile, display_path, parse_text
from .project import Project, ProjectError, load_project
from .reference import Reference, ReferenceError, load_reference
from .validate import FileChecker, slugify, validate

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
    catalogue, report = validate(project.entries_dir, ref, only=only, root=project.root)
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
    project, ref = _project(config_file)
    files = repofiles.render_all(ref, project.review_team, project.maintainers)
    if check:
        old = repofiles.stale(project.root, files)
        for name in old:
            click.echo(f"{name}: usang; jalankan 'catalogue repo-files'.", err=True)
        sys.exit(1 if old else 0)
    changed = repofiles.write(project.root, files)
    click.echo("Ditulis: " + ", ".join(changed) if changed else "Semua berkas repositori sudah mutakhir.")


def _choose(name: str, value, options: dict[str, str], interactive: bool, required: bool = True):
    if value or not required:
        return value
    if not interactive:
        return None
    return click.prompt(f"{name} ({', '.join(options)})", type=click.Choice(list(options)), show_choices=False)


@cli.command("new")
@click.option("--nama", help="Nama inovasi (3–150 karakter).")
@click.option("--wilayah", help='Kode wilayah ("63.03"), atau nama/slug wilayah ("banjar").')
@click.option("--perangkat-daerah", help="Perangkat daerah yang menjalankan, misalnya \"Dinas Kesehatan\".")
@click.option("--bidang", multiple=True, help="Bidang; boleh diulang hingga 3 kali (yang pertama utama).")
@click.option("--bentuk", help="tata_kelola, pelayanan_publik atau lainnya.")
@click.option("--jenis", help="digital atau non_digital.")
@click.option("--tahapan", help="inisiatif, uji_coba atau penerapan.")
@click.option("--inisiator", help="kepala_daerah, anggota_dprd, perangkat_daerah, asn atau masyarakat.")
@click.option("--waktu-uji-coba", help="Tanggal mulai uji coba, TAHUN-BULAN-TANGGAL.")
@click.option("--waktu-penerapan", help="Tanggal mulai penerapan, TAHUN-BULAN-TANGGAL.")
@click.option("--id", "entry_id", help="Id (nama berkas); bawaan: dibuat dari nama.")
@click.option("--contoh", is_flag=True, help="Tandai sebagai entri contoh (ilustratif).")
@CONFIG_OPTION
def new_cmd(nama, wilayah, perangkat_daerah, bidang, bentuk, jenis, tahapan, inisiator,
            waktu_uji_coba, waktu_penerapan, entry_id, contoh, config_file) -> None:
    """Buat berkas entri baru yang sah dari beberapa jawaban.

    Isian wajib yang tidak diberikan sebagai opsi akan ditanyakan (jika dijalankan di terminal).
    Berkas ditulis ke entries/<wilayah>/<id>.md dengan kerangka isi yang tinggal dilengkapi.

    \b
    Contoh:
      catalogue new --nama "Antar Obat Lansia" --wilayah 63.03 \\
        --perangkat-daerah "Dinas Kesehatan" --bidang sosial --bentuk pelayanan_publik \\
        --jenis non_digital --tahapan uji_coba --waktu-uji-coba 2024-02-01
    """
    project, ref = _project(config_file)
    interactive = sys.stdin.isatty()
    ask = (lambda label: click.prompt(label)) if interactive else (lambda label: None)
    nama = nama or ask("Nama inovasi")
    wilayah = wilayah or ask("Wilayah (kode, misalnya 63.03)")
    perangkat_daerah = perangkat_daerah or ask("Perangkat daerah")
    bidang = bidang or ((_choose("Bidang utama", None, {k: a.label for k, a in ref.areas.items()}, interactive),)
                        if interactive else ())
    bentuk = _choose("Bentuk", bentuk, ref.choices["bentuk"], interactive)
    jenis = _choose("Jenis", jenis, ref.choices["jenis"], interactive)
    tahapan = _choose("Tahapan", tahapan, ref.choices["tahapan"], interactive)
    if not (waktu_uji_coba or waktu_penerapan) and interactive:
        waktu_uji_coba = click.prompt("Waktu uji coba (TAHUN-BULAN-TANGGAL)")
    missing = [opt for opt, v in (("--nama", nama), ("--wilayah", wilayah), ("--perangkat-daerah", perangkat_daerah),
                                  ("--bidang", bidang), ("--bentuk", bentuk), ("--jenis", jenis),
                                  ("--tahapan", tahapan), ("--waktu-uji-coba atau --waktu-penerapan",
                                                           waktu_uji_coba or waktu_penerapan)) if not v]
    if missing:
        raise click.UsageError("isian wajib belum diberikan: " + ", ".join(missing) + ".")
    region = ref.region_for(wilayah)
    if region is None:
        raise click.UsageError(f"wilayah '{wilayah}' tidak dikenal; gunakan kode seperti 63.03.")
    entry_id = entry_id or slugify(nama)
    if not schema.ID_RE.match(entry_id):
        raise click.UsageError(f"id '{entry_id}' tidak sah; gunakan huruf kecil, angka dan tanda hubung.")
    existing = next(iter(project.entries_dir.glob(f"*/{entry_id}.md")), None)
    if existing:
        click.echo(f"Id '{entry_id}' sudah dipakai oleh {display_path(existing)}; pilih --id lain.", err=True)
        sys.exit(1)
    values = {"nama": nama, "wilayah": region.code, "perangkat_daerah": perangkat_daerah, "bidang": list(bidang),
              "bentuk": bentuk, "jenis": jenis, "tahapan": tahapan, "inisiator": inisiator,
              "waktu_uji_coba": waktu_uji_coba, "waktu_penerapan": waktu_penerapan, "contoh": contoh or None}
    text = scaffold.entry_text(values)
    target = project.entries_dir / region.slug / f"{entry_id}.md"
    src = SourceFile(path=target, display=display_path(target))
    parse_text(src, text)
    checked = FileChecker(src, ref, project.entries_dir, project.root, date.today()).run()
    errors = [p for p in checked.problems if p.is_error and p.field != "isi"]  # the body is still to be written
    if errors:
        from .problems import Report
        click.echo(format_text(Report(errors, 1)), nl=False, err=True)
        click.echo("Berkas tidak dibuat; perbaiki nilai opsi di atas.", err=True)
        sys.exit(1)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(f"Berkas dibuat: {src.display}\nLengkapi isinya (paling sedikit {schema.MIN_WORDS} kata), "
               f"lalu periksa dengan: catalogue validate {src.display}")


def main(argv: list[str] | None = None) -> int:
    """Entry point: turns every failure into a message and an exit code, never a traceback."""
    try:
        rv = cli.main(args=argv, prog_name="catalogue", standalone_mode=False)
        return rv if isinstance(rv, int) else 0
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except click.UsageError as exc:
        cmd = exc.ctx.command_path if exc.ctx else "catalogue"
        click.echo(f"Galat penggunaan: {exc.format_message()}\nLihat '{cmd} --help'.", err=True)
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
    sys.exit(main())


if __name__ == "__main__":
    run()
