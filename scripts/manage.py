"""One command for editors, developers and CI: ``python scripts/manage.py <task>``.

Why one entry point: the README, CI, pre-commit and the tests call the same tasks,
so what works for a new user on a fresh machine is what CI checks.

Tasks:
  check    validate every record; list all problems (exit 1 on errors)
  schema   show (or --write) the JSON Schema generated from scripts/schema.py
  build    validate, generate pages and build the site into site/ (or --site-dir); --pdf also makes the PDFs
  serve    build and serve on http://127.0.0.1:8000 with live reload
  test     the whole test suite: ruff, mypy, ESLint, the validator and pytest (browser tests included)
  nieuw    start a new example from the template (asks for title, factors and place)
  formulier  show (or --write) the issue form .github/ISSUE_TEMPLATE/voorbeeld.yml
  pdf      make the PDFs (each chapter, the whole book; per language) into docs/pdf/
  gates    run every quality gate on a fresh build; one line per gate with its figure
  handleiding  show (or --write) the message tables of data/redactiehandleiding.md
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from inspiratieboek.data import afspraken
from inspiratieboek.data.records import (
    DATA_DIR,
    SHOWN_PER_GROUP,
    Catalog,
    format_problems,
    load_catalog,
    vocabulary_errors,
)
from inspiratieboek.data.schema import schema_text, write_schema
from inspiratieboek.data.validate import errors, validate
from inspiratieboek.editors import (
    aandragen,
    guide,
    new_record,
    translations,
)
from inspiratieboek.publish import pdf
from inspiratieboek.site import address, begrippen
from inspiratieboek.site.build import mkdocs_command, mkdocs_env, run_build

ROOT = Path(__file__).resolve().parent.parent

JSLINT = Path("tests") / "jslint"
"""ESLint for overrides/assets/javascripts/: exact versions in its package-lock.json."""


def task_check(args: argparse.Namespace) -> int:
    """Validate all records and print every problem as file:line: field: message."""
    catalog = load_catalog(Path(args.data))
    problems = validate(catalog) + begrippen.glossary_problems(Path(args.data) / "begrippen.yml")
    fields = translations.untranslated_fields(catalog)
    chapters = translations.untranslated_chapters(ROOT / "docs")
    problems += fields + chapters
    if problems:
        print(format_problems(problems, None if getattr(args, "alles", False) else SHOWN_PER_GROUP))
    print(translations.summary(fields, chapters))
    bad = errors(problems)
    print(
        f"{len(catalog.records)} voorbeelden gecontroleerd: "
        + ("geen fouten." if not bad else f"{len(bad)} fout(en). Er wordt niets gebouwd tot ze zijn opgelost.")
    )
    return 1 if bad else 0


def _vocabulary_problems(catalog: Catalog) -> bool:
    """Print the problems of factoren.yml and lijsten.yml, if any: a schema or form made
    from a broken list would silently lose its allowed values."""
    broken = vocabulary_errors(catalog.problems)
    if broken:
        print(format_problems(broken))
    return bool(broken)


def task_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema, or write data/voorbeeld.schema.json (and data/afspraak.schema.json) with --write."""
    catalog = load_catalog(Path(args.data))
    if _vocabulary_problems(catalog):
        return 1
    if args.write:
        changed = write_schema(catalog.vocab, Path(args.data))
        print("schema bijgewerkt" if changed else "schema was al actueel")
        changed = afspraken.write_schema(catalog.vocab, Path(args.data))  # data/afspraak.schema.json
        print("afsprakenschema bijgewerkt" if changed else "afsprakenschema was al actueel")
    else:
        sys.stdout.write(schema_text(catalog.vocab))
    return 0


def _mkdocs(*arguments: str) -> int:
    return subprocess.call(mkdocs_command(*arguments), cwd=ROOT, env=mkdocs_env())


def task_build(args: argparse.Namespace) -> int:
    """Build the whole site (the hook validates and generates first)."""
    if task_check(args):
        return 1
    if not address.is_public(os.environ.get("SITE_URL")):
        print(address.MISSING, file=sys.stderr)
    if not aandragen.has_route(_extra(ROOT / "mkdocs.yml").get("aandragen") or {}):
        print(aandragen.NO_ROUTE_WARNING, file=sys.stderr)
    site_dir = Path(args.site_dir).resolve()
    if not args.pdf:
        return run_build(ROOT, site_dir, capture=False).returncode
    # Site and PDFs in one go: the PDFs are printed from a first build, the second
    # publishes them with their download links (the publish workflow uses this).
    code = run_build(ROOT, site_dir, quiet=True, capture=False).returncode
    if code:
        return code
    code = pdf.main(["--project", str(ROOT), "--site-dir", str(site_dir), "--out", str(ROOT / "docs" / "pdf")])
    return code or run_build(ROOT, site_dir, capture=False).returncode


def _extra(config_file: Path) -> dict:
    """``extra:`` of mkdocs.yml with ``!ENV`` values resolved, as MkDocs would read it."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as file:
        return dict((yaml_load(file) or {}).get("extra") or {})


def task_serve(args: argparse.Namespace) -> int:
    """Serve with live reload on 127.0.0.1; an edited record shows up after saving, a broken
    one as a banner over the last good site (scripts/inspiratieboek/site/preview.py)."""
    from inspiratieboek.site import preview

    return preview.serve(ROOT, args.port)


def _javascript_lint() -> list[list[str]]:
    """Install ESLint once (``npm ci``: the locked versions), then lint our scripts."""
    install = [["npm", "ci", "--prefix", str(JSLINT), "--no-audit", "--no-fund"]]
    eslint = str(JSLINT / "node_modules" / "eslint" / "bin" / "eslint.js")
    lint = ["node", eslint, "--config", str(JSLINT / "eslint.config.js"), "overrides/assets/javascripts"]
    return [*([] if (ROOT / JSLINT / "node_modules").is_dir() else install), lint]


TEST_WORKERS = 2
"""pytest-xdist workers for ``manage.py test``: both cores of the CI machine. The
suite is bound by the processor (Chromium, MkDocs), so more workers than cores gain
nothing: three and four workers took 366 s and 371 s against 357 s for two
(2026-12-04). Whole suite on two workers, same machine, quiet: 542 s in the morning,
321 s after the changes of 2026-12-04 (shared site, ready signals, shared tabs,
in-process refused builds, the longest modules first)."""


def _workers(pytest_args: list[str]) -> list[str]:
    """``-n 2`` unless the caller chose (``-n``/``--numprocesses``, or ``-p no:xdist``)."""
    chosen = any(a == "-n" or a.startswith(("-n", "--numprocesses", "no:xdist")) for a in pytest_args)
    # loadfile: a module's tests stay on one worker, so a long module fixture runs once (tests/conftest.py)
    return [] if chosen else ["-n", str(TEST_WORKERS), "--dist", "loadfile"]


def task_test(args: argparse.Namespace) -> int:
    """Run every check CI runs. Browser tests need Debian's Chromium; say so up front."""
    if not Path("/usr/bin/chromium").exists():
        print("Chromium ontbreekt. Installeer het eerst: sudo apt-get install chromium poppler-utils", file=sys.stderr)
        return 2
    if not shutil.which("npm"):
        print("Node.js en npm ontbreken. Installeer ze eerst: sudo apt-get install nodejs npm", file=sys.stderr)
        return 2
    steps = [
        [sys.executable, "-m", "ruff", "check", "scripts", "tests"],
        [sys.executable, "-m", "ruff", "format", "--check", "scripts", "tests"],
        [sys.executable, "-m", "mypy"],  # the files and rules are in pyproject.toml, [tool.mypy]
        *_javascript_lint(),
        [sys.executable, "-m", "pytest", *_workers(args.pytest_args), *args.pytest_args],
    ]
    for step in steps:
        print("+", " ".join(step[1:] if step[0] == sys.executable else step), flush=True)
        code = subprocess.call(step, cwd=ROOT, env=mkdocs_env())
        if code:
            return code
    return 0


def task_nieuw(args: argparse.Namespace) -> int:
    """Write data/voorbeelden/<id>.yml from the template; never overwrites."""
    return new_record.run(args, Path(args.data))


def task_formulier(args: argparse.Namespace) -> int:
    """Print the issue form, or write .github/ISSUE_TEMPLATE/voorbeeld.yml with --write."""
    catalog = load_catalog(Path(args.data))
    if _vocabulary_problems(catalog):
        return 1
    vocab = catalog.vocab
    if args.write:
        changed = aandragen.write_issue_form(vocab, ROOT)
        print("formulier bijgewerkt" if changed else "formulier was al actueel")
    else:
        sys.stdout.write(aandragen.issue_form_text(vocab))
    return 0


def task_handleiding(args: argparse.Namespace) -> int:
    """Print the guide's message tables, or write them into data/redactiehandleiding.md with --write."""
    if args.write:
        print("handleiding bijgewerkt" if guide.write_guide() else "handleiding was al actueel")
    else:
        sys.stdout.write(guide.render_tables())
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
    check = sub.add_parser("check", help="controleer alle voorbeelden")
    check.add_argument("--alles", action="store_true", help="toon elke melding (anders per soort de eerste vijf)")
    check.set_defaults(func=task_check)
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
    handleiding = sub.add_parser("handleiding", help="meldingen in data/redactiehandleiding.md tonen of bijwerken")
    handleiding.add_argument("--write", action="store_true")
    handleiding.set_defaults(func=task_handleiding)
    pdf_task = sub.add_parser("pdf", help="maak de PDF's van elk hoofdstuk en van het hele boek (met Chromium)")
    pdf_task.add_argument("--out", default=str(ROOT / "docs" / "pdf"), help="map voor de PDF's (standaard: docs/pdf/)")
    pdf_task.add_argument("--chromium", default=str(pdf.CHROMIUM), help="pad naar Chromium")
    pdf_task.add_argument("--site-dir", help="een al gebouwde site gebruiken (anders bouwt pdf zelf)")
    pdf_task.set_defaults(func=task_pdf)
    gates_task = sub.add_parser("gates", help="alle kwaliteitspoorten met hun cijfers (toegankelijkheid, privacy, ...)")
    gates_task.add_argument("--site-dir", help="controleer deze bestaande build in plaats van opnieuw te bouwen")
    gates_task.add_argument("--verbose", action="store_true", help="toon elke bevinding")
    gates_task.set_defaults(func=task_gates)
    argv = sys.argv[1:] if argv is None else argv
    args, extra = parser.parse_known_args(argv)
    if extra and args.task != "test":
        parser.error(f"onbekende argumenten: {' '.join(extra)}")
    if args.task == "test":
        args.pytest_args = argv[argv.index("test") + 1 :]  # as typed: "-k WORD" keeps its order
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
