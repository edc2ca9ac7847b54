"""The MkDocs plugin: each event hands over to a stage of build.Build (see build.py for the whole line). With
engine.py, the only module that imports MkDocs (ARCHITECTURE.md, "The engine seam")."""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import PLUGIN_LOG
from .. import parallel
from ..entry.reference import ReferenceError, load_reference
from ..incremental import validation_cache
from ..project import DEFAULTS
from . import whitespace

if TYPE_CHECKING:
    from .build import Build, Options

# The build (pages, exports, search, MkDocs' structures) is imported by the events that use it: every
# command that reads mkdocs.yml imports this module, and `catalogue validate` needs none of it.

log = logging.getLogger(PLUGIN_LOG)


class CatalogueConfig(base.Config):
    # project.py reads entries_dir, reference_dir, review_team and maintainers itself for `catalogue validate`
    # (project.DEFAULTS, the defaults here too); a new setting goes into project.OTHER_SETTINGS or DEFAULTS.
    entries_dir = c.Type(str, default=DEFAULTS["entries_dir"])
    reference_dir = c.Optional(c.Type(str))
    # The source repository (edit links, the "Ajukan inovasi" form, the contributor guide).
    # Empty: taken from GitHub Actions' or GitLab CI's environment; otherwise no links.
    repo_url = c.Type(str, default="")
    repo_branch = c.Type(str, default="main")
    repo_kind = c.Choice(("auto", "github", "gitlab"), default="auto")
    # Build the Pagefind search bundle (from the data, alongside MkDocs). Off under `mkdocs serve`.
    search = c.Type(bool, default=True)
    # Processes for parallel work; 0: every core from parallel.PARALLEL_FROM innovations.
    processes = c.Type(int, default=0)
    # CODEOWNERS: who reviews each region's folder ({slug} is the region's folder) and everything else.
    review_team = c.Type(str, default=DEFAULTS["review_team"])
    maintainers = c.Type(str, default=DEFAULTS["maintainers"])
    # `catalogue build` warns when the published site is bigger than this (MB; 0: no warning). GitHub Pages
    # refuses a site over 1 GB.
    site_size_limit_mb = c.Type(int, default=1000)


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    options: Options | None = None  # set by `catalogue build`; otherwise read from the environment
    build: Build | None = None
    serving = False

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"
        self.dirty = dirty  # `mkdocs serve --dirty` (make serve): innovation pages come from the page cache
        if dirty:
            from . import engine
            engine.silence_dirty_mode()

    def on_config(self, config):
        from ..incremental import publish
        from ..opendata.datapackage import Licence
        from .build import Build, Options
        root = Path(config.config_file_path or ".").resolve().parent
        entries_dir = (root / self.config.entries_dir).resolve()
        reference_dir = (root / self.config.reference_dir).resolve() if self.config.reference_dir else None
        config.watch.append(str(entries_dir))  # `mkdocs serve` rebuilds when an entry changes
        if reference_dir:
            config.watch.append(str(reference_dir))
        try:
            reference = load_reference(reference_dir)
        except ReferenceError as exc:
            for p in exc.problems:
                log.error(f"{p.file}:{p.line or 1}: {p.message}")
            raise PluginError("Data rujukan katalog tidak sah.") from None
        try:
            licence = Licence.from_extra(config.extra)
        except ValueError as exc:
            raise PluginError(f"{config.config_file_path or 'mkdocs.yml'}: {exc}") from None
        options = self.options or Options.from_env()
        if getattr(self, "dirty", False) and options.page_cache is None:
            options = dataclasses.replace(options, page_cache=validation_cache.directory(root))
            # `mkdocs serve --dirty` builds into the same folder each time: what the last build there wrote and
            # has not changed since is left as it is (publish.py; this instance lives across rebuilds).
            site_dir = Path(config.site_dir)
            if getattr(self, "served", None) and self.served[0] == site_dir:
                options = dataclasses.replace(options, previous=publish.Previous(site_dir, self.served[1]))
        self.build = Build(options, reference, root, entries_dir,
                           search=self.config.search and not self.serving, processes_setting=self.config.processes,
                           licence=licence)
        return config

    def on_files(self, files, config):
        b = self.build
        catalogue = b.load()
        if self.serving and not b.options.preview and len(catalogue.entries) >= parallel.PARALLEL_FROM:
            log.warning(f"Katalog berisi {len(catalogue.entries)} inovasi: setiap perubahan membangun ulang "
                        "seluruh situs (beberapa menit). Untuk pratinjau cepat jalankan misalnya "
                        "'make serve WILAYAH=<folder-wilayah>' atau 'make serve INOVASI=<id-inovasi>'.")
        b.aggregate(config, (self.config.repo_url, self.config.repo_branch, self.config.repo_kind))
        b.start_exports(config)
        b.start_search(config)  # before the pages: re-indexing a changed shard then hides behind placing them
        return b.generate(files, config)

    # The page being read or built, to name its entry file if something fails.
    def on_pre_page(self, page, config, files):
        self.current = page
        return page

    def on_page_context(self, context, page, config, nav):
        self.current = page
        return context

    def on_post_page(self, output, page, config):
        written = getattr(page, "written", None)  # engine.InnovationDocument
        if written is not None:
            written()
        return whitespace.collapse(output)

    def on_env(self, env, config, files):
        env.globals["ki_sekali"] = self.build.once
        if self.serving:  # each rebuild makes a new Jinja environment: the theme is compiled once per process
            env.bytecode_cache = _COMPILED
        return env

    def on_post_build(self, config):
        self.build.finish()
        if self.serving and getattr(self, "dirty", False) and self.build.options.page_cache is not None:
            previous, site_dir = self.build.options.previous, Path(config.site_dir)
            self.served = (site_dir, self.build.record.units_in(site_dir, previous.kept if previous else {}))
        if os.environ.get("CATALOGUE_TIMINGS"):  # stage times of every build, e.g. of `mkdocs serve`'s rebuilds
            with open(os.environ["CATALOGUE_TIMINGS"], "a", encoding="utf-8") as out:
                out.write(json.dumps({k: v for k, v in self.build.timings.items() if k != "pages_rendered"}) + "\n")

    def on_build_error(self, error):
        if self.build is not None:
            self.build.failed(getattr(self, "current", None))
            self.build.abort()


class _InMemory(BytecodeCache):
    """Compiled templates kept in this process (`mkdocs serve`), by name, source checksum and the settings
    that change what Jinja compiles: ~0.3 s of every rebuild. Nothing is written: Jinja's own file cache
    reads its files with pickle, and a cache is never trusted that far."""

    def __init__(self):
        self.code: dict[tuple, object] = {}

    @staticmethod
    def _key(bucket) -> tuple:
        env = bucket.environment
        return (bucket.key, bucket.checksum, repr(env.autoescape), tuple(sorted(env.extensions)), env.trim_blocks,
                env.lstrip_blocks, env.block_start_string, env.variable_start_string)

    def load_bytecode(self, bucket) -> None:
        bucket.code = self.code.get(self._key(bucket))

    def dump_bytecode(self, bucket) -> None:
        self.code[self._key(bucket)] = bucket.code


_COMPILED = _InMemory()

