"""Counts and groupings over the catalogue: pure functions, one pass each."""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from statistics import median
from typing import Callable, Iterable

from ..entry.model import STAGE_ORDER, Catalogue, Entry  # noqa: F401  (STAGE_ORDER: part of this module's API)


def list_order(e: Entry) -> tuple:
    """Sensible order inside a group: implemented first, then newest, then by name (Entry.list_key)."""
    return e.list_key


def newest(entries: Iterable[Entry], n: int = 10) -> list[Entry]:
    """The n latest by date (then id): list_key holds the date negated."""
    return heapq.nsmallest(n, (e for e in entries if e.latest), key=lambda e: (e.list_key[1], e.id))


@dataclass
class Stats:
    total: int
    by_area: Counter  # primary area
    by_stage: Counter
    by_year: Counter
    reported: int
    examples: int
    summaries: int = 0  # real summaries from public sources (kelengkapan: ringkasan)

    @property
    def complete(self) -> int:
        return self.total - self.examples - self.summaries

    @property
    def reported_percent(self) -> int:
        return round(100 * self.reported / self.known) if self.known else 0

    @property
    def known(self) -> int:
        """Entries whose reporting to Kemendagri is known: a summary from public sources cannot say."""
        return self.total - self.summaries


def stats(entries: list[Entry]) -> Stats:
    # map(attrgetter): each count a C loop over the (cached) values; the home page counts all 30,000
    return Stats(
        total=len(entries),
        by_area=Counter(map(attrgetter("primary_area"), entries)),
        by_stage=Counter(map(attrgetter("tahapan"), entries)),
        by_year=Counter(filter(None, map(attrgetter("year"), entries))),
        reported=sum(map(attrgetter("reported"), entries)),
        examples=sum(map(attrgetter("contoh"), entries)),
        summaries=sum(1 for e in entries if e.is_summary and not e.contoh),
    )


def group(entries: Iterable[Entry], key: Callable[[Entry], str], order: Iterable[str]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped by `key`, groups in `order` (empty ones dropped), each group sorted."""
    buckets: dict[str, list[Entry]] = {}
    for e in entries:
        buckets.setdefault(key(e), []).append(e)
    by_list_key = attrgetter("list_key")  # list_order, without a Python call per entry
    return [(k, sorted(buckets[k], key=by_list_key)) for k in order if k in buckets]


@dataclass
class Index:
    """Everything the pages need, computed once per build (linear in the entries)."""
    catalogue: Catalogue
    by_region: dict[str, list[Entry]]
    by_province: dict[str, list[Entry]]
    by_area: dict[str, list[Entry]]
    _stats: dict = field(default_factory=dict, repr=False, compare=False)

    def stats(self, entries: list[Entry]) -> Stats:
        """stats(entries), once per list per build (a region's list feeds several tables and pages)."""
        found = self._stats.get(id(entries))
        if found is None or found[0] is not entries:
            found = self._stats[id(entries)] = (entries, stats(entries))  # the list is held: its id stays its own
        return found[1]


def build_index(catalogue: Catalogue) -> Index:
    by_region: dict[str, list[Entry]] = {}
    by_province: dict[str, list[Entry]] = {}
    by_area: dict[str, list[Entry]] = {}
    for e in catalogue.entries:
        by_region.setdefault(e.region_code, []).append(e)
        by_province.setdefault(e.region_code[:2], []).append(e)
        for a in e.bidang:
            by_area.setdefault(a, []).append(e)
    return Index(catalogue, by_region, by_province, by_area)


# --- role models ---------------------------------------------------------------
def descendants_count(catalogue: Catalogue) -> dict[str, int]:
    """Entry id -> how many innovations descend from it through replikasi_dari chains.

    Memoised, so linear in the entries; a cycle (a validation error) cannot make it loop."""
    memo: dict[str, int] = {}
    for start in catalogue.by_id:
        if start in memo:
            continue
        stack, on_path = [(start, False)], set()
        while stack:
            node, done = stack.pop()
            if done:
                on_path.discard(node)
                memo[node] = sum(1 + memo.get(c.id, 0) for c in catalogue.replicated_by.get(node, []))
                continue
            if node in memo or node in on_path:
                continue
            on_path.add(node)
            stack.append((node, True))
            stack.extend((c.id, False) for c in catalogue.replicated_by.get(node, []) if c.id not in memo)
    return memo


def ancestors(catalogue: Catalogue, entry: Entry) -> list[Entry]:
    """The role-model chain above an entry, nearest first (stops on a repeat)."""
    out, seen, node = [], {entry.id}, entry
    while node.replikasi_dari in catalogue.by_id and node.replikasi_dari not in seen:
        node = catalogue.by_id[node.replikasi_dari]
        seen.add(node.id)
        out.append(node)
    return out


def descendants(catalogue: Catalogue, entry: Entry) -> list[tuple[int, Entry]]:
    """(depth, entry) for the whole tree below an entry, depth-first, each entry once."""
    out, seen = [], {entry.id}
    stack = [(1, c) for c in sorted(catalogue.replicated_by.get(entry.id, []), key=list_order, reverse=True)]
    while stack:
        depth, node = stack.pop()
        if node.id in seen:
            continue
        seen.add(node.id)
        out.append((depth, node))
        stack.extend((depth + 1, c) for c in sorted(catalogue.replicated_by.get(node.id, []), key=list_order,
                                                   reverse=True))
    return out


# --- measured results ------------------------------------------------------------
@dataclass
class ResultStat:
    key: str
    count: int  # entries with before/after data
    saved_total: float  # sum of reductions (before − after, where it went down)
    saved_median: float
    percent_median: float | None  # median reduction in percent, where "before" > 0


def result_stats(entries: Iterable[Entry], keys: Iterable[str]) -> list[ResultStat]:
    data: dict[str, list] = {k: [] for k in keys}
    for e in entries:
        for k, m in e.hasil:
            if k in data:
                data[k].append(m)
    out = []
    for k, ms in data.items():
        if not ms:
            continue  # shown only where data exists
        saved = [max(0.0, m.sebelum - m.sesudah) for m in ms]
        pct = [100 * (m.sebelum - m.sesudah) / m.sebelum for m in ms if m.sebelum > 0]
        out.append(ResultStat(k, len(ms), sum(saved), median(saved), median(pct) if pct else None))
    return out


# --- annual target: every SKPD at least one innovation a year ---------------------
def _norm(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass
class Tracker:
    region_code: str
    complete: bool
    listed: list[str]  # the reference SKPD list (empty: no list yet)
    years: list[int]
    counts: dict[str, dict[int, int]]  # SKPD -> year -> innovations started that year
    unlisted: dict[str, int]  # work units in entries that are not on the list -> innovations


def tracker(entries: Iterable[Entry], region_code: str, skpd: tuple[bool, list[str]] | None,
            years: list[int]) -> Tracker:
    complete, listed = skpd if skpd else (False, [])
    by_norm = {_norm(n): n for n in listed}
    counts = {n: {y: 0 for y in years} for n in listed}
    unlisted: dict[str, int] = {}
    for e in entries:
        name = by_norm.get(_norm(e.perangkat_daerah))
        if name is None:
            unlisted[e.perangkat_daerah] = unlisted.get(e.perangkat_daerah, 0) + 1
        elif e.year in counts[name]:
            counts[name][e.year] += 1
    return Tracker(region_code, complete, listed, years, counts, dict(sorted(unlisted.items())))
