"""Benchmark the build at 10 to 5,000 examples, side by side with a plain Material site.

Why a script and not a test: timings vary from machine to machine and run to run;
a benchmark reports medians, a unit test would only be flaky. Run it with
``python -m inspiratieboek.quality.benchmark`` (``--help`` for options); it prints a Markdown table
for the README's performance section.

Everything happens in a temporary folder. The records it writes are synthetic
(titles start with "SYNTHETISCH", sources point at example.org) and never touch
``data/``. The peer site is what an out-of-the-box Material + static-i18n site does
with the same number of pages: every page in the navigation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from inspiratieboek.data.records import load_catalog
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.publish.chromium import CHROMIUM
from inspiratieboek.quality.browser_audit import chromium, serve
from inspiratieboek.quality.first_visit import first_visit
from inspiratieboek.quality.projectcopy import copy_project, synthetic_facts, synthetic_records
from inspiratieboek.site.build import mkdocs_command, mkdocs_env
from inspiratieboek.site.generate import write_catalog

ROOT = Path(__file__).resolve().parents[3]

WORDS = (
    "huurders",
    "buurt",
    "schulden",
    "vocht",
    "schimmel",
    "groen",
    "werk",
    "zorg",
    "ouderen",
    "jongeren",
    "gezondheid",
    "eenzaamheid",
    "ontmoeting",
    "taal",
    "energie",
    "woning",
    "corporatie",
    "gemeente",
    "welzijn",
    "wijkteam",
    "bewoners",
    "samen",
    "aanpak",
)
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


# --- Synthetic data ---------------------------------------------------------------


def synthetic_record(number: int, vocab: dict[str, list[str]], rng: random.Random) -> dict:
    """One synthetic record that passes the validator; clearly marked as synthetic."""

    def words(count: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(count))

    factors = rng.sample(vocab["factoren"], k=rng.choice((1, 1, 2)))
    return {
        "titel": f"SYNTHETISCH voorbeeld {number:05d} over {words(3)}",
        "titel_en": f"SYNTHETIC example {number:05d}",
        "samenvatting": f"Verzonnen testvoorbeeld {number} over {words(8)}. Het is alleen voor de benchmark.",
        "samenvatting_en": f"Made-up test example {number}. It exists only for the benchmark.",
        "factoren": factors,
        "organisaties": [{"naam": f"Testorganisatie {number % 97}", "soort": rng.choice(vocab["soorten"])}],
        "plaats": f"Testplaats {number % 211}",
        "provincie": rng.choice(vocab["provincies"]),
        "doelgroepen": rng.sample(vocab["doelgroepen"], k=2),
        "themas": rng.sample(vocab["themas"], k=2),
        "aanpak": "\n\n".join(f"{words(12).capitalize()}. {words(10)}." for _ in range(3)),
        "aanpak_en": "Synthetic approach text for the benchmark.",
        "resultaten": f"- {rng.randint(5, 500)} deelnemers (verzonnen).",
        "startjaar": rng.randint(2010, 2025),
        "bronnen": [{"titel": "Synthetische bron", "url": f"https://example.org/synthetisch/{number}"}],
        "laatst_gecontroleerd": dt.date(2026, 1, 1),
        **synthetic_facts(rng),
    }


def make_project(target: Path, count: int, seed: int = 1) -> Path:
    """A copy of the real project with ``count`` synthetic records instead of the real ones."""
    return copy_project(target, synthetic_records(count, synthetic_record, "scripts/benchmark.py", seed))


def make_peer(target: Path, count: int) -> Path:
    """Plain Material + static-i18n: ``count`` pages per language, all in the navigation."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Start\n\nPeer site.\n", encoding="utf-8")
    (docs / "index.en.md").write_text("# Home\n\nPeer site.\n", encoding="utf-8")
    text = "# Pagina {n}\n\n" + "Verzonnen tekst over wonen en gezondheid. " * 40 + "\n"
    for number in range(count):
        (docs / f"pagina-{number:05d}.md").write_text(text.format(n=number), encoding="utf-8")
        (docs / f"pagina-{number:05d}.en.md").write_text(text.format(n=number), encoding="utf-8")
    config = {
        "site_name": "Peer",
        "site_url": "https://example.org/",
        "theme": {"name": "material", "language": "nl", "font": False},
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "suffix",
                    "languages": [
                        {"locale": "nl", "default": True, "name": "Nederlands"},
                        {"locale": "en", "name": "English"},
                    ],
                }
            },
        ],
    }
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return target


# --- Measuring --------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_mib: float


@dataclass
class Result:
    count: int
    ours: list[Run] = field(default_factory=list)
    peer: list[Run] = field(default_factory=list)
    validate_s: list[float] = field(default_factory=list)
    generate_s: list[float] = field(default_factory=list)
    search_s: float | None = None
    pdf_s: float | None = None
    site_mib: float = 0.0
    avg_html_kib: float = 0.0
    max_html_kib: float = 0.0
    max_html_page: str = ""
    example_kib: float = 0.0
    home_visit_kib: dict[str, float] = field(default_factory=dict)
    """A first visit to each language's home page in Chromium: every request, uncompressed."""
    search_index_kib: float = 0.0


def measure_build(project: Path, site: Path) -> Run:
    """Full ``mkdocs build`` in a child process: wall time and peak memory (RSS)."""
    shutil.rmtree(site, ignore_errors=True)
    command = [
        sys.executable,
        "-c",
        MEASURE,
        str(project),
        *mkdocs_command("build", "--site-dir", str(site)),
    ]
    out = subprocess.run(command, env=mkdocs_env(), capture_output=True, text=True, check=True).stdout.split()
    seconds, peak_kib, code = float(out[0]), int(out[1]), int(out[2])
    if code != 0:
        raise RuntimeError(f"build failed in {project}")
    return Run(seconds, peak_kib / 1024)


def measure_phases(project: Path) -> tuple[float, float]:
    """Validate and generate in this process, as the hook does before MkDocs starts."""
    start = time.perf_counter()
    catalog = load_catalog(project / "data")
    problems = errors(validate(catalog))
    validated = time.perf_counter()
    if problems:
        raise RuntimeError(problems[:3])
    write_catalog(catalog, project / "docs" / "voorbeelden")  # one process here: one language after the other
    return validated - start, time.perf_counter() - validated


def measure_search(project: Path, site: Path) -> float | None:
    """Time of the examples' search index step alone (scripts/zoekindex.py), if the project has one."""
    try:
        from inspiratieboek.search import zoekindex
    except ImportError:
        return None
    catalog = load_catalog(project / "data")
    start = time.perf_counter()
    zoekindex.write(site, catalog, ["nl", "en"], "nl")
    return time.perf_counter() - start


def sizes(result: Result, site: Path) -> None:
    """Site size, HTML page sizes and search index size of a built site."""
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    result.site_mib = sum(p.stat().st_size for p in files) / 2**20
    result.avg_html_kib = statistics.mean(p.stat().st_size for p in html) / 1024
    largest = max(html, key=lambda p: p.stat().st_size)
    result.max_html_kib = largest.stat().st_size / 1024
    result.max_html_page = largest.relative_to(site).as_posix()
    example = site / "voorbeelden" / "synthetisch-00000" / "index.html"
    result.example_kib = example.stat().st_size / 1024 if example.exists() else 0.0
    index_files = [
        p
        for p in files
        if p.relative_to(site).parts[0] in {"zoekindex", "search"} or "search" in p.relative_to(site).parts[:2]
    ]
    result.search_index_kib = sum(p.stat().st_size for p in index_files) / 1024


def measure_home(site: Path) -> dict[str, float]:
    """KiB of a first visit to each language's home page, as Chromium fetches it
    (Material's bundle fetches files no HTML names). Empty without Playwright or Chromium."""
    if importlib.util.find_spec("playwright") is None or not CHROMIUM.exists():
        return {}
    with serve(site) as url, chromium() as browser:
        return {lang: first_visit(browser, url + path).total_kib for lang, path in (("nl", ""), ("en", "en/"))}


def measure_serve_rebuild(project: Path, port: int = 8765) -> float:
    """Seconds from saving one edited record to the rebuilt site under ``manage.py serve``
    (the README's command; the browser reloads the moment the build is published)."""
    process = subprocess.Popen(
        [sys.executable, "scripts/manage.py", "serve", "--port", str(port)],
        cwd=project,
        env=mkdocs_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "[serve] bouw 1 " in line and "gestart" not in line:
                break
        record = next((project / "data" / "voorbeelden").glob("*.yml"))
        text = record.read_text(encoding="utf-8")
        start = time.perf_counter()
        record.write_text(text.replace("SYNTHETISCH voorbeeld", "SYNTHETISCH bewerkt voorbeeld", 1), encoding="utf-8")
        for line in process.stdout:
            if re.search(r"\[serve\] bouw 2 (klaar|mislukt)", line):
                return time.perf_counter() - start if "klaar" in line else float("nan")
        return float("nan")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def run(counts: list[int], repeat: int, peer_max: int, serve_at: int | None) -> tuple[list[Result], float | None]:
    results = []
    serve_seconds = None
    with tempfile.TemporaryDirectory(prefix="ib-benchmark-") as tmp:
        for count in counts:
            result = Result(count)
            project = make_project(Path(tmp) / f"ours-{count}", count)
            site = Path(tmp) / f"site-{count}"
            times = repeat if count <= 1000 else 1
            for _ in range(times):
                shutil.rmtree(project / "docs" / "voorbeelden", ignore_errors=True)
                validate_s, generate_s = measure_phases(project)
                result.validate_s.append(validate_s)
                result.generate_s.append(generate_s)
                shutil.rmtree(project / "docs" / "voorbeelden", ignore_errors=True)
                result.ours.append(measure_build(project, site))
            result.search_s = measure_search(project, site)
            sizes(result, site)
            result.home_visit_kib = measure_home(site)
            if count <= peer_max:
                peer = make_peer(Path(tmp) / f"peer-{count}", count)
                for _ in range(times):
                    result.peer.append(measure_build(peer, Path(tmp) / f"peer-site-{count}"))
                shutil.rmtree(Path(tmp) / f"peer-site-{count}", ignore_errors=True)
            if serve_at == count:
                serve_seconds = measure_serve_rebuild(project)
            shutil.rmtree(site, ignore_errors=True)
            results.append(result)
            print(f"  N={count} done", file=sys.stderr, flush=True)
    return results, serve_seconds


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(results: list[Result], serve_seconds: float | None, serve_at: int | None) -> str:
    """The Markdown report: one row per N, then the conditions of the run."""
    lines = [
        "| N | ours (s) | peer (s) | ratio | validate (s) | generate (s) | MkDocs + rest (s) "
        "| search index (s) | site (MiB) | avg HTML (KiB) | largest HTML (KiB) | example page (KiB) "
        "| search index (KiB) | peak RSS (MiB) |",
        "|" + "---|" * 14,
    ]
    for r in results:
        ours = _median([x.seconds for x in r.ours])
        peer = _median([x.seconds for x in r.peer])
        phases = _median(r.validate_s) + _median(r.generate_s) + (r.search_s or 0)
        ratio = f"{ours / peer:.0%}" if r.peer else "-"
        peer_text = f"{peer:.1f}" if r.peer else "-"
        lines.append(
            f"| {r.count:,} | {ours:.1f} | {peer_text} | {ratio} | {_median(r.validate_s):.2f} | "
            f"{_median(r.generate_s):.2f} | {ours - phases:.1f} | "
            f"{'-' if r.search_s is None else f'{r.search_s:.1f}'} | {r.site_mib:.1f} | {r.avg_html_kib:.1f} | "
            f"{r.max_html_kib:.1f} ({r.max_html_page}) | {r.example_kib:.1f} | {r.search_index_kib:,.0f} | "
            f"{max(x.peak_mib for x in r.ours):.0f} |"
        )
    lines.append("")
    lines.append(home_line(results))
    if serve_seconds is not None:
        lines.append(f"`manage.py serve` rebuild after editing one record at N={serve_at:,}: {serve_seconds:.1f} s.")
    lines.append(
        f"Run {dt.datetime.now():%Y-%m-%d %H:%M} on {platform.node() or 'this machine'}: {platform.platform()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPU cores. Medians of the repeats; the full "
        "build includes validation, generation, MkDocs for both languages and the search index. "
        "The MkDocs column is the full build minus the separately timed phases."
    )
    return "\n".join(lines)


def home_line(results: list[Result]) -> str:
    """The first visit to the home page per N (issue #8: at most 400 KiB)."""
    measured = [r for r in results if r.home_visit_kib]
    if not measured:
        return "First visit to the home page: not measured (needs Playwright and Debian's Chromium)."
    figures = "; ".join(
        f"N={r.count:,}: {r.home_visit_kib['nl']:.0f} KiB Dutch, {r.home_visit_kib['en']:.0f} KiB English"
        for r in measured
    )
    return f"First visit to the home page in Chromium (every request, uncompressed): {figures}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per size up to 1,000 (5,000 runs once)")
    parser.add_argument("--peer-max", type=int, default=1000, help="largest N for the peer site (it grows fast)")
    parser.add_argument("--serve-at", type=int, default=1000, help="N at which to time a serve rebuild (0: skip)")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    args = parser.parse_args(argv)
    serve_at = args.serve_at if args.serve_at in args.sizes else None
    results, serve_seconds = run(args.sizes, args.repeat, args.peer_max, serve_at)
    report = table(results, serve_seconds, serve_at)
    print(report)
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ for r in results], default=lambda o: o.__dict__, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
