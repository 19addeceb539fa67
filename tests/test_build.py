"""One way to build the site in a child process (scripts/inspiratieboek/site/build.py):
strict, quiet about MkDocs 2.0, and never raising on a failed build.

A tiny Material project of its own keeps these tests at about a second each.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from inspiratieboek.site.build import QUIET_ENV, run_build

MKDOCS_YML = """site_name: Proef
site_url: !ENV [SITE_URL, "https://standaard.example/"]
theme:
  name: material
  font: false
"""


def project(folder: Path, page: str) -> Path:
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (folder / "docs" / "index.md").write_text(page, encoding="utf-8")
    return folder


def test_a_build_writes_the_site_without_the_mkdocs_2_banner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in QUIET_ENV:
        monkeypatch.delenv(name, raising=False)  # the banner would show without QUIET_ENV
    result = run_build(project(tmp_path / "p", "# Proef\n"), tmp_path / "site")
    assert result.ok, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert "NO_MKDOCS_2_WARNING" not in result.output, result.output


def test_a_warning_fails_the_build_and_is_in_the_output(tmp_path: Path) -> None:
    result = run_build(project(tmp_path / "p", "# Proef\n\n[kapot](nergens.md)\n"), tmp_path / "site")
    assert result.returncode == 1
    assert "contains a link 'nergens.md', but the target is not found" in result.output
    assert "Aborted with 1 warnings in strict mode" in result.output


def test_extra_variables_reach_the_build(tmp_path: Path) -> None:
    result = run_build(project(tmp_path / "p", "# Proef\n"), tmp_path / "site", {"SITE_URL": "https://elders.example/"})
    assert result.ok, result.output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://elders.example/">' in html


def test_quiet_leaves_only_warnings_and_errors(tmp_path: Path) -> None:
    result = run_build(project(tmp_path / "p", "# Proef\n"), tmp_path / "site", quiet=True)
    assert result.ok
    assert "INFO" not in result.output, result.output
