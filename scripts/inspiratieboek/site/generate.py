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
from inspiratieboek.data.records import Catalog, DataError, load_catalog, problem
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.site import render
from inspiratieboek.site.editions import languages

log = logging.getLogger("mkdocs.plugins.ib")

DOCS_DIR = Path(__file__).resolve().parents[3] / "docs"
GENERATED = "voorbeelden"
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
MARKER_FILE = ".gegenereerd"
"""Present in the generated folder so we never clean a folder we did not make."""


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
    return {
        page.path: front_matter(page.meta) + page.body
        for lang in languages()
        for page in render.pages(catalog, lang, related)
    }


def write_pages(pages: dict[str, str], target: Path) -> WriteReport:
    """Write changed pages, remove stale ones; only inside our own generated folder."""
    report = WriteReport()
    if target.exists() and any(target.iterdir()) and not (target / MARKER_FILE).exists():
        # A DataError, not a crash: the build prints it as file: field: message and stops.
        shown = f"{target.parent.name}/{target.name}"
        raise DataError([problem(shown, 0, "(map)", say("site.foreign_folder"))])
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER_FILE).write_text("Gegenereerd uit data/voorbeelden; niet bewerken.\n", encoding="utf-8")
    for name, text in pages.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            report.unchanged += 1
            continue
        path.write_text(text, encoding="utf-8")
        report.written += 1
    for path in target.rglob("*.md"):
        if path.relative_to(target).as_posix() not in pages:
            path.unlink()
            report.removed += 1
    return report


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
    report = write_pages(build_pages(catalog), target)
    _written[target] = catalog
    log.info(
        "Voorbeelden: %d geschreven, %d ongewijzigd, %d verwijderd", report.written, report.unchanged, report.removed
    )
    return catalog, report
