"""project.py reads where things are from mkdocs.yml without loading MkDocs' configuration (a tenth of a warm
`catalogue validate`); it must find what MkDocs finds, and leave anything unusual to MkDocs."""

from __future__ import annotations

import re

import pytest
from conftest import REPO

from catalogue import project as project_module
from catalogue.project import DEFAULTS, OTHER_SETTINGS, ProjectError, _quick, _through_mkdocs, load_project
from catalogue.site.plugin import CatalogueConfig

PLUGIN_BLOCK = re.compile(r"  - catalogue:\n(?:      .*\n)*")  # the plugin's settings in mkdocs.yml


def _with(text: str, block: str) -> str:
    assert PLUGIN_BLOCK.search(text)
    return PLUGIN_BLOCK.sub(lambda _: block, text, count=1)


def _variants(text: str) -> dict[str, str]:
    return {
        "as shipped": text,
        "defaults only": _with(text, "  - catalogue\n"),
        "from the environment, with folders moved": _with(text, (
            "  - catalogue:\n      entries_dir: !ENV [KATALOG_UJI_ENTRI, entries]\n"
            "      reference_dir: !ENV KATALOG_UJI_RUJUKAN\n      maintainers: '@org/tim'\n"
            "      search: false\n")) + "site_dir: !ENV [KATALOG_UJI_SITUS, situs-lain]\n"
        + "site_url: https://contoh.go.id/katalog\n",
    }


def test_the_quick_reader_finds_what_mkdocs_finds(project, monkeypatch):
    monkeypatch.setenv("KATALOG_UJI_ENTRI", "entri-lain")
    monkeypatch.setenv("KATALOG_UJI_RUJUKAN", "rujukan")
    config = project.root / "mkdocs.yml"
    for name, text in _variants(config.read_text(encoding="utf-8")).items():
        config.write_text(text, encoding="utf-8")
        quick = _quick(config)
        assert quick is not None, name
        slow = _through_mkdocs(config)
        assert quick == slow, name
    assert load_project(config).entries_dir == (project.root / "entri-lain").resolve()
    assert load_project(config).site_dir == (project.root / "situs-lain").resolve()
    assert load_project(config).site_path == "/katalog/"


def test_the_real_configuration_is_read_quickly():
    config = REPO / "mkdocs.yml"
    assert _quick(config) is not None  # Material's !!python/name: emoji settings do not stop it
    assert _quick(config)[0] == _through_mkdocs(config)[0]


def test_anything_unusual_is_left_to_mkdocs(project, monkeypatch):
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    unusual = {
        "inherited": "INHERIT: dasar.yml\n" + text,
        "a misspelt setting": _with(text, "  - catalogue:\n      entri_dir: lain\n"),
        "a number for a folder": _with(text, "  - catalogue:\n      entries_dir: 5\n"),
        "no catalogue plugin": _with(text, ""),
    }
    for name, bad in unusual.items():
        config.write_text(bad, encoding="utf-8")
        assert _quick(config) is None, name
    # and MkDocs decides: a misspelt setting is only its warning, a wrong type an error in the catalogue's words
    config.write_text(unusual["a misspelt setting"], encoding="utf-8")
    assert load_project(config).entries_dir == (project.root / "entries").resolve()
    config.write_text(unusual["a number for a folder"], encoding="utf-8")
    with pytest.raises(ProjectError, match="tidak sah"):
        load_project(config)
    config.write_text(unusual["no catalogue plugin"], encoding="utf-8")
    with pytest.raises(ProjectError, match="plugin 'catalogue' tidak terdaftar"):
        load_project(config)


def test_every_plugin_setting_is_known_to_the_quick_reader():
    assert set(CatalogueConfig().keys()) == set(DEFAULTS) | set(OTHER_SETTINGS)
    defaults = CatalogueConfig()
    defaults.load_dict({})
    defaults.validate()
    assert {k: defaults[k] for k in DEFAULTS} == project_module.DEFAULTS
