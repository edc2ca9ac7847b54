"""Generated pages: one class per kind of page (lists, data pages, contribution pages, the innovation
page), their routes and markup helpers. MkDocs sees them through engine.CatalogueDocument."""

from __future__ import annotations

from . import routes
from .base import GeneratedPage, Site
from .contribute import BrowsePage, GuidePage, SubmitPage
from .data import DataPage, RoleModelPage, StatsPage, TargetPage
from .innovation import InnovationPage
from .lists import AreaIndexPage, AreaPage, HomePage, RegionIndexPage, RegionPage

__all__ = ["GeneratedPage", "InnovationPage", "Site", "generate", "nav", "routes"]


def generate(site: Site) -> list[GeneratedPage]:
    """Every generated page, resolved (lists paginated), in the order MkDocs will read them: the data
    page last, since it shows the sizes of the downloads written meanwhile."""
    ref = site.ref
    first: list[GeneratedPage] = [HomePage(site), BrowsePage(site), GuidePage(site), SubmitPage(site),
                                  RegionIndexPage(site), StatsPage(site), RoleModelPage(site), TargetPage(site),
                                  *(RegionPage(site, r) for r in ref.regions.values()),
                                  AreaIndexPage(site), *(AreaPage(site, k) for k in ref.areas)]
    out: list[GeneratedPage] = []
    for page in first:
        page.resolve()
        out += [page, *page.extra_pages()]
    out += [InnovationPage(site, e) for e in site.index.catalogue.entries]
    out.append(DataPage(site))
    return out


def nav(site: Site) -> list:
    """The generated part of the nav: regions (grouped by province when there are several) and areas.
    Innovation pages stay out of the nav, so each page's nav does not grow with the catalogue."""
    ref = site.ref
    provinces = ref.provinces()
    if len(provinces) == 1:
        regions: list = [routes.region(r.slug) for r in ref.regions.values()]
    else:
        regions = [{p.name: [routes.region(p.slug)] + [routes.region(c.slug) for c in ref.children(p)]}
                   for p in provinces]
    return [
        {HomePage.title: routes.HOME},
        {BrowsePage.title: routes.BROWSE},
        {"Wilayah": [routes.REGIONS, *regions]},
        {"Bidang": [routes.AREAS, *[routes.area(k) for k in ref.areas]]},
        {"Data": [routes.STATS, routes.ROLE_MODELS, routes.TARGETS, routes.DATA]},
        {"Kontribusi": [routes.SUBMIT, routes.GUIDE]},
    ]
