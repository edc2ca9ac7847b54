"""Command line: a thin layer over the library. The commands live by concern in entries.py (validate, import,
new), website.py (build, lihat) and repo.py (schema, repo-files); this module makes the group and runs it.

Exit codes: 0 fine, 1 problems in the entries (or a failed build),
2 a usage error, 3 an internal error. No traceback is shown unless
CATALOGUE_DEBUG=1.
"""

from __future__ import annotations

import os
import signal
import sys

import click

from .. import __version__
from . import entries, repo, website
from .common import HelpContext


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


for _command in (entries.validate_cmd, entries.import_cmd, website.build_cmd, website.lihat_cmd, repo.schema_cmd,
                 repo.repo_files_cmd, entries.new_cmd):
    cli.add_command(_command)
for _command in (cli, *cli.commands.values()):
    _command.context_class = HelpContext


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
    sys.exit(main())


if __name__ == "__main__":
    run()
