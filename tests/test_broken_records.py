"""Broken records through the real build.

Every case is a record an editor (or an attacker) could write. The build must
stop with a clear ``file:line: field: message``, exit non-zero, print no Python
traceback, and leave the previous site and the generated pages untouched.

Each case runs MkDocs' build in this process (``build_in_process``: the same
config, hooks and strict mode, without a child process's start-up); a few run
end to end through the real command (``run_build``), so what the command prints
and its exit code are checked too.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import Build, build_in_process, copy_project, fixture_records, run_build
from inspiratieboek.quality import broken_records

GOOD = broken_records.GOOD_RECORD.read_text(encoding="utf-8")
CASES = broken_records.cases(GOOD)
"""The cases live in the package: the quality gates feed the same ones to the validator."""


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_record_stops_the_build(tmp_path: Path, text: str | bytes, expected: str) -> None:
    project = copy_project(tmp_path / "p", {**fixture_records("synthetisch-a", "synthetisch-b"), "kapot.yml": text})
    _assert_build_refused(project, expected, build_in_process)


END_TO_END = [CASES[0], CASES[len(CASES) // 2], CASES[-1]]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in END_TO_END], ids=[c[0] for c in END_TO_END])
def test_broken_record_stops_the_real_command(tmp_path: Path, text: str | bytes, expected: str) -> None:
    project = copy_project(tmp_path / "p", {**fixture_records("synthetisch-a", "synthetisch-b"), "kapot.yml": text})
    _assert_build_refused(project, expected)


def test_duplicate_id_stops_the_build(tmp_path: Path) -> None:
    records = fixture_records("synthetisch-a", "synthetisch-b")
    project = copy_project(tmp_path / "p", {**records, "synthetisch-a.yaml": records["synthetisch-a.yml"]})
    _assert_build_refused(
        project, "data/voorbeelden/synthetisch-a.yaml:1: (bestandsnaam): id 'synthetisch-a' komt vaker voor"
    )


def test_symlink_out_of_data_stops_the_build(tmp_path: Path) -> None:
    outside = tmp_path / "elders.yml"
    outside.write_text(GOOD, encoding="utf-8")
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    os.symlink(outside, project / "data" / "voorbeelden" / "link.yml")
    _assert_build_refused(
        project, "data/voorbeelden/link.yml:1: (bestand): bestand verwijst naar een plek buiten data/"
    )


def _assert_build_refused(project: Path, expected: str, builder: Callable[[Path, Path], Build] = run_build) -> None:
    site = project / "site"
    site.mkdir()
    (site / "vorige-versie.html").write_text("oude site", encoding="utf-8")
    build = builder(project, site)
    assert build.returncode != 0, build.output
    assert expected in build.output, build.output
    assert "Traceback" not in build.output, build.output
    assert (site / "vorige-versie.html").read_text(encoding="utf-8") == "oude site"
    assert sorted(p.name for p in site.iterdir()) == ["vorige-versie.html"], "site was (partly) rebuilt"
    assert not (project / "docs" / "voorbeelden").exists(), "generated pages were written despite errors"
