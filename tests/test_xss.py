"""An XSS corpus in entry bodies and every string field: nothing runs, nothing dangerous is published.

The site is built from the validated model even where the validator already complains (a reviewer
may merge by mistake), so this tests the last line of defence: escaping and the sanitiser.
"""

from __future__ import annotations

import gzip
import re
import time
from html.parser import HTMLParser

import pytest
from conftest import body, entry_text, front, serving

from catalogue.entry.problems import Report
from catalogue.entry.reference import load_reference
from catalogue.site.build import Options
from catalogue.validate import validate

pytest.importorskip("selenium")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from test_browser import browser  # noqa: E402,F401  (skips the module without Chromium)

REF = load_reference()
P = "window.__xss=1"
VECTORS = [
    f"<script>{P}</script>",
    f'<img src=x onerror="{P}">',
    f'<svg onload="{P}">',
    f"<svg><script>{P}</script></svg>",
    f'<math><mtext><table><mglyph><style><img src=x onerror="{P}">',
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    f'<body onload="{P}">',
    f'<a href="javascript:{P}">klik</a>',
    f'<a href="JaVaScRiPt:{P}">klik</a>',
    f'<a href="&#106;avascript:{P}">klik</a>',
    f'<a href="jav&#x09;ascript:{P}">klik</a>',
    f'<a href=" javascript:{P}">klik</a>',
    f'<a href="data:text/html,<script>{P}</script>">klik</a>',
    '<a href="vbscript:msgbox(1)">klik</a>',
    f'<img src="javascript:{P}">',
    "<img src=x:alert(1) onerror=eval(src)>",
    f'<div style="background:url(javascript:{P})">x</div>',
    "<style>*{background:url(//example.org/x.png)}</style>",
    '<link rel=stylesheet href="//example.org/x.css">',
    f'<meta http-equiv="refresh" content="0;url=javascript:{P}">',
    f'<object data="javascript:{P}"></object>',
    f'<embed src="javascript:{P}">',
    f'<form action="javascript:{P}"><button>x</button></form>',
    f'<input autofocus onfocus="{P}">',
    f'<details open ontoggle="{P}">x</details>',
    f'<video><source onerror="{P}"></video>',
    f'<audio src=x onerror="{P}">',
    f'<marquee onstart="{P}">x</marquee>',
    f'<base href="javascript:{P}//">',
    f'<textarea autofocus onfocus="{P}">x</textarea>',
    f'"><script>{P}</script>',
    f"'><img src=x onerror={P}>",
    f"</title><script>{P}</script>",
    f"</textarea><script>{P}</script>",
    f'<!--<img src="--><img src=x onerror={P}//">',
    f"<scr<script>ipt>{P}</scr</script>ipt>",
    f"<IMG SRC=x ONERROR={P}>",
    f'<img """><script>{P}</script>">',
    f'<svg><a xlink:href="javascript:{P}"><text x="20" y="20">x</text></a></svg>',
    f'<math href="javascript:{P}">x</math>',
    f"[klik](javascript:{P})",
    "[klik](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    f"![x](javascript:{P})",
    f'<a href="#" onclick="{P}">x</a>',
    f'<div onmouseover="{P}">x</div>',
    f'<span title="x" onpointerenter="{P}">x</span>',
    "<plaintext>",
]
BAD_TAGS = {"script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "input", "textarea",
            "svg", "math", "video", "audio", "marquee", "plaintext", "frame", "frameset", "applet"}
BAD_URL = re.compile(r"^\s*(javascript|vbscript|data):", re.I)


class Markup(HTMLParser):
    """Elements and attributes as the browser parses them; escaped text (&lt;script&gt;) is just text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in BAD_TAGS:
            self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href", "srcdoc") and value \
                    and BAD_URL.match(value):
                self.bad.append(f"{tag} {name}={value[:30]}")
            if name == "style" and "url(" in (value or ""):
                self.bad.append(f"{tag} style=url()")

    handle_startendtag = handle_starttag


def dangerous(fragment: str) -> list[str]:
    parser = Markup()
    parser.feed(fragment)
    return parser.bad


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    from conftest import new_project
    project = new_project(tmp_path_factory.mktemp("xss"))
    ids = []
    for i in range(0, len(VECTORS), 6):
        chunk = VECTORS[i:i + 6]
        v = chunk[0]
        data = front(nama=f"Layanan {v}", perangkat_daerah=f"Dinas {chunk[-1]}", tag=[v[:40], "aman"],
                     kontak={"unit": v[:150]}, tautan=[{"judul": v[:150], "url": "https://example.org/a"}],
                     hasil={"lainnya": [{"indikator": f"Ukuran {v}"[:150], "satuan": v[:60], "sebelum": 1,
                                         "sesudah": 2}]})
        ident = f"rawan-{i // 6:02d}"
        project.write(f"banjar/{ident}.md", entry_text(data, body() + "\n\n" + "\n\n".join(chunk) + "\n"))
        ids.append(ident)
    catalogue, report = validate(project.entries, REF, root=project.root)
    assert len(catalogue.entries) == len(ids)  # every entry still has its required fields
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    site = project.root / "site"
    cfg = load_config(str(project.root / "mkdocs.yml"), site_dir=str(site))
    cfg.plugins["catalogue"].options = Options(validated=(catalogue, Report([], len(ids))))  # publish anyway
    build(cfg)  # the plugin also builds the search bundle from the same (hostile) data
    with serving(site) as url:
        yield site, url, ids, report


def test_validator_flags_the_body_vectors(hostile_site):
    _, _, ids, report = hostile_site
    flagged = {p.file.rsplit("/", 1)[-1][:-3] for p in report.problems
               if p.code in ("unsafe-html", "image-external", "image-missing", "image-alt-missing")}
    assert flagged == set(ids)
    assert sum(p.code == "unsafe-html" for p in report.problems) >= 40


def test_published_html_has_no_dangerous_constructs(hostile_site):
    site, _, ids, _ = hostile_site
    assert len(VECTORS) >= 40
    for ident in ids:
        html = (site / "inovasi" / ident / "index.html").read_text()
        article = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        assert dangerous(article) == [], ident
        head = html.split("</head>", 1)[0]
        title = re.search(r"<title>(.*?)</title>", head, re.S).group(1)
        assert "<" not in title
        # the head may only hold the theme's own scripts and styles, and the link to the site's feed
        theme = re.sub(r'<script src="[^"]*assets/javascripts/[^"]*"></script>|<link rel="stylesheet" href="[^"]*'
                       r'(assets/stylesheets/|assets/catalogue.css)[^"]*">|<link rel="icon"[^>]*>|<meta [^>]*>'
                       r'|<link rel="alternate" type="application/atom\+xml" title="[^"<>]*" href="\.\./\.\./data/'
                       r'terbaru\.atom">', "", head)
        assert not [b for b in dangerous(theme) if not b.startswith("<script>")], ident
    for name in ("index.html", "data/index.html", "role-model/index.html", "wilayah/banjar/index.html"):
        page = (site / name).read_text()
        article = page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        assert dangerous(article) == [], name
    csv = gzip.decompress((site / "data" / "katalog.csv.gz").read_bytes()).decode("utf-8-sig")
    assert "\n=" not in csv and ",=" not in csv and ",+" not in csv and ",@" not in csv


def test_no_vector_runs_in_the_browser(hostile_site, browser):  # noqa: F811
    _, url, ids, _ = hostile_site
    pages = [f"/inovasi/{i}/" for i in ids] + ["/", "/wilayah/banjar/", "/role-model/", "/data/",
                                                 "/jelajahi/?q=layanan"]
    for path in pages:
        browser.get(url + path)
        browser.execute_script("document.querySelectorAll('*').forEach(e => {"
                               "['mouseover','pointerenter','click','focus','toggle'].forEach(t =>"
                               " e.dispatchEvent(new Event(t)))})")
        if path.startswith("/jelajahi"):  # let the search render its results (titles come from the index)
            for _ in range(300):
                if browser.execute_script("return document.documentElement.dataset.kiRender"):
                    break
                time.sleep(0.05)
            assert browser.find_elements("css selector", "#ki-hasil li"), "no results rendered"
        try:
            alert = browser.switch_to.alert
            text = alert.text
            alert.dismiss()
            pytest.fail(f"an alert opened on {path}: {text}")
        except NoAlertPresentException:
            pass
        assert browser.execute_script("return window.__xss || window.parent.__xss || null") is None, path
