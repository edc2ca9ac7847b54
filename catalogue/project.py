"""Where things are: the project's settings, read from mkdocs.yml (one place)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError

from .guide import Contact


class ProjectError(Exception):
    """A problem with the project set-up (not with an entry); the message is for people."""


@dataclass
class Project:
    config_file: Path
    root: Path
    entries_dir: Path
    reference_dir: Path | None
    site_dir: Path
    review_team: str = ""
    maintainers: str = ""
    contact: Contact | None = None  # extra.katalog.kontak: where to send a file without a GitHub account


def load_project(config_file: str | Path = "mkdocs.yml") -> Project:
    path = Path(config_file)
    if not path.is_file():
        raise ProjectError(f"berkas konfigurasi '{path}' tidak ditemukan; jalankan perintah dari folder "
                           "proyek atau beri --config.")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # loading the config is quiet; the build logs
    try:
        cfg = load_config(str(path))
    except ConfigurationError as exc:
        raise ProjectError(f"konfigurasi '{path}' tidak sah: {exc}") from None
    finally:
        logging.getLogger("mkdocs").setLevel(logging.NOTSET)
    root = path.resolve().parent
    plugin = cfg.plugins.get("catalogue")
    if plugin is None:
        raise ProjectError(f"plugin 'catalogue' tidak terdaftar di {path} (bagian plugins).")
    ref = plugin.config.reference_dir
    try:
        contact = Contact.from_extra(cfg.extra)
    except ValueError as exc:
        raise ProjectError(f"{path}: {exc}") from None
    return Project(path.resolve(), root, (root / plugin.config.entries_dir).resolve(),
                   (root / ref).resolve() if ref else None, Path(cfg.site_dir).resolve(),
                   plugin.config.review_team, plugin.config.maintainers, contact)
