"""Inovasi serupa (issue 30): every innovation page lists up to five innovations of other regions most like
it, computed from what the entries say; related entries planted in different regions find each other, the
lists are the same whatever order the files are read in, and a changed entry re-renders only the pages whose
list changes."""

from __future__ import annotations

import random

import pytest
from conftest import REPO, entry_text, front, new_project

from catalogue.entry.reference import load_reference
from catalogue.site import similar
from catalogue.validate import validate

REF = load_reference()

DUKCAPIL = "Dinas Kependudukan dan Pencatatan Sipil"
HOSPITAL = "Rumah Sakit Umum Daerah"
FARM = "Dinas Pertanian"
# Planted: three population-registry offices taking documents to people's homes, written differently
# (one says "adminduk", one the long form); two hospitals delivering medicine; farming entries; and in the
# first registry office's own region a near twin, which must not be listed (other regions only).
PLANTED = {
    "banjar/antar-dokumen.md": ("Antar Dokumen Kependudukan ke Rumah Warga", "63.03", DUKCAPIL, ["administrasi"],
                                "Petugas mengantar akta kelahiran, kartu keluarga dan KTP-el ke rumah warga "
                                "sehingga warga tidak perlu datang ke kantor dinas."),
    "banjar/kembaran.md": ("Jemput Dokumen Kependudukan Warga Desa", "63.03", DUKCAPIL, ["administrasi"],
                           "Petugas menjemput berkas dan mengantar dokumen kependudukan ke rumah warga desa."),
    "tapin/dokumen-sampai-rumah.md": ("Dokumen Sampai Rumah", "63.05", DUKCAPIL, ["administrasi"],
                                      "Dokumen adminduk seperti kartu keluarga dan akta kelahiran diantar ke "
                                      "rumah warga oleh petugas dinas tanpa biaya."),
    "balangan/kurir-adminduk.md": ("Kurir Administrasi Kependudukan", "63.11", DUKCAPIL, ["administrasi"],
                                   "Kurir dinas mengantar kartu keluarga, akta dan KTP-el yang sudah jadi ke "
                                   "rumah warga di desa yang jauh dari kantor."),
    "tabalong/obat-antar.md": ("Layanan Antar Obat Pasien", "63.09", HOSPITAL, ["sosial"],
                               "Apotek rumah sakit mengirim obat pasien penyakit kronis ke rumah pasien "
                               "sehingga pasien tidak antre di instalasi farmasi."),
    "banjarmasin/obat-pulang.md": ("Obat Pulang ke Rumah Pasien", "63.71", HOSPITAL, ["sosial"],
                                   "Instalasi farmasi rumah sakit mengantar obat rutin pasien penyakit kronis "
                                   "ke rumah dengan kurir."),
    "hulu-sungai-selatan/padi-apung.md": ("Tanam Padi di Lahan Rawa", "63.06", FARM, ["teknologi"],
                          "Petani menanam padi di lahan rawa dengan rakit bambu saat air pasang."),
    "hulu-sungai-utara/itik-rawa.md": ("Ternak Itik Rawa Terpadu", "63.08", FARM, ["frugal"],
                         "Peternak memelihara itik di lahan rawa bersama tanaman padi dan ikan."),
    "banjarbaru/bibit-cabai.md": ("Bibit Cabai untuk Kelompok Tani", "63.72", FARM, ["sosial"],
                                  "Kelompok tani mendapat bibit cabai dan pendampingan penyuluh pertanian."),
}


def sections(text: str) -> str:
    return "".join(f"## {s}\n\n{text}\n\n" for s in ("Latar Belakang", "Tujuan", "Manfaat", "Hasil"))


def planted(root):
    for rel, (name, region, unit, areas, text) in PLANTED.items():
        path = root / "entries" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(entry_text(front(nama=name, wilayah=region, perangkat_daerah=unit, bidang=areas),
                                   sections(text)), encoding="utf-8")
    cat, report = validate(root / "entries", REF, root=root)
    assert len(cat.entries) == len(PLANTED) and report.ok(), [p.message for p in report.problems]
    return cat


def test_planted_related_entries_in_other_regions_find_each_other(tmp_path):
    cat = planted(tmp_path)
    near = similar.compute(cat)
    by_id = cat.by_id
    dukcapil = {"antar-dokumen", "kembaran", "dokumen-sampai-rumah", "kurir-adminduk"}
    for one in dukcapil:  # the registry offices of the other regions come first
        others = {d for d in dukcapil if by_id[d].region_code != by_id[one].region_code}
        assert set(near[one][:len(others)]) == others, (one, near[one])
    assert near["obat-antar"][0] == "obat-pulang" and near["obat-pulang"][0] == "obat-antar"
    assert near["itik-rawa"][0] == "padi-apung"  # rice and ducks on swamp land
    for eid, ids in near.items():
        assert len(ids) <= similar.SHOWN and eid not in ids
        assert all(by_id[s].region_code != by_id[eid].region_code for s in ids), (eid, ids)  # other regions
    assert "kembaran" not in near["antar-dokumen"]  # its twin is of its own region


def test_an_entry_in_common_words_only_still_finds_its_likes(tmp_path, monkeypatch):
    # Every word in more than one entry counts as common: no entry has a word that is neither common nor of
    # one region only, so each falls back on its strongest common words.
    monkeypatch.setattr(similar, "COMMON", 0.0)
    monkeypatch.setattr(similar, "COMMON_FLOOR", 1)
    cat = planted(tmp_path)
    near = similar.compute(cat)
    assert all(near.values()), near
    assert set(near["kurir-adminduk"][:3]) == {"antar-dokumen", "kembaran", "dokumen-sampai-rumah"}
    assert near["obat-antar"][0] == "obat-pulang"


def test_the_lists_do_not_depend_on_the_order_entries_are_held_in(tmp_path, monkeypatch):
    monkeypatch.setattr(similar, "POSTINGS", 4)  # postings pruned among equal weights too
    planted(tmp_path)
    # Ten copies of each planted text in other regions: many exact ties, which are broken by id.
    regions = [r for r in REF.regions if r != "63"]
    for n in range(10):
        for rel, (name, region, unit, areas, text) in PLANTED.items():
            other = regions[(regions.index(region) + n + 1) % len(regions)]
            path = tmp_path / "entries" / REF.regions[other].slug / f"{n}-{rel.split('/')[1]}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(entry_text(front(nama=name, wilayah=other, perangkat_daerah=unit, bidang=areas),
                                       sections(text)), encoding="utf-8")
    cat, _ = validate(tmp_path / "entries", REF, root=tmp_path)
    first = similar.compute(cat)
    for seed in (1, 2, 3):
        random.Random(seed).shuffle(cat.entries)  # the catalogue sorts its entries; the lists must not need it
        assert similar.compute(cat) == first


@pytest.fixture(scope="module")
def real():
    cat, report = validate(REPO / "entries", REF, root=REPO)
    return cat, similar.compute(cat)


def test_nine_in_ten_real_innovations_list_at_least_three_from_other_regions(real):
    cat, near = real
    assert len(near) == len(cat.entries) >= 150
    assert sum(len(ids) >= 3 for ids in near.values()) >= 0.9 * len(near)


def test_real_registry_offices_and_public_service_malls_find_each_other(real):
    cat, near = real
    malls = [e.id for e in cat.entries if e.nama.startswith("Mal Pelayanan Publik")]
    assert len(malls) >= 4
    for m in malls:  # every mall's list is at least three other malls
        assert sum(s in malls for s in near[m]) >= 3, (m, near[m])
    offices = [e.id for e in cat.entries if "Kependudukan dan Pencatatan Sipil" in e.perangkat_daerah]
    registry = {e.id for e in cat.entries if e.id in offices or "adminduk" in e.id or "kependudukan" in e.id}
    assert len(offices) >= 10
    for d in offices:  # a population-registry office's list: at least three about the population registry
        assert sum(s in registry for s in near[d]) >= 3, (d, near[d])


def test_the_page_shows_the_list_and_a_changed_entry_re_renders_only_pages_whose_list_changes(tmp_path):
    from test_cache import build
    project = new_project(tmp_path)
    root = project.root
    cat = planted(root)
    assert build(project, "dingin")[0] == 0
    html = (root / "dingin" / "inovasi" / "antar-dokumen" / "index.html").read_text()
    section = html.split('id="ki-serupa"', 1)[1].split("</ul>", 1)[0]
    assert "Inovasi serupa di daerah lain" in section
    assert '<a href="../dokumen-sampai-rumah/">Dokumen Sampai Rumah</a> — Kabupaten Tapin' in section
    assert "Jemput Dokumen Kependudukan Warga Desa" not in section  # its own region's twin
    # A farming entry renamed: only the pages whose list names it, or whose list changes, are made again.
    before = similar.compute(cat)
    (root / "entries" / "banjarbaru" / "bibit-cabai.md").write_text(entry_text(
        front(nama="Bibit Cabai Hiyung untuk Kelompok Tani", wilayah="63.72", perangkat_daerah=FARM, bidang=["sosial"]),
        sections("Kelompok tani mendapat bibit cabai dan pendampingan penyuluh pertanian.")), encoding="utf-8")
    after = similar.compute(validate(root / "entries", REF, root=root)[0])
    again = {"bibit-cabai"} | {eid for eid, ids in after.items() if "bibit-cabai" in ids or ids != before[eid]}
    assert "antar-dokumen" not in again and 1 < len(again) < len(PLANTED) - 1
    cached, rendered, _ = build(project, "ubah")
    assert cached == len(PLANTED) - len(again)  # the rest come from the page cache
    showing = sorted(eid for eid, ids in after.items() if "bibit-cabai" in ids)
    assert "Bibit Cabai Hiyung" in (root / "ubah" / "inovasi" / showing[0] / "index.html").read_text()


def test_the_lists_are_kept_while_no_entry_changes_and_terms_while_their_entry_does_not(tmp_path):
    from catalogue.incremental import similarcache
    cat = planted(tmp_path / "satu")
    made, computed = [], []

    def terms_of(c, known=None):
        made.append(len(c.entries) - len(known or {}))
        return similar.terms_of(c, known)

    def compute(c, terms):
        computed.append(1)
        return similar.compute(c, terms)
    folder = tmp_path / "cache"
    first = similarcache.lists(folder, cat, terms_of, compute)
    assert first == similar.compute(cat) and made == [len(PLANTED)]
    assert similarcache.lists(folder, cat, terms_of, compute) == first and len(computed) == 1  # read back
    import gzip
    import json
    kept = json.loads(gzip.decompress((folder / similarcache.LISTS).read_bytes()))
    kept["daftar"]["obat-antar"] = ["tidak-ada", ["bukan", "teks"]]  # of the right key, but not this catalogue's
    (folder / similarcache.LISTS).write_bytes(gzip.compress(json.dumps(kept).encode()))
    assert similarcache.lists(folder, cat, terms_of, compute) == first and len(computed) == 2  # made again
    (tmp_path / "satu" / "entries" / "banjarbaru" / "bibit-cabai.md").write_text(entry_text(
        front(nama="Bibit Cabai", wilayah="63.72", perangkat_daerah=FARM, bidang=["sosial"]),
        sections("Kelompok tani mendapat bibit cabai.")), encoding="utf-8")
    changed, _ = validate(tmp_path / "satu" / "entries", REF, root=tmp_path / "satu")
    assert similarcache.lists(folder, changed, terms_of, compute) == similar.compute(changed)
    assert made[-1] == 1 and len(computed) == 3  # the changed entry's terms made, the others' kept
    for name in (similarcache.LISTS, similarcache.TERMS):
        (folder / name).write_bytes(b"\x1f\x8b rusak")
    assert similarcache.lists(folder, changed, terms_of, compute) == similar.compute(changed)
    assert made[-1] == len(PLANTED)  # a damaged file: everything made again
    assert similarcache.lists(None, changed, terms_of, compute) and made[-1] == len(PLANTED)  # no cache folder
