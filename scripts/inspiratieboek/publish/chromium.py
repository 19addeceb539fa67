"""Where Debian's Chromium lives and how we start it: one place for the tests, the
PDF step, the quality gates and the benchmarks.

Why these flags: without the background-networking ones Chromium tries to reach
Google's hosts at every start, which this closed network refuses (tooling notes).
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
