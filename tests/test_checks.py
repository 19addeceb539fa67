"""The static checks of ``manage.py test`` (issue #19): mypy for scripts/, and the
settings are strict enough to catch the kinds of mistakes they were added for.

A check that runs but lets everything through looks the same as one that passes, so
each test feeds it a small file with a known mistake and expects it named.
"""

from __future__ import annotations

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
