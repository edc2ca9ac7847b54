"""Where things are: the project's settings, read from mkdocs.yml (one place)."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .contributors.guide import Contact
from .site import ENGINE

# The catalogue plugin's settings that say where things are, with their defaults (plugin.CatalogueConfig uses
# these too, so the quick reader below and MkDocs agree).
DEFAULTS = {"entries_dir": "entries", "reference_dir": None, "review_team": "@ORGANISASI/inovasi-{slug}",
            "maintainers": "@ORGANISASI/pengelola-katalog"}
OTHER_SETTINGS = ("repo_url", "repo_branch", "repo_kind", "search", "processes", "site_size_limit_mb")  # read by the build only


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
    site_path: str = "/"  # the path of site_url (e.g. /katalog/): where the site expects to be served


def load_project(config_file: str | Path = "mkdocs.yml") -> Project:
    path = Path(config_file)
    if not path.is_file():
        raise ProjectError(f"berkas konfigurasi '{path}' tidak ditemukan; jalankan perintah dari folder "
                           "proyek atau beri --config.")
    found = _quick(path)
    if found is None:
        found = _through_mkdocs(path)
    settings, site_dir, extra, site_path = found
    root = path.resolve().parent
    ref = settings["reference_dir"]
    try:
        contact = Contact.from_extra(extra)
    except ValueError as exc:
        raise ProjectError(f"{path}: {exc}") from None
    return Project(path.resolve(), root, (root / settings["entries_dir"]).resolve(),
                   (root / ref).resolve() if ref else None, Path(site_dir).resolve(),
                   settings["review_team"], settings["maintainers"], contact, site_path)


class _Loader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it, for the settings the quick reader takes: !ENV as MkDocs resolves it;
    Python names (Material's emoji functions) and !relative, which it does not need, as None."""


def _env(loader, node):
    from yaml_env_tag import construct_env_tag
    return construct_env_tag(loader, node)


_Loader.add_constructor("!ENV", _env)
_Loader.add_constructor("!relative", lambda loader, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _site_path(site_url) -> str:
    path = urlsplit(site_url).path if isinstance(site_url, str) else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def _quick(path: Path) -> tuple[dict, str, object, str] | None:
    """(catalogue settings, site_dir, extra, path of site_url) read straight from mkdocs.yml, for commands that build nothing
    (`catalogue validate`: loading MkDocs' configuration imports the theme, Jinja and every plugin, a tenth
    of a warm run). None for anything but the plain case (INHERIT, a setting it does not know, a wrong
    type): MkDocs then reads it and reports what is wrong."""
    try:
        with open(path, "rb") as f:
            data = yaml.load(f, Loader=_Loader)  # noqa: S506  a safe loader
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or "INHERIT" in data:
        return None
    plugins = data.get("plugins")
    items = list(plugins.items()) if isinstance(plugins, dict) else [
        next(iter(p.items())) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins or []]
    options = [value for name, value in items if name == "catalogue"]
    if len(options) != 1 or not isinstance(options[0] or {}, dict):
        return None
    given = options[0] or {}
    if set(given) - set(DEFAULTS) - set(OTHER_SETTINGS):
        return None
    settings = {k: given.get(k, default) for k, default in DEFAULTS.items()}
    if not all(isinstance(settings[k], str) for k in ("entries_dir", "review_team", "maintainers")) or \
            not isinstance(settings["reference_dir"], (str, type(None))):
        return None
    site_dir, site_url = data.get("site_dir", "site"), data.get("site_url")
    if not isinstance(site_dir, str) or not isinstance(site_url, (str, type(None))):
        return None
    return settings, os.path.join(path.resolve().parent, site_dir), data.get("extra"), _site_path(site_url)


def _through_mkdocs(path: Path) -> tuple[dict, str, object, str]:
    from .site import engine
    logging.getLogger(ENGINE).setLevel(logging.ERROR)  # loading the config is quiet; the build logs
    try:
        cfg = engine.read_config(str(path))
    except engine.ConfigError as exc:
        raise ProjectError(f"konfigurasi '{path}' tidak sah: {exc}") from None
    except engine.Aborted:  # MkDocs has logged which setting is wrong
        raise ProjectError(f"konfigurasi '{path}' tidak sah (lihat pesan MkDocs di atas).") from None
    finally:
        logging.getLogger(ENGINE).setLevel(logging.NOTSET)
    plugin = cfg.plugins.get("catalogue")
    if plugin is None:
        raise ProjectError(f"plugin 'catalogue' tidak terdaftar di {path} (bagian plugins).")
    return {k: plugin.config[k] for k in DEFAULTS}, cfg.site_dir, cfg.extra, _site_path(cfg.site_url)
