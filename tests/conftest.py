"""Shared fixtures: copies of the project in a temporary folder, built sites, a
local web server on 127.0.0.1 and Debian's Chromium driven by Playwright.

Why copies: tests never touch the working tree's docs/ or site/, so they can run
while an editor runs ``mkdocs serve``, and a failing build cannot leave debris.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from inspiratieboek.publish.chromium import CHROMIUM, CHROMIUM_ARGS
from inspiratieboek.quality import browser_audit
from inspiratieboek.quality.projectcopy import copy_project
from inspiratieboek.site import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEST_SITE_URL = "https://wonen-gezondheid.example.org/"
"""The public address the test builds get, so canonical links and the sitemap exist to
check; a real build without SITE_URL names no address (tests/test_site_url.py)."""
TEST_SETTINGS = {
    "SITE_URL": TEST_SITE_URL,
    "EDIT_URI": "https://git.example.org/redactie/boek/edit/main/docs/",
    "AANDRAGEN_FORMULIER": "https://git.example.org/redactie/boek/issues/new?template=voorbeeld.yml",
}
"""Synthetic settings for test builds (the publish workflow sets real ones), so edit links
and the submission form exist to check; without them (the README's commands) the site
guesses none (tests/test_site_url.py)."""
ENV = build.mkdocs_env(TEST_SETTINGS)
"""The environment child processes of the tests run in: the package's quiet environment
and the test settings."""


@dataclass
class Build:
    """Result of one ``mkdocs build`` of a project copy."""

    project: Path
    site: Path
    returncode: int
    output: str

    def html(self, url_path: str) -> str:
        """The built HTML of a page by its URL path, e.g. 'factoren/werk/'."""
        path = self.site / url_path.strip("/")
        path = path / "index.html" if not url_path.endswith(".html") else path
        return path.read_text(encoding="utf-8")


def run_build(project: Path, site: Path | None = None) -> Build:
    """Build a project copy with the real command (strict, the package's one build
    function); never raises on failure."""
    site = site or project / "site"
    result = build.run_build(project, site, TEST_SETTINGS, timeout=600)
    return Build(project, site, result.returncode, result.output)


class _Messages(logging.Handler):
    """Every line MkDocs logs during one in-process build, as it would print them."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def build_in_process(project: Path, site: Path | None = None) -> Build:
    """Build a project copy with MkDocs as a library in this process (strict, the test
    settings): for the many refused builds, which MkDocs stops before any page is
    made. A child process per case cost about 1.5 s of start-up (importing MkDocs,
    Material and the plugins) for a fraction of a second of work; the few end-to-end
    cases keep :func:`run_build`, the real command.

    Returns exit code 1 for what the command reports cleanly (MkDocs' own errors:
    ``PluginError``, ``Abort``, a bad config). Any other exception is raised, as it
    would be a traceback from the command."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    site = site or project / "site"
    messages = _Messages()
    logger = logging.getLogger("mkdocs")
    saved = dict(os.environ)
    os.environ.update(ENV)
    logger.addHandler(messages)
    returncode = 0
    try:
        with contextlib.chdir(project):
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as exc:
        returncode = 1
        messages.lines.append(str(exc))
    finally:
        logger.removeHandler(messages)
        os.environ.clear()
        os.environ.update(saved)
    return Build(project, site, returncode, "\n".join(messages.lines))


def data_folder(target: Path, records: Mapping[str, str | bytes] | None = None, also: tuple[str, ...] = ()) -> Path:
    """A data folder at ``target`` with the real vocabularies (plus the ``also`` files
    of data/) and only the given records (file name -> text), for tests that need
    no whole project."""
    (target / "voorbeelden").mkdir(parents=True)
    for name in ("factoren.yml", "lijsten.yml", *also):
        shutil.copy(ROOT / "data" / name, target / name)
    for name, text in (records or {}).items():
        path = target / "voorbeelden" / name
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return target


def fixture_records(*names: str) -> dict[str, str]:
    """Synthetic test records from tests/fixtures (they say they are synthetic)."""
    return {f"{n}.yml": (FIXTURES / f"{n}.yml").read_text(encoding="utf-8") for n in names}


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real site (real chapters, real records), built once per test run and shared
    by the pytest-xdist workers: the first worker to ask builds it under a file lock,
    the others wait and read it. Tests only read it (they build their own copies to
    change anything)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base  # the run's folder, above each worker's
    folder, done = shared / "gedeelde-site", shared / "gedeelde-site.klaar"
    with (shared / "gedeelde-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # what a worker's failed build left
            build = run_build(copy_project(folder))
            assert build.returncode == 0, build.output
            done.write_text(build.output, encoding="utf-8")
    return Build(folder, folder / "site", 0, done.read_text(encoding="utf-8"))


# --- Serving and browsing ------------------------------------------------------------


def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 as a static host does (scripts/browser_audit.py); yields the base URL."""
    with browser_audit.serve(folder) as url:
        yield url


@contextmanager
def own_page(browser: object, folder: Path, html: str, **options: object) -> Iterator[tuple[object, object]]:
    """A one-page site of the test's own, served and loaded in a fresh browser context.

    For tests that prove a checker catches what it should: (page, PageLoad) while the
    context is open."""
    (folder / "index.html").write_text(html, encoding="utf-8")
    with browser_audit.serve(folder) as url:
        context = browser.new_context(**options)
        try:
            yield browser_audit.load(context, url, "")
        finally:
            context.close()


@pytest.fixture(scope="session")
def base_url(site: Build) -> Iterator[str]:
    """The real site served locally."""
    yield from serve(site.site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium via Playwright. Fails (never skips) when Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.fail("Chromium ontbreekt: installeer het met 'sudo apt-get install chromium' (Debian).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def fresh_page(browser: object) -> Iterator[object]:
    """A fresh browser page (own context: no shared cookies, storage or cache)."""
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def page(fresh_page: object) -> object:
    """A fresh browser page; modules whose tests only open, type and read use ``tab``."""
    return fresh_page


DEFAULT_VIEWPORT = {"width": 1280, "height": 720}
"""Playwright's viewport for a new context."""


@pytest.fixture(scope="module")
def module_tab(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport=DEFAULT_VIEWPORT)
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(module_tab: object) -> Iterator[object]:
    """The test module's one tab, for one test, then put back: its routes removed,
    screen media, the default viewport, cookies and storage cleared, and an empty
    page. Why: a fresh context per test cost Chromium about 0.4 s (a new renderer
    process, cold caches), 200 times a run. Not for a test that adds an init script
    or a listener (those stay on the tab), or that needs a cold cache: it takes
    ``fresh_page``."""
    yield module_tab
    module_tab.unroute_all(behavior="ignoreErrors")
    module_tab.emulate_media(media="null")
    module_tab.set_viewport_size(DEFAULT_VIEWPORT)
    module_tab.evaluate("() => { try { localStorage.clear(); sessionStorage.clear(); } catch (e) {} }")
    module_tab.context.clear_cookies()
    module_tab.goto("about:blank")


# --- Scheduling on pytest-xdist workers ---------------------------------------------

SLOWEST_FIRST = (
    "test_a11y.py",
    "test_pdf.py",
    "test_search_browser.py",
    "test_privacy.py",
    "test_zoekvak.py",
    "test_afsprakenmaker.py",
    "test_print.py",
)
"""The longest modules, longest first (summed test times on 2026-12-04, two workers:
135, 103, 100, 44, 41, 35 and 28 s; every other module takes under 20 s).

``manage.py test`` runs with ``--dist loadfile``: each module stays on one worker, so
a long module fixture (the full PDF run, the browser crawl) runs once (``loadgroup``
would do it per module, but pytest-xdist 3.8.0 cannot mark groups under pytest 9.2,
whose items keep their id in ``_id``). pytest-xdist hands out modules in the order
they are collected; starting with the longest and ending with the short ones
keeps both workers busy until the end (the longest-first rule for scheduling)
instead of one worker finishing a long module alone."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return SLOWEST_FIRST.index(name) if name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the other modules keep their file order
