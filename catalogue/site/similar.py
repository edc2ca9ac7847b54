"""Inovasi serupa: for every innovation, up to five innovations of other regions most like it, from what the
entries say (name, the kind of work unit, areas, affairs, tags, acronym and text), stemmed with Snowball's
Indonesian stemmer and with the search's abbreviation and synonym lists applied (search.distinct_words).
A pure function of the catalogue (ties broken by id), so the same entries give the same lists; a page's
list is part of its page-cache key, so a changed entry re-renders only the pages whose list changes.

Each entry keeps its TOP_TERMS strongest terms (tf-idf, a term weighted by the field it is in); candidates
come from an inverted index of those terms, so the work grows with the entries times their terms' short
postings, not with every pair."""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import chain
from math import log, sqrt

from ..entry.model import Catalogue, Entry
from ..entry.reference import Reference
from .search import distinct_words

SHOWN = 5
TOP_TERMS = 20
COMMON = 0.05  # a term in more than this share of the entries (and in at least COMMON_FLOOR) says little
COMMON_FLOOR = 50
FEW = 3  # with fewer terms than this that are not common, an entry's FALLBACK_TERMS strongest terms count
FALLBACK_TERMS = 10
POSTINGS = 30  # entries kept per term (see compute)
MIN_SCORE = 0.02  # below this cosine an innovation is not "similar", whatever else there is
WEIGHTS = {"name": 3.0, "unit": 2.0, "affair": 2.0, "tag": 2.0, "area": 1.0, "text": 1.0}


def _unit_kind(e: Entry, ref: Reference) -> str:
    """The work unit without its region: "Dinas Kesehatan Kabupaten Tapin" -> "dinas kesehatan"."""
    region = ref.regions[e.region_code].name.lower().split()
    drop = {"kabupaten", "kota", "provinsi", *region}
    return " ".join(w for w in e.perangkat_daerah.lower().split() if w not in drop)


def _terms(e: Entry, ref: Reference, stem) -> dict[str, float]:
    fields = (
        # Lightest first: a word in several fields keeps its heaviest weight. The acronym counts as text: a
        # coined word (LANGSAT MANIS) says little of what an innovation does.
        ("text", " ".join([e.singkatan or "", e.body])),
        ("area", " ".join(f"bidang-{a}" for a in e.bidang)),
        ("tag", " ".join(e.tag)),
        ("affair", " ".join(f"urusan-{u}" for u in e.urusan)),
        ("unit", _unit_kind(e, ref)),
        ("name", e.nama),
    )
    out: dict[str, float] = {}
    for field, text in fields:
        out.update(dict.fromkeys(map(stem, distinct_words(text, ref).split()), WEIGHTS[field]))
    return out


class _Stems(dict):
    """word -> its stem, each word stemmed once (a dict look-up in C for every word met again)."""

    def __init__(self):
        import snowballstemmer
        super().__init__()
        self.stemmer = snowballstemmer.stemmer("indonesian")

    def __missing__(self, word: str) -> str:
        found = self[word] = self.stemmer.stemWord(word) if word.isalpha() else word
        return found


# An entry's terms (stemmed words, each once) and, in the same order, the weight of the heaviest field each
# is in: two tuples, a third of the memory of a dict (~150 terms an entry, 40,000 entries).
Terms = tuple[tuple[str, ...], tuple[float, ...]]


def terms_of(cat: Catalogue, known: dict[str, Terms] | None = None) -> list[Terms]:
    """Each entry's terms, in catalogue order; those in `known` (by fingerprint: an earlier build's,
    incremental/similarcache.py) taken as they are. Half of compute's work when made anew."""
    known, stem = known or {}, _Stems().__getitem__
    out = []
    for e in cat.entries:
        found = known.get(e.fingerprint)
        if found is None:
            t = _terms(e, cat.reference, stem)
            found = (tuple(t), tuple(t.values()))
        out.append(found)
    return out


def compute(cat: Catalogue, terms: list[Terms] | None = None) -> dict[str, tuple[str, ...]]:
    """{id: ids of up to SHOWN similar innovations of other regions, most similar first}. `terms`: as
    terms_of(cat) gives them."""
    entries = cat.entries
    terms = terms if terms is not None else terms_of(cat)
    df = Counter(chain.from_iterable(ts for ts, _ in terms))
    by_region: dict[str, set[str]] = {}
    for e, (ts, _) in zip(entries, terms):
        by_region.setdefault(e.region_code, set()).update(ts)
    # A term of one region only (a hospital's name) matches no other region; a common one says little.
    regions = Counter(chain.from_iterable(by_region.values()))
    n = len(entries)
    limit = max(COMMON_FLOOR, COMMON * n)
    idf = {term: log(n / d) for term, d in df.items() if regions[term] > 1}
    rare = {term for term in idf if df[term] <= limit}
    ids, codes = [e.id for e in entries], [e.region_code for e in entries]
    vectors: list[list[tuple[str, float]]] = []
    postings: dict[str, list[tuple[int, float]]] = {}
    for i, (ts, ws) in enumerate(terms):
        chosen, top = [(term, w) for term, w in zip(ts, ws) if term in rare], TOP_TERMS
        if len(chosen) < FEW:  # an entry in common words only still finds its likes, through the rarest of them
            chosen, top = [(term, w) for term, w in zip(ts, ws) if term in idf], FALLBACK_TERMS
        weighted = sorted((-w * idf[term], term) for term, w in chosen)[:top]  # strongest first, ties by term
        norm = sqrt(sum(w * w for w, _ in weighted)) or 1.0
        vector = [(term, -w / norm) for w, term in weighted]
        vectors.append(vector)
        for term, w in vector:
            postings.setdefault(term, []).append((i, w))
    # Each term keeps only the entries it weighs most in: scoring costs entries × terms × POSTINGS at most.
    for term, posting in postings.items():
        if len(posting) > POSTINGS:
            posting.sort(key=lambda jw: (-jw[1], ids[jw[0]]))  # ties by id, not by position
            del posting[POSTINGS:]
    out: dict[str, tuple[str, ...]] = {}
    for i, vector in enumerate(vectors):
        scores: dict[int, float] = {}
        get = scores.get
        for term, w in vector:
            for j, v in postings[term]:
                scores[j] = get(j, 0.0) + w * v
        region = codes[i]
        ranked = heapq.nsmallest(SHOWN, [(-s, ids[j]) for j, s in scores.items()
                                         if s >= MIN_SCORE and codes[j] != region])
        out[ids[i]] = tuple(eid for _, eid in ranked)
    return out
