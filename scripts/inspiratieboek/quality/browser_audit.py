"""What a real browser sees when it loads our pages: requests, console errors,
cookies and axe-core's accessibility findings.

Why a browser: the HTML alone does not show what Material's JavaScript fetches,
which hosts a page contacts, or whether text contrast holds once the CSS is
applied. Debian's Chromium is driven by Playwright (never a downloaded browser),
and every request to a host other than the local server is blocked *and counted*,
so the check works offline and a third-party request can never leak out.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from inspiratieboek.publish.chromium import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response, Route, ViewportSize

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
"""The axe rules for WCAG 2.0 and 2.1, levels A and AA (the legal bar for Dutch public bodies)."""
MOBILE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv"}
ANALYTICS = ("google-analytics", "googletagmanager", "gtag(", "matomo", "piwik", "plausible", "_paq", "hotjar")
"""Tell-tale strings of analytics scripts; none may appear in what we ship."""


# --- Serving ---------------------------------------------------------------------


class _StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves a folder like a static host does: text gzipped (as GitHub Pages and most
    hosts do, so Lighthouse measures what readers get), a missing page gets 404.html,
    and connections are kept open between requests (HTTP/1.1), as on any real host."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextmanager
def serve(folder: Path, port: int = 0) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port unless given); yields the base URL."""
    handler = functools.partial(_StaticHost, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium via Playwright, for scripts (tests use conftest's fixture)."""
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise SystemExit("Chromium ontbreekt: installeer het met 'sudo apt-get install chromium' (Debian).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- Loading a page and recording what happens --------------------------------------


@dataclass
class PageLoad:
    """Everything a page did while it loaded, beyond showing itself."""

    url: str
    status: int = 0
    elsewhere: list[str] = field(default_factory=list)
    """Requests to any host but the local server (blocked before they left)."""
    failed: list[str] = field(default_factory=list)
    """Requests that failed or got an error status (404s), besides the page itself."""
    console_errors: list[str] = field(default_factory=list)
    cookies: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [
            *(f"request to another host: {u}" for u in self.elsewhere),
            *(f"failed request: {u}" for u in self.failed),
            *(f"console error: {m}" for m in self.console_errors),
            *(f"cookie set: {c}" for c in self.cookies),
        ]


def guard_requests(context: BrowserContext, base_url: str, record: list[str]) -> None:
    """Block every request that would leave the local server, and write it down.

    The pattern matches only what leaves: Playwright matches a regular expression in
    its driver, so the site's own requests never wait for a round trip to Python
    (a route on every request cost about 0.1 s per page load)."""
    own = f"{urlsplit(base_url).scheme}://{urlsplit(base_url).netloc}/"

    def route(route: Route) -> None:
        record.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(re.compile(f"^(?!{re.escape(own)}|data:|blob:)"), route)


READY = """() => document.readyState === "complete" && [...document.querySelectorAll("[data-ib-zoeker]")]
    .every((box) => box.dataset.ibToont !== undefined || box.dataset.ibMislukt)"""
"""The page's own "ready" signal: loaded, and the example search (ib-zoeken.js), where
the page has one, has shown its first results (``data-ib-toont``) or given up
(``data-ib-mislukt``). The other scripts set themselves up before the load event."""


def load(context: BrowserContext, base_url: str, path: str) -> tuple[Page, PageLoad]:
    """Open ``path`` in a new page of a fresh ``context``; record requests, errors and cookies.

    Waits for the page's ready signal (``READY``), not for a quiet network: that
    costs half a second per page, and the tests that use this check what the page
    shows. The privacy crawl (:func:`load_every_page`) waits for a quiet network,
    so late requests (a script that phones home after load) are caught there.
    """
    page, result = _start(context, base_url, path)
    page.wait_for_function(READY)
    _finish(context, result)
    return page, result


def visit(page: Page, base_url: str, path: str) -> int:
    """Open ``path`` in a tab that is already open and wait for its ready signal;
    returns the HTTP status.

    For checks that only read a page (axe): a fresh context per page costs about
    0.5 s more (a new renderer process, axe compiled again), and what one page
    leaves behind cannot change how the next one is built."""
    response = page.goto(base_url + path, wait_until="commit")
    page.wait_for_function(READY)
    return response.status if response else 0


def _start(context: BrowserContext, base_url: str, path: str) -> tuple[Page, PageLoad]:
    result = PageLoad(base_url + path)
    guard_requests(context, base_url, result.elsewhere)
    page = context.new_page()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            result.console_errors.append(_console_text(message))

    def response_status(response: Response) -> None:
        if response.status >= 400:
            _record_failure(result, response.url, str(response.status))

    page.on("console", console)
    page.on("pageerror", lambda e: result.console_errors.append(f"uncaught: {e}"))
    page.on("requestfailed", lambda r: _record_failure(result, r.url, r.failure or "failed"))
    page.on("response", response_status)
    response = page.goto(result.url, wait_until="commit")
    result.status = response.status if response else 0
    return page, result


def _finish(context: BrowserContext, result: PageLoad) -> None:
    result.cookies = [f"{c['name']} ({c['domain']})" for c in context.cookies()]


def _console_text(message: ConsoleMessage) -> str:
    where = message.location.get("url", "")
    return f"{message.text} ({where})" if where else message.text


def _record_failure(result: PageLoad, url: str, why: str) -> None:
    # The page's own status is checked by the caller; blocked third-party requests
    # are already counted in ``elsewhere``.
    if url != result.url and url not in result.elsewhere:
        result.failed.append(f"{url} ({why})")


SCRIPT = re.compile(r'<script\b[^>]*\bsrc="([^"]+)"')


def _scripts(html: str) -> tuple[str, ...]:
    """The scripts a page loads, by file name (relative paths differ by depth only)."""
    return tuple(sorted({src.rsplit("/", 1)[-1].split("?")[0] for src in SCRIPT.findall(html)}))


def representative_pages(site_dir: Path, paths: list[str]) -> list[str]:
    """One browser load per kind of page, instead of all of them.

    Why: loading all 300+ pages in Chromium took 7 minutes of the test run, while
    example pages differ only in their data, and the static audit
    (``site_audit.foreign_resources``, ``broken_links``) already reads every page's
    HTML for other hosts and missing files. Pages are grouped by language, first
    URL segment, depth and the scripts they load (a page with a script of its own,
    such as the overview's search or the Afsprakenmaker, is a kind of its own); of
    each group the first, the smallest and the largest page are kept, so an example
    with every field and one with the fewest are both loaded, and so are the
    shortest and the longest chapter.
    """

    def file(path: str) -> Path:
        found = site_dir / path
        return found / "index.html" if path.endswith("/") or not path else found

    groups: dict[tuple[str, str, int, tuple[str, ...]], list[str]] = {}
    for path in sorted(paths):
        language, rest = ("en", path[3:]) if path.startswith("en/") else ("nl", path)
        parts = rest.strip("/").split("/")
        html = file(path).read_text(encoding="utf-8") if file(path).is_file() else ""
        key = (language, parts[0] if len(parts) > 1 else "", len(parts), _scripts(html))
        groups.setdefault(key, []).append(path)

    def size(path: str) -> int:
        return file(path).stat().st_size if file(path).exists() else 0

    chosen: list[str] = []
    for members in groups.values():
        by_size = sorted(members, key=size)
        chosen += [p for p in dict.fromkeys([members[0], by_size[0], by_size[-1]])]
    return sorted(chosen)


def load_every_page(browser: Browser, base_url: str, paths: list[str], at_once: int = 4) -> list[PageLoad]:
    """Load each path in a fresh context (no shared cookies or storage), each until
    the network is quiet, so late requests (a script that phones home after load)
    are caught too.

    ``at_once`` pages load side by side: navigation starts on all of them, then we
    wait for each in turn, so the browser works while Python waits.
    """
    loads = []
    for start in range(0, len(paths), at_once):
        batch = [(browser.new_context(), path) for path in paths[start : start + at_once]]
        try:
            started = [(context, *_start(context, base_url, path)) for context, path in batch]
            for context, page, result in started:
                page.wait_for_load_state("networkidle")
                _finish(context, result)
                loads.append(result)
        finally:
            for context, _path in batch:
                context.close()
    return loads


# --- Accessibility -----------------------------------------------------------------


@dataclass(frozen=True)
class Violation:
    """One axe-core rule broken on one page, with the first few offending elements."""

    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.page}: {self.rule} ({self.impact}): {self.help}; " + " | ".join(self.targets)


def axe(page: Page, label: str, tags: list[str] = WCAG_TAGS) -> list[Violation]:
    """Run the vendored axe-core on the page as it is now; returns its violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact || '', help: v.help,
                targets: v.nodes.slice(0, 5).map(
                    n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n')[1]?.trim()),
            }));
        }""",
        tags,
    )
    return [Violation(label, v["id"], v["impact"], v["help"], tuple(v["targets"])) for v in found]


def analytics_markers(site: Path) -> list[str]:
    """Files we ship that mention an analytics service (scripts, styles, pages)."""
    hits = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in {".html", ".js", ".css"} or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        hits += [f"{path.relative_to(site)}: {m}" for m in ANALYTICS if m in text]
    return hits


def describe(items: list[object]) -> str:
    """A readable assertion message: one finding per line."""
    return "\n".join(str(i) for i in items) or "(none)"


def as_json(items: list[object]) -> str:
    return json.dumps([str(i) for i in items], ensure_ascii=False, indent=1)


# --- Keyboard ------------------------------------------------------------------------

NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
"""Injected before a keyboard walk so each check sees the end state, not a fade."""

_FOCUS_STATE = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return null;
    const r = e.getBoundingClientRect();
    const s = getComputedStyle(e);
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const visible = e.checkVisibility({opacityProperty: true, visibilityProperty: true})
        && r.width > 0 && r.height > 0
        && r.right > 0 && r.bottom > 0 && r.left < innerWidth && r.top < innerHeight
        && !!top && (top === e || e.contains(top) || top.contains(e));
    // The browser's own ring ('auto') counts; an author outline must be at least 2 px.
    const ring = s.outlineStyle === 'auto' || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
        || s.boxShadow !== 'none';
    const name = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('href') || '').trim();
    return {
        key: e.dataset.ibWalk || (e.dataset.ibWalk = String(Math.random()).slice(2)),
        what: `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).trim().split(/\\s+/)[0] : ''}`
            + ` "${name.replace(/\\s+/g, ' ').slice(0, 40)}"`,
        visible, ring,
    };
}"""

_CONTROLS = """() => [...document.querySelectorAll(
        'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
    .filter(e => !e.disabled && e.tabIndex >= 0 && e.checkVisibility({opacityProperty: true, visibilityProperty: true})
        && e.getBoundingClientRect().width > 0 && e.getAttribute('tabindex') !== '-1')
    .map(e => {
        e.dataset.ibWalk = e.dataset.ibWalk || String(Math.random()).slice(2);
        const name = (e.getAttribute('aria-label') || e.textContent || e.getAttribute('href') || '').trim();
        return [e.dataset.ibWalk, `${e.tagName.toLowerCase()} "${name.replace(/\\s+/g, ' ').slice(0, 40)}"`];
    })"""


@dataclass
class KeyboardWalk:
    """The stops the Tab key visits on a page, from the top until it comes round again."""

    stops: list[dict[str, Any]]
    unreached: list[str]
    wrapped: bool

    @property
    def problems(self) -> list[str]:
        found = [f"focus not visible on {s['what']}" for s in self.stops if not s["visible"]]
        found += [f"no focus indicator on {s['what']}" for s in self.stops if s["visible"] and not s["ring"]]
        found += [f"not reachable with Tab: {u}" for u in self.unreached]
        if not self.wrapped:
            found.append("Tab never came back to the start: focus is trapped")
        return found


def walk_with_tab(page: Page, limit: int = 400) -> KeyboardWalk:
    """Press Tab from the top of the page until focus comes round, checking every stop.

    Every stop must be visible with a focus ring; every control that is visible
    when the page opens must be among the stops; and the walk must come back to
    where it started (focus not trapped).
    """
    page.add_style_tag(content=NO_MOTION)
    controls = dict(page.evaluate(_CONTROLS))
    stops: list[dict[str, Any]] = []
    seen: set[str] = set()
    wrapped = False
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is not None and not (state["visible"] and state["ring"]):
            # Some widgets react to focus a moment later (Material opens its search
            # dialog when the field gets focus): judge what the reader sees then.
            page.wait_for_timeout(300)
            state = page.evaluate(_FOCUS_STATE)
        if state is None:  # focus left the document (browser chrome): the next Tab starts over
            if stops:
                wrapped = True
                break
            continue
        if state["key"] in seen:
            wrapped = state["key"] == stops[0]["key"]
            break
        seen.add(state["key"])
        stops.append(state)
    unreached = [what for key, what in controls.items() if key not in seen]
    return KeyboardWalk(stops, unreached, wrapped)
