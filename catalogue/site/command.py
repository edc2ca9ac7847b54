"""`catalogue build`: validate, build the site with MkDocs into a scratch folder, publish it (incremental/publish.py)
over the old one; on failure the old site stays as it was."""

from __future__ import annotations

import dataclasses
import logging
import os
import resource
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from . import PLUGIN_LOG
from .. import parallel
from ..entry.problems import Report
from ..entry.reference import Reference
from ..incremental import publish, validation_cache
from ..incremental.scratch import Scratch
from ..memory import lasting_objects
from ..validate import validate
from . import engine
from .footprint import DEFAULT_LIMIT_MB, Footprint, measure
from .build import Options

log = logging.getLogger(PLUGIN_LOG)


@dataclass
class Outcome:
    report: Report
    built: bool = False
    error: str | None = None
    entries: int = 0
    pages: int = 0
    timings: dict = field(default_factory=dict)
    footprint: Footprint | None = None  # the published site's size (footprint.py)
    size_limit_mb: int = DEFAULT_LIMIT_MB


@contextmanager
def source_date(root: Path, today: date | None):
    """Same commit, same bytes: MkDocs and Material read SOURCE_DATE_EPOCH from the environment, so for
    the length of the build it is the last commit's time unless already set (`today`, from Options).
    Yields the build date."""
    if today is not None or "SOURCE_DATE_EPOCH" in os.environ:
        yield today or date.today()
        return
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True,
                             timeout=10)
        epoch = out.stdout.strip() if out.returncode == 0 and out.stdout.strip().isdigit() else None
    except (OSError, subprocess.SubprocessError):
        epoch = None
    if epoch:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    try:
        yield datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch else date.today()
    finally:
        if epoch:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def _publish(scratch: Scratch, folder: Path | None, previous: publish.Previous | None, record: publish.Record):
    """Merge into the old site when it kept pages of this build, else swap the new site in whole; then record
    what the site holds (publish.py)."""
    built, kept = scratch.path("situs"), previous.kept_files() if previous is not None else set()
    publish.forget(folder, scratch.site_dir)  # until the new record is written, nothing is taken as kept
    if kept:
        try:
            scratch.merge(built, kept)
        except OSError as exc:  # the old site is back as it was; publish the whole new one instead
            log.info(f"Situs tidak dapat diperbarui di tempat ({exc}); seluruh situs ditukar.")
            publish.fill(built, scratch.site_dir, kept)
            scratch.publish(built)
    else:
        scratch.publish(built)
    if folder is not None:
        record.write(folder, scratch.site_dir, previous.kept if previous is not None else {})


def build_site(project, ref: Reference, site_dir: Path, options: Options, strict: bool = False) -> Outcome:
    """Validate; if fine, build into a scratch folder and swap it in. On failure the old site stays."""
    started = time.perf_counter()
    cache = validation_cache.for_project(project.root, ref, date.today())  # the day validate() checks against
    with source_date(project.root, options.today) as today, Scratch(site_dir) as scratch:
        folder = validation_cache.directory(project.root)
        previous = publish.Previous.load(folder, Path(site_dir))  # after Scratch: a killed merge is undone
        try:
            config = engine.read_config(str(project.config_file), site_dir=str(scratch.path("situs")), strict=strict)
        except (engine.EngineError, OSError) as exc:
            return Outcome(Report([], 0), error=str(exc))
        plugin = config.plugins["catalogue"]
        early = EarlySearch(ref, folder, scratch.path("situs"), previous, options.processes, cache) if (
            plugin.config.search and folder is not None and cache is not None and not options.preview) else None
        try:
            started_validate = time.perf_counter()
            with lasting_objects():
                catalogue, report = validate(project.entries_dir, ref, root=project.root, processes=options.processes,
                                             cache=cache, early=early)
            outcome = Outcome(report, entries=len(catalogue.entries),
                              timings={"validate": time.perf_counter() - started_validate})
            if not report.ok(strict):
                return outcome
            options = dataclasses.replace(options, validated=(catalogue, report), today=today, page_cache=folder,
                                          previous=previous, index=early.index if early else None)
            plugin.options = options
            started_mkdocs = time.perf_counter()
            engine.build(config, dirty=options.page_cache is not None)
            outcome.timings["mkdocs"] = time.perf_counter() - started_mkdocs
            started_publish = time.perf_counter()
            _publish(scratch, folder, previous, plugin.build.record)
            outcome.timings["publish"] = time.perf_counter() - started_publish
            outcome.footprint, outcome.size_limit_mb = measure(site_dir), plugin.config.site_size_limit_mb
        except (engine.EngineError, OSError) as exc:
            outcome.error = str(exc)
            return outcome
        except Exception as exc:  # a plugin or hook failed; MkDocs has logged which page
            if os.environ.get("CATALOGUE_DEBUG"):
                raise
            outcome.error = f"{type(exc).__name__}: {exc}"
            return outcome
        finally:
            if early is not None:
                early.abort()  # a build that stopped early; a finished index is long done
        outcome.timings.update(plugin.build.timings)
    outcome.built = True
    outcome.pages = outcome.timings.pop("pages_built", 0)
    outcome.timings["rss_build_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    outcome.timings["rss_index_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    outcome.timings["total"] = time.perf_counter() - started
    outcome.timings |= {"site_bytes": outcome.footprint.bytes, "site_files": outcome.footprint.files,
                        "site_largest_file": list(outcome.footprint.largest)}
    return outcome


class EarlySearch:
    """The search index of a big catalogue, started by validate() (its `early`) once the changed files are
    checked, before the other entries' stored results are decoded: it needs only their ids, fingerprints
    and search dates, and the records it keeps per shard (searchcache) stand for the rest. The build then
    takes it over (Options.index) instead of starting one after validation: 1.5-2 s earlier at 30,000."""

    def __init__(self, ref: Reference, folder: Path, site_dir: Path, previous, processes: int, cache):
        self.ref, self.folder, self.site_dir, self.previous, self.processes = ref, folder, site_dir, previous, processes
        self.rows = cache.file
        self.index = None

    def __call__(self, entries: list):
        from ..incremental import searchcache
        from . import search
        if parallel.processes(len(entries), self.processes) < 2:
            return None  # a small catalogue is indexed in the build's own process, as the downloads
        self.index = search.BackgroundIndex(_Entries(self.ref, entries, self.rows), self.site_dir / "pagefind",
                                            searchcache.SearchCache(self.folder, self.ref), self.previous)
        return self.abort

    def abort(self) -> None:
        if self.index is not None:
            self.index.abort()
            self.index = None


@dataclass
class _Entries:
    """What search.write_bundles reads of a catalogue: the reference data and the entries (some as cache.Known,
    whose rows are in the validation cache `rows`)."""
    reference: Reference
    entries: list
    rows: Path
