"""Supply chain (issue #18): what CI and publishing run is pinned, and only as strong as it must be.

- Python: ``requirements.lock`` and ``requirements-test.lock`` pin every transitive
  package with hashes, and agree with the direct pins in ``pyproject.toml`` (a
  bumped pin without a new lock fails here);
- GitHub Actions: every action by full commit SHA with its version in a comment,
  the Debian image by digest;
- permissions: none by default, each job its own; the job that runs the tests
  reads the repository and nothing more.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)")


def locked(name: str) -> dict[str, str]:
    """package -> version of a lock file; fails when a package has no hash."""
    text = (ROOT / name).read_text(encoding="utf-8")
    packages: dict[str, str] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = PIN.match(block)
        if match:
            assert "--hash=sha256:" in block, f"{name}: {match.group(1)} has no hash"
            packages[match.group(1).lower().replace("_", "-")] = match.group(2)
    return packages


def pins(requirements: list[str]) -> dict[str, str]:
    found = {}
    for requirement in requirements:
        match = PIN.match(requirement)
        assert match, f"pyproject.toml: '{requirement}' is not pinned exactly"
        found[match.group(1).lower().replace("_", "-")] = match.group(2)
    return found


@pytest.mark.parametrize(("lock", "extras"), [("requirements.lock", ()), ("requirements-test.lock", ("test", "pdf"))])
def test_locks_hold_every_direct_pin_with_hashes(lock: str, extras: tuple[str, ...]) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = pins(project["dependencies"])
    for extra in extras:
        wanted |= pins(project["optional-dependencies"][extra])
    have = locked(lock)
    assert {name: have.get(name) for name in wanted} == wanted, f"regenerate {lock} (README, Locked dependencies)"
    assert "setuptools" in have, "the build backend is locked too (installs use --no-build-isolation)"
    assert len(have) > len(wanted), "transitive packages are locked as well"


def test_base_lock_is_part_of_the_test_lock() -> None:
    base, test = locked("requirements.lock"), locked("requirements-test.lock")
    assert {name: test.get(name) for name in base} == base


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_and_images_by_digest(workflow: Path) -> None:
    text = workflow.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(.+)$", text, re.MULTILINE)
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", use.strip()), use
    for job in yaml.safe_load(text)["jobs"].values():
        image = (job.get("container") or {}).get("image")
        if image:
            assert re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", image), image


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_its_own_permissions_and_the_test_job_only_reads(workflow: Path) -> None:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert data.get("permissions") == {}, "no permissions by default"
    for name, job in data["jobs"].items():
        assert "permissions" in job, f"job {name} names its permissions"
        if any("bash .ci/run" in step.get("run", "") for step in job.get("steps", [])):
            assert job["permissions"] == {"contents": "read"}, name
