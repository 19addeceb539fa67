"""What a first visit to a page costs: every request the browser makes and the size
of each response body, measured in Debian's Chromium.

Why in a browser: the built files alone do not tell. Scripts fetch files that no
HTML names (the search index, once a reader starts to search), and it is what the
browser really fetches that a reader pays for (issue #8: a first visit to the home
page at most 400 KiB, no request to another host). Used by tests/test_zoekvak.py
and scripts/benchmark.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from inspiratieboek.quality.browser_audit import guard_requests

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Request

HOME_BUDGET_KIB = 400
"""Issue #8: a first visit to the home page transfers at most this much (uncompressed)."""


@dataclass
class Visit:
    """The requests of one page load in a fresh browser context (empty cache)."""

    url: str
    bodies: dict[str, int] = field(default_factory=dict)
    """Each requested URL and its response body size in bytes, uncompressed."""
    elsewhere: list[str] = field(default_factory=list)
    """Requests to any host but the local server (blocked, and counted)."""

    @property
    def total_kib(self) -> float:
        return sum(self.bodies.values()) / 1024

    def report(self) -> str:
        """One line per request, largest first: for an assertion message."""
        lines = [f"{size / 1024:8.1f} KiB  {url}" for url, size in sorted(self.bodies.items(), key=lambda i: -i[1])]
        return "\n".join([f"{self.url}: {self.total_kib:.1f} KiB in {len(self.bodies)} requests", *lines])


def first_visit(browser: Browser, url: str) -> Visit:
    """Load ``url`` with an empty cache and wait until the network is quiet."""
    visit = Visit(url)
    context = browser.new_context()
    try:
        guard_requests(context, url, visit.elsewhere)
        page = context.new_page()
        finished: list[Request] = []
        page.on("requestfinished", lambda request: finished.append(request))

        def failed(request: Request) -> None:
            visit.bodies.setdefault(request.url, 0)  # counted as a request that transferred nothing

        page.on("requestfailed", failed)
        page.goto(url, wait_until="networkidle")
        for request in finished:
            visit.bodies[request.url] = _body_size(request)
    finally:
        context.close()
    return visit


def _body_size(request: Request) -> int:
    response = request.response()
    # A redirect has no body of its own; the page it leads to is counted separately.
    return len(response.body()) if response and not 300 <= response.status < 400 else 0
