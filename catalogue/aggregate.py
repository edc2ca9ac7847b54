"""Counts and groupings over the catalogue: pure functions, one pass each."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from .model import Catalogue, Entry

STAGE_ORDER = {"penerapan": 0, "uji_coba": 1, "inisiatif": 2}


def list_order(e: Entry) -> tuple:
    """Sensible order inside a group: implemented first, then newest, then by name."""
    latest = tuple(-x for x in e.latest.key()) if e.latest else (0, 0, 0)
    return (STAGE_ORDER.get(e.tahapan, 9), latest, e.nama.lower(), e.id)


def newest(entries: Iterable[Entry], n: int = 10) -> list[Entry]:
    dated = [e for e in entries if e.latest]
    return sorted(dated, key=lambda e: (tuple(-x for x in e.latest.key()), e.id))[:n]


@dataclass
class Stats:
    total: int
    by_area: Counter  # primary area
    by_area_any: Counter  # any listed area
    by_stage: Counter
    by_year: Counter
    reported: int
    examples: int

    @property
    def reported_percent(self) -> int:
        return round(100 * self.reported / self.total) if self.total else 0


def stats(entries: list[Entry]) -> Stats:
    return Stats(
        total=len(entries),
        by_area=Counter(e.primary_area for e in entries),
        by_area_any=Counter(a for e in entries for a in e.bidang),
        by_stage=Counter(e.tahapan for e in entries),
        by_year=Counter(e.year for e in entries if e.year),
        reported=sum(e.reported for e in entries),
        examples=sum(e.contoh for e in entries),
    )


def group(entries: Iterable[Entry], key: Callable[[Entry], str], order: Iterable[str]) -> list[tuple[str, list[Entry]]]:
    """Entries grouped by `key`, groups in `order` (empty ones dropped), each group sorted."""
    buckets: dict[str, list[Entry]] = {}
    for e in entries:
        buckets.setdefault(key(e), []).append(e)
    return [(k, sorted(buckets[k], key=list_order)) for k in order if k in buckets]


@dataclass
class Index:
    """Everything the pages need, computed once per build (linear in the entries)."""
    catalogue: Catalogue
    by_region: dict[str, list[Entry]]
    by_province: dict[str, list[Entry]]
    by_area: dict[str, list[Entry]]


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
