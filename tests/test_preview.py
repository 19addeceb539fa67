"""``manage.py serve`` (issue #18): the preview never hangs, shows a broken record as a
banner over the last good site, reloads by itself, builds once per save and leaves
no process behind.

The serve test runs the README's command in a copy of the project, on 127.0.0.1 and
a free port, and watches it from Chromium and over HTTP.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ENV, copy_project, fixture_records
from inspiratieboek.site import preview

TITLE = "Synthetisch voorbeeld A over schulden"
MESSAGE = "data/voorbeelden/synthetisch-a.yml:13: provincie: 'nergens' is geen bekende waarde"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str, float]:
    """Status, text and seconds of one request; (0, '', s) when nothing answered."""
    began = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8"), time.monotonic() - began
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace"), time.monotonic() - began
    except OSError:
        return 0, "", time.monotonic() - began


def wait_for(check: Callable[[], bool], seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"{what} did not happen within {seconds} s; serve said:\n{log.read_text()[-4000:]}")


def builds(log: Path) -> list[str]:
    return re.findall(r"\[serve\] bouw (\d+) gestart", log.read_text())


def finished(log: Path, number: int) -> bool:
    return re.search(rf"\[serve\] bouw {number} (klaar|mislukt)", log.read_text()) is not None


def session_processes(session: int) -> list[str]:
    """Processes still in the serve's session (it was started as a session leader)."""
    result = subprocess.run(["ps", "-o", "pid=,stat=,args=", "-s", str(session)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.strip() and " Z" not in line]


@pytest.mark.browser
def test_serve_keeps_the_last_good_site_shows_the_error_and_reloads_once_per_save(tmp_path: Path, page: object) -> None:
    # Given the README's serve command running on a copy of the project
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/voorbeelden/synthetisch-a/"
    record = project / "data" / "voorbeelden" / "synthetisch-a.yml"
    text = record.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        serve = subprocess.Popen(
            [sys.executable, "scripts/manage.py", "serve", "--port", str(port)],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(lambda: TITLE in fetch(url)[1], 240, "the first build", log)
        wait_for(lambda: finished(log, 1), 30, "the end of the first build", log)
        page.goto(url)
        page.get_by_role("heading", name=TITLE).wait_for(timeout=10_000)

        # When a record breaks
        record.write_text(text.replace("provincie: utrecht", "provincie: nergens"), encoding="utf-8")
        # Then the server keeps answering at once, with the last good page
        for _ in range(8):
            status, body, seconds = fetch(url)
            assert status == 200 and TITLE in body and seconds < 2, (status, seconds, log.read_text()[-2000:])
            time.sleep(0.25)
        wait_for(lambda: finished(log, 2), 240, "the failed build", log)
        status, body, seconds = fetch(url)
        assert status == 200 and seconds < 2 and TITLE in body and MESSAGE in body.replace("&#x27;", "'")
        assert MESSAGE in log.read_text(), "the terminal shows file:line: field: message"
        # and the open browser reloads by itself and shows the banner over the old page
        banner = page.get_by_role("alert").filter(has_text="Er staat een fout in de gegevens")
        banner.wait_for(timeout=30_000)
        assert MESSAGE in banner.inner_text()
        assert page.get_by_role("heading", name=TITLE).is_visible()

        # When the record is fixed (and edited)
        record.write_text(text.replace("over schulden", "over schulden, net bewerkt"), encoding="utf-8")
        # Then the browser shows the new page by itself, without the banner
        page.get_by_role("heading", name=f"{TITLE}, net bewerkt").wait_for(timeout=240_000)
        assert page.locator("#ib-preview-fout").count() == 0
        # and every save built the site once: the first build, the broken save, the fix
        wait_for(lambda: finished(log, 3), 60, "the third build", log)
        time.sleep(3)  # a build triggered by its own generated pages would start by now
        assert builds(log) == ["1", "2", "3"], log.read_text()[-4000:]
    finally:
        # When serve gets SIGTERM (what an editor's Ctrl-C or a closed terminal sends)
        serve.send_signal(signal.SIGTERM)
        try:
            code = serve.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait(timeout=10)
            raise
    # Then it stops cleanly, no process of it is left, and the port is free again
    assert code == 0, log.read_text()[-2000:]
    assert session_processes(serve.pid) == []
    assert fetch(url)[0] == 0
    assert "[serve] gestopt" in log.read_text()


def test_serve_answers_at_once_before_the_first_good_build(tmp_path: Path) -> None:
    """A broken record at start-up: no site to show yet, but an answer (503) with the message, never a hang."""
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    record = project / "data" / "voorbeelden" / "synthetisch-a.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("provincie: utrecht", "provincie: nergens"))
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        serve = subprocess.Popen(
            [sys.executable, "scripts/manage.py", "serve", "--port", str(port)],
            cwd=project,
            env=ENV,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_for(lambda: finished(log, 1), 120, "the first (failed) build", log)
        status, body, seconds = fetch(f"http://127.0.0.1:{port}/")
        assert status == 503 and seconds < 2, (status, seconds)
        assert "De site is nog niet gebouwd" in body and MESSAGE in body.replace("&#x27;", "'")
    finally:
        # SIGTERM again and again until it has stopped (Ctrl-C pressed twice, or a
        # signal sent to both the shell and serve): found 2026-12-04 as a traceback
        deadline = time.monotonic() + 30
        while serve.poll() is None and time.monotonic() < deadline:
            serve.send_signal(signal.SIGTERM)
            time.sleep(0.005)
        assert serve.wait(timeout=30) == 0, log.read_text()[-3000:]
    assert "Traceback" not in log.read_text(), log.read_text()[-3000:]
    assert session_processes(serve.pid) == []


@pytest.mark.parametrize(
    ("relative", "watched"),
    [
        ("data/voorbeelden/a.yml", True),
        ("docs/printen.md", True),
        ("mkdocs.yml", True),
        ("overrides/main.html", True),
        ("docs/voorbeelden/a.md", False),  # written by the build itself: watching it built every save twice
        ("docs/voorbeelden/factor/werk/index.en.md", False),
        ("data/voorbeelden/.a.yml.swp", False),
        ("data/voorbeelden/a.yml~", False),
        ("data/voorbeelden/4913", False),
        ("data/voorbeelden/.#a.yml", False),
        ("scripts/inspiratieboek/__pycache__/x.cpython-311.pyc", False),
        ("site", False),
    ],
)
def test_watcher_ignores_generated_pages_and_editor_files(tmp_path: Path, relative: str, watched: bool) -> None:
    assert preview.is_watched(tmp_path / relative, tmp_path) is watched


def test_banner_escapes_the_message_and_keeps_the_page() -> None:
    state = preview.State(site=Path("/x"))
    page = preview.decorate("<html><body class='a'><h1>Oud</h1></body></html>", state, "<script>x</script>", 4)
    assert "<h1>Oud</h1>" in page and "&lt;script&gt;x&lt;/script&gt;" in page
    assert page.index('role="alert"') < page.index("<h1>Oud</h1>") < page.index("__ib/versie")
    assert 'role="alert"' not in preview.decorate("<html><body><h1>Oud</h1></body></html>", state, None, 4)


def _same_as_a_fresh_build(project: Path, cached: Path, work: Path) -> None:
    """Every HTML page of the preview's ``cached`` site is byte for byte what a fresh build gives."""
    work.mkdir()
    fresh = preview.Builder(project, work, "http://127.0.0.1:1/", preview.State())
    assert fresh.build() and fresh.state.site is not None
    assert fresh.cache.counts.hits == 0 and fresh.cache.counts.page_hits == 0
    pages = sorted(p.relative_to(cached) for p in cached.rglob("*.html"))
    assert pages == sorted(p.relative_to(fresh.state.site) for p in fresh.state.site.rglob("*.html"))
    differ = [str(p) for p in pages if (cached / p).read_bytes() != (fresh.state.site / p).read_bytes()]
    assert differ == []


def test_preview_reuses_unchanged_pages_and_builds_the_same_site_as_a_fresh_build(tmp_path: Path) -> None:
    """The preview's caches (``render_cache``): after an edit only the changed pages are
    converted and filled in again, the result is byte for byte a fresh build (after a
    record edit, a chapter title that changes every page's menu, and a template edit),
    and a failed build leaves nothing in the cache."""
    from mkdocs.structure.pages import Page

    original_render = Page.render
    project = copy_project(tmp_path / "p", fixture_records("synthetisch-a", "synthetisch-b"))
    (tmp_path / "w").mkdir()
    builder = preview.Builder(project, tmp_path / "w", "http://127.0.0.1:1/", preview.State())
    assert builder.build()
    assert builder.cache.counts.hits == 0 and builder.cache.counts.misses > 20
    # A record edit: a few pages change, the rest are reused
    record = project / "data" / "voorbeelden" / "synthetisch-a.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("een verzonnen testrecord", "een bewerkt testrecord", 1), encoding="utf-8")
    assert builder.build() and builder.state.site is not None
    counts = builder.cache.counts
    assert counts.misses >= 1 and counts.hits > 5 * counts.misses, counts
    assert counts.page_misses >= 1 and counts.page_hits > 5 * counts.page_misses, counts
    assert Page.render is original_render, "the cache patches MkDocs only during a preview build"
    page = (builder.state.site / "voorbeelden" / "synthetisch-a" / "index.html").read_text(encoding="utf-8")
    assert "een bewerkt testrecord" in page
    _same_as_a_fresh_build(project, builder.state.site, tmp_path / "v1")
    # A factor chapter's title is in the menu of every Dutch page (mkdocs.yml names no
    # title for it): every Dutch page is filled in again, the English ones are not
    chapter = project / "docs" / "factoren" / "werk.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("\n# ", "\n# Anders: ", 1), encoding="utf-8")
    assert builder.build() and builder.state.site is not None
    dutch = len([p for p in builder.state.site.rglob("*.html") if "en" not in p.relative_to(builder.state.site).parts])
    assert builder.cache.counts.page_misses >= dutch - 2, (dutch, builder.cache.counts)
    assert "Anders: " in (builder.state.site / "printen" / "index.html").read_text(encoding="utf-8")
    _same_as_a_fresh_build(project, builder.state.site, tmp_path / "v2")
    # A template edit: every page again
    template = project / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n{#- bewerkt -#}\n", encoding="utf-8")
    assert builder.build() and builder.state.site is not None
    assert builder.cache.counts.page_hits == 0, builder.cache.counts
    _same_as_a_fresh_build(project, builder.state.site, tmp_path / "v3")
    # A failed build keeps nothing of its own
    kept, pages_kept = dict(builder.cache.kept), dict(builder.cache.pages_kept)
    record.write_text(text.replace("provincie: ", "provincie: nergens-", 1), encoding="utf-8")
    assert not builder.build()
    assert builder.cache.fresh == {} and builder.cache.pages_fresh == {}
    assert builder.cache.kept == kept and builder.cache.pages_kept == pages_kept
