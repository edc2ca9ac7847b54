"""Link previews and structured data (issue 30): every innovation page has Open Graph and Twitter tags, a
canonical link and schema.org JSON-LD, absolute from site_url; without site_url the tags that need an
absolute address are left out. The preview images are made at build time, the same bytes every time."""

from __future__ import annotations

import json
import re
import shutil
import struct

import pytest
from conftest import copy_entries, new_project

from catalogue.entry.reference import load_reference
from catalogue.validate import validate

SITE_URL = "https://contoh.go.id/katalog/"
REF = load_reference()


@pytest.fixture(scope="module", params=["dengan-site-url", "tanpa-site-url"])
def published(request, tmp_path_factory):
    project = new_project(tmp_path_factory.mktemp(request.param))
    shutil.rmtree(project.entries)
    copy_entries(project.entries, examples=False)
    with_url = request.param == "dengan-site-url"
    out = project.run("build", check=True, env={"CATALOGUE_SITE_URL": SITE_URL if with_url else ""})
    cat, _ = validate(project.entries, REF, root=project.root)
    return project.root / "site", cat, with_url, out.stderr


def meta(html: str) -> dict[str, str]:
    return dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[\w:]+)" content="([^"]*)"', html))


def test_every_innovation_page_has_previews_and_schema_org_data(published):
    site, cat, with_url, _ = published
    for e in cat.entries:
        html = (site / "inovasi" / e.id / "index.html").read_text(encoding="utf-8")
        tags = meta(html)
        page_url = f"{SITE_URL}inovasi/{e.id}/"
        assert tags["og:type"] == "article" and tags["og:site_name"] and tags["og:description"], e.id
        assert tags["og:title"] == e.title.replace("&", "&amp;").replace('"', "&#34;"), e.id
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
        assert data["@context"] == "https://schema.org" and data["@type"] == "CreativeWork" and data["name"] == e.nama
        assert data["creator"] == {"@type": "GovernmentOrganization", "name": e.perangkat_daerah}
        assert data["spatialCoverage"]["name"] == REF.regions[e.region_code].name
        assert data.get("citation", []) == [s.url for s in e.sumber]
        assert data.get("alternateName") == e.singkatan
        if with_url:
            slug = REF.regions[e.region_code].slug
            assert tags["og:url"] == page_url and data["url"] == page_url
            assert tags["og:image"] == f"{SITE_URL}assets/pratinjau/{slug}.png"
            assert tags["twitter:card"] == "summary_large_image"
            assert f'<link rel="canonical" href="{page_url}">' in html
            assert re.search(r'id="ki-bagikan-wa" href="https://wa\.me/\?text=[^"]+"', html)
        else:
            assert "og:url" not in tags and "og:image" not in tags and "url" not in data
            assert tags["twitter:card"] == "summary" and 'rel="canonical"' not in html
        assert 'id="ki-bagikan-salin"' in html and 'id="ki-bagikan-lain"' in html  # copy link, native share


def test_the_preview_images_are_made_and_named_only_with_an_address(published):
    site, _, with_url, stderr = published
    images = sorted((site / "assets" / "pratinjau").glob("*.png")) if (site / "assets" / "pratinjau").is_dir() else []
    if not with_url:
        assert images == [] and "pratinjau tautan (og:url, og:image) tidak dibuat" in stderr
        return
    assert {p.stem for p in images} == {"katalog", *(r.slug for r in REF.regions.values())}
    for p in images:
        data = p.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24]) == (1200, 630)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert meta(home)["og:image"] == f"{SITE_URL}assets/pratinjau/katalog.png" and meta(home)["og:type"] == "website"
    region = (site / "wilayah" / "tapin" / "index.html").read_text(encoding="utf-8")
    assert meta(region)["og:image"] == f"{SITE_URL}assets/pratinjau/tapin.png"


def test_the_same_text_draws_the_same_image():
    from catalogue.site import previews
    assert previews.draw("Katalog", "Kabupaten Tapin", "baris") == previews.draw("Katalog", "Kabupaten Tapin", "baris")
