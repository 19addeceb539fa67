"""The static checks of ``manage.py test`` (issue #19): mypy for scripts/ and ESLint
for overrides/assets/javascripts/, with settings strict enough to catch the kinds of
mistakes they were added for.

A check that runs but lets everything through looks the same as one that passes, so
each test feeds it a small file with a known mistake and expects it named.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import manage
import pytest
from conftest import ROOT
from mypy import api as mypy_api

TYPE_MISTAKES = """
def untyped(x):
    return x


def title(values: dict[str, str]) -> str:
    return values.get("titel")


def count() -> int:
    return len([1]) # type: ignore[arg-type]
"""


def test_mypy_settings_catch_untyped_defs_none_returns_and_stale_ignores(tmp_path: Path) -> None:
    module = tmp_path / "fout.py"
    module.write_text(TYPE_MISTAKES, encoding="utf-8")
    out, _, code = mypy_api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-incremental", str(module)])
    assert code == 1, out
    assert "fout.py:2: error: Function is missing a type annotation" in out
    assert 'fout.py:7: error: Incompatible return value type (got "str | None", expected "str")' in out
    assert 'fout.py:11: error: Unused "type: ignore" comment' in out


def test_manage_test_runs_mypy_after_ruff_and_before_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[list[str]] = []
    monkeypatch.setattr(manage.subprocess, "call", lambda step, **_: steps.append(step) or 0)
    assert manage.main(["test", "-k", "nothing"]) == 0
    names = [" ".join(step[1:3]) for step in steps]
    assert names.index("-m ruff") < names.index("-m mypy") < names.index("-m pytest"), names
    assert steps[-1][-2:] == ["-k", "nothing"], "pytest gets its arguments as typed"


JS_MISTAKES = """(function () {
  "use strict";
  function total(items) {
    let sum = 0;
    items.forEach((item) => { if (item.count == "3") sum += item.count; });
    return sum + totaal;
  }
  var unused = total;
})();
"""


def eslint(source: str, name: str = "overrides/assets/javascripts/fout.js") -> set[tuple[int, str | None]]:
    """(line, rule) of each ESLint finding on ``source`` as if it were the file ``name``,
    with the settings of ``manage.py test``."""
    for step in manage._javascript_lint()[:-1]:  # npm ci, when ESLint is not installed yet
        subprocess.run(step, cwd=ROOT, check=True)
    lint = manage._javascript_lint()[-1]
    command = [*lint[:-1], "--format", "json", "--stdin", "--stdin-filename", name]
    result = subprocess.run(command, cwd=ROOT, input=source, capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    return {(m.get("line", 0), m["ruleId"]) for report in json.loads(result.stdout) for m in report["messages"]}


def test_eslint_catches_undefined_names_loose_equality_and_unused_variables() -> None:
    found = eslint(JS_MISTAKES)
    assert {(5, "eqeqeq"), (6, "no-undef"), (8, "no-unused-vars"), (8, "no-var")} <= found, found


def test_eslint_leaves_vendored_scripts_alone() -> None:
    found = eslint(JS_MISTAKES, "overrides/assets/javascripts/vendor/fout.js")
    assert not [rule for _, rule in found if rule], found  # only "file ignored"


def test_our_scripts_pass_eslint() -> None:
    result = subprocess.run(manage._javascript_lint()[-1], cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_manage_test_runs_pytest_on_two_workers_unless_told_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    steps: list[list[str]] = []
    monkeypatch.setattr(manage.subprocess, "call", lambda step, **_: steps.append(step) or 0)
    assert manage.main(["test"]) == 0
    assert steps[-1][-5:] == ["pytest", "-n", "2", "--dist", "loadfile"], steps[-1]
    steps.clear()
    assert manage.main(["test", "-n", "0", "tests/test_render.py"]) == 0
    assert steps[-1][-3:] == ["-n", "0", "tests/test_render.py"], "the caller's choice wins"
    assert steps[-1].count("-n") == 1
