"""The language editions built side by side (site/editions_side_by_side.py): the
same site as one after the other, byte for byte, and a failing edition still
fails the build, by name, leaving nothing behind.

Projects are copies with the two synthetic test records, so each build takes a
few seconds; the real site is built side by side by every other test.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from conftest import TEST_SETTINGS, copy_project, fixture_records
from inspiratieboek.site.build import BuildResult, run_build
from inspiratieboek.site.editions_side_by_side import SEQUENTIAL

SIDE_BY_SIDE_LINE = "Edities naast elkaar: en in een tweede proces"
BUILT_AT = re.compile(rb'"gebouwd": "[^"]+"')
"""The open data's build time: the one value that differs between two builds."""


def build(project: Path, site: Path, *, side_by_side: bool) -> BuildResult:
    return run_build(project, site, TEST_SETTINGS | ({} if side_by_side else {SEQUENTIAL: "1"}), timeout=600)


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): BUILT_AT.sub(b"", p.read_bytes()) for p in site.rglob("*") if p.is_file()}


def test_side_by_side_builds_the_same_site_as_one_after_the_other(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    # Given the project built both ways
    before = build(project, tmp_path / "na-elkaar", side_by_side=False)
    after = build(project, tmp_path / "naast-elkaar", side_by_side=True)
    assert before.ok and after.ok, before.output + after.output
    assert SIDE_BY_SIDE_LINE not in before.output and SIDE_BY_SIDE_LINE in after.output, after.output
    old, new = files(tmp_path / "na-elkaar"), files(tmp_path / "naast-elkaar")
    # Then the English 404 page's language menu leads to each edition's home, as the
    # Dutch one's does; one after the other, it led to the last page built before it
    # (mkdocs-static-i18n keeps that page's alternates)
    for page in (new["404.html"], new["en/404.html"]):
        assert re.findall(rb'<a href="([^"]*)" hreflang="(nl|en)" class="md-select__link"', page) == [
            (b"/", b"nl"),
            (b"/en/", b"en"),
        ]
    del old["en/404.html"], new["en/404.html"]
    # And every other file is the same, byte for byte (the build time aside)
    assert sorted(old) == sorted(new)
    assert [name for name in old if old[name] != new[name]] == []
    # And the child's working folder is gone
    assert [p.name for p in tmp_path.iterdir() if "edities" in p.name] == []


def test_a_failing_english_edition_fails_the_build_and_leaves_no_folder(tmp_path: Path) -> None:
    # Given an English chapter with a link to a page that does not exist (a strict warning)
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    chapter = project / "docs" / "printen.en.md"
    chapter.write_text(chapter.read_text(encoding="utf-8") + "\n[broken](bestaat-niet.md)\n", encoding="utf-8")
    site = tmp_path / "site"
    for side_by_side in (False, True):
        # When it is built either way
        result = build(project, site, side_by_side=side_by_side)
        # Then the build fails and says where
        assert result.returncode == 1, result.output
        assert "bestaat-niet.md" in result.output, result.output
        assert "Traceback" not in result.output, result.output
    assert "De editie(s) en zijn niet gebouwd" in result.output, result.output
    assert [p.name for p in tmp_path.iterdir() if "edities" in p.name] == []


PER_LANGUAGE = """
import os, sys
from inspiratieboek.site import editions_side_by_side as side

class Odd(Exception):
    pass

def work(lang):
    if lang == sys.argv[1]:
        raise Odd(f"kapot in {lang}")
    if lang == sys.argv[2]:
        os._exit(3)
    return (lang, os.getpid())

side.started(sys.argv[3])
try:
    print(side.per_language(["nl", "en", "de"], work))
except Exception as exc:
    print(type(exc).__name__, exc)
"""
"""A fresh interpreter (one thread, so it may fork) running per_language."""


def per_language(tmp_path: Path, fails: str = "-", dies: str = "-", command: str = "build") -> str:
    script = tmp_path / "per_language.py"
    script.write_text(PER_LANGUAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), fails, dies, command], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_per_language_does_the_other_languages_in_other_processes(tmp_path: Path) -> None:
    results = ast.literal_eval(per_language(tmp_path))
    assert [lang for lang, _pid in results.values()] == ["nl", "en", "de"]
    assert len({pid for _lang, pid in results.values()}) == 3  # nl here, en and de each in a child


def test_per_language_runs_in_one_process_while_serving(tmp_path: Path) -> None:
    results = ast.literal_eval(per_language(tmp_path, command="serve"))
    assert len({pid for _lang, pid in results.values()}) == 1


def test_per_language_raises_a_child_s_exception_here(tmp_path: Path) -> None:
    assert per_language(tmp_path, fails="en") == "Odd kapot in en"
    assert per_language(tmp_path, fails="nl") == "Odd kapot in nl"  # this process's own, the children stopped


def test_per_language_says_which_child_died_without_a_word(tmp_path: Path) -> None:
    assert (
        per_language(tmp_path, dies="de") == "RuntimeError per_language: het proces voor 'de' stopte zonder resultaat"
    )
