"""The site: the build as a line of stages (build.py), run by MkDocs through the plugin (plugin.py) or by
`catalogue build` (command.py); the one seam to MkDocs (engine.py); the generated pages (pages/), their bodies
(bodies.py, links.py, sanitize.py, tabel.py), search (search.py) and the downloads' writing (downloads.py),
`catalogue lihat` (preview.py)."""
