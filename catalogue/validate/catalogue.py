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
    """A warning on each of two entries of one region with the same acronym, or names with the same letters
    (spacing, case and punctuation aside: "SI-MANTAB" and "Simantab") or the same words in another order.
    The same innovation found in two sources is one entry with two sources; a reviewer decides. Keys, not
    pairwise similarity, so that 40,000 entries cost one pass (typos are not caught)."""
    seen: dict[tuple, list[Checked]] = {}
    for c in checked:
        e = c.entry
        if e is None:
            continue
        keys = {("singkatan", _letters(e.singkatan))} if e.singkatan and _letters(e.singkatan) else set()
        keys |= {("nama", _letters(e.nama)), ("nama", _words(e.nama))}
        for kind, key in keys:
            seen.setdefault((e.region_code, kind, key), []).append(c)
    out, told = [], set()
    for (_, kind, _), group in seen.items():
        for c in group if len(group) > 1 else ():
            for o in group:
                if o is not c and (c.source.display, o.source.display) not in told:
                    told.add((c.source.display, o.source.display))
                    field = "singkatan" if kind == "singkatan" else "nama"
                    loc = c.source.loc(field)
                    what = "singkatan" if kind == "singkatan" else "nama"
                    out.append(problem("possible-duplicate", c.source.display, loc.line, loc.column, field,
                                       what=what, other=o.source.display))
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
