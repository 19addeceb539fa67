"""All quality gates in one run, one line per gate with its figure.

Why a command next to the tests: the tests say pass or fail; this says where we
stand ("0 axe violations on 60 page views", "10.4 words per sentence"), which is
what goes into an issue note or a release check. It uses the same checks as the
tests (scripts/site_audit.py, scripts/browser_audit.py, scripts/readability.py)
on a fresh strict build, so the figures and the tests cannot drift apart.

Run: ``python scripts/manage.py gates`` (or ``--site-dir site`` to check an
existing build). Exit code 1 when any gate fails. Needs the test extras
(Playwright) and Debian's Chromium.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.quality import (
    broken_records,
    browser_audit,
    readability,
    site_audit,
)
from inspiratieboek.site.build import run_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ViewportSize

ROOT = Path(__file__).resolve().parents[3]

SITE_URL = "https://wonen-gezondheid.example.org/"
SEARCH_WORD = {"": "schulden", "en/": "debt"}


@dataclass
class Gate:
    """One gate's result: its name, whether it passed and the figure that says why."""

    name: str
    passed: bool
    figure: str
    details: list[str]

    def line(self) -> str:
        return f"{self.name:<14} {'ok' if self.passed else 'FOUT':<5} {self.figure}"


# --- Build -------------------------------------------------------------------------


def build(site_dir: Path) -> Gate:
    """``mkdocs build --strict`` into ``site_dir``; warnings count as failures too."""
    result = run_build(ROOT, site_dir, {"SITE_URL": SITE_URL})
    output = result.output
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    records = [line.strip() for line in output.splitlines() if ".yml:" in line]
    passed = result.returncode == 0 and not warnings
    figure = f"mkdocs build --strict: exit {result.returncode}, {len(warnings)} warnings or errors"
    return Gate("build", passed, figure, warnings + records)


# --- Static HTML -----------------------------------------------------------------------


def links(site: site_audit.Site) -> Gate:
    problems = site_audit.broken_links(site)
    return Gate(
        "links",
        not problems,
        f"{len(problems)} broken internal links or anchors in {len(site.pages)} pages",
        [str(p) for p in problems],
    )


def metadata(site: site_audit.Site) -> Gate:
    problems = (
        site_audit.language_problems(site, {"nl", "en"})
        + site_audit.title_and_description_problems(site)
        + site_audit.sitemap_problems(site)
        + site_audit.alternate_problems(site)
    )
    return Gate(
        "metadata",
        not problems,
        f"{len(problems)} problems with lang, title, description, sitemap or hreflang",
        [str(p) for p in problems],
    )


# --- In the browser ----------------------------------------------------------------------


def axe_page_views(site: site_audit.Site, example: str) -> list[tuple[str, ViewportSize]]:
    """Every page type in both languages at desktop width, and the main ones at 390 px."""
    own = [url.lstrip("/") for url in site.pages if "/voorbeelden/" not in url and not site.is_error_page(url)]
    views = [(path, browser_audit.DESKTOP) for path in own]
    for lang, word in SEARCH_WORD.items():
        views += [
            (f"{lang}voorbeelden/", browser_audit.DESKTOP),
            (f"{lang}voorbeelden/{example}/", browser_audit.DESKTOP),
            (f"{lang}voorbeelden/?factor=zorg", browser_audit.DESKTOP),
            (f"{lang}voorbeelden/?zoek={word}", browser_audit.DESKTOP),
            (f"{lang}404.html", browser_audit.DESKTOP),
        ]
        for path in ("", "factoren/werk/", f"voorbeelden/{example}/", "voorbeelden/?factor=zorg", "trefwoorden/"):
            views.append((lang + path, browser_audit.MOBILE))
    return views


def accessibility(browser: Browser, host: str, site: site_audit.Site, example: str) -> Gate:
    views = axe_page_views(site, example)
    found: list[str] = []
    for path, viewport in views:
        context = browser.new_context(viewport=viewport)
        try:
            page, _ = browser_audit.load(context, host, path)
            page.wait_for_timeout(1000)  # let the overview's filter script settle
            found += [str(v) for v in browser_audit.axe(page, f"/{path} at {viewport['width']} px")]
        finally:
            context.close()
    return Gate(
        "accessibility",
        not found,
        f"{len(found)} axe violations (WCAG 2.0/2.1 A and AA) on {len(views)} page views",
        found,
    )


def keyboard(browser: Browser, host: str, example: str) -> Gate:
    found: list[str] = []
    paths = ["", "factoren/werk/", f"voorbeelden/{example}/", "voorbeelden/", "en/"]
    for path in paths:
        for viewport in (browser_audit.DESKTOP, browser_audit.MOBILE):
            context = browser.new_context(viewport=viewport)
            try:
                page, _ = browser_audit.load(context, host, path)
                walk = browser_audit.walk_with_tab(page)
                found += [f"/{path} at {viewport['width']} px: {p}" for p in walk.problems]
            finally:
                context.close()
    return Gate(
        "keyboard",
        not found,
        f"{len(found)} keyboard problems (unreachable, invisible focus, trapped) on {2 * len(paths)} Tab walks",
        found,
    )


def privacy_and_loading(browser: Browser, host: str, site: site_audit.Site) -> list[Gate]:
    loads = browser_audit.load_every_page(browser, host, [url.lstrip("/") for url in site.pages])
    elsewhere = [f"{c.url}: {u}" for c in loads for u in c.elsewhere]
    cookies = [f"{c.url}: {k}" for c in loads for k in c.cookies]
    analytics = browser_audit.analytics_markers(site.folder)
    errors_seen = [f"{c.url}: {p}" for c in loads for p in c.failed + c.console_errors]
    errors_seen += [f"{c.url}: HTTP {c.status}" for c in loads if c.status != 200]
    return [
        Gate(
            "privacy",
            not (elsewhere or cookies or analytics),
            f"{len(elsewhere)} third-party requests, {len(cookies)} cookies, {len(analytics)} analytics markers"
            f" on {len(loads)} pages",
            elsewhere + cookies + analytics,
        ),
        Gate(
            "loading",
            not errors_seen,
            f"{len(errors_seen)} console errors or failed requests on {len(loads)} pages",
            errors_seen,
        ),
    ]


# --- Data and text --------------------------------------------------------------------


def robustness() -> Gate:
    """Each broken record (``broken_records.cases``) must be refused with its message.

    Checked with the loader and validator the build runs first (the end-to-end
    builds, one per case, are in the test suite).
    """
    good = broken_records.GOOD_RECORD.read_text(encoding="utf-8")
    cases: list[tuple[str, Callable[[Path], None], str]] = [
        (name, _writer("kapot.yml", text), expected) for name, text, expected in broken_records.cases(good)
    ]
    cases.append(("duplicate id", _writer("synthetisch-a.yaml", good), "id 'synthetisch-a' komt vaker voor"))
    cases.append(("symlink out of data", _symlink, "bestand verwijst naar een plek buiten data/"))
    missed = []
    for name, write, expected in cases:
        with tempfile.TemporaryDirectory() as folder:
            data = Path(folder) / "data"
            _copy_data(data)
            write(data)
            problems = errors(validate(load_catalog(data)))
            shown = "\n".join(str(p) for p in problems)
            if expected not in shown:
                missed.append(f"{name}: expected '{expected}', got: {shown or 'no error'}")
    rejected = len(cases) - len(missed)
    return Gate(
        "robustness",
        not missed,
        f"{rejected} of {len(cases)} broken records rejected with a located message",
        missed,
    )


def _copy_data(target: Path) -> None:
    import shutil

    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("voorbeelden"))
    (target / "voorbeelden").mkdir()
    for name in ("synthetisch-a", "synthetisch-b"):
        shutil.copy2(ROOT / "tests" / "fixtures" / f"{name}.yml", target / "voorbeelden" / f"{name}.yml")


def _writer(name: str, text: str | bytes) -> Callable[[Path], None]:
    def write(data: Path) -> None:
        (data / "voorbeelden" / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return write


def _symlink(data: Path) -> None:
    outside = data.parent / "elders.yml"
    outside.write_text((ROOT / "tests" / "fixtures" / "synthetisch-a.yml").read_text(encoding="utf-8"))
    (data / "voorbeelden" / "link.yml").symlink_to(outside)


def readable() -> Gate:
    scores = readability.score_chapters()
    worst = max(scores, key=lambda s: s.words_per_sentence)
    words = sum(s.words for s in scores)
    sentences = sum(s.sentences for s in scores)
    too_long = [s for s in scores if s.words_per_sentence > readability.MAX_WORDS_PER_SENTENCE]
    return Gate(
        "readability",
        not too_long,
        f"{words / sentences:.1f} words per sentence over {len(scores)} Dutch chapters"
        f" (longest: {worst.path} {worst.words_per_sentence:.1f}; limit {readability.MAX_WORDS_PER_SENTENCE})",
        [f"{s.path}: {s.words_per_sentence:.1f}" for s in too_long],
    )


# --- Running ---------------------------------------------------------------------------


def run(site_dir: Path | None, verbose: bool) -> int:
    started = time.monotonic()
    gates: list[Gate] = []

    def report(gate: Gate) -> None:
        gates.append(gate)
        print(gate.line(), flush=True)
        for detail in gate.details[: None if verbose else 5]:
            print(f"{'':<20} {detail}")

    with tempfile.TemporaryDirectory(prefix="gates-") as temporary:
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            report(build(site_dir))
            if not gates[-1].passed:
                return 1
        elif not (site_dir / "index.html").is_file():
            print(f"{site_dir} is geen gebouwde site (geen index.html): bouw eerst, of laat --site-dir weg")
            return 2
        site = site_audit.Site(site_dir, SITE_URL)
        records = load_catalog(ROOT / "data").records
        example = max(records, key=lambda r: len(str(r.data))).id
        report(links(site))
        report(metadata(site))
        report(robustness())
        report(readable())
        with browser_audit.serve(site_dir) as host, browser_audit.chromium() as browser:
            report(accessibility(browser, host, site, example))
            report(keyboard(browser, host, example))
            for gate in privacy_and_loading(browser, host, site):
                report(gate)
    failed = [g.name for g in gates if not g.passed]
    print(f"{len(gates) - len(failed)} of {len(gates)} gates passed in {time.monotonic() - started:.0f} s")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="check this existing build instead of building afresh")
    parser.add_argument("--verbose", action="store_true", help="print every finding, not the first five")
    args = parser.parse_args(argv)
    return run(args.site_dir.resolve() if args.site_dir else None, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
