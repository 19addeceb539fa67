"""Lighthouse scores of the main page types, desktop and mobile: a report, not a gate.

Why not a test: Lighthouse's performance score moves a few points between runs
(timings on a busy machine), so it would make CI flaky. The target is 100 in all
four categories on every page; this script shows where we stand and lists every
audit that is not at full marks, so a regression is easy to trace.

How: builds the site with ``SITE_URL`` set to the local address (so canonical
links point at the page Lighthouse loads), serves it on 127.0.0.1 like a static
host, and runs npm ``lighthouse`` 12.2.3 (installed on first use into the
git-ignored ``.cache/lighthouse/``) with Node and Debian's Chromium
(``CHROME_PATH=/usr/bin/chromium``). JSON reports land in ``.cache/lighthouse/reports/``.

Run: ``python -m inspiratieboek.quality.lighthouse`` (``--site-dir`` to reuse a build whose
SITE_URL is the address given with ``--port``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from inspiratieboek.data.records import load_catalog
from inspiratieboek.quality.browser_audit import CHROMIUM, CHROMIUM_ARGS, serve
from inspiratieboek.site.build import run_build

ROOT = Path(__file__).resolve().parents[3]

VERSION = "12.2.3"
TOOL_DIR = ROOT / ".cache" / "lighthouse"
REPORTS = TOOL_DIR / "reports"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse_bin() -> Path:
    """The pinned Lighthouse, installed with npm on first use."""
    binary = TOOL_DIR / "node_modules" / ".bin" / "lighthouse"
    installed = TOOL_DIR / "node_modules" / "lighthouse" / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != VERSION:
        TOOL_DIR.mkdir(parents=True, exist_ok=True)
        print(f"lighthouse {VERSION} installeren in {TOOL_DIR.relative_to(ROOT)}/ ...", flush=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", f"lighthouse@{VERSION}"],
            cwd=TOOL_DIR,
            check=True,
        )
    return binary


def pages() -> dict[str, str]:
    """The page types the issue asks for: home, a chapter, an example page, the overview."""
    records = load_catalog(ROOT / "data").records
    example = max(records, key=lambda r: len(str(r.data))).id
    return {
        "home": "",
        "chapter": "factoren/werk/",
        "example": f"voorbeelden/{example}/",
        "overview": "voorbeelden/",
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def build(site_dir: Path, base_url: str) -> None:
    result = run_build(ROOT, site_dir, {"SITE_URL": base_url}, quiet=True)
    if not result.ok:
        sys.exit(f"De build is mislukt:\n{result.output}")


def run_lighthouse(binary: Path, url: str, form: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run; returns the parsed JSON report."""
    args = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    if form == "desktop":
        args.append("--preset=desktop")
    subprocess.run(args, env=os.environ | {"CHROME_PATH": str(CHROMIUM)}, check=True)
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return result


def shortfalls(result: dict) -> list[str]:
    """Audits below full marks that count towards a category score."""
    found = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                found.append(f"{category}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue', '')}".strip())
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", type=Path, help="an existing build (its SITE_URL must be the --port address)")
    parser.add_argument("--port", type=int, default=0, help="port for the local server (default: a free one)")
    args = parser.parse_args(argv)
    if shutil.which("node") is None:
        print("Node ontbreekt: installeer Node 20 (Lighthouse 12 draait op Node 18 of nieuwer).", file=sys.stderr)
        return 2
    binary = lighthouse_bin()
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}/"
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as temporary:
        site_dir = args.site_dir
        if site_dir is None:
            site_dir = Path(temporary) / "site"
            build(site_dir, base_url)
        print(f"{'pagina':<10} {'vorm':<8} " + " ".join(f"{c:>14}" for c in CATEGORIES), flush=True)
        below: list[str] = []
        with serve(site_dir, port):
            for name, path in pages().items():
                for form in ("desktop", "mobile"):
                    result = run_lighthouse(binary, base_url + path, form, REPORTS / f"{name}-{form}.json")
                    scores = [round(result["categories"][c]["score"] * 100) for c in CATEGORIES]
                    print(f"{name:<10} {form:<8} " + " ".join(f"{s:>14}" for s in scores), flush=True)
                    below += [f"{name} {form}: {s}" for s in shortfalls(result)]
    if below:
        print("\nNiet op 100:")
        print("\n".join(f"  {line}" for line in below))
    return 0


if __name__ == "__main__":
    sys.exit(main())
