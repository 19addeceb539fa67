"""The one command that reports every gate (scripts/gates.py): it covers each gate
of issue 7, checks the page views the issue names, and a gate fails when its input
is broken.

The browser gates themselves are tested in test_a11y.py and test_privacy.py; here
we check what the command feeds them, and run the gates that need no browser.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
import test_broken_records
from conftest import ROOT, Build, copy_project, fixture_records, run_build
from inspiratieboek.quality import broken_records, browser_audit, gates, readability
from inspiratieboek.quality.browser_audit import DESKTOP, MOBILE
from inspiratieboek.quality.site_audit import Site
from test_a11y import CHAPTERS, EXAMPLE

LANGUAGES = ("", "en/")
GATES = ["build", "links", "metadata", "robustness", "readability", "accessibility", "keyboard", "privacy", "loading"]
"""Issue 7's gates: strict build, links, lang/title/description/sitemap/hreflang, broken
records, words per sentence, axe, keyboard, third-party requests and cookies, console
errors and failed requests."""


def test_the_command_prints_one_line_per_gate_and_fails_when_one_fails(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Given every gate replaced by a stand-in that reports its own name, "keyboard" failing
    def stand_in(name: str) -> object:
        return lambda *args: gates.Gate(name, name != "keyboard", f"figure of {name}", [])

    for name in ("build", "links", "metadata", "robustness", "accessibility", "keyboard"):
        monkeypatch.setattr(gates, name, stand_in(name))
    monkeypatch.setattr(gates, "readable", stand_in("readability"))
    monkeypatch.setattr(gates, "privacy_and_loading", lambda *a: [stand_in("privacy")(), stand_in("loading")()])
    monkeypatch.setattr(gates.browser_audit, "serve", lambda folder: contextlib.nullcontext("http://127.0.0.1:1/"))
    monkeypatch.setattr(gates.browser_audit, "chromium", lambda: contextlib.nullcontext(object()))
    # When the command runs on a fresh build
    code = gates.run(None, verbose=False)
    lines = capsys.readouterr().out.splitlines()
    # Then it prints each gate once, with its figure, and exits 1
    assert [line.split()[0] for line in lines[:-1]] == GATES
    assert lines[GATES.index("keyboard")].split()[1] == "FOUT"
    assert lines[-1].startswith(f"{len(GATES) - 1} of {len(GATES)} gates passed")
    assert code == 1


def test_axe_runs_on_every_page_type_in_both_languages_and_at_phone_width(site: Build) -> None:
    views = set(
        (path, viewport["width"]) for path, viewport in gates.axe_page_views(Site(site.site, gates.SITE_URL), EXAMPLE)
    )
    desktop, phone = DESKTOP["width"], MOBILE["width"]
    for lang in LANGUAGES:
        word = gates.SEARCH_WORD[lang]
        expected = [lang + chapter for chapter in CHAPTERS]  # home, chapters, tags page, ...
        expected += [f"{lang}voorbeelden/", f"{lang}voorbeelden/{EXAMPLE}/", f"{lang}404.html"]
        expected += [f"{lang}voorbeelden/?factor=zorg", f"{lang}voorbeelden/?zoek={word}"]
        assert {(path, desktop) for path in expected} <= views, sorted({(p, desktop) for p in expected} - views)
        at_phone = ["", "factoren/werk/", f"voorbeelden/{EXAMPLE}/", "voorbeelden/?factor=zorg", "trefwoorden/"]
        assert {(lang + path, phone) for path in at_phone} <= views
    assert "trefwoorden/" in CHAPTERS


def test_robustness_gate_rejects_every_broken_record() -> None:
    gate = gates.robustness()
    cases = len(test_broken_records.CASES) + 2  # the table, a duplicate id and a symlink out of data/
    assert gate.passed, gate.details
    assert cases >= 30
    assert gate.figure == f"{cases} of {cases} broken records rejected with a located message"


def test_robustness_gate_fails_when_a_broken_record_gets_through(monkeypatch: pytest.MonkeyPatch) -> None:
    # Given a "broken" record that is in fact valid: the validator lets it through
    good = ("not broken at all", test_broken_records.GOOD, "data/voorbeelden/kapot.yml:1: titel:")
    monkeypatch.setattr(broken_records, "cases", lambda _good: [good])
    gate = gates.robustness()
    assert not gate.passed
    assert gate.figure == "2 of 3 broken records rejected with a located message"
    assert gate.details[0].startswith("not broken at all: expected 'data/voorbeelden/kapot.yml:1: titel:'")


def test_readability_gate_passes_and_fails_on_a_long_chapter(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert gates.readable().passed
    # Given one chapter of a single 33-word sentence
    (tmp_path / "lang.md").write_text(
        "# Lang\n\n" + " ".join(["Dit is een zin die veel te lang doorgaat met woorden"] * 3) + ".\n",
        encoding="utf-8",
    )
    real = readability.score_chapters
    monkeypatch.setattr(readability, "score_chapters", lambda: real(tmp_path))
    gate = gates.readable()
    assert not gate.passed and gate.details == ["lang.md: 33.0"]


def test_gates_is_the_readme_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python scripts/manage.py gates" in readme


# --- A deliberately broken change makes the matching gate fail ----------------------


@pytest.mark.browser
def test_a_broken_change_to_the_site_makes_its_gates_fail(browser: object, tmp_path: Path) -> None:
    # Given the project with three bad changes: grey text, a Google font and a dead link
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    with (project / "overrides" / "assets" / "stylesheets" / "ib.css").open("a", encoding="utf-8") as css:
        css.write("\n.md-typeset p { color: #c8c8c8 !important; }\n")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n  font: false" in config
    config = re.sub(r"\n  font: false[^\n]*", "\n  font:\n    text: Roboto", config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    with (project / "docs" / "printen.md").open("a", encoding="utf-8") as chapter:
        chapter.write('\n<a href="../bestaat-niet/">kapot</a>\n')
    # When it is built (the build itself still passes)
    build = run_build(project)
    assert build.returncode == 0, build.output
    site = Site(build.site, gates.SITE_URL)
    # Then the links gate names the dead link
    links = gates.links(site)
    assert not links.passed and any("'../bestaat-niet/' points at /bestaat-niet/" in d for d in links.details)
    # (The privacy gate loads every page it is given; five kinds of page show that it
    # counts per page, where all of the copy's 100-odd pages took 80 s of the run.)
    site.pages = {url: site.pages[url] for url in ("/", "/printen/", "/voorbeelden/", "/en/", "/zoeken/")}
    with browser_audit.serve(build.site) as host:
        # And the privacy gate counts the font request on every page
        privacy, _loading = gates.privacy_and_loading(browser, host, site)
        assert not privacy.passed and privacy.figure.startswith("5 third-party requests")
        assert all("fonts.googleapis.com" in d for d in privacy.details)
        # And axe reports the grey text
        context = browser.new_context(viewport=DESKTOP)
        try:
            page, _ = browser_audit.load(context, host, "printen/")
            rules = {v.rule for v in browser_audit.axe(page, "/printen/")}
        finally:
            context.close()
    assert "color-contrast" in rules, rules


def test_an_existing_build_that_is_no_site_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Given a --site-dir that holds no built site (a typo, or a build that never ran)
    # When the gates run on it
    code = gates.run(tmp_path / "site", verbose=False)
    # Then they refuse, instead of passing on zero pages
    assert code == 2
    assert "geen gebouwde site" in capsys.readouterr().out
