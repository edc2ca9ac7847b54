"""All parallel work of a build goes through here: how many processes, how they start, what they get.

- One threshold: below PARALLEL_FROM innovations everything runs in the calling process.
- Workers are started with `spawn` (the only method on Windows, and the safe one once threads run, as
  under `mkdocs serve`), except where `fork` exists and this process runs no other thread, where forking
  saves the start-up cost. Either way a worker gets its state as arguments, never from module globals,
  so both behave the same.
- `processes(n)`: how many; the `processes` option or CATALOGUE_PROSES (read once, at the edge) sets it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable

PARALLEL_FROM = 1000  # below this many innovations, starting processes costs more than it saves


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def processes(items: int, setting: int = 0) -> int:
    """How many processes to use for `items` innovations: the setting, else every core for big catalogues."""
    if setting > 0:
        return setting
    return 1 if items < PARALLEL_FROM else cores()


def context() -> multiprocessing.context.BaseContext:
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool for tasks submitted one by one (the caller shuts it down)."""
    return ProcessPoolExecutor(workers, mp_context=context())


def map_chunks(fn: Callable, chunks: list, workers: int) -> list:
    """fn(chunk) for every chunk, results in order; in this process when workers < 2 or one chunk."""
    if workers < 2 or len(chunks) < 2:
        return [fn(c) for c in chunks]
    with ProcessPoolExecutor(min(workers, len(chunks)), mp_context=context()) as pool:
        return list(pool.map(fn, chunks))


def split(items: list, workers: int, per_worker: int = 4) -> list[list]:
    """Contiguous chunks, a few per worker (results come back in order and the work stays balanced)."""
    size = max(1, -(-len(items) // (workers * per_worker)))
    return [items[i:i + size] for i in range(0, len(items), size)]


class WorkerError(Exception):
    pass


def _child(fn, args, conn, nice: int = 0) -> None:
    # A forked child shares the parent's pages until it writes to them: a collection walking the inherited
    # objects would copy them (and cost the search process a second of a one-entry build at 30,000). The
    # child is short-lived and makes little cyclic garbage, so its collector stays off.
    gc.disable()
    if nice and hasattr(os, "nice"):
        os.nice(nice)
    started = time.perf_counter()
    try:
        result = fn(*args)
        conn.send(("ok", (result, time.perf_counter() - started)))
    except BaseException as exc:  # noqa: BLE001  reported by the parent, which decides what to do
        detail = traceback.format_exc() if os.environ.get("CATALOGUE_DEBUG") else f"{type(exc).__name__}: {exc}"
        conn.send(("error", detail))
    finally:
        conn.close()


class Background:
    """fn(*args) in another process (or here, when `separate` is false), result collected by wait().

    The work runs while the caller goes on; wait() returns fn's result or raises WorkerError with the
    child's message. `seconds` is how long the work itself took (not counting waiting for it). `nice`:
    the child's priority below this process's (os.nice, where the system has it), for work that can wait."""

    def __init__(self, fn: Callable, args: Iterable = (), separate: bool = True, name: str = "latar", nice: int = 0):
        self.proc = None
        self.started = time.perf_counter()
        self.seconds = 0.0
        args = tuple(args)
        if not separate:
            try:
                self.outcome = ("ok", (fn(*args), time.perf_counter() - self.started))
            except Exception as exc:  # noqa: BLE001  same contract as the separate process
                self.outcome = ("error", f"{type(exc).__name__}: {exc}")
            return
        ctx = context()
        self.reader, writer = ctx.Pipe(duplex=False)
        self.proc = ctx.Process(target=_child, args=(fn, args, writer, nice), name=name, daemon=True)
        self.proc.start()
        writer.close()

    def wait(self):
        if self.proc is not None:
            try:
                self.outcome = self.reader.recv()
            except EOFError:
                self.outcome = ("error", "proses berhenti tanpa hasil")
            self.proc.join()
            self.proc = None
        status, value = self.outcome
        if status != "ok":
            raise WorkerError(value)
        result, self.seconds = value
        return result

    def abort(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.join()
            self.proc = None
