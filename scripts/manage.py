"""One command for editors, developers and CI: ``python scripts/manage.py <task>``.

Why one entry point: the README, CI, pre-commit and the tests call the same tasks,
so what works for a new user on a fresh machine is what CI checks.

Tasks:
  check    validate every record; list all problems (exit 1 on errors)
  schema   show (or --write) the JSON Schema generated from scripts/schema.py
  build    validate, generate pages and build the site into site/ (or --site-dir); --pdf also makes the PDFs
  serve    build and serve on http://127.0.0.1:8000 with live reload
  test     the whole test suite: ruff, the validator and pytest (browser tests included)
  nieuw    start a new example from the template (asks for title, factors and place)
  formulier  show (or --write) the issue form .github/ISSUE_TEMPLATE/voorbeeld.yml
  pdf      make the PDFs (each chapter, the whole book; per language) into docs/pdf/
  gates    run every quality gate on a fresh build; one line per gate with its figure
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from inspiratieboek.data.records import DATA_DIR, format_problems, load_catalog
from inspiratieboek.data.schema import schema_text, write_schema
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.editors import (
    aandragen,
    new_record,
    translations,
)
from inspiratieboek.publish import pdf
from inspiratieboek.site import address

ROOT = Path(__file__).resolve().parent.parent

QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def task_check(args: argparse.Namespace) -> int:
    """Validate all records and print every problem as file:line: field: message."""
    catalog = load_catalog(Path(args.data))
    problems = validate(catalog)
    fields = translations.untranslated_fields(catalog)
    chapters = translations.untranslated_chapters(ROOT / "docs")
    problems += fields + chapters
    if problems:
        print(format_problems(problems))
    print(translations.summary(fields, chapters))
    bad = errors(problems)
    print(
        f"{len(catalog.records)} voorbeelden gecontroleerd: "
        + ("geen fouten." if not bad else f"{len(bad)} fout(en). Er wordt niets gebouwd tot ze zijn opgelost.")
    )
    return 1 if bad else 0


def task_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema, or write data/voorbeeld.schema.json with --write."""
    catalog = load_catalog(Path(args.data))
    if args.write:
        changed = write_schema(catalog.vocab, Path(args.data))
        print("schema bijgewerkt" if changed else "schema was al actueel")
    else:
        sys.stdout.write(schema_text(catalog.vocab))
    return 0


def _mkdocs(*arguments: str) -> int:
    env = os.environ | QUIET_ENV
    return subprocess.call([sys.executable, "-m", "mkdocs", *arguments], cwd=ROOT, env=env)


def task_build(args: argparse.Namespace) -> int:
    """Build the whole site (the hook validates and generates first)."""
    if task_check(args):
        return 1
    if not address.is_public(os.environ.get("SITE_URL")):
        print(address.MISSING, file=sys.stderr)
    site_dir = str(Path(args.site_dir).resolve())
    if not args.pdf:
        return _mkdocs("build", "--strict", "--site-dir", site_dir)
    # Site and PDFs in one go: the PDFs are printed from a first build, the second
    # publishes them with their download links (the publish workflow uses this).
    code = _mkdocs("build", "--strict", "--quiet", "--site-dir", site_dir)
    if code:
        return code
    code = pdf.main(["--project", str(ROOT), "--site-dir", site_dir, "--out", str(ROOT / "docs" / "pdf")])
    return code or _mkdocs("build", "--strict", "--site-dir", site_dir)


def task_serve(args: argparse.Namespace) -> int:
    """Serve with live reload on 127.0.0.1; an edited record shows up after saving, a broken
    one as a banner over the last good site (scripts/inspiratieboek/site/preview.py)."""
    from inspiratieboek.site import preview

    return preview.serve(ROOT, args.port)


def task_test(args: argparse.Namespace) -> int:
    """Run every check CI runs. Browser tests need Debian's Chromium; say so up front."""
    if not Path("/usr/bin/chromium").exists():
        print("Chromium ontbreekt. Installeer het eerst: sudo apt-get install chromium poppler-utils", file=sys.stderr)
        return 2
    steps = [
        [sys.executable, "-m", "ruff", "check", "scripts", "tests"],
        [sys.executable, "-m", "ruff", "format", "--check", "scripts", "tests"],
        [sys.executable, "-m", "pytest", *args.pytest_args],
    ]
    for step in steps:
        print("+", " ".join(step[1:]), flush=True)
        code = subprocess.call(step, cwd=ROOT, env=os.environ | QUIET_ENV)
        if code:
            return code
    return 0


def task_nieuw(args: argparse.Namespace) -> int:
    """Write data/voorbeelden/<id>.yml from the template; never overwrites."""
    return new_record.run(args, Path(args.data))


def task_formulier(args: argparse.Namespace) -> int:
    """Print the issue form, or write .github/ISSUE_TEMPLATE/voorbeeld.yml with --write."""
    vocab = load_catalog(Path(args.data)).vocab
    if args.write:
        changed = aandragen.write_issue_form(vocab, ROOT)
        print("formulier bijgewerkt" if changed else "formulier was al actueel")
    else:
        sys.stdout.write(aandragen.issue_form_text(vocab))
    return 0


def task_pdf(args: argparse.Namespace) -> int:
    """Make the PDFs with Chromium into docs/pdf/; the next build publishes them."""
    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    return pdf.main(["--out", args.out, "--chromium", args.chromium, *extra])


def task_gates(args: argparse.Namespace) -> int:
    """Accessibility, privacy, links, metadata, robustness, readability: the figures (scripts/gates.py)."""
    from inspiratieboek.quality import gates  # needs the test extras (Playwright); imported only for this task

    extra = ["--site-dir", args.site_dir] if args.site_dir else []
    return gates.main([*extra, *(["--verbose"] if args.verbose else [])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="manage.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(DATA_DIR), help="map met de gegevens (standaard: data/)")
    sub = parser.add_subparsers(dest="task", required=True)
    sub.add_parser("check", help="controleer alle voorbeelden").set_defaults(func=task_check)
    schema = sub.add_parser("schema", help="JSON Schema tonen of bijwerken")
    schema.add_argument("--write", action="store_true")
    schema.set_defaults(func=task_schema)
    build = sub.add_parser("build", help="bouw de site")
    build.add_argument("--site-dir", default=str(ROOT / "site"))
    build.add_argument("--pdf", action="store_true", help="maak ook de PDF's (met Chromium) en publiceer ze")
    build.set_defaults(func=task_build)
    serve = sub.add_parser("serve", help="bouw en toon de site met live herladen")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=task_serve)
    test = sub.add_parser("test", help="alle tests (ruff en pytest)")
    test.add_argument("pytest_args", nargs="*", help="extra argumenten voor pytest")
    test.set_defaults(func=task_test)
    nieuw = sub.add_parser("nieuw", help="begin een nieuw voorbeeld (vraagt titel, factoren en plaats)")
    new_record.add_arguments(nieuw)
    nieuw.set_defaults(func=task_nieuw)
    formulier = sub.add_parser("formulier", help="issueformulier Voorbeeld aandragen tonen of bijwerken")
    formulier.add_argument("--write", action="store_true")
    formulier.set_defaults(func=task_formulier)
    pdf_task = sub.add_parser("pdf", help="maak de PDF's van elk hoofdstuk en van het hele boek (met Chromium)")
    pdf_task.add_argument("--out", default=str(ROOT / "docs" / "pdf"), help="map voor de PDF's (standaard: docs/pdf/)")
    pdf_task.add_argument("--chromium", default=str(pdf.CHROMIUM), help="pad naar Chromium")
    pdf_task.add_argument("--site-dir", help="een al gebouwde site gebruiken (anders bouwt pdf zelf)")
    pdf_task.set_defaults(func=task_pdf)
    gates_task = sub.add_parser("gates", help="alle kwaliteitspoorten met hun cijfers (toegankelijkheid, privacy, ...)")
    gates_task.add_argument("--site-dir", help="controleer deze bestaande build in plaats van opnieuw te bouwen")
    gates_task.add_argument("--verbose", action="store_true", help="toon elke bevinding")
    gates_task.set_defaults(func=task_gates)
    args, extra = parser.parse_known_args(argv)
    if extra and args.task != "test":
        parser.error(f"onbekende argumenten: {' '.join(extra)}")
    if args.task == "test":
        args.pytest_args = [*args.pytest_args, *extra]
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
