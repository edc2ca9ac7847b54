"""What each performance mechanism buys: the same scenario with and without it, back to back.

    python scripts/bench_mechanisms.py --entries 3000                  # every mechanism
    python scripts/bench_mechanisms.py --entries 30000 --only page-cache,splice --runs 3
    python scripts/bench_mechanisms.py --list

A mechanism is switched off without touching the package: the command runs with scripts/ablation/ on
PYTHONPATH, whose sitecustomize.py switches off the mechanism named in KATALOG_MEKANISME (when KATALOG_MATI is
set) in every Python process of the command, worker and background processes included, before it starts. Each mechanism is measured in the
scenario it was made for, on one synthetic project (scripts/synth.py), alternating with/without:

    validate-one   one entry edited, then `catalogue validate` (caches warm)
    validate-cold  `catalogue validate` with an empty cache
    build-one      one entry edited, then `catalogue build` into the same site (caches warm); before each
                   measured run an unmeasured build brings caches and site back to their usual state
    build-cold     `catalogue build` into a new folder with empty caches
    serve-one      `mkdocs serve --dirty` (make serve): seconds from saving an edited entry to the rebuilt site

Prints one row per mechanism (median seconds with and without, and the gain); asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
PY = sys.executable


# --- the ablations ------------------------------------------------------------------------------------------------
# Each imports the modules it patches, then (when `off`) switches its mechanism off. Runs with the mechanism on
# import the same modules at start-up too, so both pay the same imports. A patch goes where the code looks the
# name up when it runs (a module attribute, a class), never where it was copied at import time.

def _set(owner, name: str, value) -> None:
    """Patch owner.name, which must exist: a renamed target fails loudly instead of measuring nothing."""
    if not hasattr(owner, name):
        raise AttributeError(f"{owner!r} has no attribute {name!r}: scripts/bench_mechanisms.py is out of date")
    setattr(owner, name, value)


def _no_validation_cache(off):
    from catalogue.incremental import validation_cache
    if off:
        _set(validation_cache, "for_project", lambda *args, **kwargs: None)


def _no_stat_trust(off):
    from catalogue.incremental.validation_cache import ValidationCache
    usable = ValidationCache.usable

    def read_every_file(self, path, stat, read, taken_ns):
        rec = self.records.get(str(path))
        if rec:  # as if no stat had been stored: the file is read and its digest compared
            self.records[str(path)] = (*rec[:9], "")
        return usable(self, path, stat, read, taken_ns)
    if off:
        _set(ValidationCache, "usable", read_every_file)


def _no_lasting_objects(off):
    from catalogue import memory  # before any module takes the name from it
    if off:
        _set(memory, "lasting_objects", contextlib.nullcontext)


def _no_quick_config(off):
    from catalogue import project
    if off:
        _set(project, "_quick", lambda path: None)


def _no_validation_workers(off):
    import types

    from catalogue import parallel, validate
    if off:
        _set(validate, "parallel", types.SimpleNamespace(**{**vars(parallel), "processes": lambda items, setting=0: 1}))


def _no_page_cache(off):
    from catalogue.site.build import Build

    def render_every_page(self, documents, others, config):
        self.page_cache = None
        return set()
    if off:
        _set(Build, "_place_cached", render_every_page)


def _no_publish_in_place(off):
    from catalogue.incremental import publish
    if off:
        _set(publish.Previous, "load", classmethod(lambda cls, *args, **kwargs: None))


def _no_search_cache(off):
    from catalogue.incremental.searchcache import SearchCache
    from catalogue.site import search
    write_bundles = search.write_bundles
    if off:
        _set(SearchCache, "place", lambda self, key, dest: False)
        _set(search, "write_bundles", lambda catalogue, out_dir, cache=None, previous=None: write_bundles(
            catalogue, out_dir, cache, None))


def _no_search_records(off):
    from catalogue.incremental.searchcache import SearchCache
    if off:
        _set(SearchCache, "records", lambda self, name, entries, make: make(entries))


def _no_early_search(off):
    from catalogue.site.command import EarlySearch
    if off:
        _set(EarlySearch, "__call__", lambda self, entries: None)


def _downloads(off, **forced):
    from catalogue.site import downloads
    write = downloads.write

    def patched(out_dir, cat, added, site_name, base_url="", extra=None, licence=None, cache_dir=None, previous=None,
                tag=None):
        given = dict(cache_dir=cache_dir, previous=previous, tag=tag)
        downloads.write = write  # the build's call only: write() calls itself for a temporary export cache
        try:
            return write(out_dir, cat, added, site_name, base_url, extra, licence, **(given | forced))
        finally:
            downloads.write = patched
    if off:
        _set(downloads, "write", patched)


def _no_export_cache(off):
    _downloads(off, cache_dir=None, previous=None, tag=None)


def _no_splice(off):
    _downloads(off, previous=None)


def _no_deflated_parts(off):
    from catalogue.incremental import exportcache
    init = exportcache.Parted.__init__
    if off:
        _set(exportcache.Parted, "__init__", lambda self, kind, ids, keys, stored: init(self, kind, ids, keys, {}))


def _background(off, wanted: str, **changed):
    from catalogue import parallel
    background = parallel.Background

    class Patched(background):
        def __init__(self, fn, args=(), separate=True, name="latar", nice=0):
            settings = dict(separate=separate, nice=nice) | (changed if name == wanted else {})
            super().__init__(fn, args, name=name, **settings)
    if off:
        _set(parallel, "Background", Patched)


def _no_export_process(off):
    _background(off, "ekspor", separate=False)


def _no_export_nice(off):
    _background(off, "ekspor", nice=0)


def _no_search_process(off):
    _background(off, "pagefind", separate=False)


def _no_body_workers(off):
    from catalogue.site import bodies
    init = bodies.Converter.__init__
    if off:
        _set(bodies.Converter, "__init__", lambda self, items, config, workers: init(self, items, config, 1))


def _no_fragments_once(off):
    from catalogue.site.build import Build
    if off:
        _set(Build, "once", lambda self, key, render: render())


def _no_serve_bytecode(off):
    from catalogue.site import plugin

    class Nothing(plugin._InMemory):
        def load_bytecode(self, bucket):
            bucket.code = None

        def dump_bytecode(self, bucket):
            pass
    if off:
        _set(plugin, "_COMPILED", Nothing())


# name: (ablation, scenario, what the mechanism is)
MECHANISMS = {
    "validation-cache": (_no_validation_cache, "validate-one", "per-file validation results kept (SQLite)"),
    "stat-trust": (_no_stat_trust, "validate-one", "an unchanged file's stat stands for its bytes (not read)"),
    "lasting-objects": (_no_lasting_objects, "validate-one", "garbage collector off while the catalogue is made, then frozen"),
    "quick-config": (_no_quick_config, "validate-one", "mkdocs.yml read without loading MkDocs' configuration"),
    "validation-workers": (_no_validation_workers, "validate-cold", "files checked in worker processes"),
    "page-cache": (_no_page_cache, "build-one", "generated pages kept by key, not rendered again"),
    "publish-in-place": (_no_publish_in_place, "build-one", "unchanged files left in the old site, the rest merged in"),
    "search-cache": (_no_search_cache, "build-one", "search shards whose entries are unchanged not indexed again"),
    "search-records": (_no_search_records, "build-one", "a re-indexed shard's unchanged records read back"),
    "early-search": (_no_early_search, "build-one", "search index started from validation, before decoding"),
    "export-cache": (_no_export_cache, "build-one", "each innovation's rows of the downloads kept (SQLite)"),
    "splice": (_no_splice, "build-one", "per-region downloads spliced from the old files (copy_file_range)"),
    "deflated-parts": (_no_deflated_parts, "build-one", "sheet and gzip downloads deflated in kept parts"),
    "export-nice": (_no_export_nice, "build-one", "the spliced downloads' process runs niced"),
    "export-process": (_no_export_process, "build-cold", "downloads written by a background process"),
    "search-process": (_no_search_process, "build-cold", "search records made and sent by a background process"),
    "body-workers": (_no_body_workers, "build-cold", "innovation bodies converted in worker processes"),
    "fragments-once": (_no_fragments_once, "build-cold", "page-independent template blocks rendered once"),
    "serve-bytecode": (_no_serve_bytecode, "serve-one", "make serve: templates compiled once per process"),
}


def apply(names: str, off: bool) -> None:
    """Called by scripts/ablation/sitecustomize.py in every process of a measured command."""
    for name in filter(None, names.split(",")):
        MECHANISMS[name][0](off)


# --- the harness -----------------------------------------------------------------------------------------------
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


class Project:
    def __init__(self, root: Path):
        self.root = root
        self.entries = sorted((root / "entries").rglob("*.md"))
        self.edits = 0

    def env(self, mechanism: str | None, off: bool, **extra) -> dict:
        env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": os.environ.get("HOME", "/tmp"), **extra}
        if mechanism:  # with it on, the same modules are imported at start-up (see the ablations)
            env |= {"PYTHONPATH": str(REPO / "scripts" / "ablation"), "KATALOG_MEKANISME": mechanism,
                    "KATALOG_MATI": "1" if off else ""}
        return env

    def run(self, args: list[str], mechanism: str | None = None, off: bool = False, **extra) -> float:
        started = time.perf_counter()
        out = subprocess.run([PY, "-m", *args], cwd=self.root, env=self.env(mechanism, off, **extra),
                             capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if out.returncode not in (0, 1) or (args[1] == "build" and out.returncode):
            raise SystemExit(f"{' '.join(args)} ({mechanism}, off={off}) failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        return seconds

    def edit(self) -> None:
        """Append a sentence to the next entry (a different one each time, spread over the catalogue)."""
        self.edits += 1
        entry = self.entries[(self.edits * 7919) % len(self.entries)]
        with entry.open("a", encoding="utf-8") as out:
            out.write(f"\nKalimat tambahan nomor {self.edits} untuk pengukuran.\n")

    def scenario(self, name: str, mechanism: str, off: bool) -> float:
        if name == "validate-one":
            self.edit()
            return self.run(["catalogue", "validate"], mechanism, off)
        if name == "validate-cold":
            cache = Path(tempfile.mkdtemp(prefix="dingin-", dir=self.root.parent))
            try:
                return self.run(["catalogue", "validate"], mechanism, off, CATALOGUE_CACHE=str(cache))
            finally:
                shutil.rmtree(cache, ignore_errors=True)
        if name == "build-one":
            self.run(["catalogue", "build"])  # caches and site as a usual build leaves them
            self.edit()
            return self.run(["catalogue", "build"], mechanism, off)
        if name == "build-cold":
            scratch = Path(tempfile.mkdtemp(prefix="dingin-", dir=self.root.parent))
            try:
                return self.run(["catalogue", "build", "--site-dir", str(scratch / "situs")], mechanism, off,
                                CATALOGUE_CACHE=str(scratch / "cache"))
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        if name == "serve-one":
            return self.serve(mechanism, off)
        raise ValueError(name)

    def serve(self, mechanism: str, off: bool) -> float:
        proc = subprocess.Popen([PY, "-m", "mkdocs", "serve", "--dirty", "-a", "127.0.0.1:8766"], cwd=self.root,
                                env=self.env(mechanism, off), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            built = 0
            for line in proc.stdout:
                if BUILT.search(line):
                    built += 1
                    if built == 1:
                        time.sleep(3)  # a person saves an edit seconds after the page is served
                        saved = time.perf_counter()
                        self.edit()
                    else:
                        return time.perf_counter() - saved
            raise SystemExit(f"mkdocs serve ({mechanism}, off={off}) stopped before rebuilding")
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def measure(project: Project, name: str, runs: int) -> dict:
    _, scenario, what = MECHANISMS[name]
    with_, without = [], []
    for _ in range(runs):
        with_.append(project.scenario(scenario, name, False))
        without.append(project.scenario(scenario, name, True))
    a, b = statistics.median(with_), statistics.median(without)
    return {"mechanism": name, "scenario": scenario, "what": what, "with": with_, "without": without,
            "with_s": a, "without_s": b, "gain": (b - a) / b if b else 0.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=3000)
    parser.add_argument("--only", default="", help="comma-separated mechanism names (default: all)")
    parser.add_argument("--runs", type=int, default=3, help="runs with and without, alternating (default 3)")
    parser.add_argument("--project", type=Path, help="reuse this synthetic project (written if missing)")
    parser.add_argument("--json", type=Path, help="append each result as a JSON line here")
    parser.add_argument("--list", action="store_true", help="list the mechanisms and exit")
    args = parser.parse_args()
    if args.list:
        for name, (_, scenario, what) in MECHANISMS.items():
            print(f"{name:<20} {scenario:<14} {what}")
        return
    names = [n for n in args.only.split(",") if n] or list(MECHANISMS)
    unknown = [n for n in names if n not in MECHANISMS]
    if unknown:
        raise SystemExit(f"unknown mechanism(s): {', '.join(unknown)} (see --list)")
    root = args.project or Path(tempfile.mkdtemp(prefix="mekanisme-")) / "katalog"
    if not (root / "entries").is_dir():
        from synth import write_project
        write_project(root, args.entries)
    project = Project(root)
    project.run(["catalogue", "build"])  # caches filled
    print(f"{len(project.entries):,} entries, {args.runs} runs each way; seconds are medians", flush=True)
    print(f"{'mechanism':<20} {'scenario':<14} {'with':>7} {'without':>8} {'gain':>6}", flush=True)
    for name in names:
        r = measure(project, name, args.runs)
        r["entries"] = len(project.entries)
        print(f"{name:<20} {r['scenario']:<14} {r['with_s']:>7.2f} {r['without_s']:>8.2f} {r['gain']:>6.1%}", flush=True)
        if args.json:
            with args.json.open("a", encoding="utf-8") as out:
                out.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
