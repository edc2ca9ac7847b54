"""For contributors: the contributor guide (the site's page and CONTRIBUTING.md) and the repository files made
from the reference data (CODEOWNERS, the issue form)."""
