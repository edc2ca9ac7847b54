"""Read entry files: split front matter from body, parse YAML with locations.

Parsing uses libyaml (CSafeLoader) in two steps, compose then construct, so
that every key and list item keeps its line and column for error messages
and duplicate keys can be caught (PyYAML would silently keep the last one).
Dates are left as text (the timestamp resolver is removed) so the validator
parses them itself and can explain a bad one.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from .problems import Problem, problem
from .yamlerrors import explain


class _Loader(yaml.CSafeLoader):
    def resolve(self, kind, value, implicit):
        """The tag of a plain scalar depends on its text alone; keys and choices repeat in every file, so each
        text is resolved once (the C parser calls this in Python for every scalar: 40 per entry)."""
        if kind is yaml.ScalarNode and implicit[0] and len(value) <= 40:
            tag = _TAGS.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(_TAGS) < 20_000:
                    _TAGS[value] = tag
            return tag
        return super().resolve(kind, value, implicit)


_TAGS: dict[str, str] = {}


_STR, _INT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int"
# What Indonesians write and YAML 1.1 misreads: 150.000 (thousands dots) would be the float 150.0, so it
# stays text and the validator asks for 150000; 0511123 (a leading zero) would be octal, so it is read as
# a decimal number.
_THOUSANDS = re.compile(r"^[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$")
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9]+$")
_Loader.yaml_implicit_resolvers = {
    first: [*([(_STR, _THOUSANDS)] if first in "+-123456789" else []),
            *([(_INT, _LEADING_ZERO)] if first in "+-0" else []),
            *[(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}


class Loc(NamedTuple):  # a tuple: one is made per key and item of every file
    line: int
    column: int
    raw: str | None = None  # the scalar exactly as written, for hints (63.10 vs "63.10")


@dataclass
class SourceFile:
    path: Path
    display: str  # the path shown to people: relative to the working directory when possible
    front: object = None  # the parsed front matter (a dict when well formed)
    body: str = ""
    body_line: int = 1
    end_line: int = 1  # the closing '---' of the front matter
    locations: dict[str, Loc] = field(default_factory=dict)  # dotted field path -> where
    problems: list[Problem] = field(default_factory=list)
    digest: str = ""  # of the bytes read (the validation cache keys results by it)

    @property
    def id(self) -> str:
        return self.path.stem

    def loc(self, field_path: str) -> Loc:
        """Where a field is written; falls back to its parent, then the front matter start."""
        while field_path:
            if field_path in self.locations:
                return self.locations[field_path]
            field_path = field_path.rpartition(".")[0] if "." in field_path else field_path.rpartition("[")[0]
        return Loc(1, 1)


def display_path(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return Path(rel).as_posix() if not rel.startswith("..") else path.as_posix()


def discover(entries_dir: Path) -> list[Path]:
    """Every entry (.md) below the entries folder, in a stable order (see discover_all)."""
    return discover_all(entries_dir)[0]


def is_entry_name(name: str) -> bool:
    return name.endswith(".md") and name != "README.md"


def discover_all(entries_dir: Path) -> tuple[list[Path], list[Path]]:
    """(entries, every other file) below the entries folder, each in a stable order. README.md files are
    neither. os.walk with string paths: pathlib's rglob costs a noticeable share of 30,000 files."""
    top = str(entries_dir)
    found: list[tuple[str, str, object]] = []
    for folder, dirs, names in os.walk(top):
        rel = os.path.relpath(folder, top).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        # A child of the folder's Path costs half of Path(full path) (a private method: the plain join else).
        base = Path(folder)
        child = getattr(base, "_make_child_relpath", base.joinpath)
        found += [(prefix + n, n, child) for n in names if n != "README.md"]
    found.sort(key=lambda f: f[0])
    entries = [child(n) for _, n, child in found if is_entry_name(n)]
    others = [child(n) for _, n, child in found if not is_entry_name(n)]
    return entries, others


MAX_BYTES = 256 * 1024  # an entry is a few KB; anything near this is a mistake or an attack
MAX_DEPTH = 12  # the deepest legitimate structure is hasil.lainnya[i].sebelum (4 levels)
_DEEP_INDENT = re.compile(r"^ {%d,}" % (MAX_DEPTH * 4 + 1), re.M)


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_entry(path: Path, display: str | None = None) -> SourceFile:
    src = SourceFile(path=path, display=display or display_path(path))
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
        src.digest = digest(data)
    except OSError as exc:
        src.problems.append(problem("file-unreadable", src.display, 1, detail=exc.strerror or str(exc)))
        return src
    if len(data) > MAX_BYTES:
        src.problems.append(problem("file-too-large", src.display, 1, limit=MAX_BYTES // 1024))
        return src
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        src.problems.append(problem("file-unreadable", src.display, line,
                                    detail=f"byte 0x{data[exc.start]:02x} bukan teks UTF-8"))
        return src
    parse_text(src, text)
    return src


_DASHES = re.compile(r"^\s*(?:[-\u2013\u2014]\s*){2,}$|^\s*[\u2013\u2014]\s*$")  # ----, - - -, an em dash


def parse_text(src: SourceFile, text: str) -> None:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        src.problems.append(problem("file-empty", src.display, 1, 1))
        return
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        src.problems.append(problem("front-matter-missing", src.display, 1, 1))
        return
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if close is None:  # point at a closing line mistyped (----, an em dash), else where the body starts
        at = next((i for i in range(1, len(lines)) if _DASHES.match(lines[i])), None)
        at = at or next((i for i in range(1, len(lines)) if lines[i].startswith("##")), 0)
        src.problems.append(problem("front-matter-unclosed", src.display, at + 1, 1))
        return
    src.end_line = close + 1
    src.body_line = close + 2
    src.body = "\n".join(lines[close + 1:])
    _parse_yaml(src, "\n".join(lines[1:close]) + "\n", offset=1)


def _precheck(src: SourceFile, text: str, offset: int) -> bool:
    """Refuse what YAML allows but entries never need: anchors/aliases (alias bombs) and deep nesting.

    The event scan only runs when '&' or '*' occur at all, so ordinary files pay nothing for it."""
    if text.count("[") + text.count("{") > MAX_DEPTH:  # only then can brackets nest too deep
        depth, line = 0, 1
        for ch in text:
            if ch == "\n":
                line += 1
            elif ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    src.problems.append(problem("too-deep", src.display, line + offset, None, limit=MAX_DEPTH))
                    return False
            elif ch in "]}":
                depth = max(0, depth - 1)
    if m := _DEEP_INDENT.search(text):
        src.problems.append(problem("too-deep", src.display, text.count("\n", 0, m.start()) + 1 + offset, None,
                                    limit=MAX_DEPTH))
        return False
    if "&" not in text and "*" not in text:
        return True
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                src.problems.append(problem("yaml-alias", src.display, mark.line + 1 + offset, mark.column + 1))
                return False
    except yaml.YAMLError:
        return True  # the syntax error is reported, with its line, by the real parse
    return True


def _parse_yaml(src: SourceFile, text: str, offset: int) -> None:
    if not _precheck(src, text, offset):
        return
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            src.front = {}
            return
        if not isinstance(node, yaml.MappingNode):
            src.problems.append(problem("front-matter-not-mapping", src.display,
                                        node.start_mark.line + 1 + offset, node.start_mark.column + 1))
            return
        src.front = _walk(src, node, "", offset, loader)
    except yaml.MarkedYAMLError as exc:
        line, col, detail, hint = explain(text, exc)
        src.problems.append(problem("yaml-syntax", src.display, line + offset if line else None, col,
                                    detail=detail, advice=hint))
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        line, col, detail, hint = explain(text, exc)
        src.problems.append(problem("yaml-syntax", src.display, (line or 1) + offset, col or 1, detail=detail,
                                    advice=hint))
    finally:
        loader.dispose()


_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


def _walk(src: SourceFile, node: yaml.Node, path: str, offset: int, loader: yaml.CSafeLoader):
    """Record where every key and item is written, and build the value in the same pass (PyYAML's
    constructor would walk the tree again). Plain strings are taken as they are; other scalars (numbers,
    booleans, null) and any explicit tag go through the safe constructor, which refuses unknown tags."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag == _INT and _LEADING_ZERO.match(node.value):
            return int(node.value, 10)
        return loader.construct_object(node)
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        out: dict = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
            child = f"{path}.{key}" if path else key
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                src.problems.append(problem("duplicate-key", src.display, line, key_node.start_mark.column + 1,
                                            field=child, first_line=seen[key]))
                continue
            seen[key] = line
            raw = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            src.locations[child] = Loc(line, key_node.start_mark.column + 1, raw)
            out[key] = _walk(src, value_node, child, offset, loader)
        return out
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        items = []
        for i, item in enumerate(node.value):
            child = f"{path}[{i}]"
            raw = item.value if isinstance(item, yaml.ScalarNode) else None
            src.locations[child] = Loc(item.start_mark.line + 1 + offset, item.start_mark.column + 1, raw)
            items.append(_walk(src, item, child, offset, loader))
        return items
    return loader.construct_object(node, deep=True)  # an explicit tag: constructed (or refused) by PyYAML
