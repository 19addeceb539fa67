"""Write the generated pages into ``docs/voorbeelden/`` (git-ignored).

Why real files: with mkdocs-static-i18n 1.3.1, in-memory pages crash the build and
mkdocs-gen-files pages are dropped (see the tooling notes). Markdown files written
before MkDocs collects its files work with every plugin and with another static
site generator later.

Files are written only when their text changes: ``mkdocs serve`` watches ``docs/``,
so rewriting identical files would trigger an endless rebuild loop. Validation
runs first; on any error nothing is written or deleted.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import yaml

from inspiratieboek.data.messages import say
from inspiratieboek.data.records import Catalog, DataError, Record, load_catalog, problem
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.site import render
from inspiratieboek.site.editions import languages
from inspiratieboek.site.editions_side_by_side import per_language

log = logging.getLogger("mkdocs.plugins.ib")

DOCS_DIR = Path(__file__).resolve().parents[3] / "docs"
GENERATED = "voorbeelden"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MARKER_FILE = ".gegenereerd"
"""Present in the generated folder so we never clean a folder we did not make."""


Related = dict[str, list[Record]]
"""Each example's related examples (``render.related_examples``), worked out once."""


@dataclass
class WriteReport:
    written: int = 0
    unchanged: int = 0
    removed: int = 0


def front_matter(meta: dict) -> str:
    """YAML front matter. Values are already HTML-escaped where the theme prints them raw."""
    dumped = yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return "---\n" + dumped + "---\n\n"


def build_pages(catalog: Catalog) -> dict[str, str]:
    """Every generated page: relative path -> Markdown text, both languages.

    :mod:`render` makes whole pages (path, front matter, body); this only joins them."""
    related = render.related_examples(catalog)
    return {path: text for lang in languages() for path, text in _language_pages(catalog, lang, related).items()}


def _language_pages(catalog: Catalog, lang: str, related: Related) -> dict[str, str]:
    return {page.path: front_matter(page.meta) + page.body for page in render.pages(catalog, lang, related)}


def _prepare(target: Path) -> None:
    """Make the folder and its marker, refusing a folder we did not make."""
    if target.exists() and any(target.iterdir()) and not (target / MARKER_FILE).exists():
        # A DataError, not a crash: the build prints it as file: field: message and stops.
        shown = f"{target.parent.name}/{target.name}"
        raise DataError([problem(shown, 0, "(map)", say("site.foreign_folder"))])
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER_FILE).write_text("Gegenereerd uit data/voorbeelden; niet bewerken.\n", encoding="utf-8")


def _write(pages: dict[str, str], target: Path) -> WriteReport:
    """Write the pages whose text changed."""
    report = WriteReport()
    for name, text in pages.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            report.unchanged += 1
            continue
        path.write_text(text, encoding="utf-8")
        report.written += 1
    return report


def _remove_stale(target: Path, pages: set[str]) -> int:
    """Remove generated pages that are no longer made; returns how many."""
    removed = 0
    for path in target.rglob("*.md"):
        if path.relative_to(target).as_posix() not in pages:
            path.unlink()
            removed += 1
    return removed


def _write_language(catalog: Catalog, related: Related, lang: str, target: Path) -> tuple[WriteReport, list[str]]:
    """Render and write one language's pages; their paths, for removing the stale ones."""
    pages = _language_pages(catalog, lang, related)
    return _write(pages, target), list(pages)


def write_catalog(catalog: Catalog, target: Path) -> WriteReport:
    """Render and write both languages' pages, each language in its own process where
    ``mkdocs build`` may fork (``editions_side_by_side.per_language``): at 1,000
    examples rendering and writing 2,052 pages took about 2.6 s on one core."""
    _prepare(target)
    related = render.related_examples(catalog)
    done = per_language(languages(), lambda lang: _write_language(catalog, related, lang, target))
    reports = [report for report, _paths in done.values()]
    kept = {path for _report, paths in done.values() for path in paths}
    return WriteReport(
        written=sum(r.written for r in reports),
        unchanged=sum(r.unchanged for r in reports),
        removed=_remove_stale(target, kept),
    )


_written: dict[Path, Catalog] = {}
"""Which catalog (by identity) was last written to which folder in this process.
mkdocs-static-i18n runs on_pre_build once per language; the second run would only
re-render identical pages."""


def generate(data_dir: Path | None = None, docs_dir: Path = DOCS_DIR) -> tuple[Catalog, WriteReport]:
    """Validate the data, then write the pages. Raises DataError and writes nothing on errors."""
    catalog = load_catalog(data_dir) if data_dir else load_catalog()
    target = docs_dir / GENERATED
    if _written.get(target) is catalog and (target / MARKER_FILE).exists():
        return catalog, WriteReport()
    problems = validate(catalog)
    if errors(problems):
        raise DataError(problems)
    report = write_catalog(catalog, target)
    _written[target] = catalog
    log.info(
        "Voorbeelden: %d geschreven, %d ongewijzigd, %d verwijderd", report.written, report.unchanged, report.removed
    )
    return catalog, report
