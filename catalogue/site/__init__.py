"""The site: the build as a line of stages (build.py), run by MkDocs through the plugin (plugin.py) or by
`catalogue build` (command.py); the one seam to MkDocs (engine.py); the generated pages (pages/), their bodies
(bodies.py, links.py, sanitize.py, tabel.py), search (search.py) and the downloads' writing (downloads.py),
`catalogue lihat` (preview.py)."""

import os

# The engine: MkDocs 1.x, or ProperDocs, its maintained fork, which answers to MkDocs' imports once its
# alias is loaded (the engine plan, ARCHITECTURE.md). Material needs the `mkdocs` package installed, so
# ProperDocs is used only when asked for (CATALOGUE_ENGINE=properdocs) or when MkDocs is absent. Every
# logger of the build hangs under ENGINE: that is where the engine counts warnings for --strict.
ENGINE = os.environ.get("CATALOGUE_ENGINE", "mkdocs")
if ENGINE == "mkdocs":
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        ENGINE = "properdocs"
if ENGINE == "properdocs":
    import properdocs.replacement  # noqa: F401  (mkdocs.* imports now load properdocs.*)
PLUGIN_LOG = f"{ENGINE}.plugins.catalogue"

