"""Where the catalogue's source lives: edit links and "new file" links for GitHub or GitLab.

Configured once (mkdocs.yml, plugin `catalogue`: repo_url, repo_branch); when empty, taken from
the CI environment (GitHub Actions or GitLab CI), so forks publish links to themselves.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlparse


@dataclass(frozen=True)
class Repository:
    url: str  # https://github.com/ORG/REPO, without a trailing slash
    branch: str = "main"
    kind: str = "github"  # github | gitlab

    def edit_url(self, path: str) -> str:
        sep = "/-/" if self.kind == "gitlab" else "/"
        return f"{self.url}{sep}edit/{quote(self.branch)}/{quote(path)}"

    def issue_url(self, title: str, body: str) -> str:
        """The host's "new issue" page with title and description filled in (a correction report)."""
        if self.kind == "gitlab":
            query = urlencode({"issue[title]": title, "issue[description]": body})
            return f"{self.url}/-/issues/new?{query}"
        return f"{self.url}/issues/new?{urlencode({'title': title, 'body': body})}"

    def tree_url(self, directory: str) -> str:
        sep = "/-/" if self.kind == "gitlab" else "/"
        return f"{self.url}{sep}tree/{quote(self.branch)}/{quote(directory)}"


def resolve(url: str = "", branch: str = "", kind: str = "auto", env=None) -> Repository | None:
    env = os.environ if env is None else env
    if not url:
        if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY"):
            url = f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}"
        elif env.get("CI_PROJECT_URL"):
            url = env["CI_PROJECT_URL"]
            branch = branch or env.get("CI_DEFAULT_BRANCH", "")
    if not url:
        return None
    url = url.rstrip("/").removesuffix(".git")
    if kind == "auto":
        host = urlparse(url).netloc.lower()
        kind = "gitlab" if ("gitlab" in host or env.get("CI_PROJECT_URL", "").startswith(url)) else "github"
    return Repository(url, branch or "main", kind)
