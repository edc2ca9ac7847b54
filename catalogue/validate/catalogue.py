"""Checks across entries: unique ids (also ignoring case), links between entries, replication chains, and
entries that look like one innovation entered twice."""

from __future__ import annotations

import re

from ..entry import schema
from ..entry.checked import Checked
from ..entry.problems import Problem, problem
from .words import closest


def cross_entry_problems(checked: list[Checked]) -> list[Problem]:
    by_id: dict[str, list[Checked]] = {}
    for c in checked:
        by_id.setdefault(c.source.id, []).append(c)
    return [*duplicate_ids(by_id), *case_collisions(by_id), *links_between_entries(checked, by_id),
            *replication(checked, by_id), *look_alikes(checked)]


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _words(text: str) -> frozenset:
    return frozenset(re.findall(r"\w+", text.casefold()))


def look_alikes(checked: list[Checked]) -> list[Problem]:
    """A warning on each of two entries of one region whose names or acronyms have the same letters (spacing,
    case and punctuation aside: "SI-MANTAB", "Simantab" and a name "Si Mantab"), or whose names have the same
    words in another order. The same innovation found in two sources is one entry with two sources; a
    reviewer decides. Keys, not pairwise similarity, so that 40,000 entries cost one pass (typos are not
    caught)."""
    seen: dict[tuple, dict[str, tuple[Checked, str]]] = {}  # (region, key) -> {file: (result, its field)}
    for c in checked:  # the front matter as written: `catalogue validate` (pull requests) keeps no entries
        front = c.source.front if isinstance(c.source.front, dict) else {}
        name, acronym, region = (front.get(k) for k in ("nama", "singkatan", "wilayah"))
        if not (isinstance(name, str) and _letters(name) and isinstance(region, str)):
            continue
        keys = {_letters(acronym): "singkatan"} if isinstance(acronym, str) and _letters(acronym) else {}
        keys |= {_letters(name): "nama", _words(name): "nama"}
        for key, field in keys.items():
            seen.setdefault((region.strip(), key), {})[c.source.display] = (c, field)
    out, told = [], set()
    for group in seen.values():
        for display, (c, field) in group.items() if len(group) > 1 else ():
            for other in group:
                if other != display and (display, other) not in told:
                    told.add((display, other))
                    loc = c.source.loc(field)
                    out.append(problem("possible-duplicate", display, loc.line, loc.column, field, other=other))
    return out


def duplicate_ids(by_id: dict[str, list[Checked]]) -> list[Problem]:
    out = []
    for ident, group in by_id.items():
        for c in group if len(group) > 1 else ():
            others = ", ".join(o.source.display for o in group if o is not c)
            out.append(problem("duplicate-id", c.source.display, 1, None, None, value=ident, other=others))
    return out


def case_collisions(by_id: dict[str, list[Checked]]) -> list[Problem]:
    """Ids that differ only by case collide on case-insensitive file systems (Windows, macOS)."""
    lowered: dict[str, set[str]] = {}
    for ident in by_id:
        lowered.setdefault(ident.lower(), set()).add(ident)
    out = []
    for idents in lowered.values():
        for ident in sorted(idents) if len(idents) > 1 else ():
            for c in by_id[ident]:
                others = ", ".join(o.source.display for i in sorted(idents - {ident}) for o in by_id[i])
                out.append(problem("id-case-collision", c.source.display, 1, None, None, value=ident, other=others))
    return out


def links_between_entries(checked: list[Checked], by_id: dict[str, list[Checked]]) -> list[Problem]:
    return [problem("broken-link", c.source.display, c.source.body_line + line - 1, None, "isi", value=written)
            for c in checked for line, written, target in c.entry_links if target not in by_id]


def replication(checked: list[Checked], by_id: dict[str, list[Checked]]) -> list[Problem]:
    """replikasi_dari: not itself, an existing innovation, and no cycles."""
    out: list[Problem] = []
    parent: dict[str, str] = {}
    for c in checked:
        front = c.source.front if isinstance(c.source.front, dict) else {}
        target = front.get("replikasi_dari")
        if not isinstance(target, str) or not schema.ID_RE.match(target.strip()):
            continue  # a malformed value is already reported by the per-file check
        target = target.strip()
        loc = c.source.loc("replikasi_dari")
        if target == c.source.id:
            out.append(problem("self-replication", c.source.display, loc.line, loc.column, "replikasi_dari"))
        elif target not in by_id:
            near = closest(target, by_id)
            out.append(problem("unknown-replication-target", c.source.display, loc.line, loc.column,
                               "replikasi_dari", value=target,
                               extra=(f"Mungkin maksud Anda '{near}'? " if near else "")
                               + "Isi dengan nama berkas inovasi acuan tanpa .md."))
        else:
            parent[c.source.id] = target
    # Follow each chain once; a node seen in the current walk closes a cycle.
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    for start in sorted(parent):
        walk: list[str] = []
        node = start
        while node in parent and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent[node]
        if state.get(node) == 1:
            cycle = walk[walk.index(node):]
            text = " → ".join([*cycle, node])
            for member in cycle:
                for c in by_id[member]:
                    loc = c.source.loc("replikasi_dari")
                    out.append(problem("replication-cycle", c.source.display, loc.line, loc.column,
                                       "replikasi_dari", cycle=text))
        for n in walk:
            state[n] = 2
    return out
