"""The innovation page: the contributor's body (Markdown, sanitised) and a view of everything else.

The view is plain data (facts, measured results, the replication chain and tree, contacts, links);
theme_overrides/inovasi.html renders it with Jinja's autoescape, the way Material's blog plugin renders
posts. Nothing an entry writes can become generated markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from jinja2.utils import htmlsafe_json_dumps

from ...entry import schema
from ...entry.model import Award, Entry, Measure
from ...opendata.export import regulation_text
from .. import aggregate, previews
from . import routes
from .base import GeneratedPage
from .markup import number, with_unit


@dataclass(frozen=True)
class Bit:
    """A piece of text, a link when `href` is set, a badge when `badge` is set (its CSS modifier)."""
    text: str
    href: str | None = None
    badge: str | None = None
    after: str = ""  # plain text after the link, e.g. " (utama)"


@dataclass(frozen=True)
class Bar:
    label: str
    cls: str
    width: int  # percent of the larger value, in steps of 5 (CSS classes ki-w-0 … ki-w-100)
    value: str


@dataclass(frozen=True)
class Measured:
    """A before/after card of the results section."""
    title: str
    bars: tuple[Bar, ...]
    change: str


@dataclass(frozen=True)
class Node:
    """An innovation in the replication tree below this one: its link, region and own replications."""
    link: Bit
    region: str
    children: tuple["Node", ...]


@dataclass(frozen=True)
class Replication:
    """Where the innovation stands in replikasi_dari chains: the role models above it, the tree below."""
    chain: tuple[tuple[Bit, str], ...]  # the role models above, oldest first: (link, region name)
    origin_region: Bit | None  # the region of the nearest role model
    direct: int
    tree: tuple[Node, ...]
    total: int


@dataclass(frozen=True)
class View:
    name: str
    example: bool
    stopped: bool
    facts: tuple[tuple[str, tuple[Bit, ...]], ...]
    results: tuple[Measured, ...]
    replication: Replication | None
    contacts: tuple[tuple[str, Bit], ...]
    links: tuple[Bit, ...]
    source: str
    edit_url: str | None
    report_url: str | None
    listed: frozenset[str] = frozenset()  # facts shown one per line (awards, regulations): their labels
    summary: bool = False  # a summary from public sources (kelengkapan: ringkasan)
    sources: tuple[Bit, ...] = ()  # sumber: link, "(diakses …)" after
    form_url: str = ""  # the form, opened with this entry ("Lengkapi/Perbarui lewat formulir")
    byline: tuple[Bit, ...] = ()  # the region (linked) and the work unit, under the title
    lead: str = ""  # one line on what it does (a complete entry's Tujuan); a summary's text starts at once
    image: str = ""  # its link preview (og:image), relative to the site's root: its region's
    jsonld: str = ""  # schema.org data as compact JSON, safe inside <script> (partials/pratinjau.html)
    similar: tuple[tuple[Bit, str], ...] = ()  # Inovasi serupa: (link, its region's name)

    # Sections the template adds around the body, for the table of contents: (anchor, title).
    def sections(self) -> tuple[tuple[str, str], ...]:
        return tuple((anchor, title) for anchor, title, shown in (
            ("ki-hasil-terukur", "Hasil terukur", bool(self.results)),
            ("ki-replikasi", "Replikasi", self.replication is not None),
            ("ki-kontak", "Kontak", bool(self.contacts)),
            ("ki-tautan", "Tautan", bool(self.links)),
            ("ki-sumber-publik", "Sumber", bool(self.sources))) if shown)


_LISTED = frozenset({schema.LABELS["penghargaan"], schema.LABELS["regulasi"]})
_RESULT_VERBS = {"langkah": "dipangkas", "waktu_hari": "lebih cepat", "biaya_rp": "dihemat"}
_CONTACT_LABELS = {p.name: p.label for p in schema.CONTACT}


class InnovationPage(GeneratedPage):
    template = "inovasi.html"

    def __init__(self, site, entry: Entry):
        super().__init__(site)
        self.entry = entry
        self.src_uri = routes.innovation(entry.id)
        self.title = entry.title

    def meta(self) -> dict:
        # Material prints the description unescaped into an attribute; the body's summary is plain text.
        # No table of contents: its four or five standard headings were ~0.9 KB of every page (36 MB of the
        # site at 40,000 innovations, issue 26), shown only beside the text on wide screens.
        return {"template": self.template, "ki_entri": True,  # ki_entri: the short nav (partials/nav.html)
                "description": html.escape(self.entry.summary or self.entry.nama), "hide": ["toc"]}

    def markdown(self) -> str:
        # The body itself, not a copy: at 30,000 innovations every copy costs ~150 MB (Python-Markdown
        # ignores the blank lines around it).
        return self.entry.body

    def link_targets(self) -> dict[str, tuple[str, str | None, str]]:
        """Link and image targets as the contributor wrote them (checked by the validator) -> (URL from this
        page, the target page's src_uri or None for an image, anchor)."""
        out = {}
        for written, target in self.entry.links:
            anchor = written.split("#", 1)[1] if "#" in written else ""
            out[written] = (self.href(target) + ("#" + anchor if anchor else ""), target, anchor)
        for written, rel in self.entry.images:
            out[written] = (self.href_file(routes.image(rel)), None, "")
        return out

    def raw_image_sources(self) -> dict[str, str]:
        """<img src> in the body's raw HTML (MkDocs leaves raw HTML alone) -> the published image's URL."""
        return {written: self.href_file(routes.image(rel)) for written, rel in self.entry.images}

    # --- the view -----------------------------------------------------------------------------------
    def view(self) -> View:
        e = self.entry
        return View(e.title, e.contoh, e.status == "dihentikan", self._facts(), self._results(),
                    self._replication(), self._contacts(),
                    tuple(Bit(t.judul, t.url) for t in e.tautan), e.source, self.site.edit_url(e),
                    self.site.report_url(e, self.site.site_url + routes.url(self.src_uri)), _LISTED, e.is_summary,
                    tuple(Bit(s.judul, s.url, after=f" (diakses {s.diakses.label})" if s.diakses else "")
                          for s in e.sumber), f"{self.href(routes.SUBMIT)}?entri={e.id}", self._byline(),
                    "" if e.is_summary else e.summary, previews.path(self.ref.regions[e.region_code].slug),
                    self._jsonld(), self._similar())

    def _similar(self) -> tuple[tuple[Bit, str], ...]:
        cat = self.site.index.catalogue
        return tuple((self._link(cat.by_id[s]), self.ref.regions[cat.by_id[s].region_code].name)
                     for s in cat.similar.get(self.entry.id, ()))

    def _jsonld(self) -> str:
        """The innovation as schema.org sees a work: its name, acronym, what it does, the region it serves, the
        work unit that made it, when, its awards and the public sources it rests on (their addresses: the
        page lists their titles). Compact, in every innovation page's head: spaces and repeated names cost
        ~0.3 KB a page, 12 MB at 40,000."""
        e, ref = self.entry, self.ref
        data = {"@context": "https://schema.org", "@type": "CreativeWork", "name": e.nama}
        if e.singkatan:
            data["alternateName"] = e.singkatan
        data["description"] = e.summary or e.nama
        if self.site.site_url:  # absolute only: without site_url there is no address to give
            data["url"] = self.site.site_url + routes.url(self.src_uri)
        data["spatialCoverage"] = {"@type": "AdministrativeArea", "name": ref.regions[e.region_code].name}
        data["creator"] = {"@type": "GovernmentOrganization", "name": e.perangkat_daerah}
        if e.waktu_uji_coba or e.waktu_penerapan:
            data["dateCreated"] = (e.waktu_uji_coba or e.waktu_penerapan).iso
        if e.waktu_penerapan:
            data["temporalCoverage"] = f"{e.waktu_penerapan.iso}/.."
        data["about"] = [ref.areas[a].label for a in e.bidang]
        if e.penghargaan:
            data["award"] = [self._award(a).text for a in e.penghargaan]
        if e.sumber:
            data["citation"] = [s.url for s in e.sumber]  # schema.org: a CreativeWork or Text
        # Jinja's own tojson escaping ("<", ">", "&" and "'" as unicode escapes), without its spaces.
        return str(htmlsafe_json_dumps(data, ensure_ascii=False, separators=(",", ":")))

    def _byline(self) -> tuple[Bit, ...]:
        region = self.ref.regions[self.entry.region_code]
        return (Bit(region.name, self.href(routes.region(region.slug))), Bit(self.entry.perangkat_daerah))

    def _link(self, other: Entry) -> Bit:
        return Bit(other.title, self.href(routes.innovation(other.id)))

    def _facts(self) -> tuple:
        e, ref = self.entry, self.ref
        facts = [  # the region and the work unit are under the title (_byline)
            ("bidang", tuple(Bit(ref.areas[a].label, self.href(routes.area(a)),
                                 after=" (utama)" if i == 0 and len(e.bidang) > 1 else "")
                             for i, a in enumerate(e.bidang))),
        ]
        facts += [(key, (Bit(ref.choices[key][getattr(e, key)]),)) for key in ("bentuk", "jenis", "tahapan")
                  if getattr(e, key)]  # a summary may not know them
        if e.inisiator:
            facts.append(("inisiator", (Bit(ref.choices["inisiator"][e.inisiator]),)))
        if e.urusan:
            facts.append(("urusan", tuple(Bit(ref.urusan[u]) for u in e.urusan)))
        for key in ("waktu_uji_coba", "waktu_penerapan"):
            if getattr(e, key):
                facts.append((key, (Bit(getattr(e, key).label),)))
        if e.reported or not e.is_summary:  # a summary cannot know that it was not reported
            facts.append(("dilaporkan_kemendagri", (Bit(e.dilaporkan_kemendagri.label),) if e.reported
                          else (Bit("Belum dilaporkan", badge="belum"),)))
        if e.status != "aktif" or not e.is_summary:
            facts.append(("status", (Bit(ref.choices["status"][e.status]),)))
        cat = self.site.index.catalogue
        if e.replikasi_dari in cat.by_id:
            facts.append(("replikasi_dari", (self._link(cat.by_id[e.replikasi_dari]),)))
        if e.singkatan:
            facts.insert(0, ("singkatan", (Bit(e.singkatan),)))
        if e.penghargaan:
            facts.append(("penghargaan", tuple(self._award(a) for a in
                                               sorted(e.penghargaan, key=lambda a: (-a.tahun, a.nama)))))
        if e.regulasi:
            facts.append(("regulasi", tuple(Bit(regulation_text(r)) for r in e.regulasi)))
        if e.tag:
            facts.append(("tag", tuple(Bit(t) for t in e.tag)))
        return tuple((schema.LABELS[key], value) for key, value in facts)

    def _award(self, a: Award) -> Bit:
        """"Kalsel Innovation Award 2023, tingkat provinsi: Juara 1" """
        level = self.ref.choices["tingkat"][a.tingkat].lower()
        return Bit(f"{a.nama} {a.tahun}, tingkat {level}" + (f": {a.peringkat}" if a.peringkat else ""))

    def _results(self) -> tuple[Measured, ...]:
        e = self.entry
        out = [measured(schema.RESULT_KEYS[key][0], schema.RESULT_KEYS[key][1], m, _RESULT_VERBS[key])
               for key, m in e.hasil]
        out += [measured(i.indikator, i.satuan, Measure(i.sebelum, i.sesudah), None) for i in e.hasil_lainnya]
        return tuple(out)

    def _replication(self) -> Replication | None:
        e, cat = self.entry, self.site.index.catalogue
        above, below = aggregate.ancestors(cat, e), aggregate.descendants(cat, e)
        if not above and not below:
            return None
        region = lambda x: cat.reference.regions[x.region_code]  # noqa: E731
        origin = None
        if above:
            first = region(above[0])
            origin = Bit(first.name, self.href(routes.region(first.slug)))
        # depth-first (depth, entry) list -> nested nodes
        roots: list[tuple[Node, list]] = []
        stack: list[list] = [roots]
        for depth, child in below:
            del stack[depth:]
            kids: list = []
            stack[-1].append((child, kids))
            stack.append(kids)

        def freeze(items) -> tuple[Node, ...]:
            return tuple(Node(self._link(c), region(c).name, freeze(k)) for c, k in items)
        return Replication(tuple((self._link(a), region(a).name) for a in reversed(above)), origin,
                           sum(1 for d, _ in below if d == 1), freeze(roots), len(below))

    def _contacts(self) -> tuple[tuple[str, Bit], ...]:
        return tuple((_CONTACT_LABELS[k], Bit(v, "mailto:" + v if k == "email" else None)) for k, v in self.entry.kontak)


def _share(diff: float, before: float, after: float) -> str:
    """" (−40%)": the change in whole percent, except where rounding would say more than happened: a cost
    cut from Rp91.763.000 to Rp280.000 is −99,7 %, not −100 % (gone), and a small change is not 0 %."""
    pct, sign = abs(diff) * 100 / before, "−" if diff < 0 else "+"
    whole = round(pct)
    if whole == 100 and pct != 100 and after != 0:
        one = round(pct, 1)
        if one == 100:  # 99.95 to 100.05: the nearest tenth that is not 100
            one = 99.9 if pct < 100 else 100.1
        return f" ({sign}{number(one)}%)"
    if whole == 0:
        return f" ({sign}{number(round(pct, 1))}%)" if pct >= 0.05 else " (kurang dari 0,1%)"
    return f" ({sign}{number(whole)}%)"


def measured(title: str, unit: str, m: Measure, verb: str | None) -> Measured:
    """A before/after card: two bars scaled to the larger value and a sentence saying what changed."""
    top = max(m.sebelum, m.sesudah) or 1
    diff = m.sesudah - m.sebelum
    if diff == 0:
        change = "Tidak berubah"
    else:
        pct = _share(diff, m.sebelum, m.sesudah) if m.sebelum else ""
        if verb and diff < 0:
            change = f"{with_unit(-diff, unit)} {verb}{pct}"
        else:
            amount = f"{number(abs(diff))} poin persen" if unit.lower() in ("persen", "%") else with_unit(abs(diff), unit)
            change = f"{'Turun' if diff < 0 else 'Naik'} {amount}{pct}"
    bars = tuple(Bar(label, cls, int(round(20 * v / top)) * 5, with_unit(v, unit))
                 for label, cls, v in (("Sebelum", "sebelum", m.sebelum), ("Sesudah", "sesudah", m.sesudah)))
    return Measured(title, bars, change)
