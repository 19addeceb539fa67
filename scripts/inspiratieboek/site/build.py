"""Running MkDocs in a child process: one quiet environment, one build function.

Why one module: ``manage.py``, the PDF command, the quality gates, Lighthouse, the
benchmarks and the tests all build the site, each in a child process (the hooks
load afresh, and a build that fails cannot take the caller down). They must build
it the same way a reader's copy is built (``mkdocs build --strict``), with the same
environment, so the command and the environment live here once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

QUIET_ENV: dict[str, str] = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
"""Silences the banners about MkDocs 2.0 that Material (9.7.2 and later) and the
ProperDocs-based plugins print on every run; they would bury our own messages."""


def mkdocs_command(*arguments: str) -> list[str]:
    """``python -m mkdocs ARGUMENTS`` with this interpreter (the project's venv)."""
    return [sys.executable, "-m", "mkdocs", *arguments]


def mkdocs_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment, ``QUIET_ENV`` and ``extra`` (e.g. ``SITE_URL``), in that order."""
    return os.environ | QUIET_ENV | dict(extra or {})


@dataclass(frozen=True)
class BuildResult:
    """How a build ended: MkDocs' exit code and what it printed (stdout, then stderr)."""

    returncode: int
    output: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_build(
    project_dir: Path,
    site_dir: Path,
    env: Mapping[str, str] | None = None,
    *,
    quiet: bool = False,
    capture: bool = True,
    timeout: float | None = None,
) -> BuildResult:
    """Build the project in ``project_dir`` (its ``mkdocs.yml``) into ``site_dir`` with
    ``mkdocs build --strict``, in a child process; never raises on a failed build.

    - ``env``: variables on top of this process's environment and ``QUIET_ENV``,
      e.g. ``{"SITE_URL": ...}``.
    - ``quiet``: ``--quiet``, only warnings and errors.
    - ``capture``: keep the output in the result; ``False`` lets it go to the
      terminal (``manage.py build``) and leaves ``output`` empty.
    - ``timeout``: seconds before ``subprocess.TimeoutExpired``; ``None`` waits.
    """
    command = mkdocs_command("build", "--strict", *(["--quiet"] if quiet else []), "--site-dir", str(site_dir))
    result = subprocess.run(
        command,
        cwd=project_dir,
        env=mkdocs_env(env),
        capture_output=capture,
        text=True,
        timeout=timeout,
        check=False,
    )
    return BuildResult(result.returncode, (result.stdout or "") + (result.stderr or "") if capture else "")
