"""Benchmark the search at scale: 5,000 synthetic examples plus the chapters (issues 4 and 16).

Why a script and not a test: timings depend on the machine and its load; a test
with a time limit would only be flaky. Run it and read the figures:

    .venv/bin/python -m inspiratieboek.quality.benchmark_search [--count 5000] [--keep DIR]

It copies the project into a temporary folder, replaces every record by
synthetic ones (titles start with "SYNTHETISCH", sources point at example.org;
nothing is written to ``data/``), builds the site with the real build, and reports:

- index build time: the examples' index step on its own (scripts/zoekindex.py),
  and the whole build;
- index size on disk (examples and chapter sections, both languages);
- bytes a reader downloads for a first search on /voorbeelden/ (the three search
  scripts, index.json, term files and card files), next to the page's own HTML,
  and for a first search in the header box of a chapter page;
- time from keystroke to results in Debian's Chromium: for every keystroke (and
  filter change), from the ``input`` event to the first moment results that take
  it into account are in the DOM (ib-zoeken.js sets performance marks). Keys
  typed while a search runs count until the search after them is shown, so
  fast typing is not flattered. The same for the header box's suggestions
  (ib-zoekvak.js). Target: a median of at most 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from inspiratieboek.data.records import load_catalog
from inspiratieboek.quality.browser_audit import chromium, serve
from inspiratieboek.quality.projectcopy import copy_project, synthetic_facts, synthetic_records
from inspiratieboek.search import zoekindex
from inspiratieboek.site.build import run_build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Response

ROOT = Path(__file__).resolve().parents[3]

TOPICS = (
    "huurders met schulden",
    "een kleine schuld",
    "samen wandelen in de wijk",
    "een wandeling met buren",
    "een huurachterstand voorkomen",
    "vocht en schimmel in de woning",
    "eenzaamheid bij ouderen",
    "jongeren aan het werk",
    "energiearmoede aanpakken",
    "ontmoeting in de buurtkamer",
    "taal en digitale vaardigheden",
    "huisbezoeken door de corporatie",
    "gezond eten en bewegen",
    "groen in de voortuin",
    "statushouders wegwijs maken",
    "mantelzorgers ontlasten",
    "beschermd wonen en uitstroom",
    "prestatieafspraken over gezondheid",
    "een moestuin op het dak",
    "hitte in de zomer",
    "geluidsoverlast tussen buren",
    "veilig fietsen naar school",
    "dementie in de flat",
    "de huisarts in de wijk",
    "vroegsignalering van problemen",
    "een klusbus voor kleine reparaties",
    "lood in de waterleiding",
    "trappen en liften voor ouderen",
    "zwerfjongeren een eigen kamer",
    "buurtsportcoaches op het plein",
    "laaggeletterdheid herkennen",
    "betaalbare huren na renovatie",
    "isolatie van oude woningen",
    "speelplekken voor kinderen",
    "een repair café",
    "werkervaring via onderhoud",
    "budgetcoaching voor gezinnen",
    "inbraakpreventie in de portiek",
    "een buurtfonds voor ideeën",
    "GGZ-cliënten in een gewone woning",
)
FILLER = (
    "De verzonnen werkgroep komt elke maand bij elkaar.",
    "Medewerkers van de verzonnen organisaties maken samen een plan.",
    "Bewoners denken mee over de volgende stap.",
    "Na een jaar kijkt de groep wat het heeft opgeleverd.",
    "De gemeente betaalt een deel van de kosten.",
)
QUERIES = ("schulden", "wandeling", "huurachterstanden", "eenzaamheid ouderen", "schimmel", "energiearmoede", "scimmel")


# --- Synthetic data ---------------------------------------------------------------


def synthetic_record(number: int, vocab: dict[str, list[str]], rng: random.Random) -> dict:
    """One synthetic record that passes the validator, clearly marked as made up."""

    topic, other = rng.sample(TOPICS, k=2)
    approach = [" ".join(rng.sample(FILLER, k=3)) for _ in range(2)]
    approach.append(f"Een deel van het werk gaat over {other}. {rng.choice(FILLER)}")

    return {
        "titel": f"SYNTHETISCH voorbeeld {number:05d} over {topic}",
        "titel_en": f"SYNTHETIC example {number:05d}",
        "samenvatting": f"Verzonnen testvoorbeeld over {topic}. Alleen voor de benchmark.",
        "samenvatting_en": f"Made-up test example {number}. It exists only for the benchmark.",
        "factoren": rng.sample(vocab["factoren"], k=rng.choice((1, 1, 2))),
        "organisaties": [{"naam": f"Testorganisatie {number % 97}", "soort": rng.choice(vocab["soorten"])}],
        "plaats": f"Testplaats {number % 211}",
        "provincie": rng.choice(vocab["provincies"]),
        "doelgroepen": rng.sample(vocab["doelgroepen"], k=2),
        "themas": rng.sample(vocab["themas"], k=2),
        "aanpak": "\n\n".join(approach),
        "aanpak_en": "Synthetic approach text for the benchmark.",
        "resultaten": f"- {rng.randint(5, 500)} deelnemers (verzonnen).",
        "startjaar": rng.randint(2010, 2025),
        "bronnen": [{"titel": "Synthetische bron", "url": f"https://example.org/synthetisch/{number}"}],
        "laatst_gecontroleerd": dt.date(2026, 1, 1),
        **synthetic_facts(rng),
    }


def make_project(target: Path, count: int, seed: int = 4) -> Path:
    """A copy of the project with ``count`` synthetic records instead of the real ones."""
    return copy_project(target, synthetic_records(count, synthetic_record, "scripts/benchmark_search.py", seed))


# --- Measuring --------------------------------------------------------------------


def build(project: Path) -> float:
    """The real build (strict); returns wall-clock seconds."""
    started = time.perf_counter()
    result = run_build(project, project / "site")
    if not result.ok:
        sys.exit(f"De build is mislukt:\n{result.output}")
    return time.perf_counter() - started


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


LATENCIES = """() => {
  const inputs = performance.getEntriesByName('ib-zoeken-invoer');
  const shown = performance.getEntriesByName('ib-zoeken-getoond');
  return inputs.map(i => {
    const s = shown.find(m => m.detail >= i.detail && m.startTime >= i.startTime);
    return s ? s.startTime - i.startTime : null;
  }).filter(x => x !== null);
}"""
CLEAR = "performance.clearMarks('ib-zoeken-invoer'); performance.clearMarks('ib-zoeken-getoond')"
BOX_LATENCIES = LATENCIES.replace("ib-zoeken-", "ib-zoekvak-")
BOX_CLEAR = CLEAR.replace("ib-zoeken-", "ib-zoekvak-")
BOX_SHOWN = """q => { const i = performance.getEntriesByName('ib-zoekvak-invoer');
  const s = performance.getEntriesByName('ib-zoekvak-getoond');
  return document.querySelector('#ib-zoekvak-veld').value === q && i.length && s.length
    && s[s.length - 1].detail === i[i.length - 1].detail; }"""
SETTLED = """() => { const b = document.querySelector('[data-ib-zoeker]');
  return b && b.dataset.ibToont !== undefined && b.dataset.ibToont === location.search; }"""


def measure_browser(site: Path) -> dict:
    """First-search download and keystroke-to-results times in Chromium."""
    figures: dict = {}
    with serve(site) as base, chromium() as browser:
        # 1. A first visit: what does a reader download to see the first results?
        context = browser.new_context()
        page = context.new_page()
        downloads: list[tuple[str, int, int]] = []

        def remember(response: Response) -> None:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                return
            downloads.append((response.url, len(body), len(gzip.compress(body))))

        page.on("response", remember)
        page.goto(base + "voorbeelden/")
        page.wait_for_function(SETTLED)
        at_ready = len(downloads)
        page.locator("#ib-zoek").press_sequentially("schulden", delay=120)
        page.wait_for_function(SETTLED)
        page.wait_for_timeout(300)
        search_files = [d for d in downloads if "/zoekindex/" in d[0] or re.search(r"/ib-(zoek|stam)", d[0])]
        html = next(d for d in downloads if d[0].rstrip("/").endswith("/voorbeelden"))
        figures["page_html"] = html[1:]
        figures["search_bytes"] = (sum(d[1] for d in search_files), sum(d[2] for d in search_files))
        figures["search_requests"] = len(search_files)
        figures["after_ready_bytes"] = sum(d[1] for d in downloads[at_ready:])
        figures["first_keystrokes_ms"] = page.evaluate(LATENCIES)
        context.close()
        # 2. Typing queries as a reader does, one key at a time.
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "voorbeelden/")
        page.wait_for_function(SETTLED)
        for query in QUERIES:
            page.fill("#ib-zoek", "")
            page.wait_for_function(SETTLED)
            page.evaluate(CLEAR)
            page.locator("#ib-zoek").press_sequentially(query, delay=150)
            page.wait_for_function(SETTLED)
            page.wait_for_timeout(600)  # the live region waits for typing to pause
            figures.setdefault("keystrokes_ms", []).extend(page.evaluate(LATENCIES))
            figures.setdefault("results", {})[query] = page.inner_text("[data-ib-status]")
        # 3. Choosing filters: from the change to the first result cards.
        page.fill("#ib-zoek", "")
        page.wait_for_function(SETTLED)
        for param in ("factor", "provincie", "thema"):
            # the first value that still has examples (the others are disabled)
            page.click(f"[data-ib-filter={param}] summary")
            page.evaluate(CLEAR)
            page.locator(f"[data-ib-filter={param}] input:not(:disabled)").first.check()
            page.wait_for_function(SETTLED)
            page.wait_for_timeout(600)
            figures.setdefault("filters_ms", []).extend(page.evaluate(LATENCIES))
        figures["filter_result"] = page.inner_text("[data-ib-status]")
        context.close()
        figures.update(measure_header_box(browser, base))
    return figures


def measure_header_box(browser: Browser, base: str) -> dict:
    """The header box on a chapter page: bytes of a first search, keystroke to suggestions."""
    figures: dict = {}
    context = browser.new_context()
    page = context.new_page()
    downloads: list[tuple[str, int, int]] = []

    def remember(response: Response) -> None:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            return
        downloads.append((response.url, len(body), len(gzip.compress(body))))

    page.on("response", remember)
    page.goto(base + "factoren/zorg/")
    page.wait_for_function("document.querySelector('[data-ib-zoekvak]').dataset.ibGestart === 'ja'")
    at_ready = len(downloads)
    page.locator("#ib-zoekvak-veld").press_sequentially("schulden", delay=120)
    page.wait_for_function(BOX_SHOWN, arg="schulden")
    page.wait_for_timeout(300)
    after = downloads[at_ready:]
    scripts = [d for d in downloads[:at_ready] if re.search(r"/ib-(zoekvak|zoekindex|stam)\.js", d[0])]
    figures["box_scripts"] = (sum(d[1] for d in scripts), sum(d[2] for d in scripts))
    figures["box_search"] = (sum(d[1] for d in after), sum(d[2] for d in after), len(after))
    for query in QUERIES:
        # The first two letters ask for nothing (the box waits for three): time the keys after them
        page.fill("#ib-zoekvak-veld", "")
        page.locator("#ib-zoekvak-veld").press_sequentially(query[:2], delay=150)
        page.wait_for_timeout(200)
        page.evaluate(BOX_CLEAR)
        page.locator("#ib-zoekvak-veld").press_sequentially(query[2:], delay=150)
        page.wait_for_function(BOX_SHOWN, arg=query)
        figures.setdefault("box_keystrokes_ms", []).extend(page.evaluate(BOX_LATENCIES))
        figures.setdefault("box_results", {})[query] = page.eval_on_selector_all(
            "[role=option] .ib-zoekvak__titel", "ts => ts.length"
        )
    context.close()
    return figures


# --- Report -----------------------------------------------------------------------


def kib(n: float) -> str:
    return f"{n / 1024:,.0f} KiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=5000, help="aantal synthetische voorbeelden (standaard 5000)")
    parser.add_argument("--keep", type=Path, help="bewaar het project hier in plaats van in een tijdelijke map")
    parser.add_argument(
        "--again",
        action="store_true",
        help="meet opnieuw in het project van --keep, zonder opnieuw te bouwen (kopieert de zoekscripts)",
    )
    args = parser.parse_args(argv)
    if args.again and not args.keep:
        parser.error("--again werkt alleen samen met --keep")
    temp = Path(tempfile.mkdtemp(prefix="ib-zoekbenchmark-")) if not args.keep else args.keep
    try:
        project = temp / "project"
        site = project / "site"
        if args.again:
            build_s = float("nan")
            for name in ("ib-stam.js", "ib-zoekindex.js", "ib-zoeken.js", "ib-zoekvak.js", "ib-selectie.js"):
                script = f"assets/javascripts/{name}"
                shutil.copy2(ROOT / "overrides" / script, site / script)
            args.count = len(list((project / "data" / "voorbeelden").glob("*.yml")))
        else:
            print(f"{args.count} synthetische voorbeelden maken in {project} ...", flush=True)
            make_project(project, args.count)
            print("Bouwen (mkdocs build --strict, met zoekindexen) ...", flush=True)
            build_s = build(project)
        bundle = site / zoekindex.INDEX_DIR
        started = time.perf_counter()
        zoekindex.write(site, load_catalog(project / "data"), ["nl", "en"], "nl")
        index_s = time.perf_counter() - started
        print("Meten in Chromium ...", flush=True)
        load_before = os.getloadavg()[0]
        browser = measure_browser(site)
        load_after = os.getloadavg()[0]
        keys = sorted(browser["keystrokes_ms"])
        p95 = keys[max(0, round(0.95 * len(keys)) - 1)]
        print()
        print(f"Voorbeelden: {args.count} (synthetisch), pagina's per taal: {args.count} + overzicht")
        print(
            f"Machine: {os.cpu_count()} kernen; belasting (load average) tijdens het meten"
            f" {load_before:.1f} tot {load_after:.1f}: andere processen vertragen alle tijden"
        )
        print(f"Hele build (beide talen, met zoekindexen): {build_s:.1f} s")
        print(f"Voorbeeldenindex bouwen (nl + en, scripts/zoekindex.py): {index_s:.1f} s")
        files = [p for p in bundle.rglob("*") if p.is_file()]
        print(f"Voorbeeldenindex op schijf: {kib(folder_bytes(bundle))} in {len(files)} bestanden")
        for prefix, name in (("index", "index.json"), ("t-", "termen (t-*.json)"), ("k-", "kaarten (k-*.json)")):
            part = [p for p in files if p.name.startswith(prefix)]
            raw = sum(p.stat().st_size for p in part)
            packed = sum(len(gzip.compress(p.read_bytes())) for p in part)
            print(f"  {name}: {kib(raw)} ({kib(packed)} gzip), grootste {kib(max(p.stat().st_size for p in part))}")
        meta = json.loads((bundle / "nl" / zoekindex.INDEX_FILE).read_text(encoding="utf-8"))
        print(f"In de index (nl): {meta['aantal']} voorbeelden en {meta['hoofdstukken']} delen van hoofdstukken")
        raw, gz = browser["page_html"]
        print(f"HTML van /voorbeelden/: {kib(raw)} ({kib(gz)} gzip)")
        raw, gz = browser["search_bytes"]
        print(
            f"Eerste zoekopdracht ('schulden'), alles voor zoeken: {kib(raw)} ({kib(gz)} gzip),"
            f" {browser['search_requests']} verzoeken"
        )
        print(f"  waarvan na het laden van de pagina (typen + resultaten): {kib(browser['after_ready_bytes'])}")
        first = browser["first_keystrokes_ms"]
        print(f"Eerste keer typen (koude index), per toets: {', '.join(f'{ms:.0f}' for ms in first)} ms")
        print(
            f"Toets tot resultaten ({len(keys)} toetsen, {len(QUERIES)} zoekopdrachten):"
            f" mediaan {statistics.median(keys):.0f} ms, p95 {p95:.0f} ms, max {keys[-1]:.0f} ms"
        )
        for query, text in browser["results"].items():
            print(f"  {query!r}: {text}")
        filters = ", ".join(f"{ms:.0f}" for ms in browser["filters_ms"])
        print(f"Filter kiezen tot resultaten (factor, dan + provincie, dan + thema): {filters} ms")
        print(f"  daarna: {browser['filter_result']}")
        raw, gz = browser["box_scripts"]
        print(f"Zoekvak in de kop: scripts op elke pagina {kib(raw)} ({kib(gz)} gzip)")
        raw, gz, requests = browser["box_search"]
        print(
            f"  eerste zoekopdracht ('schulden') in het zoekvak van een hoofdstuk: {kib(raw)} ({kib(gz)} gzip),"
            f" {requests} verzoeken (index.json, termen, kaarten)"
        )
        box = sorted(browser["box_keystrokes_ms"])
        box_p95 = box[max(0, round(0.95 * len(box)) - 1)]
        print(
            f"  toets tot suggesties ({len(box)} toetsen vanaf de derde letter):"
            f" mediaan {statistics.median(box):.0f} ms, p95 {box_p95:.0f} ms, max {box[-1]:.0f} ms"
        )
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
