"""What the commands share: the --config option, reading the project, help text that wraps well, the build's
log in Indonesian."""

from __future__ import annotations

import logging
import os
import shlex
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from ..entry.load import display_path
from ..entry.reference import Reference, ReferenceError, load_reference
from ..project import Project, ProjectError, load_project
from ..site import ENGINE, PLUGIN_LOG

CONFIG_OPTION = click.option("--config", "-f", "config_file", default="mkdocs.yml", show_default=True,
                             help="Berkas konfigurasi situs (mkdocs.yml) yang menentukan folder entri.")


def project_and_reference(config_file: str) -> tuple[Project, Reference]:
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


class HelpContext(click.Context):
    formatter_class = _HelpFormatter


class _Indonesian(logging.Formatter):
    LEVELS = {"DEBUG": "Rinci", "INFO": "Catatan", "WARNING": "Peringatan", "ERROR": "Galat", "CRITICAL": "Galat"}

    def format(self, record: logging.LogRecord) -> str:
        return f"{self.LEVELS.get(record.levelname, record.levelname)}: {record.getMessage()}"


@contextmanager
def build_log():
    """During a build: MkDocs' warnings and errors, and the catalogue's own notices, on stderr."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Indonesian())
    handler.addFilter(lambda r: r.levelno >= logging.WARNING or r.name == PLUGIN_LOG)
    logger = logging.getLogger(ENGINE)
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def shell_path(path: Path) -> str:
    """A path as typed at the prompt: relative to where the user is when it is below it."""
    shown = display_path(path)
    if "/" not in shown:
        shown = f"./{shown}"
    return shlex.quote(shown)


def invocation() -> str:
    """How to run this program again from where the user is."""
    if shutil.which("catalogue"):
        return "catalogue"
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script and script.name != "__main__.py" and script.is_file() and os.access(script, os.X_OK):
        return shell_path(script.absolute())
    beside = Path(sys.executable).parent / "catalogue"
    if beside.is_file():
        return shell_path(beside.absolute())
    return f"{shell_path(Path(sys.executable).absolute())} -m catalogue"
