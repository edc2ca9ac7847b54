"""The incremental build: what lets a build redo only what changed. Caches of validation results, pages,
search bundles and download pieces; downloads spliced from the old ones; scratch folders; publishing over the
old site. Everything stored is data checked by digests, never code. PERFORMANCE.md says what each buys."""
