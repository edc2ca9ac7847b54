"""What the build runs on is pinned and watched (issue 28): workflows audited by zizmor, every package
installed from a hash-locked file that agrees with pyproject.toml, updates proposed by Dependabot and tried
weekly on the newest releases (and on ProperDocs) before they reach the lock."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from conftest import REPO
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
PROJECT = "katalog-inovasi-daerah (pyproject.toml)"


def locked(path: Path) -> dict[str, dict]:
    """name -> {version, hashes, direct}: each package of a lock file made by `make lock`."""
    packages, current = {}, None
    for line in path.read_text().splitlines():
        if m := re.match(r"^([A-Za-z0-9._-]+)==([^ \\;]+)(?: ; ([^\\]+))?", line):
            # A universal lock: a package for another platform or Python (e.g. Windows-only cffi, or another
            # release for Python < 3.11.5) applies only where its marker holds.
            current = {"version": m.group(2), "hashes": 0, "direct": False}
            if not m.group(3) or Marker(m.group(3).strip()).evaluate():
                packages[canonicalize_name(m.group(1))] = current
        elif current and line.strip().startswith("--hash=sha256:"):
            current["hashes"] += 1
        elif current and re.sub(r"^#\s*(via\s+)?", "", line.strip()) == PROJECT:
            current["direct"] = True
    return packages


def wanted(*extras: str) -> list[Requirement]:
    reqs = PYPROJECT["project"]["dependencies"] + [r for e in extras for r in PYPROJECT["project"]["optional-dependencies"][e]]
    return [Requirement(r) for r in reqs]


@pytest.mark.parametrize("lock, extras", [("requirements.txt", ()), ("requirements-test.txt", ("test",))])
def test_the_lock_agrees_with_pyproject(lock, extras):
    """Every requirement of pyproject.toml is locked at a version its range allows, with hashes; nothing is
    locked as a direct requirement that pyproject.toml no longer asks for. Run `make lock` when this fails."""
    packages = locked(REPO / lock)
    assert packages and all(p["hashes"] for p in packages.values()), lock
    reqs = wanted(*extras)
    for req in reqs + [Requirement(r) for r in PYPROJECT["build-system"]["requires"]]:
        name = canonicalize_name(req.name)
        assert name in packages, f"{lock}: {req} is not locked (make lock)"
        assert req.specifier.contains(packages[name]["version"], prereleases=True), \
            f"{lock}: {name}=={packages[name]['version']} is outside {req} (make lock)"
    direct = {n for n, p in packages.items() if p["direct"]}
    assert direct == {canonicalize_name(r.name) for r in reqs}, f"{lock}: run make lock"


def test_the_test_lock_keeps_the_sites_versions():
    site, test = locked(REPO / "requirements.txt"), locked(REPO / "requirements-test.txt")
    assert {n: p["version"] for n, p in site.items()} == {n: test[n]["version"] for n in site}
    assert "selenium" not in site and "pytest" not in site  # the publish workflows install no test tools


@pytest.mark.skipif(os.environ.get("CATALOGUE_ENGINE", "mkdocs") != "mkdocs" or (REPO / ".venv-neu") in
                    Path(sys.executable).parents, reason="the upgrade check runs on the newest releases, not the lock")
def test_these_tests_run_on_exactly_the_locked_versions():
    """`make install` (and so `make site`, `make test`, CI) installs the lock, nothing newer or older."""
    for name, package in locked(REPO / "requirements-test.txt").items():
        assert metadata.version(name) == package["version"], name


def test_every_install_is_from_the_lock_with_hashes():
    make = (REPO / "Makefile").read_text()
    assert "pip install --quiet --require-hashes --no-deps -r requirements-test.txt" in make
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in make
    installs = [line.strip() for path in [*sorted((REPO / ".github" / "workflows").glob("*.yml")), REPO / ".gitlab-ci.yml"]
                for line in path.read_text().splitlines() if "pip install" in line]
    assert len(installs) == 8, installs
    for line in installs:
        assert "--require-hashes --no-deps -r requirements.txt" in line or "--no-deps --no-build-isolation -e ." in line, line


def test_zizmor_finds_nothing_at_medium_or_above():
    """The workflows and the Dependabot configuration, audited offline (a moved tag, a leaked token, a
    template injection, a cache a release could be poisoned from ...)."""
    zizmor = Path(sys.executable).with_name("zizmor")
    run = subprocess.run([str(zizmor), "--offline", "--min-severity", "medium", "--no-progress", str(REPO / ".github")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No findings" in run.stdout + run.stderr


def test_dependabot_watches_actions_and_pip_weekly_grouped():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text())
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["groups"] and update["directory"] == "/"


def test_the_upgrade_check_runs_weekly_on_both_engines():
    wf = yaml.safe_load((REPO / ".github" / "workflows" / "cek-pembaruan.yml").read_text())
    assert "schedule" in wf[True] and "workflow_dispatch" in wf[True]  # PyYAML reads `on` as True
    job = wf["jobs"]["cek"]
    assert job["strategy"]["matrix"]["mesin"] == ["mkdocs", "properdocs"]
    assert any("make upgrade-check" in step.get("run", "") for step in job["steps"])
    make = (REPO / "Makefile").read_text()
    assert re.search(r"^upgrade-check:", make, re.M) and "PROPERDOCS := properdocs>=1.6,<2" in make
    # What make runs (a comma inside $(if ...) once split the command: make itself is asked).
    dry = subprocess.run(["make", "-n", "upgrade-check", "ENGINE=properdocs"], cwd=REPO, capture_output=True, text=True)
    assert dry.returncode == 0 and "--upgrade -e '.[test]' \"properdocs>=1.6,<2\"" in dry.stdout, dry.stdout + dry.stderr
