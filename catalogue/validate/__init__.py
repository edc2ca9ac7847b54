"""Check entries against the schema and each other; build the catalogue model.

`validate()` never raises for bad input: every problem of every file is collected into one Report.
Deciding what is fatal (errors; warnings with --strict) is the caller's job (`Report.ok`).
Per-file checks (entry.py, body.py) run in parallel on big catalogues; the checks across entries
(catalogue.py) see the whole folder.
"""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

from .. import parallel
from ..entry.load import discover_all, display_path, is_entry_name, read_entry
from ..entry.model import Catalogue
from ..entry.problems import Problem, Report, problem
from ..entry.reference import Reference
from ..incremental.validation_cache import ValidationCache, stamp_of
from ..incremental.validation_cache import known as cache_known
from ..incremental.validation_cache import row as cache_row
from .body import IMAGE_TYPES
from .catalogue import cross_entry_problems
from .entry import Checked, FileChecker
from .words import slugify

__all__ = ["Checked", "FileChecker", "check_files", "slugify", "validate"]


# What the cross-entry checks read of each file (its front matter, not its entry: `catalogue validate` keeps no
# entries) and where they point.
_CROSS_ENTRY_FIELDS = ("replikasi_dari", "nama", "singkatan", "wilayah")


def _slim(c: Checked) -> Checked:
    """Keep what the cross-entry checks need, so results cross process boundaries cheaply."""
    src = c.source
    front = src.front if isinstance(src.front, dict) else {}
    src.front = {k: front[k] for k in _CROSS_ENTRY_FIELDS if k in front}
    src.locations = {k: v for k, v in src.locations.items() if k in _CROSS_ENTRY_FIELDS}
    return c


def _check_paths(args) -> list[Checked]:
    """A worker's share (its state comes in the arguments, so it runs the same when spawned)."""
    paths, ref, entries_dir, root, today = args
    # Display paths from one relative path of the folder: os.path.relpath per file costs syscalls.
    base, prefix = display_path(entries_dir), str(entries_dir) + os.sep
    base = "" if base == "." else base + "/"

    def shown(p):
        return base + str(p)[len(prefix):].replace(os.sep, "/") if str(p).startswith(prefix) else None
    return [_slim(FileChecker(read_entry(p, shown(p)), ref, entries_dir, root, today).run()) for p in paths]


def _check_and_encode(args) -> list[tuple[Checked, tuple | None]]:
    """A worker's share with each result also encoded for the validation cache (None: the file was not
    read), so that encoding 30,000 results is shared between the workers too. Without `entries` (a run
    that only reports problems) the entries stay in the worker: half of what comes back is not sent."""
    *rest, entries = args
    out = [(c, cache_row(c) if c.source.digest else None) for c in _check_paths(rest)]
    if not entries:
        for c, _ in out:
            c.entry, c.source.body = None, ""
    return out


def _stray(path: Path) -> bool:
    """A file in entries/ that is neither an entry, a README, an image an entry may show, nor .gitkeep:
    what editors and the web UI produce by mistake (x.md.txt, x.MD, x) and would silently never appear."""
    name = path.name
    return not (is_entry_name(name) or name in ("README.md", ".gitkeep") or path.suffix.lower() in IMAGE_TYPES)


def _stray_problem(path: Path) -> Problem:
    stem = path.name
    for ending in (".txt", ".md", ".MD", ".Md", ".mD", ".markdown", ".docx", ".doc"):
        stem = stem.removesuffix(ending)
    return problem("not-an-entry", display_path(path), 1, None, None, value=path.name,
                   suggestion=f"{slugify(stem)}.md")


def check_files(paths: list[Path], ref: Reference, entries_dir: Path, root: Path, today: date,
                processes: int = 0) -> list[Checked]:
    """Per-file checks; on large catalogues split over the machine's cores (files are independent)."""
    workers = parallel.processes(len(paths), processes)
    chunks = parallel.split(paths, workers) if workers > 1 else [paths]
    parts = parallel.map_chunks(_check_paths, [(c, ref, entries_dir, root, today) for c in chunks], workers)
    return [c for part in parts for c in part]


def _cached_check(paths: list[Path], ref: Reference, entries_dir: Path, root: Path, today: date, processes: int,
                  cache: ValidationCache, early=None) -> list[Checked]:
    """Per-file checks, reusing the cache's result for every file whose bytes and probes are unchanged
    (a file whose size, modification time and inode are those stored with its result is not read).

    `early(entries)`, if given, is called once the changed files are checked and before the stored results
    are decoded, with every entry sorted by id: the changed ones as checked, the others as cache.Known (id,
    fingerprint, search date), so that the search index can start. It returns a callable that takes that
    start back, called if a stored result then fails to decode."""
    out: list[Checked | None] = [None] * len(paths)
    stats: list[os.stat_result | None] = [None] * len(paths)
    rows: list[tuple | None] = [None] * len(paths)
    taken = time.time_ns()  # no later than any stat below: what "modified just before it" is measured from
    for i, p in enumerate(paths):
        try:
            stats[i] = os.stat(p)  # before the file is read: a later change shows in the next run's stat
        except OSError:
            cache.misses += 1  # gone meanwhile: its check reports it
            continue
        if cache.records:  # an empty cache (a cold run) has nothing to compare with
            try:
                rows[i] = cache.usable(p, stats[i], p.read_bytes, taken)
            except OSError:
                pass
        else:
            cache.misses += 1
    _check_again(paths, [i for i, r in enumerate(rows) if r is None], out, stats, taken, ref, entries_dir, root,
                 today, processes, cache)
    take_back = None
    if early is not None:
        found = [cache_known(paths[i], r) for i, r in enumerate(rows) if r is not None]
        found += [c.entry for c in out if c is not None and c.entry is not None]
        take_back = early(sorted((e for e in found if e is not None), key=lambda e: e.id))
    for i, r in enumerate(rows):
        if r is not None:
            out[i] = cache.decode(paths[i], r)
    again = [i for i, c in enumerate(out) if c is None]
    if again:  # stored results that passed their checks yet do not decode: not ours after all
        if take_back is not None:
            take_back()
        _check_again(paths, again, out, stats, taken, ref, entries_dir, root, today, processes, cache)
    cache.save(keep={str(p) for p in paths})
    return out  # type: ignore[return-value]


def _check_again(paths, todo, out, stats, taken, ref, entries_dir, root, today, processes, cache) -> None:
    """Check the files at `todo` (indexes into paths), in workers on big catalogues, and keep their rows."""
    workers = parallel.processes(len(todo), processes)
    chunks = parallel.split(todo, workers) if workers > 1 else [todo]
    parts = parallel.map_chunks(_check_and_encode, [([paths[i] for i in c], ref, entries_dir, root, today,
                                                     cache.entries) for c in chunks], workers)
    for i, (c, stored) in zip(todo, (x for part in parts for x in part)):
        out[i] = c
        if stored is not None:  # read: its result can be kept
            cache.put(paths[i], stored, stamp_of(stats[i], taken) if stats[i] else "")


def validate(entries_dir: Path, ref: Reference, *, only: list[Path] | None = None,
             today: date | None = None, root: Path | None = None,
             folders: list[str] | None = None, processes: int = 0,
             cache: ValidationCache | None = None, early=None) -> tuple[Catalogue, Report]:
    """Check every entry (cross-entry checks always see the whole folder); report on `only` if given.

    `early`: see _cached_check (the search index of `catalogue build` starts from it).

    `folders` (region folder names or innovation ids) restricts everything to those folders and files:
    the quick preview of `make serve WILAYAH=… INOVASI=…`, where links to innovations elsewhere cannot be
    checked."""
    today = today or date.today()
    root = root or entries_dir.parent
    paths, others = discover_all(entries_dir) if entries_dir.is_dir() else ([], [])
    if folders:
        paths = [p for p in paths if p.relative_to(entries_dir).parts[0] in folders or p.stem in folders]
        others = []
    extra: list[Path] = []
    if only:
        known = {q.resolve() for q in [*paths, *others]}
        extra = [p for p in only if p.resolve() not in known and p.name != "README.md"]
        others += [p for p in extra if not is_entry_name(p.name)]
        extra = [p for p in extra if is_entry_name(p.name)]
    strays = [_stray_problem(p) for p in others if _stray(p)]
    checked = (_cached_check([*paths, *extra], ref, entries_dir, root, today, processes, cache,
                             early if not (folders or only) else None)
               if cache is not None and not folders else
               check_files([*paths, *extra], ref, entries_dir, root, today, processes))
    problems = [p for c in checked for p in c.problems] + cross_entry_problems(checked) + strays
    if folders:
        problems = [p for p in problems if p.code not in ("unknown-replication-target", "broken-link")]
    files = len(checked) + len(strays)
    if only is not None:
        only_real = {p.resolve() for p in only}
        wanted = {c.source.display for c in checked if c.source.path.resolve() in only_real}
        wanted |= {display_path(p) for p in others if _stray(p) and p.resolve() in only_real}
        problems = [p for p in problems if p.file in wanted]
        files = len(wanted)
    catalogue = Catalogue(ref, [c.entry for c in checked if c.entry])
    return catalogue, Report(problems, files)
